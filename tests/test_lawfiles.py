"""Regime and calendar files with several mistakes report every one, with line and key.

They are checked by the same validator as case files (``dsactl.casefile.validator``): each
mistake is one finding with its line, column, key path and the file's code (E501 for a regime
file, E502 for a calendar file), with the same "did you mean" as a case file.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from msgspec.structs import replace

from conftest import ROOT, Run
from dsactl.casefile.findings import CODES
from dsactl.casefile.reader import read_document
from dsactl.casefile.rulefile import check_rule_file
from dsactl.docket.load import load_docket
from dsactl.law.rulesets import builtin_rulesets

AS_OF = date(2026, 6, 1)

# Six mistakes, one per line marked; each line number is the line of the key.
BROKEN_REGIME = """\
[regime]
id = "Not An Id"
name = "Broken regime"
law = "Test law"
currency = "EURO"
source = "Test source"
nmae = "typo"

[[tiers]]
id = "t-1"
kind = "infringment"
article = "Art. 1"
basis = "Test Art. 1"
rate = "1.5"
applies_to = "turnover"
fixed = "1000000"
description = "A test tier."
source = "Test source, Art. 1"
"""
REGIME_FINDINGS = [
    # line 2: the id is not lower case letters, digits and '-'
    (2, 1, "E501", "regime.id", "is not a usable id"),
    # line 5: EURO is not an ISO 4217 code
    (5, 1, "E501", "regime.currency", "not an ISO 4217 currency code"),
    # line 7: an unknown key, the typo of `name`
    (7, 1, "E501", "regime.nmae", "did you mean `name`?"),
    # line 9: the [[tiers]] header, where the missing `rule` would go (fixed needs a rule)
    (9, 1, "E501", "tiers[0].rule", "a fixed amount needs a rule"),
    # line 11: a misspelt kind
    (11, 1, "E501", "tiers[0].kind", "did you mean `infringement`?"),
    # line 14: a share of 150 %
    (14, 1, "E501", "tiers[0].rate", "more than 100 %"),
]

# Five mistakes.
BROKEN_CALENDAR = """\
[calendar]
name = "eu-comission"
year = 2026
source = "Test decision"

[[days]]
date = 2026-01-01
name = "New Year's Day"

[[days]]
date = 2025-12-25
name = "Christmas 2025"

[[days]]
date = "2026-05-01"
nmae = "Labour Day"

