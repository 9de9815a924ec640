"""When one statutory obligation rule falls due for one case: its dated drafts.

``docket.obligations`` asks, rule by rule, for the days an obligation falls due
(``rule_drafts``) and turns them into numbered ``Occurrence``s. Each rule counts from its
anchors (``_instances``: N, A = N + 4 months, a DMA designation, an audit report…) in one of
three ways: a chain of periods (first, then every), fixed calendar dates, or reporting periods
each due a period after its end. Periods are counted under Regulation 1182/71 in the rule
set's calendar. Pure: no printing.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from msgspec import Struct, field

from dsactl.casefile.model import Case, Filing
from dsactl.law.dates import human
from dsactl.law.periods import (
    Period,
    PeriodResult,
    Unit,
    compute_application_date,
    compute_deadline,
)
from dsactl.law.rulesets import ANCHOR_KIND, ObligationRule

if TYPE_CHECKING:
    from dsactl.law.calendars import Calendar

__all__ = [
    "APPLICATION_PERIOD",
    "FIXED_DATE",
    "FROM_DESIGNATION",
    "MAX_OCCURRENCES",
    "WEEKDAYS",
    "Context",
    "Draft",
    "rule_drafts",
]

#: A designation's obligations apply four months after its notification (Art. 33(6) DSA).
APPLICATION_PERIOD = Period(4, "months")
FROM_DESIGNATION = "counted from designation (the notification day is not recorded)"
FIXED_DATE = (
    "a fixed calendar date, not a period: not moved to a working day (Art. 3(4) of Regulation "
    "1182/71 moves the end of a period; whether it also moves a fixed date is not settled)"
)
#: Never more occurrences of one rule than this (a yearly rule over a century).
MAX_OCCURRENCES = 400


def days_in_month(year: int, month: int) -> int:
    return monthrange(year, month)[1]


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class _Instance(Struct):
    """One anchor a rule counts from: its day, what it is, and notes for every occurrence."""

    start: date
    label: str
    basis: str
    notes: tuple[str, ...] = ()


class Draft(Struct):
    due: date
    label: str
    basis: str
    fixed: bool
    result: PeriodResult | None
    notes: tuple[str, ...] = ()
    order: tuple[int, int] = (0, 0)


class Context(Struct):
    case: Case
    calendar: Calendar
    until: date
    notes: list[str] = field(default_factory=list)
    anchors: list[tuple[str, PeriodResult]] = field(default_factory=list)
    _n: tuple[date, str] | bool | None = False
    _a: PeriodResult | bool | None = False

    def notification(self) -> tuple[date, str] | None:
        """N: the notification day, else the designation day (said in every occurrence)."""
        if self._n is False:
            platform = self.case.platform
            if platform.notified is not None:
                self._n = (platform.notified, "")
            elif platform.designated is not None:
                self._n = (platform.designated, FROM_DESIGNATION)
            else:
                self._n = None
        return self._n if not isinstance(self._n, bool) else None

    def application(self) -> PeriodResult | None:
        """A = N + 4 months (Art. 33(6) DSA), a date of application: never moved."""
        if self._a is False:
            found = self.notification()
            self._a = None
            if found is not None:
                self._a = compute_application_date(found[0], APPLICATION_PERIOD, self.calendar)
                self.anchors.append(("A", self._a))
        return self._a if not isinstance(self._a, bool) else None


def _instances(rule: ObligationRule, ctx: Context) -> list[_Instance]:
    case = ctx.case
    anchor = rule.anchor
    if anchor == "fixed":
        assert rule.since is not None
        return [_Instance(rule.since, "", f"from {human(rule.since)}")]
    if anchor in ("notification", "application"):
        found = ctx.notification()
        if found is None:
            return []
        day, note = found
        notes = (note,) if note else ()
        which = "N (designation)" if note else "N"
        if anchor == "notification":
            return [_Instance(day, "", f"{which} = {day.isoformat()}", notes)]
        application = ctx.application()
        assert application is not None
        a_day = application.end
        basis = f"A = {a_day.isoformat()} ({which} {day.isoformat()} + 4 months, Art. 33(6))"
        return [_Instance(a_day, "", basis, notes)]
    if anchor == "dma-designation":
        groups: dict[date, list[str]] = {}
        pattern = re.compile(rule.services) if rule.services else None
        for entry in case.dma:
            if pattern is None or pattern.search(entry.service):
                groups.setdefault(entry.designated, []).append(entry.service)
        return [
            _Instance(day, ", ".join(names), f"D = {day.isoformat()} ({', '.join(names)})")
            for day, names in sorted(groups.items())
        ]
    kind = ANCHOR_KIND[anchor]
    days = sorted({a.date for a in case.anchors if a.kind == kind})
    letter = {"audit-report": "R", "audit-recommendations": "Rr"}.get(anchor, kind)
    return [
        _Instance(day, f"{kind} {day.isoformat()}", f"{letter} = {day.isoformat()}") for day in days
    ]


def _times(period: Period, k: int) -> Period:
    return Period(period.count * k, period.unit)


#: Units that add up into one (Art. 3(2)(c) of Reg. 1182/71 ends a period of months and one of
#: years alike, on the same-numbered day; a week is seven days).
_IN: dict[str, tuple[Unit, int]] = {
    "months": ("months", 1),
    "years": ("months", 12),
    "days": ("days", 1),
    "weeks": ("days", 7),
    "working-days": ("working-days", 1),
}


def _sum(first: Period, every: Period, k: int) -> Period | None:
    """``first + k × every`` as one period counted from the anchor, so a later occurrence
    never inherits the move of an earlier one to a working day (6 months + 1 year =
    18 months); None when the units do not add up (e.g. working days and months)."""
    if first.unit == every.unit:
        return Period(first.count + k * every.count, every.unit)
    (unit_a, a), (unit_b, b) = _IN[first.unit], _IN[every.unit]
    if unit_a != unit_b:
        return None
    return Period(first.count * a + k * every.count * b, unit_a)


def _counted(start: date, period: Period | None, ctx: Context) -> tuple[date, PeriodResult | None]:
    if period is None:
        return start, None
    result = compute_deadline(start, period, ctx.calendar)
    return result.end, result


def _fixed_dates(rule: ObligationRule, inst: _Instance, ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    year = inst.start.year
    while year <= ctx.until.year and len(drafts) < MAX_OCCURRENCES:
        for month, day in rule.dates:
            due = date(year, month, min(day, days_in_month(year, month)))
            if inst.start <= due <= ctx.until:
                weekday = WEEKDAYS[due.weekday()]
                drafts.append(
                    Draft(
                        due,
                        str(year),
                        f"fixed date {due.day} {due:%b} ({weekday}); {inst.basis}",
                        True,
                        None,
                        (*inst.notes, FIXED_DATE),
                    )
                )
        year += 1
    return drafts


def _period_start(rule: ObligationRule, end: date) -> date:
    """The first day of the reporting period ending on ``end``: the day after the previous end."""
    ends = rule.period_ends
    index = ends.index((end.month, end.day)) if (end.month, end.day) in ends else 0
    if index > 0:
        month, day = ends[index - 1]
        previous = date(end.year, month, day)
    else:
        month, day = ends[-1]
        previous = date(end.year - 1, month, min(day, days_in_month(end.year - 1, month)))
    return previous + timedelta(days=1)


def _reporting_periods(
    rule: ObligationRule, inst: _Instance, ctx: Context, *, all_until: date, limit: int
) -> list[Draft]:
    """Fixed reporting periods ending after the anchor (and starting on or after
    ``periods_from``), each due ``after_end`` after its end, up to ``all_until``; at most
    ``limit`` of them."""
    assert rule.after_end is not None
    drafts: list[Draft] = []
    year = min(inst.start.year, (rule.periods_from or inst.start).year)
    while len(drafts) < limit and year < date.max.year:
        for month, day in rule.period_ends:
            end = date(year, month, min(day, days_in_month(year, month)))
            begin = _period_start(rule, end)
            if end < inst.start or (end == inst.start and rule.anchor != "fixed"):
                continue
            if rule.periods_from is not None and begin < rule.periods_from:
                continue
            due, result = _counted(end, rule.after_end, ctx)
            if due > all_until:
                return drafts
            if len(drafts) >= limit:
                return drafts
            label = f"reporting period {human(begin)} – {human(end)}"
            drafts.append(
                Draft(
                    due,
                    label,
                    f"end of the reporting period ({end.isoformat()}) + {rule.after_end}",
                    False,
                    result,
                    inst.notes,
                )
            )
        year += 1
    return drafts


def _chain(
    rule: ObligationRule, inst: _Instance, ctx: Context, filings: Mapping[int, Filing], stop: date
) -> list[Draft]:
    """The first occurrence (anchor + first), then one each ``every`` while due < ``stop``."""
    drafts: list[Draft] = []
    letter = inst.basis.split(" ", 1)[0]
    due, result = _counted(inst.start, rule.first, ctx)
    what = f"{letter} + {rule.first}" if rule.first else f"on {letter}"
    drafts.append(Draft(due, inst.label, f"{what}; {inst.basis}", False, result, inst.notes))
    if rule.every is None:
        return drafts
    k = 1
    #: "previous": the last occurrence whose filing is recorded, and its number.
    last_filed: tuple[date, int] | None = None
    while len(drafts) < MAX_OCCURRENCES:
        k += 1
        filed = filings.get(k - 1)
        if rule.every_from == "previous" and filed is not None:
            last_filed = (filed.filed, k - 1)
        if last_filed is not None:
            total = _times(rule.every, k - last_filed[1])
            due, result = _counted(last_filed[0], total, ctx)
            basis = (
                f"{total} from the last one done (occurrence {last_filed[1]}, filed "
                f"{last_filed[0].isoformat()})"
            )
        elif rule.first is not None and (summed := _sum(rule.first, rule.every, k - 1)):
            due, result = _counted(inst.start, summed, ctx)
            basis = f"{letter} + {summed}; {inst.basis}"
        elif rule.first is None:
            total = _times(rule.every, k - 1)
            due, result = _counted(inst.start, total, ctx)
            basis = f"{letter} + {total}; {inst.basis}"
        else:  # mixed units: from the previous due date
            due, result = _counted(drafts[-1].due, rule.every, ctx)
            basis = f"{rule.every} after the previous due date"
        if due > ctx.until or due >= stop:
            break
        drafts.append(Draft(due, inst.label, basis, False, result, inst.notes))
    return drafts


def rule_drafts(rule: ObligationRule, ctx: Context, filings: Mapping[int, Filing]) -> list[Draft]:
    drafts: list[Draft] = []
    for index, inst in enumerate(_instances(rule, ctx)):
        if rule.dates:
            found = _fixed_dates(rule, inst, ctx)
        elif rule.period_ends:
            fixed = _reporting_periods(rule, inst, ctx, all_until=ctx.until, limit=MAX_OCCURRENCES)
            # The first fixed report due, even beyond the window, ends the rolling ones.
            first_fixed = fixed or _reporting_periods(
                rule, inst, ctx, all_until=date(9000, 1, 1), limit=1
            )
            stop = first_fixed[0].due if first_fixed else date.max
            rolling = _chain(rule, inst, ctx, filings, stop) if rule.anchor != "fixed" else []
            found = [*rolling, *(d for d in fixed if d.due <= ctx.until)]
        else:
            found = _chain(rule, inst, ctx, filings, date.max)
        for position, draft in enumerate(found):
            draft.order = (index, position)
        drafts.extend(found)
    return drafts
