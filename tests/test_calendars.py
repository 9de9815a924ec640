"""Holiday calendars: the packaged Commission data, its projection, national and user calendars."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from dsactl.casefile.calendarfile import load_calendar_file
from dsactl.errors import DataError, UsageError
from dsactl.law.calendars import (
    PROJECTED_SOURCE,
    Calendar,
    UserCalendarYear,
    get_calendar,
    project_year,
    working_days_between,
)

D = date
EU = get_calendar()
EU_LU = get_calendar("eu-commission-lu")


def data() -> list[dict[str, Any]]:
    text = resources.files("dsactl").joinpath("data/calendars/eu-commission.toml").read_text()
    years: list[dict[str, Any]] = tomllib.loads(text)["year"]
    return years


def published(year: int, staff: str) -> dict[date, str]:
    (entry,) = [e for e in data() if e["year"] == year]
    return {d["date"]: d["name"] for d in entry["days"] if d.get("staff") in (None, staff)}


# --- the packaged data --------------------------------------------------------------------


def test_every_listed_day_is_a_weekday_with_name_and_source() -> None:
    for entry in data():
        assert set(entry) <= {"year", "status", "published_until", "days"}
        assert entry["status"] in ("published", "partial")
        assert ("published_until" in entry) == (entry["status"] == "partial")
        for day in entry["days"]:
            assert set(day) <= {"date", "name", "source", "staff"}
            assert day["date"].year == entry["year"]
            assert day["date"].weekday() < 5, day
            assert day["name"].strip()
            assert "OJ C" in day["source"]
            assert day.get("staff") in (None, "brussels", "luxembourg")
    for cal in (EU, EU_LU):
        for year in (2023, 2024):
            for holiday in cal.holidays_in(year):
                assert holiday.date.weekday() < 5
                assert holiday.source
                assert holiday.projected is (holiday.source == PROJECTED_SOURCE)


def test_2023_has_18_days_for_either_place() -> None:
    brussels = [h.date for h in EU.holidays_in(2023)]
    luxembourg = [h.date for h in EU_LU.holidays_in(2023)]
    assert len(brussels) == 18
    assert len(luxembourg) == 18
    assert set(brussels) - set(luxembourg) == {D(2023, 7, 21)}
    assert set(luxembourg) - set(brussels) == {D(2023, 6, 23)}
    assert [d for d in brussels if d.month == 12] == [D(2023, 12, d) for d in range(25, 30)]
    assert EU.year_status(2023) == "published"
    assert not any(h.projected for h in EU.holidays_in(2023))
    assert all("OJ C 201 I, 28.5.2021, p. 2" in h.source for h in EU.holidays_in(2023))


@pytest.mark.parametrize("staff", ["brussels", "luxembourg"])
def test_projection_reproduces_2023_exactly(staff: str) -> None:
    projection = {h.date: h.name for h in project_year(2023, staff)}  # type: ignore[arg-type]
    assert projection == published(2023, staff)


@pytest.mark.parametrize("staff", ["brussels", "luxembourg"])
def test_projection_reproduces_the_confirmed_part_of_2024(staff: str) -> None:
    # No day differs. 9 May 2024 is both the Schuman anniversary and Ascension Day: the
    # decision lists one day, and so does the projection (names joined). 23 Jun and 21 Jul 2024
    # are Sundays, so neither staff has its national day as a weekday holiday.
    projection = {
        h.date: h.name
        for h in project_year(2024, staff)  # type: ignore[arg-type]
        if h.date <= D(2024, 8, 15)
    }
    assert projection == published(2024, staff)
    assert projection[D(2024, 5, 9)] == "Anniversary of the Schuman Declaration and Ascension Day"


def test_2024_is_partial_after_15_august() -> None:
    assert EU.year_status(2024) == "partial"
    assert EU.published_until(2024) == D(2024, 8, 15)
    days = EU.holidays_in(2024)
    assert [h.date for h in days if h.projected] == [
        D(2024, 11, 1),  # 2 Nov 2024 is a Saturday
        *(D(2024, 12, d) for d in (24, 25, 26, 27, 30, 31)),
    ]
    assert all(h.source == PROJECTED_SOURCE for h in days if h.projected)
    assert len(days) == 17
    assert not EU.is_projected(D(2024, 8, 15))
    assert EU.is_projected(D(2024, 8, 16))
    assert not EU.is_projected(D(2024, 8, 17))  # a Saturday: never a working day


def test_2025_projection_matches_the_reference() -> None:
    expected = [
        *(D(2025, 1, d) for d in (1, 2)),
        *(D(2025, 4, d) for d in (17, 18, 21)),
        D(2025, 5, 1),
        D(2025, 5, 9),
        *(D(2025, 5, d) for d in (29, 30)),
        D(2025, 6, 9),
        D(2025, 7, 21),
        D(2025, 8, 15),
        # 1-2 Nov 2025 are Saturday and Sunday; 24-31 Dec weekdays: 24-26, 29-31.
        *(D(2025, 12, d) for d in (24, 25, 26, 29, 30, 31)),
    ]
    days = EU.holidays_in(2025)
    assert [h.date for h in days] == expected
    assert all(h.projected and h.source == PROJECTED_SOURCE for h in days)
    assert EU.year_status(2025) == "projected"
    assert EU.year_status(2022) == "projected"
    lu = [h.date for h in EU_LU.holidays_in(2025)]
    assert D(2025, 6, 23) in lu
    assert D(2025, 7, 21) not in lu


def test_holiday_lookup_and_working_days() -> None:
    good_friday = EU.holiday(D(2024, 3, 29))
    assert good_friday is not None
    assert good_friday.name == "Good Friday"
    assert "OJ C 440, 21.11.2022, p. 15" in good_friday.source
    assert EU.holiday(D(2024, 3, 27)) is None
    assert EU.is_working_day(D(2024, 3, 27))
    assert not EU.is_working_day(D(2024, 3, 29))
    assert not EU.is_working_day(D(2024, 3, 30))  # Saturday
    assert not EU.is_working_day(D(2024, 3, 31))  # Sunday


@pytest.mark.parametrize(
    ("after", "up_to", "count"),
    [
        (D(2024, 3, 27), D(2024, 4, 2), 1),  # 28, 29 Mar and 1 Apr holidays, 30-31 weekend
        (D(2024, 3, 25), D(2024, 4, 4), 5),  # 26, 27 Mar; 2, 3, 4 Apr
        (D(2024, 4, 4), D(2024, 3, 25), -5),
        (D(2024, 3, 27), D(2024, 3, 27), 0),
        (D(2024, 3, 8), D(2024, 3, 11), 1),  # Sat, Sun, Mon
        (D(2023, 12, 22), D(2024, 1, 5), 3),  # 3, 4, 5 Jan 2024
        (D(2024, 1, 1), D(2024, 12, 31), 366 - 104 - 17),  # 104 weekend days, 17 holidays
    ],
)
def test_working_days_between(after: date, up_to: date, count: int) -> None:
    assert working_days_between(EU, after, up_to) == count


# --- national calendars -------------------------------------------------------------------


def test_national_calendar() -> None:
    ie = get_calendar("ie")
    assert ie.name == "IE"
    patrick = ie.holiday(D(2025, 3, 17))
    assert patrick is not None
    assert patrick.name == "Saint Patrick's Day"
    assert patrick.source.startswith("holidays package ")
    assert patrick.source.endswith(", Ireland")
    assert not patrick.projected
    assert ie.year_status(2025) == "published"
    assert not ie.is_projected(D(2025, 3, 18))
    be = get_calendar("BE")
    assert be.holiday(D(2025, 7, 21)) is not None
    assert be.holiday(D(2025, 5, 9)) is None  # Schuman Day is the Commission's, not Belgium's


@pytest.mark.parametrize("name", ["XX", "eu", "EU-COMMISSION-BX", "", "Belgium", "DE-ZZ"])
def test_unknown_calendar(name: str) -> None:
    with pytest.raises(UsageError, match="unknown calendar") as caught:
        get_calendar(name)
    assert "BE, IE, LU, NL" in str(caught.value)


def test_core_imports_stay_light() -> None:
    code = (
        "import sys, datetime\n"
        "from dsactl.law.calendars import get_calendar\n"
        "import dsactl.law.periods\n"
        "cal = get_calendar()\n"
        "cal.is_working_day(datetime.date(2023, 5, 9))\n"
        "assert 'holidays' not in sys.modules\n"
        "assert 'dateutil.easter' not in sys.modules\n"
        "assert 'rich' not in sys.modules and 'typer' not in sys.modules\n"
        "cal.is_working_day(datetime.date(2025, 5, 9))\n"
        "assert 'dateutil.easter' in sys.modules and 'holidays' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- user calendars -----------------------------------------------------------------------

GOOD = """\
[calendar]
name = "eu-commission"
year = 2026
source = "Commission Decision of 1 June 2024, OJ C 9999, 1.6.2024, p. 1"

