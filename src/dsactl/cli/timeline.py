"""`dsactl timeline`: the docket over time, one row per platform, in the terminal or as SVG."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from dsactl.cli.app import (
    AsOfOpt,
    Only,
    OnlyOpt,
    PathsArg,
    RulesFileOpt,
    SoonOpt,
    app,
    as_of_day,
    emit,
    existing,
    guard,
    report_errors,
)
from dsactl.errors import EXIT_DATA

EPILOG = """Examples:

  dsactl timeline cases/ --as-of 2024-03-15

  dsactl timeline --from 2024-01-01 --to 2024-12-31 --width 120

  dsactl timeline --svg docket.svg                    (the same picture, for a report)
"""


@app.command(epilog=EPILOG)
def timeline(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    start: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from", metavar="YYYY-MM-DD", help="First day shown (default: first event)."
        ),
    ] = None,
    end: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--to", metavar="YYYY-MM-DD", help="Last day shown (default: last event or as-of)."
        ),
    ] = None,
    width: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--width", min=40, help="Line width (default: the terminal's)."),
    ] = None,
    soon: SoonOpt = 7,
    only: OnlyOpt = None,
    rules_file: RulesFileOpt = None,
    svg: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--svg", "--output", "-o", help="Save the picture as an SVG file."),
    ] = None,
) -> None:
    """Draw one row per platform over time: proceedings as bars (opening to closing, or to
    as-of), their dated events, due dates as markers by status, statutory obligations
    generated from the rule sets, imposed fines, and the as-of line."""
    with guard():
        from dsactl.casefile.discovery import find_case_files
        from dsactl.docket.load import load_docket
        from dsactl.docket.timeline import build_timeline
        from dsactl.law.dates import parse_date
        from dsactl.render.console import make_console
        from dsactl.render.timeline import draw_timeline, timeline_svg

        day = as_of_day(as_of)
        extra = existing(rules_file, "--rules-file")
        first = parse_date(start, option="--from") if start is not None else None
        last = parse_date(end, option="--to") if end is not None else None
        docket = load_docket(find_case_files(paths), day, extra_files=extra)
        console = make_console()
        obligations = []
        if only is not Only.requests:
            from dsactl.docket.obligations import generate_all
            from dsactl.docket.timeline import window

            low, high = window(docket.cases, day, first, last)
            obligations = [
                o for o in generate_all(docket.cases, docket.resolver, until=high) if o.due >= low
            ]
        picture = build_timeline(
            docket.cases,
            day,
            width=width or console.width,
            start=first,
            end=last,
            soon=soon,
            obligations=obligations,
        )
        if svg is not None:
            emit(timeline_svg(picture), svg)
        else:
            if width:
                console.width = width
            draw_timeline(picture, console)
        if docket.errors:
            report_errors(docket.errors)
            raise typer.Exit(EXIT_DATA)
