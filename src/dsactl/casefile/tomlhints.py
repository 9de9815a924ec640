"""What to write instead, in dsactl's words, for the TOML syntax errors people make most.

The TOML parser says *where* a file stops being TOML (``Invalid value``, ``Expected newline or
end of document after a statement``); ``syntax_hint`` looks at that line and says what was
probably meant and how to write it: an unquoted text, a date with slashes or dots, a number
with a suffix or a decimal comma, a table header without its ``]``, a key or table given twice,
a string that is not closed. None when the line matches none of these.
"""

from __future__ import annotations

import re

__all__ = ["syntax_hint"]

_ASSIGNMENT = re.compile(r"\s*(?P<key>[A-Za-z0-9_.\-\"' ]+?)\s*=\s*(?P<value>.*?)\s*(?:#.*)?$")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\-]*)")


def _date_hint(key: str, value: str) -> str | None:
    day_first = _DAY_FIRST.fullmatch(value)
    year_first = _YEAR_FIRST.fullmatch(value)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
    elif year_first:
        year, month, day = (int(part) for part in year_first.groups())
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"write a date as YYYY-MM-DD, without quotes: {key} = {year:04d}-{month:02d}-{day:02d}"


def _value_hint(key: str, value: str) -> str | None:
    """A hint for the value of ``key = value`` that is not TOML."""
    date = _date_hint(key, value)
    if date is not None:
        return date
    if re.fullmatch(r"\d[\d_]*,\d+", value):
        return f'write the decimal point as ".": {key} = {value.replace(",", ".")}'
    if re.fullmatch(r"[\d.,_]+\s*[A-Za-z]+\.?", value):
        return f'an amount with a suffix is a quoted string: {key} = "{value}"'
    if value[:1] in ('"', "'") and value.count(value[0]) == 1:
        return (
            f"close the string with {value[0]} on the same line (three quotes {value[0] * 3} "
            "start a text over several lines)"
        )
    if value.lower() in ("true", "false"):
        return f"write true or false in lower case: {key} = {value.lower()}"
    if value and (value[0].isalpha() or value[0] not in "\"'[{+-.0123456789"):
        text = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'put text in double quotes: {key} = "{text}"'
    return None


def _duplicate_hint(lines: list[str], line: int) -> str | None:
    """Where the key of ``line`` (1-based) was set before."""
    match = _ASSIGNMENT.match(lines[line - 1])
    if match is None:
        return None
    key = match["key"].strip()
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if _HEADER.match(text) and text.strip().startswith("["):
            break  # only the same table counts
        earlier = _ASSIGNMENT.match(text)
        if earlier is not None and earlier["key"].strip() == key:
            return f"`{key}` is already set on line {number}: keep one of the two"
    return f"`{key}` is set twice in this table: keep one"


def syntax_hint(text: str, line: int, message: str) -> str | None:
    """What to write instead, for the TOML error ``message`` at ``line`` (1-based)."""
    lines = text.splitlines()
    if 1 < line <= len(lines) + 1 and (line > len(lines) or not lines[line - 1].strip()):
        line -= 1  # an unclosed string is found at the start of the next line
    if not 1 <= line <= len(lines):
        return None
    current = lines[line - 1]
    lowered = message.lower()
    if "table declaration" in lowered or "array declaration" in lowered:
        header = _HEADER.match(current)
        if header is not None:
            opening, name = header.groups()
            closing = "]" * len(opening)
            return f"close the table header: {opening}{name}{closing}"
    if "cannot declare" in lowered:
        header = _HEADER.match(current)
        name = header.group(2) if header else "this table"
        return (
            f"[{name}] is given twice: put its keys in one [{name}] table, or write "
            f"[[{name}]] for a list of tables"
        )
    if "cannot overwrite" in lowered or "duplicate" in lowered:
        return _duplicate_hint(lines, line)
    match = _ASSIGNMENT.match(current)
    if match is None:
        return None
    key, value = match["key"].strip(), match["value"].strip()
    if "illegal character" in lowered and value[:1] in ('"', "'"):
        return _value_hint(key, value[:1])
    return _value_hint(key, value)