[[days]]
date = 2026-01-01
name = "New Year's Day"

[[days]]
date = 2026-03-16
name = "Extra day"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calendar.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_calendar_overrides_a_year(tmp_path: Path) -> None:
    user = load_calendar_file(write(tmp_path, GOOD))
    assert user == UserCalendarYear(
        "eu-commission",
        2026,
        "Commission Decision of 1 June 2024, OJ C 9999, 1.6.2024, p. 1",
        ((D(2026, 1, 1), "New Year's Day"), (D(2026, 3, 16), "Extra day")),
        str(tmp_path / "calendar.toml"),
    )
    cal = get_calendar("eu-commission", [user])
    assert cal.year_status(2026) == "published"
    assert [h.date for h in cal.holidays_in(2026)] == [D(2026, 1, 1), D(2026, 3, 16)]
    assert not cal.is_working_day(D(2026, 3, 16))
    assert cal.is_working_day(D(2026, 1, 2))  # the projection's 2 Jan is replaced
    assert not cal.is_projected(D(2026, 1, 2))
    assert cal.holidays_in(2026)[0].source.startswith("Commission Decision of 1 June 2024")
    assert cal.year_status(2027) == "projected"
    # Other calendars are untouched by it.
    other: Calendar = get_calendar("eu-commission-lu", [user])
    assert other.year_status(2026) == "projected"


