"""The case file model: plain frozen dataclasses built from a validated TOML document."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from dsactl.law.periods import PeriodResult

DEFAULT_CALENDAR = "eu-commission"

# The values an enum key may take: the Literal types the dataclasses use, and as tuples the
# lists ``spec`` declares (the command line's ``dsactl new --kind`` reads them from here).
PlatformKind = Literal["VLOP", "VLOSE", "platform", "hosting", "other"]
ProceedingStatus = Literal["open", "closed", "commitments", "non-compliance"]
RequestKind = Literal["rfi", "rfi-decision", "preliminary-findings", "other"]
PLATFORM_KINDS: tuple[PlatformKind, ...] = get_args(PlatformKind)
PROCEEDING_STATUSES: tuple[ProceedingStatus, ...] = get_args(ProceedingStatus)
REQUEST_KINDS: tuple[RequestKind, ...] = get_args(RequestKind)


@dataclass(frozen=True, slots=True)
class Platform:
    name: str
    provider: str
    kind: PlatformKind | None = None
    designated: date | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Turnover:
    amount: Decimal
    currency: str
    year_end: date
    eur_rate: Decimal | None = None
    estimate: bool = False
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Proceeding:
    id: str
    opened: date
    subject: str
    status: ProceedingStatus = "open"
    closed: date | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Request:
    id: str
    subject: str
    sent: date
    due: date
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
    explanation: PeriodResult | None = field(default=None, compare=False)

    @property
    def computed(self) -> bool:
        return self.explanation is not None


@dataclass(frozen=True, slots=True)
class ImposedFine:
    id: str
    date: date
    amount: Decimal
    currency: str
    basis: str
    proceeding: str | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
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

    @property
    def name(self) -> str:
        return self.platform.name

    def turnover_before(self, day: date) -> Turnover | None:
        """The latest financial year that ended before ``day`` (the "preceding" year)."""
        ended = [t for t in self.turnovers if t.year_end < day]
        return max(ended, key=lambda t: t.year_end) if ended else None
