"""Holiday calendars: which days are public holidays under Art. 2 of Regulation 1182/71.

Three kinds of calendar:

- ``eu-commission`` (Brussels staff, the default) and ``eu-commission-lu`` (Luxembourg staff):
  the Commission's own holidays, read from ``data/calendars/eu-commission.toml`` for the years
  a published decision was read, and projected from the usual pattern for every other year
  (or the unread part of a year). A projected day says so (``Holiday.projected``).
- national calendars: any ISO 3166 alpha-2 code (``BE``, ``IE``, optionally with a
  subdivision, ``DE-BY``), from the ``holidays`` package, imported only when used.
- user calendar years: a TOML file (read and checked by ``dsactl.casefile.lawfiles``) that
  replaces one year of one of the calendars above and counts as published.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import cache
from typing import Literal

from msgspec import Struct

from dsactl.errors import DataError, UsageError, did_you_mean
from dsactl.law.dates import human
from dsactl.packaged import read_data

YearStatus = Literal["published", "partial", "projected"]
Staff = Literal["brussels", "luxembourg"]

DEFAULT_CALENDAR = "eu-commission"
COMMISSION_CALENDARS: dict[str, Staff] = {
    "eu-commission": "brussels",
    "eu-commission-lu": "luxembourg",
}
PROJECTED_SOURCE = "projected from the usual pattern"
CALENDAR_EXAMPLES = (
    "eu-commission (default), eu-commission-lu, or an ISO 3166 country code "
    "such as BE, IE, LU, NL, DE, FR (a subdivision as DE-BY)"
)
_COUNTRY = re.compile(r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?")
_DATA_FILE = "eu-commission.toml"
# dateutil's Western Easter is defined for these years only.
FIRST_YEAR, LAST_YEAR = 1583, 4099


class Holiday(Struct, frozen=True):
    """One public holiday: its day, its name and where that comes from."""

    date: date
    name: str
    source: str
    projected: bool = False


class UserCalendarYear(Struct, frozen=True):
    """One year of holidays from a user's calendar file; replaces that year of ``name``."""

    name: str
    year: int
    source: str
    days: tuple[tuple[date, str], ...]
    path: str = ""


class _Year(Struct, frozen=True):
    status: YearStatus
    days: dict[date, Holiday]
    # Partial years: the last day a decision covers; later days are projected.
    published_until: date | None = None


class Calendar:
    """A holiday calendar built year by year, on first use of each year."""

    def __init__(
        self,
        name: str,
        build: Callable[[int], _Year],
        user_years: dict[int, UserCalendarYear] | None = None,
    ) -> None:
        self.name = name
        self._build = build
        self._user = dict(user_years or {})
        self._years: dict[int, _Year] = {}

    def _year(self, year: int) -> _Year:
        found = self._years.get(year)
        if found is None:
            user = self._user.get(year)
            if user is not None:
                days = {d: Holiday(d, name, user.source) for d, name in user.days}
                found = _Year("published", days)
            else:
                found = self._build(year)
            self._years[year] = found
        return found

    def holiday(self, d: date) -> Holiday | None:
        """The holiday on ``d``, or None."""
        return self._year(d.year).days.get(d)

    def is_working_day(self, d: date) -> bool:
        """Art. 2: every day other than a public holiday, a Saturday or a Sunday."""
        return d.weekday() < 5 and d not in self._year(d.year).days

    def is_projected(self, d: date) -> bool:
        """Whether the status of weekday ``d`` comes from a projection, not a published list.

        Saturdays and Sundays are never working days, so their status is never projected.
        """
        if d.weekday() >= 5:
            return False
        year = self._year(d.year)
        until = year.published_until
        return year.status == "projected" or (until is not None and d > until)

    def year_status(self, year: int) -> YearStatus:
        return self._year(year).status

    def published_until(self, year: int) -> date | None:
        """For a partial year, the last day a published decision covers; else None."""
        return self._year(year).published_until

    def holidays_in(self, year: int) -> list[Holiday]:
        return sorted(self._year(year).days.values(), key=lambda h: h.date)


