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

from dsactl.docket.deadlines import DeadlineRow
from dsactl.render.console import visible
from dsactl.render.deadlines import PROJECTED_MARK, projection_footnote

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


def due_cell(row: DeadlineRow) -> str:
    due = row.request.due.isoformat()
    if row.projected:
        due += "\\" + PROJECTED_MARK  # escaped: a bare * would start emphasis
    return f"{due} (computed)" if row.request.computed else due


def working_cell(row: DeadlineRow) -> str:
    if row.working_days_left is None:
        return "—"
    mark = "\\" + PROJECTED_MARK if row.working_days_projected else ""
    return f"{row.working_days_left}{mark}"


def summary_line(rows: Sequence[DeadlineRow]) -> str:
    """``3 deadline(s): 1 overdue, 2 open``, counted in the order the statuses first appear."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in counts.items()) or "no open requests"
    return f"{len(rows)} deadline(s): {summary}"


def deadlines_markdown(rows: Sequence[DeadlineRow], as_of: date) -> str:
    """A heading, the table (none when there are no rows) and a count line."""
    lines = [f"# Reply deadlines as of {as_of.isoformat()}", ""]
    if rows:
        lines += [_row(HEADER), _row(ALIGN)]
        for row in rows:
            request = row.request
            lines.append(
                _row(
                    (
                        due_cell(row),
                        str(row.days_left),
                        working_cell(row),
                        row.status,
                        cell(row.platform),
                        cell(request.id),
                        cell(request.kind),
                        cell(request.subject),
                    )
                )
            )
        lines.append("")
    footnote = projection_footnote(rows)
    if footnote is not None:
        lines += ["\\" + footnote, ""]
    lines.append(summary_line(rows))
    return "\n".join(lines) + "\n"
