"""The period engine: when a period counted from an event ends, under Regulation 1182/71.

Art. 3(1)    the day of the event does not count;
Art. 3(2)(b) a period in days ends at the end of its last day;
Art. 3(2)(c) a period in weeks, months or years ends on the day of the last week, month or
             year with the same weekday or date as the event, or on the last day of a month
             that has no such date;
Art. 3(3)    holidays and weekends count, unless the period is in working days;
Art. 3(4)    a period ending on a public holiday, Saturday or Sunday runs to the end of the
             following working day;
Art. 3(5)    a period of two days or more includes at least two working days;
Art. 2       public holidays are those of the calendar given (the institution's or a State's).

Every decision becomes a ``Step`` so the result explains itself. A result that looked at a
day whose status is only projected (a year without a published Commission decision) is
marked ``projected``.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime, time, timedelta
from typing import Literal
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from msgspec import Struct, field

from dsactl.errors import UsageError
from dsactl.law.calendars import Calendar, Projection
from dsactl.law.dates import BRUSSELS, human

Unit = Literal["days", "weeks", "months", "years", "working-days"]
UNITS: tuple[Unit, ...] = ("days", "weeks", "months", "years", "working-days")

# Nobody counts a reply period in centuries; the limits also keep every loop short.
MAX_COUNT: dict[Unit, int] = {
    "days": 36_525,
    "weeks": 5_218,
    "months": 1_200,
    "years": 100,
    "working-days": 26_000,
}
ACCEPTED = (
    "write a count and a unit: '10 days' (10d), '2 weeks' (2w), '1 month' (1m), "
    "'1 year' (1y) or '10 working days' (10wd); the count is a whole number from 1, "
    "in digits or a word from one to twelve"
)
_UNIT_WORDS: dict[str, Unit] = {
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "week", "weeks"), "weeks"),
    **dict.fromkeys(("m", "month", "months"), "months"),
    **dict.fromkeys(("y", "year", "years"), "years"),
    **dict.fromkeys(
        ("wd", "working day", "working days", "working-day", "working-days"), "working-days"
    ),
}
_HOURS = frozenset(("h", "hr", "hrs", "hour", "hours"))
_NUMBER_WORDS: tuple[str, ...] = ("one", "two", "three", "four", "five", "six")
_NUMBER_WORDS += ("seven", "eight", "nine", "ten", "eleven", "twelve")
_SHAPE = re.compile(r"(?P<count>[+-]?[0-9]+|[a-z]+)\s*(?P<unit>[a-z][a-z -]*)?", re.ASCII)
#: Art. 3(5): how far the check walks once it has found two working days (see ``art_3_5``).
_ART_3_5_WALK = 31
_MONTH_NAMES: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July")
_MONTH_NAMES += ("August", "September", "October", "November", "December")


class Period(Struct, frozen=True):
    count: int
    unit: Unit

    def __str__(self) -> str:
        noun = "working day" if self.unit == "working-days" else self.unit[:-1]
        return f"{self.count} {noun}{'' if self.count == 1 else 's'}"


class Step(Struct, frozen=True):
    date: date
    rule: str
    reason: str


class PeriodResult(Struct, frozen=True):
    start: date
    period: Period
    calendar: str
    end: date
    deadline: datetime
    projected: bool
    steps: list[Step] = field(default_factory=list)
    #: The projected parts of the calendar the end date depends on (empty when none).
    projections: tuple[Projection, ...] = ()


def parse_period(text: str) -> Period:
    """``"10 days"``, ``"2w"``, ``"1 month"``, ``"10 working days"``, ``"two weeks"`` …"""
    cleaned = " ".join(text.lower().split())
    match = _SHAPE.fullmatch(cleaned)
    if not cleaned or match is None:
        raise UsageError(f"cannot read the period {text!r}", hint=ACCEPTED)
    raw_count, raw_unit = match["count"], (match["unit"] or "").strip()
    if raw_count in _NUMBER_WORDS:
        count = _NUMBER_WORDS.index(raw_count) + 1
    elif raw_count.lstrip("+-").isascii() and raw_count.lstrip("+-").isdigit():
        # Past nine digits a count is over every limit: never convert thousands of digits.
        digits = raw_count.lstrip("+-").lstrip("0")
        sign = -1 if raw_count.startswith("-") else 1
        count = int(raw_count) if len(digits) <= 9 else sign * 10**9
    else:
        raise UsageError(f"cannot read the period {text!r}", hint=ACCEPTED)
    if raw_unit in _HOURS:
        raise UsageError(f"{text!r}: periods in hours are not supported", hint=ACCEPTED)
    if raw_unit in ("business day", "business days", "bd"):
        raise UsageError(f"{text!r}: say 'working days', not {raw_unit!r}", hint=ACCEPTED)
    unit = _UNIT_WORDS.get(raw_unit)
    if unit is None:
        shown = f"unknown unit {raw_unit!r}" if raw_unit else "no unit"
        raise UsageError(f"{text!r}: {shown}", hint=ACCEPTED)
    if count < 1:
        raise UsageError(f"{text!r}: a period must be at least 1", hint=ACCEPTED)
    if count > MAX_COUNT[unit]:
        raise UsageError(
            f"{text!r}: periods longer than 100 years are not supported",
            hint=f"at most {MAX_COUNT[unit]} {unit.replace('-', ' ')}",
        )
    return Period(count, unit)


# Results already computed, per calendar. A docket often has many requests sent on one day
# with one period (a batch of requests for information), and each computation walks the days
# one by one. A result is never changed once made, so one object serves them all.
_COMPUTED: WeakKeyDictionary[Calendar, dict[tuple[date, Period], PeriodResult]]
_COMPUTED = WeakKeyDictionary()


def compute_deadline(start: date, period: Period, calendar: Calendar) -> PeriodResult:
    """The last day of ``period`` counted from the event on ``start``, step by step."""
    known = _COMPUTED.setdefault(calendar, {})
    result = known.get((start, period))
    if result is None:
        result = known[start, period] = _compute(start, period, calendar)
    return result


def _compute(start: date, period: Period, calendar: Calendar) -> PeriodResult:
    engine = _Engine(start, period, calendar)
    try:
        end = engine.run()
    except OverflowError:
        raise UsageError(
            f"{period} from {start.isoformat()} ends after the year 9999",
            hint="check the start date",
        ) from None
    projected = bool(engine.projected_days)
    projections: list[Projection] = []
    if projected:
        parts = []
        for year in sorted({d.year for d in engine.projected_days}):
            until = calendar.published_until(year)
            projections.append(Projection(calendar.name, year, until))
            parts.append(f"{year} after {human(until)}" if until is not None else str(year))
        engine.step(
            end,
            "Art. 2",
            f"the {calendar.name} public holidays of {' and '.join(parts)} are projected from "
            "the usual pattern, not read from a published decision: check this end date "
            "against the decision once it is published (projected)",
        )
    deadline = datetime.combine(end, time(23, 59, 59), tzinfo=ZoneInfo(BRUSSELS))
    return PeriodResult(
        start, period, calendar.name, end, deadline, projected, engine.steps, tuple(projections)
    )


def compute_application_date(start: date, period: Period, calendar: Calendar) -> PeriodResult:
    """The day a provision starts to apply, ``period`` after the event on ``start``.

    Art. 4(1) of Regulation 1182/71: Art. 3 applies to the dates of application of acts and
    of their provisions, except paragraphs 4 and 5, so such a date is counted as a period
    (Art. 3(1)-(3)) but never moved to a working day. ``calendar`` is named in the result
    only. Example: DSA Art. 33(6), obligations apply four months after the notification of
    the designation (notified 25 April 2023 -> 25 August 2023).
    """
    if period.unit == "working-days":
        raise UsageError("a date of application is not counted in working days")
    engine = _Engine(start, period, calendar)
    engine.step(start, "Art. 3(1)", f"{human(start)} is the day of the event and does not count")
    try:
        end = engine.raw_end()
    except OverflowError:
        raise UsageError(
            f"{period} from {start.isoformat()} ends after the year 9999",
            hint="check the start date",
        ) from None
    engine.step(
        end,
        "Art. 4(1)",
        f"a date of application is not moved to a working day (Art. 3(4) and 3(5) do not "
        f"apply): {human(end)}",
    )
    deadline = datetime.combine(end, time(0, 0), tzinfo=ZoneInfo(BRUSSELS))
    return PeriodResult(start, period, calendar.name, end, deadline, False, engine.steps)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st …"""
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}th" if n % 100 in (11, 12, 13) else f"{n}{suffix}"


