"""Text given on the command line, as dsactl reads it: repaired when a locale mangled it,
refused when it is not text."""

from __future__ import annotations

import os

from dsactl.errors import InputError
from dsactl.shown import clip, shown_text


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
            f"'{clip(shown_text(text))}' is not valid UTF-8 text "
            f"(byte 0x{raw[exc.start]:02x} at position {exc.start + 1})",
            input=what,
            hint="give it as UTF-8 text",
        ) from None
