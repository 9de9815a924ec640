"""A small TOML lexer that records where each key path is written (``Scanner``).

One linear pass over the text records, for every key path it sees, the index of the key (or
of the ``[header]``, or of an array element). It understands comments, all four string forms,
dotted keys, table and array-of-tables headers, arrays and inline tables. It never raises and
always terminates, whatever the input: on text that is not TOML it simply records less.
``positions.KeyLocator`` turns the indices into lines and columns.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["BARE", "KeyPath", "Scanner", "value_span"]

KeyPath = tuple[str | int, ...]

BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_HEX = frozenset("0123456789abcdefABCDEF")
_ESCAPES = dict(zip('btnfre"\\', '\b\t\n\f\r\x1b"\\', strict=True))
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_SCALAR_END = frozenset(",]}#\r\n")
# Paths longer than this are not recorded (they fall back to a prefix); it keeps the pass
# linear on pathological nesting like 100 000 `[`. Real case files are 5 levels deep.
_MAX_DEPTH = 64

# States of the value scanner (see Scanner._value), indices into Scanner._STEPS.
_VALUE, _ELEMENT, _KEY, _AFTER = range(4)
# What a step returns: the next state (None: the value has ended) and the current key path.
_Next = tuple[int | None, "KeyPath"]


def _unescape(raw: str) -> str:
    """The value of a single-line basic string's content (escapes it cannot read stay as is)."""
    if "\\" not in raw:
        return raw
    out: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        e = raw[i + 1] if c == "\\" and i + 1 < n else ""
        if e in _ESCAPES:
            out.append(_ESCAPES[e])
            i += 2
            continue
        if e in _HEX_DIGITS:
            digits = raw[i + 2 : i + 2 + _HEX_DIGITS[e]]
            if len(digits) == _HEX_DIGITS[e] and all(d in _HEX for d in digits):
                code = int(digits, 16)
                if code < 0x110000:
                    out.append(chr(code))
                    i += 2 + len(digits)
                    continue
        out.append(c)
        i += 1
    return "".join(out)


def value_span(text: str, key_index: int) -> tuple[int, int, int] | None:
    """Where the key written at ``key_index`` has its ``=`` and its value.

    ``(equals, start, end)``: the index of the ``=``, and the value as ``text[start:end]``
    (a string, a scalar, a whole array or inline table; blank space after it left out).
    None when no ``key = value`` starts there.
    """
    scanner = Scanner(text, key_index)
    if scanner._key() is None:
        return None
    scanner._ws()
    equals = scanner.i
    if not text.startswith("=", equals):
        return None
    scanner.i += 1
    scanner._ws()
    start = scanner.i
    scanner._value(())
    end = scanner.i
    while end > start and text[end - 1] in " \t":
        end -= 1
    return (equals, start, end) if end > start else None


def _child(path: KeyPath, part: str | int) -> KeyPath:
    """path + (part,); a path past _MAX_DEPTH stays as it is (and is never recorded)."""
    return (*path, part) if len(path) <= _MAX_DEPTH else path


