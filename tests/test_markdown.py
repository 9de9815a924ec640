"""Deadlines as a Markdown table: header, escaping, computed dues, the count line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dsactl.casefile.model import Case, Platform, Request
from dsactl.docket.deadlines import DeadlineRow, deadline_rows
from dsactl.law.calendars import get_calendar
from dsactl.law.periods import compute_deadline, parse_period
from dsactl.render.markdown import cell, deadlines_markdown

ROOT = Path(__file__).resolve().parent.parent
DOCKET = Path(__file__).resolve().parent / "docket"  # the tests' own docket (conftest.py)
AS_OF = date(2024, 3, 15)
HEADER = "| Due | Days | Working days | Status | Platform | Request | Kind | Subject |"
ALIGN = "| --- | ---: | ---: | --- | --- | --- | --- | --- |"


def _rows() -> list[DeadlineRow]:
    # 10 days from Thu 14 Mar 2024 end on Sun 24 Mar -> Mon 25 Mar 2024 (Art. 3(4)).
    result = compute_deadline(date(2024, 3, 14), parse_period("10 days"), get_calendar())
    case = Case(
        Path("x.toml"),
        Platform("X", "X Corp"),
        requests=(
            Request("late", "Late | reply", date(2024, 3, 1), date(2024, 3, 11)),
            Request(
                "computed",
                "Computed",
                date(2024, 3, 14),
                result.end,
                kind="rfi-decision",
                period="10 days",
                explanation=result,
            ),
            Request("far", "back\\slash\nnew line", date(2024, 3, 14), date(2024, 4, 26)),
            Request(
                "done", "Done", date(2024, 3, 1), date(2024, 3, 20), answered=date(2024, 3, 14)
            ),
        ),
    )
    return deadline_rows([case], AS_OF)


def test_table() -> None:
    text = deadlines_markdown(_rows(), AS_OF)
    assert text.split("\n") == [
        "# Reply deadlines as of 2024-03-15",
        "",
        HEADER,
        ALIGN,
        # 11 Mar - 15 Mar = -4 days -> overdue; the pipe in the subject is escaped.
        # No calendar given to deadline_rows: no working days counted ("—").
        "| 2024-03-11 | -4 | — | overdue | X | late | rfi | Late \\| reply |",
        # 25 Mar - 15 Mar = 10 days > 7 -> open; computed from a period.
        "| 2024-03-25 (computed) | 10 | — | open | X | computed | rfi-decision | Computed |",
        # 26 Apr - 15 Mar = 16 + 26 = 42 days; the backslash doubled, the newline a space.
        "| 2024-04-26 | 42 | — | open | X | far | rfi | back\\\\slash new line |",
        "",
        # The answered request is not among the rows.
        "3 deadline(s): 1 overdue, 2 open",
        "",
    ]


def test_cells_show_text_literally() -> None:
    assert cell("a|b") == "a\\|b"
    assert cell("a\\b") == "a\\\\b"
    assert cell("one\r\ntwo\nthree") == "one two three"
    # ESC becomes the visible text \x1b, whose backslash is then escaped; the brackets of
    # Rich markup and the characters of Markdown and HTML are escaped too.
    assert cell("\x1b[31mred") == "\\\\x1b\\[31mred"
    assert cell("[red]x[/red]") == "\\[red\\]x\\[/red\\]"
    assert cell("*b* _i_ `c` <b>&amp;~~s~~") == (
        "\\*b\\* \\_i\\_ \\`c\\` \\<b\\>\\&amp;\\~\\~s\\~\\~"
    )
    assert cell("Generative-AI risks: questions on elections") == (
        "Generative-AI risks: questions on elections"
    )


def test_no_rows() -> None:
    assert deadlines_markdown([], AS_OF) == (
        "# Reply deadlines as of 2024-03-15\n\n0 deadline(s): no open requests\n"
    )


def test_shipped_cases() -> None:
    from dsactl.casefile.discovery import find_case_files
    from dsactl.docket.load import load_docket

    docket = load_docket(find_case_files([DOCKET]), AS_OF)
    text = deadlines_markdown(deadline_rows(docket.cases, AS_OF), AS_OF)
    lines = text.splitlines()
    assert lines[2:4] == [HEADER, ALIGN]
    table = [line for line in lines if line.startswith("| 20")]
    # 20 requests, none answered, 3 of them sent after 15 Mar 2024 (left out as of then: 17);
    # 5 Apr 2024 - 15 Mar 2024 = 16 + 5 = 21 days -> open.
    assert len(table) == 17
    assert table[0].startswith("| 2024-04-05 | 21 | — | open | Bing | genai-elections | rfi |")
    assert lines[-1] == "17 deadline(s): 17 open"
