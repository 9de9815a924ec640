"""The timeline as terminal text (Rich) or as the same picture in an SVG file.

Every kind of cell has its own glyph as well as its own colour, so the picture reads the
same without colour (NO_COLOR, pipes, a printed report).
"""

from __future__ import annotations

import io
from itertools import groupby
from typing import TYPE_CHECKING, Any

from dsactl.docket.timeline import Cell, Timeline

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

HEADING = "Platform"  # fits in LABEL_MIN
#: glyph, style, legend text; in legend order.
GLYPHS: dict[Cell, tuple[str, str, str]] = {
    "proceeding-open": ("━", "blue", "proceeding open"),
    "proceeding-commitments": ("═", "cyan", "commitments"),
    "proceeding-non-compliance": ("╍", "red", "non-compliance"),
    "proceeding-closed": ("─", "bright_black", "closed"),
    "overdue": ("!", "bold red", "overdue"),
    "due-soon": ("◆", "yellow", "due soon"),
    "open": ("◇", "green", "due"),
    "obligation": ("○", "cyan", "obligation due"),
    "event": ("•", "blue", "proceeding event"),
    "answered": ("✓", "bright_black", "answered"),
    "past": ("·", "bright_black", "past (reply not public)"),
    "fine": ("▲", "bold magenta", "fine imposed"),
    "today": ("┃", "bold", "as of"),
}

#: Shown in the legend only when the picture has them (statutory obligations, events, past).
OPTIONAL: frozenset[Cell] = frozenset(("obligation", "event", "past"))


def _row_text(label: str, cells: tuple[Cell | None, ...], label_width: int) -> Text:
    from rich.cells import cell_len
    from rich.text import Text

    from dsactl.render.console import one_line

    shown = one_line(label)
    text = Text(shown + " " * max(0, label_width - cell_len(shown)) + " │")
    for cell, run in groupby(cells):
        count = len(list(run))
        if cell is None:
            text.append(" " * count)
        else:
            glyph, style, _ = GLYPHS[cell]
            text.append(glyph * count, style=style)
    return text


def _legend(timeline: Timeline, width: int) -> list[Text]:
    """The key to the glyphs, wrapped between items to fit ``width``."""
    from rich.text import Text

    lines = [Text()]
    used = {cell for row in timeline.rows for cell in row.cells}
    for kind, (glyph, style, words) in GLYPHS.items():
        if kind in OPTIONAL and kind not in used:
            continue
        label = f" {words} {timeline.as_of}" if kind == "today" else f" {words}"
        line = lines[-1]
        if line and len(line) + 2 + len(glyph + label) > width:
            line = Text()
            lines.append(line)
        elif line:
            line.append("  ")
        line.append(glyph, style=style)
        line.append(label)
    return lines


def draw_timeline(timeline: Timeline, console: Console) -> None:
    from rich.text import Text

    per_column = timeline.days / timeline.width
    scale = f"one column ≈ {per_column:.1f} days" if per_column >= 1.05 else "one column a day"
    console.print(
        Text(
            f"DSA docket {timeline.start} to {timeline.end}, as of {timeline.as_of} ({scale})",
            style="bold",
        )
    )
    # The axis line starts with a heading, not blanks: SVG viewers may drop leading blanks.
    label_width = timeline.label_width
    console.print(Text(HEADING.ljust(label_width + 2) + timeline.axis))
    if not timeline.rows:
        console.print("no case files to draw")
        return
    for row in timeline.rows:
        console.print(_row_text(row.label, row.cells, label_width))
    for line in _legend(timeline, max(console.width, 40)):
        console.print(line)
    for doubt in in_doubt(timeline):
        console.print(Text(doubt, style="dim"))


def in_doubt(timeline: Timeline) -> list[str]:
    """One line per drawn date that sources give otherwise (or mark as in conflict)."""
    lines = []
    for row in timeline.rows:
        for mark in row.marks:
            if not mark.alternatives and mark.confidence != "conflict":
                continue
            also = ", ".join(d.isoformat() for d in mark.alternatives) or "not recorded"
            lines.append(
                f"? {row.platform} {mark.id}: {mark.first.isoformat()} in doubt "
                f"({mark.confidence or 'alternatives'}); sources also give {also}"
            )
    return lines


def line_width(timeline: Timeline) -> int:
    return timeline.label_width + 2 + timeline.width


def timeline_svg(timeline: Timeline) -> str:
    """The same picture as the terminal shows, as a standalone SVG document (Rich's export)."""
    from rich.console import Console

    width = max(line_width(timeline), 60)
    console = Console(
        file=io.StringIO(),
        record=True,
        width=width,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        markup=False,
        emoji=False,
    )
    draw_timeline(timeline, console)
    return console.export_svg(title=f"dsactl timeline, as of {timeline.as_of}")


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    """What the picture shows, as data: the window and, per platform, each thing drawn."""
    return {
        "start": timeline.start.isoformat(),
        "end": timeline.end.isoformat(),
        "as_of": timeline.as_of.isoformat(),
        "platforms": [
            {
                "platform": row.platform,
                "marks": [
                    {
                        "kind": mark.kind,
                        "id": mark.id,
                        "first": mark.first.isoformat(),
                        "last": mark.last.isoformat(),
                        "confidence": mark.confidence,
                        "alternatives": [d.isoformat() for d in mark.alternatives],
                    }
                    for mark in row.marks
                ],
            }
            for row in timeline.rows
        ],
    }
