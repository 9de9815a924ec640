"""Build and edit case files without losing anything: `dsactl new` and `dsactl answer`.

Pure: text in, text out. Reading and the atomic write are the command's job
(``dsactl.edit.atomic.atomic_write``); everything here can be tested on strings.

``new_case`` writes a starter file with ``tomli-w`` between a fixed comment header and a
commented example. ``record_answer`` adds or replaces one ``answered = DATE`` line with
``tomlkit`` (imported lazily) and keeps every other byte: comments, order, spacing, quoting,
CRLF. Before anything can be written, the new text must parse to the old document plus that
one date, differ from the old text in exactly one line, and pass validation.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dsactl.casefile import spec
from dsactl.casefile.reader import LoadedFile, parse
from dsactl.errors import DataError, UsageError

if TYPE_CHECKING:
    from tomlkit.items import InlineTable, Table

    from dsactl.casefile.findings import Finding
    from dsactl.casefile.resolve import Resolver
    from dsactl.docket.load import Docket

ANSWERED = "answered"
# Where a new `answered` line goes: right after the first of these keys the table has.
ANCHORS = ("due", "period", "sent")
BOM = "\ufeff"

NEW_HEADER = """\
#:schema ../schema/case-file.schema.json
# (for editors: write that schema once with `dsactl schema -o schema/case-file.schema.json`
# beside the cases/ folder)
# dsactl case file, format version 1: one platform, with its turnover, proceedings,
# requests and fines. docs/case-files.md describes every key; `dsactl check` validates it.
# Dates are TOML local dates, unquoted (2024-03-14). Give every fact a `source`.

# calendar = "eu-commission"     # holiday calendar of the requests below (the default)
# regimes = ["dsa"]              # fine regimes shown by `dsactl fine` (the default)

