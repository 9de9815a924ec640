"""`dsactl check`: the CI gate over case files."""

from enum import StrEnum
from typing import Annotated

import typer

from dsactl.cli.app import AsOfOpt, OutputOpt, PathsArg, app, as_of_day, emit, guard
from dsactl.errors import EXIT_DATA


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


EPILOG = """Examples:

  dsactl check cases/ --as-of 2024-03-15

  dsactl check cases/ --strict --format github        (annotations in GitHub Actions)

  dsactl check cases/ --format sarif -o dsactl.sarif  (upload to GitHub code scanning)
"""


@app.command(epilog=EPILOG)
def check(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Show errors only, and the summary.")
    ] = False,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.text,
    output: OutputOpt = None,
) -> None:
    """Check case files: every problem in every file, with line, key and a stable code.

    Exit 0 when there are no errors (warnings pass unless --strict), 1 when there are.
    """
    with guard():
        from dsactl.casefile.discovery import find_case_files
        from dsactl.docket.load import load_docket
        from dsactl.render import check as render

        docket = load_docket(find_case_files(paths), as_of_day(as_of))
        findings, files = docket.findings, len(docket.files)
        if fmt is CheckFormat.json:
            text = render.check_json(files, findings)
        elif fmt is CheckFormat.github:
            text = render.check_github(files, findings)
        elif fmt is CheckFormat.sarif:
            from dsactl.render.sarif import check_sarif

            text = check_sarif(files, findings)
        else:
            text = render.check_text(files, findings, quiet=quiet, strict=strict)
        emit(text, output)
        if docket.errors or (strict and docket.warnings):
            raise typer.Exit(EXIT_DATA)
