"""The calendar export, read back with icalendar's own parser as an independent reader would."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event
from icalendar.parser import Contentline
from icalendar.prop import vCategory

from dsactl import __version__
from dsactl.casefile.model import Case, Platform, Request
from dsactl.docket.deadlines import DeadlineRow, deadline_rows
from dsactl.law.calendars import get_calendar
from dsactl.law.periods import compute_deadline, parse_period
from dsactl.render.ics import _fold, deadlines_ics, event_uid

ROOT = Path(__file__).resolve().parent.parent
DOCKET = Path(__file__).resolve().parent / "docket"  # the tests' own docket (conftest.py)
AS_OF = date(2024, 3, 15)
# 11:00 in Brussels on 15 Mar 2024 is CET (+01:00), so 10:00 UTC.
STAMP = datetime(2024, 3, 15, 11, 0, tzinfo=timezone(timedelta(hours=1)))
SOURCE = "European Commission press release, 14 March 2024"
HOSTILE = "a\nb; c, d [red]x[/red] \x1b[31m \\ end"


def _computed(start: date, period: str) -> Request:
    result = compute_deadline(start, parse_period(period), get_calendar())
    return Request(
        id="computed",
        subject="Computed reply",
        sent=start,
        due=result.end,
        kind="rfi-decision",
        period=period,
        explanation=result,
    )


def _rows() -> list[DeadlineRow]:
    x = Case(
        Path("cases/x.toml"),
        Platform("X", "X Corp"),
        requests=(
            Request(
                id="genai-elections",
                subject="Generative-AI risks: questions on elections",
                sent=date(2024, 3, 14),
                due=date(2024, 4, 5),
                source=SOURCE,
                note="Due date from the press release.",
            ),
            # 10 days from Thu 14 Mar 2024: Sun 24 Mar, a Sunday -> Mon 25 Mar (Art. 3(4)).
            _computed(date(2024, 3, 14), "10 days"),
            Request(
                id="answered",
                subject="Already answered",
                sent=date(2024, 3, 1),
                due=date(2024, 3, 20),
                # before AS_OF: a reply given after it is not yet known on AS_OF (issue 13)
                answered=date(2024, 3, 14),
            ),
        ),
    )
    evil = Case(
        Path("cases/evil.toml"),
        Platform("Evil;Co", "Evil, Inc."),
        requests=(
            Request(id="hostile", subject=HOSTILE, sent=date(2024, 3, 1), due=date(2024, 5, 2)),
        ),
    )
    return deadline_rows([x, evil], AS_OF, include_answered=True)


def _parse(text: str) -> tuple[Calendar, dict[str, Event]]:
    calendar = Calendar.from_ical(text.encode("utf-8"))
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT") if isinstance(e, Event)}
    return calendar, events


def _categories(event: Event) -> list[str]:
    return [str(c) for c in cast(vCategory, event["categories"]).cats]


def _by_summary(events: dict[str, Event], start: str) -> Event:
    (event,) = [e for e in events.values() if str(e["summary"]).startswith(start)]
    return event


def test_calendar_properties() -> None:
    calendar, _ = _parse(deadlines_ics(_rows(), stamp=STAMP))
    assert str(calendar["prodid"]) == f"-//dsactl//dsactl {__version__}//EN"
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["calscale"]) == "GREGORIAN"
    assert str(calendar["method"]) == "PUBLISH"
    assert str(calendar["x-wr-calname"]) == "DSA deadlines"
    assert str(calendar["name"]) == "DSA deadlines"


def test_all_day_dates_and_raw_text() -> None:
    text = deadlines_ics(_rows(), stamp=STAMP)
    # RFC 5545: every line ends with CRLF, none with a bare LF.
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART;VALUE=DATE:20240405\r\n" in text
    assert "DTEND;VALUE=DATE:20240406\r\n" in text
    # 11:00+01:00 = 10:00 UTC, written with a Z.
    assert text.count("DTSTAMP:20240315T100000Z\r\n") == 4  # the answered one too
    _, events = _parse(text)
    event = _by_summary(events, "Reply due: X — Generative-AI")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert type(start) is date and start == date(2024, 4, 5)
    # DTEND is exclusive: the day after the due day.
    assert type(end) is date and end == date(2024, 4, 6)
    assert event.decoded("dtstamp") == datetime(2024, 3, 15, 10, 0, tzinfo=UTC)
    assert _categories(event) == ["rfi"]
    assert str(event["transp"]) == "TRANSPARENT"


def test_summary_and_description_of_a_given_due() -> None:
    _, events = _parse(deadlines_ics(_rows(), stamp=STAMP))
    event = events[event_uid("X", "genai-elections")]
    assert str(event["summary"]) == ("Reply due: X — Generative-AI risks: questions on elections")
    assert str(event["description"]) == (
        "Platform: X (provider: X Corp)\n"
        "Request: genai-elections (rfi)\n"
        "Subject: Generative-AI risks: questions on elections\n"
        "Sent: 2024-03-14\n"
        "Due: 2024-04-05\n"
        f"Case file: {Path('cases/x.toml')}\n"
        f"Source: {SOURCE}\n"
        "Note: Due date from the press release."
    )


def test_answered_requests_are_cancelled_events_with_the_same_uid() -> None:
    # Issue 13 item 18: an answered request is exported as STATUS:CANCELLED under the UID its
    # open event had, so a calendar that imported the earlier export removes it.
    rows = _rows()
    assert len(rows) == 4 and sum(r.request.answered is not None for r in rows) == 1
    text = deadlines_ics(rows, stamp=STAMP)
    _, events = _parse(text)
    assert len(events) == 4
    done = events[event_uid("X", "answered")]
    assert str(done["status"]) == "CANCELLED"
    assert int(done["sequence"]) == 1  # above the 0 of the open event it replaces
    assert str(done["summary"]).startswith("Answered 2024-03-14: Reply due: X — Already")
    assert "Answered: 2024-03-14 (this event is cancelled)" in str(done["description"])
    assert done.walk("VALARM") == []  # no reminders for what is done
    assert sum(str(e["status"]) == "CONFIRMED" for e in events.values()) == 3
    # before the reply, the same request was an open event under the same UID
    open_rows = [r for r in rows if r.request.answered is None]
    assert event_uid("X", "answered") not in _parse(deadlines_ics(open_rows, stamp=STAMP))[1]


def test_uids_are_stable_across_exports_and_unique() -> None:
    rows = _rows()
    first = deadlines_ics(rows, stamp=STAMP)
    later = deadlines_ics(rows, stamp=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert first != later  # the DTSTAMPs differ …
    uids = [str(e["uid"]) for e in Calendar.from_ical(first).walk("VEVENT")]
    # … the UIDs do not, and no two events share one.
    assert uids == [str(e["uid"]) for e in Calendar.from_ical(later).walk("VEVENT")]
    assert len(set(uids)) == len(uids) == 4
    assert event_uid("X", "genai-elections").startswith("x-genai-elections-")
    assert all(uid.endswith("@dsactl") for uid in uids)


def test_uids_of_pairs_with_the_same_slug_differ() -> None:
    # Both slugs are "a-b-c"; the hash of the exact pair keeps them apart.
    assert event_uid("A-B", "c") != event_uid("a", "b-c")
    assert event_uid("X", "r") != event_uid("x", "r")
    assert event_uid("A-B", "c").startswith("a-b-c-")


def test_two_reminders() -> None:
    _, events = _parse(deadlines_ics(_rows(), stamp=STAMP))
    for event in events.values():
        if str(event["status"]) == "CANCELLED":
            continue
        alarms = event.walk("VALARM")
        assert [a.decoded("trigger") for a in alarms] == [timedelta(days=-7), timedelta(days=-1)]
        assert [str(a["action"]) for a in alarms] == ["DISPLAY", "DISPLAY"]
        assert all(str(a["description"]) for a in alarms)
    text = deadlines_ics(_rows(), stamp=STAMP)
    assert text.count("TRIGGER:-P7D\r\n") == text.count("TRIGGER:-P1D\r\n") == 3


def test_computed_due_explains_itself() -> None:
    _, events = _parse(deadlines_ics(_rows(), stamp=STAMP))
    event = events[event_uid("X", "computed")]
    assert event.decoded("dtstart") == date(2024, 3, 25)
    assert event.decoded("dtend") == date(2024, 3, 26)
    assert _categories(event) == ["rfi-decision"]
    lines = str(event["description"]).split("\n")
    assert "Computed: 10 days from 2024-03-14 in the eu-commission calendar" in lines
    assert "2024-03-24 Art. 3(2)(b): 10 days from Thu 14 Mar 2024 end on Sun 24 Mar 2024" in lines
    assert (
        "2024-03-25 Art. 3(4): Sun 24 Mar 2024 is a Sunday → next working day Mon 25 Mar 2024"
    ) in lines
    assert "(projected calendar)" not in str(event["description"])


def test_projected_calendar_is_said() -> None:
    # 14 Mar 2030 + 10 days = Sun 24 Mar 2030 -> Mon 25 Mar 2030, in a year with no published
    # Commission decision, so the result is projected.
    request = _computed(date(2030, 3, 14), "10 days")
    assert request.explanation is not None and request.explanation.projected
    row = DeadlineRow(
        Case(Path("p.toml"), Platform("P", "P Ltd"), requests=(request,)), request, 0, "open"
    )
    (event,) = Calendar.from_ical(deadlines_ics([row], stamp=STAMP)).walk("VEVENT")
    assert event.decoded("dtstart") == date(2030, 3, 25)
    assert "10 days from 2030-03-14 in the eu-commission calendar (projected calendar)" in str(
        event["description"]
    )


def test_hostile_text_round_trips() -> None:
    text = deadlines_ics(_rows(), stamp=STAMP)
    # The ESC character is written as a visible escape, never raw.
    assert "\x1b" not in text
    calendar, events = _parse(text)
    assert len(calendar.walk("VEVENT")) == 4  # three open, one answered (cancelled)
    event = events[event_uid("Evil;Co", "hostile")]
    # SUMMARY is one line: the newline becomes a space; ; , [ ] \ come back as written.
    assert str(event["summary"]) == ("Reply due: Evil;Co — a b; c, d [red]x[/red] \\x1b[31m \\ end")
    description = str(event["description"])
    # The description keeps the newline and shows ESC as the four characters \x1b.
    assert "Subject: a\nb; c, d [red]x[/red] \\x1b[31m \\ end\nSent: 2024-03-01" in description
    assert "Platform: Evil;Co (provider: Evil, Inc.)" in description
    assert event.decoded("dtstart") == date(2024, 5, 2)


def test_naive_stamp_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        deadlines_ics(_rows(), stamp=datetime(2024, 3, 15, 10, 0))


def test_no_rows_is_still_a_calendar() -> None:
    calendar, events = _parse(deadlines_ics([], stamp=STAMP))
    assert events == {}
    assert str(calendar["version"]) == "2.0"


def test_shipped_cases() -> None:
    from dsactl.casefile.discovery import find_case_files
    from dsactl.docket.load import load_docket

    docket = load_docket(find_case_files([DOCKET]), AS_OF)
    rows = deadline_rows(docket.cases, AS_OF, resolver=docket.resolver)
    text = deadlines_ics(rows, stamp=STAMP)
    assert "\n" not in text.replace("\r\n", "")
    events = Calendar.from_ical(text).walk("VEVENT")
    # 20 requests in the shipped files (Bing 3, Facebook 2, Google Search 2, Instagram 2,
    # LinkedIn 1, Snapchat 2, TikTok 2, X 4, YouTube 2), none answered; as known on 15 Mar
    # 2024, the three sent later (Bing 17 May, X twice 8 May) are left out: 17.
    assert len(events) == 17
    assert len({str(e["uid"]) for e in events}) == 17
    # The 5 April 2024 deadline of the generative-AI requests: 8 platforms, plus LinkedIn's
    # request on advertising based on special categories of data, also due that day.
    assert sum(e.decoded("dtstart") == date(2024, 4, 5) for e in events) == 9
    x = [e for e in events if str(e["uid"]) == event_uid("X", "genai-elections")]
    assert len(x) == 1
    assert str(x[0]["summary"]) == "Reply due: X — Generative-AI risks: questions on elections"


def test_the_text_is_icalendars_own() -> None:
    """deadlines_ics folds ASCII lines itself (icalendar folds character by character): the
    text is exactly what icalendar's Calendar.to_ical() gives for the same calendar."""
    from dsactl.casefile.discovery import find_case_files
    from dsactl.docket.deadlines import listed_rows
    from dsactl.docket.load import load_docket

    docket = load_docket(find_case_files([DOCKET]), AS_OF)
    rows, _ = listed_rows(docket.cases, AS_OF, docket.resolver, include_all=True)
    rows += _rows()  # hostile text, an em dash (not ASCII), a computed period
    text = deadlines_ics(rows, stamp=STAMP)
    assert text == Calendar.from_ical(text.encode("utf-8")).to_ical().decode("utf-8")
    assert any(len(line.encode("utf-8")) == 75 for line in text.split("\r\n"))


_ICS_TEXT = st.text(alphabet='ab \\^;,:"=é—x😀', max_size=400)


@settings(max_examples=150, deadline=None)
@given(_ICS_TEXT)
def test_lines_fold_as_icalendar_folds_them(text: str) -> None:
    # Runs of \ and ^ (escapes icalendar never splits) and characters of two, three and four
    # octets, at every position a cut can fall.
    line = Contentline(text)
    assert _fold(line) == line.to_ical().decode("utf-8")
