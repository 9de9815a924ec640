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
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

from dsactl import __version__
from dsactl.cli.complete import calendars as complete_calendars
from dsactl.cli.lazy import LazyGroup, LazyTyper
from dsactl.cli.output import OutputOpt, emit, show
from dsactl.errors import EXIT_DATA, DsactlError

if TYPE_CHECKING:
    from datetime import date

    from dsactl.casefile.findings import Finding
    from dsactl.docket.load import Docket

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
            argv = list(sys.argv[1:] if args is None else args)
            command = next((a for a in argv if not a.startswith("-")), "")
            line(click_message(exc, command if command in self.commands else ""))
            sys.exit(exc.exit_code)
        except exceptions.Abort:
            line("aborted")
            sys.exit(EXIT_DATA)
        except DsactlError as exc:
            line(exc.format(FLAGS))
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def click_message(exc: Exception, command: str = "") -> str:
    """Click's message as one line, with a hint where to look: ``--help`` of the command (the
    one Click names, else ``command``, the first word of the command line that is one)."""
    from typer._click import exceptions as click_errors

    message = " ".join(exc.format_message().split())  # type: ignore[attr-defined]
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click_errors.UsageError):
        path = ctx.command_path if ctx is not None else " ".join(("dsactl", command)).strip()
        return f"{message} (see `{path} --help`)"
    return message


def line(message: str) -> None:
    """``dsactl: error: MESSAGE`` on stderr, control characters shown as escapes, very long
    words (a 100 000-digit number) cut."""
    from dsactl.render.console import visible
    from dsactl.shown import clip_words, shown_text

    sys.stderr.write(f"dsactl: error: {visible(clip_words(shown_text(message)))}\n")


# Each command's options are built when it runs (or --help lists it), not at every start.
TOP_EPILOG = """Examples:

  dsactl deadlines cases/ --as-of 2024-03-15
      (every reply deadline, soonest first)

  dsactl check cases/
      (the CI gate: every problem, with its line)

  dsactl fine --turnover 134.902bn --currency USD --eur-rate 1.0925

  dsactl show TikTok
      (one platform's whole picture)

  dsactl period 2024-03-14 "10 days"
      (a period by Regulation 1182/71)

  dsactl new Acme -o cases/acme.toml
      (a starter case file)

Each command has --help with its own examples.
"""

app = LazyTyper(
    group=Edge,
    name="dsactl",
    help="Deadlines, fine caps and CI checks for EU Digital Services Act case files.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=TOP_EPILOG,
)

# Every command, in the order of the help, and the module that registers it: the module is
# imported the first time its command runs (or --help lists them all). A command must be
# listed here to exist; tests/test_lazy_cli.py fails when a module registers a command that
# is not listed, or a listed module does not register it.
app.lazy_module("dsactl.cli.check", "check")
app.lazy_module("dsactl.cli.deadlines", "deadlines")
app.lazy_module("dsactl.cli.fine", "fine")
app.lazy_module("dsactl.cli.obligations", "obligations")
app.lazy_module("dsactl.cli.period", "period", "calendar")
app.lazy_module("dsactl.cli.regimes", "regimes")
app.lazy_module("dsactl.cli.schema", "schema")
app.lazy_module("dsactl.cli.show", "show")
app.lazy_module("dsactl.cli.site", "site")
app.lazy_module("dsactl.cli.timeline", "timeline")
app.lazy_module("dsactl.cli.new", "new")
app.lazy_module("dsactl.cli.answer", "answer")


#: The command-line name of each input the core names in its errors (``InputError.input`` and
#: ``{name}`` placeholders in messages): the core speaks of a rate, the command line of --rate.
FLAGS = {
    "turnover": "--turnover",
    "currency": "--currency",
    "eur_rate": "--eur-rate",
    "rate": "--rate",
    "days": "--days",
    "year_days": "--year-days",
    "sme": "--sme",
    "tier": "--tier",
    "kind": "--kind",
    "platform": "PLATFORM",
    "provider": "--provider",
    "force": "--force",
    "window_start": "--from",
    "window_end": "--to",
    "as_of": "--as-of",
    "designated": "--designated",
    "on": "--on",
    "start": "START",
}


@contextmanager
def guard() -> Iterator[None]:
    try:
        yield
    except DsactlError as exc:
        fail(exc.format(FLAGS), exc.exit_code)


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
        metavar="PATHS...",
        help="Case files or folders (default: $DSACTL_CASES, else ./cases).",
        show_default=False,
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

    return parse_date(text, option="as_of") if text is not None else today_brussels()


#: True in the `dsactl` process (``cli/entry.py``), which froze what its start-up made: what
#: ``load`` makes is frozen too. (``gc.get_freeze_count()`` would say so, but it counts the
#: frozen objects one by one.)
FREEZE_LOADED = False


def freeze_what_loading_makes() -> None:
    """Called by ``cli/entry.py`` once it has frozen what the start-up made."""
    global FREEZE_LOADED
    FREEZE_LOADED = True


def load(
    paths: Sequence[Path],
    as_of: date,
    *,
    extra_files: Sequence[Path] = (),
    warnings: bool = True,
) -> Docket:
    """``load_docket`` with the cyclic garbage collector paused (see ``cli/entry.py``).

    Loading makes a few hundred objects per file and none of them is garbage in a cycle: the
    collector would walk the whole growing docket again and again (a quarter of the time of
    `dsactl check` on thousands of files) and find nothing. In the `dsactl` process, which
    froze what its start-up made, what loading made is frozen too; elsewhere (a test run, a
    program using dsactl) the collector simply resumes as it was.
    """
    import gc

    from dsactl.docket.load import load_docket

    enabled = gc.isenabled()
    gc.disable()
    try:
        return load_docket(paths, as_of, extra_files=extra_files, warnings=warnings)
    finally:
        if FREEZE_LOADED:
            gc.freeze()
        if enabled:
            gc.enable()


def note(text: str) -> None:
    """A line for the user on stderr (what was written, a warning), control characters shown
    as escapes."""
    from dsactl.render.console import visible
    from dsactl.shown import shown_text

    sys.stderr.write(visible(shown_text(text)) + "\n")


def finish(docket: Docket) -> None:
    """After the output: the errors of every file the command read, on stderr, and exit 1.

    A case file with errors is skipped (its data is not shown), so any error in any file read
    makes the command exit 1, whichever platform was asked for.
    """
    if docket.errors:
        report_errors(docket.errors)
        raise typer.Exit(EXIT_DATA)


def report_errors(findings: list[Finding]) -> None:
    """The findings on stderr, one line each, control characters shown as escapes."""
    from dsactl.render.console import visible

    for finding in findings:
        sys.stderr.write(visible(finding.format()) + "\n")


SoonOpt = Annotated[
    int, typer.Option("--soon", min=0, metavar="DAYS", help="Days left that count as due-soon.")
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
        "--only",
        help="List only requests (and periods set by decisions), or only statutory obligations.",
    ),
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
        autocompletion=complete_calendars,
    ),
]


def existing(paths: list[Path] | None, option: str) -> list[Path]:
    """The files given to a repeatable file option; each must exist (else exit 2)."""
    from dsactl.errors import UsageError

    for path in paths or []:
        if not path.is_file():
            raise UsageError(f"{option} {path}: no such file")
    return list(paths or [])