class Projection(Struct, frozen=True, order=True):
    """A part of a calendar year whose holidays are projected, not read from a decision:
    the whole ``year``, or its days after ``after`` (a partly published year)."""

    calendar: str
    year: int
    after: date | None = None

    def __str__(self) -> str:
        if self.after is None:
            return f"{self.calendar} {self.year}"
        return f"{self.calendar} {self.year} after {human(self.after)}"


def projections_between(calendar: Calendar, after: date, up_to: date) -> tuple[Projection, ...]:
    """The projected parts of ``calendar`` that weekdays d with ``after < d <= up_to`` (either
    order) fall in: what a count of working days over that span depends on."""
    first, last = min(after, up_to), max(after, up_to)
    if first == last:
        return ()
    found = []
    for year in range(first.year, last.year + 1):
        status = calendar.year_status(year)
        if status == "published":
            continue
        until = calendar.published_until(year)
        start = max(first, until) if until is not None else first
        end = min(last, date(year, 12, 31))
        day = max(start, date(year, 1, 1) - timedelta(days=1)) + timedelta(days=1)
        while day <= end and day.weekday() >= 5:
            day += timedelta(days=1)
        if day <= end:
            found.append(Projection(calendar.name, year, until))
    return tuple(found)


def working_days_between(calendar: Calendar, after: date, up_to: date) -> int:
    """Working days d with ``after < d <= up_to``; negative when ``up_to`` is before ``after``.

    Counted arithmetically (whole weeks, then the weekday holidays of each year touched), so a
    span of years costs no more than a span of days.
    """
    if up_to < after:
        return -working_days_between(calendar, up_to, after)
    span = (up_to - after).days
    weeks, rest = divmod(span, 7)
    first = after.weekday() + 1  # weekday index of after + 1 day, counted mod 7
    weekdays = weeks * 5 + sum(1 for i in range(rest) if (first + i) % 7 < 5)
    holidays = sum(
        1
        for year in range(after.year, up_to.year + 1)
        for day in calendar._year(year).days
        if after < day <= up_to and day.weekday() < 5
    )
    return weekdays - holidays


def get_calendar(
    name: str = DEFAULT_CALENDAR, user_years: Sequence[UserCalendarYear] = ()
) -> Calendar:
    """The calendar called ``name``, with the user years whose calendar is ``name`` applied.

    User years for other calendars are ignored, so a caller may pass all it loaded.
    """
    key = normalise_name(name)
    if key is None:
        guess = did_you_mean(name, list(COMMISSION_CALENDARS))
        raise UsageError(f"unknown calendar {name!r}{guess}", hint=f"use {CALENDAR_EXAMPLES}")
    overrides: dict[int, UserCalendarYear] = {}
    for user in user_years:
        if normalise_name(user.name) != key:
            continue
        if user.year in overrides:
            first = overrides[user.year].path or "a calendar file"
            raise DataError(
                f"calendar {key} {user.year} is also defined in {first}",
                path=user.path or None,
                key="calendar.year",
                hint="keep one file per calendar and year",
            )
        overrides[user.year] = user
    if key in COMMISSION_CALENDARS:
        staff = COMMISSION_CALENDARS[key]
        return Calendar(key, lambda year: _commission_year(year, staff), overrides)
    return Calendar(key, _national_builder(key), overrides)


def normalise_name(name: str) -> str | None:
    """``eu-commission``, ``eu-commission-lu`` or an upper-case country code; None if neither."""
    text = name.strip()
    if text.lower() in COMMISSION_CALENDARS:
        return text.lower()
    if _COUNTRY.fullmatch(text.upper()):
        return text.upper()
    return None


