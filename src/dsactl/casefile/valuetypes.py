"""The value types of a declared key: how each is checked and converted.

Each check takes the ``report`` function of the validator, the key path, the value as
written and its ``Field``; it returns the converted value, or ``INVALID`` after reporting
what is wrong (E203 a wrong type, E204 a value not allowed, E205 an empty text, E401-E403
money). ``plan`` works out once per section how each of its keys is taken, so that the plain
values of a clean file (a string, a date) are accepted on sight.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from datetime import date, datetime, time
from decimal import Decimal

from dsactl.casefile.declare import Field, Section
from dsactl.casefile.positions import KeyPath
from dsactl.errors import did_you_mean
from dsactl.law.currencies import ACTIVE_CODES, is_currency
from dsactl.law.money import amount_as_written, amount_from_toml, rate_from_toml

__all__ = ["INVALID", "TYPE_CHECKS", "Report", "Step", "plan", "toml_type", "wrong_shape"]

INVALID = object()  # a value that failed its check (a problem was reported)

#: Records a problem: key path, code, message.
Report = Callable[[KeyPath, str, str], None]

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


def wrong_shape(report: Report, key: KeyPath, message: str) -> None:
    """Report a section written in the wrong shape (E203), e.g. a [table] for [[tables]]."""
    report(key, "E203", message)


def wrong(report: Report, key: KeyPath, value: object, expected: str, hint: str = "") -> object:
    """Report a value of the wrong type (E203); ``INVALID``."""
    report(key, "E203", f"expected {expected}, found {toml_type(value)}{hint}")
    return INVALID


def _check_string(report: Report, key: KeyPath, value: object, field: Field) -> object:
    if not isinstance(value, str):
        return wrong(report, key, value, "a string")
    if field.required and not value.strip():
        report(key, "E205", f"`{field.name}` is empty: {field.description}")
        return INVALID
    return value


def _check_text(report: Report, key: KeyPath, value: object, field: Field) -> object:
    return value if isinstance(value, str) else wrong(report, key, value, "a string")


def _check_bool(report: Report, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, bool):
        return value
    return wrong(report, key, value, "a boolean (true or false, unquoted)")


def _check_int(report: Report, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, bool) or not isinstance(value, int):
        return wrong(report, key, value, "a whole number (an integer, unquoted)")
    low, high = field.minimum, field.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"{low if low is not None else ''}-{high if high is not None else ''}"
        report(key, "E204", f"{value} is out of range ({span})")
        return INVALID
    return value


def _check_date(report: Report, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, datetime):
        return wrong(
            report, key, value, "a date", f"; a date-time is not a date: write just {value.date()}"
        )
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            day = None
        if day is not None:
            hint = f"; remove the quotes: {field.name} = {day.isoformat()}"
            return wrong(report, key, value, "a date", hint)
    return wrong(report, key, value, "a date (YYYY-MM-DD, unquoted)")


def _check_enum(report: Report, key: KeyPath, value: object, field: Field) -> object:
    if not isinstance(value, str):
        return wrong(report, key, value, "a string")
    if value not in field.enum:
        allowed = ", ".join(field.enum)
        report(
            key,
            "E204",
            f"`{value}` is not allowed{did_you_mean(value, field.enum)}; use one of: {allowed}",
        )
        return INVALID
    return value


def _number(
    report: Report, key: KeyPath, value: object, read: Callable[[object], Decimal], code: str
) -> object:
    try:
        return read(value)
    except ValueError as exc:
        report(key, code, f"{exc}")
        return INVALID


def _check_amount(report: Report, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return wrong(report, key, value, "a number or a decimal string")
    return _number(report, key, value, amount_from_toml, "E401")


def _check_decimal(report: Report, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return wrong(report, key, value, "a number or a decimal string")
    return _number(report, key, value, amount_as_written, "E401")


def _check_rate(report: Report, key: KeyPath, value: object, field: Field) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return wrong(report, key, value, "a number")
    return _number(report, key, value, rate_from_toml, "E403")


def _check_currency(report: Report, key: KeyPath, value: object, field: Field) -> object:
    if not isinstance(value, str):
        return wrong(report, key, value, 'a currency code string like "EUR"')
    if is_currency(value):
        return value
    hint = f" (did you mean `{value.upper()}`?)" if is_currency(value.upper()) else ""
    report(key, "E402", f"`{value}` is not an ISO 4217 currency code{hint}")
    return INVALID


def _check_list(report: Report, key: KeyPath, value: object, field: Field) -> object:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return wrong(report, key, value, "an array of strings")
    return list(value)


def _check_dates(report: Report, key: KeyPath, value: object, field: Field) -> object:
    if not isinstance(value, list):
        return wrong(report, key, value, "an array of dates, e.g. [2026-02-17]")
    days = [_check_date(report, (*key, index), item, field) for index, item in enumerate(value)]
    return INVALID if any(day is INVALID for day in days) else tuple(days)


_Check = Callable[[Report, KeyPath, object, Field], object]
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
    "dates": _check_dates,
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

# field, check, plain, allowed, nonblank
Step = tuple[Field, _Check, type | None, Container[object] | None, bool]
# Each field's step by name; the required fields' names and descriptions, in order.
Plan = tuple[dict[str, Step], tuple[tuple[str, str], ...]]
_PLANS: dict[int, tuple[Section, Plan]] = {}


def plan(section: Section) -> Plan:
    """How the validator takes each field of ``section``, worked out once per section."""
    found = _PLANS.get(id(section))
    if found is None or found[0] is not section:
        steps = {f.name: _step(f) for f in section.fields}
        required = tuple((f.name, f.description) for f in section.fields if f.required)
        found = _PLANS[id(section)] = (section, (steps, required))
    return found[1]


def _step(field: Field) -> Step:
    allowed: Container[object] | None = None
    if field.type == "enum":
        allowed = field.enum
    elif field.type == "currency":
        allowed = ACTIVE_CODES
    nonblank = field.type == "string" and field.required
    return field, TYPE_CHECKS[field.type], _PLAIN.get(field.type), allowed, nonblank
