"""Worked examples of Regulation 1182/71, each derived by hand from the articles.

Calendars used (checked with ``python -c "import calendar; print(calendar.month(2024, 3))"``):

    March 2024               April 2024             Commission holidays 2024 (OJ C 440):
    Mo Tu We Th Fr Sa Su     Mo Tu We Th Fr Sa Su   Thu 28 Mar Maundy Thursday
                 1  2  3      1  2  3  4  5  6  7   Fri 29 Mar Good Friday
     4  5  6  7  8  9 10      8  9 10 ...           Mon  1 Apr Easter Monday
    11 12 13 14 15 16 17                            Thu  9 May Schuman + Ascension
    18 19 20 21 22 23 24                            Fri 10 May day after Ascension
    25 26 27 28 29 30 31

Brussels switches to summer time on Sun 31 Mar 2024: deadlines up to 30 Mar are +01:00,
from 31 Mar +02:00.
"""

from __future__ import annotations

from datetime import date

import pytest

from dsactl.errors import UsageError
from dsactl.law.calendars import Calendar, get_calendar
from dsactl.law.periods import Period, compute_deadline, ordinal, parse_period

EU = get_calendar()
EU_LU = get_calendar("eu-commission-lu")
IE = get_calendar("IE")
CALENDARS: dict[str, Calendar] = {"eu": EU, "eu-lu": EU_LU, "IE": IE}

D = date

