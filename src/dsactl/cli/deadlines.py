"""`dsactl deadlines`: every reply deadline at a glance, or as a document (JSON, CSV, ICS, …)."""

from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple, Optional

import typer

from dsactl.cli.app import (
    AsOfOpt,
    CalendarFileOpt,
    Only,
    OnlyOpt,
    OutputOpt,
    PathsArg,
    RulesFileOpt,
    SoonOpt,
    app,
    as_of_day,
    existing,
    finish,
    guard,
    load,
)
from dsactl.cli.output import Outputs, with_skipped

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from rich.console import Console

    from dsactl.docket.deadlines import Row


class Deadlines(NamedTuple):
    rows: "list[Row]"
    as_of: "date"
    skipped: int = 0
    #: "N facts dated after D are left out (…)", or None.
    left_out: str | None = None
    #: Rows not shown: answered, filed, or past (without --all).
    hidden: int = 0


def _table(result: Deadlines, console: "Console") -> None:
    from dsactl.render.console import literal
    from dsactl.render.deadlines import print_deadlines

    print_deadlines(
        result.rows, result.as_of, console, skipped=result.skipped, hidden=result.hidden
    )
    if result.left_out is not None:
        console.print(literal(result.left_out, style="dim"))


def _document(result: Deadlines) -> Any:
    from dsactl.render.deadlines import deadline_records

    return deadline_records(result.rows, result.as_of)


def _json(result: Deadlines) -> "Iterator[str]":
    """The JSON document of ``_document``, written record by record (the same text)."""
    from dsactl.render.deadlines import iter_deadline_records
    from dsactl.render.structured import json_array_chunks

    return json_array_chunks(iter_deadline_records(result.rows, result.as_of))


def _csv(result: Deadlines) -> str:
    from dsactl.render.deadlines import deadlines_csv

    return deadlines_csv(result.rows)


def _ics(result: Deadlines) -> str:
    from datetime import UTC, datetime

    from dsactl.render.ics import deadlines_ics

    return deadlines_ics(result.rows, stamp=datetime.now(UTC))


def _markdown(result: Deadlines) -> str:
    from dsactl.render.markdown import deadlines_markdown

    return with_skipped(
        deadlines_markdown(result.rows, result.as_of, result.hidden), result.skipped
    )


OUTPUTS: Outputs[Deadlines] = Outputs(
    table=_table,
    document=_document,
    documents={"json": _json, "csv": _csv, "markdown": _markdown, "ics": _ics},
)


EPILOG = """Examples:

  dsactl deadlines cases/ --as-of 2024-03-15 --soon 14

  dsactl deadlines --format json

  dsactl deadlines --format ics -o dsa-deadlines.ics
      (import into any calendar)

  dsactl deadlines --format markdown
      (paste into a ticket or wiki)
"""


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
    fmt: Annotated[Optional[str], OUTPUTS.option()] = None,  # noqa: UP045
    output: OutputOpt = None,
) -> None:
    """List every deadline, soonest first, with days and working days left and status:
    replies to requests, periods set by decisions, and the statutory obligations generated
    from each case's rule sets (due from a year before as-of to a year after it).

    A file with tracking = "public" shows a past date without a recorded reply as `past`
    (replies are not public), not overdue; past, answered and filed rows are left out unless
    --all is given (the calendar export keeps answered and filed ones, cancelled).

    The calendar export (--format ics) has one all-day event per request, with a UID that
    stays the same across exports (re-importing updates instead of duplicating) and reminders
    7 days and 1 day before; answered requests are cancelled events (STATUS:CANCELLED, same
    UID), so a calendar that imported them earlier removes them.
    """
    with guard():
        from dsactl.casefile.discovery import find_case_files
        from dsactl.docket.deadlines import listed_rows

        day = as_of_day(as_of)
        extra = existing(calendar_file, "--calendar-file")
        extra += existing(rules_file, "--rules-file")
        docket = load(find_case_files(paths), day, extra_files=extra)
        # The calendar export always carries answered requests, as cancelled events, so
        # that a calendar which imported them earlier removes them.
        ics = OUTPUTS.choose(fmt, output) == "ics"
        which: Literal["requests", "obligations"] | None = None
        if only is not None:
            which = "requests" if only is Only.requests else "obligations"
        rows, hidden = listed_rows(
            docket.cases,
            day,
            docket.resolver,
            soon=soon,
            include_all=include_all,
            calendar_export=ics,
            only=which,
        )
        from dsactl.docket.known import LaterFacts, known_cases

        later = known_cases(docket.cases, day)[1]  # of which the requests and replies count here
        left_out = LaterFacts(requests=later.requests, answers=later.answers).describe(day)
        result = Deadlines(rows, day, len(docket.skipped), left_out, hidden)
        chosen = OUTPUTS.write(fmt, result, output)
        if left_out is not None and chosen != "table":
            import sys

            sys.stderr.write(f"dsactl: note: {left_out}\n")
        finish(docket)
