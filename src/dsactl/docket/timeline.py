"""A docket over time: one row per platform, laid out on a grid of character cells.

This module decides *what* each cell holds (a proceeding, a due date of a given status, a
fine, today); the renderers in ``dsactl.render.timeline`` decide how it looks (glyphs,
colours, terminal or SVG). Pure: no Rich, no printing.

Each column stands for an equal slice of days between ``start`` and ``end``; a date falls in
the column ``(date - start) * width // days``. When several things fall in one cell the most
telling wins (see ``PRIORITY``): a fine, then a due date (the most urgent status first),
then today's line, then a proceeding's bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from msgspec import Struct

from dsactl.casefile.model import Case
from dsactl.docket.deadlines import DEFAULT_SOON, Status, status_of
from dsactl.docket.obligations import Occurrence, status_of_obligation
from dsactl.errors import InputError

Cell = Literal[
    "fine",
    "overdue",
    "due-soon",
    "open",
    "obligation",
    "event",
    "answered",
    "past",
    "today",
    "proceeding-open",
    "proceeding-commitments",
    "proceeding-non-compliance",
    "proceeding-closed",
]
#: Higher wins when two things fall in the same cell.
PRIORITY: dict[Cell, int] = {
    "fine": 12,
    "overdue": 11,
    "due-soon": 10,
    "open": 9,
    "obligation": 8,
    "event": 7,
    "answered": 6,
    "past": 5,
    "today": 4,
    "proceeding-open": 3,
    "proceeding-non-compliance": 3,
    "proceeding-commitments": 2,
    "proceeding-closed": 1,
}
_PROCEEDING: dict[str, Cell] = {
    "open": "proceeding-open",
    "commitments": "proceeding-commitments",
    "non-compliance": "proceeding-non-compliance",
    "closed": "proceeding-closed",
}
MIN_WIDTH = 20
LABEL_MAX = 18
#: Room for the renderer's heading ("Platform") above the labels.
LABEL_MIN = 8
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class Mark(Struct, frozen=True):
    """One thing drawn on a row, as data: a proceeding's bar, a due date, a fine."""

    kind: Cell
    #: The id of the proceeding, request or fine in the case file.
    id: str
    first: date
    #: The last day of a proceeding's bar (as-of while it is open); ``first`` otherwise.
    last: date
    #: How sure the case file is of the date (``confidence``), and the other dates sources
    #: give for it (``alternatives``): a conflict is drawn, never resolved silently.
    confidence: str | None = None
    alternatives: tuple[date, ...] = ()


class TimelineRow(Struct, frozen=True):
    label: str
    cells: tuple[Cell | None, ...]
    #: The platform's full name and what is drawn on its row, in the window, by date.
    platform: str = ""
    marks: tuple[Mark, ...] = ()


class Timeline(Struct, frozen=True):
    start: date
    end: date
    as_of: date
    width: int
    #: The axis: tick labels (``2024``, ``Mar``) placed at their columns, ``width`` wide.
    axis: str
    rows: tuple[TimelineRow, ...]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label_width(self) -> int:
        return max([LABEL_MIN, *(len(r.label) for r in self.rows)])


def column(day: date, start: date, days: int, width: int) -> int | None:
    """The column of ``day``, or None when it falls outside the window."""
    offset = (day - start).days
    if offset < 0 or offset >= days:
        return None
    return _scale(offset, days, width)


def _scale(offset: int, days: int, width: int) -> int:
    return offset * width // days


def _events(case: Case) -> list[date]:
    found: list[date] = []
    for proceeding in case.proceedings:
        found.append(proceeding.opened)
        if proceeding.closed:
            found.append(proceeding.closed)
    for request in case.requests:
        found.extend(d for d in (request.sent, request.due, request.answered) if d)
    found.extend(fine.date for fine in case.fines)
    found.extend(event.date for event in case.events)
    return found


def window(
    cases: Sequence[Case], as_of: date, start: date | None, end: date | None
) -> tuple[date, date]:
    """``start``/``end`` when given, else from the earliest event to the later of as-of and
    the last."""
    events = [day for case in cases for day in _events(case)] or [as_of]
    if start is not None and end is not None and end < start:
        raise InputError(
            f"{{window_end}} {end} is before {{window_start}} {start}",
            input=None,
            hint="give an end on or after the start",
        )
    first = start or min(events)
    last = end or max([*events, as_of])
    # One bound given beyond the events: a window of that one day rather than a reversed one.
    if start is None:
        first = min(first, last)
    if end is None:
        last = max(first, last)
    return first, last


def _axis(start: date, days: int, width: int) -> str:
    """Year labels at each 1 January in the window (and at the start); month labels too when
    there is room for them."""
    cells = [" "] * width
    per_month = width * 30 / days
    step = next((s for s in (1, 3, 6) if per_month * s >= 4), 12)
    marks: list[tuple[int, str]] = []
    month = date(start.year, start.month, 1)
    while (month - start).days < days:
        col = column(month, start, days, width) if month >= start else None
        if col is not None:
            if month.month == 1:
                marks.append((col, str(month.year)))
            elif step < 12 and (month.month - 1) % step == 0:
                marks.append((col, _MONTHS[month.month - 1]))
        if month.year == date.max.year and month.month == 12:
            break
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    if not marks or marks[0][0] > 4:
        marks.insert(0, (0, str(start.year)))
    free = 0
    for col, text in marks:
        if col < free or col + len(text) > width:
            continue
        cells[col : col + len(text)] = list(text)
        free = col + len(text) + 1
    return "".join(cells)


