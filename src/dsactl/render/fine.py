"""Renderers for a fine report: a JSON-ready dict and a Rich table.

Rich is imported only inside the functions; every text that comes from a regime file or the
command line goes through ``literal`` so that markup or escape codes in it show as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dsactl.law.fines import Cap, FineReport
from dsactl.law.money import grouped, plain
from dsactl.render.console import literal

if TYPE_CHECKING:
    from decimal import Decimal

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

__all__ = ["REMINDER", "cap_json", "divisor_line", "fine_json", "print_fine_table"]

REMINDER = "These are legal maxima, not predictions of a fine."

_BASES = {
    "turnover": "turnover",
    "income-or-turnover": "income or turnover",
    "revenue": "revenue",
    "average-daily-turnover": "average daily turnover",
    "average-daily-income-or-turnover": "average daily income or turnover",
}


def _opt(value: Any) -> str | None:
    return None if value is None else plain(value)


def divisor_line(report: FineReport) -> str:
    """Which divisor the average daily turnover used, and why."""
    days = report.year_days
    if report.year_days_known:
        why = f"the days of the financial year ({days})"
    elif days == 366:
        why = "366, as asked (a financial year containing 29 February)"
    else:
        why = "365, a convention: the length of the financial year is not known (give the "
        why += "year end in a case file, or --year-days 366 for a year containing 29 February)"
    return f"Daily figures use the average daily turnover = annual / {why}."


def computation(cap: Cap, report: FineReport) -> str | None:
    """How a periodic total was computed: from the exact daily amount, truncated once."""
    tier = cap.tier
    if not tier.per_day or cap.days is None or cap.amount is None or cap.per_day is None:
        return None
    share = format((tier.rate * 100).normalize(), "f")
    text = (
        f"{tier.basis} for {cap.days} day(s): {report.currency} {grouped(report.turnover)} × "
        f"{share} % × {cap.days} ÷ {report.year_days} = {report.currency} "
        f"{grouped(cap.amount)}, computed from the exact daily amount and truncated to the cent "
        "once"
    )
    shown = cap.per_day * cap.days
    if shown != cap.amount:
        text += (
            f"; the per-day figure shown ({grouped(cap.per_day)}) is itself truncated, so "
            f"{grouped(cap.per_day)} × {cap.days} = {grouped(shown)} is "
            f"{report.currency} {grouped(cap.amount - shown)} less"
        )
    return text


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
    if tier.fixed is not None:
        # Both sides of "whichever is higher/lower", in the turnover currency.
        row["percentage_amount"] = _opt(cap.percentage_amount) if cap.undertaking else None
        row["fixed_in_turnover_currency"] = _opt(cap.fixed_in_turnover_currency)
        row["undertaking"] = cap.undertaking
    if tier.per_day:
        row["per_day"] = _opt(cap.per_day)
        row["per_day_eur"] = _opt(cap.per_day_eur)
        row["days"] = cap.days
        row["year_days"] = report.year_days
        row["computation"] = computation(cap, report)
    row["amount"] = _opt(cap.amount)
    row["amount_eur"] = _opt(cap.amount_eur)
    if report.currency != report.regime.currency and report.rate is not None:
        row["amount_regime_currency"] = _opt(cap.amount_regime)
        if tier.per_day:
            row["per_day_regime_currency"] = _opt(cap.per_day_regime)
    return row


def fine_json(report: FineReport) -> dict[str, Any]:
    """The report as a JSON-ready dict (see the README for the shape)."""
    return {
        "regime": report.regime.id,
        "turnover": {"amount": plain(report.turnover), "currency": report.currency},
        "caps": [cap_json(cap, report) for cap in report.caps],
        "regime_currency": report.regime.currency,
        "rate": format(report.rate, "f") if report.rate is not None else None,
        "year_days": report.year_days,
        "not_undertaking": report.not_undertaking,
        "warnings": list(report.warnings),
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
    """Both sides of "whichever is higher/lower": the fixed amount (and its value in the
    turnover currency), the percentage amount, and which one gives the cap."""
    from rich.text import Text

    tier = cap.tier
    if tier.fixed is None:
        return Text("—")
    text = literal(f"{report.regime.currency} {grouped(tier.fixed)}")
    converted = cap.fixed_in_turnover_currency
    if converted is not None and report.currency != report.regime.currency:
        text.append_text(literal(f"\n= {report.currency} {grouped(converted)}", style="dim"))
    if not cap.undertaking:
        text.append("\nnot an undertaking: fixed amount only")
        return text
    share = format((tier.rate * 100).normalize(), "f")
    text.append_text(
        literal(f"\n{share} %: {report.currency} {grouped(cap.percentage_amount)}", style="dim")
    )
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


def _other_currency_cell(amount: Decimal | None, per_day: Decimal | None) -> str:
    """A cap in EUR or in the regime currency; a daily maximum says "per day"."""
    if amount is not None and per_day is not None:
        return f"{grouped(amount)}\n{grouped(per_day)} a day"
    if amount is not None:
        return grouped(amount)
    if per_day is not None:
        return f"{grouped(per_day)}\nper day"
    return "—"


def _rates_line(report: FineReport) -> str:
    regime = report.regime
    line = f"Turnover: {report.currency} {grouped(report.turnover)}"
    eur_rate, rate = report.eur_rate, report.rate
    if eur_rate is not None and report.currency != "EUR":
        line += f"; EUR 1 = {report.currency} {format(eur_rate, 'f')}"
        if rate is not None and regime.currency == "EUR":
            if regime.has_fixed:
                line += " (also for the fixed amounts)"
            rate = None
    if rate is not None:
        use = "fixed amounts and the caps in " + regime.currency
        line += f"; {regime.currency} 1 = {report.currency} {format(rate, 'f')} ({use})"
    return line


def _money_column(table: Table, header: str) -> None:
    # Amounts are never cut short: other columns wrap first, an amount only folds.
    table.add_column(literal(header), justify="right", no_wrap=True, overflow="fold")


def print_fine_table(report: FineReport, console: Console) -> None:
    """Print the caps as a table, then the turnover, the rates used, notes and a reminder."""
    from rich.table import Table

    regime = report.regime
    caps = report.caps
    has_daily = any(cap.tier.per_day for cap in caps)
    has_fixed = any(cap.tier.fixed is not None for cap in caps)
    has_eur = report.currency != "EUR" and any(
        c.amount_eur is not None or c.per_day_eur is not None for c in caps
    )
    has_own = regime.currency not in ("EUR", report.currency) and any(
        c.amount_regime is not None or c.per_day_regime is not None for c in caps
    )

    table = Table(title=literal(f"{regime.name} ({regime.law})"), title_justify="left")
    # No column is ever cut short with an ellipsis: narrow terminals fold text instead.
    table.add_column("Basis", overflow="fold")
    if has_fixed:
        table.add_column("Fixed amount", justify="right", overflow="fold")
    if has_daily:
        _money_column(table, f"Per day ({report.currency})")
    _money_column(table, f"Maximum ({report.currency})")
    if has_own:
        _money_column(table, f"Maximum ({regime.currency})")
    if has_eur:
        _money_column(table, "Maximum (EUR)")

    for cap in caps:
        cells: list[Text | str] = [_basis_cell(cap)]
        if has_fixed:
            cells.append(_fixed_cell(cap, report))
        if has_daily:
            cells.append(grouped(cap.per_day) if cap.per_day is not None else "—")
        cells.append(_cap_cell(cap))
        if has_own:
            cells.append(_other_currency_cell(cap.amount_regime, cap.per_day_regime))
        if has_eur:
            cells.append(_other_currency_cell(cap.amount_eur, cap.per_day_eur))
        table.add_row(*cells)

    console.print(table)
    console.print(literal(_rates_line(report)))
    if report.not_undertaking:
        console.print(
            literal(
                "Not an undertaking: where the law gives the percentage only for an undertaking, "
                "the fixed amount alone is the cap."
            )
        )
    if report.currency != "EUR" and report.eur_rate is None and not has_eur:
        console.print(literal("No EUR column: no EUR exchange rate was given.", style="dim"))
    for cap in caps:
        line = computation(cap, report)
        if line is not None:
            console.print(literal(f"Computed: {line}.", style="dim"))
    for note in regime.notes:
        console.print(literal(f"Note: {note}", style="dim"))
    console.print(literal(f"Source: {regime.source}", style="dim"))
    reminder = REMINDER
    if has_daily:
        reminder += " " + divisor_line(report)
    console.print(literal(reminder, style="italic"))
