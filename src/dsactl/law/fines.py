"""Legal maximum fines: each tier of a regime applied to a turnover, exact to the cent.

All arithmetic is exact (``fractions.Fraction``); each amount is truncated to the cent once,
at the end, and never rounded up, because a cap is a maximum.

- A percentage tier: cap = rate x turnover.
- A per-day (periodic) tier: the average daily turnover is annual / the days of the financial
  year (``year_days``: its real length, 365 or 366, when its year end is known; else 365 by
  convention; stated in output). Per day = trunc(turnover x rate / year_days); for N days the
  total is trunc(turnover x rate x N / year_days), computed in one go from the exact daily
  amount, so it can exceed per_day x N by a few cents.
- A tier with a fixed amount compares it with the percentage in the turnover currency; the
  rule (``higher``/``lower``, or ``sme_rule`` with ``sme=True``) picks one. A tie counts as
  "percentage" (both are equal). Converting the fixed amount needs a rate: units of turnover
  currency per unit of the regime currency (``rate``; for EUR regimes ``eur_rate`` serves).
  dsactl never guesses one.
- ``amount_eur`` = trunc(exact cap / eur_rate); with a EUR turnover it equals ``amount``.
  For a EUR regime the conversion rate serves as the EUR rate when no EUR rate is given.
- ``amount_regime`` = trunc(exact cap / rate): the cap in the regime's own currency (GBP for the
  UK Online Safety Act) when the turnover is in another currency and a rate is known.
- A tier whose percentage applies only to an undertaking (``undertaking_only``, GDPR Art. 83):
  for a non-undertaking (``not_undertaking=True``) the cap is the fixed amount alone.
- What was asked for but does not apply (days without a per-day tier, the SME rule in a regime
  without one, a EUR rate for a EUR turnover, a non-undertaking where the regime makes no
  difference) and a missing EUR rate are ``warnings`` on the report, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from dsactl.errors import InputError
from dsactl.law.caps import DAYS_PER_YEAR, Cap, CapOptions, FineReport, Winner, financial_year_days
from dsactl.law.currencies import is_currency, unknown_currency_message
from dsactl.law.money import MAX_AMOUNT, cents_from_fraction

if TYPE_CHECKING:
    from dsactl.law.regimes import Regime, Rule, Tier

__all__ = [
    "DAYS_PER_YEAR",
    "Cap",
    "CapOptions",
    "FineReport",
    "compute_caps",
    "compute_many",
    "financial_year_days",
]


def _decimal(value: Fraction) -> Decimal:
    """A Decimal for an exact rational: exact when it terminates, else cut after 40 places."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator == 1:
        places = 0
        while (value * 10**places).denominator != 1:
            places += 1
        return Decimal(f"{int(value * 10**places)}E-{places}")  # the constructor is exact
    scaled = value.numerator * 10**40 // value.denominator
    return Decimal(f"{scaled}E-40")


def _check_positive(value: Decimal | None, name: str) -> None:
    if value is not None and (not value.is_finite() or value <= 0):
        raise InputError(f"must be a positive number, not {value}", input=name)


def _conversion_rate(
    regime: Regime,
    tiers: list[Tier],
    currency: str,
    eur_rate: Decimal | None,
    rate: Decimal | None,
) -> Fraction:
    """Units of turnover currency per unit of regime currency, for the fixed amounts."""
    same = currency == regime.currency
    if same:
        if rate is not None and rate != 1:
            raise InputError(
                f"the turnover is already in {regime.currency}, the currency of the "
                f"`{regime.id}` fixed amounts; a rate of {rate} cannot apply",
                input="rate",
                hint="leave out {rate}",
            )
        return Fraction(1)
    if regime.currency == "EUR" and rate is not None and eur_rate is not None and rate != eur_rate:
        raise InputError(
            f"{{rate}} {rate} and {{eur_rate}} {eur_rate} disagree on {currency} per EUR",
            input="rate",
            hint="give one of them",
        )
    factor = rate if rate is not None else eur_rate if regime.currency == "EUR" else None
    if factor is not None:
        return Fraction(factor)
    if not any(tier.fixed is not None for tier in tiers):
        return Fraction(1)  # never used: no fixed amount to convert
    if regime.currency == "EUR":
        name, hint = "eur_rate", f"give {{eur_rate}} (units of {currency} per 1 EUR) or {{rate}}"
    else:
        name, hint = "rate", f"give {{rate}} (units of {currency} per 1 {regime.currency})"
    raise InputError(
        f"the `{regime.id}` caps compare a fixed amount in {regime.currency} with a share of a "
        f"{currency} turnover, so an exchange rate is needed; dsactl does not guess one",
        input=name,
        hint=hint,
    )


