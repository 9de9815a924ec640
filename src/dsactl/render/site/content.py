"""What the site shows, gathered from the core: nothing here counts a date or a cap.

Every figure comes from the functions the other commands use (``deadline_rows``,
``summarise``, ``build_timeline``); this module only groups and orders them for the pages
(the deadlines that matter now, one overview line per platform, one page per platform).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from dsactl.docket.deadlines import DeadlineRow, deadline_rows
from dsactl.docket.summary import PlatformSummary, summarise
from dsactl.docket.timeline import Timeline, build_timeline

if TYPE_CHECKING:
    from dsactl.casefile.findings import Finding
    from dsactl.casefile.model import Case, ImposedFine
    from dsactl.docket.exposure import ImposedComparison
    from dsactl.docket.load import Docket
    from dsactl.law.fines import Cap, FineReport

#: Open deadlines due within this many days are listed on the front page.
HORIZON_DAYS = 90
#: Columns of the timeline picture (one column is a slice of days).
TIMELINE_COLUMNS = 120


@dataclass(frozen=True)
class Group:
    """One urgency group of the front page."""

    key: str
    heading: str
    explanation: str
    rows: tuple[DeadlineRow, ...]


@dataclass(frozen=True)
class LargestCap:
    report: FineReport
    cap: Cap


@dataclass(frozen=True)
class PlatformPage:
    case: Case
    #: File names in the site folder (relative links: the site works from any sub-path).
    page: str
    json: str
    summary: PlatformSummary
    open_proceedings: int
    overdue: int
    next_row: DeadlineRow | None
    largest: LargestCap | None
    #: Request id -> the id of its row on the page (``request-<slug>``, distinct).
    anchors: dict[str, str]

    @property
    def name(self) -> str:
        return self.case.platform.name

    @property
    def imposed(self) -> tuple[ImposedFine, ...]:
        return self.case.fines

    @property
    def comparison(self) -> tuple[ImposedComparison | None, ...]:
        """Each imposed fine against its cap (None where no cap could be computed)."""
        fines = self.summary.fines
        if fines is None:
            return tuple(None for _ in self.case.fines)
        return fines.imposed


@dataclass(frozen=True)
class BrokenFile:
    display: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class BuildInfo:
    """Where and when the site was built (the footer of every page)."""

    built: datetime
    version: str
    commit: str | None = None
    dirty: bool = False


@dataclass(frozen=True)
class SiteContent:
    title: str
    as_of: date
    soon: int
    horizon: int
    #: Every deadline, answered ones included, soonest first (the rows of ``data.json``).
    rows: tuple[DeadlineRow, ...]
    groups: tuple[Group, ...]
    #: Open deadlines beyond the horizon, and answered ones (counted on the front page).
    later: int
    answered: int
    platforms: tuple[PlatformPage, ...]
    #: The page of each case, by its file path.
    page_of: dict[str, PlatformPage]
    timeline: Timeline
    broken: tuple[BrokenFile, ...]
    build: BuildInfo


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """``Google Search`` -> ``google-search``; accents dropped, never empty."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_only).strip("-")[:60].strip("-") or "platform"


def distinct(prefix: str, names: Sequence[str]) -> list[str]:
    """``prefix-<slug>`` for each name, in order, made distinct with ``-2``, ``-3`` …"""
    taken: set[str] = set()
    found = []
    for text in names:
        base = f"{prefix}-{slug(text)}"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        found.append(name)
    return found


def _largest_cap(summary: PlatformSummary) -> LargestCap | None:
    """The highest cap with an amount among every regime's tiers (all in the turnover's
    currency, so they compare directly); None without caps."""
    best: LargestCap | None = None
    if summary.fines is None:
        return None
    for report in summary.fines.reports:
        for cap in report.caps:
            if cap.amount is None:
                continue
            if best is None or cap.amount > (best.cap.amount or Decimal(0)):
                best = LargestCap(report, cap)
    return best


def _platform_page(case: Case, stem: str, summary: PlatformSummary) -> PlatformPage:
    ids = [r.id for r in case.requests]
    unanswered = [r for r in summary.deadlines if r.status in ("due-soon", "open")]
    return PlatformPage(
        case=case,
        page=f"{stem}.html",
        json=f"{stem}.json",
        summary=summary,
        open_proceedings=sum(
            1 for p in case.proceedings if p.closed is None and p.status != "closed"
        ),
        overdue=sum(1 for r in summary.deadlines if r.status == "overdue"),
        next_row=unanswered[0] if unanswered else None,
        largest=_largest_cap(summary),
        anchors=dict(zip(ids, distinct("request", ids), strict=True)),
    )


def _groups(rows: Sequence[DeadlineRow], soon: int, horizon: int) -> tuple[Group, ...]:
    plural = "" if soon == 1 else "s"
    return (
        Group(
            "overdue",
            "Overdue",
            "Due before the as-of date and no reply recorded.",
            tuple(r for r in rows if r.status == "overdue"),
        ),
        Group(
            "due-soon",
            f"Due within {soon} day{plural}",
            f"Due on the as-of date or within the next {soon} day{plural}.",
            tuple(r for r in rows if r.status == "due-soon"),
        ),
        Group(
            "open",
            f"Next {horizon} days",
            f"Open deadlines due later, up to {horizon} days after the as-of date.",
            tuple(r for r in rows if r.status == "open" and r.days_left <= horizon),
        ),
    )


def gather(
    docket: Docket,
    as_of: date,
    *,
    title: str,
    soon: int,
    build: BuildInfo,
    horizon: int = HORIZON_DAYS,
) -> SiteContent:
    """Everything the pages show, from the docket as of ``as_of``."""
    cases = sorted(docket.cases, key=lambda c: c.platform.name.casefold())
    rows = deadline_rows(cases, as_of, include_answered=True, soon=soon, resolver=docket.resolver)
    platforms = []
    stems = distinct("platform", [c.platform.name for c in cases])
    for case, stem in zip(cases, stems, strict=True):
        regimes = docket.resolver.regimes(list(case.regimes))
        summary = summarise(case, as_of, regimes, docket.resolver, soon=soon)
        platforms.append(_platform_page(case, stem, summary))
    groups = _groups(rows, soon, horizon)
    listed = sum(len(g.rows) for g in groups)
    answered = sum(1 for r in rows if r.status == "answered")
    broken = tuple(
        BrokenFile(f.display, tuple(x for x in f.findings if x.is_error))
        for f in docket.files
        if any(x.is_error for x in f.findings)
    )
    return SiteContent(
        title=title,
        as_of=as_of,
        soon=soon,
        horizon=horizon,
        rows=tuple(rows),
        groups=groups,
        later=len(rows) - listed - answered,
        answered=answered,
        platforms=tuple(platforms),
        page_of={str(p.case.path): p for p in platforms},
        timeline=build_timeline(cases, as_of, width=TIMELINE_COLUMNS, soon=soon),
        broken=broken,
        build=build,
    )
