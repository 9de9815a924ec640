"""Exact money: parse amounts and exchange rates, truncate to the cent, format.

Every amount is a ``decimal.Decimal``; no float ever becomes an amount except through its
shortest decimal form (``Decimal(repr(x))``), so a TOML ``134.9e9`` is exactly 134 900 000 000.
Caps are legal maxima, so amounts are only ever truncated (``ROUND_DOWN``), never rounded up.

Command-line amounts (``parse_amount``) accept::

    134902000000   134,902,000,000   134_902_000_000   134.902e9   134.902E9
    134.902bn   134.9 billion   868.7B   2.5m   2.5 million   750k   750 thousand   1.2tn

with short-scale suffixes: k = 10^3, m/mn = 10^6, b/bn = 10^9, t/tn = 10^12 (any letter case).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_DOWN, Context, Decimal, InvalidOperation, localcontext
from fractions import Fraction

from dsactl.errors import UsageError

__all__ = [
    "MAX_AMOUNT",
    "amount_from_toml",
    "cents_from_fraction",
    "grouped",
    "parse_amount",
    "plain",
    "rate_from_text",
    "rate_from_toml",
    "to_cents",
]

#: Anything above this (a quintillion) is a typo, not a turnover.
MAX_AMOUNT = Decimal(10) ** 18
#: No currency trades at more than a trillion units per euro.
MAX_RATE = Decimal(10) ** 12
MIN_RATE = Decimal(10) ** -12

# Plenty of digits for any amount up to 1e18 with many decimals: no operation here rounds.
_EXACT = Context(prec=200, rounding=ROUND_DOWN)
_CENT = Decimal("0.01")

_SUFFIXES: dict[str, int] = {
    "k": 3,
    "thousand": 3,
    "m": 6,
    "mn": 6,
    "million": 6,
    "b": 9,
    "bn": 9,
    "billion": 9,
    "t": 12,
    "tn": 12,
    "trillion": 12,
}

AMOUNT_FORMS = (
    "accepted: 134902000000, 134,902,000,000, 134_902_000_000, 134.902e9, 134.902bn, "
    "134.9 billion, 868.7B, 2.5m, 750k, 1.2tn"
)

_AMOUNT = re.compile(
    r"""
    (?P<int>[0-9][0-9,_]*)?          # integer part, maybe grouped
    (?:\.(?P<frac>[0-9]+))?          # decimal part
    (?:[eE](?P<exp>[+-]?[0-9]+))?    # exponent
    \s*
    (?P<suffix>[A-Za-z]+)?           # k, m, bn, trillion, ...
    """,
    re.VERBOSE,
)
# Only grouped amounts need these (compiled by ``re`` on first use, not at every start).
_COMMA_GROUPS = r"[0-9]{1,3}(?:,[0-9]{3})+"
_UNDERSCORE_GROUPS = r"[0-9]{1,3}(?:_[0-9]{3})+"
_PLAIN_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_RATE_TEXT = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+")
_SPECIAL = {"nan", "snan", "inf", "infinity", "+inf", "-inf", "+infinity", "-infinity"}


def _bad(text: str, why: str, option: str | None) -> UsageError:
    return UsageError(f"`{text}` is not an amount: {why}", key=option, hint=AMOUNT_FORMS)


def _canonical(value: Decimal) -> Decimal:
    """The same value without an exponent when it is whole: ``1.349E+11`` -> ``134900000000``."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1), context=_EXACT)
    return value.normalize(context=_EXACT)


def parse_amount(text: str, *, option: str | None = None) -> Decimal:
    """Parse a command-line amount exactly; ``option`` (e.g. ``--turnover``) names it in errors.

    Raises ``UsageError`` for anything that is not a positive finite amount up to 10^18.
    """
    stripped = text.strip()
    if not stripped:
        raise _bad(text, "it is empty", option)
    if stripped.lower() in _SPECIAL:
        raise _bad(stripped, "NaN and infinity are not amounts", option)
    if stripped.startswith("-"):
        raise _bad(stripped, "it is negative; an amount must be positive", option)
    match = _AMOUNT.fullmatch(stripped)
    if match is None or (match["int"] is None and match["frac"] is None):
        first = stripped[:1]
        why = "it is not a number"
        if stripped.count(".") > 1:
            why = "it has more than one decimal point"
        elif first == "+":
            why = "leave out the sign"
        elif not (first.isdigit() or first == "."):
            why = "it must start with a digit (give the currency separately, with --currency)"
        elif re.search(r"[0-9]\s+[0-9]", stripped):
            why = "spaces between digits are not separators here; use ',' or '_'"
        raise _bad(stripped, why, option)
    integer = match["int"] or "0"
    if "," in integer and "_" in integer:
        raise _bad(stripped, "it mixes ',' and '_' as separators", option)
    if "," in integer and not re.fullmatch(_COMMA_GROUPS, integer):
        raise _bad(
            stripped,
            "its ',' groups are not groups of three digits (use '.' for decimals)",
            option,
        )
    if "_" in integer and not re.fullmatch(_UNDERSCORE_GROUPS, integer):
        raise _bad(stripped, "its '_' groups are not groups of three digits", option)
    exponent = int(match["exp"]) if match["exp"] is not None else 0
    suffix = match["suffix"]
    if suffix is not None:
        if suffix.lower() not in _SUFFIXES:
            raise _bad(stripped, f"unknown suffix `{suffix}` (use k, m, bn, tn or words)", option)
        if match["exp"] is not None:
            raise _bad(stripped, "use either an exponent or a suffix, not both", option)
        exponent = _SUFFIXES[suffix.lower()]
    if exponent > 40:
        raise _bad(stripped, "it is larger than 10^18, surely a typo", option)
    if exponent < -40:
        raise _bad(stripped, "it is too small to be an amount", option)
    digits = integer.replace(",", "").replace("_", "")
    frac = match["frac"] or ""
    # Built from its digits, so exact: Decimal's constructor never rounds.
    value = Decimal(f"{digits}.{frac or '0'}E{exponent}")
    if value == 0:
        raise _bad(stripped, "it is zero; an amount must be positive", option)
    if value > MAX_AMOUNT:
        raise _bad(stripped, "it is larger than 10^18, surely a typo", option)
    return _canonical(value)