[[days]]
date = 2026-01-01
name = "Again"
"""
CALENDAR_FINDINGS = [
    # line 2: an unknown calendar, a typo of eu-commission
    (2, 1, "E502", "calendar.name", "did you mean `eu-commission`?"),
    # line 11: a day of another year
    (11, 1, "E502", "days[1].date", "2025-12-25 is not in 2026"),
    # line 14: the third [[days]] has no `name` (its header), a quoted date, an unknown key
    (14, 1, "E502", "days[2].name", "missing required key `name`"),
    (15, 1, "E502", "days[2].date", "remove the quotes: date = 2026-05-01"),
    (16, 1, "E502", "days[2].nmae", "did you mean `name`?"),
    # line 19: a day listed twice
    (19, 1, "E502", "days[3].date", "is already used by days[0]"),
]


def _check(tmp_path: Path, text: str) -> list[tuple[int, int, str, str, str]]:
    path = tmp_path / "file.toml"
    path.write_text(text, encoding="utf-8")
    docket = load_docket([path], AS_OF)
    return [(f.line, f.column, f.code, f.key, f.message) for f in docket.findings]


def _matches(found: list[tuple[int, int, str, str, str]], expected: list[tuple[Any, ...]]) -> None:
    assert len(found) == len(expected), found
    for (line, column, code, key, message), (e_line, e_col, e_code, e_key, says) in zip(
        found, expected, strict=True
    ):
        assert (line, column, code, key) == (e_line, e_col, e_code, e_key), message
        assert says in message, (key, message)


def test_a_regime_file_reports_every_mistake_with_its_line(tmp_path: Path) -> None:
    _matches(_check(tmp_path, BROKEN_REGIME), REGIME_FINDINGS)


def test_a_calendar_file_reports_every_mistake_with_its_line(tmp_path: Path) -> None:
    _matches(_check(tmp_path, BROKEN_CALENDAR), CALENDAR_FINDINGS)


def test_check_lists_them_all_in_json(run: Run, tmp_path: Path) -> None:
    (tmp_path / "regime.toml").write_text(BROKEN_REGIME, encoding="utf-8")
    (tmp_path / "calendar.toml").write_text(BROKEN_CALENDAR, encoding="utf-8")
    code, out, _ = run("check", str(tmp_path), "--as-of", "2026-06-01", "-f", "json")
    assert code == 1
    found = sorted(
        (Path(f["path"]).name, f["line"], f["code"], f["key"]) for f in json.loads(out)["findings"]
    )
    expected = sorted(
        [("regime.toml", line, code, key) for line, _, code, key, _ in REGIME_FINDINGS]
        + [("calendar.toml", line, code, key) for line, _, code, key, _ in CALENDAR_FINDINGS]
    )
    assert found == expected


def test_the_command_line_names_the_first_and_counts_the_rest(run: Run, tmp_path: Path) -> None:
    regime = tmp_path / "regime.toml"
    regime.write_text(BROKEN_REGIME, encoding="utf-8")
    code, _, err = run("fine", "--turnover", "1e9", "--regime-file", str(regime))
    assert code == 1
    # An unknown key is named first: a misspelt key often explains a missing one.
    assert f"{regime}:7:1: regime.nmae:" in err
    assert "and 5 more problem(s)" in err
    calendar = tmp_path / "calendar.toml"
    calendar.write_text(BROKEN_CALENDAR, encoding="utf-8")
    code, _, err = run("period", "2026-03-13", "10wd", "--calendar-file", str(calendar))
    assert code == 1
    assert f"{calendar}:16:1: days[2].nmae:" in err
    assert "and 5 more problem(s)" in err


def test_every_finding_is_made_in_exactly_one_module() -> None:
    # A code is made where its literal is written (a comparison with it does not count);
    # each code of CODES has one such module, and only the casefile package makes findings.
    made: dict[str, set[str]] = {code: set() for code in CODES}
    for path in (ROOT / "src" / "dsactl").rglob("*.py"):
        if path.name == "findings.py":
            continue
        text = path.read_text(encoding="utf-8")
        for code in re.findall(r'(?<![=!]= )"([EW][0-9]{3})"', text):
            made.setdefault(code, set()).add(str(path.relative_to(ROOT / "src")))
    assert {code: len(modules) for code, modules in made.items()} == dict.fromkeys(CODES, 1), made
    assert all(m.startswith("dsactl/casefile/") for modules in made.values() for m in modules)


SHIPPED_RULES = sorted((ROOT / "src" / "dsactl" / "data" / "obligations").glob("*.toml"))


@pytest.mark.parametrize("path", SHIPPED_RULES, ids=lambda p: p.stem)
def test_every_shipped_rule_file_passes_the_checker(path: Path) -> None:
    # The shipped rule sets are read without a check at run time: the check is here.
    loaded = read_document(path)
    ruleset = check_rule_file(loaded)
    assert [f.format() for f in loaded.findings] == []
    assert ruleset is not None and ruleset.id == path.stem
    assert builtin_rulesets()[ruleset.id] == replace(ruleset, path=f"dsactl:{path.name}")


BROKEN_RULES = """\
[ruleset]
id = "my-rules"
name = "Mine"
law = "A law"
binds = "Someone"
source = "Somewhere"
calendar = "eu-comission"

[[rules]]
id = "other.report"
title = "A report"
article = "Art. 1"
anchor = "aplication"
first = "2 moons"
deliver = "a report"
to = "the Commission"
source = "Art. 1"

[[rules]]
id = "my-rules.fixed"
title = "Fixed"
article = "Art. 2"
anchor = "fixed"
dates = ["13-01"]
deliver = "x"
to = "y"
source = "Art. 2"
"""
RULE_FINDINGS = [
    (7, "ruleset.calendar", "unknown calendar"),  # a typo of eu-commission
    (10, "rules[0].id", "is not `my-rules.NAME`"),  # another rule set's id
    (13, "rules[0].anchor", "did you mean `application`?"),
    (14, "rules[0].first", "2 moons"),  # a period that cannot be read
    (19, "rules[1].since", 'anchor "fixed" needs the first day'),  # at the [[rules]] header
    (24, "rules[1].dates[0]", "not a MM-DD day"),
]


def test_a_rule_file_reports_every_mistake_with_its_line(tmp_path: Path) -> None:
    found = _check(tmp_path, BROKEN_RULES)
    assert [(line, code, key) for line, _, code, key, _ in found] == [
        (line, "E503", key) for line, key, _ in RULE_FINDINGS
    ]
    for (*_, message), (_, _, says) in zip(found, RULE_FINDINGS, strict=True):
        assert says in message
