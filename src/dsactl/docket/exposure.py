"""A platform's fine exposure: the caps from its preceding financial year under each regime
that applies, and each fine actually imposed measured against the cap of its own date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING

from msgspec import Struct, field
from msgspec.structs import replace

from dsactl.casefile.checks import STALE_MONTHS
from dsactl.docket.known import LaterFacts, known_case
from dsactl.errors import DataError, UsageError
from dsactl.law.dates import add_months
from dsactl.law.fines import (
    Cap,
    CapOptions,
    FineReport,
    compute_caps,
    compute_many,
    financial_year_days,
)

if TYPE_CHECKING:
    from dsactl.casefile.model import Case, ImposedFine, Turnover
    from dsactl.law.regimes import Regime, Tier

__all__ = [
    "STALE_MONTHS",
    "CapOptions",
    "ImposedComparison",
    "PlatformFines",
    "compare_imposed",
    "compute_many",
    "platform_fines",
    "preceding_turnover",
    "staleness",
]


class ImposedComparison(Struct, frozen=True):
    """One imposed fine against the cap that applied on its date."""

    fine: ImposedFine
    turnover: Turnover | None
    regime: Regime | None
    tier: Tier | None
    cap: Cap | None
    #: The cap in the fine's currency (truncated to the cent), when it can be expressed there.
    cap_in_fine_currency: Decimal | None
    #: fine ÷ cap × 100, rounded to two decimals (a ratio, not money).
    share: Decimal | None
    notes: tuple[str, ...]


class PlatformFines(Struct, frozen=True):
    case: Case
    as_of: date
    turnover: Turnover
    reports: tuple[FineReport, ...]
    imposed: tuple[ImposedComparison, ...]
    warnings: tuple[str, ...]
    #: The facts dated after as-of that were left out (fines imposed later, …).
    left_out: LaterFacts = field(default_factory=LaterFacts)


def preceding_turnover(case: Case, day: date) -> Turnover:
    """The financial year preceding ``day``, or a DataError that says what to add."""
    turnover = case.turnover_before(day)
    if turnover is None:
        years = ", ".join(t.year_end.isoformat() for t in case.turnovers) or "none"
        raise DataError(
            f"{case.platform.name} has no financial year that ended before {day} "
            f"(year ends in the file: {years})",
            path=case.path,
            key="turnover",
            hint="add a [[turnover]] table for the preceding financial year",
        )
    return turnover


def staleness(turnover: Turnover, day: date) -> str | None:
    if add_months(turnover.year_end, STALE_MONTHS) < day:
        return (
            f"the financial year used ended {turnover.year_end}, more than {STALE_MONTHS} "
            f"months before {day}: a later year's turnover is probably published"
        )
    return None


def _folded(text: str) -> str:
    return "".join(text.split()).casefold()


def _find_tier(basis: str, regimes: Sequence[Regime]) -> tuple[Regime, Tier] | None:
    """The tier whose citation is ``basis`` (``DSA Art. 74(1)``), case and space insensitive.

    A citation without the paragraph (``DSA Art. 76``, as older case files and labels wrote
    it) names the one tier of that article, if there is only one (``DSA Art. 76(1)``).
    """
    wanted = _folded(basis)
    for regime in regimes:
        for tier in regime.tiers:
            if _folded(tier.basis) == wanted:
                return regime, tier
    found = [
        (regime, tier)
        for regime in regimes
        for tier in regime.tiers
        if re.sub(r"\(\d+\)$", "", _folded(tier.basis)) == wanted
    ]
    return found[0] if len(found) == 1 else None


def _cap_in_currency(cap: Cap, turnover: Turnover, currency: str) -> Decimal | None:
    if currency == turnover.currency:
        return cap.amount
    if currency == "EUR":
        return cap.amount_eur
    return None


def compare_imposed(fine: ImposedFine, case: Case, regimes: Sequence[Regime]) -> ImposedComparison:
    """The fine as a share of the maximum on its date (preceding financial year, its tier)."""
    notes: list[str] = []
    turnover = case.turnover_before(fine.date)
    found = _find_tier(fine.basis, regimes)
    if turnover is None:
        notes.append(f"no financial year in the file ended before {fine.date}")
    if found is None:
        notes.append(f"basis `{fine.basis}` matches no tier of the regimes shown")
    if turnover is None or found is None:
        regime, tier = found if found else (None, None)
        return ImposedComparison(fine, turnover, regime, tier, None, None, None, tuple(notes))
    regime, tier = found
    if turnover.estimate:
        notes.append("the turnover is an estimate, so the cap is too")
    stale = staleness(turnover, fine.date)
    if stale:
        notes.append(stale)
    elif add_months(turnover.year_end, 12) < fine.date:
        notes.append(
            f"a later financial year than the one ending {turnover.year_end} had ended by "
            f"{fine.date}; add it if it was published"
        )
    if tier.per_day:
        notes.append("a periodic penalty total cannot be set against a daily maximum")
        return ImposedComparison(fine, turnover, regime, tier, None, None, None, tuple(notes))
    try:
        report = compute_caps(
            regime,
            turnover.amount,
            turnover.currency,
            eur_rate=turnover.eur_rate,
            tier=tier.id,
            year_end=turnover.year_end,
        )
    except UsageError as exc:
        notes.append(f"no cap computed: {exc.message}")
        return ImposedComparison(fine, turnover, regime, tier, None, None, None, tuple(notes))
    cap = report.caps[0]
    in_currency = _cap_in_currency(cap, turnover, fine.currency)
    share = None
    if in_currency is None:
        notes.append(
            f"the cap is in {turnover.currency} and the fine in {fine.currency}: add `eur_rate` "
            "to the turnover to compare them"
        )
    elif in_currency > 0:
        share = (fine.amount / in_currency * 100).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
    return ImposedComparison(fine, turnover, regime, tier, cap, in_currency, share, tuple(notes))


def platform_fines(
    case: Case,
    as_of: date,
    regimes: Sequence[Regime],
    options: CapOptions,
    *,
    eur_rate: Decimal | None = None,
) -> PlatformFines:
    """Caps under each regime from the preceding financial year, and the imposed fines, as
    known on ``as_of`` (a fine imposed later is left out and counted in ``left_out``).

    ``eur_rate`` (``--eur-rate``) replaces the case's rate for these caps; imposed fines keep
    the rate of the case file.
    """
    case, later = known_case(case, as_of)
    turnover = preceding_turnover(case, as_of)
    warnings = []
    if eur_rate is not None:
        if turnover.eur_rate is not None and turnover.eur_rate != eur_rate:
            warnings.append(
                f"EUR 1 = {turnover.currency} {eur_rate} from --eur-rate, not the case "
                f"file's {turnover.eur_rate}"
            )
        turnover = replace(turnover, eur_rate=eur_rate)
    stale = staleness(turnover, as_of)
    if stale:
        warnings.append(stale)
    elif add_months(turnover.year_end, 12) < as_of:
        warnings.append(
            f"a later financial year than the one ending {turnover.year_end} had ended by "
            f"{as_of}: the year used may not be the preceding one; add it if it was published"
        )
    if turnover.estimate:
        warnings.append("the turnover is an estimate: so are the caps")
    real_days = financial_year_days(turnover.year_end)
    if options.year_days is not None and options.year_days != real_days:
        warnings.append(
            f"the financial year ended {turnover.year_end} has {real_days} days; the average "
            f"daily turnover divides by {options.year_days} as asked"
        )
    reports = compute_many(
        regimes,
        turnover.amount,
        turnover.currency,
        options,
        eur_rate=turnover.eur_rate,
        year_end=turnover.year_end,
    )
    for report in reports:
        for warning in report.warnings:
            if warning.startswith("no EUR exchange rate"):
                warning = (
                    f"the financial year ended {turnover.year_end} has no `eur_rate` for "
                    f"{turnover.currency}: the caps are not shown in EUR"
                )
            if warning not in warnings:
                warnings.append(warning)
    imposed = tuple(compare_imposed(fine, case, regimes) for fine in case.fines)
    return PlatformFines(case, as_of, turnover, reports, imposed, tuple(warnings), later)