"""

NEW_FOOTER = """
# The provider's worldwide turnover, one table per financial year (for `dsactl fine`):
#
# [[turnover]]
# amount = 120_000_000_000
# currency = "USD"
# year_end = 2023-12-31
# eur_rate = 1.1050              # units of `currency` per 1 EUR (ECB); not needed for EUR
# source = "Annual report 2023"
#
# Everything the platform must answer by a date; once it replies, record the date with
# `dsactl answer PLATFORM ID --on YYYY-MM-DD`:
#
# [[requests]]
# id = "2024-03-genai"
# kind = "rfi"
# subject = "Generative-AI risks"
# sent = 2024-03-14
# due = 2024-04-05               # or, instead of `due`: period = "10 working days"
# source = "European Commission press release, 14 March 2024"
"""


# -- `dsactl new` ---------------------------------------------------------------------------


def platform_kind(text: str) -> str:
    """``text`` as one of ``spec.PLATFORM_KINDS`` (case-insensitive), else a UsageError."""
    for kind in spec.PLATFORM_KINDS:
        if text.casefold() == kind.casefold():
            return kind
    raise UsageError(
        f"--kind: {text!r} is not a platform kind",
        hint=f"use one of: {', '.join(spec.PLATFORM_KINDS)}",
    )


def new_case(
    name: str,
    provider: str,
    *,
    kind: str | None = None,
    designated: date | None = None,
    path: Path = Path("new.toml"),
) -> str:
    """A starter case file for ``name`` that passes ``dsactl check`` with no errors."""
    import tomli_w

    for option, value in (("PLATFORM", name), ("--provider", provider)):
        if not value.strip():
            raise UsageError(f"{option} is empty", hint="give the name as it should appear")
    platform: dict[str, Any] = {"name": name, "provider": provider}
    if kind is not None:
        platform["kind"] = platform_kind(kind)
    if designated is not None:
        platform["designated"] = designated
    text = NEW_HEADER + tomli_w.dumps({"platform": platform}) + NEW_FOOTER
    errors = [f for f in validate_text(text, path) if f.is_error]
    if errors:  # pragma: no cover - a guard: tomli-w quotes every string
        raise DataError(_listing(f"{path}: the new case file would be invalid", errors))
    return text


# -- validation of a text -------------------------------------------------------------------


def validate_text(text: str, path: Path, resolver: Resolver | None = None) -> list[Finding]:
    """Every finding ``dsactl check`` would report for ``text`` as the content of ``path``.

    Only the checks of one file: not the ones that need a date (overdue, stale turnover) or
    other files (the same platform twice). ``resolver`` knows the user's calendars and regimes.
    """
    from dsactl.casefile.checks import validate_case

    loaded = LoadedFile(path, text=text.removeprefix(BOM))
    parse(loaded)
    if loaded.document is not None and loaded.kind == "case":
        loaded.case, problems = validate_case(loaded.document, path, resolver)
        loaded.add_problems(problems)
    return loaded.findings


def _listing(message: str, findings: list[Finding]) -> str:
    return message + ":\n" + "\n".join(f"  {finding.format()}" for finding in findings)


# -- `dsactl answer` ------------------------------------------------------------------------


def editable_file(docket: Docket, platform: str) -> LoadedFile:
    """The case file of ``platform`` in ``docket``, refused (DataError) if it has errors."""
    try:
        case = docket.find(platform)
    except DataError:
        broken = docket.broken_file_of(platform)
        if broken is not None:
            _refuse_broken(broken)
        raise
    loaded = next(f for f in docket.case_files if f.case is case)
    if loaded.has_errors:
        _refuse_broken(loaded)
    return loaded


def _refuse_broken(loaded: LoadedFile) -> None:
    errors = [f for f in loaded.findings if f.is_error]
    raise DataError(
        _listing(
            f"{loaded.display} has errors, so it cannot be edited safely (nothing was "
            "written); fix them first",
            errors,
        )
    )


@dataclass(frozen=True)
class Answer:
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
    try:
        document = tomllib.loads(body)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: not valid TOML: {exc}") from None
    index, request = _find_request(document, request_id, path)
    previous = request.get(ANSWERED)
    if not isinstance(previous, date | None):
        raise DataError(f"{path}: requests[{index}].{ANSWERED} is not a date; fix it by hand")
    if previous is not None and not force:
        raise DataError(
            f"{path}: requests[{index}] `{request_id}` is already answered ({previous})",
            hint="pass --force to replace the date",
        )
    if previous == day:
        return Answer(text, index, request_id, day, previous)
    edited = _edit(body, request_id, day, path)
    document["requests"][index][ANSWERED] = day
    try:
        same = tomllib.loads(edited) == document
    except tomllib.TOMLDecodeError:  # pragma: no cover - a guard against tomlkit bugs
        same = False
    if not same or _line_change(_lines(body), _lines(edited)) is None:
        raise _cannot_edit(path, request_id, day)
    new_text = bom + edited
    errors = [f for f in validate_text(new_text, path, resolver) if f.is_error]
    if errors:
        raise DataError(
            _listing(
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
    raise UsageError(f"{path}: no request with id {request_id!r}", hint=hint)


def _edit(text: str, request_id: str, day: date, path: Path) -> str:
    """Set ``answered`` with tomlkit: replaced in place, or a new line after the anchor.

    tomlkit renders a few things differently from how they were written (a space before the
    ``}`` of some inline tables, [[requests]] tables split by other tables), so its output is
    not used as is: the one line it adds or changes is spliced into the original text.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise DataError(f"{path}: cannot be edited: {exc}") from None
    rendered = _lines(document.as_string())
    tables = document.get("requests")
    table = next((t for t in tables or [] if t.get("id") == request_id), None)
    if table is None:  # pragma: no cover - tomllib found it, tomlkit reads the same TOML
        raise _cannot_edit(path, request_id, day)
    value = tomlkit.date(day.isoformat())
    if ANSWERED in table:
        table[ANSWERED] = value  # tomlkit keeps the key as written and the comment after it
    else:
        _insert(table, value, "\r\n" if "\r\n" in text else "\n")
    original = _lines(text)
    change = _line_change(rendered, _lines(document.as_string()))
    lines_map = _line_map(rendered, original)
    if change is None:
        raise _cannot_edit(path, request_id, day)
    start, end, lines = change
    # An added line goes after the original of the line it follows; a changed line replaces
    # the original of the line it changes.
    at = lines_map.get(start - 1 if start == end else start)
    if at is None:
        raise _cannot_edit(path, request_id, day)
    if start == end:
        return "".join([*original[: at + 1], *lines, *original[at + 1 :]])
    if len(lines) == 2:  # the last line gains a line end
        lines = [original[at] + lines[0][len(rendered[start]) :], lines[1]]
    return "".join([*original[:at], *lines, *original[at + 1 :]])


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their ends; only LF ends a line (not U+2028, as for
    ``str.splitlines``), as in TOML."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _line_map(rendered: list[str], original: list[str]) -> dict[int, int]:
    """Index of each line of tomlkit's rendering -> index of the line it renders.

    Lines that tomlkit renders with different blank space (``due=2024-04-05 }`` as
    ``due=2024-04-05}``) map too; moved lines (tables split by other tables) do not.
    """
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, rendered, original, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False))
        if tag == "equal" or (
            tag == "replace"
            and i2 - i1 == j2 - j1
            and all(_squeezed(rendered[i]) == _squeezed(original[j]) for i, j in pairs)
        ):
            mapping.update(pairs)
    return mapping


