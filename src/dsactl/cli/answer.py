"""`dsactl answer`: record a reply date in a case file, in place."""

from typing import Annotated, Any, NamedTuple, Optional

import typer

from dsactl.cli import complete
from dsactl.cli.app import AsOfOpt, PathsArg, app, as_of_day, finish, guard, note
from dsactl.cli.output import Outputs, emit

EPILOG = """Examples:

  dsactl answer TikTok genai-elections --on 2024-04-05

  dsactl answer x 2024-05-other cases/ --on 2024-05-27 --force
      (replace a recorded date)

  dsactl answer TikTok genai-elections --format json
      (what was done, as JSON)
"""


class Answered(NamedTuple):
    """What `answer` did to one request of one case file."""

    platform: str
    file: str
    request: str
    position: int
    answered: str
    previous: str | None
    changed: bool
    message: str
    notes: list[str]


def _table(_: Answered) -> str:
    return ""  # the message and notes go to stderr, as before


def _document(done: Answered) -> Any:
    return {
        "action": "answered" if done.changed else "unchanged",
        "platform": done.platform,
        "file": done.file,
        "request": done.request,
        "index": done.position,
        "answered": done.answered,
        "previous": done.previous,
        "changed": done.changed,
        "notes": done.notes,
    }


OUTPUTS: Outputs[Answered] = Outputs(documents={"table": _table}, document=_document)


@app.command(epilog=EPILOG)
def answer(
    platform: Annotated[
        str,
        typer.Argument(
            metavar="PLATFORM",
            help="Platform (case file stem or name).",
            autocompletion=complete.platforms,
        ),
    ],
    request_id: Annotated[
        str,
        typer.Argument(
            metavar="REQUEST_ID",
            help="The `id` of the request answered.",
            autocompletion=complete.request_ids,
        ),
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
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        OUTPUTS.option(
            "What to print: table is a line on stderr, json a report on stdout", by_suffix=False
        ),
    ] = None,
) -> None:
    """Record that PLATFORM answered REQUEST_ID: `answered = DATE` in its case file.

    The file is edited in place: one line is added (after `due`) or, with --force, replaced;
    every other byte stays as it was. Nothing is written if the file has errors, if the
    result would not pass `dsactl check`, or if the file changed on disk meanwhile.
    """
    with guard():
        from dsactl.casefile.discovery import find_case_files
        from dsactl.cli.app import load
        from dsactl.edit import case_edits
        from dsactl.edit.answer import answer_file
        from dsactl.law import dates

        today = as_of_day(as_of)
        day = dates.parse_date(on, option="on") if on is not None else today
        docket = load(find_case_files(paths), today, warnings=False)  # it shows errors only
        loaded = case_edits.editable_file(docket, platform)
        result = answer_file(
            loaded.path,
            request_id,
            day,
            display=loaded.display,
            force=force,
            resolver=docket.resolver,
        )
        notes: list[str] = []
        if result.changed and day > today:
            notes.append(f"the reply date {day} is after today ({today}); check --on")
        case = loaded.case
        done = Answered(
            case.platform.name if case is not None else platform,
            loaded.display,
            request_id,
            result.index,
            day.isoformat(),
            result.previous.isoformat() if result.previous else None,
            result.changed,
            result.describe(loaded.display),
            notes,
        )
        chosen = OUTPUTS.choose(fmt, None)
        if chosen == "table":
            note(done.message)
            for line in notes:
                note(f"dsactl: note: {line}")
        emit(OUTPUTS.render(chosen, done), None)
        finish(docket)
