"""The rules of a case file beyond its declared format, and the ``Case`` it describes.

``validate_case`` checks the document against ``spec.CASE_FILE`` (``validator``), then the
rules the format cannot declare: the calendars and regimes a file names (E306, E308), the
due date of each request (E307, E309, W105), references to proceedings (E303), and, given
an as-of date, overdue requests (W101) and a stale turnover (W103). Each of these findings is
made here and nowhere else; ``Resolver`` only looks calendars and regimes up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
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
from dsactl.casefile.positions import KeyPath
from dsactl.casefile.resolve import Resolver
from dsactl.casefile.validator import Checked, Problem, Row, Validator, check_document, suggest
from dsactl.errors import DsactlError
from dsactl.law.calendars import Calendar
from dsactl.law.dates import add_months, human
from dsactl.law.periods import PeriodResult, compute_deadline, parse_period

__all__ = ["STALE_MONTHS", "Problem", "validate_case"]

STALE_MONTHS = 24


def validate_case(
    doc: dict[str, Any],
    path: Path,
    resolver: Resolver | None = None,
    *,
    as_of: date | None = None,
) -> tuple[Case | None, list[Problem]]:
    """Check every key of a case file; the ``Case`` only when there is no error.

    ``resolver`` knows the calendars and regimes (the user's files included); without one,
    only the built-in ones are known. With ``as_of``, the checks that need a date run too
    (overdue requests, stale turnover), also in a file with errors elsewhere.
    """
    resolver = resolver or Resolver()
    checked = check_document(doc, spec.CASE_FILE)
    v, rows = checked.validator, checked.rows
    file_calendar = _file_calendar(v, checked.top, resolver)
    _check_regimes(v, checked.top.get("regimes"), resolver)
    public = checked.top.get("tracking") == "public"
    explanations = [
        _check_request(
            v,
            key,
            values,
            _request_calendar(v, key, values, file_calendar, resolver),
            public=public,
            written=_written(doc, key),
        )
        for key, values in rows["requests"]
    ]
    _check_references(v, rows)
    check_additions(v, checked.top, rows, resolver)
    if as_of is not None and not public:
        _check_overdue(v, doc, rows["requests"], as_of)
        _check_year_ends(v, doc, rows["turnover"], as_of)
    if v.has_errors:
        return None, v.problems
    return _case(path, checked, file_calendar, explanations), v.problems


def _case(
    path: Path, checked: Checked, calendar: str | None, explanations: list[PeriodResult | None]
) -> Case:
    rows = checked.rows
    return Case(
        path=path,
        platform=Platform(**rows["platform"][0][1]),
        turnovers=tuple(Turnover(**vals) for _, vals in rows["turnover"]),
        proceedings=tuple(Proceeding(**vals) for _, vals in rows["proceedings"]),
        requests=tuple(
            Request(**vals, explanation=explanation)
            for (_, vals), explanation in zip(rows["requests"], explanations, strict=True)
        ),
        fines=tuple(ImposedFine(**vals) for _, vals in rows["fines"]),
        calendar=calendar or DEFAULT_CALENDAR,
        regimes=tuple(checked.top.get("regimes") or ("dsa",)),
        tracking=checked.top.get("tracking") or "own",
        rules=tuple(checked.top["rules"]) if "rules" in checked.top else None,
        dma=tuple(DmaDesignation(**vals) for _, vals in rows["dma"]),
        anchors=tuple(Anchor(**vals) for _, vals in rows["anchors"]),
        filings=tuple(Filing(**vals) for _, vals in rows["filings"]),
        events=tuple(Event(**vals) for _, vals in rows["events"]),
    )


# -- calendars and regimes (E306, E308) ----------------------------------------------------


def _calendar(v: Validator, key: KeyPath, name: str, resolver: Resolver) -> Calendar | None:
    try:
        return resolver.calendar(name)
    except DsactlError as exc:
        # The lookup's own message starts "unknown calendar 'X'": say it once.
        reason = re.sub(r"^unknown calendar '[^']*'(: )?", "", exc.message)
        reason = f": {reason}" if reason else ""
        use = f"; {exc.hint}" if exc.hint else ""
        v.report(key, "E306", f"unknown calendar `{name}`{reason}{use}")
        return None


def _file_calendar(v: Validator, top: Mapping[str, Any], resolver: Resolver) -> str | None:
    """The file's default calendar; None when it names one that does not exist."""
    name = top.get("calendar")
    if name is None:
        return DEFAULT_CALENDAR
    return None if _calendar(v, ("calendar",), name, resolver) is None else name


def _request_calendar(
    v: Validator,
    key: KeyPath,
    values: dict[str, Any],
    file_calendar: str | None,
    resolver: Resolver,
) -> Calendar | None:
    """The calendar of one request (its own, else the file's); sets ``values["calendar"]``."""
    if "calendar" in values:
        return _calendar(v, (*key, "calendar"), values["calendar"], resolver)
    if file_calendar is None:
        return None  # the file's calendar is unknown: already reported
    values["calendar"] = file_calendar
    return resolver.calendar(file_calendar)


def _check_regimes(v: Validator, names: list[str] | None, resolver: Resolver) -> None:
    if names is None:
        return
    known = resolver.regime_names()
    for index, name in enumerate(names):
        if name not in known:
            v.report(
                ("regimes", index),
                "E308",
                f"unknown regime `{name}`{suggest(name, known)}; known: {', '.join(known)}",
            )


# -- due dates (E307, E309, W105, W110) ----------------------------------------------------


def _check_request(
    v: Validator,
    key: KeyPath,
    values: dict[str, Any],
    calendar: Calendar | None,
    *,
    public: bool = False,
    written: Mapping[str, Any] | None = None,
) -> PeriodResult | None:
    """Check the due date of one request; compute it from ``period``.

    Sets ``values["due"]`` for a period and returns its explanation. Both ``due`` and
    ``period`` is an error (E305, by the declaration); neither is a warning (W106: the
    request is listed as ``no-due-date``), except in a file that tracks public information
    (``public``), where a request without a known date is simply listed as such.
    """
    has_due, has_period = "due" in values, "period" in values
    if has_due and has_period:
        return None  # both: reported by the declaration (E305)
    if not has_due and not has_period:
        invalid = written is not None and ("due" in written or "period" in written)
        if not public and not invalid:  # (written but invalid: already reported)
            v.report(
                key,
                "W106",
                "no `due` and no `period`: the request is listed as `no-due-date`; give the "
                "reply deadline, or a `period` counted from `sent`, once known",
            )
        return None
    if has_due:
        if calendar is not None:
            _check_due(v, key, values["due"], calendar)
        return None
    return _due_from_period(v, key, values, calendar)


def _due_from_period(
    v: Validator, key: KeyPath, values: dict[str, Any], calendar: Calendar | None
) -> PeriodResult | None:
    """Sets ``values["due"]`` from ``period``; W110 when that date depends on projected
    holidays of the Commission's calendar (and the request is not answered)."""
    result = _count_period(v, key, values, calendar)
    if result is None:
        return None
    values["due"] = result.end
    if result.projected and values.get("answered") is None:
        parts = ", ".join(str(p) for p in result.projections)
        v.report(
            (*key, "period"),
            "W110",
            f"due {human(result.end)}, counted from `period`, depends on projected public "
            f"holidays ({parts}): no published Commission decision was read for them; check "
            "the date once it is published (`dsactl period` shows each step)",
        )
    return result


def _written(doc: Mapping[str, Any], key: KeyPath) -> Mapping[str, Any] | None:
    """The table at ``key`` (``("requests", 2)``) as written in ``doc``."""
    tables = doc.get(str(key[0]))
    if isinstance(tables, list) and len(key) > 1 and isinstance(key[1], int):
        table = tables[key[1]] if key[1] < len(tables) else None
        return table if isinstance(table, dict) else None
    return tables if isinstance(tables, dict) else None


def _count_period(
    v: Validator, key: KeyPath, values: dict[str, Any], calendar: Calendar | None
) -> PeriodResult | None:
    """The due date ``period`` gives counted from ``notified``, else ``sent``; E307 for a
    period that cannot be read or counted. An unknown calendar (already reported) leaves it
    readable, not counted."""
    try:
        period = parse_period(values["period"])
        start = values.get("notified", values.get("sent"))
        if start is None or calendar is None:
            return None
        return compute_deadline(start, period, calendar)
    except DsactlError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        v.report((*key, "period"), "E307", f"{exc.message}{hint}")
        return None


def _check_due(v: Validator, key: KeyPath, due: date, calendar: Calendar) -> None:
    """W105 when a given ``due`` is not a working day of the request's calendar; E309 for a
    ``due`` in a year the calendar cannot count (the Commission's holidays: 1583-4099)."""
    try:
        working = calendar.is_working_day(due)
    except DsactlError as exc:
        v.report(
            (*key, "due"),
            "E309",
            f"due {human(due)} is outside the years dsactl can count working days for in "
            f"the `{calendar.name}` calendar ({exc.hint or exc.message}): correct the year",
        )
        return
    if not working:
        v.report(
            (*key, "due"),
            "W105",
            f"due {human(due)} is not a working day in the `{calendar.name}` calendar "
            "(a period ending then would run to the next working day, Art. 3(4) of "
            "Regulation 1182/71)",
        )


# -- references between tables (E303) ------------------------------------------------------


def _check_references(v: Validator, rows: Mapping[str, list[Row]]) -> None:
    proceeding_ids = [vals["id"] for _, vals in rows["proceedings"] if "id" in vals]
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


# -- as of a date (W101, W103) ---------------------------------------------------------------


def _check_overdue(v: Validator, doc: Mapping[str, Any], rows: list[Row], as_of: date) -> None:
    """W101: a request past its due date (given, or computed from its period) that has no
    ``answered`` key, also in a file with errors elsewhere."""
    tables = doc.get("requests")
    for key, values in rows:
        due = values.get("due")
        if due is None or due >= as_of:
            continue
        index = cast(int, key[1])  # requests are an array of tables: ("requests", index)
        table = tables[index] if isinstance(tables, list) else {}
        if "answered" in table:
            continue
        name = table.get("id")
        label = f"`{name}`" if isinstance(name, str) and name else f"requests[{index}]"
        v.report(
            (*key, "due"),
            "W101",
            f"{label} was due {due} ({(as_of - due).days} days before {as_of}) and has no "
            "`answered` date",
        )


def _check_year_ends(v: Validator, doc: Mapping[str, Any], rows: list[Row], as_of: date) -> None:
    """W103: no financial year ended before as-of, or the latest ended over 24 months before.

    Only when every turnover table has a valid ``year_end`` (else the error there is what
    needs fixing first).
    """
    written = doc.get("turnover")
    count = len(written) if isinstance(written, list) else 1
    ends = [(key, values["year_end"]) for key, values in rows if "year_end" in values]
    if not ends or len(ends) != count:
        return
    before = [end for _, end in ends if end < as_of]
    if not before:
        first = min(end for _, end in ends)
        v.report(
            (*_first_key(ends, first), "year_end"),
            "W103",
            f"no financial year in [turnover] ended before {as_of} (earliest year_end "
            f"{first}): a fine would have no preceding financial year",
        )
        return
    used = max(before)
    if add_months(used, STALE_MONTHS) < as_of:
        v.report(
            (*_first_key(ends, used), "year_end"),
            "W103",
            f"the latest financial year ended {used}, more than {STALE_MONTHS} months "
            f"before {as_of}: add the newer year",
        )


def _first_key(ends: list[tuple[KeyPath, date]], day: date) -> KeyPath:
    """The key of the first turnover table in the file whose ``year_end`` is ``day``."""
    return next(key for key, end in ends if end == day)
