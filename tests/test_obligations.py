"""Statutory obligations, periods set by decisions, events and public tracking (issue 11).

Every expected date is worked out by hand from shared/reference/obligations.md and Regulation
1182/71 in the Commission's calendar (data/calendars/eu-commission.toml: 2023 published, 2024
published up to 15 August, later years projected from the usual pattern: 1-2 Jan, Maundy
Thursday to Easter Monday, 1 and 9 May, Ascension Thursday and Friday, Whit Monday, 21 Jul,
15 Aug, 1-2 Nov, 24-31 Dec). The fixtures are in tests/obligations/.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Run
from dsactl.casefile.model import Case
from dsactl.docket.load import load_docket
from dsactl.docket.obligations import Occurrence, generate

HERE = Path(__file__).parent / "obligations"
AS_OF = date(2026, 12, 2)
UNTIL = date(2028, 3, 31)


def _case(name: str) -> tuple[Case, list[Occurrence], tuple[str, ...]]:
    docket = load_docket([HERE / name], AS_OF)
    assert docket.errors == []
    (case,) = docket.cases
    generated = generate(case, docket.resolver.rulesets_by_id(), docket.resolver, until=UNTIL)
    return case, list(generated.occurrences), generated.notes


def _due(occurrences: list[Occurrence], rule: str, number: int) -> Occurrence:
    found = [o for o in occurrences if o.rule.id == rule and o.number == number]
    assert len(found) == 1, (rule, number, [(o.rule.id, o.number) for o in occurrences])
    return found[0]


# The first VLOP cycle after a designation notified on Tue 25 April 2023.
VLOP_2023 = [
    # A = N + 4 months (Art. 33(6) DSA): 25 Apr + 4 months = Fri 25 Aug 2023; a date of
    # application is counted but never moved (Art. 4(1) of Regulation 1182/71).
    ("dsa-vlop.obligations-apply", 1, date(2023, 8, 25), False),
    # Art. 34(1): the first risk assessment by A.
    ("dsa-vlop.risk-assessment", 1, date(2023, 8, 25), False),
    # Art. 42(1): first transparency report A + 2 months = Wed 25 Oct 2023 (a working day).
    ("dsa-vlop.transparency-report", 1, date(2023, 10, 25), False),
    # then every 6 months from it (A + 8, + 14, + 20 months): Thu 25 Apr 2024, Fri 25 Oct
    # 2024, Fri 25 Apr 2025 (Easter Monday 2025 is 21 Apr), all working days …
    ("dsa-vlop.transparency-report", 2, date(2024, 4, 25), False),
    ("dsa-vlop.transparency-report", 3, date(2024, 10, 25), False),
    ("dsa-vlop.transparency-report", 4, date(2025, 4, 25), False),
    # … until the fixed half-years take over (Impl. Reg. 2024/2835 Art. 2): 1 Jan-30 Jun 2025
    # ends 30 Jun; + 2 months = Sat 30 Aug 2025 -> Art. 3(4): Mon 1 Sep 2025.
    ("dsa-vlop.transparency-report", 5, date(2025, 9, 1), False),
    # 31 Dec 2025 + 2 months: 31 Feb does not exist -> Sat 28 Feb 2026 -> Mon 2 Mar 2026.
    ("dsa-vlop.transparency-report", 6, date(2026, 3, 2), False),
    # 30 Jun 2026 + 2 months = Sun 30 Aug 2026 -> Mon 31 Aug 2026.
    ("dsa-vlop.transparency-report", 7, date(2026, 8, 31), False),
    # 31 Dec 2026 + 2 months = Sun 28 Feb 2027 -> Mon 1 Mar 2027.
    ("dsa-vlop.transparency-report", 8, date(2027, 3, 1), False),
    # 30 Jun 2027 + 2 months = Mon 30 Aug 2027.
    ("dsa-vlop.transparency-report", 9, date(2027, 8, 30), False),
    # 31 Dec 2027 + 2 months = Tue 29 Feb 2028 (a leap year: the 29th exists).
    ("dsa-vlop.transparency-report", 10, date(2028, 2, 29), False),
    # Art. 37(1), Del. Reg. 2024/436: audit report A + 12 months = Sun 25 Aug 2024 -> Mon 26.
    ("dsa-vlop.audit-report", 1, date(2024, 8, 26), False),
    # A + 2 years = Mon 25 Aug 2025.
    ("dsa-vlop.audit-report", 2, date(2025, 8, 25), False),
    # Art. 34(1): occurrence 2 counted from A: 25 Aug 2024 (Sun) -> Mon 26 Aug 2024; it was
    # filed on 20 Aug 2024, so occurrence 3 is 12 months from that: Wed 20 Aug 2025.
    ("dsa-vlop.risk-assessment", 2, date(2024, 8, 26), False),
    ("dsa-vlop.risk-assessment", 3, date(2025, 8, 20), False),
    # Art. 42(4): audit report received Mon 26 Aug 2024 + 3 months = Tue 26 Nov 2024.
    ("dsa-vlop.publish-audit", 1, date(2024, 11, 26), False),
    # Art. 37(6): recommendations received Mon 30 Sep 2024 + 1 month = Wed 30 Oct 2024.
    ("dsa-vlop.audit-implementation-report", 1, date(2024, 10, 30), False),
    # Art. 43, Del. Reg. 2023/1127: fixed dates from A, not moved: Thu 31 Aug 2023, Sat 31 Aug
    # 2024 (stays a Saturday), Sun 31 Aug 2025 (stays a Sunday).
    ("dsa-vlop.fee-financial-statement", 1, date(2023, 8, 31), True),
    ("dsa-vlop.fee-financial-statement", 2, date(2024, 8, 31), True),
    ("dsa-vlop.fee-financial-statement", 3, date(2025, 8, 31), True),
    # payment by 31 Dec: Sun 31 Dec 2023 (not moved), Tue 31 Dec 2024, Wed 31 Dec 2025.
    ("dsa-vlop.fee-payment", 1, date(2023, 12, 31), True),
    ("dsa-vlop.fee-payment", 2, date(2024, 12, 31), True),
    ("dsa-vlop.fee-payment", 3, date(2025, 12, 31), True),
    # comments 2 weeks after the provisional fee: notified Fri 18 Oct 2024 + 2 weeks = Fri 1
    # Nov 2024, All Saints' Day (projected), then Sat 2 and Sun 3 -> Mon 4 Nov 2024 …
    ("dsa-vlop.fee-comments", 1, date(2024, 11, 4), False),
    # … notified Tue 30 Sep 2025 + 2 weeks = Tue 14 Oct 2025.
    ("dsa-vlop.fee-comments", 2, date(2025, 10, 14), False),
    # Art. 24(2): fixed 17 Feb / 17 Aug from 17 Feb 2023 (unverified cycle), not moved:
    # Sat 17 Feb 2024 stays.
    ("dsa-vlop.user-numbers", 1, date(2023, 2, 17), True),
    ("dsa-vlop.user-numbers", 3, date(2024, 2, 17), True),
]


@pytest.mark.parametrize(("rule", "number", "due", "fixed"), VLOP_2023)
def test_first_vlop_cycle(rule: str, number: int, due: date, fixed: bool) -> None:
    _, occurrences, notes = _case("vlop-2023.toml")
    occurrence = _due(occurrences, rule, number)
    assert (occurrence.due, occurrence.fixed) == (due, fixed)
    assert notes == ()  # N is recorded: nothing is counted from the designation


def test_the_date_of_application_is_explained_and_not_moved() -> None:
    _, occurrences, _ = _case("vlop-2023.toml")
    first = _due(occurrences, "dsa-vlop.transparency-report", 1)
    assert first.basis == "A + 2 months; A = 2023-08-25 (N 2023-04-25 + 4 months, Art. 33(6))"
    assert first.rule.article == "DSA Art. 42(1); Impl. Reg. 2024/2835 Art. 2"
    assert any(note.startswith("ambiguity: first report A + 2 months") for note in first.notes)
    fifth = _due(occurrences, "dsa-vlop.transparency-report", 5)
    # The explanation steps of `period`: the end of the half-year does not count, then 3(4).
    assert [s.rule for s in fifth.steps][:3] == ["Art. 3(1)", "Art. 3(2)(c)", "Art. 3(4)"]
    assert fifth.label.startswith("reporting period Wed 1 Jan 2025")


def test_fixed_dates_say_they_are_not_moved_and_show_the_weekday() -> None:
    _, occurrences, _ = _case("vlop-2023.toml")
    fee = _due(occurrences, "dsa-vlop.fee-financial-statement", 2)
    assert fee.weekday == "Saturday"
    assert any("not moved to a working day" in note for note in fee.notes)


def test_filings_mark_their_occurrence_filed() -> None:
    _, occurrences, _ = _case("vlop-2023.toml")
    assert _due(occurrences, "dsa-vlop.transparency-report", 1).filing is not None
    assert _due(occurrences, "dsa-vlop.transparency-report", 2).filing is None


def test_designation_without_notification_and_its_end() -> None:
    _, occurrences, notes = _case("designated-only.toml")
    # N = the designation day, said in the notes and beside every date.
    assert notes == ("dsa-vlop: counted from designation (the notification day is not recorded)",)
    first = _due(occurrences, "dsa-vlop.transparency-report", 1)
    assert first.due == date(2023, 10, 25)
    assert "counted from designation (the notification day is not recorded)" in first.notes
    # Nt = Fri 10 Jan 2025; obligations cease Nt + 4 months = Sat 10 May 2025: the report of
    # 25 Apr 2025 is still due, the one of 1 Sep 2025 is not generated.
    assert max(o.due for o in occurrences) <= date(2025, 5, 10)
    assert _due(occurrences, "dsa-vlop.transparency-report", 4).due == date(2025, 4, 25)


DMA = [
    # D = Wed 6 Sep 2023 (both services, one occurrence): + 6 months = Wed 6 Mar 2024.
    ("dma-gatekeeper.comply", 1, date(2024, 3, 6)),
    ("dma-gatekeeper.compliance-report", 1, date(2024, 3, 6)),
    ("dma-gatekeeper.profiling-audit", 1, date(2024, 3, 6)),
    # then yearly from the first: D + 18 months = Thu 6 Mar 2025, D + 30 = Fri 6 Mar 2026.
    ("dma-gatekeeper.compliance-report", 2, date(2025, 3, 6)),
    ("dma-gatekeeper.compliance-report", 3, date(2026, 3, 6)),
    # D + 42 months = Sat 6 Mar 2027 -> Mon 8 Mar 2027; D + 54 months = Mon 6 Mar 2028: each
    # year counts from D, so the 2027 move to Monday is not carried into 2028.
    ("dma-gatekeeper.compliance-report", 4, date(2027, 3, 8)),
    ("dma-gatekeeper.compliance-report", 5, date(2028, 3, 6)),
    ("dma-gatekeeper.profiling-audit", 5, date(2028, 3, 6)),
    # Art. 7(2), the messaging service only: D + 2 years = Sat 6 Sep 2025 -> Mon 8 Sep 2025;
    # D + 4 years = Mon 6 Sep 2027.
    ("dma-gatekeeper.interoperability-groups", 1, date(2025, 9, 8)),
    ("dma-gatekeeper.interoperability-calls", 1, date(2027, 9, 6)),
]


@pytest.mark.parametrize(("rule", "number", "due"), DMA)
def test_dma_six_months_and_after(rule: str, number: int, due: date) -> None:
    _, occurrences, _ = _case("gatekeeper.toml")
    occurrence = _due(occurrences, rule, number)
    assert occurrence.due == due
    if rule.endswith("comply"):
        assert occurrence.label == "Gate Messenger, Gate Store"
    if "interoperability" in rule:
        assert occurrence.label == "Gate Messenger"  # the store is no messaging service


def test_no_dsa_rules_for_a_gatekeeper_file() -> None:
    _, occurrences, _ = _case("gatekeeper.toml")
    assert {o.ruleset.id for o in occurrences} == {"dma-gatekeeper"}


def _json(run: Run, *args: str) -> object:
    code, out, err = run(*args)
    assert code == 0, err
    return json.loads(out)


ADOPTED = "counted from adoption (2025-12-05; notification day not recorded)"
DECISIONS = [
    # X's non-compliance decision, Fri 5 Dec 2025: 60 working days. December: 8-12, 15-19
    # (10), 22-23 (12); 24-31 Dec closed; 1-2 Jan closed; January 5-30 (32); February 2-27
    # (52); March 2-6 (57), 9, 10, 11 -> the 60th is Wed 11 Mar 2026.
    ("measures", "2026-03-11", ADOPTED),
    # 90: 12-13 Mar (62), 16-27 (72), 30-31 (74), Wed 1 Apr (75); 2, 3 and 6 Apr are Maundy
    # Thursday, Good Friday and Easter Monday 2026 (Easter Sunday 5 Apr); 7-10 (79), 13-24
    # (89) -> the 90th is Mon 27 Apr 2026.
    ("action-plan", "2026-04-27", ADOPTED),
    # notified Tue 9 Dec 2025 + 2 weeks = Tue 23 Dec 2025 (the closure starts on the 24th).
    ("notified", "2025-12-23", "counted from notification (2025-12-09)"),
]  # fmt: skip


@pytest.mark.parametrize(("rid", "due", "counted"), DECISIONS)
def test_periods_set_by_decisions(run: Run, rid: str, due: str, counted: str) -> None:
    rows = _json(run, "deadlines", str(HERE / "decisions.toml"), "--as-of", "2025-12-06",
                 "--all", "-f", "json")  # fmt: skip
    assert isinstance(rows, list)
    row = next(r for r in rows if r["id"] == rid)
    assert (row["due"], row["counted_from"], row["source"]) == (due, counted, "request")
    assert row["projected"] is True  # the 2025 and 2026 holidays are projected


def test_missed_deadlines_show_their_exposure(run: Run) -> None:
    rows = _json(run, "deadlines", str(HERE / "decisions.toml"), "--as-of", "2026-12-02",
                 "--all", "-f", "json")  # fmt: skip
    assert isinstance(rows, list)
    by_id = {r["id"]: r for r in rows}
    # Turnover of 2024: EUR 3 650 000 000. Art. 76: 5 % / 365 = 182 500 000 / 365 = 500 000.00
    # a day; Art. 74(2): 1 % = 36 500 000.00.
    late = by_id["late-decision"]["exposure"]
    # due Fri 24 Jan 2025, answered Mon 3 Feb 2025: 10 days late.
    assert (late["days_late"], late["answered_late"]) == (10, True)
    assert (late["periodic_penalty_per_day"], late["periodic_penalty_article"]) == (
        "500000.00", "DSA Art. 76(1)(a)",
    )  # fmt: skip
    assert (late["procedural_cap"], late["procedural_cap_article"]) == (
        "36500000.00", "DSA Art. 74(2)(b)",
    )  # fmt: skip
    # measures due Wed 11 Mar 2026, no reply recorded as of 2 Dec 2026: 20 (March) + 30 + 31
    # + 30 + 31 + 31 + 30 + 31 + 30 + 2 = 266 days late.
    measures = by_id["measures"]["exposure"]
    assert (measures["days_late"], measures["periodic_penalty_article"]) == (
        266, "DSA Art. 76(1)(e)",
    )  # fmt: skip
    assert "exposure" not in by_id["notified"]  # interim measures: no late-reply fine here
    code, out, _ = Run()("show", "Ex", str(HERE / "decisions.toml"), "--as-of", "2026-12-02")
    assert code == 0
    assert "up to EUR 500,000.00 per day (DSA Art. 76(1)(e))" in " ".join(out.split())


# A user's regime file that replaces the built-in `dsa` regime (format of
# src/dsactl/data/regimes/dsa.toml): other Art. 74(2) and Art. 76(1) rates.
DSA_OVERRIDE = """\
[regime]
id = "dsa"
name = "Digital Services Act (test override)"
law = "Regulation (EU) 2022/2065"
currency = "EUR"
source = "test fixture"

