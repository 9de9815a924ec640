"""`dsactl deadlines`: every reply deadline at a glance, or as a document (JSON, CSV, ICS, …)."""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dsactl.cli.app import (
    AsOfOpt,
    CalendarFileOpt,
    OnlyOpt,
    OutputOpt,
    PathsArg,
    RulesFileOpt,
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

    from dsactl.docket.deadlines import Only, Row


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


def _document(fmt: DeadlineFormat, rows: "list[Row]", day: "date", hidden: int) -> str:
    if fmt is DeadlineFormat.ics:
        from datetime import UTC, datetime

        from dsactl.render.ics import deadlines_ics

        return deadlines_ics(rows, stamp=datetime.now(UTC))
    if fmt is DeadlineFormat.markdown:
        from dsactl.render.markdown import deadlines_markdown

        return deadlines_markdown(rows, day, hidden)
    from dsactl.render import deadlines as render

    if fmt is DeadlineFormat.csv:
        return render.deadlines_csv(rows)
    return render.deadlines_json(rows, day)


@app.command(epilog=EPILOG)
def deadlines(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    include_all: Annotated[
        bool,
        typer.Option("--all", help="Include answered requests, filed obligations and past ones."),
    ] = False,
    soon: SoonOpt = 7,
    only: OnlyOpt = None,
    calendar_file: CalendarFileOpt = None,
    rules_file: RulesFileOpt = None,
    fmt: Annotated[DeadlineFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DeadlineFormat.table
    ),
    output: OutputOpt = None,
) -> None:
    """List every deadline, soonest first, with days and working days left and status:
    replies to requests, periods set by decisions, and the statutory obligations generated
    from each case's rule sets (the next 365 days, and any overdue).

    A file with tracking = "public" shows a past date without a recorded reply as `past`
    (replies are not public), not overdue; past, answered and filed rows are left out unless
    --all is given. The calendar export (--format ics) has one all-day event per open
    deadline, with a UID that stays the same across exports (re-importing updates instead of
    duplicating) and reminders 7 days and 1 day before.
    """
    with guard():
        from dsactl.casefile.discovery import find_case_files
        from dsactl.docket.deadlines import DONE, all_rows
        from dsactl.docket.load import load_docket

        day = as_of_day(as_of)
        extra = existing(calendar_file, "--calendar-file")
        extra += existing(rules_file, "--rules-file")
        docket = load_docket(find_case_files(paths), day, extra_files=extra)
        which: Only | None = None
        if only is not None:
            which = "requests" if only.value == "requests" else "obligations"
        every = all_rows(docket.cases, day, docket.resolver, include_done=True, soon=soon,
                         only=which)  # fmt: skip
        rows = every if include_all else [r for r in every if r.status not in DONE]
        hidden = len(every) - len(rows)
        if fmt is DeadlineFormat.table:
            from dsactl.render.deadlines import print_deadlines

            show(lambda console: print_deadlines(rows, day, console, hidden=hidden), output)
        else:
            emit(_document(fmt, rows, day, hidden), output)
        if docket.errors:
            report_errors(docket.errors)
            raise typer.Exit(EXIT_DATA)