def _put(cells: list[Cell | None], col: int | None, what: Cell) -> None:
    if col is None:
        return
    here = cells[col]
    if here is None or PRIORITY[what] > PRIORITY[here]:
        cells[col] = what


_STATUS_CELL: dict[Status, Cell] = {
    "overdue": "overdue",
    "due-soon": "due-soon",
    "open": "open",
    "answered": "answered",
    "filed": "answered",
    "past": "past",
    "no-due-date": "open",
}


def _row(
    case: Case,
    start: date,
    end: date,
    as_of: date,
    width: int,
    soon: int,
    obligations: Sequence[Occurrence] = (),
    requests: bool = True,
) -> TimelineRow:
    days = (end - start).days + 1
    cells: list[Cell | None] = [None] * width
    marks: list[Mark] = []
    for proceeding in case.proceedings:
        kind = _PROCEEDING.get(proceeding.status, "proceeding-open")
        if proceeding.closed and kind == "proceeding-open":
            kind = "proceeding-closed"
        last = min(proceeding.closed or max(as_of, proceeding.opened), end)
        first = max(proceeding.opened, start)
        if first > last:
            continue
        until = proceeding.closed or max(as_of, proceeding.opened)
        marks.append(
            Mark(
                kind,
                proceeding.id,
                proceeding.opened,
                until,
                proceeding.confidence,
                proceeding.alternatives,
            )
        )
        left = _scale((first - start).days, days, width)
        right = _scale((last - start).days, days, width)
        for col in range(left, right + 1):
            _put(cells, col, kind)
    _put(cells, column(as_of, start, days, width), "today")
    for event in case.events:
        _put(cells, column(event.date, start, days, width), "event")
        if start <= event.date <= end:
            name = f"{event.kind}: {event.summary}"
            marks.append(
                Mark("event", name, event.date, event.date, event.confidence, event.alternatives)
            )
    for request in case.requests if requests else ():
        if request.due is None:
            continue
        _, status = status_of(request, as_of, soon, case.public)
        cell = _STATUS_CELL[status]
        _put(cells, column(request.due, start, days, width), cell)
        if start <= request.due <= end:
            marks.append(
                Mark(
                    cell,
                    request.id,
                    request.due,
                    request.due,
                    request.confidence,
                    request.alternatives,
                )
            )
    for occurrence in obligations:
        _, status = status_of_obligation(occurrence, as_of, soon)
        cell = "obligation" if status == "open" else _STATUS_CELL[status]
        _put(cells, column(occurrence.due, start, days, width), cell)
        if start <= occurrence.due <= end:
            name = f"{occurrence.rule.id}#{occurrence.number}"
            marks.append(Mark(cell, name, occurrence.due, occurrence.due))
    for fine in case.fines:
        _put(cells, column(fine.date, start, days, width), "fine")
        if start <= fine.date <= end:
            marks.append(
                Mark("fine", fine.id, fine.date, fine.date, fine.confidence, fine.alternatives)
            )
    label = case.platform.name
    if len(label) > LABEL_MAX:
        label = label[: LABEL_MAX - 1] + "…"
    marks.sort(key=lambda m: (m.first, m.last, m.id))
    return TimelineRow(label, tuple(cells), case.platform.name, tuple(marks))


def build_timeline(
    cases: Sequence[Case],
    as_of: date,
    *,
    width: int,
    start: date | None = None,
    end: date | None = None,
    soon: int = DEFAULT_SOON,
    obligations: Sequence[Occurrence] = (),
    requests: bool = True,
) -> Timeline:
    """One row per platform (sorted by name) across ``width`` columns of time.

    ``width`` is the whole line, platform labels included; the chart gets what the labels
    leave, and at least ``MIN_WIDTH`` columns. Generated ``obligations`` are drawn where
    they fall in the window (they do not widen it); proceeding events are drawn too.
    ``requests=False`` leaves the requests' due dates out.
    """
    first, last = window(cases, as_of, start, end)
    ordered = sorted(cases, key=lambda c: c.platform.name.casefold())
    label_width = min(max([LABEL_MIN, *(len(c.platform.name) for c in ordered)]), LABEL_MAX)
    chart = max(MIN_WIDTH, width - label_width - 3)
    days = (last - first).days + 1
    chart = min(chart, days)  # never more columns than days: one column a day at most
    by_case: dict[int, list[Occurrence]] = {}
    for occurrence in obligations:
        by_case.setdefault(id(occurrence.case), []).append(occurrence)
    rows = tuple(
        _row(case, first, last, as_of, chart, soon, by_case.get(id(case), ()), requests)
        for case in ordered
    )
    return Timeline(first, last, as_of, chart, _axis(first, days, chart), rows)