def _from_toml_number(value: object, what: str) -> Decimal:
    """int -> exact; float -> its shortest decimal form; anything else -> ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a number, not true/false")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{what} must be finite, not {value!r}")
        return Decimal(repr(value))
    raise ValueError(f"{what} must be a number or a decimal string, not {type(value).__name__}")


def amount_from_toml(value: object) -> Decimal:
    """An amount from a TOML value: int, float (shortest form) or a plain decimal string.

    Raises ``ValueError`` with a message for the user (the caller reports it as a finding).
    """
    if isinstance(value, str):
        if not _PLAIN_DECIMAL.fullmatch(value):
            raise ValueError(
                f"`{value}` is not a plain decimal string; write digits with an optional "
                'decimal point, e.g. "868687000000.50" (no separators, suffixes or exponent)'
            )
        amount = Decimal(value)
    else:
        amount = _from_toml_number(value, "an amount")
    if amount <= 0:
        raise ValueError(f"the amount must be positive, not {amount}")
    if amount > MAX_AMOUNT:
        raise ValueError(f"the amount {amount} is larger than 10^18, surely a typo")
    return _canonical(amount)


def _check_rate(rate: Decimal) -> str | None:
    if not rate.is_finite():
        return "it must be finite"
    if rate <= 0:
        return "it must be positive"
    if rate > MAX_RATE or rate < MIN_RATE:
        return "it is outside 10^-12 to 10^12, surely a typo"
    return None


RATE_FORMS = "a positive number such as 1.0925: units of the turnover currency per 1 EUR (or GBP)"


def rate_from_text(text: str, *, option: str | None = None) -> Decimal:
    """A command-line exchange rate (units of a currency per 1 unit of another), exactly."""
    stripped = text.strip()
    if not _RATE_TEXT.fullmatch(stripped):
        why = "it is negative" if stripped.startswith("-") else "it is not a plain number"
        raise UsageError(
            f"`{stripped}` is not an exchange rate: {why}", key=option, hint=RATE_FORMS
        )
    rate = Decimal(stripped)
    problem = _check_rate(rate)
    if problem is not None:
        raise UsageError(
            f"`{stripped}` is not an exchange rate: {problem}", key=option, hint=RATE_FORMS
        )
    return rate


def rate_from_toml(value: object) -> Decimal:
    """An exchange rate from a TOML value (int, float in shortest form, or decimal string)."""
    if isinstance(value, str):
        if not _RATE_TEXT.fullmatch(value):
            raise ValueError(f'`{value}` is not a plain decimal string like "1.0925"')
        rate = Decimal(value)
    else:
        rate = _from_toml_number(value, "an exchange rate")
    problem = _check_rate(rate)
    if problem is not None:
        raise ValueError(f"the exchange rate {rate} is not valid: {problem}")
    return rate


def to_cents(value: Decimal) -> Decimal:
    """Truncate toward zero to two decimal places (never rounds up)."""
    try:
        return value.quantize(_CENT, rounding=ROUND_DOWN, context=_EXACT)
    except InvalidOperation as exc:  # NaN or infinity: a programming error upstream
        raise ValueError(f"cannot truncate {value} to the cent") from exc


def cents_from_fraction(value: Fraction) -> Decimal:
    """An exact rational amount truncated toward zero to the cent, as a two-place Decimal."""
    cents = math.trunc(value * 100)
    return Decimal(cents).scaleb(-2, context=_EXACT)


def plain(value: Decimal) -> str:
    """``52121220000.00``: truncated to the cent, two decimals, no separators, no exponent."""
    with localcontext(_EXACT):
        return format(to_cents(value), ".2f")


def grouped(value: Decimal) -> str:
    """``52,121,220,000.00``: like ``plain`` with thousands separators."""
    with localcontext(_EXACT):
        return format(to_cents(value), ",.2f")
