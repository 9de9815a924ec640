"""Deadlines as a terminal table, JSON or CSV: requests and generated obligations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from dsactl.docket.deadlines import DeadlineRow, ObligationRow, Row

if TYPE_CHECKING:
    from rich.console import Console

    from dsactl.docket.missed import MissedExposure
    from dsactl.docket.obligations import Occurrence

FIELDS = (
    "platform",
    "provider",
    "file",
    "id",
    "kind",
    "subject",
    "sent",
    "due",
    "answered",
    "status",
    "days_left",
    "working_days_left",
    "computed",
    # Added with generated obligations: where the row comes from ("request" or "rule").
    "source",
    "rule",
    "article",
    "occurrence",
    "deliver",
    "to",
)

STATUS_STYLE = {
    "overdue": "bold red",
    "due-soon": "yellow",
    "open": "green",
    "answered": "dim",
    "filed": "dim",
    "past": "dim",
    "no-due-date": "cyan",
}
#: What a status means, where it is not plain.
STATUS_NOTE = {"past": "reply not public", "no-due-date": "no date in the record"}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def exposure_record(exposure: MissedExposure) -> dict[str, Any]:
    from dsactl.law.money import plain

    def money(value: Any) -> str | None:
        return plain(value) if value is not None else None

    return {
        "days_late": exposure.days_late,
        "answered_late": exposure.answered_late,
        "year_end": exposure.turnover.year_end.isoformat(),
        "currency": exposure.currency,
        "periodic_penalty_per_day": money(exposure.per_day),
        "periodic_penalty_per_day_eur": money(exposure.per_day_eur),
        "periodic_penalty_article": exposure.per_day_article,
        "procedural_cap": money(exposure.procedural_cap),
        "procedural_cap_eur": money(exposure.procedural_cap_eur),
        "procedural_cap_article": exposure.procedural_article,
        "notes": list(exposure.notes),
    }


def occurrence_record(occurrence: Occurrence) -> dict[str, Any]:
    """What a generated obligation adds to its row: the rule, the counting, the notes."""
    rule = occurrence.rule
    return {
        "rule": rule.id,
        "rule_set": occurrence.ruleset.id,
        "article": rule.article,
        "occurrence": occurrence.number,
        "title": rule.title,
        "label": occurrence.label or None,
        "binds": rule.binds,
        "deliver": rule.deliver,
        "to": rule.to,
        "rule_source": rule.source,
        "fixed_date": occurrence.fixed,
        "weekday": occurrence.weekday,
        "basis": occurrence.basis,
        "calendar": occurrence.calendar,
        "projected": occurrence.projected,
        "steps": [
            {"date": s.date.isoformat(), "rule": s.rule, "reason": s.reason}
            for s in occurrence.steps
        ],
        "notes": list(occurrence.notes),
        "filed": _iso(occurrence.filing.filed) if occurrence.filing else None,
        "filing_source": occurrence.filing.source if occurrence.filing else None,
    }


def row_record(row: Row, exposure: MissedExposure | None = None) -> dict[str, Any]:
    if isinstance(row, ObligationRow):
        occurrence = row.occurrence
        rule = occurrence.rule
        record: dict[str, Any] = {
            "platform": row.case.platform.name,
            "provider": row.case.platform.provider,
            "file": str(row.case.path),
            "id": f"{rule.id}#{occurrence.number}",
            "kind": "obligation",
            "subject": subject_of(row),
            "sent": None,
            "due": occurrence.due.isoformat(),
            "answered": _iso(occurrence.filing.filed) if occurrence.filing else None,
            "status": row.status,
            "days_left": row.days_left,
            "working_days_left": row.working_days_left,
            "computed": not occurrence.fixed,
            "source": "rule",
        }
        record.update(occurrence_record(occurrence))
        return record
    request = row.request
    record = {
        "platform": row.case.platform.name,
        "provider": row.case.platform.provider,
        "file": str(row.case.path),
        "id": request.id,
        "kind": request.kind,
        "subject": request.subject,
        "sent": request.sent.isoformat(),
        "due": _iso(request.due),
        "answered": _iso(request.answered),
        "status": row.status,
        "days_left": row.days_left,
        "working_days_left": row.working_days_left,
        "computed": request.computed,
        "source": "request",
        "rule": None,
        "article": None,
        "occurrence": None,
        "notified": _iso(request.notified),
        "period": request.period,
        "counted_from": request.counted_from,
        "proceeding": request.proceeding,
        "confidence": request.confidence,
        "alternatives": [d.isoformat() for d in request.alternatives],
    }
    if STATUS_NOTE.get(row.status):
        record["status_note"] = STATUS_NOTE[row.status]
    if exposure is not None:
        record["exposure"] = exposure_record(exposure)
    return record


def subject_of(row: Row) -> str:
    if isinstance(row, DeadlineRow):
        return row.request.subject
    occurrence = row.occurrence
    label = f" ({occurrence.label})" if occurrence.label else ""
    return f"{occurrence.rule.title}{label}: {occurrence.rule.deliver} → {occurrence.rule.to}"


def id_of(row: Row) -> str:
    if isinstance(row, DeadlineRow):
        return row.request.id
    return f"{row.occurrence.rule.id} #{row.occurrence.number}"


def kind_of(row: Row) -> str:
    if isinstance(row, DeadlineRow):
        return row.request.kind
    return row.occurrence.rule.article


def _exposures(rows: Sequence[Row], as_of: date) -> list[MissedExposure | None]:
    """The exposure of each missed request deadline (None elsewhere), under the dsa regime."""
    from dsactl.docket.missed import EXPOSED_KINDS, missed_exposure
    from dsactl.law.regimes import get_regime

    found: list[MissedExposure | None] = []
    regime = None
    for row in rows:
        if isinstance(row, DeadlineRow) and row.request.kind in EXPOSED_KINDS:
            if regime is None:
                regime = get_regime("dsa")
            found.append(missed_exposure(row.case, row.request, as_of, regime))
        else:
            found.append(None)
    return found


def deadlines_json(rows: Sequence[Row], as_of: date | None = None) -> str:
    from dsactl.render.structured import to_json

    if as_of is None:
        return to_json([row_record(r) for r in rows])
    exposures = _exposures(rows, as_of)
    return to_json([row_record(r, e) for r, e in zip(rows, exposures, strict=True)])


def deadlines_csv(rows: Sequence[Row]) -> str:
    from dsactl.render.structured import to_csv

    records = [row_record(r) for r in rows]
    return to_csv(FIELDS, ([rec.get(f) for f in FIELDS] for rec in records))


def title(rows: Sequence[Row], as_of: date) -> str:
    """ "Reply deadlines as of …", or "Deadlines as of …" when obligations are listed too."""
    what = "Deadlines" if any(isinstance(r, ObligationRow) for r in rows) else "Reply deadlines"
    return f"{what} as of {as_of.isoformat()}"


def summary_line(rows: Sequence[Row], hidden: int = 0) -> str:
    """``3 deadline(s): 1 overdue, 2 open``, counted in the order the statuses first appear."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in counts.items()) or "no open requests"
    if "past" in counts:
        summary += " (past: the file tracks public information; replies are not public)"
    line = f"{len(rows)} deadline(s): {summary}"
    if hidden:
        line += f"; {hidden} done or past not shown (--all shows them)"
    return line


