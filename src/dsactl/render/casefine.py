"""Fine caps for a platform (and for several regimes at once) as JSON or terminal tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dsactl.law.money import grouped, plain
from dsactl.render.fine import fine_json, print_fine_table
from dsactl.shown import shown_path

if TYPE_CHECKING:
    from rich.console import Console

    from dsactl.docket.exposure import ImposedComparison, PlatformFines
    from dsactl.law.fines import FineReport


def reports_json(reports: Sequence[FineReport]) -> dict[str, Any]:
    """The first regime in the documented ``{"regime", "turnover", "caps"}`` shape; with more
    than one regime, every report also under ``"regimes"``."""
    document = fine_json(reports[0])
    if len(reports) > 1:
        document["regimes"] = [fine_json(r) for r in reports]
    # Every regime's warnings, each once (the first regime's own are under "regimes" too).
    document["warnings"] = list(dict.fromkeys(w for r in reports for w in r.warnings))
    return document


def _imposed_json(item: ImposedComparison) -> dict[str, Any]:
    fine, cap = item.fine, item.cap
    return {
        "id": fine.id,
        "date": fine.date.isoformat(),
        "amount": plain(fine.amount),
        "currency": fine.currency,
        "basis": fine.basis,
        "regime": item.regime.id if item.regime else None,
        "tier": item.tier.id if item.tier else None,
        "year_end": item.turnover.year_end.isoformat() if item.turnover else None,
        "estimate": item.turnover.estimate if item.turnover else None,
        "cap": plain(cap.amount) if cap and cap.amount is not None else None,
        "cap_currency": item.turnover.currency if cap and item.turnover else None,
        "cap_in_fine_currency": plain(item.cap_in_fine_currency)
        if item.cap_in_fine_currency is not None
        else None,
        "share_percent": format(item.share, "f") if item.share is not None else None,
        "notes": list(item.notes),
    }


def platform_fines_json(result: PlatformFines) -> dict[str, Any]:
    case, turnover = result.case, result.turnover
    document: dict[str, Any] = {
        "platform": case.platform.name,
        "provider": case.platform.provider,
        "file": shown_path(case.path),
        "as_of": result.as_of.isoformat(),
    }
    document.update(fine_json(result.reports[0]))
    document["turnover"].update(
        {
            "year_end": turnover.year_end.isoformat(),
            "estimate": turnover.estimate,
            "eur_rate": format(turnover.eur_rate, "f") if turnover.eur_rate else None,
            "source": turnover.source,
        }
    )
    document["regimes"] = [fine_json(r) for r in result.reports]
    document["imposed"] = [_imposed_json(i) for i in result.imposed]
    document["warnings"] = list(result.warnings)
    document["left_out"] = result.left_out.as_dict()
    return document


def print_reports(reports: Sequence[FineReport], console: Console) -> None:
    for index, report in enumerate(reports):
        if index:
            console.print()
        print_fine_table(report, console)


def print_platform_fines(result: PlatformFines, console: Console, *, header: bool = True) -> None:
    from rich.table import Table

    from dsactl.render.console import literal

    case, turnover = result.case, result.turnover
    estimate = " (estimate)" if turnover.estimate else ""
    if header:
        console.print(literal(f"{case.platform.name} — {case.platform.provider}", style="bold"))
    console.print(
        literal(
            f"Preceding financial year as of {result.as_of}: ended {turnover.year_end}, "
            f"{turnover.currency} {grouped(turnover.amount)}{estimate}"
        )
    )
    if turnover.source:
        console.print(literal(f"Turnover source: {turnover.source}", style="dim"))
    for warning in result.warnings:
        console.print(literal(f"Warning: {warning}", style="yellow"))
    left_out = result.left_out.describe(result.as_of)
    if header and left_out is not None:  # without the header, the caller has said it
        console.print(literal(left_out, style="yellow"))
    console.print()
    print_reports(result.reports, console)
    if not result.imposed:
        return
    table = Table(title="Fines imposed, against the cap on their date", title_justify="left")
    table.add_column("Date", no_wrap=True)
    table.add_column("Fine", justify="right", no_wrap=True)
    table.add_column("Basis", overflow="fold", min_width=16)
    table.add_column("Cap on that date", justify="right", no_wrap=True)
    table.add_column("Share of cap", justify="right", no_wrap=True)
    for item in result.imposed:
        cap = (
            f"{item.fine.currency} {grouped(item.cap_in_fine_currency)}"
            if item.cap_in_fine_currency is not None
            else "—"
        )
        if item.turnover is not None and item.cap is not None:
            cap += f"\nyear ended {item.turnover.year_end}"
        table.add_row(
            item.fine.date.isoformat(),
            literal(f"{item.fine.currency} {grouped(item.fine.amount)}"),
            literal(item.fine.basis),
            cap,
            f"{item.share} %" if item.share is not None else "—",
        )
    console.print()
    console.print(table)
    for item in result.imposed:
        for note in item.notes:
            console.print(literal(f"{item.fine.date} {item.fine.id}: {note}", style="dim"))
