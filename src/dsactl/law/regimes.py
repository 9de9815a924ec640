"""Fine regimes as data: one TOML file per regime that a lawyer can read and extend.

The built-in regimes ship in ``dsactl/data/regimes/*.toml``; a user file with the same ``id``
replaces a built-in one. The format (declared, and every key checked, in
``dsactl.casefile.lawfiles``)::

    [regime]
    id = "dsa"                         # lower case letters, digits, '-'; used by --regime
    name = "Digital Services Act — Commission fines"
    law = "Regulation (EU) 2022/2065"
    currency = "EUR"                   # ISO 4217 currency of the fixed amounts below
    source = "Regulation (EU) 2022/2065, OJ L 277, 27.10.2022, p. 1, Arts. 74 and 76"
    notes = ["…"]                      # optional: caveats shown under the table
    order = 1                          # optional: where `dsactl regimes` lists it (lower first)

    [[tiers]]                          # one or more
    id = "74-1"                        # unique in the file; used by --tier
    kind = "infringement"              # infringement | procedural | periodic
    article = "Art. 74(1)"
    basis = "DSA Art. 74(1)"           # the citation shown in output
    rate = "0.06"                      # share of the base, a decimal string in (0, 1]
    applies_to = "turnover"            # turnover | income-or-turnover | revenue |
                                       # average-daily-turnover | average-daily-income-or-turnover
    fixed = "10000000"                 # optional: fixed amount in the regime currency
    rule = "higher"                    # required with `fixed`: higher | lower (of the two)
    sme_rule = "lower"                 # optional, needs `fixed`: the rule for SMEs (--sme)
    undertaking_only = true            # optional, needs `fixed`: the percentage applies only to
                                       # an undertaking; otherwise the fixed amount alone
    per_day = false                    # true for a per-day (periodic) cap; needs kind "periodic"
                                       # and an average-daily-* base (daily = annual / the
                                       # days of the financial year, 365 unless known)
    description = "…one line…"
    source = "…"

Amounts and rates may also be TOML numbers (a float is read in its shortest decimal form), but
decimal strings are what the shipped files use: they read the same to a lawyer and a machine.

``Regime`` and ``Tier`` are ``NamedTuple``s, not ``msgspec.Struct``s like dsactl's other
records, so that a fine from a turnover starts without importing msgspec (ARCHITECTURE.md,
"Start-up"; ``tests/test_imports.py`` checks it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Any, Literal, NamedTuple, get_args

from dsactl.errors import UsageError, did_you_mean
from dsactl.law.money import amount_as_written
from dsactl.packaged import data_path, read_data

__all__ = [
    "APPLIES_TO",
    "KINDS",
    "RULES",
    "Regime",
    "Tier",
    "all_regimes",
    "builtin_regimes",
    "get_regime",
    "regime_from_document",
    "shipped_regime_ids",
]

Kind = Literal["infringement", "procedural", "periodic"]
AppliesTo = Literal[
    "turnover",
    "income-or-turnover",
    "revenue",
    "average-daily-turnover",
    "average-daily-income-or-turnover",
]
Rule = Literal["higher", "lower"]

KINDS: tuple[Kind, ...] = get_args(Kind)
APPLIES_TO: tuple[AppliesTo, ...] = get_args(AppliesTo)
RULES: tuple[Rule, ...] = get_args(Rule)

#: What a regime id and a tier id may look like (checked in ``dsactl.casefile.regimefile``).
ID = re.compile(r"[a-z0-9][a-z0-9-]*")
TIER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class Tier(NamedTuple):
    """One cap of a regime: a share of a base, maybe weighed against a fixed amount."""

    id: str
    kind: Kind
    article: str
    basis: str
    rate: Decimal
    applies_to: AppliesTo
    description: str
    source: str
    fixed: Decimal | None = None
    rule: Rule | None = None
    sme_rule: Rule | None = None
    per_day: bool = False
    #: True when the percentage applies only to an undertaking (GDPR Art. 83(4)-(6)): for an
    #: offender that is not one (a public body, an individual) only the fixed amount applies.
    undertaking_only: bool = False


class Regime(NamedTuple):
    """A set of caps under one law, with the currency of its fixed amounts."""

    id: str
    name: str
    law: str
    currency: str
    source: str
    tiers: tuple[Tier, ...]
    notes: tuple[str, ...] = ()
    path: str | None = None
    #: Where ``dsactl regimes`` lists it: lower first, then the regimes without one, by id.
    order: int | None = None

    @property
    def tier_ids(self) -> tuple[str, ...]:
        return tuple(tier.id for tier in self.tiers)

    @property
    def has_fixed(self) -> bool:
        return any(tier.fixed is not None for tier in self.tiers)

    @property
    def has_sme_rule(self) -> bool:
        return any(tier.sme_rule is not None for tier in self.tiers)

    @property
    def has_undertaking_rule(self) -> bool:
        return any(tier.undertaking_only for tier in self.tiers)

    def tier(self, tier_id: str) -> Tier:
        """The tier with this id, or a ``UsageError`` listing the ids there are."""
        for tier in self.tiers:
            if tier.id == tier_id:
                return tier
        raise UsageError(
            f"regime `{self.id}` has no tier `{tier_id}`{did_you_mean(tier_id, self.tier_ids)}",
            hint="tiers: " + ", ".join(self.tier_ids),
        )


def _tier(table: Mapping[str, Any]) -> Tier:
    fixed = table.get("fixed")
    return Tier(
        id=table["id"],
        kind=table["kind"],
        article=table["article"],
        basis=table["basis"],
        rate=amount_as_written(table["rate"]),
        applies_to=table["applies_to"],
        description=table["description"],
        source=table["source"],
        fixed=None if fixed is None else amount_as_written(fixed),
        rule=table.get("rule"),
        sme_rule=table.get("sme_rule"),
        per_day=table.get("per_day", False),
        undertaking_only=table.get("undertaking_only", False),
    )


def regime_from_document(document: Mapping[str, Any], path: str) -> Regime:
    """The ``Regime`` of a regime file's parsed document, which has been checked.

    User files are checked by ``dsactl.casefile.lawfiles`` before they come here; the shipped
    files are checked by the tests (``tests/test_regimes.py``).
    """
    head = document["regime"]
    return Regime(
        id=head["id"],
        name=head["name"],
        law=head["law"],
        currency=head["currency"],
        source=head["source"],
        tiers=tuple(_tier(table) for table in document["tiers"]),
        notes=tuple(head.get("notes", ())),
        path=path,
        order=head.get("order"),
    )


@cache
def _builtin_file(name: str) -> Regime:
    """The shipped regime file ``name`` (e.g. ``dsa.toml``), parsed and checked once."""
    return regime_from_document(read_data("regimes", name), f"dsactl/data/regimes/{name}")


def _builtin(regime_id: str) -> Regime | None:
    """The shipped regime ``regime_id`` from its own file ``ID.toml`` alone, if it has one.

    ``get_regime`` needs one regime, not all of them: this spares it reading the others.
    """
    if not ID.fullmatch(regime_id) or not data_path("regimes", f"{regime_id}.toml").is_file():
        return None
    regime = _builtin_file(f"{regime_id}.toml")
    return regime if regime.id == regime_id else None


@cache
def builtin_regimes() -> dict[str, Regime]:
    """The regimes shipped in ``dsactl/data/regimes``, by id, loaded once."""
    found: dict[str, Regime] = {}
    for entry in sorted(data_path("regimes").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        regime = _builtin_file(entry.name)
        found[regime.id] = regime
    # Listed by their `order`, then by id; a file without `order` comes after those with one.
    ordered = sorted(found.values(), key=lambda r: (r.order is None, r.order or 0, r.id))
    return {regime.id: regime for regime in ordered}


def shipped_regime_ids() -> list[str]:
    """The ids of the shipped regimes, from the names of their files (``ID.toml``), sorted.

    Cheaper than ``builtin_regimes`` (nothing is read): for the help of the command line.
    """
    names = (entry.name for entry in data_path("regimes").iterdir())
    return sorted(name.removesuffix(".toml") for name in names if name.endswith(".toml"))


def all_regimes(extra: Sequence[Regime] = ()) -> dict[str, Regime]:
    """Built-in regimes with user regimes added; a user regime replaces a built-in of its id."""
    regimes = dict(builtin_regimes())
    for regime in extra:
        regimes[regime.id] = regime
    return regimes


def get_regime(name: str, extra: Sequence[Regime] = ()) -> Regime:
    """The regime called ``name``: user regimes (``extra``) first, then the built-in ones."""
    for regime in reversed(extra):  # the last user regime of an id wins, as in all_regimes
        if regime.id == name:
            return regime
    shipped = _builtin(name)
    if shipped is not None:
        return shipped
    regimes = all_regimes(extra)
    if name in regimes:
        return regimes[name]
    known = list(regimes)
    raise UsageError(
        f"unknown regime `{name}`{did_you_mean(name, known)}", hint="known: " + ", ".join(known)
    )
