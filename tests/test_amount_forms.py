"""Issue 13 item 7: turnover as people write it, one parser for --turnover and case files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import Run
from dsactl.errors import UsageError
from dsactl.law.money import amount_from_toml, parse_amount, parse_money

NBSP, THIN, NARROW = "\u00a0", "\u2009", "\u202f"


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("2.3bn EUR", "2300000000", "EUR"),  # 2.3 x 10^9
        ("EUR 2.3bn", "2300000000", "EUR"),
        ("€2.3bn", "2300000000", "EUR"),
        ("2.3bn€", "2300000000", "EUR"),
        ("2.3bn €", "2300000000", "EUR"),
        ("USD 134.902bn", "134902000000", "USD"),
        ("£18m", "18000000", "GBP"),  # 18 x 10^6
        ("eur 2.3bn", "2300000000", "EUR"),  # case does not matter for an ISO code
        ("2 300 000 000", "2300000000", None),  # normal spaces between groups of three
        (f"2{THIN}300{THIN}000{THIN}000", "2300000000", None),
        (f"2{NARROW}300{NARROW}000{NARROW}000", "2300000000", None),
        (f"2{NBSP}300{NBSP}000{NBSP}000", "2300000000", None),
        ("2 300 000,50", "2300000.5", None),  # spaces group, so the comma is a decimal one
        ("2,3 Mrd", "2300000000", None),  # Milliarde = 10^9, decimal comma
        ("2,3 Md", "2300000000", None),  # milliard
        ("2,3 Mio", "2300000", None),  # Million = 10^6
        ("2,3 Mrd EUR", "2300000000", "EUR"),
        ("134902000000", "134902000000", None),  # the old forms still work
        ("134,902,000,000", "134902000000", None),
        ("1.2tn", "1200000000000", None),
    ],
)
def test_amount_forms(text: str, value: str, currency: str | None) -> None:
    money = parse_money(text)
    assert money.value == Decimal(value)
    assert money.currency == currency


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2.300.000", "dots as thousands separators are ambiguous"),
        ("1,5bn", "could be a decimal comma or a thousands separator"),
        ("2.300 Mrd", "could be a decimal point or a thousands separator"),
        ("$5bn", "several currencies"),
        ("¥5bn", "several currencies"),
        ("EUR 2bn USD", "two currencies"),
        ("2 30 000", "groups of three"),
        ("5 gazillion", "unknown suffix"),
    ],
)
def test_ambiguous_amounts_say_why_and_show_the_forms(text: str, says: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_money(text, option="--turnover")
    assert says in caught.value.message
    assert caught.value.hint is not None
    assert "2,3 Mrd" in caught.value.hint and "EUR 2.3bn" in caught.value.hint


def test_parse_amount_refuses_a_currency_where_it_is_given_apart() -> None:
    with pytest.raises(UsageError) as caught:
        parse_amount("EUR 10m")
    assert "currency separately" in caught.value.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.3bn", "2300000000"),  # E401 before issue 13, accepted by --turnover
        ("2,300,000,000", "2300000000"),
        ("2 300 000 000", "2300000000"),
        ("2,3 Mrd", "2300000000"),
        ("868687000000.50", "868687000000.50"),
    ],
)
def test_case_file_amount_strings_use_the_same_parser(value: str, expected: str) -> None:
    assert amount_from_toml(value) == Decimal(expected)


def test_case_file_amount_with_a_currency_says_what_to_write() -> None:
    with pytest.raises(ValueError) as caught:
        amount_from_toml("2.3bn EUR")
    assert 'write amount = "2.3bn" and currency = "EUR"' in str(caught.value)


def test_turnover_sets_the_currency(run: Run) -> None:
    code, out, err = run("fine", "--turnover", "€2.3bn", "-f", "json")
    assert code == 0, err
    # 6 % of 2 300 000 000 = 138 000 000.00
    document = json.loads(out)
    assert document["turnover"] == {"amount": "2300000000.00", "currency": "EUR"}
    assert document["caps"][0]["amount"] == "138000000.00"
    code, out, err = run("fine", "--turnover", "2.3bn USD", "--eur-rate", "1.15", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["turnover"]["currency"] == "USD"


def test_turnover_currency_clash_is_a_usage_error_naming_both(run: Run) -> None:
    code, _, err = run("fine", "--turnover", "2.3bn EUR", "--currency", "USD")
    assert code == 2
    assert "--turnover says EUR but --currency says USD" in err
    # the same currency twice is no clash
    code, _, err = run("fine", "--turnover", "2.3bn EUR", "--currency", "EUR")
    assert code == 0, err


def test_case_file_amount_string_is_read(run: Run, tmp_path: Path) -> None:
    case = tmp_path / "acme.toml"
    case.write_text(
        '[platform]\nname = "Acme"\nprovider = "Acme Ltd"\n\n'
        '[[turnover]]\namount = "2.3bn"\ncurrency = "EUR"\nyear_end = 2023-12-31\n'
        'source = "annual report"\n',
        encoding="utf-8",
    )
    code, out, err = run("check", str(case), "--as-of", "2024-06-01")
    assert code == 0, err + out
    code, out, err = run("fine", "Acme", str(case), "--as-of", "2024-06-01", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["turnover"]["amount"] == "2300000000.00"
