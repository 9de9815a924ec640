"""`dsactl period` and `dsactl calendar`: legal time under Regulation (EEC, Euratom) 1182/71."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from dsactl.cli.app import (
    CalendarFileOpt,
    CalendarOpt,
    OutputOpt,
    app,
    existing,
    guard,
)
from dsactl.cli.output import Outputs

if TYPE_CHECKING:
    from rich.console import Console

    from dsactl.law.calendars import Calendar
    from dsactl.law.periods import PeriodResult


def _period_table(result: "PeriodResult", console: "Console") -> None:
    from dsactl.render.period import print_period

    print_period(result, console)


def _period_json(result: "PeriodResult") -> Any:
    from dsactl.render.period import period_json

    return period_json(result)


def _calendar_table(year: "tuple[Calendar, int]", console: "Console") -> None:
    from dsactl.render.period import print_calendar

    print_calendar(year[0], year[1], console)


def _calendar_json(year: "tuple[Calendar, int]") -> Any:
    from dsactl.render.period import calendar_json

    return calendar_json(year[0], year[1])


PERIOD: "Outputs[PeriodResult]" = Outputs(table=_period_table, document=_period_json)


def _calendar_csv(year: "tuple[Calendar, int]") -> str:
    from dsactl.render.period import calendar_csv

    return calendar_csv(year[0], year[1])


CALENDAR: "Outputs[tuple[Calendar, int]]" = Outputs(
    table=_calendar_table, document=_calendar_json, documents={"csv": _calendar_csv}
)


def _calendar(name: str, files: list[Path] | None) -> "Calendar":
    from dsactl.casefile.calendarfile import load_calendar_file
    from dsactl.law.calendars import get_calendar

    years = [load_calendar_file(p) for p in existing(files, "--calendar-file")]
    return get_calendar(name, years)


PERIOD_EPILOG = """Examples:

  dsactl period 2024-03-14 "10 days"
      -> Mon 25 Mar 2024 (Sun 24 Mar, Art. 3(4))

  dsactl period 2024-03-25 "5 working days"
      -> Thu 4 Apr 2024 (Easter 2024)

  dsactl period 2024-01-31 1m --format json

  dsactl period 2025-03-10 2w --calendar IE

Periods: N days|weeks|months|years|working days, or Nd, Nw, Nm, Ny, Nwd.
"""


@app.command(epilog=PERIOD_EPILOG)
def period(
    start: Annotated[str, typer.Argument(metavar="START", help="The event day, YYYY-MM-DD.")],
    length: Annotated[
        str, typer.Argument(metavar="PERIOD", help='e.g. "10 working days", 2w, 1m, 10wd.')
    ],
    calendar: CalendarOpt = "eu-commission",
    calendar_file: CalendarFileOpt = None,
    fmt: Annotated[Optional[str], PERIOD.option()] = None,  # noqa: UP045
    output: OutputOpt = None,
) -> None:
    """When a period counted from START ends, by Regulation 1182/71, with each step explained.

    The day of the event does not count (Art. 3(1)); a period ending on a Saturday, Sunday or
    public holiday runs to the end of the next working day (Art. 3(4)); any period of two days
    or more contains at least two working days (Art. 3(5)). The deadline is 23:59:59 Brussels
    time on the last day.
    """
    with guard():
        from dsactl.law.dates import parse_date
        from dsactl.law.periods import compute_deadline, parse_period

        result = compute_deadline(
            parse_date(start, option="start"),
            parse_period(length),
            _calendar(calendar, calendar_file),
        )
        PERIOD.write(fmt, result, output)


@app.command(
    name="calendar",
    epilog="""Examples:

  dsactl calendar 2024

  dsactl calendar 2025 --calendar IE --format json
""",
)
def calendar_command(
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Argument(
            metavar="YEAR", help="The year (default: this year in Brussels).", min=1583, max=4099
        ),
    ] = None,
    calendar: CalendarOpt = "eu-commission",
    calendar_file: CalendarFileOpt = None,
    fmt: Annotated[Optional[str], CALENDAR.option()] = None,  # noqa: UP045
    output: OutputOpt = None,
) -> None:
    """List a year's public holidays with their source, and whether the year is published or
    projected from the usual pattern."""
    with guard():
        from dsactl.law.dates import today_brussels

        chosen = _calendar(calendar, calendar_file)
        the_year = year if year is not None else today_brussels().year
        CALENDAR.write(fmt, (chosen, the_year), output)