# (start, period, calendar, expected end, projected)
EXAMPLES = [
    # The reference's worked example. Event Thu 14 Mar 2024 (3(1): not counted); 10 days
    # (3(2)(b)) -> Sun 24 Mar; 3(4) Sunday -> Mon 25 Mar. 3(5): 15 Mar is a working day, and
    # so is 25 Mar: two working days, no move.
    (D(2024, 3, 14), "10 days", "eu", D(2024, 3, 25), False),
    # Mon 18 Mar + 10 days -> Thu 28 Mar, Maundy Thursday. 3(4) chain: 28 Mar holiday, 29 Good
    # Friday, 30 Sat, 31 Sun, 1 Apr Easter Monday -> Tue 2 Apr 2024.
    (D(2024, 3, 18), "10 days", "eu", D(2024, 4, 2), False),
    # Thu 14 Mar + 2 weeks -> same weekday two weeks on (3(2)(c)): Thu 28 Mar, Maundy
    # Thursday -> same chain as above -> Tue 2 Apr 2024.
    (D(2024, 3, 14), "2 weeks", "eu", D(2024, 4, 2), False),
    # Art. 3(5) straddling Easter: Wed 27 Mar + 2 days -> Fri 29 Mar (Good Friday) -> 3(4):
    # 30 Sat, 31 Sun, 1 Apr Easter Monday -> Tue 2 Apr. Working days in (27 Mar, 2 Apr]:
    # 28 Mar is Maundy Thursday, so only 2 Apr = 1 -> 3(5): 2nd working day after 27 Mar,
    # Wed 3 Apr 2024.
    (D(2024, 3, 27), "2 days", "eu", D(2024, 4, 3), False),
    # One day is not "two days or more": Wed 27 Mar + 1 day -> Thu 28 Mar (Maundy Thursday)
    # -> 3(4) chain -> Tue 2 Apr; 3(5) does not apply.
    (D(2024, 3, 27), "1 day", "eu", D(2024, 4, 2), False),
    # Tue 26 Mar + 1 day -> Wed 27 Mar, a working day: no move.
    (D(2024, 3, 26), "1 day", "eu", D(2024, 3, 27), False),
    # Working days across Easter: Mon 25 Mar + 5 working days: 26 (1), 27 (2), [28 Maundy
    # Thursday, 29 Good Friday, 30-31 weekend, 1 Apr Easter Monday], 2 (3), 3 (4), 4 (5) ->
    # Thu 4 Apr 2024.
    (D(2024, 3, 25), "5 working days", "eu", D(2024, 4, 4), False),
    # Working day from a holiday: Thu 28 Mar + 1 working day: 29 GF, 30-31, 1 Apr EM -> 2 Apr.
    (D(2024, 3, 28), "1 working day", "eu", D(2024, 4, 2), False),
    # Working days across the 2023 -> 2024 year end (both published): Fri 22 Dec 2023 + 3:
    # 23-24 weekend, 25-29 Dec holidays, 30-31 weekend, 1-2 Jan 2024 holidays, then Wed 3 (1),
    # Thu 4 (2), Fri 5 Jan 2024 (3).
    (D(2023, 12, 22), "3wd", "eu", D(2024, 1, 5), False),
    # Wed 20 Dec 2023 + 5 working days: Thu 21 (1), Fri 22 (2), [23 Dec - 2 Jan], 3 (3),
    # 4 (4), Fri 5 Jan 2024 (5).
    (D(2023, 12, 20), "5 working days", "eu", D(2024, 1, 5), False),
    # 3(4) chain across the year end: Wed 20 Dec 2023 + 5 days -> Mon 25 Dec; 25-29 Dec
    # holidays, 30-31 weekend, 1-2 Jan 2024 holidays -> Wed 3 Jan 2024. 3(5): 21, 22 Dec work.
    (D(2023, 12, 20), "5 days", "eu", D(2024, 1, 3), False),
    # Months, leap year: Wed 31 Jan 2024 + 1 month -> "31 Feb 2024" does not exist -> last day
    # of February, Thu 29 Feb 2024, a working day.
    (D(2024, 1, 31), "1 month", "eu", D(2024, 2, 29), False),
    # Non-leap: Tue 31 Jan 2023 + 1 month -> last day of February, Tue 28 Feb 2023.
    (D(2023, 1, 31), "1 month", "eu", D(2023, 2, 28), False),
    # Mon 30 Jan 2023 + 1 month -> "30 Feb" does not exist -> Tue 28 Feb 2023.
    (D(2023, 1, 30), "1m", "eu", D(2023, 2, 28), False),
    # Wed 31 Jan 2024 + 3 months -> "31 Apr" does not exist -> Tue 30 Apr 2024 (working; 1 May
    # is the holiday, the day after).
    (D(2024, 1, 31), "3 months", "eu", D(2024, 4, 30), False),
    # Tue 31 Jan 2023 + 3 months -> Sun 30 Apr 2023 -> 3(4): Sunday, then Mon 1 May 2023
    # Labour Day -> Tue 2 May 2023.
    (D(2023, 1, 31), "3 months", "eu", D(2023, 5, 2), False),
    # Years from 29 Feb: Thu 29 Feb 2024 + 1 year -> no 29 Feb 2025 -> Fri 28 Feb 2025, a
    # working day in the projected 2025 calendar.
    (D(2024, 2, 29), "1 year", "eu", D(2025, 2, 28), True),
    # Thu 29 Feb 2024 + 4 years -> Tue 29 Feb 2028 exists (projected year).
    (D(2024, 2, 29), "4y", "eu", D(2028, 2, 29), True),
    # Tue 28 Feb 2023 + 1 year -> Wed 28 Feb 2024, published and a working day.
    (D(2023, 2, 28), "1 year", "eu", D(2024, 2, 28), False),
    # Mon 6 May 2024 + 3 days -> Thu 9 May (Schuman Declaration and Ascension) -> Fri 10 May
    # (day after Ascension) -> 11-12 weekend -> Mon 13 May 2024.
    (D(2024, 5, 6), "3 days", "eu", D(2024, 5, 13), False),
    # Brussels vs Luxembourg staff, 2023: Tue 20 Jun + 3 days -> Fri 23 Jun: a holiday for
    # Luxembourg staff only (-> weekend -> Mon 26 Jun); Tue 18 Jul + 3 days -> Fri 21 Jul: a
    # holiday for Brussels staff only (-> Mon 24 Jul).
    (D(2023, 6, 20), "3 days", "eu", D(2023, 6, 23), False),
    (D(2023, 6, 20), "3 days", "eu-lu", D(2023, 6, 26), False),
    (D(2023, 7, 18), "3 days", "eu", D(2023, 7, 24), False),
    (D(2023, 7, 18), "3 days", "eu-lu", D(2023, 7, 21), False),
    # 2024 is published only up to 15 Aug. Thu 1 Aug + 1 week -> Thu 8 Aug: published, working.
    (D(2024, 8, 1), "1 week", "eu", D(2024, 8, 8), False),
    # Mon 5 Aug + 10 days -> Thu 15 Aug (Assumption, published) -> Fri 16 Aug, whose status is
    # projected (after 15 Aug).
    (D(2024, 8, 5), "10 days", "eu", D(2024, 8, 16), True),
    # Fri 20 Dec 2024 + 10 days -> Mon 30 Dec (projected end-of-year day) -> 31 Dec, 1-2 Jan
    # 2025 (projected) -> Fri 3 Jan 2025, projected.
    (D(2024, 12, 20), "10 days", "eu", D(2025, 1, 3), True),
    # Tue 23 Dec 2025 + 1 week -> Tue 30 Dec (projected) -> 31 Dec, 1-2 Jan, 3-4 Jan weekend ->
    # Mon 5 Jan 2026; working days in (23 Dec, 5 Jan] = 5 Jan only -> 3(5) -> Tue 6 Jan 2026.
    (D(2025, 12, 23), "1 week", "eu", D(2026, 1, 6), True),
    # National calendar, Ireland: Mon 10 Mar 2025 + 1 week -> Mon 17 Mar, St Patrick's Day ->
    # Tue 18 Mar 2025. The Commission works that day (projected 2025): the end stays 17 Mar.
    (D(2025, 3, 10), "1 week", "IE", D(2025, 3, 18), False),
    (D(2025, 3, 10), "1 week", "eu", D(2025, 3, 17), True),
    # Every weekday as the event, + 2 days, week of Mon 4 - Sun 10 Mar 2024 (no holidays):
    # Mon 4 -> Wed 6; (4, 6] = 5, 6: two working days.
    (D(2024, 3, 4), "2 days", "eu", D(2024, 3, 6), False),
    # Tue 5 -> Thu 7.
    (D(2024, 3, 5), "2 days", "eu", D(2024, 3, 7), False),
    # Wed 6 -> Fri 8.
    (D(2024, 3, 6), "2 days", "eu", D(2024, 3, 8), False),
    # Thu 7 -> Sat 9 -> 3(4) Mon 11; (7, 11] = Fri 8, Mon 11: two working days.
    (D(2024, 3, 7), "2 days", "eu", D(2024, 3, 11), False),
    # Fri 8 -> Sun 10 -> 3(4) Mon 11; (8, 11] = Mon 11 only -> 3(5) -> Tue 12.
    (D(2024, 3, 8), "2 days", "eu", D(2024, 3, 12), False),
    # Sat 9 -> Mon 11; (9, 11] = Mon 11 only -> 3(5) -> Tue 12.
    (D(2024, 3, 9), "2 days", "eu", D(2024, 3, 12), False),
    # Sun 10 -> Tue 12; (10, 12] = Mon 11, Tue 12: two working days.
    (D(2024, 3, 10), "2 days", "eu", D(2024, 3, 12), False),
]


