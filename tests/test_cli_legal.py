"""`fine`, `period`, `calendar` and `regimes` end to end, against values worked out by hand."""

from __future__ import annotations

import json

import pytest

from conftest import DOCKET, Run


def _caps(out: str) -> dict[str, dict[str, object]]:
    return {cap["tier"]: cap for cap in json.loads(out)["caps"]}


def test_fine_dsa_json_shape_and_amounts(run: Run) -> None:
    code, out, err = run(
        "fine", "--turnover", "134.902bn", "--currency", "USD", "--eur-rate", "1.0925", "-f", "json"
    )
    assert code == 0, err
    document = json.loads(out)
    assert document["regime"] == "dsa"
    assert document["turnover"] == {"amount": "134902000000.00", "currency": "USD"}
    caps = _caps(out)
    # 6 % of 134 902 000 000 = 8 094 120 000.00; in EUR: 8 094 120 000 / 1.0925
    # = 7 408 805 491.990... -> truncated 7 408 805 491.99
    assert caps["74-1"]["kind"] == "infringement"
    assert caps["74-1"]["basis"] == "DSA Art. 74(1)"
    assert (caps["74-1"]["rate"], caps["74-1"]["amount"]) == ("0.06", "8094120000.00")
    assert caps["74-1"]["amount_eur"] == "7408805491.99"
    # 1 % = 1 349 020 000.00; / 1.0925 = 1 234 800 915.331... -> 1 234 800 915.33
    assert (caps["74-2"]["amount"], caps["74-2"]["amount_eur"]) == (
        "1349020000.00",
        "1234800915.33",
    )
    # 5 % / 365 per day: 134 902 000 000 x 0.05 / 365 = 18 479 726.027... -> 18 479 726.02;
    # no --days, so no total.
    periodic = caps["76-1"]
    assert (periodic["kind"], periodic["basis"], periodic["rate"]) == (
        "periodic",
        "DSA Art. 76(1)",
        "0.05",
    )
    assert (periodic["per_day"], periodic["days"], periodic["amount"]) == (
        "18479726.02",
        None,
        None,
    )


def test_fine_periodic_total_is_truncated_once(run: Run) -> None:
    code, out, _ = run("fine", "--turnover", "134902000000", "--days", "10", "-f", "json")
    assert code == 0
    # 134 902 000 000 x 0.05 x 10 / 365 = 184 797 260.2739... -> 184 797 260.27, which is
    # 7 cents more than 10 x the truncated daily 18 479 726.02.
    assert _caps(out)["76-1"]["amount"] == "184797260.27"
    assert _caps(out)["76-1"]["days"] == 10


@pytest.mark.parametrize(
    ("turnover", "amount", "winner"),
    [
        # GDPR Art. 83(5): 4 % or EUR 20 m, whichever is higher; break-even at 500 m.
        ("400m", "20000000.00", "fixed"),  # 4 % of 400 m = 16 m < 20 m
        ("600m", "24000000.00", "percentage"),  # 4 % of 600 m = 24 m > 20 m
        ("500m", "20000000.00", "percentage"),  # a tie: both sides are 20 m
    ],
)
def test_fine_gdpr_whichever_is_higher(run: Run, turnover: str, amount: str, winner: str) -> None:
    code, out, _ = run("fine", "-t", turnover, "--regime", "gdpr", "--tier", "83-5", "-f", "json")
    assert code == 0
    cap = _caps(out)["83-5"]
    assert (cap["amount"], cap["winner"], cap["rule"]) == (amount, winner, "higher")
    assert (cap["fixed"], cap["fixed_currency"]) == ("20000000.00", "EUR")


def test_fine_ai_act_sme_takes_the_lower(run: Run) -> None:
    # Art. 99(3): 7 % or EUR 35 m. 7 % of 100 m = 7 m. Normally the higher (35 m); for an
    # SME, Art. 99(6), the lower (7 m).
    args = ("fine", "-t", "100m", "--regime", "ai-act", "--tier", "99-3", "-f", "json")
    assert _caps(run(*args)[1])["99-3"]["amount"] == "35000000.00"
    cap = _caps(run(*args, "--sme")[1])["99-3"]
    assert (cap["amount"], cap["rule"], cap["winner"]) == ("7000000.00", "lower", "percentage")


def test_fine_uk_osa_needs_and_uses_a_gbp_rate(run: Run) -> None:
    # USD 2 bn: 10 % = USD 200 m; GBP 18 m at USD 1.25 per GBP = USD 22.5 m; greater: 200 m.
    code, out, _ = run(
        "fine",
        "-t",
        "2bn",
        "--currency",
        "USD",
        "--regime",
        "uk-osa",
        "--rate",
        "1.25",
        "-f",
        "json",
    )
    assert code == 0
    (cap,) = json.loads(out)["caps"]
    assert (cap["amount"], cap["winner"], cap["fixed_currency"]) == (
        "200000000.00",
        "percentage",
        "GBP",
    )
    # Without --rate the fixed GBP amount cannot be compared with a USD turnover: exit 2.
    code, _, err = run("fine", "-t", "2bn", "--currency", "USD", "--regime", "uk-osa")
    assert code == 2
    assert "--rate" in err


