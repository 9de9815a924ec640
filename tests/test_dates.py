"""``add_months``: the month arithmetic behind the preceding-financial-year checks."""

from __future__ import annotations

from datetime import date

import pytest

from dsactl.law.dates import add_months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        # Plain months.
        (date(2023, 12, 31), 12, date(2024, 12, 31)),
        (date(2023, 6, 30), 24, date(2025, 6, 30)),
        (date(2024, 3, 15), 1, date(2024, 4, 15)),
        # Clamped to the month's end: 31 Jan + 1 month in a leap year is 29 Feb.
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        # A year ending on the last day of February ends on the 29th in a leap year,
        # and on the 28th after it.
        (date(2023, 2, 28), 12, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        # The 28th of a 30-day month is not a month end: it stays the 28th.
        (date(2023, 4, 28), 12, date(2024, 4, 28)),
        # Past the last representable day: saturated, so comparisons still work.
        (date(9999, 1, 1), 24, date.max),
        (date(9999, 12, 31), 12, date.max),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected
