"""Deadlines as an iCalendar file (RFC 5545) for Outlook, Google Calendar, Apple Calendar.

One all-day event per request, on its due day, with reminders a week and a day before; an
answered request is exported too, as a cancelled event (STATUS:CANCELLED, SEQUENCE:1, no
reminders) with the same UID, so a calendar that imported an earlier export removes it.

The file is built with the ``icalendar`` package (imported only here, on use), which escapes
``;``, ``,``, ``\\`` and newlines and folds long lines; text from case files is also passed
through ``visible`` so control characters (ESC, BEL, CR …), which RFC 5545 does not allow in
text values, are written as readable ``\\xNN`` escapes.

Each event's UID is derived from the platform name and the request id only, so importing a
newer export into the same calendar updates the events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from dsactl import __version__
from dsactl.docket.deadlines import DeadlineRow, ObligationRow, Row
from dsactl.render.console import visible
from dsactl.shown import shown_path

if TYPE_CHECKING:
    from icalendar import Event

CALENDAR_NAME = "DSA deadlines"
PRODID = f"-//dsactl//dsactl {__version__}//EN"
#: Reminders before the due day: (trigger relative to the start of the day, wording).
ALARMS: tuple[tuple[timedelta, str], ...] = (
    (timedelta(days=-7), "in 7 days"),
    (timedelta(days=-1), "tomorrow"),
)
_NEWLINE = re.compile(r"\r\n|\r|\n")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 40


def clean(text: str, *, one_line: bool = False) -> str:
    """User text made safe for a calendar: visible control characters, LF newlines.

    With ``one_line`` (a SUMMARY), every run of whitespace, newlines included, is one space.
    """
    text = visible(_NEWLINE.sub("\n", text))
    return " ".join(text.split()) if one_line else text


def _slug(text: str) -> str:
    slug = _NOT_SLUG.sub("-", text.casefold()).strip("-")[:_SLUG_MAX].strip("-")
    return slug or "x"


def event_uid(platform: str, request_id: str) -> str:
    """A UID that stays the same across exports: ``x-genai-elections-<hash>@dsactl``.

    The readable slug can be shared by different pairs (``A-B``/``c`` and ``a``/``b-c``
    both give ``a-b-c``), so a hash of the exact pair, encoded unambiguously as a JSON list,
    keeps two different (platform, request id) pairs apart.
    """
    digest = hashlib.sha256(json.dumps([platform, request_id]).encode("utf-8")).hexdigest()
    return f"{_slug(platform)}-{_slug(request_id)}-{digest[:16]}@dsactl"


def obligation_uid(platform: str, rule_id: str, number: int) -> str:
    """A UID per platform, rule and occurrence that stays the same across exports.

    The hash input is a three-item JSON list, so it never equals a request's two-item one.
    """
    digest = hashlib.sha256(json.dumps([platform, rule_id, number]).encode("utf-8")).hexdigest()
    return f"{_slug(platform)}-{_slug(rule_id)}-{number}-{digest[:16]}@dsactl"


def summary(row: Row) -> str:
    if isinstance(row, ObligationRow):
        occurrence = row.occurrence
        return clean(
            f"Due: {row.platform} — {occurrence.rule.title} ({occurrence.rule.article})",
            one_line=True,
        )
    return clean(f"Reply due: {row.platform} — {row.request.subject}", one_line=True)


def obligation_description(row: ObligationRow) -> str:
    """The notes of a generated obligation: the rule, how its date was found, its caveats."""
    case, occurrence = row.case, row.occurrence
    rule = occurrence.rule
    lines = [
        f"Platform: {case.platform.name} (provider: {case.platform.provider})",
        f"Rule: {rule.id}, occurrence {occurrence.number} ({rule.article})",
        f"Obligation: {rule.title}" + (f" — {occurrence.label}" if occurrence.label else ""),
        f"Deliver: {rule.deliver}",
        f"To: {rule.to}",
        f"Due: {occurrence.due.isoformat()} ({occurrence.weekday})",
        f"Basis: {occurrence.basis}",
        f"Case file: {shown_path(case.path)}",
        f"Source: {rule.source}",
    ]
    lines.extend(f"Note: {note}" for note in occurrence.notes)
    lines.extend(f"{s.date.isoformat()} {s.rule}: {s.reason}" for s in occurrence.steps)
    return clean("\n".join(lines))


def description(row: DeadlineRow) -> str:
    """The event's notes: what the request is, where it is recorded, how its due was found."""
    case, request = row.case, row.request
    lines = [
        f"Platform: {case.platform.name} (provider: {case.platform.provider})",
        f"Request: {request.id} ({request.kind})",
        f"Subject: {request.subject}",
        f"Sent: {request.sent.isoformat()}",
        f"Due: {request.due.isoformat() if request.due else 'no date in the record'}",
    ]
    if request.answered is not None:
        lines.append(f"Answered: {request.answered.isoformat()} (this event is cancelled)")
    if request.proceeding:
        lines.append(f"Proceeding: {request.proceeding}")
    lines.append(f"Case file: {shown_path(case.path)}")
    if request.source:
        lines.append(f"Source: {request.source}")
    if request.note:
        lines.append(f"Note: {request.note}")
    result = request.explanation
    if result is not None:
        period = request.period or str(result.period)
        projected = " (projected calendar)" if result.projected else ""
        lines.append(
            f"Computed: {period} from {result.start.isoformat()} in the {result.calendar} "
            f"calendar{projected}"
        )
        lines.append(f"Counted: {request.counted_from}")
        lines.extend(f"{step.date.isoformat()} {step.rule}: {step.reason}" for step in result.steps)
    return clean("\n".join(lines))


