"""The Typer app and what every command shares: errors at the edge, inputs, dates, outputs.

Commands live one per module beside this one; each parses options, calls the core and hands
the result to a renderer. No logic here.

Every command runs inside ``guard()``, the one place where dsactl's own exceptions become a
clean message on stderr and an exit code (1 for invalid data, 2 for wrong usage).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

from dsactl import __version__
from dsactl.cli.lazy import LazyGroup, LazyTyper
from dsactl.cli.output import OutputOpt, emit, show
from dsactl.errors import EXIT_DATA, DsactlError

if TYPE_CHECKING:
    from datetime import date

    from dsactl.casefile.findings import Finding

__all__ = ["OutputOpt", "app", "emit", "fail", "guard", "show"]


class Edge(LazyGroup):
    """The group that runs every command: the one place where an error becomes one line.

    Click's own usage errors (an unknown command or option, a bad choice, a missing argument)
    are written as dsactl writes its own: ``dsactl: error: MESSAGE (hint)`` on stderr, exit 2,
    never a boxed panel.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        from typer import exceptions
        from typer._click import exceptions as click_errors

        run = super().main
        if not standalone_mode:
            return run(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            code = run(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except click_errors.NoArgsIsHelpError as exc:  # the help is already printed
            sys.exit(exc.exit_code)
        except click_errors.ClickException as exc:
            line(click_message(exc))
            sys.exit(exc.exit_code)
        except exceptions.Abort:
            line("aborted")
            sys.exit(EXIT_DATA)
        except DsactlError as exc:
            line(str(exc))
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def click_message(exc: Exception) -> str:
    """Click's message as one line, with a hint where to look: ``--help`` of the command."""
    from typer._click import exceptions as click_errors

    message = " ".join(exc.format_message().split())  # type: ignore[attr-defined]
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click_errors.UsageError) and ctx is not None:
        return f"{message} (see `{ctx.command_path} --help`)"
    return message


def line(message: str) -> None:
    """``dsactl: error: MESSAGE`` on stderr, control characters shown as escapes."""
    from dsactl.render.console import visible

    sys.stderr.write(f"dsactl: error: {visible(message)}\n")


# Each command's options are built when it runs (or --help lists it), not at every start.
app = LazyTyper(
    group=Edge,
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
    line(message)
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


def as_of_day(text: str | None) -> date:
    from dsactl.law.dates import parse_date, today_brussels

    return parse_date(text, option="--as-of") if text is not None else today_brussels()


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