def _squeezed(line: str) -> str:
    return "".join(line.split())


def _insert(table: Table | InlineTable, value: Any, newline: str) -> None:
    """Insert ``answered = value`` right after the anchor key, in the anchor's style."""
    from tomlkit.items import InlineTable, SingleKey

    container = table.value
    anchor = next(name for name in ANCHORS if name in table)
    anchor_key, anchor_item = next(
        (k, item) for k, item in container.body if k is not None and k.key == anchor
    )
    key = SingleKey(ANSWERED, sep=_separator(anchor_key.as_string(), anchor_key.sep))
    trivia, new = anchor_item.trivia, value.trivia
    if isinstance(table, InlineTable):
        # `{…, due = 2024-04-05 }`: the space after the anchor's value (before `}` or `,`)
        # moves after the new value; tomlkit writes the comma and the space after it.
        new.trail = trivia.comment_ws + trivia.trail
        trivia.comment_ws = trivia.trail = ""
    else:
        new.indent = trivia.indent
        ending = trivia.trail.lstrip(" \t")
        if ending not in ("\n", "\r\n"):  # the anchor is the last line, with no line end
            trivia.trail += newline
        new.trail = ending if ending in ("\n", "\r\n") else ""
    # tomlkit has no public insert-at-position; `_insert_after` is what `Table.add` builds on.
    container._insert_after(anchor, key, value)


def _separator(raw_key: str, sep: str) -> str:
    """`` = `` as the anchor wrote it; spaces before ``=`` keep an aligned ``=`` column."""
    name = raw_key.rstrip(" \t")
    before = raw_key[len(name) :]
    if "\t" in before or not before:
        return before + sep
    return " " * max(1, len(raw_key) - len(ANSWERED)) + sep


def _line_change(old: list[str], new: list[str]) -> tuple[int, int, list[str]] | None:
    """``(start, end, lines)``: ``new`` is ``old`` with ``old[start:end]`` replaced by
    ``lines``, one line added or replaced (line ends count; a last line without one may gain
    it, followed by the new line); None for any other change."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if len(changes) != 1:
        return None
    tag, i1, i2, j1, j2 = changes[0]
    lines = new[j1:j2]
    if tag == "insert" and len(lines) == 1:
        return i1, i2, lines
    if tag != "replace" or i2 - i1 != 1:
        return None
    if len(lines) == 1:
        return i1, i2, lines
    line = old[i1]
    last = i2 == len(old) and not line.endswith("\n")
    if last and len(lines) == 2 and lines[0] in (line + "\n", line + "\r\n"):
        return i1, i2, lines
    return None


def _cannot_edit(path: Path, request_id: str, day: date) -> DataError:
    return DataError(
        f"{path}: tomlkit cannot edit this file without changing more than one line, so "
        "nothing was written",
        hint=f"add `{ANSWERED} = {day}` to request `{request_id}` by hand",
    )