@pytest.mark.parametrize(("start", "text", "cal", "end", "projected"), EXAMPLES)
def test_worked_examples(start: date, text: str, cal: str, end: date, projected: bool) -> None:
    result = compute_deadline(start, parse_period(text), CALENDARS[cal])
    assert result.end == end
    assert result.projected is projected
    assert result.deadline.date() == end
    assert any("(projected)" in step.reason for step in result.steps) is projected


def test_the_reference_example_step_by_step() -> None:
    result = compute_deadline(D(2024, 3, 14), parse_period("10 days"), EU)
    assert [(s.date, s.rule, s.reason) for s in result.steps] == [
        (
            D(2024, 3, 14),
            "Art. 3(1)",
            "Thu 14 Mar 2024 is the day of the event and does not count",
        ),
        (D(2024, 3, 24), "Art. 3(2)(b)", "10 days from Thu 14 Mar 2024 end on Sun 24 Mar 2024"),
        (
            D(2024, 3, 25),
            "Art. 3(4)",
            "Sun 24 Mar 2024 is a Sunday → next working day Mon 25 Mar 2024",
        ),
    ]
    assert result.calendar == "eu-commission"
    assert result.period == Period(10, "days")


def test_every_holiday_that_moved_the_end_is_named() -> None:
    result = compute_deadline(D(2024, 3, 18), parse_period("10 days"), EU)
    (move,) = [s for s in result.steps if s.rule == "Art. 3(4)"]
    assert move.date == D(2024, 4, 2)
    for text in (
        "Thu 28 Mar 2024 is a public holiday (Maundy Thursday)",
        "Fri 29 Mar 2024 is a public holiday (Good Friday)",
        "Sat 30 Mar 2024 is a Saturday",
        "Sun 31 Mar 2024 is a Sunday",
        "Mon 1 Apr 2024 is a public holiday (Easter Monday)",
        "→ next working day Tue 2 Apr 2024",
    ):
        assert text in move.reason


