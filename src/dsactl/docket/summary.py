"""One platform's whole picture: designation, proceedings, requests, fines and caps.

Composes what the other commands compute (deadlines, the caps of the preceding financial
year, imposed fines against their caps) for one case, as of one day. Pure: no printing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from dsactl.casefile.model import Case
from dsactl.casefile.resolve import Resolver
from dsactl.docket.deadlines import DEFAULT_SOON, DeadlineRow, deadline_rows
from dsactl.docket.exposure import CapOptions, PlatformFines, platform_fines
from dsactl.docket.known import LaterFacts, known_case
from dsactl.errors import DsactlError
from dsactl.law.regimes import Regime


@dataclass(frozen=True)
class PlatformSummary:
    case: Case
    as_of: date
    #: Every request, answered ones included, soonest due first.
    deadlines: tuple[DeadlineRow, ...]
    #: The caps that apply and the fines imposed; None when the file has no usable turnover.
    fines: PlatformFines | None
    #: Why there are no caps, or none under some regime (no turnover, no preceding financial
    #: year, no exchange rate for a fixed amount), else None.
    no_caps: str | None
    #: The facts dated after as-of that were left out (``case`` is as known on as-of).
    left_out: LaterFacts = field(default_factory=LaterFacts)


def summarise(
    case: Case,
    as_of: date,
    regimes: Sequence[Regime],
    resolver: Resolver,
    *,
    soon: int = DEFAULT_SOON,
) -> PlatformSummary:
    # As known on as-of: what is dated later is left out, and counted.
    case, later = known_case(case, as_of)
    rows = deadline_rows([case], as_of, include_answered=True, soon=soon, resolver=resolver)
    if not case.turnovers:
        return PlatformSummary(
            case,
            as_of,
            tuple(rows),
            None,
            "no [turnover] in the case file: add one for caps",
            later,
        )
    # Each regime on its own first: one that cannot be computed (a fixed amount in EUR and a
    # USD turnover without `eur_rate`) must not hide the others.
    usable, problems = [], []
    for regime in regimes:
        try:
            platform_fines(case, as_of, [regime], CapOptions())
        except DsactlError as exc:
            problems.append(f"{regime.id}: {exc.message}")
        else:
            usable.append(regime)
    if not usable:
        return PlatformSummary(case, as_of, tuple(rows), None, "; ".join(problems), later)
    fines = platform_fines(case, as_of, usable, CapOptions())
    return PlatformSummary(case, as_of, tuple(rows), fines, "; ".join(problems) or None, later)