class Scanner:
    """One pass over the text; `found` and `implicit` map key paths to string indices.

    `found` holds what is written: keys (each part of a dotted key), headers, array elements.
    `implicit` holds tables only named as the parent in a header (`a` of `[a.b]`); it is used
    only when `found` has nothing. In both the first occurrence wins.
    """

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.n = len(text)
        self.i = start
        self.found: dict[KeyPath, int] = {}
        self.implicit: dict[KeyPath, int] = {}
        self.arrays: dict[KeyPath, int] = {}  # array-of-tables path -> headers seen so far
        self.table: KeyPath = ()

    def run(self) -> None:
        text, n = self.text, self.n
        while self.i < n:
            c = text[self.i]
            if c in " \t\r\n":
                self.i += 1
                continue
            if c == "[":
                self._header()
            elif c != "#":
                self._statement()
            # Rest of the line: a comment, or whatever could not be read. Progress is certain:
            # text[start] is not a newline, so the next newline (or the end) lies beyond it.
            newline = text.find("\n", self.i)
            self.i = n if newline < 0 else newline

    def _header(self) -> None:
        text, start = self.text, self.i
        double = text.startswith("[[", start)
        self.i = start + (2 if double else 1)
        keys = self._key()
        if keys is None:
            return
        self._ws()
        close = "]]" if double else "]"
        if not text.startswith(close, self.i):
            return
        self.i += len(close)
        table: KeyPath = ()
        for pos, (name, _) in enumerate(keys):
            table = _child(table, name)
            if pos < len(keys) - 1:
                self._note(self.implicit, table, start)
                count = self.arrays.get(table)
                if count:  # `[[a]]` then `[a.b]`: b is in the last element of a
                    table = _child(table, count - 1)
        if double:
            count = self.arrays.get(table, 0)
            self.arrays[table] = count + 1
            self._note(self.found, table, start)
            table = _child(table, count)
        self._note(self.found, table, start)
        self.table = table

    def _statement(self) -> None:
        keys = self._key()
        if keys is None:
            return
        self._ws()
        if self.i < self.n and self.text[self.i] == "=":
            self.i += 1
            self._value(self._record(self.table, keys))

    def _record(self, base: KeyPath, keys: list[tuple[str, int]]) -> KeyPath:
        path = base
        for name, index in keys:
            path = _child(path, name)
            self._note(self.found, path, index)
        return path

    @staticmethod
    def _note(positions: dict[KeyPath, int], path: KeyPath, index: int) -> None:
        if len(path) <= _MAX_DEPTH:
            positions.setdefault(path, index)

    def _value(self, path: KeyPath) -> None:
        """Read one value for `path`, recording the keys and elements inside it.

        A state machine with an explicit stack (no recursion, so no depth limit): ``paths``
        holds the open arrays and inline tables, innermost last, and ``counts`` the elements
        seen so far in each (-1 for an inline table). Every step consumes text or moves to a
        state that does; anything unexpected ends the value (state None).
        """
        paths: list[KeyPath] = []
        counts: list[int] = []
        state: int | None = _VALUE
        while state is not None:
            state, path = self._STEPS[state](self, path, paths, counts)

    def _at(self) -> str:
        """The character at the current index, or "" at the end."""
        return self.text[self.i] if self.i < self.n else ""

    def _step_value(self, path: KeyPath, paths: list[KeyPath], counts: list[int]) -> _Next:
        """A value: a scalar, or the opening of an array or inline table."""
        (self._gap if paths else self._ws)()  # only inside brackets may a value wrap
        c = self._at()
        if c in ("[", "{"):
            paths.append(path)
            counts.append(0 if c == "[" else -1)
            self.i += 1
            return (_ELEMENT if c == "[" else _KEY), path
        end = self._scalar_end()
        if end < 0:
            return None, path
        self.i = end
        return _AFTER, path

    def _step_element(self, path: KeyPath, paths: list[KeyPath], counts: list[int]) -> _Next:
        """The next element of an array, or its end (`[]`, or a trailing comma)."""
        self._gap()
        if self._at() == "]":
            return _AFTER, path
        path = _child(paths[-1], counts[-1])
        self._note(self.found, path, self.i)
        counts[-1] += 1
        return _VALUE, path

    def _step_key(self, path: KeyPath, paths: list[KeyPath], counts: list[int]) -> _Next:
        """The next `key = ` of an inline table, or its end (`{}`)."""
        self._gap()
        if self._at() == "}":
            return _AFTER, path
        keys = self._key()
        if keys is None:
            return None, path
        self._ws()
        if self._at() != "=":
            return None, path
        self.i += 1
        return _VALUE, self._record(paths[-1], keys)

    def _step_after(self, path: KeyPath, paths: list[KeyPath], counts: list[int]) -> _Next:
        """After a value: a comma, the close of the innermost array or inline table, or the end
        of the whole value."""
        if not paths:
            return None, path
        self._gap()
        c = self._at()
        in_array = counts[-1] >= 0
        if c == ",":
            self.i += 1
            return (_ELEMENT if in_array else _KEY), path
        if c != ("]" if in_array else "}"):
            return None, path
        self.i += 1
        paths.pop()
        counts.pop()
        return _AFTER, path

    _STEPS: tuple[Callable[[Scanner, KeyPath, list[KeyPath], list[int]], _Next], ...] = (
        _step_value,
        _step_element,
        _step_key,
        _step_after,
    )

    def _scalar_end(self) -> int:
        """Index just after the string, number, date or word at the current index; -1 if
        there is none (or a string is not closed)."""
        text, n, start = self.text, self.n, self.i
        if self._at() in ('"', "'"):
            return self._string_end(start)
        end = start
        while end < n and text[end] not in _SCALAR_END:
            end += 1
        return -1 if end == start else end

    def _key(self) -> list[tuple[str, int]] | None:
        """A dotted key: [(name, index of the part)], or None if there is none here."""
        text, n = self.text, self.n
        parts: list[tuple[str, int]] = []
        while True:
            self._ws()
            start = self.i
            c = text[start] if start < n else ""
            if c in ('"', "'"):
                end = self._quoted_end(start)
                if end < 0:
                    return None
                raw = text[start + 1 : end - 1]
                parts.append((_unescape(raw) if c == '"' else raw, start))
            else:
                end = start
                while end < n and text[end] in BARE:
                    end += 1
                if end == start:
                    return None
                parts.append((text[start:end], start))
            self.i = end
            self._ws()
            if self.i < n and text[self.i] == ".":
                self.i += 1
            else:
                return parts

    def _string_end(self, start: int) -> int:
        """Index just after the string opening at `start`; -1 if it is not closed."""
        text = self.text
        quote = text[start]
        if not text.startswith(quote * 3, start):
            return self._quoted_end(start)
        close = text.find("'''", start + 3) if quote == "'" else self._basic_close(start + 3)
        if close < 0:
            self.i = self.n  # unclosed: the rest is string; never scan it again
            return -1
        end = close + 3
        while end < self.n and end < close + 5 and text[end] == quote:  # `""""` ends `..."`
            end += 1
        return end

    def _basic_close(self, j: int) -> int:
        """Index of the three quotes closing a multi-line basic string whose text starts at
        `j`, or -1.

        Skips escapes between the candidate closing quotes; each find starts further on.
        """
        text = self.text
        close = text.find('"""', j)
        while close >= 0:
            backslash = text.find("\\", j, close)
            if backslash < 0:
                break
            j = backslash + 2
            if j > close:
                close = text.find('"""', j)
        return close

    def _quoted_end(self, start: int) -> int:
        """Index just after a single-line string opening at `start`; -1 if the line ends first."""
        text, n = self.text, self.n
        quote = text[start]
        j = start + 1
        while j < n:
            c = text[j]
            if c == quote:
                return j + 1
            if c == "\n":
                return -1
            # A backslash escapes the next character, but never the end of the line.
            j += 2 if c == "\\" and quote == '"' and not text.startswith("\n", j + 1) else 1
        return -1

    def _ws(self) -> None:
        text, n, i = self.text, self.n, self.i
        while i < n and text[i] in " \t":
            i += 1
        self.i = i

    def _gap(self) -> None:
        """Whitespace, newlines and comments, as allowed between array elements."""
        text, n, i = self.text, self.n, self.i
        while i < n:
            c = text[i]
            if c in " \t\r\n":
                i += 1
            elif c == "#":
                newline = text.find("\n", i)
                i = n if newline < 0 else newline
            else:
                break
        self.i = i
