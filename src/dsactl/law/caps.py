"""What a fine computation gives: each tier's ``Cap`` and the whole ``FineReport``, and the
``CapOptions`` a caller adds to a turnover (``fines.compute_caps`` fills them in).

These are ``NamedTuple``s, not ``msgspec.Struct``s like dsactl's other records, so that a fine
from a turnover starts without importing msgspec (ARCHITECTURE.md, "Start-up";
``tests/test_imports.py`` checks it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from dsactl.law.dates import add_months

if TYPE_CHECKING:
    from dsactl.law.regimes import Regime, Rule, Tier

__all__ = ["DAYS_PER_YEAR", "Cap", "CapOptions", "FineReport", "Winner", "financial_year_days"]

#: Average daily turnover = annual turnover / DAYS_PER_YEAR when the length of the financial
#: year is not known (a convention, not in the law).
DAYS_PER_YEAR = 365


def financial_year_days(year_end: date) -> int:
    """The days of the financial year that ended on ``year_end`` (366 when it holds 29 Feb).

    The year starts the day after the same date a year earlier (a year ending on the last day
    of a month started after the last day of that month a year before: 28 Feb 2025 -> from
    1 Mar 2024, 365 days; 31 Dec 2024 -> from 1 Jan 2024, 366 days).
    """
    return (year_end - add_months(year_end, -12)).days


Winner = Literal["percentage", "fixed"]


class Cap(NamedTuple):
    """One tier's result."""

    tier: Tier
    #: The cap, truncated to the cent; None for a per-day tier without a number of days.
    amount: Decimal | None
    #: Per-day tiers: trunc(turnover x rate / 365).
    per_day: Decimal | None
    days: int | None
    #: rate x base (x days / 365 for a per-day tier; / 365 alone without days). Exact, except
    #: that a quotient by 365 that never ends is cut after 40 decimals (not used for the cap).
    percentage_amount: Decimal
    #: The fixed amount in the turnover currency (fixed x rate), exact; None without `fixed`.
    fixed_in_turnover_currency: Decimal | None
    #: Which side of the higher/lower rule gave the cap; None for a tier without `fixed`.
    winner: Winner | None
    #: The cap in EUR: trunc(exact cap / eur_rate), or `amount` for a EUR turnover.
    amount_eur: Decimal | None
    #: The rule applied (the tier's `sme_rule` when sme=True and it has one); None when only
    #: the fixed amount applies (a non-undertaking).
    rule: Rule | None = None
    #: True when the tier's SME rule was applied.
    sme: bool = False
    #: Per-day tiers: trunc(turnover x rate / year_days / eur_rate), the daily maximum in EUR.
    per_day_eur: Decimal | None = None
    #: The cap in the regime's own currency (trunc(exact cap / rate)) when the turnover is in
    #: another currency and a rate is known.
    amount_regime: Decimal | None = None
    #: Per-day tiers: the daily maximum in the regime's own currency, likewise.
    per_day_regime: Decimal | None = None
    #: False when the percentage was left out because the offender is not an undertaking.
    undertaking: bool = True


class FineReport(NamedTuple):
    regime: Regime
    turnover: Decimal
    currency: str
    eur_rate: Decimal | None
    caps: list[Cap]
    #: Units of turnover currency per unit of regime currency used for fixed amounts, if any.
    rate: Decimal | None = None
    sme: bool = False
    days: int | None = None
    #: The divisor of the average daily turnover: the days of the financial year.
    year_days: int = DAYS_PER_YEAR
    #: True when the length of the financial year came from its year end (else a convention
    #: or what was asked for).
    year_days_known: bool = False
    #: True when the offender is not an undertaking (only fixed amounts apply where the law
    #: says so).
    not_undertaking: bool = False
    #: What was asked for but does not apply, and what is missing (a EUR rate).
    warnings: tuple[str, ...] = ()


class CapOptions(NamedTuple):
    """What the command line adds to a turnover or a case's own figures."""

    days: int | None = None
    rate: Decimal | None = None
    sme: bool = False
    tier: str | None = None
    #: Days of the financial year for the average daily turnover (None: its real length when
    #: the year end is known, else 365).
    year_days: int | None = None
    not_undertaking: bool = False
