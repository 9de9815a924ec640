"""Calendar files: their format as data, their rules, and reading one.

A calendar file (a ``[calendar]`` table and ``[[days]]``) replaces one year of a holiday
calendar (``dsactl.law.calendars``). It is declared like the case file (``spec``) and checked
by the same validator, so a broken one reports every problem with its line, column and key,
under the code E502.
"""

from __future__ import annotations

from pathlib import Path

from dsactl.casefile.declare import Field, FileFormat, Section
from dsactl.casefile.lawfiles import check_file, load_file
from dsactl.casefile.reader import LoadedFile
from dsactl.casefile.validator import Checked, suggest
from dsactl.law.calendars import (
    CALENDAR_EXAMPLES,
    COMMISSION_CALENDARS,
    FIRST_YEAR,
    LAST_YEAR,
    UserCalendarYear,
    normalise_name,
)

__all__ = ["CALENDAR_FILE", "check_calendar_file", "load_calendar_file"]


CALENDAR_FILE = FileFormat(
    "calendar file",
    (),
    (
        Section(
            "calendar",
            "Which calendar and year the file replaces, and where its days come from.",
            (
                Field("name", "string", f"The calendar: {CALENDAR_EXAMPLES}.", required=True),
                Field(
                    "year",
                    "int",
                    "The calendar year.",
                    required=True,
                    minimum=FIRST_YEAR,
                    maximum=LAST_YEAR,
                ),
                Field(
                    "source", "string", "The decision or law that lists the days.", required=True
                ),
            ),
            many=False,
            required=True,
        ),
        Section(
            "days",
            "Every public holiday of the year, one table each.",
            (
                Field("date", "date", "The day, in `year`.", required=True),
                Field("name", "string", "Its name.", required=True),
            ),
            many=True,
            required=True,
            unique="date",
        ),
    ),
    code="E502",
)


def _calendar_rules(checked: Checked) -> None:
    v, heads = checked.validator, checked.rows["calendar"]
    head = heads[0][1] if heads else {}
    name, year = head.get("name"), head.get("year")
    if name is not None and normalise_name(name) is None:
        v.report(
            ("calendar", "name"),
            "E502",
            f"unknown calendar `{name}`{suggest(name, list(COMMISSION_CALENDARS))}; use "
            f"{CALENDAR_EXAMPLES}",
        )
    for key, values in checked.rows["days"]:
        day = values.get("date")
        if year is not None and day is not None and day.year != year:
            v.report((*key, "date"), "E502", f"{day.isoformat()} is not in {year} (calendar.year)")


def _calendar(loaded: LoadedFile, checked: Checked) -> UserCalendarYear:
    head = checked.rows["calendar"][0][1]
    days = sorted((values["date"], values["name"]) for _, values in checked.rows["days"])
    name = normalise_name(head["name"])
    assert name is not None
    return UserCalendarYear(name, head["year"], head["source"], tuple(days), loaded.display)


def check_calendar_file(loaded: LoadedFile) -> UserCalendarYear | None:
    """Check a parsed calendar file, adding every problem to its findings; its year of
    holidays when there is no error."""
    return check_file(loaded, CALENDAR_FILE, _calendar_rules, _calendar)


def load_calendar_file(path: str | Path) -> UserCalendarYear:
    """Load one calendar file (one year of one calendar), raising ``DataError`` on any fault."""
    return load_file(Path(path), CALENDAR_FILE, _calendar_rules, _calendar)
