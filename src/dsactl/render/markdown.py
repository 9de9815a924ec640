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

HEADER = ("Due", "Days", "Status", "Platform", "Request", "Kind", "Subject")
# Days are numbers: right-aligned.
ALIGN = ("---", "---:", "---", "---", "---", "---", "---")
_NEWLINE = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
_MARKUP = re.compile(r"([\\|`*_\[\]<>~&])")


def cell(text: str) -> str:
    """One table cell showing ``text`` literally."""
    text = visible(_NEWLINE.sub(" ", text))
    return _MARKUP.sub(r"\\\1", text).strip()


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def due_cell(row: Row) -> str:
    if not isinstance(row, DeadlineRow):
        occurrence = row.occurrence
        fixed = ", fixed date" if occurrence.fixed else ""
        return f"{occurrence.due.isoformat()} ({occurrence.weekday[:3]}{fixed})"
    if row.request.due is None:
        return "—"
    due = row.request.due.isoformat()
    return f"{due} (computed)" if row.request.computed else due


def deadlines_markdown(rows: Sequence[Row], as_of: date, hidden: int = 0) -> str:
    """A heading, the table (none when there are no rows) and a count line."""
    from dsactl.render.deadlines import id_of, kind_of, subject_of, summary_line, title

    lines = [f"# {title(rows, as_of)}", ""]
    if rows:
        lines += [_row(HEADER), _row(ALIGN)]
        for row in rows:
            lines.append(
                _row(
                    (
                        due_cell(row),
                        "—" if row.days_left is None else str(row.days_left),
                        row.status,
                        cell(row.platform),
                        cell(id_of(row)),
                        cell(kind_of(row)),
                        cell(subject_of(row)),
                    )
                )
            )
        lines.append("")
    lines.append(summary_line(rows, hidden))
    return "\n".join(lines) + "\n"
