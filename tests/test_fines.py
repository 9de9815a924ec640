"""Fine caps (dsactl.law.fines) and their renderers (dsactl.render.fine).

Every expected amount is worked out by hand in a comment. "trunc" = truncate to the cent.
A quotient q = a / r truncated to x is checked by r * x <= a < r * (x + 0.01).
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console

from dsactl.casefile.regimefile import load_regime_file
from dsactl.errors import InputError, UsageError
from dsactl.law.fines import Cap, FineReport, compute_caps
from dsactl.law.regimes import get_regime
from dsactl.render.fine import fine_json, print_fine_table

D = Decimal
META = D("134902000000")  # Meta Platforms 2023, USD (10-K)
ALIBABA = D("868687000000")  # Alibaba FY to 31 Mar 2023, CNY (20-F)


def caps_by_tier(report: FineReport) -> dict[str, Cap]:
    return {cap.tier.id: cap for cap in report.caps}


# --- DSA: Meta 2023 -------------------------------------------------------------------------


def test_dsa_meta_2023_usd() -> None:
    caps = caps_by_tier(compute_caps(get_regime("dsa"), META, "USD"))
    # 134,902,000,000 * 0.06 = 8,094,120,000
    assert caps["74-1"].amount == D("8094120000.00")
    # 134,902,000,000 * 0.01 = 1,349,020,000
    assert caps["74-2"].amount == D("1349020000.00")
    # 134,902,000,000 * 0.05 = 6,745,100,000; / 365 = 18,479,726.0273… -> 18,479,726.02
    assert caps["76-1"].per_day == D("18479726.02")
    assert caps["76-1"].amount is None  # no days given
    assert caps["76-1"].days is None
    for cap in caps.values():  # USD without an EUR rate; no fixed amounts in the DSA
        assert cap.amount_eur is None and cap.winner is None and cap.rule is None


def test_dsa_meta_10_days_is_not_per_day_times_days() -> None:
    cap = caps_by_tier(compute_caps(get_regime("dsa"), META, "USD", days=10))["76-1"]
    # 134,902,000,000 * 0.05 * 10 / 365 = 67,451,000,000 / 365 = 184,797,260.2739… -> .27
    assert cap.amount == D("184797260.27")
    assert cap.days == 10
    # per day * 10 = 18,479,726.02 * 10 = 184,797,260.20: seven cents less than the exact cap
    assert cap.per_day is not None and cap.per_day * 10 == D("184797260.20")
    assert cap.amount != cap.per_day * 10
    # the exact (untruncated) amount keeps the digits after the cent
    assert str(cap.percentage_amount).startswith("184797260.273972602739")


def test_dsa_meta_with_eur_rate() -> None:
    report = compute_caps(get_regime("dsa"), META, "USD", days=10, eur_rate=D("1.0925"))
    caps = caps_by_tier(report)
    # 8,094,120,000 / 1.0925: 1.0925 * 7,408,805,491.99 = 8,094,119,999.999075 <= 8,094,120,000
    #                         1.0925 * 7,408,805,492.00 = 8,094,120,000.010000 >  8,094,120,000
    assert caps["74-1"].amount_eur == D("7408805491.99")
    # 1,349,020,000 / 1.0925: 1.0925 * 1,234,800,915.33 = 1,349,019,999.998025 <= cap
    #                         1.0925 * 1,234,800,915.34 = 1,349,020,000.008950 >  cap
    assert caps["74-2"].amount_eur == D("1234800915.33")
    # exact 10-day cap 184,797,260.2739… / 1.0925 = 169,150,810.3194… -> .31
    # (1.0925 * 169,150,810.31 = 184,797,260.263675 <= exact cap < 1.0925 * …810.32 = …260.2746)
    assert caps["76-1"].amount_eur == D("169150810.31")
    assert report.eur_rate == D("1.0925")


def test_dsa_alibaba_cny() -> None:
    report = compute_caps(get_regime("dsa"), ALIBABA, "CNY", eur_rate=D("7.8564"))
    caps = caps_by_tier(report)
    # 868,687,000,000 * 0.06 = 52,121,220,000
    assert caps["74-1"].amount == D("52121220000.00")
    # 52,121,220,000 / 7.8564: 7.8564 * 6,634,237,055.13 = 52,121,219,999.923332 <= cap
    #                          7.8564 * 6,634,237,055.14 = 52,121,220,000.001896 >  cap
    assert caps["74-1"].amount_eur == D("6634237055.13")
    # 868,687,000,000 * 0.01 = 8,686,870,000
    assert caps["74-2"].amount == D("8686870000.00")
    # 8,686,870,000 / 7.8564: 7.8564 * 1,105,706,175.85 = 8,686,869,999.947940 <= cap
    #                         7.8564 * 1,105,706,175.86 = 8,686,870,000.026504 >  cap
    assert caps["74-2"].amount_eur == D("1105706175.85")
    # 868,687,000,000 * 0.05 = 43,434,350,000; / 365 = 118,998,219.178… (365 * 118,998,219
    # = 43,434,349,935, remainder 65, 65/365 = 0.178…) -> 118,998,219.17
    assert caps["76-1"].per_day == D("118998219.17")


def test_eur_turnover_amount_eur_is_amount() -> None:
    caps = caps_by_tier(compute_caps(get_regime("dsa"), D("1000000000"), "EUR", days=3))
    # 1,000,000,000 * 0.06 = 60,000,000
    assert caps["74-1"].amount == caps["74-1"].amount_eur == D("60000000.00")
    # 1,000,000,000 * 0.05 * 3 / 365 = 150,000,000 / 365 = 410,958.9041… -> 410,958.90
    assert caps["76-1"].amount == caps["76-1"].amount_eur == D("410958.90")


# --- truncation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("turnover", "tier", "expected"),
    [
        # 1,234,567,890.15 * 0.06 = 74,074,073.409 -> 74,074,073.40 (rounding would give .41)
        ("1234567890.15", "74-1", "74074073.40"),
        # 999.99 * 0.01 = 9.9999 -> 9.99 (rounding would give 10.00)
        ("999.99", "74-2", "9.99"),
        # 100.15 * 0.06 = 6.009 -> 6.00
        ("100.15", "74-1", "6.00"),
    ],
)
def test_truncation_never_rounds_up(turnover: str, tier: str, expected: str) -> None:
    cap = compute_caps(get_regime("dsa"), D(turnover), "EUR", tier=tier).caps[0]
    assert cap.amount == D(expected)


def test_eur_conversion_truncates() -> None:
    cap = compute_caps(get_regime("dsa"), D("100"), "USD", eur_rate=D("0.9"), tier="74-1").caps[0]
    # 100 * 0.06 = 6.00 USD; / 0.9 = 6.666… EUR -> 6.66 (rounding would give 6.67)
    assert cap.amount == D("6.00")
    assert cap.amount_eur == D("6.66")


def test_daily_truncation() -> None:
    # 7,300,001 * 0.05 / 365 = 365,000.05 / 365 = 1,000.000136… -> 1,000.00 per day;
    # for 365 days: 7,300,001 * 0.05 = 365,000.05 exactly
    cap = compute_caps(get_regime("dsa"), D("7300001"), "EUR", days=365, tier="76-1").caps[0]
    assert cap.per_day == D("1000.00")
    assert cap.amount == D("365000.05")  # per_day * 365 would be 365,000.00


# --- whichever is higher / lower -----------------------------------------------------------


@pytest.mark.parametrize(
    ("regime", "tier", "turnover", "amount", "winner"),
    [
        # GDPR 83(5): 4 % vs EUR 20 m, break-even at 20 m / 0.04 = 500 m
        ("gdpr", "83-5", "400000000", "20000000.00", "fixed"),  # 4 % = 16 m < 20 m
        ("gdpr", "83-5", "600000000", "24000000.00", "percentage"),  # 4 % = 24 m > 20 m
        ("gdpr", "83-5", "500000000", "20000000.00", "percentage"),  # 20 m = 20 m: a tie
        # GDPR 83(4): 2 % vs EUR 10 m, break-even at 500 m
        ("gdpr", "83-4", "100000000", "10000000.00", "fixed"),  # 2 % = 2 m < 10 m
        ("gdpr", "83-4", "1000000000", "20000000.00", "percentage"),  # 2 % = 20 m > 10 m
        # GDPR 83(6): 4 % vs EUR 20 m
        ("gdpr", "83-6", "400000000", "20000000.00", "fixed"),  # 4 % = 16 m < 20 m
        ("gdpr", "83-6", "1000000000", "40000000.00", "percentage"),  # 4 % = 40 m > 20 m
        # UK OSA Sch. 13 para. 4(1): 10 % vs GBP 18 m (a GBP turnover), whichever is greater
        ("uk-osa", "sch13-4-1", "100000000", "18000000.00", "fixed"),  # 10 % = 10 m < 18 m
        ("uk-osa", "sch13-4-1", "500000000", "50000000.00", "percentage"),  # 50 m > 18 m
    ],
)
def test_whichever_is_higher(
    regime: str, tier: str, turnover: str, amount: str, winner: str
) -> None:
    currency = get_regime(regime).currency
    cap = compute_caps(get_regime(regime), D(turnover), currency, tier=tier).caps[0]
    assert (cap.amount, cap.winner, cap.rule) == (D(amount), winner, "higher")
    assert cap.amount_eur == (cap.amount if currency == "EUR" else None)


@pytest.mark.parametrize(
    ("tier", "turnover", "sme", "amount", "winner", "rule"),
    [
        # 99(3): 7 % vs EUR 35 m. Turnover 100 m: 7 % = 7 m.
        ("99-3", "100000000", False, "35000000.00", "fixed", "higher"),  # max(7 m, 35 m)
        ("99-3", "100000000", True, "7000000.00", "percentage", "lower"),  # min(7 m, 35 m)
        # Turnover 1 bn: 7 % = 70 m.
        ("99-3", "1000000000", False, "70000000.00", "percentage", "higher"),
        ("99-3", "1000000000", True, "35000000.00", "fixed", "lower"),  # min(70 m, 35 m)
        # 99(4): 3 % vs EUR 15 m; 100 m: 3 % = 3 m
        ("99-4", "100000000", False, "15000000.00", "fixed", "higher"),
        ("99-4", "100000000", True, "3000000.00", "percentage", "lower"),
        # 99(5): 1 % vs EUR 7.5 m; 100 m: 1 % = 1 m
        ("99-5", "100000000", False, "7500000.00", "fixed", "higher"),
        ("99-5", "100000000", True, "1000000.00", "percentage", "lower"),
        # 101(1): 3 % vs EUR 15 m, higher; Art. 99(6) does not apply, so --sme changes nothing
        ("101-1", "100000000", False, "15000000.00", "fixed", "higher"),
        ("101-1", "100000000", True, "15000000.00", "fixed", "higher"),
    ],
)
def test_ai_act_sme_rule(
    tier: str, turnover: str, sme: bool, amount: str, winner: str, rule: str
) -> None:
    cap = compute_caps(get_regime("ai-act"), D(turnover), "EUR", sme=sme, tier=tier).caps[0]
    assert (cap.amount, cap.winner, cap.rule) == (D(amount), winner, rule)
    assert cap.sme is (sme and tier != "101-1")  # the SME rule applied


def test_ai_act_sme_whole_regime() -> None:
    caps = caps_by_tier(compute_caps(get_regime("ai-act"), D("100000000"), "EUR", sme=True))
    assert caps["99-3"].amount == D("7000000.00")  # lower of 7 m and 35 m
    assert caps["101-1"].amount == D("15000000.00")  # still higher of 3 m and 15 m


# --- currency conversion -------------------------------------------------------------------


def test_uk_osa_usd_with_rate() -> None:
    report = compute_caps(get_regime("uk-osa"), D("100000000"), "USD", rate=D("1.27"))
    cap = report.caps[0]
    # GBP 18,000,000 * 1.27 USD/GBP = USD 22,860,000 > 10 % * 100 m = 10 m
    assert cap.fixed_in_turnover_currency == D("22860000")
    assert (cap.amount, cap.winner, report.rate) == (D("22860000.00"), "fixed", D("1.27"))


@pytest.mark.parametrize(
    "rates",
    [
        {"eur_rate": D("1.0925")},
        {"rate": D("1.0925")},
        {"eur_rate": D("1.0925"), "rate": D("1.0925")},
    ],
)
def test_gdpr_usd_with_eur_rate(rates: dict[str, Decimal]) -> None:
    regime = get_regime("gdpr")
    cap = compute_caps(regime, D("400000000"), "USD", tier="83-5", **rates).caps[0]  # type: ignore[arg-type]
    # EUR 20,000,000 * 1.0925 = USD 21,850,000 > 4 % * 400 m = 16 m
    assert cap.fixed_in_turnover_currency == D("21850000")
    assert cap.amount == D("21850000.00")
    # 21,850,000 / 1.0925 = 20,000,000 exactly: the fixed amount comes back whole (the --rate
    # of a EUR regime is a EUR rate too)
    assert cap.amount_eur == D("20000000.00")


def test_eur_turnover_under_gbp_regime_needs_rate() -> None:
    with pytest.raises(InputError) as caught:
        compute_caps(get_regime("uk-osa"), D("100000000"), "EUR")
    assert caught.value.input == "rate"
    # with 1.17 EUR per GBP: GBP 18 m * 1.17 = EUR 21,060,000 > 10 % * 100 m = 10 m
    cap = compute_caps(get_regime("uk-osa"), D("100000000"), "EUR", rate=D("1.17")).caps[0]
    assert cap.amount == D("21060000.00")
    assert cap.amount_eur == cap.amount


@pytest.mark.parametrize(
    ("regime", "kwargs", "option"),
    [
        ("gdpr", {}, "eur_rate"),  # EUR 20 m vs a USD turnover: no rate
        ("ai-act", {}, "eur_rate"),
        ("uk-osa", {}, "rate"),  # GBP 18 m vs a USD turnover: no rate
        ("uk-osa", {"eur_rate": D("1.0925")}, "rate"),  # an EUR rate does not give USD/GBP
    ],
)
def test_missing_rate_is_a_usage_error(
    regime: str, kwargs: dict[str, Decimal], option: str
) -> None:
    with pytest.raises(InputError) as caught:
        compute_caps(get_regime(regime), D("400000000"), "USD", **kwargs)  # type: ignore[arg-type]
    assert caught.value.input == option
    assert "does not guess" in caught.value.message
    assert caught.value.exit_code == 2


def test_regimes_without_fixed_amounts_need_no_rate() -> None:
    for name in ("dsa", "dsa-national", "dma"):
        report = compute_caps(get_regime(name), D("400000000"), "USD")
        assert all(cap.amount_eur is None for cap in report.caps)


# --- usage errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("regime", "turnover", "currency", "kwargs", "option"),
    [
        ("dsa", META, "USD", {"tier": "74-3"}, None),  # unknown tier: ids in the hint
        ("dsa", META, "USD", {"days": 0}, "days"),
        ("dsa", META, "USD", {"days": -3}, "days"),
        ("dsa", META, "USD", {"eur_rate": D("0")}, "eur_rate"),
        ("dsa", META, "USD", {"eur_rate": D("-1")}, "eur_rate"),
        ("dsa", META, "usd", {}, "currency"),
        ("dsa", META, "XYZ", {}, "currency"),
        ("dsa", META, "", {}, "currency"),
        ("dsa", D("0"), "EUR", {}, "turnover"),
        ("dsa", D("-1"), "EUR", {}, "turnover"),
        ("dsa", D("NaN"), "EUR", {}, "turnover"),
        ("dsa", D("Infinity"), "EUR", {}, "turnover"),
        ("dsa", D("1e19"), "EUR", {}, "turnover"),
        # --rate and --eur-rate disagree on USD per EUR
        ("gdpr", META, "USD", {"eur_rate": D("1.09"), "rate": D("1.10")}, "rate"),
        # a GBP turnover under GBP caps: no rate applies
        ("uk-osa", META, "GBP", {"rate": D("1.27")}, "rate"),
    ],
)
def test_bad_options(
    regime: str, turnover: Decimal, currency: str, kwargs: dict[str, object], option: str | None
) -> None:
    with pytest.raises(UsageError) as caught:
        compute_caps(get_regime(regime), turnover, currency, **kwargs)  # type: ignore[arg-type]
    # The input at fault, in domain words (the command line maps it to its flag).
    assert getattr(caught.value, "input", None) == option
    assert caught.value.key is None  # a key is a key path in a file, never an option
    assert caught.value.exit_code == 2


# --- renderers -----------------------------------------------------------------------------


def plain_row(tier: str, kind: str, basis: str, rate: str, applies_to: str) -> dict[str, object]:
    """The keys every cap has, for a tier without a fixed amount."""
    return {
        "tier": tier,
        "kind": kind,
        "basis": basis,
        "rate": rate,
        "applies_to": applies_to,
        "fixed": None,
        "fixed_currency": None,
        "rule": None,
        "winner": None,
    }


def test_fine_json_meta() -> None:
    report = compute_caps(get_regime("dsa"), META, "USD", days=10, eur_rate=D("1.0925"))
    data = fine_json(report)
    daily = data["caps"][2]
    assert daily["computation"].startswith(
        "DSA Art. 76(1) for 10 day(s): USD 134,902,000,000.00 × 5 % × 10 ÷ 365 = USD "
        "184,797,260.27, computed from the exact daily amount"
    )
    assert data == {
        "regime": "dsa",
        "turnover": {"amount": "134902000000.00", "currency": "USD"},
        "caps": [
            plain_row("74-1", "infringement", "DSA Art. 74(1)", "0.06", "turnover")
            | {
                "amount": "8094120000.00",
                "amount_eur": "7408805491.99",
                "amount_regime_currency": "7408805491.99",
            },
            plain_row("74-2", "procedural", "DSA Art. 74(2)", "0.01", "income-or-turnover")
            | {
                "amount": "1349020000.00",
                "amount_eur": "1234800915.33",
                "amount_regime_currency": "1234800915.33",
            },
            plain_row(
                "76-1", "periodic", "DSA Art. 76(1)", "0.05", "average-daily-income-or-turnover"
            )
            | {
                "per_day": "18479726.02",
                # 18 479 726.0273… / 1.0925 = 16 915 081.0319… -> 16 915 081.03
                "per_day_eur": "16915081.03",
                "days": 10,
                "year_days": 365,
                "computation": daily["computation"],
                "amount": "184797260.27",
                "amount_eur": "169150810.31",
                "amount_regime_currency": "169150810.31",
                "per_day_regime_currency": "16915081.03",
            },
        ],
        "regime_currency": "EUR",
        "rate": "1.0925",
        "year_days": 365,
        "not_undertaking": False,
        "warnings": [],
    }
    # the documented keys keep their order; new ones (issue 13) come after or in between
    assert list(data["caps"][2])[:9] == list(plain_row("", "", "", "", ""))
    json.dumps(data)  # serialisable as is


def test_fine_json_fixed_and_missing() -> None:
    data = fine_json(compute_caps(get_regime("uk-osa"), D("100000000"), "USD", rate=D("1.27")))
    osa = plain_row("sch13-4-1", "infringement", "OSA 2023 Sch. 13 para. 4(1)", "0.10", "revenue")
    assert data["caps"][0] == osa | {
        "fixed": "18000000.00",
        "fixed_currency": "GBP",
        "rule": "higher",
        "winner": "fixed",
        # 10 % of USD 100 m = USD 10 m < GBP 18 m x 1.27 = USD 22.86 m
        "percentage_amount": "10000000.00",
        "fixed_in_turnover_currency": "22860000.00",
        "undertaking": True,
        "amount": "22860000.00",
        "amount_eur": None,
        # USD 22 860 000 / 1.27 = GBP 18 000 000 exactly
        "amount_regime_currency": "18000000.00",
    }
    daily = fine_json(compute_caps(get_regime("dsa"), META, "USD", tier="76-1"))["caps"][0]
    assert daily["days"] is None and daily["amount"] is None and daily["per_day"] == "18479726.02"


def render(report: FineReport, width: int = 120) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, markup=False, highlight=False)
    print_fine_table(report, console)
    return out.getvalue()


def test_table_shows_amounts_rule_and_reminder() -> None:
    text = render(compute_caps(get_regime("gdpr"), D("400000000"), "USD", eur_rate=D("1.0925")))
    assert "21,850,000.00" in text  # the cap in USD
    assert "20,000,000.00" in text  # the fixed amount, and the cap in EUR
    assert "whichever is higher: fixed amount" in text
    assert "Maximum (USD)" in text and "Maximum (EUR)" in text
    assert "GDPR Art. 83(5)" in text
    assert "legal maxima, not predictions" in text
    assert "annual / 365" not in text  # no daily figure, so no divisor to state


@pytest.mark.parametrize("width", [80, 120])
def test_table_never_cuts_amounts(width: int) -> None:
    text = render(
        compute_caps(get_regime("dsa"), META, "USD", days=10, eur_rate=D("1.0925")), width
    )
    for amount in ("8,094,120,000.00", "7,408,805,491.99", "18,479,726.02", "184,797,260.27"):
        assert amount in text
    assert "…" not in text


def test_table_shows_user_text_literally(tmp_path: Path) -> None:
    source = (Path(__file__).parent.parent / "src/dsactl/data/regimes/gdpr.toml").read_text()
    hostile = source.replace(
        'name = "General Data Protection Regulation — administrative fines"',
        'name = "[bold red]Pwned[/bold red] \\u001b[31mred"',
    )
    path = tmp_path / "gdpr.toml"
    path.write_text(hostile, encoding="utf-8")
    report = compute_caps(load_regime_file(path), D("400000000"), "EUR")
    text = render(report)
    assert "[bold red]Pwned[/bold red]" in text
    assert "\x1b" not in text and "\\x1b[31mred" in text
