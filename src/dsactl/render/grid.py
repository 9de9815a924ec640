"""A table for long lists on any terminal width: key columns whole, long text wrapped, and
below the width the key columns need, one record per block.

Rich's ``Table`` shares the width out among all columns, so at 80 columns it splits request
ids mid-word (``genai-election`` / ``s``) and below that cuts dates (``2024-04…``) or drops
columns; it also measures every cell several times (minutes for 100 000 rows). ``Grid``
measures each cell once:

* a *key* column (dates, ids, statuses, platform names: what users type or compare) is as
  wide as its widest value, never wrapped, never cut;
* a *wrap* column (a subject) takes the width left, at least ``min_width``, and wraps at
  spaces (a word longer than the column is split, the only text ever split);
* when the key columns fit but the wrap columns' ``min_width`` do not fit beside them, the
  wrap columns go under each row, indented by ``INDENT`` and wrapped to the width left;
* when not even the key columns fit, every record is printed as a block of ``Header: value``
  lines, values whole (``--format json`` or ``csv`` are the outputs for programs).

Headers wrap at spaces to their column's width. The title is printed whole on its own line.
Colours come from the console (none in a pipe or with NO_COLOR); boxes are ASCII when the
output's encoding is not UTF-8.
"""

from __future__ import annotations

import gc
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from msgspec import Struct, field

from dsactl.render.console import visible

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

GAPS = ("  ", " ")  # between columns: two spaces, one when that makes the table fit
INDENT = "    "


class Column(Struct, frozen=True):
    header: str
    key: bool = True  # never wrapped or cut
    right: bool = False  # right-aligned (numbers)
    min_width: int = 16  # for a wrap column: below this, records become blocks
    # A key column that may go under its row (whole, on a line of its own) when the key
    # columns do not fit side by side.
    movable: bool = False


class Cell(Struct, frozen=True):
    """A cell: its lines (a value and, say, a dim second line) and an optional style."""

    text: str
    style: str = ""
    note: str = ""  # a second line, dim (``computed``, ``(rfi-decision)``)
    note_style: str = "dim"


