"""The one exception family dsactl raises; the CLI turns it into a message and an exit code.

Modelled on tomli's ``TOMLDecodeError``: the error carries its own position (file, line,
column, key) and formats itself, so every layer above only has to print ``str(error)``.

``key`` is always a key path in a file (``requests[2].due``). A value given to dsactl rather
than read from a file (a turnover, a rate, a platform kind) is an ``InputError`` naming the
*input* in domain words (``turnover``, ``eur_rate``); its message and hint may name other
inputs as ``{eur_rate}``. The core never writes a command-line flag: ``format(names)`` fills
the names in, and the command line passes its flags (``{"eur_rate": "--eur-rate"}``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from dsactl.shown import shown_path

EXIT_DATA = 1
EXIT_USAGE = 2


class DsactlError(Exception):
    """A problem the user can fix: bad data (exit 1) unless a subclass says otherwise."""

    exit_code: int = EXIT_DATA

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = _shown(path) if path is not None else None
        self.line = line
        self.column = column
        self.key = key
        self.hint = hint
        super().__init__(self.format())

    def format(self, names: Mapping[str, str] | None = None) -> str:
        """``path:line:col: key: message (hint)``, leaving out what is unknown; ``{input}``
        placeholders are filled from ``names`` (else the input's own name)."""
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        key = f"{self.key}: " if self.key else ""
        hint = f" ({self.hint})" if self.hint else ""
        return fill(f"{where}{key}{self.message}{hint}", names)


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
#: How an input reads where no command line names it.
DOMAIN_NAMES = {
    "turnover": "turnover",
    "currency": "currency",
    "eur_rate": "EUR rate",
    "rate": "rate",
    "days": "days",
    "year_days": "days in the year",
    "sme": "SME rule",
    "kind": "platform kind",
    "platform": "platform",
    "provider": "provider",
    "force": "force",
    "window_start": "start",
    "window_end": "end",
}


def fill(text: str, names: Mapping[str, str] | None = None) -> str:
    """``text`` with each ``{input}`` placeholder of a known input replaced by its name."""
    table = {**DOMAIN_NAMES, **(names or {})}
    return _PLACEHOLDER.sub(lambda m: table.get(m.group(1), m.group(0)), text)


class DataError(DsactlError):
    """Invalid data in a case, calendar or regime file (exit 1)."""

    exit_code = EXIT_DATA


class UsageError(DsactlError):
    """Wrong usage on the command line: a bad option value, a missing path (exit 2)."""

    exit_code = EXIT_USAGE


class InputError(UsageError):
    """A value given to dsactl (not read from a file) is wrong (exit 2); ``input`` names it."""

    def __init__(self, message: str, *, input: str | None, hint: str | None = None) -> None:
        self.input = input
        super().__init__(message, hint=hint)

    def format(self, names: Mapping[str, str] | None = None) -> str:
        table = {**DOMAIN_NAMES, **(names or {})}
        what = f"{table.get(self.input, self.input)}: " if self.input else ""
        hint = f" ({self.hint})" if self.hint else ""
        return what + fill(f"{self.message}{hint}", names)


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean `x`?)`` or ``""``: the one "did you mean" of every message.

    Compared in one letter case and shown as written (the first of the choices that fold to
    the same): a choice that differs only in letter case wins, else the closest, if close
    enough.
    """
    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(choice.casefold(), choice)
    wanted = word.casefold()
    if wanted in folded:
        return f" (did you mean `{folded[wanted]}`?)"
    import difflib

    close = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.6)
    return f" (did you mean `{folded[close[0]]}`?)" if close else ""


def _shown(path: Path | str) -> str:
    return shown_path(path)
