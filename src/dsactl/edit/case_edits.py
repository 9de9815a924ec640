"""Edit case files without losing anything: `dsactl answer` (the starter file of `dsactl new`
is ``edit.starter``), and the check of an edited text (``validate_text``).

Pure: text in, text out. Reading and the atomic write are the command's job
(``dsactl.edit.atomic.atomic_write``); everything here can be tested on strings.

``record_answer`` adds or replaces one ``answered = DATE`` where the key
positions (``casefile.positions``) say the request's keys are, and keeps every other byte:
comments, order, spacing, quoting, CRLF. It is linear in the size of the file. Before
anything can be written, the new text must parse to the old document plus that one date,
differ from the old text in exactly one line, and pass validation.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from dsactl.casefile.checks import validate_case
from dsactl.casefile.findings import CODES, Level
from dsactl.casefile.positions import KeyLocator, value_span
from dsactl.casefile.reader import LoadedFile, parse, toml_error
from dsactl.errors import DataError, UsageError
from dsactl.packaged import fast_loads

if TYPE_CHECKING:
    from dsactl.casefile.findings import Finding
    from dsactl.casefile.resolve import Resolver
    from dsactl.docket.load import Docket

ANSWERED = "answered"
# Where a new `answered` line goes: right after the first of these keys the table has.
ANCHORS = ("due", "period", "sent")
BOM = "\ufeff"

# -- validation of a text -------------------------------------------------------------------


def validate_text(
    text: str,
    path: Path,
    resolver: Resolver | None = None,
    document: dict[str, Any] | None = None,
    *,
    errors_only: bool = False,
) -> list[Finding]:
    """Every finding ``dsactl check`` would report for ``text`` as the content of ``path``.

    Only the checks of one file: not the ones that need a date (overdue, stale turnover) or
    other files (the same platform twice). ``resolver`` knows the user's calendars and regimes.
    ``document``: ``text`` already parsed (it is not parsed again). ``errors_only``: leave
    the warnings out (they are not even located in the text).
    """
    loaded = LoadedFile(path, text=text.removeprefix(BOM))
    if document is not None:
        loaded.document = document
    else:
        parse(loaded)
    if loaded.document is not None and loaded.kind == "case":
        loaded.case, problems = validate_case(loaded.document, path, resolver)
        if errors_only:
            problems = [p for p in problems if CODES[p.code].level is Level.ERROR]
        loaded.add_problems(problems)
    return loaded.findings


def listing(message: str, findings: list[Finding]) -> str:
    return message + ":\n" + "\n".join(f"  {finding.format()}" for finding in findings)


# -- `dsactl answer` ------------------------------------------------------------------------


def editable_file(docket: Docket, platform: str) -> LoadedFile:
    """The case file of ``platform`` in ``docket``, refused (DataError) if it has errors."""
    loaded = docket.file_of(platform)
    if loaded.has_errors:
        _refuse_broken(loaded)
    return loaded


def _refuse_broken(loaded: LoadedFile) -> None:
    errors = [f for f in loaded.findings if f.is_error]
    raise DataError(
        listing(
            f"{loaded.display} has errors, so it cannot be edited safely (nothing was "
            "written); fix them first",
            errors,
        )
    )


class Answer(Struct, frozen=True):
    """The result of ``record_answer``: the new text and what changed."""

    text: str
    index: int
    request_id: str
    day: date
    previous: date | None

    @property
    def changed(self) -> bool:
        return self.previous != self.day

    def describe(self, path: Path | str) -> str:
        """``cases/x.toml: requests[2] `2024-05-other` answered = 2024-05-27``."""
        what = f"{path}: requests[{self.index}] `{self.request_id}` {ANSWERED} = {self.day}"
        if not self.changed:
            return f"{what} already; nothing to change"
        return f"{what} (was {self.previous})" if self.previous else what


def record_answer(
    text: str,
    request_id: str,
    day: date,
    *,
    path: Path,
    force: bool = False,
    resolver: Resolver | None = None,
) -> Answer:
    """``text`` with ``answered = day`` on the request ``request_id``, nothing else changed.

    Raises UsageError for an unknown id, DataError when the request is already answered
    (unless ``force``), when the edit cannot be made in one line, or when the result would
    not pass validation (``answered`` before ``sent``).
    """
    bom = BOM if text.startswith(BOM) else ""
    body = text.removeprefix(BOM)
    loads, decode_error = fast_loads()
    try:
        document = loads(body)
    except decode_error as exc:
        line, column, message = toml_error(exc)
        raise DataError(f"not valid TOML: {message}", path=path, line=line, column=column) from None
    index, request = _find_request(document, request_id, path)
    previous = request.get(ANSWERED)
    if not isinstance(previous, date | None):
        raise DataError(f"{path}: requests[{index}].{ANSWERED} is not a date; fix it by hand")
    if previous is not None and not force:
        raise DataError(
            f"{path}: requests[{index}] `{request_id}` is already answered ({previous})",
            hint="pass {force} to replace the date",
        )
    if previous == day:
        return Answer(text, index, request_id, day, previous)
    request_before = dict(request)
    request[ANSWERED] = day
    reread: dict[str, Any] | None = None
    for quick in (True, False):
        edited = _edit(body, index, request_before, day, path, quick=quick)
        if edited is None:
            continue
        try:
            reread = loads(edited)
        except decode_error:  # pragma: no cover - a guard against a wrong edit
            reread = None
        if reread == document and _one_line_changed(body, edited):
            break
    else:
        raise _cannot_edit(path, request_id, day)
    assert edited is not None and reread is not None
    new_text = bom + edited
    errors = [
        f for f in validate_text(new_text, path, resolver, reread, errors_only=True) if f.is_error
    ]
    if errors:
        raise DataError(
            listing(
                f"{path}: {ANSWERED} = {day} would make the file invalid, so nothing was written",
                errors,
            )
        )
    return Answer(new_text, index, request_id, day, previous)


def _find_request(
    document: dict[str, Any], request_id: str, path: Path
) -> tuple[int, dict[str, Any]]:
    requests = document.get("requests")
    tables = list(enumerate(requests)) if isinstance(requests, list) else []
    for index, table in tables:
        if isinstance(table, dict) and table.get("id") == request_id:
            return index, table
    ids = [str(t["id"]) for _, t in tables if isinstance(t, dict) and "id" in t]
    hint = f"ids in this file: {', '.join(ids)}" if ids else "this file has no [[requests]]"
    if len(hint) > 300:
        hint = hint[:300].rsplit(", ", 1)[0] + f", … ({len(ids)} ids)"
    raise UsageError(f"{path}: no request with id {request_id!r}", hint=hint)


def _edit(
    text: str, index: int, request: dict[str, Any], day: date, path: Path, *, quick: bool = False
) -> str | None:
    """``text`` with ``answered = day`` in ``requests[index]``, found from the key positions.

    ``quick``: find the table by its ``[[requests]]`` header line and the key by its line,
    with regular expressions (a second for 100 000 requests); None when that cannot say
    where (inline tables, quoted keys). The caller checks the result and, if it is wrong (a
    multi-line string that looks like a header), edits again with ``quick=False``: the full
    lexer of ``casefile.positions``, which knows strings and comments.

    A recorded date is replaced where it is written (the key, the spacing and a comment after
    it stay). A new ``answered`` goes right after the first of ``ANCHORS`` the table has: on
    the next line, with the anchor's indent and spacing around ``=``, in a table; after the
    anchor's value, ``, answered = …``, in an inline table. One pass over the text: linear.
    """
    key = ANSWERED if ANSWERED in request else next((k for k in ANCHORS if k in request), None)
    if key is None:  # pragma: no cover - validation requires `sent`
        return None
    table_at: int | None
    key_at: int | None
    if quick:
        found = _quick_find(text, index, key)
        if found is None:
            return None
        table_at, key_at = found
    else:
        locator = KeyLocator(text)
        table_at = locator.index(("requests", index))
        key_at = locator.index(("requests", index, key))
    span = value_span(text, key_at) if key_at is not None else None
    if table_at is None or key_at is None or span is None:
        return None
    equals, start, end = span
    value = day.isoformat()
    if key == ANSWERED:
        return text[:start] + value + text[end:]
    written = text[key_at:equals]
    name = written.rstrip(" \t")
    separator = _separator(name, written[len(name) :], text[equals:start])
    addition = f"{ANSWERED}{separator}{value}"
    if text.startswith("{", table_at):  # an inline table: `{ …, due = X, answered = Y }`
        return text[:end] + ", " + addition + text[end:]
    line_start = text.rfind("\n", 0, key_at) + 1
    indent = text[line_start:key_at]
    if indent.strip(" \t"):  # pragma: no cover - keys of a table start their line
        return None
    newline = text.find("\n", end)
    if newline < 0:  # the anchor is on the last line, which has no line end
        ending = "\r\n" if "\r\n" in text else "\n"
        return text + ending + indent + addition
    ending = "\r\n" if text.startswith("\r", newline - 1) else "\n"
    return text[: newline + 1] + indent + addition + ending + text[newline + 1 :]


_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_REQUESTS_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*requests[ \t]*\]\]", re.MULTILINE)


def _quick_find(text: str, index: int, key: str) -> tuple[int, int] | None:
    """Where the ``index``-th ``[[requests]]`` header and its ``key`` line start, found by
    lines alone; None unless each is found exactly once where expected."""
    headers = [m.start() for m in _REQUESTS_HEADER.finditer(text)]
    if index >= len(headers):
        return None
    table_at = headers[index]
    body_start = text.find("\n", table_at)
    if body_start < 0:
        return None
    following = _HEADER.search(text, body_start)
    body_end = following.start() if following else len(text)
    line = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=", re.MULTILINE)
    keys = list(line.finditer(text, body_start, body_end))
    if len(keys) != 1:
        return None
    start = keys[0].start()
    return table_at, start + len(keys[0].group()) - len(keys[0].group().lstrip(" \t"))


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their ends; only LF ends a line (not U+2028, as for
    ``str.splitlines``), as in TOML."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _separator(name: str, before: str, after: str) -> str:
    """`` = `` as the anchor wrote it (``before`` and ``after`` the ``=``); spaces before
    ``=`` keep an aligned ``=`` column."""
    if "\t" in before or not before:
        return before + after
    return " " * max(1, len(name) + len(before) - len(ANSWERED)) + after


def _one_line_changed(old_text: str, new_text: str) -> bool:
    """``new_text`` is ``old_text`` with one line added or replaced (line ends count; a last
    line without one may gain it, followed by the new line). Linear: the lines both share at
    the start and at the end are skipped, and what is left must be that one line."""
    old, new = _lines(old_text), _lines(new_text)
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    removed, added = old[head : len(old) - tail], new[head : len(new) - tail]
    if len(added) == 1 and len(removed) <= 1:
        return True
    if len(removed) == 1 and len(added) == 2 and head + 1 == len(old):
        line = removed[0]
        return not line.endswith("\n") and added[0] in (line + "\n", line + "\r\n")
    return False


def _cannot_edit(path: Path, request_id: str, day: date) -> DataError:
    return DataError(
        f"{path}: cannot add the date to this file without changing more than one line, so "
        "nothing was written",
        hint=f"add `{ANSWERED} = {day}` to request `{request_id}` by hand",
    )
