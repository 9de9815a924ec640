"""The one exception family dsactl raises; the CLI turns it into a message and an exit code.

Modelled on tomli's ``TOMLDecodeError``: the error carries its own position (file, line,
column, key) and formats itself, so every layer above only has to print ``str(error)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

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
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.key = key
        self.hint = hint
        super().__init__(self.format())

    def format(self) -> str:
        """``path:line:col: key: message (hint)``, leaving out what is unknown."""
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
        return f"{where}{key}{self.message}{hint}"


class DataError(DsactlError):
    """Invalid data in a case, calendar or regime file (exit 1)."""

    exit_code = EXIT_DATA


class UsageError(DsactlError):
    """Wrong usage on the command line: a bad option value, a missing path (exit 2)."""

    exit_code = EXIT_USAGE


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean `x`?)`` or ``""``: the one "did you mean" of every message.

    A choice that differs only in letter case wins; else the closest one, if close enough.
    """
    folded = {c.casefold(): c for c in choices}
    if word.casefold() in folded:
        return f" (did you mean `{folded[word.casefold()]}`?)"
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""
