"""Properties of the period engine over random events (2020-2030) and periods.

300 examples per property keep the run quick; ``DSACTL_PROPERTY_EXAMPLES=5000`` runs more.
The settings are per test, so other test modules' Hypothesis profiles are left alone.
"""

from __future__ import annotations

import calendar as cal_module
import os
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from dsactl.law.calendars import Calendar, get_calendar, working_days_between
from dsactl.law.periods import MAX_COUNT, Period, Unit, compute_deadline

PROPERTY = settings(
    max_examples=int(os.environ.get("DSACTL_PROPERTY_EXAMPLES", "300")), deadline=None
)

CALENDARS = [get_calendar("eu-commission"), get_calendar("eu-commission-lu"), get_calendar("BE")]
LIMITS: dict[Unit, int] = {"days": 400, "weeks": 60, "months": 36, "years": 5, "working-days": 260}

starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
calendars = st.sampled_from(CALENDARS)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    unit: Unit = draw(st.sampled_from(list(LIMITS)))
    return Period(draw(st.integers(min_value=1, max_value=LIMITS[unit])), unit)


def raw_end(start: date, period: Period) -> date:
    """Independent arithmetic for the raw end (before Art. 3(4) and 3(5))."""
    if period.unit in ("days", "working-days"):
        return start + timedelta(days=period.count)
    if period.unit == "weeks":
        return start + timedelta(days=7 * period.count)
    months = period.count * (12 if period.unit == "years" else 1)
    year = start.year + (start.month - 1 + months) // 12
    month = (start.month - 1 + months) % 12 + 1
    return date(year, month, min(start.day, cal_module.monthrange(year, month)[1]))


def is_one_day(period: Period) -> bool:
    return period.count == 1 and period.unit in ("days", "working-days")


@PROPERTY
@given(starts, periods(), calendars)
def test_end_is_a_working_day_on_or_after_the_raw_end(
    start: date, period: Period, calendar: Calendar
) -> None:
    result = compute_deadline(start, period, calendar)
    assert result.end >= raw_end(start, period)
    assert calendar.is_working_day(result.end)
    assert result.deadline.date() == result.end
    assert result.deadline.utcoffset() in (timedelta(hours=1), timedelta(hours=2))


@PROPERTY
@given(starts, periods(), calendars)
def test_two_days_or_more_include_two_working_days(
    start: date, period: Period, calendar: Calendar
) -> None:
    result = compute_deadline(start, period, calendar)
    if not is_one_day(period):
        assert working_days_between(calendar, start, result.end) >= 2


@PROPERTY
@given(starts, st.integers(min_value=1, max_value=LIMITS["working-days"]), calendars)
def test_working_day_periods_count_exactly(start: date, count: int, calendar: Calendar) -> None:
    result = compute_deadline(start, Period(count, "working-days"), calendar)
    assert working_days_between(calendar, start, result.end) == count


@PROPERTY
@given(starts, periods(), calendars)
def test_calendar_periods_end_at_the_first_allowed_working_day(
    start: date, period: Period, calendar: Calendar
) -> None:
    """Not only late enough, but never later than Art. 3(4) and 3(5) require."""
    if period.unit == "working-days":
        return
    result = compute_deadline(start, period, calendar)
    first = raw_end(start, period)
    while not calendar.is_working_day(first):
        first += timedelta(days=1)
    if is_one_day(period) or working_days_between(calendar, start, first) >= 2:
        assert result.end == first
    else:
        assert working_days_between(calendar, start, result.end) == 2
        assert result.end > first


@PROPERTY
@given(starts, periods(), calendars)
def test_one_more_never_ends_earlier(start: date, period: Period, calendar: Calendar) -> None:
    longer = Period(min(period.count + 1, MAX_COUNT[period.unit]), period.unit)
    assert (
        compute_deadline(start, longer, calendar).end
        >= compute_deadline(start, period, calendar).end
    )


@PROPERTY
@given(starts, periods(), calendars)
def test_projected_flag(start: date, period: Period, calendar: Calendar) -> None:
    """National calendars never project; a result ending in a projected Commission year does."""
    result = compute_deadline(start, period, calendar)
    if calendar.name == "BE":
        assert not result.projected
    elif calendar.year_status(result.end.year) == "projected":
        assert result.projected
    assert result.projected is any("(projected)" in s.reason for s in result.steps)
