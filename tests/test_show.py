"""`dsactl show PLATFORM`: one platform's whole picture, from the shipped cases and fixtures."""

from __future__ import annotations

import json

from conftest import DOCKET, ROOT, Run

SHOW_KEYS = [
    "platform", "provider", "kind", "designated", "file", "as_of",
    "proceedings", "requests", "imposed", "fines", "no_caps", "left_out",
    # Added with obligations, decisions' periods and events (issue 11).
    "notified", "designation_ended", "tracking", "rule_sets", "confidence", "alternatives",
    "dma", "anchors", "events", "obligations", "obligation_notes", "exposures",
]  # fmt: skip


def test_show_x_json(run: Run) -> None:
    code, out, err = run("show", "x", str(DOCKET), "--as-of", "2025-12-20", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert list(doc) == SHOW_KEYS
    assert (doc["platform"], doc["provider"], doc["kind"]) == ("X", "X Corp", "VLOP")
    # First designations, 25 April 2023 (dsa-cases.md).
    assert doc["designated"] == "2023-04-25"
    assert [p["opened"] for p in doc["proceedings"]] == ["2023-12-18"]
    # The four requests of the case file, answered or not, soonest first; none has a known
    # reply, so as of 20 Dec 2025 all are overdue.
    assert [r["due"] for r in doc["requests"]] == [
        "2024-04-05", "2024-04-26", "2024-05-17", "2024-05-27",
    ]  # fmt: skip
    assert {r["status"] for r in doc["requests"]} == {"overdue"}
    # 20 Dec 2025 - 5 Apr 2024 = 624 days (2024: 270 days left after 5 Apr, 2025: 354 to 20 Dec).
    assert doc["requests"][0]["days_left"] == -624
    caps = doc["fines"]["caps"]
    # Preceding year: 2023 (USD 3 400 000 000, an estimate). 6 % = 204 000 000.00; in EUR at
    # the case's rate 1.1050: 204 000 000 / 1.105 = 184 615 384.615… -> 184 615 384.61.
    assert (caps[0]["basis"], caps[0]["amount"], caps[0]["amount_eur"]) == (
        "DSA Art. 74(1)", "204000000.00", "184615384.61",
    )  # fmt: skip
    imposed = doc["fines"]["imposed"][0]
    # EUR 120 000 000 / 184 615 384.61 = 0.650000000… -> 65.00 %.
    assert (imposed["amount"], imposed["share_percent"]) == ("120000000.00", "65.00")
    assert doc["no_caps"] is None
    assert doc["imposed"] == [
        {
            "id": "2025-non-compliance", "date": "2025-12-05", "amount": "120000000.00",
            "currency": "EUR", "basis": "DSA Art. 74(1)", "source": doc["imposed"][0]["source"],
            # issue 11 (additive): how sure the date is, and the other dates sources give
            "confidence": None, "alternatives": [],
        }
    ]  # fmt: skip


def test_show_without_turnover_says_why(run: Run) -> None:
    folder = ROOT / "tests" / "timeline"
    code, out, err = run("show", "alpha", str(folder), "--as-of", "2024-01-08", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["fines"] is None
    assert "no [turnover]" in doc["no_caps"]
    # Answered requests are part of the picture too.
    assert [(r["id"], r["status"]) for r in doc["requests"]] == [
        ("r1", "answered"), ("r2", "due-soon"),
    ]  # fmt: skip


def test_show_table(run: Run) -> None:
    code, out, err = run("show", "TikTok", str(DOCKET), "--as-of", "2024-03-15")
    assert code == 0, err
    for part in (
        "TikTok — ByteDance Ltd",
        "designated 2023-04-25",
        "Proceedings",
        "2024-02-19",
        "Reply deadlines as of 2024-03-15",
        "genai-elections",
        "DSA Art. 74(1)",
        "estimate",
    ):
        assert part in out, part
    assert out.count("TikTok — ByteDance Ltd") == 1


def test_show_unknown_platform(run: Run) -> None:
    code, _, err = run("show", "nobody", str(DOCKET))
    assert code == 2
    assert "no case file for platform 'nobody'" in err
    assert "known platforms:" in err
