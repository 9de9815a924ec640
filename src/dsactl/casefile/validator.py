"""The one validator: checks a parsed TOML document against its declared format.

``check_document`` walks the whole document and never stops at the first problem: every
unknown key, missing key, wrong type or value, and every broken constraint of the declaration
(``declare.py``) becomes a ``Problem`` (key path, code, message). Positions are added later,
by ``reader.LoadedFile``, and only for files that have problems.

The same walk checks case files (``spec.CASE_FILE``), regime files and calendar files
(``lawfiles``); what a file's format cannot declare (a reference to a calendar, a rule
between two tables) is checked by the file's own rules on the converted values.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, cast

from dsactl.casefile.declare import Field, FileFormat, Section
from dsactl.casefile.positions import KeyPath, format_key
from dsactl.errors import did_you_mean
from dsactl.law.currencies import ACTIVE_CODES, is_currency
from dsactl.law.money import amount_as_written, amount_from_toml, rate_from_toml

_INVALID = object()  # a value that failed validation (a problem was recorded)


@dataclass(frozen=True)
class Problem:
    key: KeyPath
    code: str
    message: str


# One table of a section: its key path and its converted values.
Row = tuple[KeyPath, dict[str, Any]]

_TOML_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),  # before int: a bool is an int to Python
    (int, "an integer"),
    (float, "a float"),
    (str, "a string"),
    (datetime, "a date-time"),  # before date: a datetime is a date to Python
    (date, "a date"),
    (time, "a time"),
    (list, "an array"),
    (dict, "a table"),
)


def toml_type(value: object) -> str:
    """How TOML would name the type of ``value``, for messages."""
    for kind, name in _TOML_TYPES:
        if isinstance(value, kind):
            return name
    return type(value).__name__


def suggest(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean `x`?)`` or ``""`` (``errors.did_you_mean``)."""
    return did_you_mean(word, choices)


