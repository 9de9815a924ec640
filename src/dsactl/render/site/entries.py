"""One line of a deadline table: a request (or another dated duty) as the pages show it.

The core gives one row type per kind of deadline; the templates want one shape. An ``Entry``
carries what a row of the tables shows (what is due, when, its status and days left, how the
date was counted, the source) and the row it came from. Nothing is computed here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from msgspec import Struct

from dsactl.law.dates import human

if TYPE_CHECKING:
    from dsactl.docket.deadlines import DeadlineRow, ObligationRow, Row
    from dsactl.docket.missed import MissedExposure
    from dsactl.law.periods import Step

#: What identifies a row within its case: ("request", id) or ("obligation", rule, number).
Key = tuple[str, ...]


class Explanation(Struct, frozen=True):
    """How a date was counted: one line, then each step (Regulation 1182/71)."""

    summary: str
    steps: tuple[Step, ...]
    #: The count looked at days whose holidays are only projected.
    projected: bool


class Entry(Struct, frozen=True):
    key: Key
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
    #: The due date was counted (a period, a rule), not given as such.
    computed: bool = False
    #: Lines said beside the entry: ambiguities of a rule, the maxima of a missed deadline.
    remarks: tuple[str, ...] = ()
    #: The record of the filing or reply, when the file gives one.
    done_source: str | None = None


def key_of(row: Row) -> Key:
    from dsactl.docket.deadlines import DeadlineRow

    if isinstance(row, DeadlineRow):
        return ("request", row.request.id)
    return ("obligation", row.occurrence.rule.id, str(row.occurrence.number))


def entry_of(row: Row, page: str, anchor: str, exposure: MissedExposure | None = None) -> Entry:
    from dsactl.docket.deadlines import DeadlineRow

    if isinstance(row, DeadlineRow):
        return request_entry(row, page, anchor, exposure)
    return obligation_entry(row, page, anchor)


def _exposure_remarks(exposure: MissedExposure | None) -> tuple[str, ...]:
    """The maxima a missed deadline set by a decision exposes the provider to, as the core
    computed them (``docket.missed``)."""
    if exposure is None:
        return ()
    from dsactl.law.money import grouped

    late = f"{exposure.days_late} day(s) late" + (
        " (answered late)" if exposure.answered_late else ""
    )
    text = (
        f"Missed, {late}: periodic penalty up to {exposure.currency} "
        f"{grouped(exposure.per_day)} a day ({exposure.per_day_article}); fine up to "
        f"{exposure.currency} {grouped(exposure.procedural_cap)} ({exposure.procedural_article})"
    )
    return (text + ".", *exposure.notes)


def request_entry(
    row: DeadlineRow, page: str, anchor: str, exposure: MissedExposure | None = None
) -> Entry:
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
        key=key_of(row),
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
        computed=request.computed,
        remarks=((request.counted_from,) if request.counted_from else ())
        + _exposure_remarks(exposure),
    )


def obligation_entry(row: ObligationRow, page: str, anchor: str) -> Entry:
    """A statutory obligation generated from a rule set: what the rule asks, of whom, when."""
    from dsactl.render.deadlines import subject_of

    occurrence = row.occurrence
    rule = occurrence.rule
    basis = occurrence.basis
    notes = tuple(occurrence.notes)
    if rule.ambiguity and not any(rule.ambiguity in note for note in notes):
        notes += (f"ambiguity: {rule.ambiguity}",)
    filing = occurrence.filing
    return Entry(
        key=key_of(row),
        platform=row.platform,
        page=page,
        anchor=anchor,
        label=f"{rule.id} #{occurrence.number}",
        kind=rule.article,
        subject=subject_of(row),
        start=None,
        start_word="",
        due=occurrence.due,
        done=filing.filed if filing is not None else None,
        status=row.status,
        days_left=row.days_left,
        working_days_left=row.working_days_left,
        explanation=Explanation(basis, tuple(occurrence.steps), occurrence.projected),
        source=rule.source,
        note=None,
        projected=row.projected,
        working_projected=row.working_days_projected,
        computed=not occurrence.fixed,
        remarks=notes,
        done_source=filing.source if filing is not None else None,
    )
