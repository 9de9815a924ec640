"""The README documents what the code does: every check code, and every case-file key."""

from __future__ import annotations

import json
import re
import shlex

from conftest import ROOT, Run
from dsactl.casefile import spec
from dsactl.casefile.findings import CODES

README = (ROOT / "README.md").read_text(encoding="utf-8")
CASE_FILES = (ROOT / "docs" / "case-files.md").read_text(encoding="utf-8")


def test_every_check_code_has_its_row_in_the_readme() -> None:
    for code, rule in CODES.items():
        row = f"| {code} | {rule.level.value} | {rule.name} | {rule.help} |"
        assert row in README, f"README check-code table is missing or stale for {code}"


def test_every_case_file_key_is_documented() -> None:
    # A key is documented by a line of the example that sets it (possibly commented out,
    # for alternatives such as `period` instead of `due`).
    def documented(name: str) -> bool:
        return re.search(rf"^(# )?{name} = ", CASE_FILES, re.MULTILINE) is not None

    for section in spec.SECTIONS:
        for field in section.fields:
            assert documented(field.name), f"{section.name}.{field.name}"
    for field in spec.TOP_LEVEL_FIELDS:
        assert documented(field.name), field.name


def _worked_examples() -> list[tuple[str, list[tuple[str | None, str, str]]]]:
    """The README's worked example per regime: (command, [(tier or None, currency, amount)])."""
    start = README.index("A worked example per regime")
    rows = []
    for line in README[start:].splitlines()[4:]:
        if not line.startswith("| `dsactl fine"):
            break
        command, cap = line.split("|")[1:3]
        expected = [
            (tier or None, currency, amount.replace(",", ""))
            for tier, currency, amount in re.findall(
                r"(?:([\w-]+): )?(EUR|GBP|USD) ([\d,]+\.\d\d)", cap
            )
        ]
        rows.append((command.strip().strip("`"), expected))
    return rows


def test_the_readme_worked_examples_are_what_dsactl_computes(run: Run) -> None:
    examples = _worked_examples()
    assert len(examples) == 9
    for command, expected in examples:
        args = shlex.split(command)[1:]
        code, out, err = run(*args, "--format", "json")
        assert code == 0, (command, err)
        document = json.loads(out)
        caps = {c["tier"]: c for c in document["caps"]}
        currency = document["turnover"]["currency"]
        for tier, cur, amount in expected:
            cap = caps[tier] if tier else next(iter(caps.values()))
            if cur != currency:  # the cap in the regime's own currency (issue 13)
                assert cur == document["regime_currency"], command
                assert amount == cap["amount_regime_currency"], (command, tier, cap)
                continue
            assert amount in (cap["amount"], cap.get("per_day")), (command, tier, cap)
