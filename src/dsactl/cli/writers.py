"""`dsactl new` (a starter case file) and `dsactl answer` (record a reply date in place)."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from dsactl.casefile.model import PLATFORM_KINDS
from dsactl.cli.app import AsOfOpt, PathsArg, app, as_of_day, emit, guard

NEW_EPILOG = """Examples:

  dsactl new TikTok --provider "ByteDance Ltd" --kind VLOP --designated 2023-04-25 \
-o cases/tiktok.toml

  dsactl new Example                          (prints the file to stdout)
"""

ANSWER_EPILOG = """Examples:

  dsactl answer TikTok genai-elections --on 2024-04-05

  dsactl answer x 2024-05-other cases/ --on 2024-05-27 --force     (replace a recorded date)
"""


def _note(text: str) -> None:
    from dsactl.render.console import visible

    sys.stderr.write(visible(text) + "\n")


@app.command(epilog=NEW_EPILOG)
def new(
    platform: Annotated[
        str, typer.Argument(metavar="PLATFORM", help="Platform name, as it should appear.")
    ],
    provider: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--provider",
            help="The provider whose turnover counts (default: the platform name).",
        ),
    ] = None,
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--kind", metavar="|".join(PLATFORM_KINDS), help="Designation kind."),
    ] = None,
    designated: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--designated", metavar="YYYY-MM-DD", help="Date of designation."),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="Write the case file here (atomically; an existing file is never overwritten).",
        ),
    ] = None,
) -> None:
    """Write a starter case file for PLATFORM that passes `dsactl check`.

    Prints it to stdout, or writes it to --output (exit 2 if that file exists).
    """
    with guard():
        from dsactl.edit.atomic import atomic_write
        from dsactl.edit.case_edits import new_case
        from dsactl.law.dates import parse_date

        day = parse_date(designated, option="--designated") if designated else None
        text = new_case(
            platform,
            provider if provider is not None else platform,
            kind=kind,
            designated=day,
            path=output or Path("new.toml"),
        )
        if output is None:
            emit(text, None)
        else:
            atomic_write(output, text, overwrite=False)
            _note(f"wrote {output}")
            if output.suffix != ".toml":
                _note(f"note: {output} does not end in .toml: `dsactl check FOLDER` skips it")
        if provider is None:
            _note(
                "note: no --provider given, so the provider is the platform name; change it "
                "to the company whose turnover counts"
            )


@app.command(epilog=ANSWER_EPILOG)
def answer(
    platform: Annotated[
        str, typer.Argument(metavar="PLATFORM", help="Platform (case file stem or name).")
    ],
    request_id: Annotated[
        str, typer.Argument(metavar="REQUEST_ID", help="The `id` of the request answered.")
    ],
    paths: PathsArg = None,
    on: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--on", metavar="YYYY-MM-DD", help="Date of the reply (default: today, Brussels)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a reply date already recorded.")
    ] = False,
    as_of: AsOfOpt = None,
) -> None:
    """Record that PLATFORM answered REQUEST_ID: `answered = DATE` in its case file.

    The file is edited in place: one line is added (after `due`) or, with --force, replaced;
    every other byte stays as it was. Nothing is written if the file has errors, if the
    result would not pass `dsactl check`, or if the file changed on disk meanwhile.
    """
    with guard():
        from dsactl.casefile.discovery import find_case_files
        from dsactl.docket.load import load_docket
        from dsactl.edit import case_edits as writers
        from dsactl.edit.atomic import atomic_write
        from dsactl.errors import DataError
        from dsactl.law import dates

        today = as_of_day(as_of)
        day = dates.parse_date(on, option="--on") if on is not None else today
        docket = load_docket(find_case_files(paths), today)
        loaded = writers.editable_file(docket, platform)
        try:
            data = loaded.path.read_bytes()
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataError(f"{loaded.display}: cannot be read again: {exc}") from None
        result = writers.record_answer(
            text,
            request_id,
            day,
            path=loaded.path,
            force=force,
            resolver=docket.resolver,
        )
        if result.changed:
            atomic_write(loaded.path, result.text, expected=data)
        _note(result.describe(loaded.display))
        if result.changed and day > today:
            _note(f"note: the reply date {day} is after today ({today}); check --on")
