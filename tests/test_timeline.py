"""`dsactl timeline`: where each mark falls, worked out by hand, and a golden rendering.

The fixtures in tests/timeline/ are drawn over 2024-01-01..2024-01-20 (20 days) at 20 chart
columns, so column = days since 1 January (``offset * width // days`` = offset).
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from conftest import DOCKET, ROOT, Run
from dsactl.casefile.model import Case, ImposedFine, Platform, Proceeding, Request
from dsactl.docket.timeline import build_timeline, column, window
from dsactl.errors import UsageError

FIXTURES = ROOT / "tests" / "timeline"
GOLDEN = ROOT / "tests" / "golden"
AS_OF = date(2024, 1, 8)


def _case(name: str, **parts: object) -> Case:
    return Case(Path(f"{name}.toml"), Platform(name, f"{name} Ltd"), **parts)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "start", "days", "width", "expected"),
    [
        # One column a day: the column is the day's offset from the start.
        (date(2024, 1, 1), date(2024, 1, 1), 20, 20, 0),
        (date(2024, 1, 20), date(2024, 1, 1), 20, 20, 19),
        # Leap year 2024 (366 days) on 61 columns, 6 days a column: 31 Dec is offset 365,
        # 365 * 61 // 366 = 60, the last column; 7 Jan is offset 6, 6 * 61 // 366 = 1.
        (date(2024, 12, 31), date(2024, 1, 1), 366, 61, 60),
        (date(2024, 1, 7), date(2024, 1, 1), 366, 61, 1),
        (date(2024, 1, 6), date(2024, 1, 1), 366, 61, 0),
        # Outside the window: no column.
        (date(2023, 12, 31), date(2024, 1, 1), 20, 20, None),
        (date(2024, 1, 21), date(2024, 1, 1), 20, 20, None),
    ],
)
def test_column(day: date, start: date, days: int, width: int, expected: int | None) -> None:
    assert column(day, start, days, width) == expected


def test_each_mark_in_its_column() -> None:
    alpha = _case(
        "Alpha",
        proceedings=(
            Proceeding("p", date(2024, 1, 3), "s", status="closed", closed=date(2024, 1, 6)),
        ),
        requests=(
            Request("r1", "s", date(2024, 1, 2), date(2024, 1, 4), answered=date(2024, 1, 4)),
            Request("r2", "s", date(2024, 1, 2), date(2024, 1, 10)),
            Request("r3", "s", date(2024, 1, 2), date(2024, 1, 15)),
        ),
        fines=(ImposedFine("f", date(2024, 1, 15), 1, "EUR", "DSA Art. 74(2)"),),  # type: ignore[arg-type]
    )
    chart = build_timeline([alpha], AS_OF, width=40, start=date(2024, 1, 1), end=date(2024, 1, 20))
    # 40 columns less the label ("Alpha", 5) and " │ " (3) leaves 32, but a 20-day window
    # needs no more than 20: one column a day.
    assert chart.width == 20
    cells = chart.rows[0].cells
    # Closed proceeding 3-6 Jan: columns 2..5, except 4 Jan (column 3), where the answered
    # request r1 was due: a due date outranks a bar.
    assert cells[2] == cells[4] == cells[5] == "proceeding-closed"
    assert cells[3] == "answered"
    # As-of 8 Jan: column 7. r2 due 10 Jan: 2 days left <= 7, so due-soon, column 9.
    assert cells[7] == "today"
    assert cells[9] == "due-soon"
    # r3 due 15 Jan (open) and the fine of 15 Jan share column 14: the fine wins.
    assert cells[14] == "fine"
    # Nothing else is drawn.
    assert [i for i, c in enumerate(cells) if c] == [2, 3, 4, 5, 7, 9, 14]


def test_open_proceeding_runs_to_as_of_and_statuses_show() -> None:
    beta = _case(
        "Beta",
        proceedings=(
            Proceeding("o", date(2024, 1, 1), "s"),
            Proceeding("c", date(2024, 1, 12), "s", status="commitments", closed=date(2024, 1, 18)),
        ),
        requests=(Request("late", "s", date(2024, 1, 1), date(2024, 1, 5)),),
    )
    cells = (
        build_timeline([beta], AS_OF, width=40, start=date(2024, 1, 1), end=date(2024, 1, 20))
        .rows[0]
        .cells
    )
    # Open since 1 Jan, no closing date: a bar up to as-of (columns 0..6, 7 is the as-of line).
    assert cells[0:4] == ("proceeding-open",) * 4
    assert cells[5:7] == ("proceeding-open",) * 2
    # Due 5 Jan, unanswered, as of 8 Jan: overdue, column 4.
    assert cells[4] == "overdue"
    assert cells[7] == "today"
    # Commitments 12-18 Jan: columns 11..17; nothing after.
    assert cells[11:18] == ("proceeding-commitments",) * 7
    assert cells[18:] == (None, None)


def test_window_defaults_and_order() -> None:
    case = _case(
        "Gamma",
        requests=(Request("r", "s", date(2024, 2, 1), date(2024, 3, 1)),),
    )
    # From the first event (sent 1 Feb) to the later of the last event and as-of.
    assert window([case], date(2024, 2, 10), None, None) == (date(2024, 2, 1), date(2024, 3, 1))
    assert window([case], date(2024, 6, 1), None, None) == (date(2024, 2, 1), date(2024, 6, 1))
    with pytest.raises(UsageError):
        window([case], AS_OF, date(2024, 5, 1), date(2024, 4, 1))


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DSACTL_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_golden_rendering(run: Run) -> None:
    """The whole picture at width 60, as of 8 Jan 2024 (regenerate with
    DSACTL_UPDATE_GOLDEN=1 after checking the new picture by eye)."""
    code, out, err = run(
        "timeline", str(FIXTURES), "--as-of", "2024-01-08",
        "--from", "2024-01-01", "--to", "2024-01-20", "--width", "60",
    )  # fmt: skip
    assert code == 0, err
    _golden("timeline-fixtures-60.txt", out)


def test_golden_rendering_of_the_shipped_cases(run: Run) -> None:
    code, out, err = run("timeline", str(DOCKET), "--as-of", "2025-12-20", "--width", "100")
    assert code == 0, err
    _golden("timeline-docket-100.txt", out)


def test_svg_is_the_same_picture(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "docket.svg"
    code, _, err = run(
        "timeline", str(FIXTURES), "--as-of", "2024-01-08",
        "--from", "2024-01-01", "--to", "2024-01-20", "--svg", str(target),
    )  # fmt: skip
    assert code == 0, err
    root = ET.parse(target).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = "".join(root.itertext()).replace("\xa0", " ")
    for label in ("Alpha", "Beta Platform", "as of 2024-01-08", "fine imposed"):
        assert label in text


def test_bad_window_is_a_usage_error(run: Run) -> None:
    code, _, err = run("timeline", str(FIXTURES), "--from", "2024-05-01", "--to", "2024-04-01")
    assert code == 2
    assert "--to 2024-04-01 is before --from 2024-05-01" in err
    code, _, err = run("timeline", str(FIXTURES), "--from", "2024-13-01")
    assert code == 2
    assert "--from" in err


def test_as_of_draws_the_docket_as_known_that_day(run: Run) -> None:
    # As of 8 Jan 2024: Alpha's fine of 15 Jan and Beta's second proceeding, opened 12 Jan
    # (closed by commitments on 18 Jan), were not known yet: neither is drawn, and the note
    # on stderr counts them.
    code, out, err = run(
        "timeline", str(FIXTURES), "--as-of", "2024-01-08",
        "--from", "2024-01-01", "--to", "2024-01-20", "--width", "60",
    )  # fmt: skip
    assert code == 0
    assert "▲" not in out.splitlines()[2] and "═" not in out.splitlines()[3]
    assert "2 facts dated after 2024-01-08 are left out" in err
    assert "1 proceeding opened, 1 fine imposed" in err


def test_a_date_in_conflict_is_drawn_with_its_alternatives(run: Run, tmp_path: Path) -> None:
    # Sources disagree on the opening day (16 or 17 Feb 2026): the picture names both below
    # the legend, and the JSON mark carries confidence and alternatives.
    case = tmp_path / "doubt.toml"
    case.write_text(
        '[platform]\nname = "Doubt"\nprovider = "Doubt Ltd"\n\n'
        '[[proceedings]]\nid = "p1"\nopened = 2026-02-16\nsubject = "s"\nsource = "x"\n'
        'confidence = "conflict"\nalternatives = [2026-02-17]\n',
        encoding="utf-8",
    )
    code, out, err = run("timeline", str(case), "--as-of", "2026-03-01", "--width", "100")
    assert code == 0, err
    assert "? Doubt p1: 2026-02-16 in doubt (conflict); sources also give 2026-02-17" in out
    code, out, err = run("timeline", str(case), "--as-of", "2026-03-01", "-f", "json")
    marks = json.loads(out)["platforms"][0]["marks"]
    assert [(m["id"], m["confidence"], m["alternatives"]) for m in marks] == [
        ("p1", "conflict", ["2026-02-17"])
    ]
