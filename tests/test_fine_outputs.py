"""Issue 13 items 11-17: what a lawyer checks in a fine's output.

Every figure is worked out by hand in a comment; "trunc" = truncated to the cent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run

LEAP_CASE = """\
[platform]
name = "Leapco"
provider = "Leapco SA"

[[turnover]]
amount = 1_000_000_000
currency = "EUR"
year_end = 2024-12-31
source = "annual report 2024"

[[turnover]]
amount = 1_000_000_000
currency = "USD"
year_end = 2023-12-31
source = "annual report 2023"
"""


def _caps(document: dict[str, object]) -> dict[str, dict[str, object]]:
    caps = document["caps"]
    assert isinstance(caps, list)
    return {cap["tier"]: cap for cap in caps}


@pytest.fixture
def leap_case(tmp_path: Path) -> Path:
    path = tmp_path / "leapco.toml"
    path.write_text(LEAP_CASE, encoding="utf-8")
    return path


# --- item 11: both sides of "whichever is higher/lower" ---------------------------------------


def test_higher_rule_shows_both_sides(run: Run) -> None:
    code, out, err = run(
        "fine", "--turnover", "400m", "--currency", "USD", "--eur-rate", "1.0925",
        "--regime", "gdpr", "--tier", "83-5", "-f", "json",
    )  # fmt: skip
    assert code == 0, err
    cap = _caps(json.loads(out))["83-5"]
    # 4 % of USD 400 000 000 = USD 16 000 000.00; EUR 20 000 000 x 1.0925 = USD 21 850 000.00;
    # whichever is higher: the fixed amount, USD 21 850 000.00
    assert cap["percentage_amount"] == "16000000.00"
    assert cap["fixed_in_turnover_currency"] == "21850000.00"
    assert (cap["rule"], cap["winner"], cap["amount"]) == ("higher", "fixed", "21850000.00")
    code, out, _ = run(
        "fine", "--turnover", "400m", "--currency", "USD", "--eur-rate", "1.0925",
        "--regime", "gdpr", "--tier", "83-5",
    )  # fmt: skip
    assert "4 %: USD 16,000,000.00" in out
    assert "= USD 21,850,000.00" in out
    assert "whichever is higher: fixed amount" in out


def test_lower_rule_shows_both_sides(run: Run) -> None:
    code, out, err = run(
        "fine", "--turnover", "400m", "--regime", "ai-act", "--tier", "99-3", "--sme", "-f", "json"
    )
    assert code == 0, err
    cap = _caps(json.loads(out))["99-3"]
    # 7 % of 400 m = 28 m; fixed 35 m; SME, Art. 99(6): whichever is lower -> 28 m
    assert (cap["percentage_amount"], cap["fixed_in_turnover_currency"]) == (
        "28000000.00",
        "35000000.00",
    )
    assert (cap["rule"], cap["winner"], cap["amount"]) == ("lower", "percentage", "28000000.00")


# --- item 12: the Art. 76 daily penalty in EUR ------------------------------------------------


def test_daily_penalty_has_a_eur_figure(run: Run) -> None:
    code, out, err = run(
        "fine", "--turnover", "134.902bn", "--currency", "USD", "--eur-rate", "1.0925", "-f", "json"
    )
    assert code == 0, err
    daily = _caps(json.loads(out))["76-1"]
    # 134 902 000 000 x 5 % / 365 = 18 479 726.0273… USD a day; / 1.0925 = 16 915 081.0319…
    # -> EUR 16 915 081.03 a day
    assert (daily["per_day"], daily["per_day_eur"]) == ("18479726.02", "16915081.03")
    assert daily["amount_eur"] is None  # no days: no total
    code, out, _ = run(
        "fine", "--turnover", "134.902bn", "--currency", "USD", "--eur-rate", "1.0925"
    )
    assert "16,915,081.03" in out and "per day" in out


def test_total_says_it_comes_from_the_exact_daily_amount(run: Run) -> None:
    code, out, err = run("fine", "--turnover", "134902000000", "--days", "10", "-f", "json")
    assert code == 0, err
    daily = _caps(json.loads(out))["76-1"]
    # 134 902 000 000 x 5 % x 10 / 365 = 184 797 260.2739… -> 184 797 260.27, while the
    # truncated per-day figure x 10 = 18 479 726.02 x 10 = 184 797 260.20: 7 cents less
    assert daily["amount"] == "184797260.27"
    assert "exact daily amount" in daily["computation"]
    assert "184,797,260.20 is EUR 0.07 less" in daily["computation"]
    code, out, _ = run("fine", "--turnover", "134902000000", "--days", "10")
    assert "computed from the exact daily amount" in " ".join(out.split())


# --- item 13: options that do not apply are warnings ------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--tier", "74-1", "--days", "10"), "no tier shown of `dsa` (74-1) is a daily penalty"),
        (("--regime", "gdpr", "--days", "10"), "is a daily penalty"),
        (("--sme",), "`dsa` has none"),
        (("--eur-rate", "1.1"), "already in EUR: the EUR rate 1.1 is not used"),
        (("--currency", "USD"), "no EUR exchange rate for USD"),
    ],
)
def test_options_that_do_not_apply_are_warnings(run: Run, args: tuple[str, ...], says: str) -> None:
    code, out, err = run("fine", "--turnover", "1bn", *args, "-f", "json")
    assert code == 0, err
    assert says in err and "dsactl: warning:" in err
    assert any(says in w for w in json.loads(out)["warnings"])


def test_missing_eur_rate_of_the_year_is_a_json_warning(run: Run, leap_case: Path) -> None:
    # as of 2024-06-01 the preceding financial year is the USD one ending 2023-12-31, without
    # an eur_rate
    code, out, err = run("fine", "Leapco", str(leap_case), "--as-of", "2024-06-01", "-f", "json")
    assert code == 0, err
    warnings = json.loads(out)["warnings"]
    assert any("ended 2023-12-31 has no `eur_rate`" in w for w in warnings)


# --- item 14: the real length of the financial year -------------------------------------------


def test_leap_financial_year_divides_by_366(run: Run, leap_case: Path) -> None:
    code, out, err = run(
        "fine", "Leapco", str(leap_case), "--as-of", "2025-06-01", "--days", "10", "-f", "json"
    )
    assert code == 0, err
    document = json.loads(out)
    daily = _caps(document)["76-1"]
    # 2024-01-01 to 2024-12-31 = 366 days. Per day: 1 000 000 000 x 5 % / 366
    # = 136 612.0218… -> 136 612.02 (not 136 986.30 with 365).
    # 10 days: 500 000 000 / 366 = 1 366 120.2185… -> 1 366 120.21
    assert (daily["per_day"], daily["amount"], daily["year_days"]) == (
        "136612.02",
        "1366120.21",
        366,
    )
    assert document["year_days"] == 366
    code, out, _ = run("fine", "Leapco", str(leap_case), "--as-of", "2025-06-01")
    assert "the days of the financial year (366)" in " ".join(out.split())


def test_bare_turnover_divides_by_365_unless_told(run: Run) -> None:
    code, out, _ = run("fine", "--turnover", "1bn", "--tier", "76-1", "-f", "json")
    # 1 000 000 000 x 5 % / 365 = 136 986.3013… -> 136 986.30
    assert _caps(json.loads(out))["76-1"]["per_day"] == "136986.30"
    assert json.loads(out)["year_days"] == 365
    code, out, err = run(
        "fine", "--turnover", "1bn", "--tier", "76-1", "--year-days", "366", "-f", "json"
    )
    assert code == 0, err
    # / 366 -> 136 612.02
    assert _caps(json.loads(out))["76-1"]["per_day"] == "136612.02"
    code, out, _ = run("fine", "--turnover", "1bn", "--tier", "76-1")
    assert "annual / 365, a convention" in " ".join(out.split())


# --- item 15: one label per article -----------------------------------------------------------


def test_article_76_has_one_label(run: Run) -> None:
    _, out, _ = run("fine", "--turnover", "1bn", "-f", "json")
    assert _caps(json.loads(out))["76-1"]["basis"] == "DSA Art. 76(1)"
    _, out, _ = run("fine", "--turnover", "1bn")
    assert "DSA Art. 76(1)" in out and "DSA Art. 76 " not in out
    _, out, _ = run("regimes", "dsa")
    assert "Art. 76(1)" in out


# --- item 16: GDPR for a controller that is not an undertaking --------------------------------


def test_gdpr_not_undertaking_is_the_fixed_amount_only(run: Run) -> None:
    code, out, _ = run(
        "fine", "--turnover", "600m", "--regime", "gdpr", "--tier", "83-5", "-f", "json"
    )
    # an undertaking: 4 % of 600 m = 24 m > 20 m -> EUR 24 000 000.00
    assert _caps(json.loads(out))["83-5"]["amount"] == "24000000.00"
    code, out, err = run(
        "fine", "--turnover", "600m", "--regime", "gdpr", "--tier", "83-5", "--not-undertaking",
        "-f", "json",
    )  # fmt: skip
    assert code == 0, err
    document = json.loads(out)
    cap = _caps(document)["83-5"]
    # not an undertaking: Art. 83(5) gives the percentage only "in the case of an undertaking":
    # the fixed EUR 20 000 000.00 alone
    assert (cap["amount"], cap["winner"], cap["undertaking"]) == ("20000000.00", "fixed", False)
    assert cap["percentage_amount"] is None
    assert document["not_undertaking"] is True
    code, out, _ = run(
        "fine", "--turnover", "600m", "--regime", "gdpr", "--tier", "83-5", "--not-undertaking"
    )
    assert "not an undertaking: fixed amount only" in out


# --- item 17: the cap in the regime's own currency --------------------------------------------


def test_uk_osa_usd_turnover_cap_in_gbp(run: Run) -> None:
    code, out, err = run(
        "fine", "--turnover", "2bn", "--currency", "USD", "--regime", "uk-osa", "--rate", "1.27",
        "-f", "json",
    )  # fmt: skip
    assert code == 0, err
    document = json.loads(out)
    cap = document["caps"][0]
    # 10 % of USD 2 000 000 000 = USD 200 000 000 > GBP 18 m x 1.27 = USD 22 860 000;
    # in GBP: 200 000 000 / 1.27 = 157 480 314.9606… -> GBP 157 480 314.96
    assert cap["amount"] == "200000000.00"
    assert cap["amount_regime_currency"] == "157480314.96"
    assert (document["regime_currency"], document["rate"]) == ("GBP", "1.27")
    code, out, _ = run(
        "fine", "--turnover", "2bn", "--currency", "USD", "--regime", "uk-osa", "--rate", "1.27"
    )
    assert "Maximum (GBP)" in out and "157,480,314.96" in out


def test_an_imposed_fine_citing_art_76_without_paragraph_still_finds_its_tier(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "leapco.toml"
    path.write_text(
        LEAP_CASE
        + '\n[[fines]]\nid = "ppp"\ndate = 2025-03-01\namount = 1_000_000\ncurrency = "EUR"\n'
        'basis = "DSA Art. 76"\nsource = "decision"\n',
        encoding="utf-8",
    )
    code, out, err = run("fine", "Leapco", str(path), "--as-of", "2025-06-01", "-f", "json")
    assert code == 0, err
    imposed = json.loads(out)["imposed"][0]
    assert (imposed["regime"], imposed["tier"]) == ("dsa", "76-1")
