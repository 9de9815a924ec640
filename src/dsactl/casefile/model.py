"""The case file model: plain frozen dataclasses built from a validated TOML document."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from msgspec import Struct

if TYPE_CHECKING:
    from dsactl.law.periods import PeriodResult

DEFAULT_CALENDAR = "eu-commission"

# The values an enum key may take: the Literal types the dataclasses use, and as tuples the
# lists ``spec`` declares (the command line's ``dsactl new --kind`` reads them from here).
PlatformKind = Literal["VLOP", "VLOSE", "platform", "hosting", "other"]
ProceedingStatus = Literal["open", "closed", "commitments", "non-compliance"]
RequestKind = Literal[
    "rfi",
    "rfi-decision",
    "preliminary-findings",
    "other",
    # Periods set by an act of the Commission (issue 11).
    "measures",
    "action-plan",
    "commitments",
    "interim-measures",
    "retention-order",
    "data-access",
]
#: "own": the provider's own records; "public": public information (replies are not public,
#: so a past date without a recorded completion is ``past``, not ``overdue``).
Tracking = Literal["own", "public"]
#: Events that start statutory periods ([[anchors]] kind).
AnchorKind = Literal[
    "audit-report", "audit-recommendations", "provisional-fee", "thresholds-met", "concentration"
]
#: A proceeding's dated events ([[events]] kind).
EventKind = Literal[
    "opened",
    "extended",
    "preliminary-findings",
    "commitments",
    "non-compliance",
    "fine",
    "appeal",
    "retention-order",
    "request",
    "closed",
    "designation",
    "other",
]
#: How sure a dated fact is.
Confidence = Literal["primary", "press", "estimate", "conflict"]
PLATFORM_KINDS: tuple[PlatformKind, ...] = get_args(PlatformKind)
PROCEEDING_STATUSES: tuple[ProceedingStatus, ...] = get_args(ProceedingStatus)
REQUEST_KINDS: tuple[RequestKind, ...] = get_args(RequestKind)
TRACKING: tuple[Tracking, ...] = get_args(Tracking)
ANCHOR_KINDS: tuple[AnchorKind, ...] = get_args(AnchorKind)
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
CONFIDENCES: tuple[Confidence, ...] = get_args(Confidence)
#: ``date`` under another name, for the classes that have a field called ``date``.
Day = date


class Platform(Struct, frozen=True):
    name: str
    provider: str
    kind: PlatformKind | None = None
    designated: date | None = None
    #: Day the designation decision was notified (anchor N); None: not recorded.
    notified: date | None = None
    #: Day a decision ending the designation was notified (Nt).
    designation_ended: date | None = None
    source: str | None = None
    note: str | None = None
    confidence: Confidence | None = None
    alternatives: tuple[Day, ...] = ()


class Turnover(Struct, frozen=True):
    amount: Decimal
    currency: str
    year_end: date
    eur_rate: Decimal | None = None
    estimate: bool = False
    source: str | None = None
    note: str | None = None
    confidence: Confidence | None = None
    alternatives: tuple[Day, ...] = ()


class Proceeding(Struct, frozen=True):
    id: str
    opened: date
    subject: str
    status: ProceedingStatus = "open"
    closed: date | None = None
    source: str | None = None
    note: str | None = None
    confidence: Confidence | None = None
    alternatives: tuple[Day, ...] = ()


class Request(Struct, frozen=True, eq=False):
    """A request or decision; two are equal when every field but ``explanation`` (how a
    computed ``due`` was worked out, which holds a list) is."""

    id: str
    subject: str
    sent: date
    #: None when neither a date nor a period is known (status ``no-due-date``).
    due: date | None = None
    kind: RequestKind = "rfi"
    answered: date | None = None
    proceeding: str | None = None
    source: str | None = None
    note: str | None = None
    #: The period the due date was computed from (``10 working days``), if any.
    period: str | None = None
    #: The holiday calendar that counts for this request (its own, else the file's).
    calendar: str = DEFAULT_CALENDAR
    #: How ``due`` was computed from ``period`` (None when ``due`` was given).
    explanation: PeriodResult | None = None
    #: Day the act was notified; a ``period`` is counted from it when given, else from ``sent``.
    notified: date | None = None
    confidence: Confidence | None = None
    alternatives: tuple[Day, ...] = ()

    def _compared(self) -> tuple[object, ...]:
        return tuple(
            getattr(self, name) for name in self.__struct_fields__ if name != "explanation"
        )

    def __eq__(self, other: object) -> bool:
        if type(other) is not Request:
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    @property
    def computed(self) -> bool:
        return self.explanation is not None

    @property
    def counted_from(self) -> str | None:
        """How a computed ``due`` was counted: from notification or, failing it, adoption."""
        if self.explanation is None:
            return None
        if self.notified is not None:
            return f"counted from notification ({self.notified.isoformat()})"
        if self.kind in ("rfi", "other"):
            return f"counted from sending ({self.sent.isoformat()})"
        return f"counted from adoption ({self.sent.isoformat()}; notification day not recorded)"


class ImposedFine(Struct, frozen=True):
    id: str
    date: date
    amount: Decimal
    currency: str
    basis: str
    proceeding: str | None = None
    source: str | None = None
    note: str | None = None
    confidence: Confidence | None = None
    alternatives: tuple[Day, ...] = ()


class DmaDesignation(Struct, frozen=True):
    """One core platform service listed in a DMA designation decision (anchor D)."""

    service: str
    designated: date
    source: str | None = None
    note: str | None = None
    confidence: Confidence | None = None
    alternatives: tuple[Day, ...] = ()


class Anchor(Struct, frozen=True):
    """An event that starts statutory periods (an audit report received, …)."""

    kind: AnchorKind
    date: date
    source: str | None = None
    note: str | None = None
    confidence: Confidence | None = None
    alternatives: tuple[Day, ...] = ()


class Filing(Struct, frozen=True):
    """An obligation occurrence that was done."""

    rule: str
    occurrence: int
    filed: date
    source: str | None = None
    note: str | None = None


class Event(Struct, frozen=True):
    """One dated event of a proceeding's life."""

    date: date
    kind: EventKind
    summary: str
    proceeding: str | None = None
    source: str | None = None
    note: str | None = None
    confidence: Confidence | None = None
    alternatives: tuple[Day, ...] = ()