def _divided(value: Fraction | None, divisor: Fraction | None) -> Decimal | None:
    """``value / divisor`` truncated to the cent; None when either is unknown."""
    if value is None or divisor is None:
        return None
    return cents_from_fraction(value / divisor)


def _winner(fixed: Fraction, percentage: Fraction, rule: Rule | None) -> Winner:
    """Which of the two is the cap: the higher or the lower by ``rule``; the fixed amount
    alone when there is no rule (an offender that is not an undertaking)."""
    if rule is None:
        return "fixed"
    fixed_wins = fixed > percentage if rule == "higher" else fixed < percentage
    return "fixed" if fixed_wins else "percentage"


def _cap(
    tier: Tier,
    turnover: Fraction,
    *,
    days: int | None,
    factor: Fraction | None,
    eur: Fraction | None,
    sme: bool,
    year_days: int,
    not_undertaking: bool = False,
) -> Cap:
    share = turnover * Fraction(tier.rate)
    per_day: Decimal | None = None
    per_day_exact: Fraction | None = None
    if tier.per_day:
        per_day_exact = share / year_days
        per_day = cents_from_fraction(per_day_exact)
        percentage = share * (days if days is not None else 1) / year_days
    else:
        percentage = share
    exact: Fraction | None = percentage if not tier.per_day or days is not None else None
    fixed: Fraction | None = None
    winner: Winner | None = None
    rule: Rule | None = None
    use_sme = sme and tier.sme_rule is not None
    undertaking = not (not_undertaking and tier.undertaking_only)
    if tier.fixed is not None:
        fixed = Fraction(tier.fixed) * (factor if factor is not None else 1)
        rule = None if not undertaking else tier.sme_rule if use_sme else tier.rule
        winner = _winner(fixed, percentage, rule)
        exact = fixed if winner == "fixed" else percentage
    amount = cents_from_fraction(exact) if exact is not None else None
    in_regime = factor if factor != 1 else None  # the regime's currency is not the turnover's
    return Cap(
        tier=tier,
        amount=amount,
        per_day=per_day,
        days=days if tier.per_day else None,
        percentage_amount=_decimal(percentage),
        fixed_in_turnover_currency=_decimal(fixed) if fixed is not None else None,
        winner=winner,
        amount_eur=_divided(exact, eur),
        rule=rule,
        sme=use_sme and undertaking,
        per_day_eur=_divided(per_day_exact, eur),
        amount_regime=_divided(exact, in_regime),
        per_day_regime=_divided(per_day_exact, in_regime),
        undertaking=undertaking,
    )


def _warnings(
    regime: Regime,
    tiers: Sequence[Tier],
    currency: str,
    *,
    days: int | None,
    eur_rate: Decimal | None,
    eur: Fraction | None,
    sme: bool,
    not_undertaking: bool,
) -> list[str]:
    """What was asked for but does not apply to these tiers, and a missing EUR rate."""
    warnings = []
    if days is not None and not any(t.per_day for t in tiers):
        shown = ", ".join(t.id for t in tiers)
        warnings.append(
            f"{days} day(s) of periodic penalty were given, but no tier shown of `{regime.id}` "
            f"({shown}) is a daily penalty: the days are not used"
        )
    if sme and not any(t.sme_rule is not None for t in tiers):
        warnings.append(
            f"the SME rule was asked for, but `{regime.id}` has none for the tiers shown: "
            "not applied"
        )
    if not_undertaking and not any(t.undertaking_only for t in tiers):
        warnings.append(
            f"`{regime.id}` makes no difference for an offender that is not an undertaking: "
            "its caps are the same"
        )
    if currency == "EUR" and eur_rate is not None and eur_rate != 1:
        warnings.append(f"the turnover is already in EUR: the EUR rate {eur_rate} is not used")
    if currency != "EUR" and eur is None:
        warnings.append(
            f"no EUR exchange rate for {currency} was given: the caps are not shown in EUR"
        )
    return warnings


def _check_inputs(
    turnover: Decimal,
    currency: str,
    *,
    days: int | None,
    eur_rate: Decimal | None,
    rate: Decimal | None,
    year_days: int | None,
) -> None:
    """``InputError`` naming the first input of ``compute_caps`` that cannot be used."""
    if not turnover.is_finite() or turnover <= 0:
        raise InputError(f"must be a positive amount, not {turnover}", input="turnover")
    if turnover > MAX_AMOUNT:
        raise InputError(f"{turnover} is larger than 10^18, surely a typo", input="turnover")
    if not is_currency(currency):
        raise InputError(
            unknown_currency_message(currency),
            input="currency",
            hint="e.g. EUR, USD, CNY",
        )
    _check_positive(eur_rate, "eur_rate")
    _check_positive(rate, "rate")
    if isinstance(days, bool) or (days is not None and days < 1):
        raise InputError(f"must be a whole number of days, at least 1, not {days}", input="days")
    if year_days is not None and year_days not in (365, 366):
        raise InputError(f"a year has 365 or 366 days, not {year_days}", input="year_days")


