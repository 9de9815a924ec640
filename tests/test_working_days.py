"""`working_days_between` counts arithmetically; it must agree with counting day by day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from dsactl.law.calendars import get_calendar, working_days_between

CAL = get_calendar("eu-commission")


def _day_by_day(after: date, up_to: date) -> int:
    if up_to < after:
        return -_day_by_day(up_to, after)
    span = (up_to - after).days
    return sum(CAL.is_working_day(after + timedelta(days=i)) for i in range(1, span + 1))


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=date(2021, 1, 1), max_value=date(2029, 12, 31)),
    st.integers(min_value=-800, max_value=800),
)
def test_arithmetic_count_matches_day_by_day(after: date, offset: int) -> None:
    up_to = after + timedelta(days=offset)
    assert working_days_between(CAL, after, up_to) == _day_by_day(after, up_to)


def test_worked_examples() -> None:
    # Fri 15 Mar 2024 -> Fri 5 Apr 2024: the 15 weekdays 18-22 Mar, 25-29 Mar, 1-5 Apr, less
    # Maundy Thursday 28 Mar, Good Friday 29 Mar and Easter Monday 1 Apr (OJ C 440, 2022) = 12.
    assert working_days_between(CAL, date(2024, 3, 15), date(2024, 4, 5)) == 12
    # Backwards: overdue by the same span gives -12.
    assert working_days_between(CAL, date(2024, 4, 5), date(2024, 3, 15)) == -12
    # Same day: nothing after as-of up to due.
    assert working_days_between(CAL, date(2024, 4, 5), date(2024, 4, 5)) == 0
