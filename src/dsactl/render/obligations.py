"""`dsactl obligations`: the generated calendar as a table, JSON, CSV, Markdown or ICS.

Each note (an ambiguity of the law, a date counted from designation, a fixed date that is
not moved, projected holidays) is printed once, numbered, and its number stands beside every
due date it affects.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from dsactl.docket.deadlines import ObligationRow
from dsactl.shown import shown_path

if TYPE_CHECKING:
    from rich.console import Console

FIELDS = (
    "platform",
    "rule",
    "article",
    "occurrence",
    "label",
    "due",
    "weekday",
    "fixed_date",
    "status",
    "days_left",
    "working_days_left",
    "deliver",
    "to",
    "filed",
    "basis",
    "notes",
)


def _footnotes(rows: Sequence[ObligationRow]) -> tuple[list[str], list[list[int]]]:
    """Every distinct note, and for each row the numbers (1-based) of its notes."""
    notes: dict[str, int] = {}
    marks: list[list[int]] = []
    for row in rows:
        numbers = []
        for note in row.occurrence.notes:
            if note not in notes:
                notes[note] = len(notes) + 1
            numbers.append(notes[note])
        marks.append(numbers)
    return list(notes), marks


def obligation_record(row: ObligationRow) -> dict[str, Any]:
    from dsactl.render.deadlines import occurrence_record

    occurrence = row.occurrence
    record: dict[str, Any] = {
        "platform": row.platform,
        "provider": row.case.platform.provider,
        "file": shown_path(row.case.path),
        "source": "rule",
        "due": occurrence.due.isoformat(),
        "status": row.status,
        "days_left": row.days_left,
        "working_days_left": row.working_days_left,
    }
    record.update(occurrence_record(occurrence))
    if row.status == "past":
        record["status_note"] = "completion not recorded; the file tracks public information"
    return record


def obligations_document(
    rows: Sequence[ObligationRow], notes: Sequence[str] = ()
) -> dict[str, Any]:
    """The JSON document: every obligation row, and the notes on the generation."""
    return {"obligations": [obligation_record(r) for r in rows], "notes": list(notes)}


def obligations_csv(rows: Sequence[ObligationRow]) -> str:
    from dsactl.render.structured import to_csv

    def cell(record: dict[str, Any], name: str) -> object:
        value = record.get(name)
        return " | ".join(value) if isinstance(value, list) else value

    records = [obligation_record(r) for r in rows]
    return to_csv(FIELDS, ([cell(rec, f) for f in FIELDS] for rec in records))


def _due_text(row: ObligationRow) -> str:
    occurrence = row.occurrence
    fixed = ", fixed date" if occurrence.fixed else ""
    return f"{occurrence.due.isoformat()} ({occurrence.weekday[:3]}{fixed})"


def obligations_markdown(
    rows: Sequence[ObligationRow], as_of: date, notes: Sequence[str] = ()
) -> str:
    from dsactl.render.markdown import cell

    footnotes, marks = _footnotes(rows)
    header = ("Due", "Status", "Days", "Working days", "Platform", "Rule", "Article", "#",
              "Deliver → to")  # fmt: skip
    lines = [f"# Statutory obligations as of {as_of.isoformat()}", ""]
    lines.extend(f"> {cell(note)}" for note in notes)
    if notes:
        lines.append("")
    if rows:
        lines.append("| " + " | ".join(header) + " |")
        lines.append("| " + " | ".join(("---", "---", "---:", "---:", "---", "---", "---",
                                         "---:", "---")) + " |")  # fmt: skip
        for row, numbers in zip(rows, marks, strict=True):
            occurrence = row.occurrence
            refs = "".join(f" [{n}]" for n in numbers)
            wd = "—" if row.working_days_left is None else str(row.working_days_left)
            cells = (
                cell(_due_text(row)) + refs,
                row.status,
                str(row.days_left),
                wd,
                cell(row.platform),
                cell(occurrence.rule.id),
                cell(occurrence.rule.article),
                str(occurrence.number),
                cell(f"{occurrence.rule.deliver} → {occurrence.rule.to}"),
            )
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        lines.extend(f"{n}. {cell(note)}" for n, note in enumerate(footnotes, start=1))
        if footnotes:
            lines.append("")
    lines.append(f"{len(rows)} obligation(s)")
    return "\n".join(lines) + "\n"


def print_obligations(
    rows: Sequence[ObligationRow], as_of: date, console: Console, notes: Sequence[str] = ()
) -> None:
    """The obligations as a table (``render/grid.py``: rule ids and dates never cut), each
    note once below it, numbered, its number beside every date it affects."""
    from dsactl.render.console import literal
    from dsactl.render.deadlines import STATUS_STYLE
    from dsactl.render.grid import Cell, Column, Grid

    for note in notes:
        console.print(literal(note, style="yellow"))
    footnotes, marks = _footnotes(rows)
    table = Grid(
        f"Statutory obligations as of {as_of.isoformat()}",
        [
            Column("Due"),
            Column("Status"),
            Column("Days", right=True),
            Column("Working days", right=True),
            Column("Platform"),
            Column("Rule #"),
            Column("Deliver → to", key=False, min_width=20),
        ],
    )
    for row, numbers in zip(rows, marks, strict=True):
        occurrence = row.occurrence
        refs = "".join(f"[{n}]" for n in numbers)
        fixed = ", fixed" if occurrence.fixed else ""
        projected = "*" if row.projected else ""
        due = Cell(f"{occurrence.due.isoformat()}{projected}",
                   note=f"{occurrence.weekday[:3]}{fixed} {refs}".strip())  # fmt: skip
        filed = f"filed {occurrence.filing.filed}" if occurrence.filing is not None else ""
        status = Cell(row.status, STATUS_STYLE.get(row.status, ""), note=filed)
        rule = Cell(f"{occurrence.rule.id} #{occurrence.number}", note=occurrence.rule.article)
        label = f"({occurrence.label}) " if occurrence.label else ""
        wd = "—" if row.working_days_left is None else str(row.working_days_left)
        table.add_row(
            due,
            status,
            str(row.days_left),
            wd,
            row.platform,
            rule,
            f"{label}{occurrence.rule.deliver} → {occurrence.rule.to}",
        )
    if rows:
        table.print(console)
        for number, note in enumerate(footnotes, start=1):
            console.print(literal(f"[{number}] {note}", style="dim"))
        if any(row.projected for row in rows):
            console.print(
                literal(
                    "* depends on projected public holidays (no published Commission decision "
                    "for that year was read): check the date once it is published",
                    style="dim",
                )
            )
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in counts.items()) or "none in the window"
    console.print(f"{len(rows)} obligation(s): {summary}")
