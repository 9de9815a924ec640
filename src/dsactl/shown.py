"""What the user gave, as dsactl shows it back: paths with invalid bytes escaped, text from
the command line, long values cut to a readable length. Pure, and imports nothing of dsactl
(``errors`` uses it; ``argv.from_argv`` repairs or refuses command-line text).

A file name on Linux is bytes; Python turns the bytes that are not UTF-8 into lone surrogates
(``g\\xff.toml`` becomes ``'g\\udcff.toml'``), which no UTF-8 output can hold. ``shown_path``
writes each such byte as ``\\xNN`` (``g\\xff.toml``), the same in every format: terminal
tables, messages, JSON, CSV, SARIF, iCalendar.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePath

CLIP = 80


def shown_path(path: PurePath | str) -> str:
    """``path`` as text that any UTF-8 output can hold: bytes that are not UTF-8 as ``\\xNN``."""
    text = os.fspath(path)
    if text.isascii():
        return text
    return shown_text(text)


def shown_text(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes, ``\\udcff``) written as ``\\xff``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no byte stands for
        return text.encode("utf-8", "backslashreplace").decode("ascii")


def clip(text: str, limit: int = CLIP) -> str:
    """``text`` cut to ``limit`` characters, saying how many were left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


LONG_WORD = 120  # a path may be this long; a number or a name hardly
_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def clip_words(text: str) -> str:
    """``text`` with every run of more than ``LONG_WORD`` characters without a space (a
    100 000-digit number, a pasted blob) cut to ``CLIP``, saying how many were left out: a
    message quotes what the user gave, at a length one can read."""
    if len(text) <= LONG_WORD:
        return text
    return _WORD.sub(lambda m: clip(m.group()), text)
