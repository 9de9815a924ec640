"""Statutory obligations generated from a case file's anchors ("rules-based calendaring").

Enter the trigger (a designation notified, an audit report received), get every deadline it
implies, each with the rule that produced it. The rules are data (``dsactl.law.rulesets``);
``docket.schedule`` finds the days each rule falls due, and this module numbers them into
occurrences for one case:

- a period from an anchor is counted under Regulation 1182/71 in the rule set's calendar
  (``law.periods.compute_deadline``, with its explanation steps), so it ends on a working day;
- the DSA date of application A = N + 4 months is a date of application: counted, never
  moved (Art. 4(1) of Regulation 1182/71);
- a fixed calendar date ("by 31 August") is not a period and is not moved: its weekday is
  shown and the output says so.

Occurrences are numbered per rule from the first (1) in order of due date: `[[filings]]` name
them by that number. Pure: no printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from sys import intern
from typing import TYPE_CHECKING, Literal, TypeVar

from msgspec import Struct

from dsactl.casefile.model import Case, Filing
from dsactl.docket.schedule import (
    APPLICATION_PERIOD,
    FROM_DESIGNATION,
    WEEKDAYS,
    Context,
    Draft,
    rule_drafts,
)
from dsactl.errors import DsactlError
from dsactl.law.periods import PeriodResult, Step, compute_application_date
from dsactl.law.rulesets import ObligationRule, RuleSet

if TYPE_CHECKING:
    from dsactl.casefile.resolve import Resolver
    from dsactl.law.calendars import Calendar, Projection

_T = TypeVar("_T")

ObligationStatus = Literal["filed", "overdue", "past", "due-soon", "open"]


class Occurrence(Struct, frozen=True):
    """One dated occurrence of an obligation for one case."""

    case: Case
    ruleset: RuleSet
    rule: ObligationRule
    #: 1 = the rule's first occurrence for this case, in order of due date.
    number: int
    due: date
    #: Which occurrence this is, in words ("reporting period 1 Jan 2025-30 Jun 2025").
    label: str
    #: How the due date was found, in one line ("A + 2 months, A = 25 Aug 2023").
    basis: str
    #: True for a fixed calendar date (not a period, not moved).
    fixed: bool
    calendar: str
    steps: tuple[Step, ...] = ()
    projected: bool = False
    notes: tuple[str, ...] = ()
    filing: Filing | None = None
    #: The projected parts of the calendar the due date depends on (empty when none).
    projections: tuple[Projection, ...] = ()

    @property
    def platform(self) -> str:
        return self.case.platform.name

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.due.weekday()]


class Generated(Struct, frozen=True):
    """A case's occurrences (sorted by due date) and what kept some from being generated."""

    occurrences: tuple[Occurrence, ...]
    notes: tuple[str, ...] = ()
    #: Anchor days computed once per case, with how they were found (A, Nt + 4 months).
    anchors: tuple[tuple[str, PeriodResult], ...] = ()


def status_of_obligation(
    occurrence: Occurrence, as_of: date, soon: int
) -> tuple[int, ObligationStatus]:
    """``days_left`` = due − as-of; filed when a filing is recorded, else past (a file that
    tracks public information) or overdue when due < as-of, due-soon within ``soon`` days."""
    days_left = (occurrence.due - as_of).days
    if occurrence.filing is not None:
        return days_left, "filed"
    if days_left < 0:
        return days_left, "past" if occurrence.case.public else "overdue"
    if days_left <= soon:
        return days_left, "due-soon"
    return days_left, "open"


