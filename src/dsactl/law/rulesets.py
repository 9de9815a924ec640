"""Statutory obligation rules as data: one TOML file per rule set, like the fine regimes.

The built-in rule sets ship in ``dsactl/data/obligations/*.toml``; a user file (a
``[ruleset]`` table) with the same ``id`` replaces a built-in one, a new ``id`` adds one.
The format (declared, and every key checked, in ``dsactl.casefile.rulefile``)::

    [ruleset]
    id = "dsa-vlop"                    # lower case letters, digits, '-'
    name = "DSA — very large online platforms and search engines"
    law = "Regulation (EU) 2022/2065"
    binds = "Providers of VLOPs and VLOSEs"
    source = "…"
    calendar = "eu-commission"         # optional: the calendar periods are counted in
    ends_with_designation = true       # optional: no occurrence due after Nt + 4 months
    order = 1                          # optional: where it is listed (lower first)

    [[rules]]
    id = "dsa-vlop.transparency-report"   # the rule set id, a dot, a name; stable
    title = "Transparency report"
    article = "DSA Art. 42(1); Impl. Reg. 2024/2835 Art. 2"
    anchor = "application"             # see ANCHORS
    first = "2 months"                 # optional: a period from the anchor (absent: on it)
    every = "6 months"                 # optional: repeated at this period
    every_from = "anchor"              # anchor (k-th = anchor + first + (k-1) x every) |
                                       # previous (from the previous one's filing, else due)
    dates = ["08-31"]                  # or: fixed yearly dates (MM-DD), not periods
    period_ends = ["06-30", "12-31"]   # or: reporting periods ending on these days …
    after_end = "2 months"             # … each due this period after its end
    periods_from = 2025-01-01          # … the first one starting on or after this day
    since = 2023-02-17                 # anchor "fixed": the first day the rule applies
    services = "(?i)messeng"           # DMA: only services whose name matches
    binds = "…"                        # optional: whom it binds (default: the rule set's)
    deliver = "what is delivered"
    to = "to whom"
    source = "…"
    ambiguity = "…"                    # optional: printed beside every date it affects

Periods are counted under Regulation 1182/71 (``dsactl.law.periods``); fixed dates are not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any, Literal, get_args

from msgspec import Struct

from dsactl.errors import UsageError, did_you_mean
from dsactl.law.periods import Period, parse_period
from dsactl.packaged import data_path, read_data

__all__ = [
    "ANCHORS",
    "ANCHOR_LETTERS",
    "ObligationRule",
    "RuleSet",
    "all_rulesets",
    "builtin_rulesets",
    "month_days",
    "ruleset_from_document",
]

Anchor = Literal[
    "notification",
    "application",
    "audit-report",
    "audit-recommendations",
    "provisional-fee",
    "thresholds-met",
    "concentration",
    "dma-designation",
    "fixed",
]
ANCHORS: tuple[Anchor, ...] = get_args(Anchor)
#: The short names obligations.md uses for the anchors.
ANCHOR_LETTERS: dict[str, str] = {
    "notification": "N",
    "application": "A",
    "audit-report": "R",
    "audit-recommendations": "Rr",
    "provisional-fee": "P",
    "thresholds-met": "T",
    "concentration": "C",
    "dma-designation": "D",
    "fixed": "",
}
#: The [[anchors]] kind of a case file that gives each per-event anchor.
ANCHOR_KIND: dict[str, str] = {
    "audit-report": "audit-report",
    "audit-recommendations": "audit-recommendations",
    "provisional-fee": "provisional-fee",
    "thresholds-met": "thresholds-met",
    "concentration": "concentration",
}
EveryFrom = Literal["anchor", "previous"]
EVERY_FROM: tuple[EveryFrom, ...] = get_args(EveryFrom)

#: What a rule set id, and the name after its dot in a rule id, may look like; a fixed day
#: (checked in ``dsactl.casefile.rulefile``).
ID = re.compile(r"[a-z0-9][a-z0-9-]*")
RULE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
MONTH_DAY = re.compile(r"(\d\d)-(\d\d)")


class ObligationRule(Struct, frozen=True):
    """One obligation: when it falls due, what is delivered to whom, and under which article."""

    id: str
    title: str
    article: str
    anchor: Anchor
    deliver: str
    to: str
    source: str
    binds: str
    first: Period | None = None
    every: Period | None = None
    every_from: EveryFrom = "anchor"
    #: Fixed yearly dates as (month, day).
    dates: tuple[tuple[int, int], ...] = ()
    #: Ends of fixed reporting periods as (month, day), each due ``after_end`` later.
    period_ends: tuple[tuple[int, int], ...] = ()
    after_end: Period | None = None
    periods_from: date | None = None
    since: date | None = None
    services: str | None = None
    ambiguity: str | None = None

    @property
    def fixed_dates(self) -> bool:
        return bool(self.dates)


class RuleSet(Struct, frozen=True):
    id: str
    name: str
    law: str
    binds: str
    source: str
    rules: tuple[ObligationRule, ...]
    calendar: str = "eu-commission"
    ends_with_designation: bool = False
    path: str | None = None
    #: Where the rule sets are listed: lower first, then those without one, by id.
    order: int | None = None

    def rule(self, rule_id: str) -> ObligationRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def month_days(texts: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """``["12-31", "06-30"]`` -> ((6, 30), (12, 31)): checked MM-DD days, sorted, once each."""
    found = {(int(text[:2]), int(text[3:])) for text in texts}
    return tuple(sorted(found))


def _rule(table: Mapping[str, Any], binds: str) -> ObligationRule:
    def period(key: str) -> Period | None:
        return parse_period(table[key]) if key in table else None

    return ObligationRule(
        id=table["id"],
        title=table["title"],
        article=table["article"],
        anchor=table["anchor"],
        deliver=table["deliver"],
        to=table["to"],
        source=table["source"],
        binds=table.get("binds", binds),
        first=period("first"),
        every=period("every"),
        every_from=table.get("every_from", "anchor"),
        dates=month_days(table.get("dates", ())),
        period_ends=month_days(table.get("period_ends", ())),
        after_end=period("after_end"),
        periods_from=table.get("periods_from"),
        since=table.get("since"),
        services=table.get("services"),
        ambiguity=table.get("ambiguity"),
    )


def ruleset_from_document(document: Mapping[str, Any], path: str) -> RuleSet:
    """The ``RuleSet`` of a rule file's parsed document, which has been checked.

    User files are checked by ``dsactl.casefile.rulefile`` before they come here; the shipped
    files are checked by the tests (``tests/test_lawfiles.py``).
    """
    head = document["ruleset"]
    return RuleSet(
        id=head["id"],
        name=head["name"],
        law=head["law"],
        binds=head["binds"],
        source=head["source"],
        rules=tuple(_rule(table, head["binds"]) for table in document["rules"]),
        calendar=head.get("calendar", "eu-commission"),
        ends_with_designation=head.get("ends_with_designation", False),
        path=path,
        order=head.get("order"),
    )


@cache
def builtin_rulesets() -> dict[str, RuleSet]:
    """The rule sets shipped in ``dsactl/data/obligations``, in their usual order."""
    folder = data_path("obligations")
    found: dict[str, RuleSet] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            document = read_data("obligations", entry.name)
            ruleset = ruleset_from_document(document, f"dsactl:{entry.name}")
            found[ruleset.id] = ruleset
    # Listed by their `order`, then by id; a file without `order` comes after those with one.
    ordered = sorted(found.values(), key=lambda r: (r.order is None, r.order or 0, r.id))
    return {ruleset.id: ruleset for ruleset in ordered}


def all_rulesets(user: Sequence[RuleSet] = ()) -> dict[str, RuleSet]:
    """The built-in rule sets, with the user's added or replacing them by id."""
    found = dict(builtin_rulesets())
    for ruleset in user:
        found[ruleset.id] = ruleset
    return found


def get_ruleset(name: str, user: Sequence[RuleSet] = ()) -> RuleSet:
    found = all_rulesets(user)
    if name not in found:
        raise UsageError(
            f"unknown rule set `{name}`{did_you_mean(name, list(found))}",
            hint="known: " + ", ".join(found),
        )
    return found[name]


def document_kind(document: dict[str, Any]) -> bool:
    """Whether a parsed TOML document is a rule file (a [ruleset] table, no [platform])."""
    return "platform" not in document and isinstance(document.get("ruleset"), dict)
