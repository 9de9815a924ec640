"""Legal maximum fines: each tier of a regime applied to a turnover, exact to the cent.

All arithmetic is exact (``fractions.Fraction``); each amount is truncated to the cent once,
at the end, and never rounded up, because a cap is a maximum.

- A percentage tier: cap = rate x turnover.
- A per-day (periodic) tier: the average daily turnover is annual / 365 (a convention, stated
  in output). Per day = trunc(turnover x rate / 365); for N days the total is
  trunc(turnover x rate x N / 365), computed in one go, so it can exceed per_day x N by cents.
- A tier with a fixed amount compares it with the percentage in the turnover currency; the
  rule (``higher``/``lower``, or ``sme_rule`` with ``sme=True``) picks one. A tie counts as
  "percentage" (both are equal). Converting the fixed amount needs a rate: units of turnover
  currency per unit of the regime currency (``rate``; for EUR regimes ``eur_rate`` serves).
  dsactl never guesses one.
- ``amount_eur`` = trunc(exact cap / eur_rate); with a EUR turnover it equals ``amount``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal, NamedTuple

from dsactl.errors import InputError
from dsactl.law.currencies import is_currency, unknown_currency_message
from dsactl.law.money import MAX_AMOUNT, cents_from_fraction

if TYPE_CHECKING:
    from dsactl.law.regimes import Regime, Rule, Tier

__all__ = ["DAYS_PER_YEAR", "Cap", "CapOptions", "FineReport", "compute_caps", "compute_many"]

#: Average daily turnover = annual turnover / DAYS_PER_YEAR (a convention, not in the law).
DAYS_PER_YEAR = 365

Winner = Literal["percentage", "fixed"]


@dataclass(frozen=True)
class Cap:
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
    #: The rule applied (the tier's `sme_rule` when sme=True and it has one).
    rule: Rule | None = None
    #: True when the tier's SME rule was applied.
    sme: bool = False


@dataclass(frozen=True)
class FineReport:
    regime: Regime
    turnover: Decimal
    currency: str
    eur_rate: Decimal | None
    caps: list[Cap]
    #: Units of turnover currency per unit of regime currency used for fixed amounts, if any.
    rate: Decimal | None = None
    sme: bool = False
    days: int | None = None


class CapOptions(NamedTuple):
    """What the command line adds to a turnover or a case's own figures."""

    days: int | None = None
    rate: Decimal | None = None
    sme: bool = False
    tier: str | None = None


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


def _cap(
    tier: Tier,
    turnover: Fraction,
    *,
    days: int | None,
    factor: Fraction,
    eur: Fraction | None,
    sme: bool,
) -> Cap:
    share = turnover * Fraction(tier.rate)
    per_day: Decimal | None = None
    if tier.per_day:
        per_day = cents_from_fraction(share / DAYS_PER_YEAR)
        percentage = share * (days if days is not None else 1) / DAYS_PER_YEAR
    else:
        percentage = share
    exact: Fraction | None = percentage if not tier.per_day or days is not None else None
    fixed: Fraction | None = None
    winner: Winner | None = None
    rule: Rule | None = None
    use_sme = sme and tier.sme_rule is not None
    if tier.fixed is not None:
        fixed = Fraction(tier.fixed) * factor
        rule = tier.sme_rule if use_sme else tier.rule
        fixed_wins = fixed > percentage if rule == "higher" else fixed < percentage
        winner = "fixed" if fixed_wins else "percentage"
        exact = fixed if fixed_wins else percentage
    amount = cents_from_fraction(exact) if exact is not None else None
    amount_eur: Decimal | None = None
    if exact is not None and eur is not None:
        amount_eur = amount if eur == 1 else cents_from_fraction(exact / eur)
    return Cap(
        tier=tier,
        amount=amount,
        per_day=per_day,
        days=days if tier.per_day else None,
        percentage_amount=_decimal(percentage),
        fixed_in_turnover_currency=_decimal(fixed) if fixed is not None else None,
        winner=winner,
        amount_eur=amount_eur,
        rule=rule,
        sme=use_sme,
    )


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
) -> FineReport:
    """The cap of every tier of ``regime`` (or of the one tier ``tier``) for ``turnover``.

    ``eur_rate``: units of ``currency`` per 1 EUR (ECB convention), for the EUR column and for
    the fixed amounts of EUR regimes. ``rate``: units of ``currency`` per 1 unit of the regime
    currency (needed, e.g., for a USD turnover under the GBP caps of ``uk-osa``). Raises
    ``InputError`` for a bad value or when a needed rate is missing.
    """
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
    if currency == "EUR" and eur_rate is not None and eur_rate != 1:
        raise InputError(
            f"the turnover is already in EUR; a EUR rate of {eur_rate} cannot apply",
            input="eur_rate",
            hint="leave out {eur_rate}",
        )
    tiers = [regime.tier(tier)] if tier is not None else list(regime.tiers)
    if sme and not regime.has_sme_rule:
        raise InputError(
            f"regime `{regime.id}` has no SME rule",
            input="sme",
            hint="only regimes with a `sme_rule` (e.g. ai-act, Art. 99(6)) take {sme}",
        )
    factor = _conversion_rate(regime, tiers, currency, eur_rate, rate)
    eur: Fraction | None = Fraction(1) if currency == "EUR" else None
    if eur is None and eur_rate is not None:
        eur = Fraction(eur_rate)
    exact_turnover = Fraction(turnover)
    caps = [_cap(t, exact_turnover, days=days, factor=factor, eur=eur, sme=sme) for t in tiers]
    used_rate = rate if rate is not None else eur_rate if regime.currency == "EUR" else None
    if currency == regime.currency or not any(t.fixed is not None for t in tiers):
        used_rate = None
    return FineReport(
        regime=regime,
        turnover=turnover,
        currency=currency,
        eur_rate=eur_rate,
        caps=caps,
        rate=used_rate,
        sme=sme,
        days=days,
    )


def compute_many(
    regimes: Sequence[Regime],
    turnover: Decimal,
    currency: str,
    options: CapOptions,
    *,
    eur_rate: Decimal | None = None,
) -> tuple[FineReport, ...]:
    """The caps under each regime. The SME rule and the tier apply to the regimes that have
    them, and must fit at least one (else an InputError says which regimes take them)."""
    if options.sme and not any(r.has_sme_rule for r in regimes):
        names = ", ".join(r.id for r in regimes)
        raise InputError(f"none of the regimes shown ({names}) has an SME rule", input="sme")
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
            sme=options.sme and regime.has_sme_rule,
            tier=options.tier,
        )
        for regime in chosen
    )
