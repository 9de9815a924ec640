"""Exact money: parse amounts and exchange rates, truncate to the cent, format.

Every amount is a ``decimal.Decimal``; no float ever becomes an amount except through its
shortest decimal form (``Decimal(repr(x))``), so a TOML ``134.9e9`` is exactly 134 900 000 000.
Caps are legal maxima, so amounts are only ever truncated (``ROUND_DOWN``), never rounded up.

Amounts as people write them (``parse_money``; ``parse_amount`` when the currency is given
elsewhere), on the command line and in case-file strings alike::

    134902000000   134,902,000,000   134_902_000_000   134 902 000 000   134.902e9
    134.902bn   134.9 billion   868.7B   2.5m   2.5 million   750k   750 thousand   1.2tn
    2,3 Mrd   2,3 Md   2,3 Mio   EUR 2.3bn   2.3bn EUR   €2.3bn   2.3bn€   £18m

- short-scale suffixes: k = 10^3, m/mn = 10^6, b/bn = 10^9, t/tn = 10^12 (any letter case);
- European scale words Mio = 10^6, Mrd/Md/Mds = 10^9: with them a comma is the decimal
  separator (``2,3 Mrd`` = 2 300 000 000);
- groups of three digits separated by ',', '_' or a space (normal, no-break, thin, narrow);
- a currency (ISO code, ``€`` or ``£``) before or after the number.

What is ambiguous is refused with the reason: ``2.300.000`` (dots as thousands separators),
``1,5bn`` (a comma that is not between groups of three), ``$`` and ``¥`` (several currencies).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_DOWN, Context, Decimal, InvalidOperation, localcontext
from fractions import Fraction
from typing import NamedTuple

from dsactl.errors import InputError, UsageError
from dsactl.law.currencies import is_currency

__all__ = [
    "AMOUNT_FORMS",
    "FILE_AMOUNT_FORMS",
    "MAX_AMOUNT",
    "Money",
    "amount_as_written",
    "amount_from_toml",
    "cents_from_fraction",
    "grouped",
    "parse_amount",
    "parse_money",
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
#: European scale words: with one of them a comma is the decimal separator (``2,3 Mrd``).
#: Mio = Million (10^6); Mrd = Milliarde, Md/Mds = milliard(s) (10^9). Not "Bio"/"billion" in
#: the long scale: English "billion" is already 10^9 here, so the long-scale words are left out.
_EUROPEAN: dict[str, int] = {"mio": 6, "mrd": 9, "md": 9, "mds": 9}
#: Currency signs that name one currency; ``$`` and ``¥`` name several and are refused.
_SIGNS: dict[str, str] = {"€": "EUR", "£": "GBP"}
_AMBIGUOUS_SIGNS: dict[str, str] = {"$": "USD, CAD, AUD, …", "¥": "JPY or CNY"}
#: Spaces that people write between groups of three digits: normal, no-break, thin, narrow.
_GROUP_SPACES = " \u00a0\u2009\u202f"

AMOUNT_FORMS = (
    "accepted: 134902000000, 134,902,000,000, 134_902_000_000, 134 902 000 000, 134.902e9, "
    "134.902bn, 134.9 billion, 868.7B, 2.5m, 750k, 1.2tn, 2,3 Mrd, 2,3 Md, 2,3 Mio, and a "
    "currency before or after: EUR 2.3bn, 2.3bn EUR, €2.3bn, 2.3bn€, £18m"
)

FILE_AMOUNT_FORMS = (
    'write e.g. amount = 2300000000, "2300000000.50", "2.3bn", "2,300,000,000", '
    '"2 300 000 000" or "2,3 Mrd"'
)

_NUMBER = re.compile(
    r"""
    (?P<int>[0-9][0-9,_]*)?          # integer part, maybe grouped
    (?:\.(?P<frac>[0-9]+))?          # decimal part
    (?:[eE](?P<exp>[+-]?[0-9]+))?    # exponent
    """,
    re.VERBOSE,
)
_SCALE = re.compile(r"(?P<number>.*?[0-9.])\s*(?P<word>[A-Za-z]+)\.?")
_SPACED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?")
# Only grouped amounts need these (compiled by ``re`` on first use, not at every start).
_COMMA_GROUPS = r"[0-9]{1,3}(?:,[0-9]{3})+"
_UNDERSCORE_GROUPS = r"[0-9]{1,3}(?:_[0-9]{3})+"
_PLAIN_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_RATE_TEXT = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+")
_SPECIAL = {"nan", "snan", "inf", "infinity", "+inf", "-inf", "+infinity", "-infinity"}


class Money(NamedTuple):
    """An amount as written, and the currency written with it (None when there is none)."""

    value: Decimal
    currency: str | None


def _bad(text: str, why: str, option: str | None) -> InputError:
    return InputError(f"`{text}` is not an amount: {why}", input=option, hint=AMOUNT_FORMS)


def _canonical(value: Decimal) -> Decimal:
    """The same value without an exponent when it is whole: ``1.349E+11`` -> ``134900000000``."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1), context=_EXACT)
    return value.normalize(context=_EXACT)


