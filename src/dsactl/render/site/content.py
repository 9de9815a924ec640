"""What the site shows, gathered from the core: nothing here counts a date or a cap.

Every figure comes from the functions the other commands use (``deadline_rows``,
``summarise``, ``build_timeline``); this module only groups and orders them for the pages
(the deadlines that matter now, one overview line per platform, one page per platform).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from msgspec import Struct

from dsactl.docket.deadlines import ObligationRow, Row, listed_rows
from dsactl.docket.summary import PlatformSummary, summarise
from dsactl.docket.timeline import Timeline, build_timeline, window
from dsactl.render.site.entries import Entry, Key, entry_of, key_of

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


class Group(Struct, frozen=True):
    """One urgency group of the front page."""

    key: str
    heading: str
    explanation: str
    entries: tuple[Entry, ...]


class LargestCap(Struct, frozen=True):
    report: FineReport
    cap: Cap


class PlatformPage(Struct, frozen=True):
    case: Case
    #: File names in the site folder (relative links: the site works from any sub-path).
    page: str
    json: str
    summary: PlatformSummary
    #: Every request of the platform (answered ones too), soonest first, as `show` lists them.
    entries: tuple[Entry, ...]
    #: The statutory obligations generated from its rule sets (filed and past ones too).
    obligations: tuple[Entry, ...]
    open_proceedings: int
    overdue: int
    next_entry: Entry | None
    largest: LargestCap | None

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


class BrokenFile(Struct, frozen=True):
    display: str
    findings: tuple[Finding, ...]


class BuildInfo(Struct, frozen=True):
    """Where and when the site was built (the footer of every page)."""

    built: datetime
    version: str
    commit: str | None = None
    dirty: bool = False


class SiteContent(Struct, frozen=True):
    title: str
    as_of: date
    soon: int
    horizon: int
    #: Every deadline, done ones included, soonest first (the rows of ``data.json``).
    rows: tuple[Row, ...]
    groups: tuple[Group, ...]
    #: Deadlines not in any group (open beyond the horizon, done ones), counted on the front
    #: page by status.
    others: dict[str, int]
    platforms: tuple[PlatformPage, ...]
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
    page = f"{stem}.html"
    requests = summary.deadlines
    anchors = distinct("request", [row.request.id for row in requests])
    entries = tuple(
        entry_of(row, page, anchor, summary.exposure_of(row.request.id))
        for row, anchor in zip(requests, anchors, strict=True)
    )
    duties = summary.obligations
    anchors = distinct(
        "obligation", [f"{r.occurrence.rule.id}-{r.occurrence.number}" for r in duties]
    )
    obligations = tuple(
        entry_of(row, page, anchor) for row, anchor in zip(duties, anchors, strict=True)
    )
    every = sorted((*entries, *obligations), key=lambda e: e.due or date.max)
    upcoming = [e for e in every if e.status in ("due-soon", "open")]
    return PlatformPage(
        case=summary.case,
        page=page,
        json=f"{stem}.json",
        summary=summary,
        entries=entries,
        obligations=obligations,
        open_proceedings=sum(
            1 for p in summary.case.proceedings if p.closed is None and p.status != "closed"
        ),
        overdue=sum(1 for e in every if e.status == "overdue"),
        next_entry=upcoming[0] if upcoming else None,
        largest=_largest_cap(summary),
    )


def _groups(entries: Sequence[Entry], soon: int, horizon: int) -> tuple[Group, ...]:
    plural = "" if soon == 1 else "s"
    return (
        Group(
            "overdue",
            "Overdue",
            "Due before the as-of date and no reply recorded.",
            tuple(e for e in entries if e.status == "overdue"),
        ),
        Group(
            "due-soon",
            f"Due within {soon} day{plural}" if soon else "Due on the as-of date",
            f"Due on the as-of date or within the next {soon} day{plural}."
            if soon
            else "Due on the as-of date itself.",
            tuple(e for e in entries if e.status == "due-soon"),
        ),
        Group(
            "open",
            f"Next {horizon} days",
            f"Open deadlines due later, up to {horizon} days after the as-of date.",
            tuple(
                e
                for e in entries
                if e.status == "open" and e.days_left is not None and e.days_left <= horizon
            ),
        ),
    )


def every_row(docket: Docket, as_of: date, soon: int) -> list[Row]:
    """The rows of `dsactl deadlines --all` (data.json): requests and generated obligations."""
    return listed_rows(docket.cases, as_of, docket.resolver, soon=soon, include_all=True)[0]


def gather(
    docket: Docket,
    as_of: date,
    *,
    title: str,
    soon: int,
    build: BuildInfo,
    rows: Sequence[Row] | None = None,
    horizon: int = HORIZON_DAYS,
) -> SiteContent:
    """Everything the pages show, from the docket as of ``as_of``; ``rows``: those of
    ``every_row`` when already made."""
    cases = sorted(docket.cases, key=lambda c: c.platform.name.casefold())
    if rows is None:
        rows = every_row(docket, as_of, soon)
    platforms = []
    stems = distinct("platform", [c.platform.name for c in cases])
    for case, stem in zip(cases, stems, strict=True):
        regimes = docket.resolver.regimes(list(case.regimes))
        summary = summarise(case, as_of, regimes, docket.resolver, soon=soon)
        platforms.append(_platform_page(case, stem, summary))
    # Each row as the entry of its platform's page (so that it links to its line there).
    known: dict[tuple[str, Key], Entry] = {
        (str(p.case.path), e.key): e for p in platforms for e in (*p.entries, *p.obligations)
    }
    pages = {str(p.case.path): p.page for p in platforms}
    entries = [
        known.get((str(row.case.path), key_of(row))) or entry_of(row, pages[str(row.case.path)], "")
        for row in rows
    ]
    groups = _groups(entries, soon, horizon)
    grouped = {id(e) for group in groups for e in group.entries}
    others: dict[str, int] = {}
    for entry in entries:
        if id(entry) not in grouped:
            others[entry.status] = others.get(entry.status, 0) + 1
    # The picture of `dsactl timeline`, reaching at least `horizon` days past as-of.
    low, high = window(cases, as_of, None, None)
    end = max(high, as_of + timedelta(days=horizon))
    due = [r.occurrence for r in rows if isinstance(r, ObligationRow)]
    timeline = build_timeline(
        cases,
        as_of,
        width=TIMELINE_COLUMNS,
        end=end,
        soon=soon,
        obligations=[o for o in due if low <= o.due <= end],
    )
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
        others=others,
        platforms=tuple(platforms),
        timeline=timeline,
        broken=broken,
        build=build,
    )
