"""Validate a parsed case file against ``spec`` and build the ``Case`` it describes.

Validation never stops at the first problem: it walks the whole document and returns every
problem as a ``Problem`` (key path, code, message). Positions are added later, by the loader,
and only for files that have problems.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, cast

from dsactl.casefile import spec
from dsactl.casefile.additions import check_additions
from dsactl.casefile.model import (
    DEFAULT_CALENDAR,
    Anchor,
    Case,
    DmaDesignation,
    Event,
    Filing,
    ImposedFine,
    Platform,
    Proceeding,
    Request,
    Turnover,
)
from dsactl.casefile.positions import KeyPath, format_key
from dsactl.casefile.resolve import Resolver, check_calendar, check_regimes, resolve_request

_INVALID = object()  # a value that failed validation (a problem was recorded)


@dataclass(frozen=True)
class Problem:
    key: KeyPath
    code: str
    message: str


def toml_type(value: object) -> str:
    """How TOML would name the type of ``value``, for messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """`` (did you mean `x`?)`` or ``""``."""
    folded = {c.casefold(): c for c in choices}
    if word.casefold() in folded:
        return f" (did you mean `{folded[word.casefold()]}`?)"
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


class Validator:
    """Collects problems while converting TOML values into typed values."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def report(self, key: KeyPath, code: str, message: str) -> None:
        self.problems.append(Problem(key, code, message))

    def has_problem_at(self, key: KeyPath) -> bool:
        return any(p.key == key for p in self.problems)

    @property
    def has_errors(self) -> bool:
        return any(p.code.startswith("E") for p in self.problems)

    # -- tables --------------------------------------------------------------------------

    def unknown_keys(self, key: KeyPath, table: dict[str, Any], known: tuple[str, ...]) -> None:
        for name in table:
            if name not in known:
                allowed = ", ".join(known)
                self.report(
                    (*key, name),
                    "E202",
                    f"unknown key `{name}`{suggest(name, known)}; allowed here: {allowed}",
                )

    def entries(
        self, doc: dict[str, Any], section: spec.Section
    ) -> list[tuple[KeyPath, dict[str, Any]]]:
        """The tables of a section, each with its key path; problems for wrong shapes."""
        value = doc.get(section.name)
        name = section.name
        if value is None:
            if section.required:
                self.report(
                    (name,), "E201", f"missing table [{name}]: add it ({section.description})"
                )
            return []
        if isinstance(value, dict):
            if section.many and not section.table_or_array:
                self.report(
                    (name,), "E203", f"`{name}` must be an array of tables: write [[{name}]]"
                )
                return []
            return [((name,), value)]
        if isinstance(value, list) and section.many:
            tables: list[tuple[KeyPath, dict[str, Any]]] = []
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    tables.append(((name, index), item))
                else:
                    self.report((name, index), "E203", f"must be a table, not {toml_type(item)}")
            return tables
        shape = f"[[{name}]] tables" if section.many else f"a [{name}] table"
        self.report((name,), "E203", f"`{name}` must be {shape}, not {toml_type(value)}")
        return []

    def fields(self, key: KeyPath, table: dict[str, Any], section: spec.Section) -> dict[str, Any]:
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

    # -- values --------------------------------------------------------------------------

    def value(self, key: KeyPath, value: object, field: spec.Field) -> Any:
        return _CHECKS[field.type](self, key, value, field)

    def _wrong(self, key: KeyPath, value: object, expected: str, hint: str = "") -> object:
        self.report(key, "E203", f"expected {expected}, found {toml_type(value)}{hint}")
        return _INVALID

    def _check_string(self, key: KeyPath, value: object, field: spec.Field) -> object:
        if not isinstance(value, str):
            return self._wrong(key, value, "a string")
        if field.required and not value.strip():
            self.report(key, "E205", f"`{field.name}` is empty: {field.description}")
            return _INVALID
        return value

    def _check_text(self, key: KeyPath, value: object, field: spec.Field) -> object:
        return value if isinstance(value, str) else self._wrong(key, value, "a string")

    def _check_bool(self, key: KeyPath, value: object, field: spec.Field) -> object:
        if isinstance(value, bool):
            return value
        return self._wrong(key, value, "a boolean (true or false, unquoted)")

    def _check_date(self, key: KeyPath, value: object, field: spec.Field) -> object:
        if isinstance(value, datetime):
            return self._wrong(
                key,
                value,
                "a date",
                f"; a date-time is not a date: write just {value.date().isoformat()}",
            )
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                day = date.fromisoformat(value.strip())
            except ValueError:
                day = None
            if day is not None:
                return self._wrong(
                    key, value, "a date", f"; remove the quotes: {field.name} = {day.isoformat()}"
                )
        return self._wrong(key, value, "a date (YYYY-MM-DD, unquoted)")

    def _check_enum(self, key: KeyPath, value: object, field: spec.Field) -> object:
        if not isinstance(value, str):
            return self._wrong(key, value, "a string")
        if value not in field.enum:
            allowed = ", ".join(field.enum)
            self.report(
                key,
                "E204",
                f"`{value}` is not allowed{suggest(value, field.enum)}; use one of: {allowed}",
            )
            return _INVALID
        return value

    def _check_amount(self, key: KeyPath, value: object, field: spec.Field) -> object:
        from dsactl.law.money import amount_from_toml

        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return self._wrong(key, value, "a number or a decimal string")
        try:
            return amount_from_toml(value)
        except ValueError as exc:
            self.report(key, "E401", f"{exc}")
            return _INVALID

    def _check_rate(self, key: KeyPath, value: object, field: spec.Field) -> object:
        from dsactl.law.money import rate_from_toml

        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return self._wrong(key, value, "a number")
        try:
            return rate_from_toml(value)
        except ValueError as exc:
            self.report(key, "E403", f"{exc}")
            return _INVALID

    def _check_currency(self, key: KeyPath, value: object, field: spec.Field) -> object:
        from dsactl.law.currencies import is_currency

        if not isinstance(value, str):
            return self._wrong(key, value, 'a currency code string like "EUR"')
        if is_currency(value):
            return value
        hint = f" (did you mean `{value.upper()}`?)" if is_currency(value.upper()) else ""
        self.report(key, "E402", f"`{value}` is not an ISO 4217 currency code{hint}")
        return _INVALID

    def _check_int(self, key: KeyPath, value: object, field: spec.Field) -> object:
        if isinstance(value, bool) or not isinstance(value, int):
            return self._wrong(key, value, "a whole number (1, 2, …)")
        if value < 1:
            self.report(key, "E204", f"{value} is not allowed: count from 1 (the first)")
            return _INVALID
        return value

    def _check_dates(self, key: KeyPath, value: object, field: spec.Field) -> object:
        if not isinstance(value, list):
            return self._wrong(key, value, "an array of dates, e.g. [2026-02-17]")
        days = []
        for index, item in enumerate(value):
            day = self._check_date((*key, index), item, field)
            if day is _INVALID:
                return _INVALID
            days.append(day)
        return tuple(days)

    def _check_list(self, key: KeyPath, value: object, field: spec.Field) -> object:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return self._wrong(key, value, "an array of strings")
        return list(value)


_Check = Callable[[Validator, KeyPath, object, spec.Field], object]
# The check of each field type, by type (``Validator.value``, ``fields``).
_CHECKS: dict[str, _Check] = {
    name.removeprefix("_check_"): check
    for name, check in vars(Validator).items()
    if name.startswith("_check_")
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
_Step = tuple[str, spec.Field, _Check, type | None, Container[object] | None, bool]
_PLANS: dict[int, tuple[spec.Section, tuple[_Step, ...]]] = {}


def _plan(section: spec.Section) -> tuple[_Step, ...]:
    """How ``fields`` takes each field of ``section``, worked out once per section."""
    found = _PLANS.get(id(section))
    if found is None or found[0] is not section:
        found = _PLANS[id(section)] = (section, tuple(_step(f) for f in section.fields))
    return found[1]


def _step(field: spec.Field) -> _Step:
    allowed: Container[object] | None = None
    if field.type == "enum":
        allowed = field.enum
    elif field.type == "currency":
        from dsactl.law.currencies import ACTIVE_CODES

        allowed = ACTIVE_CODES
    nonblank = field.type == "string" and field.required
    return field.name, field, _CHECKS[field.type], _PLAIN.get(field.type), allowed, nonblank


# The keys a case file may have at the top: its tables and its plain keys.
_TOP_LEVEL_KEYS = (*spec.SECTIONS_BY_NAME, *(f.name for f in spec.TOP_LEVEL_FIELDS))


def _unique_ids(v: Validator, section: str, rows: list[tuple[KeyPath, dict[str, Any]]]) -> None:
    seen: dict[str, KeyPath] = {}
    for key, values in rows:
        ident = values.get("id")
        if ident is None:
            continue
        if ident in seen:
            first = format_key(seen[ident])
            v.report(
                (*key, "id"),
                "E302",
                f"id `{ident}` is already used by {first}; ids must be unique in the file",
            )
        else:
            seen[ident] = key


def _date_order(
    v: Validator, key: KeyPath, values: dict[str, Any], later: str, earlier: str
) -> None:
    if later in values and earlier in values and values[later] < values[earlier]:
        v.report(
            (*key, later),
            "E301",
            f"`{later}` ({values[later]}) is before `{earlier}` ({values[earlier]})",
        )


def _missing_source(
    v: Validator, key: KeyPath, values: dict[str, Any], what: str | None = None
) -> None:
    """W102 when an entry has no ``source``; ``what`` names the entry (default: its key)."""
    if not str(values.get("source") or "").strip():
        name = format_key(key) if what is None else what
        v.report(key, "W102", f"{name} has no `source`: say where it comes from")


def validate_case(
    doc: dict[str, Any], path: Path, resolver: Resolver | None = None
) -> tuple[Case | None, list[Problem]]:
    """Check every key of a case file; the ``Case`` only when there is no error.

    ``resolver`` knows the calendars and regimes (the user's files included); without one,
    only the built-in ones are known.
    """
    resolver = resolver or Resolver()
    v = Validator()
    v.unknown_keys((), doc, _TOP_LEVEL_KEYS)
    top = {
        f.name: v.value((f.name,), doc[f.name], f) for f in spec.TOP_LEVEL_FIELDS if f.name in doc
    }
    rows = {s.name: [(k, v.fields(k, t, s)) for k, t in v.entries(doc, s)] for s in spec.SECTIONS}

    for key, values in rows["turnover"]:
        _missing_source(v, key, values, "this turnover")
    for section in ("proceedings", "requests", "fines"):
        _unique_ids(v, section, rows[section])
        for key, values in rows[section]:
            _missing_source(v, key, values)
    proceeding_ids = [vals["id"] for _, vals in rows["proceedings"] if "id" in vals]
    for key, values in rows["proceedings"]:
        _date_order(v, key, values, "closed", "opened")

    file_calendar = top.get("calendar")
    if not isinstance(file_calendar, str):
        file_calendar = DEFAULT_CALENDAR
    elif check_calendar(v, ("calendar",), file_calendar, resolver) is None:
        file_calendar = None
    if isinstance(top.get("regimes"), list):
        check_regimes(v, top["regimes"], resolver)
    explanations = []
    public = top.get("tracking") == "public"
    for key, values in rows["requests"]:
        name = values.get("calendar", file_calendar)
        calendar = None
        if "calendar" in values and isinstance(name, str):
            calendar = check_calendar(v, (*key, "calendar"), name, resolver)
        elif isinstance(name, str):
            calendar = resolver.calendar(name)
        if name is not None:
            values["calendar"] = name
        explanations.append(resolve_request(v, key, values, calendar, public=public))
        _date_order(v, key, values, "due", "sent")
        _date_order(v, key, values, "answered", "sent")
        _date_order(v, key, values, "notified", "sent")
    check_additions(v, top, rows, resolver)
    for key, values in rows["requests"] + rows["fines"] + rows["events"]:
        ref = values.get("proceeding")
        if ref is not None and ref not in proceeding_ids:
            known = ", ".join(proceeding_ids) or "none"
            v.report(
                (*key, "proceeding"),
                "E303",
                f"no proceeding with id `{ref}` in this file"
                f"{suggest(ref, proceeding_ids)}; known: {known}",
            )

    if v.has_errors:
        return None, v.problems
    case = Case(
        path=path,
        platform=Platform(**rows["platform"][0][1]),
        turnovers=tuple(Turnover(**vals) for _, vals in rows["turnover"]),
        proceedings=tuple(Proceeding(**vals) for _, vals in rows["proceedings"]),
        requests=tuple(
            Request(**vals, explanation=explanation)
            for (_, vals), explanation in zip(rows["requests"], explanations, strict=True)
        ),
        fines=tuple(ImposedFine(**vals) for _, vals in rows["fines"]),
        calendar=file_calendar or DEFAULT_CALENDAR,
        regimes=tuple(top.get("regimes") or ("dsa",)),
        tracking=top.get("tracking") or "own",
        rules=tuple(top["rules"]) if isinstance(top.get("rules"), list) else None,
        dma=tuple(DmaDesignation(**vals) for _, vals in rows["dma"]),
        anchors=tuple(Anchor(**vals) for _, vals in rows["anchors"]),
        filings=tuple(Filing(**vals) for _, vals in rows["filings"]),
        events=tuple(Event(**vals) for _, vals in rows["events"]),
    )
    return case, v.problems