def test_user_calendar_can_replace_the_partial_year(tmp_path: Path) -> None:
    text = GOOD.replace("2026", "2024").replace("2024-03-16", "2024-11-04")
    cal = get_calendar("eu-commission", [load_calendar_file(write(tmp_path, text))])
    assert cal.year_status(2024) == "published"
    assert cal.published_until(2024) is None
    assert not cal.is_working_day(D(2024, 11, 4))
    assert cal.is_working_day(D(2024, 3, 29))  # the user's year is the whole truth


def test_two_user_files_for_one_year(tmp_path: Path) -> None:
    user = load_calendar_file(write(tmp_path, GOOD))
    with pytest.raises(DataError, match="also defined"):
        get_calendar("eu-commission", [user, user])


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        ('name = "eu-commission"', 'name = "eu-comission"', "calendar.name", "unknown calendar"),
        ('name = "eu-commission"', 'name = "eu-comission"', "calendar.name", "did you mean"),
        ('name = "eu-commission"', "name = 3", "calendar.name", "expected a string"),
        ("year = 2026", 'year = "2026"', "calendar.year", "(an integer, unquoted), found a string"),
        ("year = 2026", "year = true", "calendar.year", "whole number"),
        ("year = 2026", "years = 2026", "calendar.years", "unknown key"),
        ('source = "Commission', 'sourc = "Commission', "calendar.sourc", "unknown key"),
        ('source = "Commission Decision of 1 June 2024, OJ C 9999, 1.6.2024, p. 1"',
         'source = " "', "calendar.source", "is empty"),
        ("year = 2026", "year = 1500", "calendar.year", "out of range (1583-4099)"),
        ("date = 2026-03-16", 'date = "2026-03-16"', "days[1].date", "remove the quotes"),
        ("date = 2026-03-16", "date = 2026-03-16T10:00:00", "days[1].date", "date-time is not"),
        ("date = 2026-03-16", "date = 2025-03-16", "days[1].date", "not in 2026"),
        ("date = 2026-03-16", "date = 2026-01-01", "days[1].date", "already used by days[0]"),
        ('name = "Extra day"', 'nme = "Extra day"', "days[1].nme", "unknown key"),
        ("[calendar]", "[calendr]", "calendr", "unknown key"),
    ],
)  # fmt: skip
def test_invalid_user_calendar(tmp_path: Path, old: str, new: str, key: str, message: str) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        load_calendar_file(path)
    assert caught.value.key == key
    assert caught.value.path == str(path)
    assert caught.value.exit_code == 1
    line, column = caught.value.line, caught.value.column
    assert str(caught.value).startswith(f"{path}:{line}:{column}: {key}: ")


