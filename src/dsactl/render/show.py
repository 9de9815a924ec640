"""`dsactl show`: one platform's whole picture as terminal tables or JSON."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from dsactl.docket.summary import PlatformSummary
from dsactl.law.money import plain
from dsactl.render.casefine import platform_fines_json, print_platform_fines
from dsactl.render.deadlines import exposure_record, print_deadlines, row_record
from dsactl.shown import shown_path

if TYPE_CHECKING:
    from rich.console import Console

    from dsactl.docket.missed import MissedExposure


def summary_json(summary: PlatformSummary) -> dict[str, Any]:
    case = summary.case
    platform = case.platform
    return {
        "platform": platform.name,
        "provider": platform.provider,
        "kind": platform.kind,
        "designated": platform.designated.isoformat() if platform.designated else None,
        "file": shown_path(case.path),
        "as_of": summary.as_of.isoformat(),
        "proceedings": [
            {
                "id": p.id,
                "opened": p.opened.isoformat(),
                "subject": p.subject,
                "status": p.status,
                "closed": p.closed.isoformat() if p.closed else None,
                "source": p.source,
                "confidence": p.confidence,
                "alternatives": [d.isoformat() for d in p.alternatives],
            }
            for p in case.proceedings
        ],
        "requests": [
            row_record(row, summary.exposure_of(row.request.id)) for row in summary.deadlines
        ],
        "imposed": [
            {
                "id": fine.id,
                "date": fine.date.isoformat(),
                "amount": plain(fine.amount),
                "currency": fine.currency,
                "basis": fine.basis,
                "source": fine.source,
                "confidence": fine.confidence,
                "alternatives": [d.isoformat() for d in fine.alternatives],
            }
            for fine in case.fines
        ],
        "fines": platform_fines_json(summary.fines) if summary.fines else None,
        "no_caps": summary.no_caps,
        "left_out": summary.left_out.as_dict(),
        # Added with statutory obligations, decisions' periods and events (issue 11).
        "notified": _iso(platform.notified),
        "designation_ended": _iso(platform.designation_ended),
        "tracking": case.tracking,
        "rule_sets": list(case.rule_sets),
        "confidence": platform.confidence,
        "alternatives": [d.isoformat() for d in platform.alternatives],
        "dma": [
            {
                "service": d.service,
                "designated": d.designated.isoformat(),
                "source": d.source,
                "confidence": d.confidence,
                "alternatives": [a.isoformat() for a in d.alternatives],
            }
            for d in case.dma
        ],
        "anchors": [
            {"kind": a.kind, "date": a.date.isoformat(), "source": a.source}
            for a in sorted(case.anchors, key=lambda a: a.date)
        ],
        "events": [
            {
                "date": e.date.isoformat(),
                "kind": e.kind,
                "summary": e.summary,
                "proceeding": e.proceeding,
                "source": e.source,
                "confidence": e.confidence,
                "alternatives": [a.isoformat() for a in e.alternatives],
            }
            for e in sorted(case.events, key=lambda e: e.date)
        ],
        "obligations": [row_record(row) for row in summary.obligations],
        "obligation_notes": list(summary.obligation_notes),
        "exposures": [{"request": e.request.id, **exposure_record(e)} for e in summary.exposures],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def print_summary(summary: PlatformSummary, console: Console) -> None:
    from rich import box
    from rich.table import Table

    from dsactl.render.console import literal, one_line

    case = summary.case
    platform = case.platform
    console.print(literal(one_line(f"{platform.name} — {platform.provider}"), style="bold"))
    facts: list[str] = [platform.kind or "kind not given"]
    facts.append(f"designated {platform.designated}" if platform.designated else "no designation")
    if platform.notified:
        facts.append(f"notified {platform.notified}")
    if platform.designation_ended:
        facts.append(f"designation ended {platform.designation_ended}")
    if case.public:
        facts.append("tracks public information (replies are not public)")
    facts.append(f"case file {shown_path(case.path)}")
    console.print(literal(one_line(", ".join(facts))))
    left_out = summary.left_out.describe(summary.as_of)
    if left_out is not None:
        console.print(literal(left_out, style="yellow"))
    console.print()
    if case.proceedings:
        table = Table(title="Proceedings", title_justify="left", box=box.SIMPLE_HEAD)
        table.add_column("Opened", no_wrap=True)
        table.add_column("Status", no_wrap=True)
        table.add_column("Closed", no_wrap=True)
        table.add_column("Subject", ratio=1, min_width=16)
        for p in sorted(case.proceedings, key=lambda p: p.opened):
            table.add_row(
                p.opened.isoformat(),
                literal(p.status),
                p.closed.isoformat() if p.closed else "—",
                literal(p.subject),
            )
        console.print(table)
    else:
        console.print("No proceedings.")
    if case.events:
        _print_events(summary, console)
    _print_doubts(summary, console)
    console.print()
    print_deadlines(list(summary.deadlines), summary.as_of, console)
    for exposure in summary.exposures:
        _print_exposure(exposure, console)
    console.print()
    _print_obligations(summary, console)
    console.print()
    if summary.fines is not None:
        print_platform_fines(summary.fines, console, header=False)
        if summary.no_caps:
            console.print(literal(f"No caps under {summary.no_caps}", style="yellow"))
    else:
        console.print(literal(f"No caps: {summary.no_caps}", style="yellow"))
        for fine in case.fines:
            console.print(
                literal(f"Fine imposed {fine.date}: {fine.currency} {fine.amount} ({fine.basis})")
            )


def _print_events(summary: PlatformSummary, console: Console) -> None:
    from rich import box
    from rich.table import Table

    from dsactl.render.console import literal

    table = Table(title="Proceeding events", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Date", no_wrap=True)
    table.add_column("Event", no_wrap=True)
    table.add_column("Proceeding", no_wrap=True)
    table.add_column("Summary", ratio=1, min_width=16)
    for event in sorted(summary.case.events, key=lambda e: e.date):
        when = literal(event.date.isoformat())
        if event.alternatives:
            others = ", ".join(d.isoformat() for d in event.alternatives)
            when.append(f"\nor {others}", style="yellow")
        if event.confidence:
            when.append(f"\n({event.confidence})", style="dim")
        table.add_row(when, literal(event.kind), literal(event.proceeding or "—"),
                      literal(event.summary))  # fmt: skip
    console.print(table)


def _print_exposure(exposure: MissedExposure, console: Console) -> None:
    from dsactl.law.money import grouped
    from dsactl.render.console import literal

    request = exposure.request
    late = "replied" if exposure.answered_late else "no reply recorded,"
    line = (
        f"{request.id}: {late} {exposure.days_late} day(s) late — up to "
        f"{exposure.currency} {grouped(exposure.per_day)} per day ({exposure.per_day_article}); "
        f"procedural cap {exposure.currency} {grouped(exposure.procedural_cap)} "
        f"({exposure.procedural_article}); year ending {exposure.turnover.year_end}"
    )
    console.print(literal(line, style="red"))


def _print_obligations(summary: PlatformSummary, console: Console) -> None:
    from dsactl.render.console import literal
    from dsactl.render.obligations import print_obligations

    for note in summary.obligation_notes:
        console.print(literal(note, style="yellow"))
    if summary.obligations:
        print_obligations(list(summary.obligations), summary.as_of, console)
    elif not summary.obligation_notes:
        console.print("No statutory obligations generated (no rule set applies).")


def _print_doubts(summary: PlatformSummary, console: Console) -> None:
    """Every entry whose date sources give otherwise (``alternatives``) or whose confidence
    is stated other than "primary", one line each."""
    from dsactl.render.console import literal

    case = summary.case
    entries: list[tuple[str, str | None, tuple[date, ...]]] = [
        ("designation", case.platform.confidence, case.platform.alternatives),
        *((f"proceeding {p.id}", p.confidence, p.alternatives) for p in case.proceedings),
        *((f"request {r.id}", r.confidence, r.alternatives) for r in case.requests),
        *((f"fine {f.id}", f.confidence, f.alternatives) for f in case.fines),
        *((f"DMA {d.service}", d.confidence, d.alternatives) for d in case.dma),
        *((f"{a.kind} {a.date}", a.confidence, a.alternatives) for a in case.anchors),
    ]
    lines = []
    for what, confidence, alternatives in entries:
        if not alternatives and confidence in (None, "primary"):
            continue
        also = f"; sources also give {', '.join(d.isoformat() for d in alternatives)}"
        lines.append(
            f"{what}: {confidence or 'confidence not stated'}{also if alternatives else ''}"
        )
    if lines:
        console.print()
        console.print(literal("Dates in doubt", style="bold"))
        for line in lines:
            console.print(literal(f"  {line}", style="yellow"))
