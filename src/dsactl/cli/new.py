"""`dsactl new`: a starter case file that passes `dsactl check`."""

from pathlib import Path
from typing import Annotated, Any, NamedTuple, Optional

import typer

from dsactl.casefile.model import PLATFORM_KINDS
from dsactl.cli.app import app, guard, note
from dsactl.cli.output import Outputs, emit
from dsactl.shown import shown_path

EPILOG = """Examples:

  dsactl new TikTok --provider "ByteDance Ltd" --kind VLOP \\
      --designated 2023-04-25 -o cases/tiktok.toml

  dsactl new Example
      (prints the file to stdout)

  dsactl new Example -o cases/example.toml --format json
      (what was done, as JSON)
"""


class Created(NamedTuple):
    """What `new` made: the case file's text, where it was written (None: stdout), notes."""

    platform: str
    provider: str
    kind: str | None
    designated: str | None
    text: str
    file: Path | None
    notes: list[str]


def _table(created: Created) -> str:
    """The case file itself on stdout when it was not written to a file; else nothing."""
    return created.text if created.file is None else ""


def _document(created: Created) -> Any:
    return {
        "action": "created" if created.file is not None else "printed",
        "platform": created.platform,
        "provider": created.provider,
        "kind": created.kind,
        "designated": created.designated,
        # Bytes of the name that are not UTF-8 as \xNN, as every output shows a path.
        "file": shown_path(created.file) if created.file is not None else None,
        "text": created.text if created.file is None else None,
        "notes": created.notes,
    }


OUTPUTS: Outputs[Created] = Outputs(documents={"table": _table}, document=_document)


@app.command(epilog=EPILOG)
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
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        OUTPUTS.option(
            "What to print: table is the case file (unless -o), json a report", by_suffix=False
        ),
    ] = None,
) -> None:
    """Write a starter case file for PLATFORM that passes `dsactl check`.

    Prints it to stdout, or writes it to --output (exit 2 if that file exists).
    """
    with guard():
        from dsactl.edit.atomic import atomic_write
        from dsactl.edit.starter import new_case
        from dsactl.law.dates import parse_date

        day = parse_date(designated, option="designated") if designated else None
        text = new_case(
            platform,
            provider if provider is not None else platform,
            kind=kind,
            designated=day,
            path=output or Path("new.toml"),
        )
        notes: list[str] = []
        if output is not None:
            missing = next((p for p in reversed(output.parents) if not p.exists()), None)
            atomic_write(output, text, overwrite=False, make_folder=True)
            if missing is not None:
                notes.append(f"created the folder {shown_path(missing)}")
            if output.suffix != ".toml":
                notes.append(
                    f"{shown_path(output)} does not end in .toml: `dsactl check FOLDER` skips it"
                )
        if provider is None:
            notes.append(
                "no --provider given, so the provider is the platform name; change it "
                "to the company whose turnover counts"
            )
        created = Created(
            platform,
            provider if provider is not None else platform,
            kind,
            day.isoformat() if day else None,
            text,
            output,
            notes,
        )
        chosen = OUTPUTS.choose(fmt, None)
        if chosen == "table":
            if output is not None:
                note(f"wrote {shown_path(output)}")
            for line in notes:
                note(f"dsactl: note: {line}")
        emit(OUTPUTS.render(chosen, created), None)
