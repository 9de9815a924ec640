"""`dsactl obligations`: the statutory obligations the law attaches to each case's anchors."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from dsactl.cli.app import (
    AsOfOpt,
    CalendarFileOpt,
    OutputOpt,
    PathsArg,
    RulesFileOpt,
    SoonOpt,
    app,
    as_of_day,
    emit,
    existing,
    guard,
    report_errors,
    show,
)
from dsactl.errors import EXIT_DATA

if TYPE_CHECKING:
    from datetime import date

    from dsactl.docket.deadlines import ObligationRow
    from dsactl.docket.obligations import Occurrence


class ObligationFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"


EPILOG = """Examples:

  dsactl obligations cases/ --as-of 2026-12-02

  dsactl obligations X --from 2026-01-01 --to 2026-12-31 --format json

  dsactl obligations --format ics -o obligations.ics      (import into any calendar)

  dsactl obligations --rules-file my-rules.toml           (add or override a rule set)
"""

#: The window when --from / --to are not given: from this many days before as-of …
BEFORE_DAYS = 183
#: … to this many days after it.
AFTER_DAYS = 365


def _document(fmt: ObligationFormat, rows: list[ObligationRow], day: date, notes: list[str]) -> str:
    from dsactl.render import obligations as render

    if fmt is ObligationFormat.ics:
        from datetime import UTC, datetime

        from dsactl.render.ics import deadlines_ics

        return deadlines_ics(rows, stamp=datetime.now(UTC))
    if fmt is ObligationFormat.markdown:
        return render.obligations_markdown(rows, day, notes)
    if fmt is ObligationFormat.csv:
        return render.obligations_csv(rows)
    return render.obligations_json(rows, notes)


@app.command(epilog=EPILOG)
def obligations(
    paths: PathsArg = None,
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
    fmt: Annotated[ObligationFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ObligationFormat.table
    ),
    output: OutputOpt = None,
) -> None:
    """List the statutory obligations generated from each case's rule sets and anchors:
    rule id, article, occurrence, due date, status, days and working days left, and what is
    delivered to whom.

    PATHS may also name platforms (a case file's stem or [platform] name): then only those
    are listed. Periods are counted under Regulation 1182/71 in the Commission's calendar (a
    date in a year whose holidays are not yet published is marked projected); fixed calendar
    dates ("by 31 August") are not periods and are not moved. Ambiguities of the law are
    printed beside the dates they affect.
    """
    with guard():
        from dsactl.casefile.discovery import find_case_files
        from dsactl.docket.deadlines import obligation_rows
        from dsactl.docket.load import load_docket
        from dsactl.docket.obligations import generate
        from dsactl.errors import UsageError
        from dsactl.law.dates import parse_date

        day = as_of_day(as_of)
        first = parse_date(start, option="--from") if start is not None else None
        last = parse_date(end, option="--to") if end is not None else None
        if first is not None and last is not None and last < first:
            raise UsageError(f"--to {last} is before --from {first}")
        low, high = _window(day, first, last)
        files, platforms = _split(paths)
        extra = existing(rules_file, "--rules-file")
        extra += existing(calendar_file, "--calendar-file")
        docket = load_docket(find_case_files(files or None), day, extra_files=extra)
        cases = [docket.find(p) for p in platforms] if platforms else docket.cases
        rulesets = docket.resolver.rulesets_by_id()
        occurrences: list[Occurrence] = []
        notes: list[str] = []
        for case in cases:
            generated = generate(case, rulesets, docket.resolver, until=high)
            occurrences.extend(o for o in generated.occurrences if o.due >= low)
            notes.extend(f"{case.platform.name}: {note}" for note in generated.notes)
        occurrences.sort(key=lambda o: (o.due, o.platform.casefold(), o.rule.id, o.number))
        rows = obligation_rows(
            occurrences, day, include_done=True, soon=soon, resolver=docket.resolver
        )
        if fmt is ObligationFormat.table:
            from dsactl.render.obligations import print_obligations

            show(lambda console: print_obligations(rows, day, console, notes), output)
        else:
            emit(_document(fmt, rows, day, notes), output)
        errors = docket.errors if not platforms else [
            f for case in cases for f in docket.errors_of(case)
        ]  # fmt: skip
        if errors:
            report_errors(errors)
            raise typer.Exit(EXIT_DATA)


def _window(day: date, first: date | None, last: date | None) -> tuple[date, date]:
    from datetime import timedelta

    low = first or day - timedelta(days=BEFORE_DAYS)
    high = last or max(low, day) + timedelta(days=AFTER_DAYS)
    return low, high


def _split(paths: list[Path] | None) -> tuple[list[Path], list[str]]:
    """Existing files and folders, and the other words (platform names)."""
    files: list[Path] = []
    names: list[str] = []
    for path in paths or []:
        if path.exists() or path.suffix == ".toml" or "/" in str(path):
            files.append(path)
        else:
            names.append(str(path))
    return files, names
