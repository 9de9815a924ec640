"""Deadlines as a terminal table, JSON or CSV: requests and generated obligations."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from dsactl.docket.deadlines import DeadlineRow, ObligationRow, Row
from dsactl.shown import shown_path

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from rich.console import Console

    from dsactl.docket.missed import MissedExposure
    from dsactl.docket.obligations import Occurrence
    from dsactl.law.calendars import Projection

FIELDS = (
    "platform",
    "provider",
    "file",
    "id",
    "kind",
    "subject",
    "sent",
    "due",
    "answered",
    "status",
    "days_left",
    "working_days_left",
    "computed",
    "projected",
    "working_days_projected",
    "projected_calendar",
    # Added with generated obligations: where the row comes from ("request" or "rule").
    "source",
    "rule",
    "article",
    "occurrence",
    "deliver",
    "to",
)

#: The mark after a date or a count that depends on projected public holidays.
PROJECTED_MARK = "*"

STATUS_STYLE = {
    "overdue": "bold red",
    "due-soon": "yellow",
    "open": "green",
    "answered": "dim",
    "filed": "dim",
    "past": "dim",
    "no-due-date": "cyan",
}
#: What a status means, where it is not plain.
STATUS_NOTE = {"past": "reply not public", "no-due-date": "no date in the record"}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _projection_records(row: Row) -> list[dict[str, Any]]:
    return [
        {"calendar": p.calendar, "year": p.year, "after": p.after.isoformat() if p.after else None}
        for p in _projections([row])
    ]


def exposure_record(exposure: MissedExposure) -> dict[str, Any]:
    from dsactl.law.money import plain

    def money(value: Any) -> str | None:
        return plain(value) if value is not None else None

    return {
        "days_late": exposure.days_late,
        "answered_late": exposure.answered_late,
        "year_end": exposure.turnover.year_end.isoformat(),
        "currency": exposure.currency,
        "periodic_penalty_per_day": money(exposure.per_day),
        "periodic_penalty_per_day_eur": money(exposure.per_day_eur),
        "periodic_penalty_article": exposure.per_day_article,
        "procedural_cap": money(exposure.procedural_cap),
        "procedural_cap_eur": money(exposure.procedural_cap_eur),
        "procedural_cap_article": exposure.procedural_article,
        "notes": list(exposure.notes),
    }


def occurrence_record(occurrence: Occurrence, *, steps: bool = True) -> dict[str, Any]:
    """What a generated obligation adds to its row in `dsactl obligations`: the rule, the
    counting, the notes; ``steps``: the explanation steps of its period too. (`dsactl
    deadlines` gives the short form, see ``row_record``: a docket of thousands of files has
    many rows; `dsactl obligations` has the whole explanation.)"""
    rule = occurrence.rule
    record = {
        "rule": rule.id,
        "rule_set": occurrence.ruleset.id,
        "article": rule.article,
        "occurrence": occurrence.number,
        "title": rule.title,
        "label": occurrence.label or None,
        "binds": rule.binds,
        "deliver": rule.deliver,
        "to": rule.to,
        "rule_source": rule.source,
        "fixed_date": occurrence.fixed,
        "weekday": occurrence.weekday,
        "basis": occurrence.basis,
        "calendar": occurrence.calendar,
        "projected": occurrence.projected,
        "notes": list(occurrence.notes),
        "filed": _iso(occurrence.filing.filed) if occurrence.filing else None,
        "filing_source": occurrence.filing.source if occurrence.filing else None,
    }
    if steps:
        record["steps"] = [
            {"date": s.date.isoformat(), "rule": s.rule, "reason": s.reason}
            for s in occurrence.steps
        ]
    return record


def row_record(row: Row, exposure: MissedExposure | None = None) -> dict[str, Any]:
    if isinstance(row, ObligationRow):
        occurrence = row.occurrence
        rule = occurrence.rule
        record: dict[str, Any] = {
            "platform": row.case.platform.name,
            "provider": row.case.platform.provider,
            "file": shown_path(row.case.path),
            "id": f"{rule.id}#{occurrence.number}",
            "kind": "obligation",
            "subject": subject_of(row),
            "sent": None,
            "due": occurrence.due.isoformat(),
            "answered": _iso(occurrence.filing.filed) if occurrence.filing else None,
            "status": row.status,
            "days_left": row.days_left,
            "working_days_left": row.working_days_left,
            "computed": not occurrence.fixed,
            "projected": row.projected,
            "working_days_projected": row.working_days_projected,
            "projected_calendar": _projection_records(row),
            "source": "rule",
        }
        record.update(
            {
                "rule": rule.id,
                "article": rule.article,
                "occurrence": occurrence.number,
                "label": occurrence.label or None,
                "deliver": rule.deliver,
                "to": rule.to,
                "fixed_date": occurrence.fixed,
                "weekday": occurrence.weekday,
            }
        )
        if row.status in STATUS_NOTE:
            record["status_note"] = STATUS_NOTE[row.status]
        return record
    request = row.request
    record = {
        "platform": row.case.platform.name,
        "provider": row.case.platform.provider,
        "file": shown_path(row.case.path),
        "id": request.id,
        "kind": request.kind,
        "subject": request.subject,
        "sent": request.sent.isoformat(),
        "due": _iso(request.due),
        "answered": _iso(request.answered),
        "status": row.status,
        "days_left": row.days_left,
        "working_days_left": row.working_days_left,
        "computed": request.computed,
        "projected": row.projected,
        "working_days_projected": row.working_days_projected,
        "projected_calendar": _projection_records(row),
        "source": "request",
        "rule": None,
        "article": None,
        "occurrence": None,
        "notified": _iso(request.notified),
        "period": request.period,
        "counted_from": request.counted_from,
        "proceeding": request.proceeding,
        "confidence": request.confidence,
        "alternatives": [d.isoformat() for d in request.alternatives],
    }
    if row.status in STATUS_NOTE:
        record["status_note"] = STATUS_NOTE[row.status]
    if exposure is not None:
        record["exposure"] = exposure_record(exposure)
    return record


def subject_of(row: Row) -> str:
    if isinstance(row, DeadlineRow):
        return row.request.subject
    occurrence = row.occurrence
    label = f" ({occurrence.label})" if occurrence.label else ""
    return f"{occurrence.rule.title}{label} → {occurrence.rule.to}"


def id_of(row: Row) -> str:
    if isinstance(row, DeadlineRow):
        return row.request.id
    return f"{row.occurrence.rule.id} #{row.occurrence.number}"


def kind_of(row: Row) -> str:
    if isinstance(row, DeadlineRow):
        return row.request.kind
    return row.occurrence.rule.article


def _projections(rows: Iterable[Row]) -> list[Projection]:
    from dsactl.docket.deadlines import projections_of

    return list(projections_of(rows))


def projection_footnote(rows: Iterable[Row]) -> str | None:
    """The footnote for the mark: which calendar years are projected, and what that means."""
    parts = _projections(rows)
    if not parts:
        return None
    names = ", ".join(str(p) for p in parts)
    return (
        f"{PROJECTED_MARK} depends on projected public holidays: {names} — no published "
        "Commission decision was read for these, so its holidays follow the usual pattern; "
        "check the date again once the decision is published."
    )


def _exposure_of(row: Row) -> MissedExposure | None:
    """The exposure the docket computed for ``row`` (``DeadlineRow.exposure``), if any."""
    return row.exposure if isinstance(row, DeadlineRow) else None


def deadline_records(rows: Sequence[Row], as_of: date | None = None) -> list[dict[str, Any]]:
    """The JSON document of `deadlines`: one record per row; with ``as_of`` (the day the rows
    were made for), each missed deadline set by a decision carries its ``exposure``, as
    ``docket.deadlines`` computed it."""
    if as_of is None:
        return [row_record(r) for r in rows]
    return [row_record(r, _exposure_of(r)) for r in rows]


def iter_deadline_records(rows: Sequence[Row], as_of: date) -> Iterator[dict[str, Any]]:
    """``deadline_records(rows, as_of)`` one record at a time (for a streamed document)."""
    for row in rows:
        yield row_record(row, _exposure_of(row))


def deadlines_json(rows: Sequence[Row], as_of: date | None = None) -> str:
    from dsactl.render.structured import to_json

    return to_json(deadline_records(rows, as_of))


def deadlines_csv(rows: Sequence[Row]) -> str:
    from dsactl.render.structured import to_csv

    records = [row_record(r) for r in rows]
    for row, record in zip(rows, records, strict=True):  # one cell: "eu-commission 2025; …"
        record["projected_calendar"] = "; ".join(str(p) for p in _projections([row]))
    return to_csv(FIELDS, ([rec.get(f) for f in FIELDS] for rec in records))


def title(rows: Sequence[Row], as_of: date) -> str:
    """ "Reply deadlines as of …", or "Deadlines as of …" when obligations are listed too."""
    what = "Deadlines" if any(isinstance(r, ObligationRow) for r in rows) else "Reply deadlines"
    return f"{what} as of {as_of.isoformat()}"


def summary_line(rows: Sequence[Row], hidden: int = 0) -> str:
    """``3 deadline(s): 1 overdue, 2 open``, counted in the order the statuses first appear."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in counts.items()) or "no open requests"
    if "past" in counts:
        summary += " (past: the file tracks public information; replies are not public)"
    line = f"{len(rows)} deadline(s): {summary}"
    if hidden:
        line += f"; {hidden} done or past not shown (--all shows them)"
    return line


