"""The timeline picture as shapes for an inline SVG.

The picture is the one ``dsactl timeline`` draws: the core (``docket.timeline``) decides what
each column of each platform's row holds; this module only turns the cells into rectangles
and marks. Every kind of mark has its own shape as well as its own colour (a diamond, an
outlined diamond, a circled "!", a tick, a triangle; bars solid, doubled, dashed or thin), so
the picture reads the same in print and without colour. Colours come from the page's
stylesheet through the class names, so the dark scheme applies to the picture too.
"""

from __future__ import annotations

from itertools import groupby

from msgspec import Struct

from dsactl.docket.timeline import Timeline, column

LABEL_WIDTH = 150
CELL = 8
ROW = 28
TOP = 34
BOTTOM = 12

BARS: dict[str, str] = {
    "proceeding-open": "proceeding open",
    "proceeding-commitments": "commitments",
    "proceeding-non-compliance": "non-compliance",
    "proceeding-closed": "proceeding closed",
}
MARKS: dict[str, str] = {
    "overdue": "overdue",
    "due-soon": "due soon",
    "open": "due (open)",
    "obligation": "obligation due",
    "event": "proceeding event",
    "answered": "answered",
    "past": "past (reply not public)",
    "fine": "fine imposed",
}


class Bar(Struct, frozen=True):
    kind: str
    x: int
    y: int
    width: int


class Mark(Struct, frozen=True):
    kind: str
    x: int  # centre
    y: int  # centre


class Label(Struct, frozen=True):
    text: str
    x: int
    y: int


class Picture(Struct, frozen=True):
    width: int
    height: int
    chart_left: int
    chart_right: int
    today_x: int | None
    axis: tuple[Label, ...]
    labels: tuple[Label, ...]
    bars: tuple[Bar, ...]
    marks: tuple[Mark, ...]
    #: The kinds that occur, in legend order.
    legend: tuple[tuple[str, str], ...]


def picture(timeline: Timeline) -> Picture:
    chart_left = LABEL_WIDTH
    width = chart_left + timeline.width * CELL + CELL
    height = TOP + ROW * max(1, len(timeline.rows)) + BOTTOM
    axis = []
    for printed, chars in groupby(enumerate(timeline.axis), key=lambda item: item[1] != " "):
        items = list(chars)
        if printed:
            text = "".join(ch for _, ch in items)
            axis.append(Label(text, chart_left + items[0][0] * CELL, TOP - 14))
    labels: list[Label] = []
    bars: list[Bar] = []
    marks: list[Mark] = []
    seen: set[str] = set()
    for index, row in enumerate(timeline.rows):
        top = TOP + index * ROW
        middle = top + ROW // 2
        labels.append(Label(row.label, chart_left - 8, middle + 4))
        col = 0
        for cell, cells in groupby(row.cells):
            count = len(list(cells))
            if cell is None:
                pass
            elif cell in BARS:
                bars.append(Bar(cell, chart_left + col * CELL, middle - 4, count * CELL))
                seen.add(cell)
            elif cell in MARKS:
                for offset in range(count):
                    x = chart_left + (col + offset) * CELL + CELL // 2
                    marks.append(Mark(cell, x, middle))
                seen.add(cell)
            col += count
    today = column(timeline.as_of, timeline.start, timeline.days, timeline.width)
    today_x = None if today is None else chart_left + today * CELL + CELL // 2
    legend = tuple((kind, words) for kind, words in {**BARS, **MARKS}.items() if kind in seen)
    return Picture(
        width=width,
        height=height,
        chart_left=chart_left,
        chart_right=chart_left + timeline.width * CELL,
        today_x=today_x,
        axis=tuple(axis),
        labels=tuple(labels),
        bars=tuple(bars),
        marks=tuple(marks),
        legend=legend,
    )