def test_art_3_5_step() -> None:
    result = compute_deadline(D(2024, 3, 27), parse_period("2 days"), EU)
    assert [s.rule for s in result.steps] == ["Art. 3(1)", "Art. 3(2)(b)", "Art. 3(4)", "Art. 3(5)"]
    last = result.steps[-1]
    assert last.date == D(2024, 4, 3)
    assert "only 1 working day (Tue 2 Apr 2024)" in last.reason
    assert "Maundy Thursday" in last.reason
    assert last.reason.endswith("the 2nd working day after Wed 27 Mar 2024 is Wed 3 Apr 2024")


def test_month_clamping_has_its_own_step() -> None:
    result = compute_deadline(D(2024, 2, 29), parse_period("1 year"), EU)
    clamp = [s for s in result.steps if "does not exist" in s.reason]
    assert len(clamp) == 1
    assert clamp[0].rule == "Art. 3(2)(c)"
    assert clamp[0].reason == (
        "29 Feb 2025 does not exist in February 2025 → the last day of that month, Fri 28 Feb 2025"
    )
    jan = compute_deadline(D(2024, 1, 31), parse_period("1 month"), EU)
    assert "31 Feb 2024 does not exist in February 2024" in jan.steps[2].reason


def test_working_days_step_names_the_holidays() -> None:
    result = compute_deadline(D(2024, 3, 25), parse_period("5wd"), EU)
    (count,) = [s for s in result.steps if s.rule == "Art. 3(3)"]
    assert count.date == D(2024, 4, 4)
    for name in ("Maundy Thursday", "Good Friday", "Easter Monday", "the 5th working day"):
        assert name in count.reason
    assert "2 weekend days not counted" in count.reason


def test_projected_result_says_so() -> None:
    result = compute_deadline(D(2024, 12, 20), parse_period("10 days"), EU)
    assert result.projected
    assert "Mon 30 Dec 2024 is a public holiday (End-of-year holiday) (projected)" in (
        result.steps[2].reason
    )
    assert result.steps[-1].rule == "Art. 2"
    assert "2024 after Thu 15 Aug 2024 and 2025" in result.steps[-1].reason


def test_ireland_names_st_patricks_day() -> None:
    result = compute_deadline(D(2025, 3, 10), parse_period("1 week"), IE)
    assert result.calendar == "IE"
    assert "Mon 17 Mar 2025 is a public holiday (Saint Patrick's Day)" in result.steps[-1].reason


@pytest.mark.parametrize(
    ("start", "text", "iso"),
    [
        # Before the switch to summer time on Sun 31 Mar 2024: CET, +01:00.
        (D(2024, 3, 14), "10 days", "2024-03-25T23:59:59+01:00"),
        # Tue 2 Apr 2024 is summer time: CEST, +02:00.
        (D(2024, 3, 18), "10 days", "2024-04-02T23:59:59+02:00"),
        # Back to winter time after Sun 27 Oct 2024: Mon 21 Oct + 10 days = Thu 31 Oct 2024
        # (1 Nov, the day after, is the holiday).
        (D(2024, 10, 21), "10 days", "2024-10-31T23:59:59+01:00"),
    ],
)
def test_deadline_is_end_of_day_in_brussels(start: date, text: str, iso: str) -> None:
    assert compute_deadline(start, parse_period(text), EU).deadline.isoformat() == iso


def test_overflow_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="after the year 9999"):
        compute_deadline(D(9999, 12, 30), parse_period("10 days"), IE)


