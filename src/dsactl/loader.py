"""Read one TOML file safely: size limit, UTF-8, TOML syntax, then validation.

Positions are looked up (``positions.KeyLocator``) only for files that have findings, so a
clean docket of thousands of files costs one parse each and nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dsactl.casefile import Case
from dsactl.findings import Finding
from dsactl.positions import KeyLocator, KeyPath, format_key
from dsactl.validation import Problem

MAX_FILE_BYTES = 10 * 1024 * 1024
_TOMLLIB_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _toml_loader() -> tuple[Callable[[str], dict[str, Any]], type[ValueError]]:
    """The fastest TOML reader installed: the compiled ``tomli`` wheel, else stdlib ``tomllib``."""
    try:
        import tomli

        return tomli.loads, tomli.TOMLDecodeError
    except ImportError:  # pragma: no cover - tomli is a dependency, this is a fallback
        import tomllib

        return tomllib.loads, tomllib.TOMLDecodeError


@dataclass
class LoadedFile:
    """One file read from disk: its case (when valid) and its findings."""

    path: Path
    case: Case | None = None
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    document: dict[str, Any] | None = None
    _locator: KeyLocator | None = None

    @property
    def kind(self) -> str:
        """``case``, ``calendar`` (a [calendar] table) or ``regime`` (a [regime] table)."""
        doc = self.document
        if doc is not None and "platform" not in doc:
            if isinstance(doc.get("regime"), dict):
                return "regime"
            if isinstance(doc.get("calendar"), dict):
                return "calendar"
        return "case"

    @property
    def display(self) -> str:
        return str(self.path)

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

    def add_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.add(problem.key, problem.code, problem.message)

    def add_at(self, line: int, column: int, code: str, message: str) -> None:
        self.findings.append(Finding(self.display, line, column, code, "", message))


def _line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, column


def read_document(path: Path) -> LoadedFile:
    """Read and parse ``path``; on failure the result carries one E1xx finding."""
    loaded = LoadedFile(path)
    try:
        if path.is_dir():
            loaded.add_at(
                1, 1, "E102", "is a folder, not a file: rename it or pass the files inside"
            )
            return loaded
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            loaded.add_at(
                1, 1, "E102", f"is {size / 1e6:.1f} MB; case files are limited to {limit} MiB"
            )
            return loaded
        data = path.read_bytes()
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
    text = text.removeprefix("\ufeff")
    loaded.text = text
    loads, decode_error = _toml_loader()
    try:
        loaded.document = loads(text)
    except decode_error as exc:
        message = str(getattr(exc, "msg", None) or exc)
        line: int | None = getattr(exc, "lineno", None)
        column: int | None = getattr(exc, "colno", None)
        match = _TOMLLIB_POSITION.search(message)
        if match:
            message = message[: match.start()]
            line, column = int(match.group(1)), int(match.group(2))
        loaded.add_at(line or 1, column or 1, "E101", f"TOML syntax: {message}")
    except RecursionError:
        loaded.add_at(1, 1, "E101", "TOML syntax: nesting too deep")
    return loaded
