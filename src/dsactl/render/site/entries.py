"""One line of a deadline table: a request (or another dated duty) as the pages show it.

The core gives one row type per kind of deadline; the templates want one shape. An ``Entry``
carries what a row of the tables shows (what is due, when, its status and days left, how the
date was counted, the source) and the row it came from. Nothing is computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dsactl.law.dates import human

if TYPE_CHECKING:
    from dsactl.docket.deadlines import DeadlineRow
    from dsactl.law.periods import Step


@dataclass(frozen=True)
class Explanation:
    """How a date was counted: one line, then each step (Regulation 1182/71)."""

    summary: str
    steps: tuple[Step, ...]
    #: The count looked at days whose holidays are only projected.
    projected: bool


@dataclass(frozen=True)
class Entry:
    #: The platform's name, and its page and the id of this entry's row there.
    platform: str
    page: str
    anchor: str
    #: The request id (what the entry is called), its kind, and what it is about.
    label: str
    kind: str
    subject: str
    #: When it started (a request's ``sent``), with the word for it.
    start: date | None
    start_word: str
    due: date | None
    #: When it was done (a request's ``answered``), if it was.
    done: date | None
    status: str
    days_left: int | None
    working_days_left: int | None
    explanation: Explanation | None
    source: str | None
    note: str | None
    #: The due date depends on public holidays that are only projected.
    projected: bool = False
    #: The working days left count days whose public holidays are only projected.
    working_projected: bool = False

    @property
    def computed(self) -> bool:
        return self.explanation is not None


def request_entry(row: DeadlineRow, page: str, anchor: str) -> Entry:
    request = row.request
    explanation = None
    result = request.explanation
    if result is not None:
        period = request.period or str(result.period)
        explanation = Explanation(
            f"{period} from {human(result.start)} ({result.calendar} calendar)",
            tuple(result.steps),
            result.projected,
        )
    return Entry(
        platform=row.platform,
        page=page,
        anchor=anchor,
        label=request.id,
        kind=request.kind,
        subject=request.subject,
        start=request.sent,
        start_word="sent",
        due=request.due,
        done=request.answered,
        status=row.status,
        days_left=row.days_left,
        working_days_left=row.working_days_left,
        explanation=explanation,
        source=request.source,
        note=request.note,
        projected=row.projected,
        working_projected=row.working_days_projected,
    )