def print_deadlines(
    rows: Sequence[Row], as_of: date, console: Console, *, skipped: int = 0, hidden: int = 0
) -> None:
    """The deadlines as a table (see ``render/grid.py``), its footnotes and a summary."""
    from dsactl.render.grid import paused_gc

    with paused_gc():
        _print_deadlines(rows, as_of, console, skipped=skipped, hidden=hidden)


def _print_deadlines(
    rows: Sequence[Row], as_of: date, console: Console, *, skipped: int = 0, hidden: int = 0
) -> None:
    from dsactl.render.console import literal
    from dsactl.render.grid import Cell, Column, Grid

    # Dates, numbers, statuses, platform names and request ids are never wrapped or cut (ids
    # are what users type into `dsactl answer`); subjects wrap; below the width that needs,
    # one record per block (see render/grid.py).
    table = Grid(
        title(rows, as_of),
        [
            Column("Due"),
            Column("Days", right=True),
            Column("Working days", right=True),
            Column("Status"),
            Column("Platform"),
            Column("Request (kind)", movable=True),
            Column("Subject", key=False, min_width=16),
        ],
    )
    for row in rows:
        due = row.due.isoformat() if row.due is not None else "—"
        if row.projected:
            due += PROJECTED_MARK
        working = "—" if row.working_days_left is None else str(row.working_days_left)
        if row.working_days_projected:
            working += PROJECTED_MARK
        if isinstance(row, DeadlineRow):
            kind = row.request.kind
            due_cell = Cell(due, note="computed" if row.request.computed else "")
            what = Cell(row.request.id, note=f"({kind})" if kind != "rfi" else "")
        else:
            occurrence = row.occurrence
            fixed = ", fixed date" if occurrence.fixed else ""
            due_cell = Cell(due, note=f"{occurrence.weekday[:3]}{fixed}")
            what = Cell(id_of(row), note=f"({occurrence.rule.article})")
        status = Cell(row.status, STATUS_STYLE[row.status], note=STATUS_NOTE.get(row.status, ""))
        table.add_row(
            due_cell,
            "—" if row.days_left is None else str(row.days_left),
            working,
            status,
            row.platform,
            what,
            subject_of(row),
        )
    if rows:
        table.print(console)
    footnote = projection_footnote(rows)
    if footnote is not None:
        console.print(literal(footnote, style="dim"))
    console.print(summary_line(rows, hidden) + skipped_note(skipped))


def skipped_note(skipped: int) -> str:
    """The end of a summary line when case files with errors were left out."""
    if not skipped:
        return ""
    return f"; {skipped} case file(s) skipped for their errors (on stderr)"
