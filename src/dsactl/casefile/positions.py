"""Where a key is written in TOML source: key path -> 1-based (line, column).

``tomllib`` parses a case file but forgets where each key came from. ``KeyLocator`` has the
lexer of ``tomlscan`` make one linear pass over the text and turns the index it recorded for
each key path (of the key, of the ``[header]``, or of an array element) into a line and
column, so that findings can say ``case.toml:12:3``.
"""

from __future__ import annotations

from bisect import bisect_right

from dsactl.casefile.tomlscan import BARE, KeyPath, Scanner, value_span

__all__ = ["KeyLocator", "KeyPath", "format_key", "value_span"]

_UNESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"'}


def format_key(path: KeyPath) -> str:
    """("requests", 2, "due") -> "requests[2].due"; a key that is not bare is quoted."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            name = part if part and all(c in BARE for c in part) else _quote(part)
            out.append(f".{name}" if out else name)
    return "".join(out)


def _quote(key: str) -> str:
    chars = []
    for c in key:
        if c in _UNESCAPES or c == "\\":
            chars.append(_UNESCAPES.get(c, "\\\\"))
        elif c < " " or c == "\x7f":
            chars.append(f"\\u{ord(c):04X}")
        else:
            chars.append(c)
    return '"' + "".join(chars) + '"'


class KeyLocator:
    """Positions of the keys of one TOML document; the index is built on the first ``locate``."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._start = 1 if source.startswith("\ufeff") else 0  # a BOM is not a column
        self._found: dict[KeyPath, int] | None = None
        self._implicit: dict[KeyPath, int] = {}
        self._line_starts: list[int] = []

    def locate(self, path: KeyPath) -> tuple[int, int]:
        """1-based (line, column) of `path`, else of its longest written prefix, else (1, 1)."""
        found = self._found
        if found is None:
            scanner = Scanner(self._source, self._start)
            scanner.run()
            found = self._found = scanner.found
            self._implicit = scanner.implicit
        for end in range(len(path), 0, -1):
            prefix = path[:end]
            index = found.get(prefix)
            if index is None:
                index = self._implicit.get(prefix)
            if index is not None:
                return self._line_col(index)
        return (1, 1)

    def index(self, path: KeyPath) -> int | None:
        """The string index where ``path`` itself is written (no prefix), else None."""
        if self._found is None:
            self.locate(())
        assert self._found is not None
        return self._found.get(path)

    def _line_col(self, index: int) -> tuple[int, int]:
        starts = self._line_starts
        if not starts:
            text = self._source
            starts.append(self._start)
            newline = text.find("\n", self._start)
            while newline >= 0:
                starts.append(newline + 1)
                newline = text.find("\n", newline + 1)
        line = bisect_right(starts, index)
        return (line, index - starts[line - 1] + 1)
