"""The one place that builds Rich consoles and turns user text into safe, literal cells.

Every renderer that prints with Rich goes through here so that colour rules (NO_COLOR,
FORCE_COLOR, pipes) and the handling of hostile text (Rich markup, ANSI escapes, control
characters in case files) are the same everywhere.
"""

from __future__ import annotations

import os
import re
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from rich.console import Console

    # Text from case files is never read as markup or emoji; nothing is re-highlighted.
    common: dict[str, Any] = {"highlight": False, "emoji": False, "markup": False}
    if plain:
        return Console(
            file=file, force_terminal=False, color_system=None, soft_wrap=False, **common
        )
    force = bool(os.environ.get("FORCE_COLOR")) and not os.environ.get("NO_COLOR")
    return Console(
        file=file,
        stderr=stderr,
        force_terminal=True if force else None,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
        soft_wrap=False,
        **common,
    )
