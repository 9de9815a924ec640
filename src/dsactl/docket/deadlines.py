"""Reply deadlines across cases: one row per request, with days left and a status."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from dsactl.casefile.model import Case, Request
from dsactl.docket.known import known_case
from dsactl.law.calendars import projections_between, working_days_between

if TYPE_CHECKING:
    from dsactl.casefile.resolve import Resolver
    from dsactl.law.calendars import Projection

Status = Literal["answered", "overdue", "due-soon", "open"]
STATUSES: tuple[Status, ...] = ("overdue", "due-soon", "open", "answered")
DEFAULT_SOON = 7


@dataclass(frozen=True)
class DeadlineRow:
    case: Case
    request: Request
    days_left: int
    status: Status
    #: Working days after as-of up to and including due in the request's calendar
    #: (negative when overdue); None when not computed.
    working_days_left: int | None = None
    #: The projected parts of the holiday calendar that the working-days count spans.
    working_projections: tuple[Projection, ...] = ()

    @property
    def platform(self) -> str:
        return self.case.platform.name

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


def status_of(request: Request, as_of: date, soon: int) -> tuple[int, Status]:
    """``days_left`` = due − as-of in calendar days, and the status it gives.

    answered if ``answered`` is set; else overdue if due < as-of; else due-soon if
    days_left <= ``soon``; else open.
    """
    days_left = (request.due - as_of).days
    if request.answered is not None:
        return days_left, "answered"
    if days_left < 0:
        return days_left, "overdue"
    if days_left <= soon:
        return days_left, "due-soon"
    return days_left, "open"


def projections_of(rows: Iterable[DeadlineRow]) -> tuple[Projection, ...]:
    """Every projected part of a calendar that a due date or a working-days count of
    ``rows`` depends on, sorted, each once."""
    return tuple(sorted({p for row in rows for p in (*row.projections, *row.working_projections)}))


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

    With a ``resolver``, each row also counts the working days left in its request's calendar.
    """
    rows = []
    for case in cases:
        # As known on as-of: requests sent later are left out, replies given later not yet in.
        for request in known_case(case, as_of)[0].requests:
            days_left, status = status_of(request, as_of, soon)
            if status == "answered" and not include_answered:
                continue
            working = None
            projections: tuple[Projection, ...] = ()
            if resolver is not None:
                calendar = resolver.calendar(request.calendar)
                working = working_days_between(calendar, as_of, request.due)
                projections = projections_between(calendar, as_of, request.due)
            rows.append(DeadlineRow(case, request, days_left, status, working, projections))
    rows.sort(key=lambda r: (r.request.due, r.platform.casefold(), r.request.id))
    return rows
