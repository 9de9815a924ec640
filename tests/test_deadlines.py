"""Deadline rows: days left and status, worked out by hand from the dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dsactl.casefile.model import Case, Platform, Request
from dsactl.docket.deadlines import deadline_rows, status_of


def _request(due: date, answered: date | None = None, rid: str = "r") -> Request:
    return Request(id=rid, subject="s", sent=date(2024, 3, 14), due=due, answered=answered)


@pytest.mark.parametrize(
    ("due", "answered", "as_of", "soon", "days_left", "status"),
    [
        # 5 Apr - 15 Mar 2024 = 16 (Mar) + 5 = 21 days; 21 > 7 -> open
        (date(2024, 4, 5), None, date(2024, 3, 15), 7, 21, "open"),
        # 22 Mar - 15 Mar = 7 days; 7 <= 7 -> due-soon (the boundary is inclusive)
        (date(2024, 3, 22), None, date(2024, 3, 15), 7, 7, "due-soon"),
        # 23 Mar - 15 Mar = 8 days; 8 > 7 -> open
        (date(2024, 3, 23), None, date(2024, 3, 15), 7, 8, "open"),
        # due today: 0 days, not overdue -> due-soon
        (date(2024, 3, 15), None, date(2024, 3, 15), 7, 0, "due-soon"),
        # due yesterday -> -1 day, overdue
        (date(2024, 3, 14), None, date(2024, 3, 15), 7, -1, "overdue"),
        # answered wins over overdue; days_left is still due - as-of = 5 Apr - 1 May = -26
        (date(2024, 4, 5), date(2024, 4, 5), date(2024, 5, 1), 7, -26, "answered"),
        # --soon 0: only today is due-soon; tomorrow (1 day) is open
        (date(2024, 3, 16), None, date(2024, 3, 15), 0, 1, "open"),
        # across a leap day: 1 Mar 2024 - 28 Feb 2024 = 2 days (29 Feb exists)
        (date(2024, 3, 1), None, date(2024, 2, 28), 7, 2, "due-soon"),
    ],
)
def test_status(
    due: date, answered: date | None, as_of: date, soon: int, days_left: int, status: str
) -> None:
    assert status_of(_request(due, answered), as_of, soon) == (days_left, status)


def test_rows_sorted_by_due_then_platform_then_id_and_answered_hidden() -> None:
    b = Case(
        Path("b.toml"),
        Platform("beta", "P"),
        requests=(_request(date(2024, 4, 5), rid="z"), _request(date(2024, 4, 5), rid="a")),
    )
    a = Case(
        Path("a.toml"),
        Platform("Alpha", "P"),
        requests=(
            _request(date(2024, 4, 5), rid="m"),
            # answered before as-of (an answer after it is not yet known then: issue 13)
            _request(date(2024, 3, 20), date(2024, 3, 14), rid="done"),
        ),
    )
    rows = deadline_rows([b, a], date(2024, 3, 15))
    assert [(r.platform, r.request.id) for r in rows] == [
        ("Alpha", "m"),
        ("beta", "a"),
        ("beta", "z"),
    ]
    with_answered = deadline_rows([b, a], date(2024, 3, 15), include_answered=True)
    assert with_answered[0].request.id == "done"
