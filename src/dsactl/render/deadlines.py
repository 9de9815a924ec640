"""Deadlines as a terminal table, JSON or CSV."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from dsactl.shown import shown_path

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import Console

    from dsactl.docket.deadlines import DeadlineRow
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
)

#: The mark after a date or a count that depends on projected public holidays.
PROJECTED_MARK = "*"

STATUS_STYLE = {
    "overdue": "bold red",
    "due-soon": "yellow",
    "open": "green",
    "answered": "dim",
}


def row_record(row: DeadlineRow) -> dict[str, Any]:
    request = row.request
    return {
        "platform": row.case.platform.name,
        "provider": row.case.platform.provider,
        "file": shown_path(row.case.path),
        "id": request.id,
        "kind": request.kind,
        "subject": request.subject,
        "sent": request.sent.isoformat(),
        "due": request.due.isoformat(),
        "answered": request.answered.isoformat() if request.answered else None,
        "status": row.status,
        "days_left": row.days_left,
        "working_days_left": row.working_days_left,
        "computed": request.computed,
        "projected": row.projected,
        "working_days_projected": row.working_days_projected,
        "projected_calendar": [
            {
                "calendar": p.calendar,
                "year": p.year,
                "after": p.after.isoformat() if p.after else None,
            }
            for p in _projections([row])
        ],
    }


def _projections(rows: Iterable[DeadlineRow]) -> list[Projection]:
    from dsactl.docket.deadlines import projections_of

    return list(projections_of(rows))


def projection_footnote(rows: Iterable[DeadlineRow]) -> str | None:
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


def deadlines_json(rows: list[DeadlineRow]) -> str:
    from dsactl.render.structured import to_json

    return to_json([row_record(r) for r in rows])


def deadlines_csv(rows: list[DeadlineRow]) -> str:
    from dsactl.render.structured import to_csv

    records = [row_record(r) for r in rows]
    for row, record in zip(rows, records, strict=True):  # one cell: "eu-commission 2025; …"
        record["projected_calendar"] = "; ".join(str(p) for p in _projections([row]))
    return to_csv(FIELDS, ([rec[f] for f in FIELDS] for rec in records))


def print_deadlines(
    rows: list[DeadlineRow], as_of: date, console: Console, *, skipped: int = 0
) -> None:
    """The deadlines as a table (see ``render/grid.py``), its footnotes and a summary."""
    from dsactl.render.grid import paused_gc

    with paused_gc():
        _print_deadlines(rows, as_of, console, skipped=skipped)


def _print_deadlines(
    rows: list[DeadlineRow], as_of: date, console: Console, *, skipped: int = 0
) -> None:
    from dsactl.render.console import literal
    from dsactl.render.grid import Cell, Column, Grid

    # Dates, numbers, statuses, platform names and request ids are never wrapped or cut (ids
    # are what users type into `dsactl answer`); subjects wrap; below the width that needs,
    # one record per block (see render/grid.py).
    table = Grid(
        f"Reply deadlines as of {as_of.isoformat()}",
        [
            Column("Due"),
            Column("Days", right=True),
            Column("Working days", right=True),
            Column("Status"),
            Column("Platform"),
            Column("Request (kind)"),
            Column("Subject", key=False, min_width=16),
        ],
    )
    for row in rows:
        due = row.request.due.isoformat()
        if row.projected:
            due += PROJECTED_MARK
        working = "—" if row.working_days_left is None else str(row.working_days_left)
        if row.working_days_projected:
            working += PROJECTED_MARK
        kind = row.request.kind
        table.add_row(
            Cell(due, note="computed" if row.request.computed else ""),
            str(row.days_left),
            working,
            Cell(row.status, STATUS_STYLE[row.status]),
            row.platform,
            Cell(row.request.id, note=f"({kind})" if kind != "rfi" else ""),
            row.request.subject,
        )
    if rows:
        table.print(console)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in counts.items()) or "no open requests"
    footnote = projection_footnote(rows)
    if footnote is not None:
        console.print(literal(footnote, style="dim"))
    console.print(f"{len(rows)} deadline(s): {summary}{skipped_note(skipped)}")


def skipped_note(skipped: int) -> str:
    """The end of a summary line when case files with errors were left out."""
    if not skipped:
        return ""
    return f"; {skipped} case file(s) skipped for their errors (on stderr)"