def generate(
    case: Case,
    rulesets: Mapping[str, RuleSet],
    resolver: Resolver,
    *,
    until: date,
) -> Generated:
    """Every occurrence due on or before ``until`` of the rules that apply to ``case``."""
    names = case.rule_sets
    occurrences: list[Occurrence] = []
    notes: list[str] = []
    anchors: list[tuple[str, PeriodResult]] = []
    filed: dict[tuple[str, int], Filing] = {}
    for filing in case.filings:
        filed.setdefault((filing.rule, filing.occurrence), filing)
    for name in names:
        ruleset = rulesets.get(name)
        if ruleset is None:
            notes.append(f"rule set `{name}` is not known")
            continue
        calendar = resolver.calendar(ruleset.calendar)
        ctx = Context(case, calendar, until)
        cutoff = _designation_cutoff(case, ruleset, calendar, ctx)
        for rule in ruleset.rules:
            filings = {n: f for (r, n), f in filed.items() if r == rule.id}
            try:
                drafts = rule_drafts(rule, ctx, filings)
            except DsactlError as exc:  # a date beyond what the calendar can count
                notes.append(f"{rule.id}: not generated: {exc.message}")
                continue
            drafts.sort(key=lambda d: (d.due, d.order))
            for number, draft in enumerate(drafts, start=1):
                if cutoff is not None and draft.due > cutoff:
                    continue
                occurrences.append(_occurrence(case, ruleset, rule, number, draft, filings))
        if ruleset.ends_with_designation and ctx.notification() is None:
            needs = {"notification", "application"}
            if any(r.anchor in needs for r in ruleset.rules):
                notes.append(
                    f"{ruleset.id}: no designation date ([platform] notified or designated): "
                    "the obligations that run from it are not generated"
                )
        found = ctx.notification()
        if found is not None and found[1] and ruleset.ends_with_designation:
            notes.append(f"{ruleset.id}: {FROM_DESIGNATION}")
        for anchor in ctx.anchors:
            if anchor not in anchors:
                anchors.append(anchor)
    occurrences.sort(key=lambda o: (o.due, o.rule.id, o.number))
    return Generated(tuple(occurrences), tuple(dict.fromkeys(notes)), tuple(anchors))


def _designation_cutoff(
    case: Case, ruleset: RuleSet, calendar: Calendar, ctx: Context
) -> date | None:
    """Nt + 4 months: no occurrence due later is generated (Art. 33(6) DSA)."""
    ended = case.platform.designation_ended
    if not ruleset.ends_with_designation or ended is None:
        return None
    try:
        result = compute_application_date(ended, APPLICATION_PERIOD, calendar)
    except DsactlError:
        return None
    ctx.anchors.append(("Nt + 4 months", result))
    return result.end


def _occurrence(
    case: Case,
    ruleset: RuleSet,
    rule: ObligationRule,
    number: int,
    draft: Draft,
    filings: Mapping[int, Filing],
) -> Occurrence:
    notes = list(draft.notes)
    result = draft.result
    if result is not None and result.projected:
        projected = [s.reason for s in result.steps if s.rule == "Art. 2"]
        notes.append(
            projected[-1]
            if projected
            else f"some {result.calendar} holidays counted are projected, not published"
        )
    if rule.ambiguity:
        notes.append(f"ambiguity: {rule.ambiguity}")
    return Occurrence(
        case=case,
        ruleset=ruleset,
        rule=rule,
        number=number,
        due=draft.due,
        label=intern(draft.label),
        basis=intern(draft.basis),
        fixed=draft.fixed,
        calendar=ruleset.calendar,
        steps=_steps(result),
        projected=bool(result is not None and result.projected),
        projections=_shared(result.projections) if result is not None else (),
        notes=_shared(tuple(dict.fromkeys(intern(n) for n in notes if n))),
        filing=filings.get(number),
    )


# Cases designated on the same day (most VLOPs were) get occurrences with the same labels,
# bases and notes: each text and tuple is kept once (``sys.intern``, ``_shared``), not once
# per occurrence (on 10 000 case files, about a third of the memory of `deadlines`).
@lru_cache(maxsize=4096)
def _shared(texts: tuple[_T, ...]) -> tuple[_T, ...]:
    """The first tuple equal to ``texts`` that was seen (a bounded cache, never a leak)."""
    return texts


_STEPS: dict[int, tuple[PeriodResult, tuple[Step, ...]]] = {}


def _steps(result: PeriodResult | None) -> tuple[Step, ...]:
    """The steps of ``result`` as a tuple, one tuple per result (results are cached and
    shared by every case counted from the same day)."""
    if result is None:
        return ()
    found = _STEPS.get(id(result))
    if found is None or found[0] is not result:
        found = _STEPS[id(result)] = (result, tuple(result.steps))
    return found[1]


def generate_all(
    cases: Iterable[Case],
    resolver: Resolver,
    *,
    until: date,
) -> list[Occurrence]:
    """Every case's occurrences due on or before ``until``, by due date then platform."""
    rulesets = resolver.rulesets_by_id()
    found: list[Occurrence] = []
    for case in cases:
        if case.rule_sets:
            found.extend(generate(case, rulesets, resolver, until=until).occurrences)
    found.sort(key=lambda o: (o.due, o.platform.casefold(), o.rule.id, o.number))
    return found


def window(
    occurrences: Sequence[Occurrence], start: date | None, end: date | None
) -> list[Occurrence]:
    return [
        o
        for o in occurrences
        if (start is None or o.due >= start) and (end is None or o.due <= end)
    ]
