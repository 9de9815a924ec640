"""Statutory obligations generated from a case file's anchors ("rules-based calendaring").

Enter the trigger (a designation notified, an audit report received), get every deadline it
implies, each with the rule that produced it. The rules are data (``dsactl.law.rulesets``);
this module turns them into dated occurrences for one case:

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

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from dsactl.casefile.model import Case, Filing
from dsactl.errors import DsactlError
from dsactl.law.dates import human
from dsactl.law.periods import (
    Period,
    PeriodResult,
    Step,
    compute_application_date,
    compute_deadline,
)
from dsactl.law.rulesets import ANCHOR_KIND, ObligationRule, RuleSet

if TYPE_CHECKING:
    from dsactl.casefile.resolve import Resolver
    from dsactl.law.calendars import Calendar, Projection

ObligationStatus = Literal["filed", "overdue", "past", "due-soon", "open"]

#: A designation's obligations apply four months after its notification (Art. 33(6) DSA).
APPLICATION_PERIOD = Period(4, "months")
FROM_DESIGNATION = "counted from designation (the notification day is not recorded)"
FIXED_DATE = (
    "a fixed calendar date, not a period: not moved to a working day (Art. 3(4) of Regulation "
    "1182/71 moves the end of a period; whether it also moves a fixed date is not settled)"
)
#: Never more occurrences of one rule than this (a yearly rule over a century).
MAX_OCCURRENCES = 400


def days_in_month(year: int, month: int) -> int:
    from calendar import monthrange

    return monthrange(year, month)[1]


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Occurrence:
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
        return _WEEKDAYS[self.due.weekday()]


@dataclass(frozen=True)
class Generated:
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


@dataclass
class _Instance:
    """One anchor a rule counts from: its day, what it is, and notes for every occurrence."""

    start: date
    label: str
    basis: str
    notes: tuple[str, ...] = ()


@dataclass
class _Draft:
    due: date
    label: str
    basis: str
    fixed: bool
    result: PeriodResult | None
    notes: tuple[str, ...] = ()
    order: tuple[int, int] = (0, 0)


@dataclass
class _Context:
    case: Case
    calendar: Calendar
    until: date
    notes: list[str] = field(default_factory=list)
    anchors: list[tuple[str, PeriodResult]] = field(default_factory=list)
    _n: tuple[date, str] | bool | None = False
    _a: PeriodResult | bool | None = False

    def notification(self) -> tuple[date, str] | None:
        """N: the notification day, else the designation day (said in every occurrence)."""
        if self._n is False:
            platform = self.case.platform
            if platform.notified is not None:
                self._n = (platform.notified, "")
            elif platform.designated is not None:
                self._n = (platform.designated, FROM_DESIGNATION)
            else:
                self._n = None
        return self._n if not isinstance(self._n, bool) else None

    def application(self) -> PeriodResult | None:
        """A = N + 4 months (Art. 33(6) DSA), a date of application: never moved."""
        if self._a is False:
            found = self.notification()
            self._a = None
            if found is not None:
                self._a = compute_application_date(found[0], APPLICATION_PERIOD, self.calendar)
                self.anchors.append(("A", self._a))
        return self._a if not isinstance(self._a, bool) else None


def _instances(rule: ObligationRule, ctx: _Context) -> list[_Instance]:
    case = ctx.case
    anchor = rule.anchor
    if anchor == "fixed":
        assert rule.since is not None
        return [_Instance(rule.since, "", f"from {human(rule.since)}")]
    if anchor in ("notification", "application"):
        found = ctx.notification()
        if found is None:
            return []
        day, note = found
        notes = (note,) if note else ()
        which = "N (designation)" if note else "N"
        if anchor == "notification":
            return [_Instance(day, "", f"{which} = {day.isoformat()}", notes)]
        application = ctx.application()
        assert application is not None
        a_day = application.end
        basis = f"A = {a_day.isoformat()} ({which} {day.isoformat()} + 4 months, Art. 33(6))"
        return [_Instance(a_day, "", basis, notes)]
    if anchor == "dma-designation":
        groups: dict[date, list[str]] = {}
        pattern = re.compile(rule.services) if rule.services else None
        for entry in case.dma:
            if pattern is None or pattern.search(entry.service):
                groups.setdefault(entry.designated, []).append(entry.service)
        return [
            _Instance(day, ", ".join(names), f"D = {day.isoformat()} ({', '.join(names)})")
            for day, names in sorted(groups.items())
        ]
    kind = ANCHOR_KIND[anchor]
    days = sorted({a.date for a in case.anchors if a.kind == kind})
    letter = {"audit-report": "R", "audit-recommendations": "Rr"}.get(anchor, kind)
    return [
        _Instance(day, f"{kind} {day.isoformat()}", f"{letter} = {day.isoformat()}") for day in days
    ]


def _times(period: Period, k: int) -> Period:
    return Period(period.count * k, period.unit)


def _counted(start: date, period: Period | None, ctx: _Context) -> tuple[date, PeriodResult | None]:
    if period is None:
        return start, None
    result = compute_deadline(start, period, ctx.calendar)
    return result.end, result


def _fixed_dates(rule: ObligationRule, inst: _Instance, ctx: _Context) -> list[_Draft]:
    drafts: list[_Draft] = []
    year = inst.start.year
    while year <= ctx.until.year and len(drafts) < MAX_OCCURRENCES:
        for month, day in rule.dates:
            due = date(year, month, min(day, days_in_month(year, month)))
            if inst.start <= due <= ctx.until:
                weekday = _WEEKDAYS[due.weekday()]
                drafts.append(
                    _Draft(
                        due,
                        str(year),
                        f"fixed date {due.day} {due:%b} ({weekday}); {inst.basis}",
                        True,
                        None,
                        (*inst.notes, FIXED_DATE),
                    )
                )
        year += 1
    return drafts


def _period_start(rule: ObligationRule, end: date) -> date:
    """The first day of the reporting period ending on ``end``: the day after the previous end."""
    ends = rule.period_ends
    index = ends.index((end.month, end.day)) if (end.month, end.day) in ends else 0
    if index > 0:
        month, day = ends[index - 1]
        previous = date(end.year, month, day)
    else:
        month, day = ends[-1]
        previous = date(end.year - 1, month, min(day, days_in_month(end.year - 1, month)))
    return previous + timedelta(days=1)


def _reporting_periods(
    rule: ObligationRule, inst: _Instance, ctx: _Context, *, all_until: date, limit: int
) -> list[_Draft]:
    """Fixed reporting periods ending after the anchor (and starting on or after
    ``periods_from``), each due ``after_end`` after its end, up to ``all_until``; at most
    ``limit`` of them."""
    assert rule.after_end is not None
    drafts: list[_Draft] = []
    year = min(inst.start.year, (rule.periods_from or inst.start).year)
    while len(drafts) < limit and year < date.max.year:
        for month, day in rule.period_ends:
            end = date(year, month, min(day, days_in_month(year, month)))
            begin = _period_start(rule, end)
            if end < inst.start or (end == inst.start and rule.anchor != "fixed"):
                continue
            if rule.periods_from is not None and begin < rule.periods_from:
                continue
            due, result = _counted(end, rule.after_end, ctx)
            if due > all_until:
                return drafts
            if len(drafts) >= limit:
                return drafts
            label = f"reporting period {human(begin)} – {human(end)}"
            drafts.append(
                _Draft(
                    due,
                    label,
                    f"end of the reporting period ({end.isoformat()}) + {rule.after_end}",
                    False,
                    result,
                    inst.notes,
                )
            )
        year += 1
    return drafts


def _chain(
    rule: ObligationRule, inst: _Instance, ctx: _Context, filings: Mapping[int, Filing], stop: date
) -> list[_Draft]:
    """The first occurrence (anchor + first), then one each ``every`` while due < ``stop``."""
    drafts: list[_Draft] = []
    letter = inst.basis.split(" ", 1)[0]
    due, result = _counted(inst.start, rule.first, ctx)
    what = f"{letter} + {rule.first}" if rule.first else f"on {letter}"
    drafts.append(_Draft(due, inst.label, f"{what}; {inst.basis}", False, result, inst.notes))
    if rule.every is None:
        return drafts
    k = 1
    #: "previous": the last occurrence whose filing is recorded, and its number.
    last_filed: tuple[date, int] | None = None
    while len(drafts) < MAX_OCCURRENCES:
        k += 1
        filed = filings.get(k - 1)
        if rule.every_from == "previous" and filed is not None:
            last_filed = (filed.filed, k - 1)
        if last_filed is not None:
            total = _times(rule.every, k - last_filed[1])
            due, result = _counted(last_filed[0], total, ctx)
            basis = (
                f"{total} from the last one done (occurrence {last_filed[1]}, filed "
                f"{last_filed[0].isoformat()})"
            )
        elif rule.first is not None and rule.first.unit == rule.every.unit:
            total = Period(rule.first.count + (k - 1) * rule.every.count, rule.every.unit)
            due, result = _counted(inst.start, total, ctx)
            basis = f"{letter} + {total}; {inst.basis}"
        elif rule.first is None:
            total = _times(rule.every, k - 1)
            due, result = _counted(inst.start, total, ctx)
            basis = f"{letter} + {total}; {inst.basis}"
        else:  # mixed units: from the previous due date
            due, result = _counted(drafts[-1].due, rule.every, ctx)
            basis = f"{rule.every} after the previous due date"
        if due > ctx.until or due >= stop:
            break
        drafts.append(_Draft(due, inst.label, basis, False, result, inst.notes))
    return drafts


def _rule_drafts(
    rule: ObligationRule, ctx: _Context, filings: Mapping[int, Filing]
) -> list[_Draft]:
    drafts: list[_Draft] = []
    for index, inst in enumerate(_instances(rule, ctx)):
        if rule.dates:
            found = _fixed_dates(rule, inst, ctx)
        elif rule.period_ends:
            fixed = _reporting_periods(rule, inst, ctx, all_until=ctx.until, limit=MAX_OCCURRENCES)
            # The first fixed report due, even beyond the window, ends the rolling ones.
            first_fixed = fixed or _reporting_periods(
                rule, inst, ctx, all_until=date(9000, 1, 1), limit=1
            )
            stop = first_fixed[0].due if first_fixed else date.max
            rolling = _chain(rule, inst, ctx, filings, stop) if rule.anchor != "fixed" else []
            found = [*rolling, *(d for d in fixed if d.due <= ctx.until)]
        else:
            found = _chain(rule, inst, ctx, filings, date.max)
        for position, draft in enumerate(found):
            draft.order = (index, position)
        drafts.extend(found)
    return drafts


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
        ctx = _Context(case, calendar, until)
        cutoff = _designation_cutoff(case, ruleset, calendar, ctx)
        for rule in ruleset.rules:
            filings = {n: f for (r, n), f in filed.items() if r == rule.id}
            try:
                drafts = _rule_drafts(rule, ctx, filings)
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
    case: Case, ruleset: RuleSet, calendar: Calendar, ctx: _Context
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
    draft: _Draft,
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
        label=draft.label,
        basis=draft.basis,
        fixed=draft.fixed,
        calendar=ruleset.calendar,
        steps=_steps(result),
        projected=bool(result is not None and result.projected),
        projections=result.projections if result is not None else (),
        notes=tuple(dict.fromkeys(n for n in notes if n)),
        filing=filings.get(number),
    )


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
