"""Deadlines across cases: one row per request, and one per generated obligation, with days
left and a status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from dsactl.casefile.model import Case, Request

if TYPE_CHECKING:
    from dsactl.casefile.resolve import Resolver
    from dsactl.docket.obligations import Occurrence

Status = Literal["answered", "overdue", "due-soon", "open", "past", "no-due-date", "filed"]
STATUSES: tuple[Status, ...] = (
    "overdue",
    "due-soon",
    "open",
    "no-due-date",
    "past",
    "answered",
    "filed",
)
#: Statuses left out unless every row is asked for (``--all``): done, or past in a file that
#: tracks public information.
DONE: frozenset[str] = frozenset(("answered", "filed", "past"))
DEFAULT_SOON = 7
#: How far ahead generated obligations are listed by ``deadlines``, ``show`` and the calendar.
HORIZON_DAYS = 365
Only = Literal["requests", "obligations"]


@dataclass(frozen=True)
class DeadlineRow:
    case: Case
    request: Request
    #: due − as-of in calendar days; None without a due date.
    days_left: int | None
    status: Status
    #: Working days after as-of up to and including due in the request's calendar
    #: (negative when overdue); None when not computed.
    working_days_left: int | None = None

    @property
    def platform(self) -> str:
        return self.case.platform.name

    @property
    def due(self) -> date | None:
        return self.request.due


@dataclass(frozen=True)
class ObligationRow:
    """One generated obligation occurrence as a deadline."""

    case: Case
    occurrence: Occurrence
    days_left: int
    status: Status
    working_days_left: int | None = None

    @property
    def platform(self) -> str:
        return self.case.platform.name

    @property
    def due(self) -> date:
        return self.occurrence.due


Row = DeadlineRow | ObligationRow


def status_of(request: Request, as_of: date, soon: int, public: bool = False) -> tuple[int, Status]:
    """``days_left`` = due − as-of in calendar days, and the status it gives.

    answered if ``answered`` is set; no-due-date without a due date (days_left 0); else, when
    due < as-of, past in a file that tracks public information (``public``: replies are not
    public) and overdue otherwise; else due-soon if days_left <= ``soon``; else open.
    """
    if request.due is None:
        return 0, "answered" if request.answered is not None else "no-due-date"
    days_left = (request.due - as_of).days
    if request.answered is not None:
        return days_left, "answered"
    if days_left < 0:
        return days_left, "past" if public else "overdue"
    if days_left <= soon:
        return days_left, "due-soon"
    return days_left, "open"


def deadline_rows(
    cases: Iterable[Case],
    as_of: date,
    *,
    include_answered: bool = False,
    soon: int = DEFAULT_SOON,
    resolver: Resolver | None = None,
) -> list[DeadlineRow]:
    """Rows sorted by due date (none last), then platform name, then request id.

    With a ``resolver``, each row also counts the working days left in its request's calendar.
    ``include_answered`` keeps answered requests, and past ones of public-tracking files.
    """
    from dsactl.law.calendars import working_days_between

    rows = []
    for case in cases:
        for request in case.requests:
            days_left, status = status_of(request, as_of, soon, case.public)
            if status in DONE and not include_answered:
                continue
            working = None
            if resolver is not None and request.due is not None:
                calendar = resolver.calendar(request.calendar)
                working = working_days_between(calendar, as_of, request.due)
            rows.append(
                DeadlineRow(
                    case, request, days_left if request.due is not None else None, status, working
                )
            )
    rows.sort(key=lambda r: (r.request.due or date.max, r.platform.casefold(), r.request.id))
    return rows


def obligation_rows(
    occurrences: Iterable[Occurrence],
    as_of: date,
    *,
    include_done: bool = False,
    soon: int = DEFAULT_SOON,
    resolver: Resolver | None = None,
) -> list[ObligationRow]:
    """One row per occurrence (filed and past ones only with ``include_done``)."""
    from dsactl.docket.obligations import status_of_obligation
    from dsactl.law.calendars import working_days_between

    rows = []
    for occurrence in occurrences:
        days_left, status = status_of_obligation(occurrence, as_of, soon)
        if status in DONE and not include_done:
            continue
        working = None
        if resolver is not None:
            calendar = resolver.calendar(occurrence.calendar)
            working = working_days_between(calendar, as_of, occurrence.due)
        rows.append(ObligationRow(occurrence.case, occurrence, days_left, status, working))
    return rows


def all_rows(
    cases: Sequence[Case],
    as_of: date,
    resolver: Resolver,
    *,
    include_done: bool = False,
    soon: int = DEFAULT_SOON,
    only: Only | None = None,
    horizon: date | None = None,
) -> list[Row]:
    """Requests and generated obligations (due from as-of − 365 days up to ``horizon``,
    default as-of + 365 days) together, soonest first; ``only`` keeps one of the two.
    Older obligations are left out (``dsactl obligations --from`` lists any window)."""
    rows: list[Row] = []
    if only != "obligations":
        rows.extend(
            deadline_rows(cases, as_of, include_answered=include_done, soon=soon, resolver=resolver)
        )
    if only != "requests":
        from dsactl.docket.obligations import generate_all

        until = horizon or horizon_of(as_of)
        earliest = _days_before(as_of, HORIZON_DAYS)
        found = [o for o in generate_all(cases, resolver, until=until) if o.due >= earliest]
        rows.extend(
            obligation_rows(found, as_of, include_done=include_done, soon=soon, resolver=resolver)
        )
    rows.sort(key=sort_key)
    return rows


def horizon_of(as_of: date) -> date:
    """as-of + ``HORIZON_DAYS``, or the last day of the calendar when that is later."""
    try:
        return as_of + timedelta(days=HORIZON_DAYS)
    except OverflowError:
        return date.max


def _days_before(day: date, days: int) -> date:
    try:
        return day - timedelta(days=days)
    except OverflowError:
        return date.min


def sort_key(row: Row) -> tuple[date, str, str]:
    if isinstance(row, DeadlineRow):
        return (row.request.due or date.max, row.platform.casefold(), row.request.id)
    occurrence = row.occurrence
    return (
        occurrence.due,
        row.platform.casefold(),
        f"{occurrence.rule.id}#{occurrence.number:04d}",
    )