def print_deadlines(rows: Sequence[Row], as_of: date, console: Console, *, hidden: int = 0) -> None:
    from rich import box
    from rich.table import Table

    from dsactl.render.console import literal

    table = Table(
        title=title(rows, as_of),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Due", no_wrap=True)
    table.add_column("Days", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Platform", no_wrap=True)
    table.add_column("Request / rule", overflow="fold", max_width=28)
    table.add_column("Subject", ratio=1, min_width=16)
    for row in rows:
        due = literal(row.due.isoformat() if row.due is not None else "—")
        if isinstance(row, DeadlineRow):
            if row.request.computed:
                due.append("\ncomputed", style="dim")
            request = literal(row.request.id)
            if row.request.kind != "rfi":
                request.append(f"\n({row.request.kind})", style="dim")
        else:
            occurrence = row.occurrence
            due.append(f"\n{occurrence.weekday[:3]}" + (", fixed" if occurrence.fixed else ""))
            request = literal(id_of(row))
            request.append(f"\n({occurrence.rule.article})", style="dim")
        status = literal(row.status, STATUS_STYLE.get(row.status, ""))
        if row.status in STATUS_NOTE:
            status.append(f"\n{STATUS_NOTE[row.status]}", style="dim")
        table.add_row(
            due,
            "—" if row.days_left is None else str(row.days_left),
            status,
            literal(row.platform),
            request,
            literal(subject_of(row)),
        )
    if rows:
        console.print(table)
    console.print(summary_line(rows, hidden))
