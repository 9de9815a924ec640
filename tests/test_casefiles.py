"""Case files as folders of examples (after tomli's test layout).

``casefiles/valid/*.toml`` must load with no error; each ``casefiles/invalid/NAME.toml`` must
produce exactly the findings listed in ``NAME.expected``, one ``LINE:COL CODE KEY`` per line
(``-`` for a finding about the whole file). Lines and columns were counted by hand in each
file; the codes follow the rules table in ``dsactl.casefile.findings``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dsactl.casefile.findings import CODES
from dsactl.docket.load import load_docket

HERE = Path(__file__).parent / "casefiles"
AS_OF = date(2024, 3, 15)


def _findings(paths: list[Path]) -> list[str]:
    docket = load_docket(paths, AS_OF)
    return sorted(
        (f"{f.line}:{f.column} {f.code} {f.key or '-'}" for f in docket.findings),
        key=lambda s: (int(s.split(":")[0]), s),
    )


@pytest.mark.parametrize("path", sorted((HERE / "valid").glob("*.toml")), ids=lambda p: p.stem)
def test_valid_files_load(path: Path) -> None:
    docket = load_docket([path], AS_OF)
    assert docket.errors == []
    assert len(docket.cases) == 1


@pytest.mark.parametrize("path", sorted((HERE / "invalid").glob("*.toml")), ids=lambda p: p.stem)
def test_invalid_files_give_their_findings(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").split("\n")
    expected = sorted((e for e in expected if e), key=lambda s: (int(s.split(":")[0]), s))
    assert _findings([path]) == expected


def test_every_finding_message_is_formatted_with_path_line_and_code() -> None:
    docket = load_docket([HERE / "invalid" / "quoted-date.toml"], AS_OF)
    (finding,) = docket.findings
    text = finding.format()
    assert text.startswith(f"{HERE / 'invalid' / 'quoted-date.toml'}:9:1: error: requests[0].due:")
    assert "remove the quotes: due = 2024-04-05" in text
    assert text.endswith("[E203]")


def test_unknown_key_suggests_the_right_one() -> None:
    docket = load_docket([HERE / "invalid" / "unknown-key.toml"], AS_OF)
    assert "did you mean `kind`?" in docket.findings[0].message


def test_full_file_values_are_typed_exactly() -> None:
    (case,) = load_docket([HERE / "valid" / "full.toml"], AS_OF).cases
    # A decimal string keeps its cents; a float goes through its shortest repr:
    # 134.9e9 is exactly 134 900 000 000.
    assert case.turnovers[0].amount == Decimal("868687000000.50")
    assert case.turnovers[0].eur_rate == Decimal("7.8564")
    assert case.fines[0].amount == Decimal("134900000000")
    assert case.requests[1].kind == "rfi"  # the default
    assert case.proceedings[0].status == "closed"


def test_same_platform_twice_and_turnover_mismatch_across_files() -> None:
    cross = HERE / "cross"
    findings = load_docket([cross / "a.toml", cross / "b.toml"], AS_OF).findings
    codes = sorted((f.path.split("/")[-1], f.code, f.line) for f in findings)
    # b.toml repeats the name "Same" (case-insensitively) at line 2, and gives the same
    # provider's 2023 turnover as 2000 where a.toml says 1000 (line 6).
    assert codes == [("b.toml", "E304", 2), ("b.toml", "W104", 6)]


def test_every_code_is_documented_with_a_level_and_help() -> None:
    for code, rule in CODES.items():
        assert code[0] == rule.level.value[0].upper()
        assert rule.help.endswith(".")


def test_periods_compute_due_dates_in_their_calendar() -> None:
    (case,) = load_docket([HERE / "valid" / "periods.toml"], AS_OF).cases
    ten, irish = case.requests
    # Thu 14 Mar 2024 + 10 days = Sun 24 Mar (Art. 3(2)(b)) -> Mon 25 Mar (Art. 3(4)).
    assert (ten.due, ten.computed, ten.calendar) == (date(2024, 3, 25), True, "eu-commission")
    # Mon 10 Mar 2025 + 1 week = Mon 17 Mar 2025 (Art. 3(2)(c)), St Patrick's Day in Ireland,
    # a public holiday there -> Tue 18 Mar 2025 (Art. 3(4)).
    assert (irish.due, irish.calendar) == (date(2025, 3, 18), "IE")
    assert case.regimes == ("dsa", "gdpr")


def test_calendar_and_regime_files_beside_the_cases(tmp_path: Path) -> None:
    calendar = tmp_path / "eu-2026.toml"
    calendar.write_text(
        '[calendar]\nname = "eu-commission"\nyear = 2026\nsource = "test decision"\n\n'
        '[[days]]\ndate = 2026-03-16\nname = "Test holiday"\n',
        encoding="utf-8",
    )
    regime = tmp_path / "national.toml"
    regime.write_text(
        '[regime]\nid = "be-dsa"\nname = "Belgian DSA law"\nlaw = "test"\ncurrency = "EUR"\n'
        'source = "test"\n\n[[tiers]]\nid = "x"\nkind = "infringement"\narticle = "Art. 1"\n'
        'basis = "BE Art. 1"\nrate = "0.06"\napplies_to = "turnover"\n'
        'description = "d"\nsource = "s"\n',
        encoding="utf-8",
    )
    case = tmp_path / "p.toml"
    case.write_text(
        'regimes = ["be-dsa"]\n[platform]\nname = "P"\nprovider = "P"\n\n[[requests]]\n'
        'id = "r"\nsubject = "s"\nsent = 2026-03-13\nperiod = "1 working day"\nsource = "x"\n',
        encoding="utf-8",
    )
    docket = load_docket([calendar, case, regime], AS_OF)
    assert docket.errors == []
    (loaded,) = docket.cases
    # Fri 13 Mar 2026 + 1 working day: Mon 16 Mar is the user's holiday -> Tue 17 Mar 2026.
    assert loaded.requests[0].due == date(2026, 3, 17)
    assert [r.id for r in docket.resolver.regimes(["be-dsa"])] == ["be-dsa"]


def test_broken_regime_file_is_a_finding(tmp_path: Path) -> None:
    regime = tmp_path / "bad.toml"
    regime.write_text('[regime]\nid = "x"\n', encoding="utf-8")
    findings = load_docket([regime], AS_OF).findings
    # Every missing key of [regime] (name, law, currency, source) and the missing [[tiers]].
    assert {(f.code, f.is_error) for f in findings} == {("E501", True)}
    assert sorted(f.key for f in findings) == [
        "regime.currency",
        "regime.law",
        "regime.name",
        "regime.source",
        "tiers",
    ]