def _event(row: Row, stamp: datetime) -> Event:
    from icalendar import Alarm, Event

    due = row.due
    assert due is not None  # rows without a due date get no event
    event = Event()
    if isinstance(row, ObligationRow):
        occurrence = row.occurrence
        event.add("uid", obligation_uid(row.platform, occurrence.rule.id, occurrence.number))
        what = f"{occurrence.rule.title} ({occurrence.rule.id} #{occurrence.number})"
        category = "obligation"
        notes = obligation_description(row)
        done = occurrence.filing.filed if occurrence.filing is not None else None
        word = "Filed"
    else:
        event.add("uid", event_uid(row.platform, row.request.id))
        what = f"reply to {row.request.id}"
        category = row.request.kind
        notes = description(row)
        done = row.request.answered
        word = "Answered"
    event.add("dtstamp", stamp)
    if done is not None:
        # RFC 5545 3.8.1.11: a cancelled event; its SEQUENCE above the 0 of the open one
        # makes a calendar apply it to the event it imported earlier under the same UID.
        event.add("status", "CANCELLED")
        event.add("sequence", 1)
    else:
        event.add("status", "CONFIRMED")
    # All-day: DTSTART;VALUE=DATE is the due day, DTEND the (exclusive) day after.
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    title = summary(row)
    if done is not None:
        title = clean(f"{word} {done.isoformat()}: {title}", one_line=True)
    event.add("summary", title)
    event.add("description", notes)
    event.add("categories", [clean(category, one_line=True)])
    # A deadline does not make anyone busy for the whole day.
    event.add("transp", "TRANSPARENT")
    if done is not None:
        return event  # no reminders for what is done
    for trigger, when in ALARMS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add(
            "description",
            clean(f"{row.platform}: {what} due {when} ({due})", one_line=True),
        )
        alarm.add("trigger", trigger)
        event.add_component(alarm)
    return event


def deadlines_ics(rows: Iterable[Row], *, stamp: datetime) -> str:
    """An RFC 5545 calendar with one all-day event per request and per generated obligation
    with a due date; answered requests and filed obligations cancelled.

    ``stamp`` (timezone-aware) becomes every event's DTSTAMP, in UTC. The text has CRLF line
    ends, as RFC 5545 requires: write it with ``newline=""`` so they stay as they are.
    """
    from icalendar import Calendar

    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise ValueError("the DTSTAMP time must be timezone-aware")
    stamp = stamp.astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", CALENDAR_NAME)
    calendar.add("x-wr-calname", CALENDAR_NAME)
    for row in rows:
        if row.due is not None:
            calendar.add_component(_event(row, stamp))
    # calendar.to_ical(), with the lines folded by ``_fold``: the same text, several times
    # sooner (icalendar folds character by character).
    lines = calendar.content_lines(sorted=True)
    return "\r\n".join(_fold(line) for line in lines if line) + "\r\n"


def _fold(line: str) -> str:
    """``line`` folded as icalendar folds it (RFC 5545: lines of at most 75 octets, each
    continuation starting with a space).

    Each piece is as many whole characters as fit in 74 octets of UTF-8, except that a cut
    never leaves a ``\\`` or ``^`` (the start of an escape) at the end of a piece: it moves
    to the next one (icalendar's rule, for clients that cannot join split escapes).
    ``tests/test_ics.py`` checks this against icalendar's own folding.
    """
    data = line.encode("utf-8")
    if len(data) <= _OCTETS:
        return line
    parts = []
    start, end = 0, len(data)
    while end - start > _OCTETS:
        cut = start + _OCTETS
        while data[cut] & 0xC0 == 0x80:  # inside a character: cut before it
            cut -= 1
        if data[cut - 1] in b"\\^" and cut - 1 > start:
            cut -= 1
        parts.append(data[start:cut].decode("utf-8"))
        start = cut
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts)


# Octets on a folded line: icalendar folds before a line would reach 75.
_OCTETS = 74
