"""The README documents what the code does: every check code, and every case-file key."""

from __future__ import annotations

import re

from conftest import ROOT
from dsactl import spec
from dsactl.findings import CODES

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
