"""The one place that builds Rich consoles and turns user text into safe, literal cells.

Every renderer that prints with Rich goes through here so that colour rules (NO_COLOR,
FORCE_COLOR, pipes) and the handling of hostile text (Rich markup, ANSI escapes, control
characters in case files) are the same everywhere.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import unicodedata
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console
    from rich.text import Text

# C0 controls but tab and newline, DEL, and the C1 controls (U+0080-U+009F: a terminal may
# read U+009B as CSI, the same as ESC [); and the line separators and bidirectional overrides
# (U+2028-2029, U+202A-202E, U+2066-2069) that show text in another order than it is stored.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with every control character (ESC, BEL, CR, DEL, C1, bidi overrides …) shown
    as a ``\\xNN`` or ``\\uNNNN`` escape, as ``repr`` shows it; tab and newline stay.

    The one helper for untrusted text (case files, file names, command-line values) on its way
    to a terminal, a log or a CSV cell: every renderer and every message on stderr uses it.
    """
    if text.isprintable():  # no control, format or separator character: nothing to escape
        return text
    return CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``visible`` for formats that hold one record a line: newline and tab escaped too."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


def literal(text: str, style: str = "") -> Text:
    """A Rich ``Text`` shown exactly as written: no markup, no escape codes interpreted."""
    from rich.text import Text

    return Text(visible(text), style=style)


def make_console(
    file: IO[str] | None = None, *, stderr: bool = False, plain: bool = False
) -> Console:
    """A console that honours NO_COLOR / FORCE_COLOR and writes no escapes into pipes.

    ``plain``: a document written to a file (``-o``): no escape codes, whatever FORCE_COLOR
    says (its width is $COLUMNS, else 80).
    """

    # Text from case files is never read as markup or emoji; nothing is re-highlighted.
    common: dict[str, Any] = {"highlight": False, "emoji": False, "markup": False}
    console = _whole_tables()
    if plain:
        return console(
            file=file, force_terminal=False, color_system=None, soft_wrap=False, **common
        )
    force = bool(os.environ.get("FORCE_COLOR")) and not os.environ.get("NO_COLOR")
    return console(
        file=file,
        stderr=stderr,
        force_terminal=True if force else None,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
        soft_wrap=False,
        **common,
    )


def ansi_styles(console: Console) -> Callable[[str], tuple[str, str]] | None:
    """For a console that shows colour: style name -> (escape before, escape after), as
    Rich would write them; None for a pipe, NO_COLOR or a plain file."""
    if not console.color_system or console.no_color:
        return None
    from functools import cache

    from rich.color import ColorSystem
    from rich.style import Style

    system = {
        "standard": ColorSystem.STANDARD,
        "256": ColorSystem.EIGHT_BIT,
        "truecolor": ColorSystem.TRUECOLOR,
        "windows": ColorSystem.WINDOWS,
    }.get(console.color_system, ColorSystem.STANDARD)

    @cache
    def codes(style: str) -> tuple[str, str]:
        before, _, after = Style.parse(style).render("\0", color_system=system).partition("\0")
        return before, after

    return codes


def _whole_tables() -> type[Console]:
    """A Console that never cuts a table to fit: a table whose narrowest form (every column
    at its minimum, no-wrap columns whole) is wider than the terminal is printed at that
    width, and the terminal wraps its lines; Rich would crop dates and amounts (``2024-04…``,
    ``7,200,000,``) or drop whole columns."""
    from rich.console import Console
    from rich.measure import Measurement
    from rich.table import Table

    class WholeTables(Console):
        def print(self, *objects: Any, **options: Any) -> None:
            table = objects[0] if len(objects) == 1 else None
            if isinstance(table, Table) and options.get("width") is None:
                wide = self.options.update_width(max(self.width, 10_000))
                need = Measurement.get(self, wide, table).minimum
                if need > self.width:
                    width = self.width
                    self.width = need
                    try:
                        super().print(*objects, **options)
                    finally:
                        self.width = width
                    return
            super().print(*objects, **options)

    return WholeTables


