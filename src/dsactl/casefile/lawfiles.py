"""Files other than case files (regime files, calendar files): checked against their declared
format like a case file, then built into what they describe.

``check_file`` adds every problem of such a file to its findings, under the file's one code
(``FileFormat.code``); ``load_file`` reads a file named on the command line and raises a
``DataError`` at its first error, saying how many more there are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from dsactl.casefile.declare import FileFormat
from dsactl.casefile.reader import LoadedFile, read_document
from dsactl.casefile.validator import Checked, check_document
from dsactl.errors import DataError

__all__ = ["check_file", "load_file"]

T = TypeVar("T")


def check_file(
    loaded: LoadedFile,
    form: FileFormat,
    rules: Callable[[Checked], None],
    build: Callable[[LoadedFile, Checked], T],
) -> T | None:
    """Check ``loaded``'s parsed document against ``form`` and the file's ``rules``; what it
    describes (``build``) when there is no error."""
    assert loaded.document is not None
    checked = check_document(loaded.document, form)
    rules(checked)
    loaded.add_problems(checked.validator.problems, form.code)
    return None if checked.validator.has_errors else build(loaded, checked)


def load_file(
    path: Path,
    form: FileFormat,
    rules: Callable[[Checked], None],
    build: Callable[[LoadedFile, Checked], T],
) -> T:
    """Read and check one file; ``DataError`` at its first error, saying how many follow.

    The first error is the first the validator found: an unknown key comes before the
    missing keys, as a misspelt key often explains a missing one.
    """
    loaded = read_document(path)
    content = None
    if loaded.document is not None:
        content = check_file(loaded, form, rules, build)
    if content is not None:
        return content
    errors = [f for f in loaded.findings if f.is_error]
    first, more = errors[0], len(errors) - 1
    positioned = first.code != "E102"  # a file that cannot be read has no position
    raise DataError(
        first.message,
        path=loaded.display,
        line=first.line if positioned else None,
        column=first.column if positioned else None,
        key=first.key or None,
        hint=f"and {more} more problem(s): `dsactl check {loaded.display}` lists every one"
        if more
        else None,
    )