class Case(Struct, frozen=True):
    """One platform's case file."""

    path: Path
    platform: Platform
    turnovers: tuple[Turnover, ...] = ()
    proceedings: tuple[Proceeding, ...] = ()
    requests: tuple[Request, ...] = ()
    fines: tuple[ImposedFine, ...] = ()
    #: The file's default holiday calendar and the fine regimes that apply.
    calendar: str = DEFAULT_CALENDAR
    regimes: tuple[str, ...] = ("dsa",)
    #: "own" or "public" (replies are not public: a past date is ``past``, not ``overdue``).
    tracking: Tracking = "own"
    #: The obligation rule sets written in the file; None: the default from the kind.
    rules: tuple[str, ...] | None = None
    dma: tuple[DmaDesignation, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    filings: tuple[Filing, ...] = ()
    events: tuple[Event, ...] = ()

    @property
    def public(self) -> bool:
        return self.tracking == "public"

    @property
    def rule_sets(self) -> tuple[str, ...]:
        """The rule sets that apply: the file's ``rules``, else the default from its kind."""
        if self.rules is not None:
            return self.rules
        return default_rule_sets(self.platform.kind, bool(self.dma))

    @property
    def name(self) -> str:
        return self.platform.name

    def turnover_before(self, day: date) -> Turnover | None:
        """The latest financial year that ended before ``day`` (the "preceding" year)."""
        ended = [t for t in self.turnovers if t.year_end < day]
        return max(ended, key=lambda t: t.year_end) if ended else None


def default_rule_sets(kind: str | None, has_dma: bool) -> tuple[str, ...]:
    """VLOP/VLOSE: dsa-vlop; platform: dsa-platform; plus dma-gatekeeper with [[dma]]."""
    found: list[str] = []
    if kind in ("VLOP", "VLOSE"):
        found.append("dsa-vlop")
    elif kind == "platform":
        found.append("dsa-platform")
    if has_dma:
        found.append("dma-gatekeeper")
    return tuple(found)