# -- outputs that are not UTF-8 -------------------------------------------------------------

ERRORS = "dsactl-transliterate"
# What a table or a message writes that ASCII has no letter for: the nearest ASCII.
_NEAREST = {
    "\u2014": "-",  # — em dash
    "\u2013": "-",  # – en dash
    "\u2212": "-",  # − minus
    "\u2026": "...",  # … ellipsis
    "\u00d7": "x",  # × multiplication
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u20ac": "EUR",
    "\u00a3": "GBP",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u00b7": ".",
    "\u2022": "*",
    "\u00a7": "S.",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2500": "-",
    "\u2501": "=",
    "\u2502": "|",
    "\u2503": "|",
    "\u2550": "=",
    "\u2713": "v",
    "\u2717": "x",
}


def _transliterate(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each character the output encoding cannot hold becomes its nearest
    ASCII (``é`` -> ``e``, ``—`` -> ``-``, ``€`` -> ``EUR``), else a ``\\uNNNN`` escape; an
    undecodable byte of a file name (a lone surrogate) becomes ``\\xNN``."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out: list[str] = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if char in _NEAREST:
            out.append(_NEAREST[char])
            continue
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if base and base.isascii():
            out.append(base)
        else:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out), error.end


codecs.register_error(ERRORS, _transliterate)


def harden_stdio() -> None:
    """Standard output and error never fail on a character their encoding cannot hold
    (``PYTHONIOENCODING=ascii``, ``LC_ALL=C``, latin-1): it is transliterated or escaped.
    Tables see the encoding and draw their boxes in ASCII (Rich does for non-UTF encodings).

    And no line written to them as text starts a GitHub Actions workflow command (see
    ``defuse``); documents written as bytes (``emit``) are defused by their renderer.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("_", "-")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding.startswith("utf") or reconfigure is None:
            continue
        try:
            reconfigure(errors=ERRORS)
        except (ValueError, OSError):  # pragma: no cover - a closed or unusual stream
            continue
    if sys.stdout is not None and not isinstance(sys.stdout, NoCommands):
        sys.stdout = NoCommands(sys.stdout)
    if sys.stderr is not None and not isinstance(sys.stderr, NoCommands):
        sys.stderr = NoCommands(sys.stderr)


# -- no workflow commands -------------------------------------------------------------------

# A line that starts (after blank space) with `::` is a command to the GitHub Actions runner
# (`::error …`, `::add-mask::`, `::stop-commands::`) when a log shows it.
_COMMAND = re.compile(r"^([ \t]*)::", re.MULTILINE)


def defuse(text: str) -> str:
    """``text`` with a ``'`` before the ``::`` of every line that would start with it, as
    CSV formula cells get one: user text (a platform named ``::error title=x::y``, a file
    named ``::warning::.toml``) never becomes a workflow command. Every output but
    ``--format github`` (whose lines are commands, with user text escaped) goes through it."""
    return _COMMAND.sub(r"\1'::", text) if "::" in text else text


class NoCommands:
    """A text stream that ``defuse``s what is written to it, line starts across writes
    included; everything else (``buffer``, ``isatty``, ``encoding`` …) is the stream's."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._line_start = True

    def write(self, text: str) -> int:
        if "::" in text:
            at_start = self._line_start

            def prefix(match: re.Match[str]) -> str:
                if match.start() == 0 and not at_start:
                    return match.group()
                return f"{match.group(1)}'::"

            text = _COMMAND.sub(prefix, text)
        if text:
            self._line_start = text.endswith("\n")
        self._stream.write(text)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def wants_colour(stream: IO[str] | None = None) -> bool:
    """Whether text written to ``stream`` (default stdout) may carry colour codes: the same
    rules as ``make_console`` (NO_COLOR wins, FORCE_COLOR forces, else only a terminal that
    is not "dumb"), without building a console."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"