def _split_currency(text: str, option: str | None) -> tuple[str, str | None]:
    """``EUR 2.3bn`` -> (``2.3bn``, ``EUR``): a sign or an ISO code before or after."""
    found: list[str] = []
    rest = text
    for sign, names in _AMBIGUOUS_SIGNS.items():
        if sign in rest:
            raise _bad(
                text,
                f"`{sign}` stands for several currencies ({names}): write the "
                "ISO code instead, e.g. USD 2.3bn",
                option,
            )
    for sign, code in _SIGNS.items():
        if rest.startswith(sign):
            found.append(code)
            rest = rest[1:].strip()
        if rest.endswith(sign):
            found.append(code)
            rest = rest[:-1].strip()
    head = re.match(r"([A-Za-z]{3})(?:\s+|(?=[0-9.]))", rest)
    if head and is_currency(head[1].upper()):
        found.append(head[1].upper())
        rest = rest[head.end() :].strip()
    tail = re.search(r"(?:\s+|(?<=[0-9]))([A-Za-z]{3})$", rest)
    if tail and is_currency(tail[1].upper()):
        found.append(tail[1].upper())
        rest = rest[: tail.start()].strip()
    if len(set(found)) > 1:
        raise _bad(text, f"it names two currencies ({' and '.join(found)})", option)
    if len(found) > 1:
        raise _bad(text, f"it names the currency twice ({found[0]})", option)
    return rest, (found[0] if found else None)


def _scale(text: str, option: str | None, whole: str) -> tuple[str, int, bool]:
    """The number and the power of ten of its scale word; True for a European word."""
    match = _SCALE.fullmatch(text)
    if match is None:
        return text, 0, False
    word = match["word"].lower()
    if word in _SUFFIXES:
        return match["number"], _SUFFIXES[word], False
    if word in _EUROPEAN:
        return match["number"], _EUROPEAN[word], True
    if word[:1] == "e" and word[1:].isdigit():
        return text, 0, False
    raise _bad(
        whole, f"unknown suffix `{match['word']}` (use k, m, bn, tn, Mio, Mrd or words)", option
    )


def _european(number: str, option: str | None, whole: str) -> str:
    """A number before Mio/Mrd/Md: a decimal comma (``2,3``), never a grouping one."""
    if re.fullmatch(r"[0-9]+(?:,[0-9]+)?", number):
        return number.replace(",", ".")
    plain_match = re.fullmatch(r"[0-9]+\.([0-9]+)", number)
    if plain_match and len(plain_match[1]) != 3:
        return number
    raise _bad(
        whole,
        "with Mio, Mrd or Md write the decimal comma and no separators (2,3 Mrd); "
        "a '.' before three digits could be a decimal point or a thousands separator",
        option,
    )


