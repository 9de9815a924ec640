"""`dsactl deadlines`: every reply deadline at a glance."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from dsactl.cli.app import AsOfOpt, OutputOpt, PathsArg, app, as_of_day, emit, guard, report_errors
from dsactl.errors import EXIT_DATA


class DeadlineFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command(
    epilog="Example: dsactl deadlines cases/ --as-of 2024-03-15 --soon 14 --format json",
)
def deadlines(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    include_all: Annotated[bool, typer.Option("--all", help="Include answered requests.")] = False,
    soon: Annotated[
        int, typer.Option("--soon", min=0, metavar="DAYS", help="Days left that count as due-soon.")
    ] = 7,
    fmt: Annotated[
        DeadlineFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DeadlineFormat.table,
    output: OutputOpt = None,
) -> None:
    """List every reply deadline, soonest first, with days left and status."""
    with guard():
        from dsactl.deadlines import deadline_rows
        from dsactl.discovery import find_case_files
        from dsactl.docket import load_docket

        day = as_of_day(as_of)
        docket = load_docket(find_case_files(paths), day)
        rows = deadline_rows(
            docket.cases, day, include_answered=include_all, soon=soon, resolver=docket.resolver
        )
        if fmt is DeadlineFormat.table and output is None:
            from dsactl.render.console import make_console
            from dsactl.render.deadlines import print_deadlines

            print_deadlines(rows, day, make_console())
        else:
            from dsactl.render import deadlines as render

            text = (
                render.deadlines_csv(rows)
                if fmt is DeadlineFormat.csv
                else render.deadlines_json(rows)
            )
            emit(text, output)
        if docket.errors:
            report_errors(docket.errors)
            raise typer.Exit(EXIT_DATA)
