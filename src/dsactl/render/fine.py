"""Renderers for a fine report: a JSON-ready dict and a Rich table.

Rich is imported only inside the functions; every text that comes from a regime file or the
command line goes through ``literal`` so that markup or escape codes in it show as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dsactl.law.fines import DAYS_PER_YEAR, Cap, FineReport
from dsactl.law.money import grouped, plain
from dsactl.render.console import literal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

__all__ = ["REMINDER", "cap_json", "fine_json", "print_fine_table"]

REMINDER = (
    "These are legal maxima, not predictions of a fine. "
    f"Daily figures use the average daily turnover = annual / {DAYS_PER_YEAR}."
)

_BASES = {
    "turnover": "turnover",
    "income-or-turnover": "income or turnover",
    "revenue": "revenue",
    "average-daily-turnover": "average daily turnover",
    "average-daily-income-or-turnover": "average daily income or turnover",
}


def _opt(value: Any) -> str | None:
    return None if value is None else plain(value)


def cap_json(cap: Cap, report: FineReport) -> dict[str, Any]:
    """One cap as JSON: amounts are plain decimal strings with two decimals."""
    tier = cap.tier
    row: dict[str, Any] = {
        "tier": tier.id,
        "kind": tier.kind,
        "basis": tier.basis,
        "rate": format(tier.rate, "f"),
        "applies_to": tier.applies_to,
        "fixed": _opt(tier.fixed),
        "fixed_currency": report.regime.currency if tier.fixed is not None else None,
        "rule": cap.rule,
        "winner": cap.winner,
    }
    if tier.per_day:
        row["per_day"] = _opt(cap.per_day)
        row["days"] = cap.days
    row["amount"] = _opt(cap.amount)
    row["amount_eur"] = _opt(cap.amount_eur)
    return row


def fine_json(report: FineReport) -> dict[str, Any]:
    """The report as a JSON-ready dict (see the README for the shape)."""
    return {
        "regime": report.regime.id,
        "turnover": {"amount": plain(report.turnover), "currency": report.currency},
        "caps": [cap_json(cap, report) for cap in report.caps],
    }


def _basis_cell(cap: Cap) -> Text:
    """``DSA Art. 74(1)`` / ``6 % of turnover`` / ``tier 74-1``."""
    tier = cap.tier
    share = format((tier.rate * 100).normalize(), "f")
    per = " per day" if tier.per_day else ""
    text = literal(tier.basis, style="bold")
    text.append_text(literal(f"\n{share} %{per} of {_BASES.get(tier.applies_to, tier.applies_to)}"))
    text.append_text(literal(f"\ntier {tier.id}", style="dim"))
    return text


def _fixed_cell(cap: Cap, report: FineReport) -> Text:
    """The fixed amount, its value in the turnover currency, and which side won."""
    from rich.text import Text

    tier = cap.tier
    if tier.fixed is None:
        return Text("—")
    text = literal(f"{report.regime.currency} {grouped(tier.fixed)}")
    converted = cap.fixed_in_turnover_currency
    if converted is not None and report.currency != report.regime.currency:
        text.append_text(literal(f"\n= {report.currency} {grouped(converted)}", style="dim"))
    if cap.rule is not None and cap.winner is not None:
        side = "fixed amount" if cap.winner == "fixed" else "percentage"
        text.append(f"\nwhichever is {cap.rule}: {side}")
        if cap.sme:
            text.append(" (SME rule)", style="bold")
    return text


def _cap_cell(cap: Cap) -> Text:
    from rich.text import Text

    if cap.amount is None:
        return Text("per day only", style="dim")
    label = grouped(cap.amount)
    if cap.days is not None:
        label += f"\nfor {cap.days} day" + ("s" if cap.days != 1 else "")
    return literal(label, style="bold")


def _rates_line(report: FineReport) -> str:
    regime = report.regime
    line = f"Turnover: {report.currency} {grouped(report.turnover)}"
    eur_rate, rate = report.eur_rate, report.rate
    if eur_rate is not None and report.currency != "EUR":
        line += f"; EUR 1 = {report.currency} {format(eur_rate, 'f')}"
        if rate is not None and regime.currency == "EUR":
            line += " (also for the fixed amounts)"
            rate = None
    if rate is not None:
        line += f"; {regime.currency} 1 = {report.currency} {format(rate, 'f')} (fixed amounts)"
    return line


def _money_column(table: Table, header: str) -> None:
    # Amounts are never cut short: other columns wrap first, an amount only folds.
    table.add_column(literal(header), justify="right", no_wrap=True, overflow="fold")


def print_fine_table(report: FineReport, console: Console) -> None:
    """Print the caps as a table, then the turnover, the rates used, notes and a reminder."""
    from rich.table import Table

    regime = report.regime
    has_daily = any(cap.tier.per_day for cap in report.caps)
    has_fixed = any(cap.tier.fixed is not None for cap in report.caps)
    has_eur = report.currency != "EUR" and any(c.amount_eur is not None for c in report.caps)

    table = Table(title=literal(f"{regime.name} ({regime.law})"), title_justify="left")
    # No column is ever cut short with an ellipsis: narrow terminals fold text instead.
    table.add_column("Basis", overflow="fold")
    if has_fixed:
        table.add_column("Fixed amount", justify="right", overflow="fold")
    if has_daily:
        _money_column(table, f"Per day ({report.currency})")
    _money_column(table, f"Maximum ({report.currency})")
    if has_eur:
        _money_column(table, "Maximum (EUR)")

    for cap in report.caps:
        cells: list[Text | str] = [_basis_cell(cap)]
        if has_fixed:
            cells.append(_fixed_cell(cap, report))
        if has_daily:
            cells.append(grouped(cap.per_day) if cap.per_day is not None else "—")
        cells.append(_cap_cell(cap))
        if has_eur:
            cells.append(grouped(cap.amount_eur) if cap.amount_eur is not None else "—")
        table.add_row(*cells)

    console.print(table)
    console.print(literal(_rates_line(report)))
    if report.currency != "EUR" and report.eur_rate is None:
        console.print(literal("No EUR column: no EUR exchange rate was given.", style="dim"))
    for note in regime.notes:
        console.print(literal(f"Note: {note}", style="dim"))
    console.print(literal(f"Source: {regime.source}", style="dim"))
    console.print(literal(REMINDER, style="italic"))