def _spaced(number: str, option: str | None, whole: str) -> str:
    """``2 300 000 000`` (normal, no-break, thin or narrow spaces between groups of three)."""
    flat = re.sub(f"[{_GROUP_SPACES}]+", " ", number)
    if not _SPACED.fullmatch(flat):
        raise _bad(
            whole,
            "spaces between digits must separate groups of three (2 300 000 000)",
            option,
        )
    return flat.replace(" ", "").replace(",", ".")


def _why_not_a_number(text: str) -> str:
    first = text[:1]
    if text.count(".") > 1:
        return (
            "dots as thousands separators are ambiguous (2.300 is 2.3 in English usage): "
            "write 2300000, 2,300,000 or 2 300 000"
        )
    if first == "+":
        return "leave out the sign"
    if not (first.isdigit() or first == "."):
        return "it must start with a digit (a currency goes before or after it: EUR 2.3bn)"
    return "it is not a number"


def _exponent(text: str) -> int:
    """The exponent written (``+9``, ``-3``); one of more than four digits is far beyond the
    bounds an amount is held to, and is read as 99 999 (or -99 999), never converted: Python
    refuses to convert more than 4 300 digits."""
    if len(text.lstrip("+-").lstrip("0")) > 4:
        return -99_999 if text.startswith("-") else 99_999
    return int(text)


def _english(number: str, exponent: int, option: str | None, whole: str) -> Decimal:
    match = _NUMBER.fullmatch(number)
    if match is None or (match["int"] is None and match["frac"] is None):
        raise _bad(whole, _why_not_a_number(number), option)
    integer = match["int"] or "0"
    if "," in integer and "_" in integer:
        raise _bad(whole, "it mixes ',' and '_' as separators", option)
    if "," in integer and not re.fullmatch(_COMMA_GROUPS, integer):
        raise _bad(
            whole,
            "its ',' is not between groups of three digits, so it could be a decimal comma "
            "or a thousands separator; write '.' for decimals (1.5bn), or a decimal comma "
            "with a European scale word (1,5 Mrd)",
            option,
        )
    if "_" in integer and not re.fullmatch(_UNDERSCORE_GROUPS, integer):
        raise _bad(whole, "its '_' groups are not groups of three digits", option)
    if match["exp"] is not None:
        if exponent:
            raise _bad(whole, "use either an exponent or a suffix, not both", option)
        exponent = _exponent(match["exp"])
    if exponent > 40:
        raise _bad(whole, "it is larger than 10^18, surely a typo", option)
    if exponent < -40:
        raise _bad(whole, "it is too small to be an amount", option)
    digits = integer.replace(",", "").replace("_", "")
    # Built from its digits, so exact: Decimal's constructor never rounds.
    return Decimal(f"{digits}.{match['frac'] or '0'}E{exponent}")


def parse_money(text: str, *, option: str | None = None) -> Money:
    """An amount as people write it, exactly, with the currency written beside it, if any.

    ``option`` names the input in errors (``turnover``: the command line maps it to its
    flag). Raises ``InputError`` for
    anything that is not a positive finite amount up to 10^18, or that is ambiguous
    (``2.300.000``, ``1,5bn``): the error says why and lists the accepted forms.
    """
    stripped = text.strip()
    if not stripped:
        raise _bad(text, "it is empty", option)
    if stripped.lower() in _SPECIAL:
        raise _bad(stripped, "NaN and infinity are not amounts", option)
    rest, currency = _split_currency(stripped, option)
    if rest.startswith("-"):
        raise _bad(stripped, "it is negative; an amount must be positive", option)
    number, exponent, european = _scale(rest, option, stripped)
    number = number.strip()
    if european:
        number = _european(number, option, stripped)
    elif re.search(f"[0-9][{_GROUP_SPACES}]+[0-9]", number):
        number = _spaced(number, option, stripped)
    value = _english(number, exponent, option, stripped)
    if value == 0:
        raise _bad(stripped, "it is zero; an amount must be positive", option)
    if value > MAX_AMOUNT:
        raise _bad(stripped, "it is larger than 10^18, surely a typo", option)
    return Money(_canonical(value), currency)