def _eur(
    regime: Regime, currency: str, eur_rate: Decimal | None, rate: Decimal | None
) -> Fraction | None:
    """Units of ``currency`` per 1 EUR, for the EUR column; None when it is not known."""
    if currency == "EUR":
        return Fraction(1)
    if eur_rate is not None:
        return Fraction(eur_rate)
    if regime.currency == "EUR" and rate is not None:
        return Fraction(rate)  # --rate of a EUR regime is a EUR rate
    return None


def compute_caps(
    regime: Regime,
    turnover: Decimal,
    currency: str,
    *,
    days: int | None = None,
    eur_rate: Decimal | None = None,
    rate: Decimal | None = None,
    sme: bool = False,
    tier: str | None = None,
    year_days: int | None = None,
    year_end: date | None = None,
    not_undertaking: bool = False,
) -> FineReport:
    """The cap of every tier of ``regime`` (or of the one tier ``tier``) for ``turnover``.

    ``eur_rate``: units of ``currency`` per 1 EUR (ECB convention), for the EUR column and for
    the fixed amounts of EUR regimes. ``rate``: units of ``currency`` per 1 unit of the regime
    currency (needed, e.g., for a USD turnover under the GBP caps of ``uk-osa``). The average
    daily turnover divides by ``year_days`` if given, else by the real length of the financial
    year ending ``year_end`` if given, else by 365. Raises ``InputError`` for a bad value or
    when a needed rate is missing.
    """
    _check_inputs(turnover, currency, days=days, eur_rate=eur_rate, rate=rate, year_days=year_days)
    tiers = [regime.tier(tier)] if tier is not None else list(regime.tiers)
    eur_rate_used = None if currency == "EUR" else eur_rate
    factor = _conversion_rate(regime, tiers, currency, eur_rate_used, rate)
    eur = _eur(regime, currency, eur_rate, rate)
    used_rate = rate if rate is not None else eur_rate if regime.currency == "EUR" else None
    if currency == regime.currency:
        used_rate = None
    known_factor = Fraction(used_rate) if used_rate is not None else None
    days_in_year = year_days or (financial_year_days(year_end) if year_end else DAYS_PER_YEAR)
    use_sme = sme and regime.has_sme_rule
    exact_turnover = Fraction(turnover)
    caps = [
        _cap(
            t,
            exact_turnover,
            days=days,
            factor=known_factor if known_factor is not None else factor,
            eur=eur,
            sme=use_sme,
            year_days=days_in_year,
            not_undertaking=not_undertaking,
        )
        for t in tiers
    ]
    warnings = _warnings(
        regime,
        tiers,
        currency,
        days=days,
        eur_rate=eur_rate,
        eur=eur,
        sme=sme,
        not_undertaking=not_undertaking,
    )
    return FineReport(
        regime=regime,
        turnover=turnover,
        currency=currency,
        eur_rate=eur_rate if currency != "EUR" else None,
        caps=caps,
        rate=used_rate,
        sme=use_sme,
        days=days,
        year_days=days_in_year,
        year_days_known=year_days is None and year_end is not None,
        not_undertaking=not_undertaking,
        warnings=tuple(warnings),
    )


def compute_many(
    regimes: Sequence[Regime],
    turnover: Decimal,
    currency: str,
    options: CapOptions,
    *,
    eur_rate: Decimal | None = None,
    year_end: date | None = None,
) -> tuple[FineReport, ...]:
    """The caps under each regime. The SME rule, the days and the non-undertaking case apply
    to the regimes and tiers that have them; where they do not, the report says so in its
    ``warnings``. ``tier`` must be a tier of at least one regime (else a UsageError lists
    them)."""
    if options.tier is not None and not any(options.tier in r.tier_ids for r in regimes):
        regimes[0].tier(options.tier)  # raises, listing the tier ids
    chosen = [r for r in regimes if options.tier is None or options.tier in r.tier_ids]
    return tuple(
        compute_caps(
            regime,
            turnover,
            currency,
            days=options.days,
            eur_rate=eur_rate,
            rate=options.rate,
            sme=options.sme,
            tier=options.tier,
            year_days=options.year_days,
            year_end=year_end,
            not_undertaking=options.not_undertaking,
        )
        for regime in chosen
    )