def test_user_calendar_missing_keys(tmp_path: Path) -> None:
    for text, key in [
        (GOOD.replace('source = "Commission Decision', 'x = "'), "calendar.source"),
        (GOOD.split("[[days]]")[0], "days"),
        (GOOD.replace('name = "Extra day"\n', ""), "days[1].name"),
        ("[[days]]\ndate = 2026-01-01\nname = 'x'\n", "calendar"),
    ]:
        with pytest.raises(DataError) as caught:
            load_calendar_file(write(tmp_path, text))
        assert caught.value.key in (key, "calendar.x"), text


def test_weekend_days_are_allowed(tmp_path: Path) -> None:
    user = load_calendar_file(write(tmp_path, GOOD.replace("2026-03-16", "2026-03-14")))
    assert D(2026, 3, 14) in dict(user.days)


def test_unreadable_user_calendars(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot be read"):
        load_calendar_file(tmp_path / "missing.toml")
    with pytest.raises(DataError, match="TOML syntax") as caught:
        load_calendar_file(write(tmp_path, "[calendar]\nname = \n"))
    assert caught.value.line == 2
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b"[calendar]\nname = '\xe9'\n")
    with pytest.raises(DataError, match="UTF-8"):
        load_calendar_file(bad)
    with pytest.raises(DataError, match="is a folder"):
        load_calendar_file(tmp_path)


# --- render/period.py: calendar listing ---------------------------------------------------


def test_calendar_json() -> None:
    from dsactl.render.period import calendar_json

    listing = calendar_json(EU, 2024)
    assert listing["calendar"] == "eu-commission"
    assert listing["status"] == "partial"
    assert listing["published_until"] == "2024-08-15"
    assert listing["holidays"][0] == {
        "date": "2024-01-01",
        "name": "New Year's Day",
        "source": "Commission Decision of 17 November 2022, OJ C 440, 21.11.2022, p. 15",
        "projected": False,
    }
    assert listing["holidays"][-1]["projected"] is True
    assert calendar_json(EU, 2025)["published_until"] is None


def test_print_calendar_shows_user_text_literally(tmp_path: Path) -> None:
    import io

    from dsactl.render.console import make_console
    from dsactl.render.period import print_calendar

    text = GOOD.replace('"Extra day"', '"[bold]Extra[/bold] \\u001b[31mday"')
    cal = get_calendar("eu-commission", [load_calendar_file(write(tmp_path, text))])
    out = io.StringIO()
    print_calendar(cal, 2026, make_console(out))
    shown = out.getvalue()
    assert "[bold]Extra[/bold]" in shown
    assert "\\x1b[31mday" in shown
    assert "\x1b" not in shown
    assert "eu-commission 2026: published" in shown
    assert "Warning" not in shown
    out = io.StringIO()
    print_calendar(EU, 2025, make_console(out))
    assert "Warning: no published decision for 2025" in out.getvalue()