def parse_amount(text: str, *, option: str | None = None) -> Decimal:
    """``parse_money`` where no currency may be written (the caller knows it otherwise)."""
    money = parse_money(text, option=option)
    if money.currency is not None:
        bare = _split_currency(text.strip(), option)[0]
        raise _bad(
            text.strip(),
            f"give the currency separately here: {bare} with currency {money.currency}",
            option,
        )
    return money.value


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
    """An amount from a TOML value: int, float (shortest form) or a string in any form
    ``parse_amount`` reads (``"868687000000.50"``, ``"2.3bn"``, ``"2,3 Mrd"``) but without a
    currency, which the table's ``currency`` key gives.

    Raises ``ValueError`` with a message for the user (the caller reports it as a finding).
    """
    if isinstance(value, str):
        try:
            money = parse_money(value)
        except UsageError as exc:
            raise ValueError(f"{exc.message} ({FILE_AMOUNT_FORMS})") from None
        if money.currency is not None:
            bare = _split_currency(value.strip(), None)[0]
            raise ValueError(
                f"`{value}` names its currency in the amount; write "
                f'amount = "{bare}" and currency = "{money.currency}"'
            )
        amount = money.value
    else:
        amount = _from_toml_number(value, "an amount")
    if amount <= 0:
        raise ValueError(f"the amount must be positive, not {amount}")
    if amount > MAX_AMOUNT:
        raise ValueError(f"the amount {amount} is larger than 10^18, surely a typo")
    return _canonical(amount)


def amount_as_written(value: object) -> Decimal:
    """``amount_from_toml``, but a plain decimal string keeps its digits as written ("0.10"
    stays "0.10", not "0.1"), so that output quotes the file (the rates of regime files)."""
    amount = amount_from_toml(value)
    if isinstance(value, str) and _PLAIN_DECIMAL.fullmatch(value):
        return Decimal(value)
    return amount


def _rate_decimal(text: str) -> Decimal | None:
    """``Decimal(text)`` of a plain number (``_RATE_TEXT``); None for an exponent beyond what a
    Decimal holds (``1e99999999999999999999999``), which ``_check_rate`` refuses."""
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _check_rate(rate: Decimal | None) -> str | None:
    if rate is None:
        return _OUT_OF_RANGE
    if not rate.is_finite():
        return "it must be finite"
    if rate <= 0:
        return "it must be positive"
    if rate > MAX_RATE or rate < MIN_RATE:
        return _OUT_OF_RANGE
    return None


_OUT_OF_RANGE = "it is outside 10^-12 to 10^12, surely a typo"
RATE_FORMS = "a positive number such as 1.0925: units of the turnover currency per 1 EUR (or GBP)"


def rate_from_text(text: str, *, option: str | None = None) -> Decimal:
    """A command-line exchange rate (units of a currency per 1 unit of another), exactly."""
    stripped = text.strip()
    if not _RATE_TEXT.fullmatch(stripped):
        why = "it is negative" if stripped.startswith("-") else "it is not a plain number"
        raise InputError(
            f"`{stripped}` is not an exchange rate: {why}", input=option, hint=RATE_FORMS
        )
    rate = _rate_decimal(stripped)
    problem = _check_rate(rate)
    if rate is None or problem is not None:
        raise InputError(
            f"`{stripped}` is not an exchange rate: {problem}", input=option, hint=RATE_FORMS
        )
    return rate


def rate_from_toml(value: object) -> Decimal:
    """An exchange rate from a TOML value (int, float in shortest form, or decimal string)."""
    if isinstance(value, str):
        if not _RATE_TEXT.fullmatch(value):
            raise ValueError(f'`{value}` is not a plain decimal string like "1.0925"')
        rate = _rate_decimal(value)
    else:
        rate = _from_toml_number(value, "an exchange rate")
    problem = _check_rate(rate)
    if rate is None or problem is not None:
        shown = value if rate is None else rate
        raise ValueError(f"the exchange rate {shown} is not valid: {problem}")
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
