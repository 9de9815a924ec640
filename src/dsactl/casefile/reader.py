"""Read one TOML file safely: regular files only, size limit, UTF-8, TOML syntax, then
validation.

Positions are looked up (``positions.KeyLocator``) only for files that have findings, so a
clean docket of thousands of files costs one parse each and nothing more.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from dsactl.casefile.findings import Finding
from dsactl.casefile.positions import KeyLocator, KeyPath, format_key
from dsactl.casefile.tomlhints import syntax_hint
from dsactl.packaged import fast_loads as _toml_loader
from dsactl.shown import shown_path

if TYPE_CHECKING:
    from dsactl.casefile.model import Case
    from dsactl.casefile.validator import Problem

MAX_FILE_BYTES = 10 * 1024 * 1024
_TOMLLIB_POSITION = re.compile(
    r"\s*\(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$"
)


class LoadedFile(Struct):
    """One file read from disk: its case (when valid) and its findings."""

    path: Path
    case: Case | None = None
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    document: dict[str, Any] | None = None
    _locator: KeyLocator | None = None

    @property
    def kind(self) -> str:
        """``case``, ``calendar`` (a [calendar] table), ``regime`` (a [regime] table) or
        ``rules`` (an obligation rule file, a [ruleset] table)."""
        doc = self.document
        if doc is not None and "platform" not in doc:
            if isinstance(doc.get("regime"), dict):
                return "regime"
            if isinstance(doc.get("ruleset"), dict):
                return "rules"
            if isinstance(doc.get("calendar"), dict):
                return "calendar"
        return "case"

    @property
    def display(self) -> str:
        """The path as shown in every output (bytes that are not UTF-8 as ``\\xNN``)."""
        return shown_path(self.path)

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)

    def locate(self, key: KeyPath) -> tuple[int, int]:
        if self._locator is None:
            self._locator = KeyLocator(self.text)
        return self._locator.locate(key)

    def add(self, key: KeyPath, code: str, message: str) -> None:
        """Record a finding at ``key``, looking up its line and column."""
        line, column = self.locate(key)
        self.findings.append(Finding(self.display, line, column, code, format_key(key), message))

    def add_problems(self, problems: list[Problem], code: str | None = None) -> None:
        """Record each problem; ``code``, when given, replaces the problems' own codes."""
        for problem in problems:
            self.add(problem.key, code or problem.code, problem.message)

    def add_at(self, line: int, column: int, code: str, message: str) -> None:
        self.findings.append(Finding(self.display, line, column, code, "", message))


def _line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, column


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_a_file(path: Path, mode: int) -> str | None:
    """Why ``path`` (whose ``stat`` mode is ``mode``) is not read: None for a regular file.

    Only regular files are read: a FIFO would block the read until someone writes to it, and
    a device such as ``/dev/zero`` never ends.
    """
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        try:
            os.listdir(path)
        except OSError as exc:
            return (
                f"is a folder that cannot be read ({exc.strerror or exc}): the case files in it "
                "were not checked; make it readable, or pass only the folders to check"
            )
        return "is a folder, not a file: rename it or pass the files inside"
    what = next((name for test, name in _KINDS if test(mode)), "a special file")
    if path.is_symlink():
        return (
            f"is a link to {os.path.realpath(path)}, {what}, not a regular file: point the link "
            "at a case file, or remove it"
        )
    if path.suffix != ".toml":  # given by name, not found in a folder: no renaming to advise
        return f"is {what}, not a case file: give the path of a case file (a regular file)"
    return (
        f"is {what}, not a regular file: remove it, or rename it so that its name does not "
        "end in .toml"
    )


def _too_large(size: int | None) -> str:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    shown = f"{size / 1e6:.1f} MB" if size is not None else f"larger than {limit} MiB"
    return f"is {shown}; case files are limited to {limit} MiB"


class _Refused(Exception):
    """A file that is not read; the message says what it is and how to fix it."""


def _read_at_most(fd: int, limit: int, expected: int) -> bytes:
    """At most ``limit`` bytes from ``fd``, until its end.

    The first read asks for the size ``stat`` gave (``expected``) plus one byte, the next ones
    for 64 KiB: one read of ``limit`` bytes would allocate a 10 MiB buffer for every 1 KB case
    file, which costs more than reading it.
    """
    chunks: list[bytes] = []
    size, want = 0, max(expected, 0) + 1
    while size < limit:
        chunk = os.read(fd, min(want, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        want = 1 << 16
    return b"".join(chunks)


def _read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, reading at most ``MAX_FILE_BYTES + 1`` of them.

    Raises ``_Refused`` for what is not a regular file or is too large, ``OSError`` when the
    file cannot be read.

    ``stat`` first, so that a FIFO or a device is never opened; then the open file is checked
    again (it may have been replaced in between; O_NONBLOCK keeps the open of a FIFO from
    waiting for a writer). The size ``stat`` gives is not trusted for the read: a file may
    grow, and some (in /proc) say 0.
    """
    info = path.stat()
    problem = _not_a_file(path, info.st_mode)
    if problem is not None:
        raise _Refused(problem)
    if info.st_size > MAX_FILE_BYTES:
        raise _Refused(_too_large(info.st_size))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        problem = _not_a_file(path, os.fstat(fd).st_mode)
        if problem is not None:
            raise _Refused(problem)
        data = _read_at_most(fd, MAX_FILE_BYTES + 1, info.st_size)
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise _Refused(_too_large(None))
    return data


def read_document(path: Path) -> LoadedFile:
    """Read and parse ``path``; on failure the result carries one E1xx finding."""
    loaded = LoadedFile(path)
    try:
        data = _read_bytes(path)
    except _Refused as refused:
        loaded.add_at(1, 1, "E102", str(refused))
        return loaded
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        loaded.add_at(1, 1, "E102", f"cannot be read: {reason}")
        return loaded
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        at_line, at_column = _line_col_of_byte(data, exc.start)
        loaded.add_at(
            at_line,
            at_column,
            "E100",
            f"is not UTF-8 (byte 0x{data[exc.start]:02x}): re-save it as UTF-8",
        )
        return loaded
    loaded.text = text.removeprefix("\ufeff")
    parse(loaded)
    return loaded


def parse(loaded: LoadedFile) -> None:
    """Parse ``loaded.text`` into ``loaded.document``, or add the one E101 finding."""
    loads, decode_error = _toml_loader()
    try:
        loaded.document = loads(loaded.text)
    except decode_error as exc:
        line, column, message = toml_error(exc)
        hint = syntax_hint(loaded.text, line, message)
        message = f"{message}; {hint}" if hint else message
        loaded.add_at(line, column, "E101", f"TOML syntax: {message}")
    except RecursionError:
        loaded.add_at(1, 1, "E101", "TOML syntax: nesting too deep")
    except ValueError as exc:  # e.g. an integer of over 4 300 digits (CPython's int limit)
        loaded.add_at(1, 1, "E101", f"TOML value cannot be read: {exc}")


def toml_error(exc: ValueError) -> tuple[int, int, str]:
    """The 1-based line and column of a TOML parse error, and its message without them.

    tomli gives them as attributes; the standard library's ``tomllib`` before Python 3.14
    only in its message, as `` (at line 3, column 7)``.
    """
    message = str(getattr(exc, "msg", None) or exc)
    line: int | None = getattr(exc, "lineno", None)
    column: int | None = getattr(exc, "colno", None)
    match = _TOMLLIB_POSITION.search(message)
    if match:
        message = message[: match.start()]
        if match["line"]:
            line, column = int(match["line"]), int(match["column"])
    return line or 1, column or 1, message
