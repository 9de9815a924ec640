"""`dsactl deadlines`: every reply deadline at a glance, or as a document (JSON, CSV, ICS, …)."""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dsactl.cli.app import (
    AsOfOpt,
    CalendarFileOpt,
    OutputOpt,
    PathsArg,
    SoonOpt,
    app,
    as_of_day,
    emit,
    existing,
    guard,
    report_errors,
    show,
)
from dsactl.errors import EXIT_DATA

if TYPE_CHECKING:
    from datetime import date

    from dsactl.docket.deadlines import DeadlineRow


class DeadlineFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    ics = "ics"
    markdown = "markdown"


EPILOG = """Examples:

  dsactl deadlines cases/ --as-of 2024-03-15 --soon 14

  dsactl deadlines --format json

  dsactl deadlines --format ics -o dsa-deadlines.ics      (import into any calendar)

  dsactl deadlines --format markdown                      (paste into a ticket or wiki)
"""


def _document(fmt: DeadlineFormat, rows: "list[DeadlineRow]", day: "date") -> str:
    if fmt is DeadlineFormat.ics:
        from datetime import UTC, datetime

        from dsactl.render.ics import deadlines_ics

        return deadlines_ics(rows, stamp=datetime.now(UTC))
    if fmt is DeadlineFormat.markdown:
        from dsactl.render.markdown import deadlines_markdown

        return deadlines_markdown(rows, day)
    from dsactl.render import deadlines as render

    return render.deadlines_csv(rows) if fmt is DeadlineFormat.csv else render.deadlines_json(rows)


@app.command(epilog=EPILOG)
def deadlines(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    include_all: Annotated[bool, typer.Option("--all", help="Include answered requests.")] = False,
    soon: SoonOpt = 7,
    calendar_file: CalendarFileOpt = None,
    fmt: Annotated[DeadlineFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DeadlineFormat.table
    ),
    output: OutputOpt = None,
) -> None:
    """List every reply deadline, soonest first, with days and working days left and status.

    The calendar export (--format ics) has one all-day event per request, with a UID that
    stays the same across exports (re-importing updates instead of duplicating) and reminders
    7 days and 1 day before; answered requests are cancelled events (STATUS:CANCELLED, same
    UID), so a calendar that imported them earlier removes them.
    """
    with guard():
        from dsactl.casefile.discovery import find_case_files
        from dsactl.docket.deadlines import deadline_rows
        from dsactl.docket.load import load_docket

        day = as_of_day(as_of)
        extra = existing(calendar_file, "--calendar-file")
        docket = load_docket(find_case_files(paths), day, extra_files=extra)
        # The calendar export always carries answered requests, as cancelled events, so
        # that a calendar which imported them earlier removes them.
        answered = include_all or fmt is DeadlineFormat.ics
        rows = deadline_rows(
            docket.cases, day, include_answered=answered, soon=soon, resolver=docket.resolver
        )
        if fmt is DeadlineFormat.table:
            from dsactl.render.deadlines import print_deadlines

            show(lambda console: print_deadlines(rows, day, console), output)
        else:
            emit(_document(fmt, rows, day), output)
        if docket.errors:
            report_errors(docket.errors)
            raise typer.Exit(EXIT_DATA)