class Grid(Struct):
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    gap: str = GAPS[0]

    def add_row(self, *cells: Cell | str) -> None:
        """A row; text from case files is shown with control characters escaped."""
        row = []
        for cell in cells:
            if isinstance(cell, str):
                row.append(Cell(visible(cell)))
            elif cell.text.isprintable() and (not cell.note or cell.note.isprintable()):
                row.append(cell)
            else:
                note = visible(cell.note)
                row.append(Cell(visible(cell.text), cell.style, note, cell.note_style))
        self.rows.append(row)

    def lines(self, width: int, *, ascii_only: bool = False) -> list[tuple[str, list[Span]]]:
        """The printed lines, each with the styled spans in it: a table if it fits in
        ``width``, else one block per record."""
        for gap in GAPS:
            self.gap = gap
            widths = self._widths(width)
            if widths is not None:
                return self._table(widths, ascii_only)
        for moved in (False, True):
            for gap in GAPS:
                self.gap = gap
                if self._key_width(moved) <= width:
                    return self._stacked(width, ascii_only, moved)
        return self._blocks(width)

    def print(self, console: Console) -> None:
        from dsactl.render.console import ansi_styles

        with paused_gc():
            self._print(console, ansi_styles)

    def _print(
        self,
        console: Console,
        ansi_styles: Callable[[Console], Callable[[str], tuple[str, str]] | None],
    ) -> None:
        ascii_only = not console.encoding.lower().replace("_", "-").startswith("utf")
        styles = ansi_styles(console)
        out: list[str] = [visible(self.title)]
        for text, spans in self.lines(console.width, ascii_only=ascii_only):
            if styles is not None and spans:
                text = _styled(text, spans, styles)
            out.append(text)
        console.file.write("\n".join(out) + "\n")

    # -- layout ---------------------------------------------------------------------------

    def _natural(self) -> list[int]:
        """Each column's widest line (key columns) or widest word (wrap columns)."""
        widths = []
        for index, column in enumerate(self.columns):
            words = column.header.split()
            widest = max((len(w) for w in words), default=0)
            if column.key:
                for row in self.rows:  # a note (a second, dim line) wraps to fit
                    widest = max(widest, _width(row[index].text))
            widths.append(widest)
        return widths

    def _beside(self, moved: bool) -> list[int]:
        """The columns that stay side by side in a stacked table."""
        return [i for i, c in enumerate(self.columns) if c.key and not (moved and c.movable)]

    def _key_width(self, moved: bool = False) -> int:
        """The width of the key columns side by side (``moved``: but the movable ones)."""
        natural = self._natural()
        keys = [natural[i] for i in self._beside(moved)]
        return sum(keys) + len(self.gap) * (len(keys) - 1)

    def _widths(self, width: int) -> list[int] | None:
        natural = self._natural()
        gaps = len(self.gap) * (len(self.columns) - 1)
        fixed = sum(w for w, c in zip(natural, self.columns, strict=True) if c.key) + gaps
        wraps = [i for i, c in enumerate(self.columns) if not c.key]
        left = width - fixed
        if left < sum(self.columns[i].min_width for i in wraps):
            return None
        widths = list(natural)
        for position, index in enumerate(wraps):
            longest = max((_width(row[index].text) for row in self.rows), default=0)
            share = left // (len(wraps) - position)
            widths[index] = max(self.columns[index].min_width, min(share, longest, left))
            left -= widths[index]
        return widths

    def _table(self, widths: list[int], ascii_only: bool) -> list[tuple[str, list[Span]]]:
        out = self._head(widths, ascii_only)
        for row in self.rows:
            out.extend(self._row(row, widths))
        return out

    def _head(self, widths: list[int], ascii_only: bool) -> list[tuple[str, list[Span]]]:
        """The header lines (headers wrapped to their width, on the last lines) and the rule."""
        headers = [_wrap(c.header, w) for c, w in zip(self.columns, widths, strict=True)]
        height = max(len(h) for h in headers)
        out: list[tuple[str, list[Span]]] = []
        for line in range(height):
            skip = [height - len(h) for h in headers]
            cells = [h[line - k] if line >= k else "" for h, k in zip(headers, skip, strict=True)]
            out.append(self._join(cells, widths, [(i, "bold") for i, c in enumerate(cells) if c]))
        rule = "-" if ascii_only else "\u2500"
        out.append((rule * (sum(widths) + len(self.gap) * (len(widths) - 1)), []))
        return out

    def _row(self, row: list[Cell], widths: list[int]) -> list[tuple[str, list[Span]]]:
        for cell, column, width in zip(row, self.columns, widths, strict=True):
            if cell.note or (not column.key and _width(cell.text) > width):
                break
        else:  # one line: the common case, made quick for long lists
            first = [(i, c.style) for i, c in enumerate(row) if c.style and c.text]
            return [self._join([c.text for c in row], widths, first)]
        columns = []
        for cell, column, width in zip(row, self.columns, widths, strict=True):
            lines = [cell.text] if column.key else _wrap(cell.text, width)
            styles = [cell.style] * len(lines)
            if cell.note:
                notes = _wrap(cell.note, width)
                lines.extend(notes)
                styles.extend([cell.note_style] * len(notes))
            columns.append(list(zip(lines, styles, strict=True)))
        out = []
        for line in range(max(len(c) for c in columns)):
            texts: list[str] = []
            styled: list[tuple[int, str]] = []
            for index, stack in enumerate(columns):
                text, style = stack[line] if line < len(stack) else ("", "")
                texts.append(text)
                if style and text:
                    styled.append((index, style))
            out.append(self._join(texts, widths, styled))
        return out

    def _stacked(
        self, width: int, ascii_only: bool, moved: bool = False
    ) -> list[tuple[str, list[Span]]]:
        """The key columns as a table; each wrap column's text under its row, indented
        (``moved``: the movable key columns too, whole, before it)."""
        keys = self._beside(moved)
        under = [i for i in range(len(self.columns)) if i not in keys]
        natural = self._natural()
        inner = Grid(self.title, [self.columns[i] for i in keys], gap=self.gap)
        widths = [natural[i] for i in keys]
        head = inner._head(widths, ascii_only)
        out = head[:-1]
        out.extend((INDENT + " ".join(self.columns[i].header.split()), []) for i in under)
        out.append(head[-1])
        room = max(width - len(INDENT), 10)
        for row in self.rows:
            out.extend(inner._row([row[i] for i in keys], widths))
            for index in under:
                cell = row[index]
                if self.columns[index].key:  # whole, its note after it
                    text = f"{cell.text} {cell.note}" if cell.note else cell.text
                    out.append((INDENT + text, []))
                else:
                    out.extend((INDENT + line, []) for line in _wrap(cell.text, room))
        return out

    def _join(
        self, texts: list[str], widths: list[int], styled: list[tuple[int, str]]
    ) -> tuple[str, list[Span]]:
        cells: list[str] = []
        for text, width, column in zip(texts, widths, self.columns, strict=True):
            size = len(text) if text.isascii() else _width(text)
            if size >= width:
                cells.append(text)
            elif column.right:
                cells.append(" " * (width - size) + text)
            else:
                cells.append(text + " " * (width - size))
        line = self.gap.join(cells).rstrip()
        if not styled:
            return line, []
        spans: list[Span] = []
        starts = [0]
        for cell in cells:
            starts.append(starts[-1] + len(cell) + len(self.gap))
        for index, style in styled:
            text = texts[index]
            start = starts[index] + (
                len(cells[index]) - len(text) if self.columns[index].right else 0
            )
            spans.append((start, start + len(text), style))
        return line, spans

    def _blocks(self, width: int) -> list[tuple[str, list[Span]]]:
        """One record per block: ``Header: value`` lines, values whole; wrap columns wrap
        below their label when there is room for it, else stay whole."""
        out: list[tuple[str, list[Span]]] = []
        label = max(len(" ".join(c.header.split())) for c in self.columns) + 2
        for number, row in enumerate(self.rows):
            if number:
                out.append(("", []))
            for column, cell in zip(self.columns, row, strict=True):
                name = " ".join(column.header.split()) + ":"
                text = f"{cell.text} {cell.note}" if cell.note else cell.text
                room = width - label
                lines = [text] if column.key or room < 10 else _wrap(text, room)
                for index, line in enumerate(lines):
                    head = name.ljust(label) if index == 0 else " " * label
                    spans: list[Span] = []
                    if cell.style and index == 0 and column.key:
                        spans.append((label, label + len(cell.text), cell.style))
                    out.append(((head + line).rstrip(), spans))
        return out


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off: a long table makes millions of small objects (rows,
    lines, spans), none of them in a cycle, and the collector would walk them again and
    again for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# (start, end, style) of a styled stretch of a line.
Span = tuple[int, int, str]


def _width(text: str) -> int:
    """Terminal cells ``text`` takes (wide characters count two)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _wrap(text: str, width: int) -> list[str]:
    if _width(text) <= width or width < 1:
        return [text] if text or width < 1 else [""]
    words = text.split(" ")
    if text.isprintable() and "" not in words and max(map(len, words)) <= width:
        return _fill(words, width)
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def _fill(words: list[str], width: int) -> list[str]:
    """``textwrap.wrap`` of words that are single-spaced, printable and none longer than
    ``width``: each line as many words as fit (the common case, made quick). Like textwrap,
    it counts characters."""
    lines: list[str] = []
    line: list[str] = []
    size = -1
    for word in words:
        if size + 1 + len(word) > width and line:
            lines.append(" ".join(line))
            line, size = [], -1
        line.append(word)
        size += 1 + len(word)
    lines.append(" ".join(line))
    return lines


def _styled(text: str, spans: list[Span], styles: Callable[[str], tuple[str, str]]) -> str:
    out, at = [], 0
    for start, end, style in spans:
        if start >= len(text):
            continue
        before, after = styles(style)
        out.append(text[at:start] + before + text[start:end] + after)
        at = end
    out.append(text[at:])
    return "".join(out)
