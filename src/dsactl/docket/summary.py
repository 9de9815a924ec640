"""One platform's whole picture: designation, proceedings, requests, fines and caps.

Composes what the other commands compute (deadlines, the caps of the preceding financial
year, imposed fines against their caps) for one case, as of one day. Pure: no printing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec import Struct, field

from dsactl.casefile.model import Case
from dsactl.casefile.resolve import Resolver
from dsactl.docket.deadlines import (
    DEFAULT_SOON,
    DeadlineRow,
    ObligationRow,
    deadline_rows,
    horizon_of,
    obligation_rows,
)
from dsactl.docket.exposure import CapOptions, PlatformFines, platform_fines
from dsactl.docket.known import LaterFacts, known_case
from dsactl.docket.missed import MissedExposure, dsa_regime, missed_exposure
from dsactl.docket.obligations import generate
from dsactl.errors import DsactlError
from dsactl.law.regimes import Regime


class PlatformSummary(Struct, frozen=True):
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
    #: The statutory obligations generated from the case's rule sets (due up to as-of + 365
    #: days), filed and past ones included.
    obligations: tuple[ObligationRow, ...] = ()
    #: Notes on the generation (no designation date, counted from designation, …).
    obligation_notes: tuple[str, ...] = ()
    #: Missed deadlines set by decisions, with their Art. 76 / Art. 74(2) maxima.
    exposures: tuple[MissedExposure, ...] = ()

    def exposure_of(self, request_id: str) -> MissedExposure | None:
        return next((e for e in self.exposures if e.request.id == request_id), None)


def summarise(
    case: Case,
    as_of: date,
    regimes: Sequence[Regime],
    resolver: Resolver,
    *,
    soon: int = DEFAULT_SOON,
) -> PlatformSummary:
    from msgspec.structs import replace

    # As known on as-of: what is dated later is left out, and counted.
    case, later = known_case(case, as_of)
    rows = deadline_rows([case], as_of, include_answered=True, soon=soon, resolver=resolver)
    generated = generate(case, resolver.rulesets_by_id(), resolver, until=horizon_of(as_of))
    obligations = obligation_rows(
        generated.occurrences, as_of, include_done=True, soon=soon, resolver=resolver
    )
    return replace(
        _summarise(case, as_of, regimes, rows, later),
        obligations=tuple(obligations),
        obligation_notes=generated.notes,
        exposures=_exposures(case, as_of, regimes, resolver),
    )


def _exposures(
    case: Case, as_of: date, regimes: Sequence[Regime], resolver: Resolver
) -> tuple[MissedExposure, ...]:
    """The case's missed deadlines set by decisions, under its ``dsa`` regime, else the
    resolver's (as ``deadline_rows`` computes them: the same figures in `show` and
    `deadlines`)."""
    dsa = next((r for r in regimes if r.id == "dsa"), None)
    if dsa is None:
        dsa = dsa_regime(resolver)
    found = (missed_exposure(case, request, as_of, dsa) for request in case.requests)
    return tuple(e for e in found if e is not None)


def _summarise(
    case: Case,
    as_of: date,
    regimes: Sequence[Regime],
    rows: list[DeadlineRow],
    later: LaterFacts,
) -> PlatformSummary:
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
