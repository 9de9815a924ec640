"""`dsactl timeline`: the docket over time, one row per platform, in the terminal or as SVG."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, Optional

import typer

from dsactl.cli.app import (
    AsOfOpt,
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
    note,
)
from dsactl.cli.output import Outputs

if TYPE_CHECKING:
    from rich.console import Console

    from dsactl.docket.timeline import Timeline

EPILOG = """Examples:

  dsactl timeline cases/ --as-of 2024-03-15

  dsactl timeline --from 2024-01-01 --to 2024-12-31 --width 120

  dsactl timeline -o docket.svg
      (the same picture, for a report)

  dsactl timeline --format json
      (what is drawn, as data)
"""


class Drawn(NamedTuple):
    picture: Timeline
    #: Case files left out for their errors (said under the table).
    skipped: int = 0


def _table(drawn: Drawn, console: Console) -> None:
    from dsactl.render.timeline import draw_timeline

    draw_timeline(drawn.picture, console)
    if drawn.skipped:
        console.print(f"{drawn.skipped} case file(s) skipped for their errors (on stderr)")


def _svg(drawn: Drawn) -> str:
    from dsactl.render.timeline import timeline_svg

    return timeline_svg(drawn.picture)


def _document(drawn: Drawn) -> Any:
    from dsactl.render.timeline import timeline_json

    return timeline_json(drawn.picture)


OUTPUTS: Outputs[Drawn] = Outputs(table=_table, document=_document, documents={"svg": _svg})


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
    fmt: Annotated[Optional[str], OUTPUTS.option()] = None,  # noqa: UP045
    output: OutputOpt = None,
    svg: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--svg", metavar="FILE", help="Same as --format svg -o FILE."),
    ] = None,
) -> None:
    """Draw one row per platform over time: proceedings as bars (opening to closing, or to
    as-of), their dated events, due dates as markers by status, the statutory obligations
    generated from the rule sets (--only requests leaves them out), imposed fines, and the
    as-of line."""
    with guard():
        from dsactl.casefile.discovery import find_case_files
        from dsactl.docket.known import known_cases
        from dsactl.docket.timeline import build_timeline
        from dsactl.errors import UsageError
        from dsactl.law.dates import parse_date
        from dsactl.render.console import make_console

        if svg is not None:
            if output is not None or fmt not in (None, "svg"):
                raise UsageError("--svg FILE is --format svg -o FILE: give one or the other")
            fmt, output = "svg", svg
        day = as_of_day(as_of)
        first = parse_date(start, option="window_start") if start is not None else None
        last = parse_date(end, option="window_end") if end is not None else None
        extra = existing(rules_file, "--rules-file")
        docket = load(find_case_files(paths), day, extra_files=extra)
        # As of a day, the docket as it was known that day (later facts are left out).
        cases, later = known_cases(docket.cases, day)
        chosen = OUTPUTS.choose(fmt, output)
        # The data (json) does not depend on the width: no terminal (and no Rich) to ask.
        console_width = width or (80 if chosen == "json" else make_console().width)
        obligations = []
        if only is not Only.requests:
            from dsactl.docket.obligations import generate_all
            from dsactl.docket.timeline import window

            low, high = window(cases, day, first, last)
            found = generate_all(cases, docket.resolver, until=high)
            obligations = [o for o in found if o.due >= low]
        picture = build_timeline(
            cases,
            day,
            width=console_width,
            start=first,
            end=last,
            soon=soon,
            obligations=obligations,
            requests=only is not Only.obligations,
        )
        drawn = Drawn(picture, len(docket.skipped))
        if width and output is None and chosen == "table":
            console = make_console()
            console.width = width
            _table(drawn, console)
        else:
            OUTPUTS.write(fmt, drawn, output)
        left_out = later.describe(day)
        if left_out is not None:
            note(f"dsactl: note: {left_out}")
        finish(docket)
