"""`dsactl check`: the CI gate over case files."""

from typing import TYPE_CHECKING, Annotated, NamedTuple, Optional

import typer

from dsactl.cli.app import AsOfOpt, OutputOpt, PathsArg, app, as_of_day, guard, load
from dsactl.cli.output import Outputs
from dsactl.errors import EXIT_DATA

if TYPE_CHECKING:
    from dsactl.casefile.findings import Finding


class Checked(NamedTuple):
    files: int
    findings: "list[Finding]"
    quiet: bool = False
    strict: bool = False
    colour: bool = False


def _text(result: Checked) -> str:
    from dsactl.render.check import check_text

    return check_text(
        result.files,
        result.findings,
        quiet=result.quiet,
        strict=result.strict,
        colour=result.colour,
    )


def _json(result: Checked) -> str:
    from dsactl.render.check import check_json

    return check_json(result.files, result.findings)


def _github(result: Checked) -> str:
    from dsactl.render.check import check_github

    return check_github(result.files, result.findings)


def _sarif(result: Checked) -> str:
    from dsactl.render.sarif import check_sarif

    return check_sarif(result.files, result.findings)


OUTPUTS: Outputs[Checked] = Outputs(
    documents={"table": _text, "json": _json, "github": _github, "sarif": _sarif},
    aliases={"text": "table"},
)


EPILOG = """Examples:

  dsactl check cases/ --as-of 2024-03-15

  dsactl check cases/ --strict --format github
      (annotations in GitHub Actions)

  dsactl check cases/ --format sarif -o dsactl.sarif
      (upload to GitHub code scanning)
"""


@app.command(epilog=EPILOG)
def check(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Show errors only, and the summary.")
    ] = False,
    fmt: Annotated[Optional[str], OUTPUTS.option()] = None,  # noqa: UP045
    output: OutputOpt = None,
) -> None:
    """Check case files: every problem in every file, with line, key and a stable code.

    Exit 0 when there are no errors (warnings pass unless --strict), 1 when there are.
    """
    with guard():
        from dsactl.casefile.discovery import find_case_files

        docket = load(find_case_files(paths), as_of_day(as_of))
        findings, files = docket.findings, len(docket.files)
        from dsactl.render.console import wants_colour

        colour = output is None and wants_colour()  # severity colours on a terminal only
        OUTPUTS.write(fmt, Checked(files, findings, quiet, strict, colour), output)
        if docket.errors or (strict and docket.warnings):
            raise typer.Exit(EXIT_DATA)
