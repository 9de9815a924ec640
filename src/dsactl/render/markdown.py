"""Deadlines as a GitHub-flavoured Markdown table, for an issue, a wiki page or a report.

Text from case files is shown literally: control characters become visible ``\\xNN``
escapes, newlines become spaces (a table row is one line), and the characters that would
start Markdown or HTML markup, the cell separator ``|`` and the backslash itself are escaped
with a backslash, which CommonMark allows before any ASCII punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from dsactl.docket.deadlines import DeadlineRow, Row
from dsactl.render.console import visible
from dsactl.render.deadlines import (
    PROJECTED_MARK,
    id_of,
    kind_of,
    projection_footnote,
    subject_of,
    summary_line,
    title,
)

HEADER = ("Due", "Days", "Working days", "Status", "Platform", "Request", "Kind", "Subject")
# Days are numbers: right-aligned.
ALIGN = ("---", "---:", "---:", "---", "---", "---", "---", "---")
_NEWLINE = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
_MARKUP = re.compile(r"([\\|`*_\[\]<>~&])")


def cell(text: str) -> str:
    """One table cell showing ``text`` literally."""
    text = visible(_NEWLINE.sub(" ", text))
    return _MARKUP.sub(r"\\\1", text).strip()


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def due_cell(row: Row) -> str:
    if row.due is None:
        return "—"
    due = row.due.isoformat()
    if row.projected:
        due += "\\" + PROJECTED_MARK  # escaped: a bare * would start emphasis
    if not isinstance(row, DeadlineRow):
        fixed = ", fixed date" if row.occurrence.fixed else ""
        return f"{due} ({row.occurrence.weekday[:3]}{fixed})"
    return f"{due} (computed)" if row.request.computed else due


def working_cell(row: Row) -> str:
    if row.working_days_left is None:
        return "—"
    mark = "\\" + PROJECTED_MARK if row.working_days_projected else ""
    return f"{row.working_days_left}{mark}"


def deadlines_markdown(rows: Sequence[Row], as_of: date, hidden: int = 0) -> str:
    """A heading, the table (none when there are no rows) and a count line."""
    lines = [f"# {title(rows, as_of)}", ""]
    if rows:
        lines += [_row(HEADER), _row(ALIGN)]
        for row in rows:
            lines.append(
                _row(
                    (
                        due_cell(row),
                        "—" if row.days_left is None else str(row.days_left),
                        working_cell(row),
                        row.status,
                        cell(row.platform),
                        cell(id_of(row)),
                        cell(kind_of(row)),
                        cell(subject_of(row)),
                    )
                )
            )
        lines.append("")
    footnote = projection_footnote(rows)
    if footnote is not None:
        lines += ["\\" + footnote, ""]
    lines.append(summary_line(rows, hidden))
    return "\n".join(lines) + "\n"
