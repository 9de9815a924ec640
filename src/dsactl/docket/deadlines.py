"""Deadlines across cases: one row per request, and one per generated obligation, with days
left and a status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from msgspec import Struct

from dsactl.casefile.model import Case, Request
from dsactl.docket.known import known_case
from dsactl.docket.missed import EXPOSED_KINDS, MissedExposure, dsa_regime, missed_exposure
from dsactl.docket.obligations import Occurrence, generate_all, status_of_obligation
from dsactl.errors import InputError, UsageError
from dsactl.law.calendars import (
    FIRST_YEAR,
    LAST_YEAR,
    projections_between,
    working_days_between,
)

if TYPE_CHECKING:
    from dsactl.casefile.resolve import Resolver
    from dsactl.law.calendars import Projection
    from dsactl.law.regimes import Regime

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
#: How far ahead (and back) generated obligations are listed by ``deadlines``, ``show`` and
#: the calendar export.
HORIZON_DAYS = 365
Only = Literal["requests", "obligations"]


class DeadlineRow(Struct, frozen=True):
    case: Case
    request: Request
    #: due − as-of in calendar days; None without a due date.
    days_left: int | None
    status: Status
    #: Working days after as-of up to and including due in the request's calendar
    #: (negative when overdue); None when not computed.
    working_days_left: int | None = None
    #: The projected parts of the holiday calendar that the working-days count spans.
    working_projections: tuple[Projection, ...] = ()
    #: A missed deadline set by a decision: its Art. 76 / Art. 74(2) maxima under the
    #: resolver's ``dsa`` regime (``docket.missed``); None elsewhere, or without a resolver.
    exposure: MissedExposure | None = None

    @property
    def platform(self) -> str:
        return self.case.platform.name

    @property
    def due(self) -> date | None:
        return self.request.due

    @property
    def projections(self) -> tuple[Projection, ...]:
        """The projected parts of the calendar that the due date depends on (a ``period``
        counted over projected public holidays); empty for a due date given as such."""
        explanation = self.request.explanation
        return explanation.projections if explanation is not None else ()

    @property
    def projected(self) -> bool:
        """True when the due date depends on projected public holidays."""
        return bool(self.projections)

    @property
    def working_days_projected(self) -> bool:
        """True when the working days left count days whose status is only projected."""
        return bool(self.working_projections)


class ObligationRow(Struct, frozen=True):
    """One generated obligation occurrence as a deadline."""

    case: Case
    occurrence: Occurrence
    days_left: int
    status: Status
    working_days_left: int | None = None
    working_projections: tuple[Projection, ...] = ()

    @property
    def platform(self) -> str:
        return self.case.platform.name

    @property
    def due(self) -> date:
        return self.occurrence.due

    @property
    def projections(self) -> tuple[Projection, ...]:
        return self.occurrence.projections

    @property
    def projected(self) -> bool:
        return bool(self.projections)

    @property
    def working_days_projected(self) -> bool:
        return bool(self.working_projections)


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


def projections_of(rows: Iterable[Row]) -> tuple[Projection, ...]:
    """Every projected part of a calendar that a due date or a working-days count of
    ``rows`` depends on, sorted, each once."""
    return tuple(sorted({p for row in rows for p in (*row.projections, *row.working_projections)}))


class _WorkingDays:
    """The working days from as-of to a due day in a calendar, and the projected parts of
    the calendar the count depends on: counted once per calendar and day (the rows of many
    cases share due days), and the same tuple shared by every row that has it."""

    def __init__(self, resolver: Resolver | None, as_of: date) -> None:
        self.resolver, self.as_of = resolver, as_of
        self.known: dict[tuple[str, date], tuple[int, tuple[Projection, ...]]] = {}

    def __call__(self, name: str, due: date) -> tuple[int, tuple[Projection, ...]]:
        found = self.known.get((name, due))
        if found is None:
            assert self.resolver is not None
            calendar = self.resolver.calendar(name)
            try:
                found = (
                    working_days_between(calendar, self.as_of, due),
                    projections_between(calendar, self.as_of, due),
                )
            except UsageError as exc:
                raise _beyond_calendar(self.as_of, exc) from None
            self.known[name, due] = found
        return found


def deadline_rows(
    cases: Iterable[Case],
    as_of: date,
    *,
    include_answered: bool = False,
    soon: int = DEFAULT_SOON,
    resolver: Resolver | None = None,
) -> list[DeadlineRow]:
    """Rows sorted by due date, then platform name, then request id, as known on ``as_of``
    (``docket.known``: a request sent later is left out, a reply given later is not yet in).

    With a ``resolver``, each row also counts the working days left in its request's calendar,
    and a missed deadline set by a decision carries its ``exposure`` under the resolver's
    ``dsa`` regime (a user's regime file with that id replaces the built-in one).
    """
    rows = []
    counted = _WorkingDays(resolver, as_of)
    regime: Regime | None = None
    looked = False  # for the dsa regime, once, and only when a row can have an exposure
    for case in cases:
        # As known on as-of: requests sent later are left out, replies given later not yet in.
        for request in known_case(case, as_of)[0].requests:
            days_left, status = status_of(request, as_of, soon, case.public)
            if status in DONE and not include_answered:
                continue
            working = None
            projections: tuple[Projection, ...] = ()
            if resolver is not None and request.due is not None:
                working, projections = counted(request.calendar, request.due)
            exposure = None
            if resolver is not None and request.kind in EXPOSED_KINDS:
                if not looked:
                    regime, looked = dsa_regime(resolver), True
                exposure = missed_exposure(case, request, as_of, regime)
            left = days_left if request.due is not None else None
            rows.append(DeadlineRow(case, request, left, status, working, projections, exposure))
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
    rows = []
    counted = _WorkingDays(resolver, as_of)
    for occurrence in occurrences:
        days_left, status = status_of_obligation(occurrence, as_of, soon)
        if status in DONE and not include_done:
            continue
        working = None
        projections: tuple[Projection, ...] = ()
        if resolver is not None:
            working, projections = counted(occurrence.calendar, occurrence.due)
        rows.append(
            ObligationRow(occurrence.case, occurrence, days_left, status, working, projections)
        )
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
        until = horizon or horizon_of(as_of)
        earliest = _days_before(as_of, HORIZON_DAYS)
        known = [known_case(case, as_of)[0] for case in cases]
        found = [o for o in generate_all(known, resolver, until=until) if o.due >= earliest]
        rows.extend(
            obligation_rows(found, as_of, include_done=include_done, soon=soon, resolver=resolver)
        )
    rows.sort(key=sort_key)
    return rows


def listed_rows(
    cases: Sequence[Case],
    as_of: date,
    resolver: Resolver,
    *,
    soon: int = DEFAULT_SOON,
    include_all: bool = False,
    calendar_export: bool = False,
    only: Only | None = None,
) -> tuple[list[Row], int]:
    """The rows `dsactl deadlines` lists, and how many it leaves out: answered, filed and
    past rows only with ``include_all``; a calendar export keeps the answered and filed ones
    (as cancelled events, so that a calendar which imported them earlier removes them)."""
    every = all_rows(cases, as_of, resolver, include_done=True, soon=soon, only=only)
    keep = {"answered", "filed"} if calendar_export else set()
    rows = [r for r in every if include_all or r.status not in DONE or r.status in keep]
    return rows, len(every) - len(rows)


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


def _beyond_calendar(as_of: date, error: UsageError) -> UsageError:
    """The error of a holiday year that cannot be known, said of the as-of date when it is
    the date out of range (``--as-of 9999-12-31``), else as it was."""
    if FIRST_YEAR <= as_of.year <= LAST_YEAR:
        return error
    return InputError(
        f"{as_of} is outside the years whose Commission holidays dsactl can project "
        f"({FIRST_YEAR}-{LAST_YEAR}), so the working days left cannot be counted from it",
        input="as_of",
        hint=f"give a date from {FIRST_YEAR} to {LAST_YEAR}",
    )
