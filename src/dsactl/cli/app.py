"""The Typer app and what every command shares: errors at the edge, inputs, dates, outputs.

Commands live one per module beside this one; each parses options, calls the core and hands
the result to a renderer. No logic here.

Every command runs inside ``guard()``, the one place where dsactl's own exceptions become a
clean message on stderr and an exit code (1 for invalid data, 2 for wrong usage).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from dsactl import __version__
from dsactl.cli.lazy import LazyTyper
from dsactl.errors import DsactlError

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console

    from dsactl.casefile.findings import Finding

# Each command's options are built when it runs (or --help lists it), not at every start.
app = LazyTyper(
    name="dsactl",
    help="Deadlines, fine caps and CI checks for EU Digital Services Act case files.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@contextmanager
def guard() -> Iterator[None]:
    try:
        yield
    except DsactlError as exc:
        fail(str(exc), exc.exit_code)


def fail(message: str, code: int) -> NoReturn:
    """``dsactl: error: MESSAGE`` on stderr, then exit ``code``.

    Messages quote case-file text (platform names, keys, values): control characters in it
    are shown as escapes, never written raw to the terminal.
    """
    from dsactl.render.console import visible

    sys.stderr.write(f"dsactl: error: {visible(message)}\n")
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"dsactl {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Deadlines, fine caps and CI checks for EU Digital Services Act case files.

    Case files come from the PATHS given (files or folders, searched for *.toml), else
    $DSACTL_CASES, else ./cases.
    """


# -- shared options (one way to choose inputs, dates and outputs for every command) ---------

PathsArg = Annotated[
    Optional[list[Path]],  # noqa: UP045 - Typer needs Optional here
    typer.Argument(
        help="Case files or folders (default: $DSACTL_CASES, else ./cases).", show_default=False
    ),
]
AsOfOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Count from this day instead of today (Brussels)."
    ),
]
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output", "-o", help="Write the document to this file (atomically) instead of stdout."
    ),
]


def as_of_day(text: str | None) -> date:
    from dsactl.law.dates import parse_date, today_brussels

    return parse_date(text, option="--as-of") if text is not None else today_brussels()


def emit(text: str, output: Path | None) -> None:
    """Write a document to stdout as is (CRLF kept), or atomically to ``output``."""
    if output is None:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            sys.stdout.write(text)
        return
    from dsactl.edit.atomic import atomic_write

    atomic_write(output, text)
    sys.stderr.write(f"wrote {output}\n")


def report_errors(findings: list[Finding]) -> None:
    """The findings on stderr, one line each, control characters shown as escapes."""
    from dsactl.render.console import visible

    for finding in findings:
        sys.stderr.write(visible(finding.format()) + "\n")


SoonOpt = Annotated[
    int, typer.Option("--soon", min=0, metavar="DAYS", help="Days left that count as due-soon.")
]
CalendarFileOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--calendar-file",
        help="A holiday calendar file (a \\[calendar] table) that adds or overrides a year. "
        "Repeatable.",
    ),
]
RegimeFileOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--regime-file",
        help="A fine regime file (a \\[regime] table) that adds or overrides a regime. Repeatable.",
    ),
]
RulesFileOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--rules-file",
        help="An obligation rule file (a \\[ruleset] table) that adds or overrides a rule set. "
        "Repeatable.",
    ),
]


class Only(StrEnum):
    requests = "requests"
    obligations = "obligations"


OnlyOpt = Annotated[
    Optional[Only],  # noqa: UP045
    typer.Option(
        "--only", help="List only requests (and decisions' periods), or only obligations."
    ),
]
CalendarOpt = Annotated[
    str,
    typer.Option(
        "--calendar",
        "-c",
        help="Holiday calendar: eu-commission (Brussels), eu-commission-lu, or a country "
        "code such as IE, BE, LU.",
    ),
]


def existing(paths: list[Path] | None, option: str) -> list[Path]:
    """The files given to a repeatable file option; each must exist (else exit 2)."""
    from dsactl.errors import UsageError

    for path in paths or []:
        if not path.is_file():
            raise UsageError(f"{option} {path}: no such file")
    return list(paths or [])


def show(draw: Callable[[Console], None], output: Path | None) -> None:
    """Draw a terminal table; with ``--output``, the same table as plain text in a file."""
    from dsactl.render.console import make_console

    if output is None:
        draw(make_console())
        return
    import io

    buffer = io.StringIO()
    draw(make_console(buffer, plain=True))
    emit(buffer.getvalue(), output)