@pytest.mark.parametrize(
    ("text", "count", "unit"),
    [
        ("10 days", 10, "days"),
        ("10 day", 10, "days"),
        ("1 day", 1, "days"),
        ("10d", 10, "days"),
        ("10D", 10, "days"),
        ("  10   Days ", 10, "days"),
        ("2 weeks", 2, "weeks"),
        ("2w", 2, "weeks"),
        ("1 week", 1, "weeks"),
        ("1 month", 1, "months"),
        ("1m", 1, "months"),
        ("3 months", 3, "months"),
        ("1 year", 1, "years"),
        ("1y", 1, "years"),
        ("2 YEARS", 2, "years"),
        ("10 working days", 10, "working-days"),
        ("10 working day", 10, "working-days"),
        ("10wd", 10, "working-days"),
        ("10 Working\tDays", 10, "working-days"),
        ("10 working-days", 10, "working-days"),
        ("two weeks", 2, "weeks"),
        ("Twelve months", 12, "months"),
        ("one working day", 1, "working-days"),
        ("+3 days", 3, "days"),
    ],
)
def test_parse_period(text: str, count: int, unit: str) -> None:
    assert parse_period(text) == Period(count, unit)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0 days", "at least 1"),
        ("-3 days", "at least 1"),
        ("10 hours", "hours are not supported"),
        ("3h", "hours are not supported"),
        ("10 business days", "working days"),
        ("10 fortnights", "unknown unit 'fortnights'"),
        ("days", "cannot read"),
        ("", "cannot read"),
        ("   ", "cannot read"),
        ("10", "no unit"),
        ("ten", "no unit"),
        ("1.5 days", "cannot read"),
        ("thirteen days", "cannot read"),
        ("10 days 2", "cannot read"),
        ("10 days!", "cannot read"),
        ("٣ days", "cannot read"),
        ("101 years", "longer than 100 years"),
    ],
)
def test_parse_period_rejects(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message) as caught:
        parse_period(text)
    assert caught.value.exit_code == 2
    assert caught.value.hint


def test_rejection_lists_the_accepted_forms() -> None:
    with pytest.raises(UsageError) as caught:
        parse_period("10 fortnights")
    assert "'10 days' (10d)" in str(caught.value)
    assert "'10 working days' (10wd)" in str(caught.value)


def test_period_str_and_ordinals() -> None:
    assert str(Period(1, "days")) == "1 day"
    assert str(Period(3, "working-days")) == "3 working days"
    assert str(Period(1, "months")) == "1 month"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th",
    ]  # fmt: skip


# --- render/period.py ---------------------------------------------------------------------


def test_period_json_shape() -> None:
    from dsactl.render.period import period_json

    result = compute_deadline(D(2024, 3, 14), parse_period("10 days"), EU)
    assert period_json(result) == {
        "start": "2024-03-14",
        "period": {"count": 10, "unit": "days"},
        "calendar": "eu-commission",
        "end": "2024-03-25",
        "deadline": "2024-03-25T23:59:59+01:00",
        "projected": False,
        "steps": [
            {
                "date": "2024-03-14",
                "rule": "Art. 3(1)",
                "reason": "Thu 14 Mar 2024 is the day of the event and does not count",
            },
            {
                "date": "2024-03-24",
                "rule": "Art. 3(2)(b)",
                "reason": "10 days from Thu 14 Mar 2024 end on Sun 24 Mar 2024",
            },
            {
                "date": "2024-03-25",
                "rule": "Art. 3(4)",
                "reason": "Sun 24 Mar 2024 is a Sunday → next working day Mon 25 Mar 2024",
            },
        ],
    }
    working = period_json(compute_deadline(D(2024, 3, 25), parse_period("5wd"), EU))
    assert working["period"] == {"count": 5, "unit": "working-days"}
    assert working["deadline"] == "2024-04-04T23:59:59+02:00"


def test_print_period() -> None:
    import io

    from dsactl.render.console import make_console
    from dsactl.render.period import print_period

    out = io.StringIO()
    print_period(compute_deadline(D(2024, 3, 14), parse_period("10 days"), EU), make_console(out))
    text = out.getvalue()
    for part in ("Mon 25 Mar 2024", "2024-03-25 23:59:59 CET (UTC+01:00", "Art. 3(4)", "Art. 3(1)"):
        assert part in text
    assert "Warning" not in text
    out = io.StringIO()
    print_period(compute_deadline(D(2024, 12, 20), parse_period("10d"), EU), make_console(out))
    assert "Warning: this end date relies on projected public holidays" in " ".join(
        out.getvalue().split()
    )