class _Engine:
    """One computation: the rules in order, the steps they produce, the projected days used."""

    def __init__(self, start: date, period: Period, calendar: Calendar) -> None:
        self.start = start
        self.period = period
        self.calendar = calendar
        self.steps: list[Step] = []
        self.projected_days: set[date] = set()

    def step(self, day: date, rule: str, reason: str) -> None:
        self.steps.append(Step(day, rule, reason))

    def working(self, day: date) -> bool:
        """Whether ``day`` is a working day, remembering it if that is only projected."""
        if self.calendar.is_projected(day):
            self.projected_days.add(day)
        return self.calendar.is_working_day(day)

    def mark(self, day: date) -> str:
        """`` (projected)`` after a day whose status is projected."""
        return " (projected)" if self.calendar.is_projected(day) else ""

    def run(self) -> date:
        start, period = self.start, self.period
        self.step(start, "Art. 3(1)", f"{human(start)} is the day of the event and does not count")
        if period.unit == "working-days":
            return self.working_days()
        end = self.raw_end()
        end = self.art_3_4(end)
        if not (period.unit == "days" and period.count == 1):
            end = self.art_3_5(end)
        return end

    def raw_end(self) -> date:
        start, period = self.start, self.period
        verb = "ends" if period.count == 1 else "end"
        if period.unit == "days":
            end = start + timedelta(days=period.count)
            self.step(end, "Art. 3(2)(b)", f"{period} from {human(start)} {verb} on {human(end)}")
            return end
        if period.unit == "weeks":
            end = start + timedelta(weeks=period.count)
            self.step(
                end,
                "Art. 3(2)(c)",
                f"{period} from {human(start)} {verb} on {human(end)}, "
                "the same weekday in the last week",
            )
            return end
        months = period.count * (12 if period.unit == "years" else 1)
        year, month0 = divmod(start.year * 12 + start.month - 1 + months, 12)
        if year > 9999:
            raise OverflowError
        month = month0 + 1
        last = monthrange(year, month)[1]
        end = date(year, month, min(start.day, last))
        span = "year" if period.unit == "years" else "month"
        if start.day <= last:
            self.step(
                end,
                "Art. 3(2)(c)",
                f"{period} from {human(start)} {verb} on {human(end)}, "
                f"the same date in the last {span}",
            )
            return end
        month_name = f"{_MONTH_NAMES[month - 1]} {year}"
        self.step(
            end,
            "Art. 3(2)(c)",
            f"{period} from {human(start)} {verb} on the same date in the last {span}, "
            f"{month_name}",
        )
        self.step(
            end,
            "Art. 3(2)(c)",
            f"{start.day} {month_name[:3]} {year} does not exist in {month_name} → the last day "
            f"of that month, {human(end)}",
        )
        return end

    def why_not_working(self, day: date) -> str:
        holiday = self.calendar.holiday(day)
        parts = []
        if day.weekday() >= 5:
            parts.append("a Saturday" if day.weekday() == 5 else "a Sunday")
        if holiday is not None:
            parts.append(f"a public holiday ({holiday.name})" + self.mark(day))
        return f"{human(day)} is " + " and ".join(parts)

    def art_3_4(self, end: date) -> date:
        """Art. 3(4): a last day that is not a working day moves to the next working day."""
        skipped = []
        while not self.working(end):
            skipped.append(self.why_not_working(end))
            end += timedelta(days=1)
        if skipped:
            self.step(
                end,
                "Art. 3(4)",
                f"{', '.join(skipped)} → next working day {human(end)}{self.mark(end)}",
            )
        return end

    def art_3_5(self, end: date) -> date:
        """Art. 3(5): at least two working days between the event (excluded) and the end."""
        working: list[date] = []
        certain = 0
        seen_projected: list[date] = []
        holidays: list[str] = []
        day = self.start + timedelta(days=1)
        # Two working days decide the rule; walking on only tells whether that rests on
        # projected days. A month is enough to say: past it, a long period in projected
        # years (a yearly obligation counted over decades) is not walked day by day.
        span = (end - self.start).days
        last_walked = end if span <= _ART_3_5_WALK else self.start + timedelta(_ART_3_5_WALK)
        while day <= end and certain < 2 and (day <= last_walked or len(working) < 2):
            projected = self.calendar.is_projected(day)
            if projected:
                seen_projected.append(day)
            if self.calendar.is_working_day(day):
                working.append(day)
                certain += not projected
            elif day.weekday() < 5:
                holidays.append(self.why_not_working(day))
            day += timedelta(days=1)
        if certain < 2:
            # Whether the rule applies depends on days whose status is projected.
            self.projected_days.update(seen_projected)
        if len(working) >= 2:
            return end
        new_end = end + timedelta(days=1)
        while not self.working(new_end):
            new_end += timedelta(days=1)
        found = f"only 1 working day ({human(working[0])})" if working else "no working day"
        closed = f"; {'; '.join(holidays)}" if holidays else ""
        self.step(
            new_end,
            "Art. 3(5)",
            f"a period of two days or more includes at least two working days, but from "
            f"{human(self.start + timedelta(days=1))} to {human(end)} there is "
            f"{found}{closed} → the 2nd working day after "
            f"{human(self.start)} is {human(new_end)}{self.mark(new_end)}",
        )
        return new_end

    def working_days(self) -> date:
        """A period in working days: the N-th working day after the event (Art. 3(3))."""
        start, period = self.start, self.period
        day, counted, weekend = start, 0, 0
        holidays: list[str] = []
        while counted < period.count:
            day += timedelta(days=1)
            if self.working(day):
                counted += 1
            elif day.weekday() >= 5:
                weekend += 1
            else:
                holiday = self.calendar.holiday(day)
                name = holiday.name if holiday is not None else "public holiday"
                holidays.append(f"{human(day)} ({name}){self.mark(day)}")
        verb = "ends" if period.count == 1 else "end"
        reason = (
            f"{period} from {human(start)} {verb} on {human(day)}, the "
            f"{ordinal(period.count)} working day (public holidays, Saturdays and Sundays do "
            "not count)"
        )
        if holidays:
            reason += f"; public holidays not counted: {', '.join(holidays)}"
        if weekend:
            reason += f"; {weekend} weekend day{'s' if weekend > 1 else ''} not counted"
        self.step(day, "Art. 3(3)", reason)
        return day
