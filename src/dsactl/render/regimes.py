"""`dsactl regimes`: the fine regimes and their tiers, with articles and sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dsactl.law.money import plain
from dsactl.law.regimes import Regime
from dsactl.render.structured import to_csv
from dsactl.shown import shown_path

if TYPE_CHECKING:
    from rich.console import Console


def regimes_json(regimes: Sequence[Regime]) -> list[dict[str, Any]]:
    return [
        {
            "id": regime.id,
            "name": regime.name,
            "law": regime.law,
            "currency": regime.currency,
            "source": regime.source,
            "file": shown_path(regime.path) if regime.path else None,
            "notes": list(regime.notes),
            "tiers": [
                {
                    "id": tier.id,
                    "kind": tier.kind,
                    "article": tier.article,
                    "basis": tier.basis,
                    "rate": format(tier.rate, "f"),
                    "applies_to": tier.applies_to,
                    "fixed": plain(tier.fixed) if tier.fixed is not None else None,
                    "rule": tier.rule,
                    "sme_rule": tier.sme_rule,
                    "per_day": tier.per_day,
                    "undertaking_only": tier.undertaking_only,
                    "description": tier.description,
                    "source": tier.source,
                }
                for tier in regime.tiers
            ],
        }
        for regime in regimes
    ]


def print_regimes(regimes: Sequence[Regime], console: Console, *, detail: bool) -> None:
    from rich.table import Table

    from dsactl.law.money import grouped
    from dsactl.render.console import literal

    for index, regime in enumerate(regimes):
        if index:
            console.print()
        title = literal(f"{regime.id}: {regime.name} ({regime.law})", style="bold")
        table = Table(title=title, title_justify="left")
        table.add_column("Tier", no_wrap=True)
        table.add_column("Article", no_wrap=True)
        table.add_column("Cap", overflow="fold")
        table.add_column("Description" if detail else "Kind", overflow="fold", ratio=1)
        for tier in regime.tiers:
            share = format((tier.rate * 100).normalize(), "f")
            cap = f"{share} %" + (" per day" if tier.per_day else "")
            cap += f" of {tier.applies_to.replace('-', ' ')}"
            if tier.fixed is not None:
                cap += f"\nor {regime.currency} {grouped(tier.fixed)}, whichever is {tier.rule}"
            if tier.sme_rule:
                cap += f"\n(SMEs: whichever is {tier.sme_rule})"
            if tier.undertaking_only:
                cap += "\n(not an undertaking: the fixed amount only)"
            text = tier.description if detail else tier.kind
            if detail:
                text += f"\nSource: {tier.source}"
            table.add_row(literal(tier.id), literal(tier.article), literal(cap), literal(text))
        console.print(table)
        console.print(literal(f"Source: {regime.source}", style="dim"))
        if detail:
            for note in regime.notes:
                console.print(literal(f"Note: {note}", style="dim"))


REGIME_FIELDS = (
    "regime",
    "currency",
    "tier",
    "kind",
    "basis",
    "rate",
    "applies_to",
    "fixed",
    "rule",
    "sme_rule",
    "per_day",
    "description",
    "source",
)


def regimes_csv(regimes: Sequence[Regime]) -> str:
    """One row per tier of each regime, with the columns of ``REGIME_FIELDS``."""
    rows = (
        (regime["id"], regime["currency"], tier["id"], *(tier[f] for f in REGIME_FIELDS[3:]))
        for regime in regimes_json(regimes)
        for tier in regime["tiers"]
    )
    return to_csv(REGIME_FIELDS, rows)