# --- the Commission's calendar --------------------------------------------------------------
def project_year(year: int, staff: Staff = "brussels") -> list[Holiday]:
    """The usual pattern of Commission holidays in ``year``, weekend days left out.

    1-2 Jan; Maundy Thursday, Good Friday, Easter Monday; 1 May; 9 May; Ascension Thursday
    and the Friday after; Whit Monday; 21 Jul (Brussels) or 23 Jun (Luxembourg); 15 Aug;
    1-2 Nov; 24-31 Dec. Two names falling on one day (9 May 2024 was also Ascension Day)
    make one holiday.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(
            f"cannot project Commission holidays for {year}",
            hint=f"projections cover {FIRST_YEAR}-{LAST_YEAR}",
        )
    from dateutil.easter import easter

    sunday = easter(year)

    def easter_plus(days: int) -> date:  # days after Easter Sunday
        return sunday + timedelta(days=days)

    national = (
        (date(year, 7, 21), "Belgian National Day")
        if staff == "brussels"
        else (date(year, 6, 23), "Luxembourg National Day")
    )
    named = [
        (date(year, 1, 1), "New Year's Day"),
        (date(year, 1, 2), "Day after New Year's Day"),
        (easter_plus(-3), "Maundy Thursday"),
        (easter_plus(-2), "Good Friday"),
        (easter_plus(1), "Easter Monday"),
        (date(year, 5, 1), "Labour Day"),
        (date(year, 5, 9), "Anniversary of the Schuman Declaration"),
        (easter_plus(39), "Ascension Day"),
        (easter_plus(40), "Day after Ascension Day"),
        (easter_plus(50), "Whit Monday"),
        national,
        (date(year, 8, 15), "Assumption"),
        (date(year, 11, 1), "All Saints' Day"),
        (date(year, 11, 2), "All Souls' Day"),
        (date(year, 12, 24), "Christmas Eve"),
        (date(year, 12, 25), "Christmas Day"),
        (date(year, 12, 26), "Day after Christmas Day"),
        *((date(year, 12, day), "End-of-year holiday") for day in range(27, 32)),
    ]
    names: dict[date, list[str]] = {}
    for day, name in named:
        if day.weekday() < 5:
            names.setdefault(day, []).append(name)
    return [
        Holiday(day, " and ".join(names[day]), PROJECTED_SOURCE, projected=True)
        for day in sorted(names)
    ]


# status, published_until, and (date, name, source, staff or None) of each day
_Published = tuple[YearStatus, date | None, list[tuple[date, str, str, Staff | None]]]


def _commission_year(year: int, staff: Staff) -> _Year:
    published = _published_years().get(year)
    if published is None:
        return _Year("projected", {h.date: h for h in project_year(year, staff)})
    status, until, listed = published
    days = {
        d: Holiday(d, name, source) for d, name, source, only in listed if only in (None, staff)
    }
    if until is not None:
        for projected in project_year(year, staff):
            if projected.date > until:
                days[projected.date] = projected
    return _Year(status, days, until)


@cache
def _published_years() -> dict[int, _Published]:
    """The decisions in the packaged data file (its shape is checked by the tests)."""
    return {
        entry["year"]: (
            entry["status"],
            entry.get("published_until"),
            [(d["date"], d["name"], d["source"], d.get("staff")) for d in entry["days"]],
        )
        for entry in read_data("calendars", _DATA_FILE)["year"]
    }


# --- national calendars ---------------------------------------------------------------------
def _national_builder(code: str) -> Callable[[int], _Year]:
    import holidays

    country, _, subdiv = code.partition("-")
    try:
        holidays.country_holidays(country, subdiv=subdiv or None, years=[])
    except NotImplementedError:
        raise UsageError(
            f"unknown calendar {code!r}: no such country or subdivision in the holidays package",
            hint=f"use {CALENDAR_EXAMPLES}",
        ) from None
    version = str(getattr(holidays, "__version__", "(unknown version)"))
    source = f"holidays package {version}, {_country_name(country)}"
    if subdiv:
        source += f" ({subdiv})"

    def build(year: int) -> _Year:
        table = holidays.country_holidays(country, subdiv=subdiv or None, years=year)
        days = {d: Holiday(d, name, source) for d, name in table.items() if d.year == year}
        return _Year("published", days)

    return build


def _country_name(code: str) -> str:
    """``Ireland`` for ``IE``, from the holidays registry; the code itself if not found."""
    from holidays.registry import COUNTRIES

    names = {entry[1]: module.replace("_", " ").title() for module, entry in COUNTRIES.items()}
    return names.get(code, code).replace(" And ", " and ")
