"""JSON and CSV writers shared by every command (one serialiser, one CSV dialect)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

# Cells starting with these characters are read as formulas by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(document: Any) -> str:
    """Pretty JSON with a trailing newline; text is kept as Unicode, escapes stay escaped."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def safe_cell(value: object) -> str:
    """A CSV cell that no spreadsheet will run as a formula (OWASP CSV injection advice)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180 CSV (CRLF line ends, minimal quoting) with neutralised formula cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
