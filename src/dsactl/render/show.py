"""`dsactl show`: one platform's whole picture as terminal tables or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dsactl.docket.summary import PlatformSummary
from dsactl.law.money import plain
from dsactl.render.casefine import platform_fines_json, print_platform_fines
from dsactl.render.deadlines import print_deadlines, row_record
from dsactl.shown import shown_path

if TYPE_CHECKING:
    from rich.console import Console


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
            }
            for p in case.proceedings
        ],
        "requests": [row_record(row) for row in summary.deadlines],
        "imposed": [
            {
                "id": fine.id,
                "date": fine.date.isoformat(),
                "amount": plain(fine.amount),
                "currency": fine.currency,
                "basis": fine.basis,
                "source": fine.source,
            }
            for fine in case.fines
        ],
        "fines": platform_fines_json(summary.fines) if summary.fines else None,
        "no_caps": summary.no_caps,
        "left_out": summary.left_out.as_dict(),
    }


def print_summary(summary: PlatformSummary, console: Console) -> None:
    from rich import box
    from rich.table import Table

    from dsactl.render.console import literal, one_line

    case = summary.case
    platform = case.platform
    console.print(literal(one_line(f"{platform.name} — {platform.provider}"), style="bold"))
    facts: list[str] = [platform.kind or "kind not given"]
    facts.append(f"designated {platform.designated}" if platform.designated else "no designation")
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
    console.print()
    print_deadlines(list(summary.deadlines), summary.as_of, console)
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
