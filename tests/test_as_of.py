"""Issue 13 item 4: as of a date, dsactl shows the world as it was known that day."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run

CASE = """\
[platform]
name = "Histco"
provider = "Histco Ltd"

[[turnover]]
amount = 1_000_000_000
currency = "EUR"
year_end = 2023-12-31
source = "annual report"

[[proceedings]]
id = "early"
opened = 2024-02-19
subject = "Opened before as-of, closed after it"
status = "closed"
closed = 2024-08-05
source = "press release"

[[proceedings]]
id = "later"
opened = 2024-04-22
subject = "Opened after as-of"
source = "press release"

[[requests]]
id = "known"
subject = "Sent before as-of, answered after it"
sent = 2024-03-14
due = 2024-04-05
answered = 2024-04-05
source = "letter"

[[requests]]
id = "unknown"
subject = "Sent after as-of"
sent = 2024-05-08
due = 2024-05-17
source = "letter"

[[fines]]
id = "fine-2025"
date = 2025-12-05
amount = 1_000_000
currency = "EUR"
basis = "DSA Art. 74(1)"
source = "decision"
"""


@pytest.fixture
def case(tmp_path: Path) -> Path:
    path = tmp_path / "histco.toml"
    path.write_text(CASE, encoding="utf-8")
    return path


def test_show_leaves_out_later_facts_and_says_how_many(run: Run, case: Path) -> None:
    code, out, err = run("show", "Histco", str(case), "--as-of", "2024-03-15", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    # the proceeding opened on 22 Apr is not yet known; the one closed on 5 Aug is still open
    assert [(p["id"], p["status"], p["closed"]) for p in doc["proceedings"]] == [
        ("early", "open", None)
    ]
    # the request of 8 May is not yet sent; the reply of 5 Apr is not yet given
    assert [(r["id"], r["answered"], r["status"]) for r in doc["requests"]] == [
        ("known", None, "open")
    ]
    assert doc["fines"]["imposed"] == []
    assert doc["left_out"] == {
        "proceedings": 1,
        "closings": 1,
        "requests": 1,
        "answers": 1,
        "fines": 1,
        "events": 0,
        "anchors": 0,
        "filings": 0,
        "total": 5,
    }
    code, out, _ = run("show", "Histco", str(case), "--as-of", "2024-03-15")
    assert (
        "5 facts dated after 2024-03-15 are left out (as of 2024-03-15): 1 proceeding opened, "
        "1 closing of a proceeding, 1 request sent, 1 reply, 1 fine imposed"
    ) in " ".join(out.split())
    assert "Opened after as-of" not in out


def test_fine_platform_does_not_list_a_later_fine_as_imposed(run: Run, case: Path) -> None:
    code, out, err = run("fine", "Histco", str(case), "--as-of", "2024-03-15", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["imposed"] == []
    assert doc["left_out"]["fines"] == 1
    code, out, _ = run("fine", "Histco", str(case), "--as-of", "2025-12-31", "-f", "json")
    # by 31 Dec 2025 the fine of 5 Dec 2025 is known: 1 000 000 / (6 % of 1 bn = 60 m) = 1.67 %
    (imposed,) = json.loads(out)["imposed"]
    assert (imposed["id"], imposed["share_percent"]) == ("fine-2025", "1.67")
    assert json.loads(out)["left_out"]["total"] == 0


def test_deadlines_leave_out_requests_sent_later(run: Run, case: Path) -> None:
    code, out, err = run("deadlines", str(case), "--as-of", "2024-03-15", "--all")
    assert code == 0, err
    assert "unknown" not in out and "known" in out
    flat = " ".join(out.split())
    assert (
        "2 facts dated after 2024-03-15 are left out (as of 2024-03-15): 1 request sent, 1 reply"
        in flat
    )
    code, out, err = run("deadlines", str(case), "--as-of", "2024-03-15", "-f", "json")
    assert [r["id"] for r in json.loads(out)] == ["known"]
    assert "dsactl: note: 2 facts dated after 2024-03-15 are left out" in err
    # as of the day after the reply it is answered
    code, out, _ = run("deadlines", str(case), "--as-of", "2024-04-06", "--all", "-f", "json")
    assert [(r["id"], r["status"]) for r in json.loads(out)] == [("known", "answered")]
