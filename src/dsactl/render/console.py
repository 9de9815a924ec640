"""The one place that builds Rich consoles and turns user text into safe, literal cells.

Every renderer that prints with Rich goes through here so that colour rules (NO_COLOR,
FORCE_COLOR, pipes) and the handling of hostile text (Rich markup, ANSI escapes, control
characters in case files) are the same everywhere.
"""

from __future__ import annotations

import os
import re
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Replace control characters (ESC, BEL, …) with a visible ``\\xNN`` escape."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def literal(text: str, style: str = "") -> Text:
    """A Rich ``Text`` shown exactly as written: no markup, no escape codes interpreted."""
    from rich.text import Text

    return Text(visible(text), style=style)


def make_console(file: IO[str] | None = None, *, stderr: bool = False) -> Console:
    """A console that honours NO_COLOR / FORCE_COLOR and writes no escapes into pipes."""
    from rich.console import Console

    force = bool(os.environ.get("FORCE_COLOR")) and not os.environ.get("NO_COLOR")
    return Console(
        file=file,
        stderr=stderr,
        force_terminal=True if force else None,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
