"""Small date helpers shared by the core: today in Brussels, strict parsing, month arithmetic."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime

from dsactl.errors import InputError

BRUSSELS = "Europe/Brussels"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def today_brussels() -> date:
    """Today's date in Europe/Brussels, where Commission deadlines run."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(BRUSSELS)).date()


def parse_date(text: str, *, option: str = "date") -> date:
    """A strict ``YYYY-MM-DD`` date given to dsactl, or an InputError naming ``option``."""
    value = text.strip()
    if not _ISO_DATE.fullmatch(value):
        raise InputError(
            f"{text!r} is not a date", input=option, hint="write it as YYYY-MM-DD, e.g. 2024-03-15"
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{text!r} is not a real day", input=option, hint=_real_day_hint(value)
        ) from None


def _real_day_hint(value: str) -> str:
    """What a real day of ``value``'s month would be: its month's length, or the months."""
    year, month = int(value[:4]), int(value[5:7])
    if not 1 <= month <= 12:
        return "months run from 01 to 12"
    if year < 1:
        return "years run from 0001 to 9999"
    return f"{year:04d}-{month:02d} has {monthrange(year, month)[1]} days"


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, for comparing financial year ends.

    Clamped to the last day of the month (31 Jan + 1 = 29 Feb 2024), and a last day of a month
    stays one (28 Feb 2023 + 12 = 29 Feb 2024: a year ending on the last day of February ends
    on the 29th in a leap year). Past the last representable day it stays at 9999-12-31.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    last = monthrange(year, month + 1)[1]
    at_month_end = day.day == monthrange(day.year, day.month)[1]
    return date(year, month + 1, last if at_month_end else min(day.day, last))


def human(day: date) -> str:
    """``Thu 14 Mar 2024``, independent of the locale."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"
