"""Issue 13 items 2 and 3: working days in the table, projected holidays visible everywhere."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import Run

CASE = """\
[platform]
name = "Projco"
provider = "Projco Ltd"

[[requests]]
id = "easter-2025"
subject = "Questions around Easter 2025"
sent = 2025-04-10
period = "5 working days"
source = "letter"

[[requests]]
id = "given-2024"
subject = "A due date given by the Commission"
sent = 2024-03-14
due = 2024-04-05
source = "letter"
"""


@pytest.fixture
def case(tmp_path: Path) -> Path:
    path = tmp_path / "projco.toml"
    path.write_text(CASE, encoding="utf-8")
    return path


# Thu 10 Apr 2025 + 5 working days (Reg. 1182/71; the Commission's 2025 holidays are projected:
# Maundy Thursday 17, Good Friday 18, Easter Monday 21 April): Fri 11 (1), Mon 14 (2), Tue 15
# (3), Wed 16 (4), Tue 22 (5) -> 2025-04-22, which depends on the projected 2025 calendar.
# As of Thu 10 Apr 2025 (the day it was sent; a request sent after as-of is not yet known):
# 12 calendar days left; working days after 10 Apr up to 22 Apr: Fri 11, Mon 14-Wed 16 and
# Tue 22 = 5 (Maundy Thursday, Good Friday, Easter Monday projected holidays).


def test_table_shows_working_days(run: Run, case: Path) -> None:
    code, out, err = run("deadlines", str(case), "--as-of", "2024-03-15")
    assert code == 0, err
    assert "Working" in out and "days" in out
    # Fri 15 Mar to Fri 5 Apr 2024: 15 weekdays less Maundy Thursday, Good Friday and Easter
    # Monday (published, OJ C 440, 2022) = 12 working days; 21 calendar days
    row = next(line for line in out.splitlines() if "2024-04-05" in line)
    assert row.split()[1:3] == ["21", "12"]


def test_projected_due_is_marked_in_the_table(run: Run, case: Path) -> None:
    code, out, err = run("deadlines", str(case), "--as-of", "2025-04-10")
    assert code == 0, err
    row = next(line for line in out.splitlines() if "2025-04-22" in line)
    assert row.split()[:3] == ["2025-04-22*", "12", "5*"]
    flat = " ".join(out.split())
    # the overdue 2024 request's working days (-249) span the projected rest of 2024 too
    assert (
        "* depends on projected public holidays: eu-commission 2024 after Thu 15 Aug 2024, "
        "eu-commission 2025 — no published Commission decision" in flat
    )
    # The 2024 due date was given, and 2024 up to 15 Aug is published: no mark on it
    _, out, _ = run("deadlines", str(case), "--as-of", "2024-03-15", "--all")
    row = next(line for line in out.splitlines() if "2024-04-05" in line)
    assert "*" not in row


def test_projected_in_json_and_csv(run: Run, case: Path) -> None:
    code, out, err = run("deadlines", str(case), "--as-of", "2025-04-10", "-f", "json")
    assert code == 0, err
    row = next(r for r in json.loads(out) if r["id"] == "easter-2025")
    assert (row["due"], row["working_days_left"]) == ("2025-04-22", 5)
    assert (row["projected"], row["working_days_projected"]) == (True, True)
    assert row["projected_calendar"] == [{"calendar": "eu-commission", "year": 2025, "after": None}]
    _, out, _ = run("deadlines", str(case), "--as-of", "2025-04-10", "-f", "csv")
    record = next(r for r in csv.DictReader(io.StringIO(out)) if r["id"] == "easter-2025")
    assert (record["projected"], record["working_days_projected"]) == ("true", "true")
    assert record["projected_calendar"] == "eu-commission 2025"


def test_projected_in_markdown(run: Run, case: Path) -> None:
    _, out, _ = run("deadlines", str(case), "--as-of", "2025-04-10", "-f", "markdown")
    # 12 days left > 7: open
    assert "| 2025-04-22\\* (computed) | 12 | 5\\* | open |" in out
    assert "\\* depends on projected public holidays: eu-commission 2024 after" in out


def test_projected_in_show(run: Run, case: Path) -> None:
    _, out, _ = run("show", "Projco", str(case), "--as-of", "2025-04-10")
    assert "2025-04-22*" in out
    assert "depends on projected public holidays" in " ".join(out.split())
    _, out, _ = run("show", "Projco", str(case), "--as-of", "2025-04-10", "-f", "json")
    rows = {r["id"]: r for r in json.loads(out)["requests"]}
    assert rows["easter-2025"]["projected"] is True
    assert rows["given-2024"]["projected"] is False


def test_check_warns_about_a_projected_due(run: Run, case: Path) -> None:
    _, out, _ = run("check", str(case), "--as-of", "2025-04-10", "--format", "json")
    findings = [f for f in json.loads(out)["findings"] if f["code"] == "W110"]
    assert len(findings) == 1
    assert findings[0]["key"] == "requests[0].period"
    assert "projected public holidays (eu-commission 2025)" in findings[0]["message"]
    # answered: the date no longer matters, no warning
    answered = case.read_text(encoding="utf-8").replace(
        'period = "5 working days"', 'period = "5 working days"\nanswered = 2025-04-15'
    )
    case.write_text(answered, encoding="utf-8")
    _, out, _ = run("check", str(case), "--as-of", "2025-04-10", "--format", "json")
    assert not [f for f in json.loads(out)["findings"] if f["code"] == "W110"]
