"""`dsactl obligations`: the statutory obligations the law attaches to each case's anchors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, Optional

import typer

from dsactl.cli import complete
from dsactl.cli.app import (
    AsOfOpt,
    CalendarFileOpt,
    OutputOpt,
    RulesFileOpt,
    SoonOpt,
    app,
    as_of_day,
    existing,
    finish,
    guard,
    load,
)
from dsactl.cli.output import Outputs, with_skipped

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console

    from dsactl.docket.deadlines import ObligationRow
    from dsactl.docket.obligations import Occurrence


class Obligations(NamedTuple):
    rows: list[ObligationRow]
    as_of: date
    #: Notes on the generation, per platform (no designation date, counted from designation).
    notes: list[str]
    #: Case files left out for their errors (counted in the Markdown summary).
    skipped: int = 0


def _table(result: Obligations, console: Console) -> None:
    from dsactl.render.obligations import print_obligations

    print_obligations(result.rows, result.as_of, console, result.notes)


def _document(result: Obligations) -> Any:
    from dsactl.render.obligations import obligations_document

    return obligations_document(result.rows, result.notes)


def _csv(result: Obligations) -> str:
    from dsactl.render.obligations import obligations_csv

    return obligations_csv(result.rows)


def _markdown(result: Obligations) -> str:
    from dsactl.render.obligations import obligations_markdown

    return with_skipped(
        obligations_markdown(result.rows, result.as_of, result.notes), result.skipped
    )


def _ics(result: Obligations) -> str:
    from datetime import UTC, datetime

    from dsactl.render.ics import deadlines_ics

    return deadlines_ics(result.rows, stamp=datetime.now(UTC))


OUTPUTS: Outputs[Obligations] = Outputs(
    table=_table,
    document=_document,
    documents={"csv": _csv, "markdown": _markdown, "ics": _ics},
)

EPILOG = """Examples:

  dsactl obligations cases/ --as-of 2026-12-02

  dsactl obligations X --from 2026-01-01 --to 2026-12-31 --format json

  dsactl obligations --format ics -o obligations.ics
      (import into any calendar)

  dsactl obligations --rules-file my-rules.toml
      (add or override a rule set)
"""

#: The window when --from / --to are not given: from this many days before as-of …
BEFORE_DAYS = 183
#: … to this many days after it.
AFTER_DAYS = 365


@app.command(epilog=EPILOG)
def obligations(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="[PLATFORM|PATH]...",
            help="Platforms (a case file's stem or [platform] name) and case files or folders "
            "(default: $DSACTL_CASES, else ./cases).",
            show_default=False,
            autocompletion=complete.platforms,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    start: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from", metavar="YYYY-MM-DD", help="First due day listed (default: as-of − 183 days)."
        ),
    ] = None,
    end: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--to", metavar="YYYY-MM-DD", help="Last due day listed (default: as-of + 365 days)."
        ),
    ] = None,
    soon: SoonOpt = 7,
    rules_file: RulesFileOpt = None,
    calendar_file: CalendarFileOpt = None,
    fmt: Annotated[Optional[str], OUTPUTS.option()] = None,  # noqa: UP045
    output: OutputOpt = None,
) -> None:
    """List the statutory obligations generated from each case's rule sets and anchors:
    rule id, article, occurrence, due date, status, days and working days left, and what is
    delivered to whom.

    Periods are counted under Regulation 1182/71 in the Commission's calendar (a date that
    depends on holidays not yet published is marked projected); fixed calendar dates ("by 31
    August") are not periods and are not moved. Ambiguities of the law are printed beside the
    dates they affect. Occurrences are numbered per rule from the first: a filings entry
    names one by its rule and number.
    """
    with guard():
        from dsactl.casefile.discovery import find_case_files
        from dsactl.docket.deadlines import obligation_rows
        from dsactl.docket.known import known_case
        from dsactl.docket.obligations import generate
        from dsactl.errors import UsageError
        from dsactl.law.dates import parse_date

        day = as_of_day(as_of)
        first = parse_date(start, option="window_start") if start is not None else None
        last = parse_date(end, option="window_end") if end is not None else None
        if first is not None and last is not None and last < first:
            raise UsageError(
                f"--to {last} is before --from {first}", hint="give an end on or after the start"
            )
        low, high = _window(day, first, last)
        files, platforms = _split(paths)
        extra = existing(rules_file, "--rules-file")
        extra += existing(calendar_file, "--calendar-file")
        docket = load(find_case_files(files or None), day, extra_files=extra)
        cases = [docket.find(p) for p in platforms] if platforms else docket.cases
        rulesets = docket.resolver.rulesets_by_id()
        occurrences: list[Occurrence] = []
        notes: list[str] = []
        for case in cases:
            known = known_case(case, day)[0]
            generated = generate(known, rulesets, docket.resolver, until=high)
            occurrences.extend(o for o in generated.occurrences if o.due >= low)
            notes.extend(f"{case.platform.name}: {note}" for note in generated.notes)
        occurrences.sort(key=lambda o: (o.due, o.platform.casefold(), o.rule.id, o.number))
        rows = obligation_rows(
            occurrences, day, include_done=True, soon=soon, resolver=docket.resolver
        )
        skipped = len(docket.skipped)
        OUTPUTS.write(fmt, Obligations(rows, day, notes, skipped), output, skipped=skipped)
        finish(docket)


def _window(day: date, first: date | None, last: date | None) -> tuple[date, date]:
    from datetime import date as _date
    from datetime import timedelta

    try:
        low = first or day - timedelta(days=BEFORE_DAYS)
    except OverflowError:
        low = _date.min
    try:
        high = last or max(low, day) + timedelta(days=AFTER_DAYS)
    except OverflowError:
        high = _date.max
    return low, high


def _split(paths: list[str] | None) -> tuple[list[Path], list[str]]:
    """Existing files and folders, and the other words (platform names)."""
    files: list[Path] = []
    names: list[str] = []
    for text in paths or []:
        path = Path(text)
        if path.exists() or path.suffix == ".toml" or "/" in text:
            files.append(path)
        else:
            names.append(text)
    return files, names
