"""ISO 4217 alphabetic currency codes that dsactl accepts.

Source: ISO 4217 "List One: Currency, fund and precious metal codes", maintained for ISO by
SIX Financial Information AG (file ``list-one.xml``), edition published 2024-06-25: every
``<Ccy>`` code in it (179 codes, including fund codes such as ``BOV`` and ``CHE``, units of
account such as ``XDR``, precious metals ``XAU``/``XAG``/``XPD``/``XPT``, and ``XTS``/``XXX``).

Added after that edition: ``XCG`` (Caribbean guilder, Curaçao and Sint Maarten, in circulation
from 31 March 2025). Codes withdrawn since that edition (``ANG`` after the Caribbean guilder
replaced it; ``BGN`` after Bulgaria joined the euro on 1 January 2026) are kept on purpose:
turnover for a financial year before the change is still reported in them.

Codes are matched exactly (upper case); callers may suggest ``code.upper()``.
To update: add or remove codes below and restate the edition in this docstring.
"""

from __future__ import annotations

__all__ = ["ACTIVE_CODES", "is_currency", "unknown_currency_message"]

ACTIVE_CODES: frozenset[str] = frozenset(
    {
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD",
        "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP",
        "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU",
        "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB",
        "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD",
        "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY",
        "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
        "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR",
        "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
        "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB",
        "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP",
        "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD",
        "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND",
        "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XDR", "XOF",
        "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG",
        # Added after the 2024-06-25 edition:
        "XCG",
    }
)  # fmt: skip


def is_currency(code: str) -> bool:
    """True for an ISO 4217 alphabetic code in ``ACTIVE_CODES`` (exact, upper case)."""
    return code in ACTIVE_CODES


def unknown_currency_message(code: str) -> str:
    """The message for a code that is not in the list, with a suggestion when one is clear.

    >>> unknown_currency_message("usd")
    '`usd` is not an ISO 4217 currency code (did you mean `USD`?)'
    """
    fixed = code.strip().upper()
    hint = f" (did you mean `{fixed}`?)" if fixed != code and is_currency(fixed) else ""
    return f"`{code}` is not an ISO 4217 currency code{hint}"