@pytest.mark.parametrize(
    "args",
    [
        ("fine", "--turnover", "-5"),
        ("fine", "--turnover", "0"),
        ("fine", "--turnover", "lots"),
        ("fine", "--turnover", "nan"),
        ("fine", "--turnover", "1,2,3"),
        ("fine", "--turnover", "1e9", "--regime", "nope"),
        ("fine", "--turnover", "1e9", "--currency", "XYZ"),
        ("fine", "--turnover", "1e9", "--currency", "USD", "--regime", "gdpr"),
        ("fine", "--turnover", "1e9", "--tier", "99-9"),
        ("fine", "--turnover", "1e9", "--tier", "83-5", "--sme"),
        ("fine",),
        ("fine", "X", "--turnover", "1e9"),
        ("fine", "nobody", str(DOCKET)),
        ("period", "2024-02-30", "10d"),
        ("period", "2024-03-14", "10 hours"),
        ("period", "2024-03-14", "ten fortnights"),
        ("period", "2024-03-14", "10d", "--calendar", "nowhere"),
        ("regimes", "nope"),
    ],
)
def test_wrong_usage_exits_2_with_one_clear_line(run: Run, args: tuple[str, ...]) -> None:
    code, out, err = run(*args)
    assert code == 2, (out, err)
    assert "Traceback" not in err


def test_fine_platform_uses_the_preceding_year_and_rates_imposed_fines(run: Run) -> None:
    code, out, err = run("fine", "X", str(DOCKET), "--as-of", "2025-12-31", "-f", "json")
    assert code == 0, err
    document = json.loads(out)
    assert document["turnover"]["year_end"] == "2023-12-31"
    assert document["turnover"]["estimate"] is True
    # 6 % of the USD 3.4 bn estimate = USD 204 000 000.00; / 1.1050 = 184 615 384.615...
    assert _caps(out)["74-1"]["amount_eur"] == "184615384.61"
    (imposed,) = document["imposed"]
    # EUR 120 000 000 / EUR 184 615 384.615... = 0.65 exactly (120 x 1.105 / 204 = 0.65).
    assert imposed["share_percent"] == "65.00"
    assert imposed["tier"] == "74-1"
    assert imposed["estimate"] is True


def test_fine_platform_before_any_year_end_is_a_data_error(run: Run) -> None:
    # Temu's only financial year ends 2023-12-31: as of 1 Jun 2023 none has ended yet.
    code, _, err = run("fine", "temu", str(DOCKET), "--as-of", "2023-06-01")
    assert code == 1
    assert "no financial year that ended before 2023-06-01" in err


def test_fine_platform_year_choice_around_a_year_end(run: Run) -> None:
    # Alibaba's years end 31 Mar 2023 and 31 Mar 2024. On 31 Mar 2024 the year ending that
    # day has not yet ended *before* as-of, so FY2023 counts; on 1 Apr 2024, FY2024.
    _, out, _ = run("fine", "aliexpress", str(DOCKET), "--as-of", "2024-03-31", "-f", "json")
    assert json.loads(out)["turnover"]["amount"] == "868687000000.00"
    _, out, _ = run("fine", "AliExpress", str(DOCKET), "--as-of", "2024-04-01", "-f", "json")
    # 6 % of CNY 941 168 000 000 = CNY 56 470 080 000.00
    assert json.loads(out)["turnover"]["amount"] == "941168000000.00"
    assert _caps(out)["74-1"]["amount"] == "56470080000.00"


def test_period_json(run: Run) -> None:
    code, out, _ = run("period", "2024-03-14", "10 days", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["period"] == {"count": 10, "unit": "days"}
    assert (document["end"], document["deadline"]) == ("2024-03-25", "2024-03-25T23:59:59+01:00")
    assert document["projected"] is False
    assert [s["rule"] for s in document["steps"]] == ["Art. 3(1)", "Art. 3(2)(b)", "Art. 3(4)"]


def test_period_working_days_across_easter(run: Run) -> None:
    # Mon 25 Mar 2024 + 10 working days: 26, 27 Mar (2); 28, 29 Mar and 1 Apr are holidays,
    # 30-31 Mar a weekend; 2, 3, 4, 5 Apr (6); 8, 9, 10, 11 Apr (10) -> Thu 11 Apr 2024,
    # summer time in Brussels (+02:00).
    _, out, _ = run("period", "2024-03-25", "10wd", "-f", "json")
    document = json.loads(out)
    assert document["period"] == {"count": 10, "unit": "working-days"}
    assert document["deadline"] == "2024-04-11T23:59:59+02:00"


def test_period_in_a_projected_year_says_so(run: Run) -> None:
    # Fri 20 Dec 2024 + 2 weeks = Fri 3 Jan 2025, a working day in the 2025 projection
    # (1-2 Jan are the holidays); 2025 has no published decision, so the result is projected.
    _, out, _ = run("period", "2024-12-20", "2 weeks", "-f", "json")
    document = json.loads(out)
    assert (document["end"], document["projected"]) == ("2025-01-03", True)
    code, out, _ = run("period", "2024-12-20", "2 weeks")
    assert code == 0 and "projected" in out


def test_calendar_published_and_projected(run: Run) -> None:
    _, out, _ = run("calendar", "2023", "-f", "json")
    document = json.loads(out)
    # The 2023 decision (OJ C 201 I, 2021) lists 18 days for Brussels staff.
    assert (document["status"], len(document["holidays"])) == ("published", 18)
    _, out, _ = run("calendar", "2025", "-f", "json")
    assert json.loads(out)["status"] == "projected"


def test_regimes_lists_the_shipped_regimes(run: Run) -> None:
    code, out, _ = run("regimes", "--format", "json")
    assert code == 0
    ids = [r["id"] for r in json.loads(out)]
    assert ids == ["dsa", "dsa-national", "dma", "gdpr", "ai-act", "uk-osa"]
    code, out, _ = run("regimes", "gdpr")
    assert code == 0 and "83-5" in out


def test_help_shows_an_example_for_every_command(run: Run) -> None:
    for command in ("fine", "period", "calendar", "regimes"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "dsactl " + command in out
