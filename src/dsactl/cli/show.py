"""`dsactl show PLATFORM`: one platform's whole picture."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from dsactl.cli import complete
from dsactl.cli.app import (
    AsOfOpt,
    OutputOpt,
    PathsArg,
    RegimeFileOpt,
    RulesFileOpt,
    SoonOpt,
    app,
    as_of_day,
    existing,
    finish,
    guard,
    load,
)
from dsactl.cli.output import Outputs

if TYPE_CHECKING:
    from rich.console import Console

    from dsactl.docket.summary import PlatformSummary


def _table(summary: PlatformSummary, console: Console) -> None:
    from dsactl.render.show import print_summary

    print_summary(summary, console)


def _document(summary: PlatformSummary) -> Any:
    from dsactl.render.show import summary_json

    return summary_json(summary)


OUTPUTS: Outputs[PlatformSummary] = Outputs(table=_table, document=_document)


EPILOG = """Examples:

  dsactl show X --as-of 2025-12-31

  dsactl show aliexpress cases/ --format json
"""


@app.command("show", epilog=EPILOG)
def show_platform(
    platform: Annotated[
        str,
        typer.Argument(
            metavar="PLATFORM",
            help="Platform: case file stem or name.",
            autocompletion=complete.platforms,
        ),
    ],
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    soon: SoonOpt = 7,
    regime_file: RegimeFileOpt = None,
    rules_file: RulesFileOpt = None,
    fmt: Annotated[Optional[str], OUTPUTS.option()] = None,  # noqa: UP045
    output: OutputOpt = None,
) -> None:
    """One platform's whole picture: designation, proceedings with status, requests with
    deadlines and status, turnover with its source and year, the caps that apply under each
    of its regimes, and the fines imposed against their caps; the proceeding's dated events;
    the statutory obligations generated from its rule sets; and, for a missed deadline set
    by a decision, the Art. 76 periodic penalty per day and the Art. 74(2) cap."""
    with guard():
        from dsactl.casefile.discovery import find_case_files
        from dsactl.docket.summary import summarise

        day = as_of_day(as_of)
        extra = existing(regime_file, "--regime-file")
        extra += existing(rules_file, "--rules-file")
        docket = load(find_case_files(paths), day, extra_files=extra)
        case = docket.find(platform)
        regimes = docket.resolver.regimes(list(case.regimes))
        summary = summarise(case, day, regimes, docket.resolver, soon=soon)
        OUTPUTS.write(fmt, summary, output, skipped=len(docket.skipped))
        finish(docket)
