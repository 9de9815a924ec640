"""Output of `dsactl period` (one computed period) and of a calendar year's listing.

JSON first (``period_json``, ``calendar_json``): plain dicts with ISO dates, stable keys.
The tables (``print_period``, ``print_calendar``) show the same facts for people; every piece
of text that comes from a file or the command line goes through ``literal()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dsactl.law.dates import human
from dsactl.render.console import literal
from dsactl.render.structured import to_csv

if TYPE_CHECKING:
    from rich.console import Console

    from dsactl.law.calendars import Calendar
    from dsactl.law.periods import PeriodResult

PROJECTED_WARNING = (
    "Warning: this end date relies on projected public holidays (no published Commission "
    "decision for the days it looked at). Check it against the decision once published."
)


def period_json(result: PeriodResult) -> dict[str, Any]:
    """The result as JSON-ready data, keys in this order."""
    return {
        "start": result.start.isoformat(),
        "period": {"count": result.period.count, "unit": result.period.unit},
        "calendar": result.calendar,
        "end": result.end.isoformat(),
        "deadline": result.deadline.isoformat(),
        "projected": result.projected,
        "steps": [
            {"date": step.date.isoformat(), "rule": step.rule, "reason": step.reason}
            for step in result.steps
        ],
    }


def print_period(result: PeriodResult, console: Console) -> None:
    """The end date, the deadline instant in Brussels time, the steps, and any warning."""
    from rich.table import Table

    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    summary.add_row("Event", literal(human(result.start)))
    summary.add_row("Period", literal(str(result.period)))
    summary.add_row("Calendar", literal(result.calendar))
    summary.add_row("Ends", literal(human(result.end), style="bold"))
    summary.add_row("Deadline", literal(_instant(result)))
    console.print(summary)

    steps = Table(title=literal("How it was counted (Regulation 1182/71)"), title_justify="left")
    steps.add_column("#", justify="right")
    steps.add_column("Date", no_wrap=True)
    steps.add_column("Rule", no_wrap=True)
    steps.add_column("Reason", overflow="fold")
    for number, step in enumerate(result.steps, start=1):
        steps.add_row(
            str(number), literal(human(step.date)), literal(step.rule), literal(step.reason)
        )
    console.print(steps)
    if result.projected:
        console.print(literal(PROJECTED_WARNING, style="bold yellow"))


def _instant(result: PeriodResult) -> str:
    deadline = result.deadline
    offset = deadline.strftime("%z")
    return (
        f"{deadline.strftime('%Y-%m-%d %H:%M:%S')} {deadline.tzname()} "
        f"(UTC{offset[:3]}:{offset[3:]}, Europe/Brussels)"
    )


def calendar_json(calendar: Calendar, year: int) -> dict[str, Any]:
    """One year of a calendar: its status and every holiday with its source."""
    until = calendar.published_until(year)
    return {
        "calendar": calendar.name,
        "year": year,
        "status": calendar.year_status(year),
        "published_until": until.isoformat() if until is not None else None,
        "holidays": [
            {
                "date": holiday.date.isoformat(),
                "name": holiday.name,
                "source": holiday.source,
                "projected": holiday.projected,
            }
            for holiday in calendar.holidays_in(year)
        ],
    }


def print_calendar(calendar: Calendar, year: int, console: Console) -> None:
    """A table of the year's holidays, with a warning when any of them is projected."""
    from rich.table import Table

    status = calendar.year_status(year)
    until = calendar.published_until(year)
    holidays = calendar.holidays_in(year)
    table = Table(title=literal(f"{calendar.name} {year}: {status}"), title_justify="left")
    table.add_column("Date", no_wrap=True)
    table.add_column("Holiday")
    table.add_column("Source", overflow="fold")
    for holiday in holidays:
        name = holiday.name + (" (projected)" if holiday.projected else "")
        table.add_row(literal(human(holiday.date)), literal(name), literal(holiday.source))
    count = len(holidays)
    table.caption = literal(f"{count} public holiday{'' if count == 1 else 's'}")
    table.caption_justify = "left"
    console.print(table)
    if status == "projected":
        console.print(
            literal(
                f"Warning: no published decision for {year}; every day is projected from the "
                "usual pattern.",
                style="bold yellow",
            )
        )
    elif status == "partial" and until is not None:
        console.print(
            literal(
                f"Warning: the published decision was read up to {human(until)}; later days "
                "are projected from the usual pattern.",
                style="bold yellow",
            )
        )


CALENDAR_FIELDS = ("calendar", "year", "date", "name", "source", "projected")


def calendar_csv(calendar: Calendar, year: int) -> str:
    """The year's public holidays, one row each, with the columns of ``CALENDAR_FIELDS``."""
    document = calendar_json(calendar, year)
    rows = (
        (document["calendar"], document["year"], h["date"], h["name"], h["source"], h["projected"])
        for h in document["holidays"]
    )
    return to_csv(CALENDAR_FIELDS, rows)
