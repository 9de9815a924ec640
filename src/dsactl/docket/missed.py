"""Exposure where a deadline set by the Commission is missed: the two halves of dsactl joined.

A reply to a request for information made by decision (``rfi-decision``) that is late or
missing exposes the provider to a fine of up to 1 % of its preceding-year turnover (DSA Art.
74(2)(b)) and to periodic penalty payments of up to 5 % of its average daily turnover per day
(Art. 76(1)(a)). Late measures or a late action plan after a non-compliance decision
(``measures``, ``action-plan``) expose it to periodic penalty payments under Art. 76(1)(e);
the Art. 74(2) cap is given beside it, as the procedural maximum, with a note. The caps come
from ``law.fines`` (exact, truncated to the cent) under the ``dsa`` regime of the docket's
resolver (a user's regime file with id ``dsa`` replaces the built-in one): ``deadline_rows``
carries each row's exposure, ``summary`` a platform's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from msgspec import Struct

from dsactl.errors import DsactlError
from dsactl.law.fines import compute_caps

if TYPE_CHECKING:
    from dsactl.casefile.model import Case, Request, Turnover
    from dsactl.casefile.resolve import Resolver
    from dsactl.law.regimes import Regime

#: The request kinds whose lateness has a fine, with the periodic-penalty letter of Art. 76(1).
EXPOSED_KINDS: dict[str, str] = {
    "rfi-decision": "DSA Art. 76(1)(a)",
    "measures": "DSA Art. 76(1)(e)",
    "action-plan": "DSA Art. 76(1)(e)",
}
PROCEDURAL_TIER, PERIODIC_TIER = "74-2", "76-1"


class MissedExposure(Struct, frozen=True):
    request: Request
    #: Days late: answered − due, or as-of − due while there is no reply.
    days_late: int
    answered_late: bool
    turnover: Turnover
    currency: str
    #: Art. 76: the maximum periodic penalty per day (turnover x 5 % / 365, to the cent).
    per_day: Decimal
    per_day_eur: Decimal | None
    per_day_article: str
    #: Art. 74(2): the procedural cap (1 % of the preceding year's turnover).
    procedural_cap: Decimal
    procedural_cap_eur: Decimal | None
    procedural_article: str
    notes: tuple[str, ...]


def dsa_regime(resolver: Resolver) -> Regime | None:
    """The ``dsa`` regime as ``resolver`` knows it (a user's regime file with id ``dsa``
    replaces the built-in one), or None when it cannot give one."""
    try:
        return resolver.regimes(["dsa"])[0]
    except DsactlError:
        return None


def is_missed(request: Request, as_of: date, public: bool) -> int | None:
    """Days late, or None when the deadline was met, is still open, or (public tracking) the
    reply is simply not public."""
    if request.due is None:
        return None
    if request.answered is not None:
        late = (request.answered - request.due).days
        return late if late > 0 else None
    if public:
        return None
    late = (as_of - request.due).days
    return late if late > 0 else None


def missed_exposure(
    case: Case, request: Request, as_of: date, regime: Regime | None
) -> MissedExposure | None:
    """The exposure of a missed deadline of ``request``, or None (not missed, not a kind with
    a fine, no dsa regime, or no preceding financial year in the file)."""
    if request.kind not in EXPOSED_KINDS or regime is None:
        return None
    late = is_missed(request, as_of, case.public)
    if late is None:
        return None
    day = request.answered or as_of
    turnover = case.turnover_before(day)
    if turnover is None:
        return None
    try:
        periodic = compute_caps(
            regime, turnover.amount, turnover.currency, eur_rate=turnover.eur_rate, days=1,
            tier=PERIODIC_TIER,
        ).caps[0]  # fmt: skip
        procedural = compute_caps(
            regime, turnover.amount, turnover.currency, eur_rate=turnover.eur_rate,
            tier=PROCEDURAL_TIER,
        ).caps[0]  # fmt: skip
    except DsactlError:
        return None
    if periodic.per_day is None or procedural.amount is None:  # pragma: no cover - tiers fixed
        return None
    notes = [
        f"the financial year ending {turnover.year_end} preceding {day}; average daily "
        "turnover = annual / 365 (a convention); these are maxima"
    ]
    if turnover.estimate:
        notes.append("the turnover is an estimate: so are these maxima")
    if request.kind != "rfi-decision":
        notes.append(
            "not complying with a non-compliance decision is enforced by periodic penalty "
            "payments (Art. 76(1)(e)); the Art. 74(2) cap is the procedural maximum, and a "
            "continued infringement may be fined under Art. 74(1) (6 %)"
        )
    per_day_eur = periodic.amount_eur
    return MissedExposure(
        request=request,
        days_late=late,
        answered_late=request.answered is not None,
        turnover=turnover,
        currency=turnover.currency,
        per_day=periodic.per_day,
        per_day_eur=per_day_eur,
        per_day_article=EXPOSED_KINDS[request.kind],
        procedural_cap=procedural.amount,
        procedural_cap_eur=procedural.amount_eur,
        procedural_article="DSA Art. 74(2)" + ("(b)" if request.kind == "rfi-decision" else ""),
        notes=tuple(notes),
    )
