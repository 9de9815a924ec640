"""What the user gave, as dsactl shows it back: paths with invalid bytes escaped, text from
the command line repaired or refused, long values cut to a readable length. Pure.

A file name on Linux is bytes; Python turns the bytes that are not UTF-8 into lone surrogates
(``g\\xff.toml`` becomes ``'g\\udcff.toml'``), which no UTF-8 output can hold. ``shown_path``
writes each such byte as ``\\xNN`` (``g\\xff.toml``), the same in every format: terminal
tables, messages, JSON, CSV, SARIF, iCalendar.
"""

from __future__ import annotations

import os
from pathlib import PurePath

from dsactl.errors import InputError

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


def from_argv(text: str, what: str) -> str:
    """A command-line value as text: bytes a non-UTF-8 locale could not decode are read as
    UTF-8 (``Zoë`` typed under ``LC_ALL=C``); a value that is not UTF-8 either is an
    InputError for the input ``what``, naming the byte."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return text
    try:
        raw = os.fsencode(text)
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{clip(shown_text(text))!r} is not valid UTF-8 text "
            f"(byte 0x{raw[exc.start]:02x} at position {exc.start + 1})",
            input=what,
            hint="give it as UTF-8 text",
        ) from None


def clip(text: str, limit: int = CLIP) -> str:
    """``text`` cut to ``limit`` characters, saying how many were left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"