[[tiers]]
id = "74-2"
kind = "procedural"
article = "Art. 74(2)"
basis = "DSA Art. 74(2)"
rate = "0.0075"
applies_to = "income-or-turnover"
description = "Procedural cap, 0.75 % in this test."
source = "test fixture"

[[tiers]]
id = "76-1"
kind = "periodic"
article = "Art. 76(1)"
basis = "DSA Art. 76(1)"
rate = "0.0412345678901"
applies_to = "average-daily-income-or-turnover"
per_day = true
description = "Periodic penalty, 4.12345678901 % in this test."
source = "test fixture"
"""


def _exposures(doc: object) -> dict[str, tuple[str, str]]:
    assert isinstance(doc, list)
    return {
        r["id"]: (r["exposure"]["periodic_penalty_per_day"], r["exposure"]["procedural_cap"])
        for r in doc
        if "exposure" in r
    }


def test_exposure_follows_a_dsa_regime_file(run: Run, tmp_path: Path) -> None:
    """`deadlines` computes the exposure under the docket's `dsa` regime: a regime file that
    replaces it (given among the PATHS, as `deadlines` reads regime files) changes the
    figures, the same as in `show --regime-file` and in the data.json of `site --regime-file`."""
    regime = tmp_path / "dsa.toml"
    regime.write_text(DSA_OVERRIDE, encoding="utf-8")
    fixture = str(HERE / "decisions.toml")
    missed = ("late-decision", "measures", "action-plan")
    # Without the file: the built-in rates, unchanged (5 % / 365 a day, 1 %; worked above).
    plain_rows = _json(run, "deadlines", fixture, "--as-of", "2026-12-02", "--all", "-f", "json")
    assert _exposures(plain_rows) == dict.fromkeys(missed, ("500000.00", "36500000.00"))
    # With it: turnover of 2024, EUR 3 650 000 000 (exact, Decimal throughout).
    # Art. 76(1): 3 650 000 000 x 0.0412345678901 = 150 506 172.798865 a year; / 365 (average
    # daily turnover = annual / 365) = 412 345.678901 a day, truncated once to the cent:
    # 412 345.67 (rounding would give .68).
    # Art. 74(2): 3 650 000 000 x 0.0075 = 27 375 000.00.
    rows = _json(run, "deadlines", fixture, str(regime), "--as-of", "2026-12-02", "--all",
                 "-f", "json")  # fmt: skip
    assert _exposures(rows) == dict.fromkeys(missed, ("412345.67", "27375000.00"))
    assert isinstance(rows, list)
    late = next(r["exposure"] for r in rows if r["id"] == "late-decision")
    assert (late["periodic_penalty_per_day_eur"], late["procedural_cap_eur"]) == (
        "412345.67", "27375000.00",
    )  # fmt: skip
    assert (late["days_late"], late["procedural_cap_article"]) == (10, "DSA Art. 74(2)(b)")
    # `show --regime-file`: the same figures on its request rows and in its exposures.
    doc = _json(run, "show", "Ex", fixture, "--regime-file", str(regime), "--as-of",
                "2026-12-02", "-f", "json")  # fmt: skip
    assert isinstance(doc, dict)
    assert _exposures(doc["requests"]) == _exposures(rows)
    assert {e["request"]: e["periodic_penalty_per_day"] for e in doc["exposures"]} == (
        dict.fromkeys(missed, "412345.67")
    )
    # `site --regime-file`: data.json is what `deadlines --all --format json` prints.
    site = tmp_path / "site"
    code, _, err = run("site", fixture, "--regime-file", str(regime), "--as-of", "2026-12-02",
                       "-o", str(site))  # fmt: skip
    assert code == 0, err
    data = json.loads((site / "data.json").read_text(encoding="utf-8"))
    assert _exposures(data) == _exposures(rows)


def test_events_in_show_and_timeline(run: Run) -> None:
    doc = _json(run, "show", "Ex", str(HERE / "decisions.toml"), "--as-of", "2026-12-02",
                "-f", "json")  # fmt: skip
    assert isinstance(doc, dict)
    assert [(e["date"], e["kind"]) for e in doc["events"]] == [
        ("2024-07-12", "preliminary-findings"), ("2025-12-05", "non-compliance"),
    ]  # fmt: skip
    assert doc["events"][1]["alternatives"] == ["2025-12-04"]
    code, out, _ = run("show", "Ex", str(HERE / "decisions.toml"), "--as-of", "2026-12-02")
    assert code == 0 and "Proceeding events" in out and "or 2025-12-04" in out
    picture = _json(run, "timeline", str(HERE / "decisions.toml"), "--as-of", "2026-12-02",
                    "-f", "json")  # fmt: skip
    assert "proceeding event" in json.dumps(picture) or "event" in json.dumps(picture)


def test_public_tracking_is_past_not_overdue(run: Run) -> None:
    rows = _json(run, "deadlines", str(HERE / "public.toml"), "--as-of", "2026-12-02",
                 "--all", "--only", "requests", "-f", "json")  # fmt: skip
    assert isinstance(rows, list)
    assert {r["id"]: r["status"] for r in rows} == {"old": "past", "undated": "no-due-date"}
    # Without --all, past rows are left out: no false "overdue".
    code, out, _ = run("deadlines", str(HERE / "public.toml"), "--as-of", "2026-12-02")
    assert code == 0 and "overdue" not in out
    code, out, _ = run("check", str(HERE / "public.toml"), "--as-of", "2026-12-02")
    assert code == 0 and "W101" not in out and "W106" not in out


CHECKS = [
    # (line, code): the unknown rule set, the 10-day reply to preliminary findings (13 Mar -
    # 3 Mar = 10 < 14, Art. 79(2)), the request with no date, the event of 1 Mar 2024 before
    # the proceeding opened on 14 Mar 2024, "conflict" without alternatives, a misspelt rule.
    (2, "E311"),
    (22, "W107"),
    (33, "W106"),
    (40, "E310"),
    (52, "W108"),
    (55, "E312"),
]


def test_check_findings_of_the_new_keys() -> None:
    docket = load_docket([HERE / "checks" / "findings.toml"], date(2025, 3, 4))
    found = {(f.line, f.code) for f in docket.findings}
    for expected in CHECKS:
        assert expected in found
    # the 2-week reply period (14 days) is not short: no W107 on line 30
    assert (30, "W107") not in found


def test_obligations_command_in_every_format(run: Run, tmp_path: Path) -> None:
    path = str(HERE / "vlop-2023.toml")
    window = ("--as-of", "2025-06-01", "--from", "2025-01-01", "--to", "2025-12-31")
    doc = _json(run, "obligations", path, *window, "-f", "json")
    assert isinstance(doc, dict)
    rows = doc["obligations"]
    assert all(r["source"] == "rule" for r in rows)
    report = next(r for r in rows if r["rule"] == "dsa-vlop.transparency-report"
                  and r["occurrence"] == 5)  # fmt: skip
    assert (report["due"], report["article"], report["status"]) == (
        "2025-09-01", "DSA Art. 42(1); Impl. Reg. 2024/2835 Art. 2", "open",
    )  # fmt: skip
    # 1 Jun 2025 to Mon 1 Sep 2025: 92 days.
    assert report["days_left"] == 92
    code, out, _ = run("obligations", path, *window, "-f", "csv")
    table = list(csv.reader(io.StringIO(out)))
    assert table[0][:6] == ["platform", "rule", "article", "occurrence", "label", "due"]
    assert len(table) == len(rows) + 1
    code, out, _ = run("obligations", path, *window, "-f", "markdown")
    assert code == 0 and "| 2025-09-01 (Mon) [" in out
    target = tmp_path / "o.ics"
    code, _, _ = run("obligations", path, *window, "-o", str(target))
    from icalendar import Calendar

    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == len(rows)
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == len(events)
    # The same rule and occurrence gives the same UID in the next export.
    again = tmp_path / "again.ics"
    run("obligations", path, *window, "-o", str(again))
    assert {str(e["UID"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")} == uids
    code, out, _ = run("obligations", path, *window)
    assert code == 0 and "dsa-vlop.transparency-report #5" in out


def test_deadlines_only_filter(run: Run) -> None:
    path = str(HERE / "vlop-2023.toml")
    rows = _json(run, "deadlines", path, "--as-of", "2025-06-01", "--only", "obligations",
                 "-f", "json")  # fmt: skip
    assert isinstance(rows, list) and rows
    assert {r["source"] for r in rows} == {"rule"}
    assert all(r["rule"] and r["article"] for r in rows)


def test_a_rule_file_overrides_a_built_in_rule_set(run: Run, tmp_path: Path) -> None:
    rules = tmp_path / "mine.toml"
    rules.write_text(
        '[ruleset]\nid = "dsa-platform"\nname = "Mine"\nlaw = "L"\nbinds = "B"\nsource = "S"\n\n'
        '[[rules]]\nid = "dsa-platform.yearly"\ntitle = "Yearly"\narticle = "Art. 1"\n'
        'anchor = "fixed"\nsince = 2025-01-01\ndates = ["03-31"]\ndeliver = "D"\nto = "T"\n'
        'source = "S"\n',
        encoding="utf-8",
    )
    case = tmp_path / "p.toml"
    case.write_text('[platform]\nname = "P"\nprovider = "Q"\nkind = "platform"\n', "utf-8")
    doc = _json(run, "obligations", str(case), "--rules-file", str(rules), "--as-of",
                "2026-01-01", "--from", "2025-01-01", "-f", "json")  # fmt: skip
    assert isinstance(doc, dict)
    # 31 Mar 2026 is a Tuesday; fixed, not moved.
    assert [(r["rule"], r["due"]) for r in doc["obligations"]] == [
        ("dsa-platform.yearly", "2025-03-31"), ("dsa-platform.yearly", "2026-03-31"),
    ]  # fmt: skip
    broken = tmp_path / "broken.toml"
    broken.write_text(rules.read_text("utf-8").replace('anchor = "fixed"', 'anchor = "x"'))
    code, out, _ = run("check", str(broken))
    assert code == 1 and "E503" in out and "rules[0].anchor" in out