class Validator:
    """Collects problems while converting TOML values into typed values."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def report(self, key: KeyPath, code: str, message: str) -> None:
        self.problems.append(Problem(key, code, message))

    @property
    def has_errors(self) -> bool:
        return any(p.code.startswith("E") for p in self.problems)

    # -- tables --------------------------------------------------------------------------

    def unknown_keys(self, key: KeyPath, table: Mapping[str, Any], known: Sequence[str]) -> None:
        for name in table:
            if name not in known:
                allowed = ", ".join(known)
                self.report(
                    (*key, name),
                    "E202",
                    f"unknown key `{name}`{suggest(name, known)}; allowed here: {allowed}",
                )

    def entries(self, doc: Mapping[str, Any], section: Section) -> list[tuple[KeyPath, Any]]:
        """The tables of a section, each with its key path; problems for wrong shapes."""
        value = doc.get(section.name)
        name = section.name
        if value is None:
            if section.required:
                shape = f"[[{name}]] tables" if section.many else f"table [{name}]"
                self.report((name,), "E201", f"missing {shape}: add it ({section.description})")
            return []
        if isinstance(value, dict):
            if section.many and not section.table_or_array:
                self.report(
                    (name,), "E203", f"`{name}` must be an array of tables: write [[{name}]]"
                )
                return []
            return [((name,), value)]
        if isinstance(value, list) and section.many:
            if len(value) < section.min_items:
                self.report(
                    (name,), "E201", f"`{name}` needs at least {section.min_items} [[{name}]] table"
                )
            return [((name, index), item) for index, item in enumerate(value)]
        shape = f"[[{name}]] tables" if section.many else f"a [{name}] table"
        self.report((name,), "E203", f"`{name}` must be {shape}, not {toml_type(value)}")
        return []

    def rows(self, doc: Mapping[str, Any], section: Section) -> list[Row]:
        """Every table of ``section`` checked: its key path and converted values."""
        rows: list[Row] = []
        for key, table in self.entries(doc, section):
            if isinstance(table, dict):
                rows.append((key, self.table(key, table, section)))
            else:
                self.report(key, "E203", f"must be a table, not {toml_type(table)}")
        if section.unique is not None:
            self._unique(section.unique, rows)
        return rows

    def table(self, key: KeyPath, table: Mapping[str, Any], section: Section) -> dict[str, Any]:
        """One table checked: its keys, values, and the constraints of the declaration."""
        values = self.fields(key, table, section)
        for field in section.fields:
            if field.recommended and not str(values.get(field.name) or "").strip():
                name = section.label or format_key(key)
                self.report(key, "W102", f"{name} has no `{field.name}`: say where it comes from")
        for choice in section.one_of:
            first, second = choice.keys
            if first in values and second in values:
                self.report(
                    (*key, second),
                    "E305",
                    f"give either `{first}` or `{second}`, not both: remove one",
                )
            elif first not in table and second not in table:
                self.report((*key, first), "E201", f"missing `{first}`: {choice.hint}")
        for field in section.fields:
            if field.after is not None:
                self._date_order(key, values, field.name, field.after)
        for rule in section.rules:
            rule(self, key, values, table)
        return values

    def fields(self, key: KeyPath, table: Mapping[str, Any], section: Section) -> dict[str, Any]:
        """Convert each field of ``table``; a failed field is left out of the result."""
        if not section.known_names.issuperset(table):
            self.unknown_keys(key, table, section.field_names)
        values: dict[str, Any] = {}
        for name, field, check, plain, allowed, nonblank in _plan(section):
            value = table.get(name, _INVALID)
            if value is _INVALID:
                if field.required:
                    self.report(
                        (*key, name),
                        "E201",
                        f"missing required key `{name}`: {field.description}",
                    )
                continue
            if (
                type(value) is plain
                and (allowed is None or value in allowed)
                and (not nonblank or cast(str, value).strip())
            ):
                values[name] = value  # what its check would accept as it is
                continue
            converted = check(self, (*key, name), value, field)
            if converted is not _INVALID:
                values[name] = converted
        return values

    def _unique(self, name: str, rows: list[Row]) -> None:
        seen: dict[object, KeyPath] = {}
        for key, values in rows:
            value = values.get(name)
            if value is None:
                continue
            if value in seen:
                self.report(
                    (*key, name),
                    "E302",
                    f"{name} `{value}` is already used by {format_key(seen[value])}; "
                    f"{name}s must be unique in the file",
                )
            else:
                seen[value] = key

    def _date_order(self, key: KeyPath, values: dict[str, Any], later: str, earlier: str) -> None:
        if later in values and earlier in values and values[later] < values[earlier]:
            self.report(
                (*key, later),
                "E301",
                f"`{later}` ({values[later]}) is before `{earlier}` ({values[earlier]})",
            )

    # -- values --------------------------------------------------------------------------

    def value(self, key: KeyPath, value: object, field: Field) -> Any:
        """``value`` converted to the type of ``field``; ``_INVALID`` after a problem."""
        return TYPE_CHECKS[field.type](self, key, value, field)

    def wrong(self, key: KeyPath, value: object, expected: str, hint: str = "") -> object:
        self.report(key, "E203", f"expected {expected}, found {toml_type(value)}{hint}")
        return _INVALID


def is_invalid(value: object) -> bool:
    """Whether ``Validator.value`` refused ``value`` (and reported why)."""
    return value is _INVALID


def _check_string(v: Validator, key: KeyPath, value: object, field: Field) -> object:
    if not isinstance(value, str):
        return v.wrong(key, value, "a string")
    if field.required and not value.strip():
        v.report(key, "E205", f"`{field.name}` is empty: {field.description}")
        return _INVALID
    return value


def _check_text(v: Validator, key: KeyPath, value: object, field: Field) -> object:
    return value if isinstance(value, str) else v.wrong(key, value, "a string")


def _check_bool(v: Validator, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, bool):
        return value
    return v.wrong(key, value, "a boolean (true or false, unquoted)")


def _check_int(v: Validator, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, bool) or not isinstance(value, int):
        return v.wrong(key, value, "a whole number (an integer, unquoted)")
    low, high = field.minimum, field.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"{low if low is not None else ''}-{high if high is not None else ''}"
        v.report(key, "E204", f"{value} is out of range ({span})")
        return _INVALID
    return value


def _check_date(v: Validator, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, datetime):
        return v.wrong(
            key, value, "a date", f"; a date-time is not a date: write just {value.date()}"
        )
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            day = None
        if day is not None:
            return v.wrong(
                key, value, "a date", f"; remove the quotes: {field.name} = {day.isoformat()}"
            )
    return v.wrong(key, value, "a date (YYYY-MM-DD, unquoted)")


def _check_enum(v: Validator, key: KeyPath, value: object, field: Field) -> object:
    if not isinstance(value, str):
        return v.wrong(key, value, "a string")
    if value not in field.enum:
        allowed = ", ".join(field.enum)
        v.report(
            key,
            "E204",
            f"`{value}` is not allowed{suggest(value, field.enum)}; use one of: {allowed}",
        )
        return _INVALID
    return value


def _number(
    v: Validator, key: KeyPath, value: object, read: Callable[[object], Decimal], code: str
) -> object:
    try:
        return read(value)
    except ValueError as exc:
        v.report(key, code, f"{exc}")
        return _INVALID


def _check_amount(v: Validator, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return v.wrong(key, value, "a number or a decimal string")
    return _number(v, key, value, amount_from_toml, "E401")


def _check_decimal(v: Validator, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return v.wrong(key, value, "a number or a decimal string")
    return _number(v, key, value, amount_as_written, "E401")


def _check_rate(v: Validator, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return v.wrong(key, value, "a number")
    return _number(v, key, value, rate_from_toml, "E403")


def _check_currency(v: Validator, key: KeyPath, value: object, field: Field) -> object:
    if not isinstance(value, str):
        return v.wrong(key, value, 'a currency code string like "EUR"')
    if is_currency(value):
        return value
    hint = f" (did you mean `{value.upper()}`?)" if is_currency(value.upper()) else ""
    v.report(key, "E402", f"`{value}` is not an ISO 4217 currency code{hint}")
    return _INVALID


def _check_list(v: Validator, key: KeyPath, value: object, field: Field) -> object:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return v.wrong(key, value, "an array of strings")
    return list(value)


_Check = Callable[[Validator, KeyPath, object, Field], object]
#: The check of each field type: converts a value, or reports what is wrong with it.
TYPE_CHECKS: dict[str, _Check] = {
    "string": _check_string,
    "text": _check_text,
    "date": _check_date,
    "amount": _check_amount,
    "decimal": _check_decimal,
    "rate": _check_rate,
    "bool": _check_bool,
    "int": _check_int,
    "currency": _check_currency,
    "enum": _check_enum,
    "list": _check_list,
}
# Most values are plain: a string, a date, a boolean that its check keeps as it is. ``fields``
# accepts such a value on sight: its exact type (``plain``), for an enum or a currency a value
# in the list (``allowed``), for a required string some text (``nonblank``). Any other value
# goes through its check, which converts it or reports what is wrong with it.
_PLAIN: dict[str, type] = {
    "string": str,
    "text": str,
    "bool": bool,
    "date": date,
    "enum": str,
    "currency": str,
}

# name, field, check, plain, allowed, nonblank
_Step = tuple[str, Field, _Check, type | None, Container[object] | None, bool]
_PLANS: dict[int, tuple[Section, tuple[_Step, ...]]] = {}


def _plan(section: Section) -> tuple[_Step, ...]:
    """How ``fields`` takes each field of ``section``, worked out once per section."""
    found = _PLANS.get(id(section))
    if found is None or found[0] is not section:
        found = _PLANS[id(section)] = (section, tuple(_step(f) for f in section.fields))
    return found[1]


def _step(field: Field) -> _Step:
    allowed: Container[object] | None = None
    if field.type == "enum":
        allowed = field.enum
    elif field.type == "currency":
        allowed = ACTIVE_CODES
    nonblank = field.type == "string" and field.required
    return field.name, field, TYPE_CHECKS[field.type], _PLAIN.get(field.type), allowed, nonblank


@dataclass
class Checked:
    """A document checked against its format: the converted values and the problems."""

    top: dict[str, Any]
    rows: dict[str, list[Row]]
    validator: Validator


def check_document(doc: Mapping[str, Any], form: FileFormat) -> Checked:
    """Check every key of ``doc`` against ``form``; the file's own rules come after."""
    v = Validator()
    v.unknown_keys((), doc, form.top_level_keys)
    top: dict[str, Any] = {}
    for field in form.fields:
        if field.name in doc:
            value = v.value((field.name,), doc[field.name], field)
            if value is not _INVALID:
                top[field.name] = value
        elif field.required:
            v.report((field.name,), "E201", f"missing required key `{field.name}`")
    rows = {section.name: v.rows(doc, section) for section in form.sections}
    return Checked(top, rows, v)
