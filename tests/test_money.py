"""Amount and rate parsing, truncation to the cent and formatting (dsactl.law.money)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsactl.errors import UsageError
from dsactl.law.currencies import ACTIVE_CODES, is_currency, unknown_currency_message
from dsactl.law.money import (
    amount_from_toml,
    cents_from_fraction,
    grouped,
    parse_amount,
    plain,
    rate_from_text,
    rate_from_toml,
    to_cents,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("134902000000", "134902000000"),
        ("134,902,000,000", "134902000000"),  # commas in groups of three
        ("134_902_000_000", "134902000000"),  # underscores in groups of three
        ("134.902e9", "134902000000"),  # 134.902 * 10^9
        ("134.902E9", "134902000000"),
        ("134.902bn", "134902000000"),  # bn = 10^9
        ("134.9 billion", "134900000000"),  # 134.9 * 10^9
        ("868.7B", "868700000000"),  # 868.7 * 10^9
        ("2.5m", "2500000"),  # 2.5 * 10^6
        ("2.5M", "2500000"),
        ("2.5 million", "2500000"),
        ("2.5mn", "2500000"),
        ("750k", "750000"),  # 750 * 10^3
        ("750K", "750000"),
        ("750 thousand", "750000"),
        ("1.2tn", "1200000000000"),  # 1.2 * 10^12 (short scale)
        ("1.2T", "1200000000000"),
        ("1.2 trillion", "1200000000000"),
        ("  134902000000 \t", "134902000000"),  # surrounding whitespace
        ("0.5", "0.5"),
        ("1234.5678", "1234.5678"),  # more than two places: kept exact
        ("1.23456789k", "1234.56789"),  # 1.23456789 * 1000, exact
        ("1,234.5", "1234.5"),
        ("1e18", "1000000000000000000"),  # the largest accepted amount
    ],
)
def test_parse_amount_forms(text: str, expected: str) -> None:
    value = parse_amount(text)
    assert value == Decimal(expected)
    assert plain(value) == plain(Decimal(expected))


def test_parse_amount_is_exact_and_plain() -> None:
    # 134.9e9 as a float would be 134900000000.00002 at worst; the parser never uses floats.
    value = parse_amount("134.9e9")
    assert value == Decimal("134900000000")
    assert str(value) == "134900000000"  # no exponent form


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("abc", "start with a digit"),
        ("one billion", "start with a digit"),
        ("USD 5", "currency separately"),  # parse_money reads it (issue 13)
        ("1,2,3", "groups"),  # bad grouping
        ("134,9", "groups"),  # a decimal comma
        ("1234,567", "groups"),
        ("1_2_3", "groups"),
        ("1,000_000", "mixes"),
        ("1.2.3", "ambiguous"),
        ("0", "zero"),
        ("0.00", "zero"),
        ("0k", "zero"),
        ("-5", "negative"),
        ("-1e9", "negative"),
        ("+5", "sign"),
        ("NaN", "NaN"),
        ("nan", "NaN"),
        ("inf", "infinity"),
        ("Infinity", "infinity"),
        ("1e400", "10^18"),
        ("1e19", "10^18"),  # 10^19 > 10^18
        ("1000000000000000001", "10^18"),
        ("2 00 000", "groups of three"),
        ("5x", "suffix"),
        ("5 gazillion", "suffix"),
        ("1e3k", "either an exponent or a suffix"),
        ("1e-400", "too small"),
        ("5.", "not a number"),
        # Exponents of 5 000 digits: far beyond the bounds, and beyond the 4 300 digits Python
        # converts to an int (a ValueError and a traceback until 2 December 2026).
        ("1e" + "9" * 5000, "10^18"),
        ("1e-" + "9" * 5000, "too small"),
    ],
    ids=lambda value: value if len(value) < 40 else f"{value[:6]}… ({len(value)} characters)",
)
def test_parse_amount_rejects(text: str, says: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_amount(text, option="--turnover")
    error = caught.value
    assert says in error.message
    assert error.input == "--turnover"
    assert error.hint is not None and "134.902bn" in error.hint  # the accepted forms
    assert error.exit_code == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (134902000000, "134902000000"),  # int: exact
        (134.9e9, "134900000000"),  # float: its shortest form "134900000000.0"
        (0.1, "0.1"),  # not 0.1000000000000000055511151231257827…
        (868687000000.5, "868687000000.5"),
        ("868687000000.50", "868687000000.50"),  # plain decimal string
        ("120000000", "120000000"),
        (10**18, "1000000000000000000"),
        ("1,000", "1000"),  # strings read as --turnover reads them (issue 13)
        ("1e9", "1000000000"),
        ("2.5m", "2500000"),
        (" 100", "100"),
    ],
)
def test_amount_from_toml(value: object, expected: str) -> None:
    assert amount_from_toml(value) == Decimal(expected)


def test_amount_from_toml_float_is_shortest_form() -> None:
    assert amount_from_toml(0.1) != Decimal.from_float(0.1)  # the binary expansion is never used
    assert str(amount_from_toml(134.9e9)) == "134900000000"


@pytest.mark.parametrize(
    "value",
    [
        True,  # a bool is not a number
        False,
        0,
        0.0,
        -1,
        -134.9e9,
        float("nan"),
        float("inf"),
        1e300,  # beyond 10^18
        "1,5",  # ambiguous: strings are read as --turnover is (issue 13)
        "2.5m EUR",  # the currency goes in `currency`
        "",
        "-5",
        "0",
        None,
        [1],
        {"amount": 1},
    ],
)
def test_amount_from_toml_rejects(value: object) -> None:
    with pytest.raises(ValueError):
        amount_from_toml(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.999", "1.99"),  # truncated, never rounded up
        ("18479726.0273972602", "18479726.02"),
        ("0.009", "0.00"),
        ("5", "5.00"),
        ("7408805491.990847", "7408805491.99"),
    ],
)
def test_to_cents_truncates(value: str, expected: str) -> None:
    result = to_cents(Decimal(value))
    assert result == Decimal(expected)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(6745100000, 365), "18479726.02"),  # 18,479,726.0273…
        (Fraction(2, 3), "0.66"),  # 0.666… would round to 0.67
        (Fraction(1, 1), "1.00"),
    ],
)
def test_cents_from_fraction(value: Fraction, expected: str) -> None:
    assert str(cents_from_fraction(value)) == expected


@pytest.mark.parametrize(
    ("value", "plain_text", "grouped_text"),
    [
        ("52121220000", "52121220000.00", "52,121,220,000.00"),
        ("5.2121222E+10", "52121222000.00", "52,121,222,000.00"),  # no exponent in output
        ("1E+18", "1000000000000000000.00", "1,000,000,000,000,000,000.00"),
        ("999.999", "999.99", "999.99"),  # truncated
        ("0.5", "0.50", "0.50"),
    ],
)
def test_plain_and_grouped(value: str, plain_text: str, grouped_text: str) -> None:
    assert plain(Decimal(value)) == plain_text
    assert grouped(Decimal(value)) == grouped_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.0925", "1.0925"), (" 7.8564 ", "7.8564"), ("1", "1"), ("0.85", "0.85")],
)
def test_rate_from_text(text: str, expected: str) -> None:
    assert rate_from_text(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "0", "0.0", "-1.09", "abc", "nan", "inf", "1,09", "1e13"])
def test_rate_from_text_rejects(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        rate_from_text(text, option="--eur-rate")
    assert caught.value.input == "--eur-rate"


@pytest.mark.parametrize(
    ("value", "expected"), [(1.0925, "1.0925"), (7.8564, "7.8564"), ("1.0925", "1.0925"), (2, "2")]
)
def test_rate_from_toml(value: object, expected: str) -> None:
    assert rate_from_toml(value) == Decimal(expected)


@pytest.mark.parametrize("value", [True, 0, -1.0, float("nan"), float("inf"), "x", None, "-1"])
def test_rate_from_toml_rejects(value: object) -> None:
    with pytest.raises(ValueError):
        rate_from_toml(value)


# An exponent beyond what a Decimal holds (its limit is 999 999 999 999 999 999): Decimal()
# raises InvalidOperation, which is not a ValueError, and was a traceback until 2 December
# 2026. Such a rate is far outside 10^-12 to 10^12.
HUGE_EXPONENTS = ["1e99999999999999999999999", "1e-99999999999999999999999"]


@pytest.mark.parametrize("text", HUGE_EXPONENTS)
def test_a_rate_with_an_exponent_beyond_decimal_is_out_of_range(text: str) -> None:
    with pytest.raises(UsageError, match=r"outside 10\^-12 to 10\^12") as caught:
        rate_from_text(text, option="eur_rate")
    assert caught.value.input == "eur_rate"
    with pytest.raises(ValueError, match=rf"exchange rate {text} is not valid: it is outside"):
        rate_from_toml(text)


def test_an_exponent_with_leading_zeros_is_read_as_its_value() -> None:
    # 0…09 is 9 whatever the zeros: 1e9 = 1 000 000 000.
    assert parse_amount("1e" + "0" * 30 + "9") == Decimal("1000000000")


@pytest.mark.parametrize("code", ["EUR", "USD", "CNY", "GBP", "JPY", "CHF", "ZWG", "SLE", "XCG"])
def test_currencies_known(code: str) -> None:
    assert is_currency(code)


@pytest.mark.parametrize("code", ["eur", "EURO", "XYZ", "", "US", "HRK", "ZWL", "BTC"])
def test_currencies_unknown(code: str) -> None:
    assert not is_currency(code)


def test_currency_list_shape() -> None:
    assert isinstance(ACTIVE_CODES, frozenset)
    assert all(len(code) == 3 and code.isascii() and code.isupper() for code in ACTIVE_CODES)
    assert len(ACTIVE_CODES) == 180  # List One of 2024-06-25 (179) + XCG


def test_unknown_currency_message_suggests() -> None:
    assert "did you mean `USD`" in unknown_currency_message("usd")
    assert "did you mean" not in unknown_currency_message("XYZ")


@given(
    numerator=st.integers(min_value=1, max_value=10**20),
    denominator=st.integers(min_value=1, max_value=10**6),
)
def test_cents_never_round_up(numerator: int, denominator: int) -> None:
    exact = Fraction(numerator, denominator)
    cents = Fraction(cents_from_fraction(exact))
    assert cents <= exact < cents + Fraction(1, 100)
