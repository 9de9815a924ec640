"""JSON and CSV writers shared by every command (one serialiser, one CSV dialect)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from dsactl.render.console import CONTROL, visible

# Cells starting with these characters are read as formulas by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: A document whose compact JSON is shorter than this is indented by the standard library
#: (``to_json``): quicker than importing msgspec, which a fine from a turnover does not need.
SMALL = 4096


def to_json(document: Any) -> str:
    """Pretty JSON with a trailing newline; text is kept as Unicode, escapes stay escaped.

    ``json`` escapes U+0000-U+001F itself; DEL and the C1 controls (U+007F-U+009F) would pass
    raw, so they become ``\\u00NN`` escapes too: the parsed text is unchanged, and no control
    character reaches a terminal that shows the document. Outside strings JSON holds only
    ASCII, so every character matched is inside a string.
    """
    compact = json.dumps(document, ensure_ascii=False)
    if len(compact) < SMALL:
        text = json.dumps(document, indent=2, ensure_ascii=False)
    else:
        text = _pretty(document, compact)
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _pretty(document: Any, compact: str | None = None) -> str:
    """``json.dumps(document, indent=2, ensure_ascii=False)``, sooner (``compact``: the
    document's compact JSON, when it is already written).

    With ``indent``, the standard library writes JSON in Python, several times slower than
    its C encoder writes it compact; ``msgspec.json.format`` then indents the compact text
    (it changes only the spaces and line breaks between tokens, and its layout is the same).
    What msgspec refuses is written the slow way: ``NaN`` (not JSON), and a lone surrogate
    (a file name's undecodable byte, which msgspec cannot encode as UTF-8).
    """
    import msgspec

    if compact is None:
        compact = json.dumps(document, ensure_ascii=False)
    try:
        return msgspec.json.format(compact, indent=2)
    except (msgspec.DecodeError, UnicodeEncodeError):
        return json.dumps(document, indent=2, ensure_ascii=False)


def json_array_chunks(items: Iterable[Any]) -> Iterator[str]:
    """``to_json(list(items))`` in pieces, one item at a time: the same text, without holding
    every item, or the whole document, in memory at once (``deadlines --format json`` on
    thousands of case files). An item's own lines are indented by two more spaces, as
    ``json.dumps`` does inside a list; strings hold no raw newline (JSON escapes it)."""
    first = True
    for item in items:
        body = _pretty(item).replace("\n", "\n  ")
        text = ("[\n  " if first else ",\n  ") + body
        first = False
        yield CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    yield "[]\n" if first else "\n]\n"


def safe_cell(value: object) -> str:
    """A CSV cell that no spreadsheet will run as a formula (OWASP CSV injection advice),
    with control characters made visible (``\\x1b``): tab and newline stay, quoted by CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = visible(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180 CSV (CRLF line ends, minimal quoting) with neutralised formula cells."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
