"""Statutory obligation rules as data: one TOML file per rule set, like the fine regimes.

The built-in rule sets ship in ``dsactl/data/obligations/*.toml``; a user file (a
``[ruleset]`` table) with the same ``id`` replaces a built-in one, a new ``id`` adds one.
The format, every key checked by ``load_ruleset_text``::

    [ruleset]
    id = "dsa-vlop"                    # lower case letters, digits, '-'
    name = "DSA — very large online platforms and search engines"
    law = "Regulation (EU) 2022/2065"
    binds = "Providers of VLOPs and VLOSEs"
    source = "…"
    calendar = "eu-commission"         # optional: the calendar periods are counted in
    ends_with_designation = true       # optional: no occurrence due after Nt + 4 months

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
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Literal, cast

from dsactl.errors import DataError, DsactlError, UsageError
from dsactl.law.calendars import normalise_name
from dsactl.law.periods import Period, parse_period
from dsactl.packaged import data_path, fast_loads

__all__ = [
    "ANCHORS",
    "ANCHOR_LETTERS",
    "ObligationRule",
    "RuleSet",
    "all_rulesets",
    "builtin_rulesets",
    "load_ruleset_text",
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
ANCHORS: tuple[str, ...] = (
    "notification",
    "application",
    "audit-report",
    "audit-recommendations",
    "provisional-fee",
    "thresholds-met",
    "concentration",
    "dma-designation",
    "fixed",
)
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

_BUILTIN_ORDER = ("dsa-vlop", "dsa-platform", "dma-gatekeeper")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_RULE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_MONTH_DAY = re.compile(r"(\d\d)-(\d\d)")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class ObligationRule:
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


@dataclass(frozen=True)
class RuleSet:
    id: str
    name: str
    law: str
    binds: str
    source: str
    rules: tuple[ObligationRule, ...]
    calendar: str = "eu-commission"
    ends_with_designation: bool = False
    path: str | None = None

    def rule(self, rule_id: str) -> ObligationRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def _suggest(word: str, options: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _type_name(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string"}
    names |= {list: "an array", dict: "a table"}
    if isinstance(value, date):
        return "a date"
    return names.get(type(value), type(value).__name__)


class _Reader:
    """One table of a rule file, key by key; a ``DataError`` at the first fault."""

    def __init__(self, path: str, prefix: str, table: Mapping[str, object]) -> None:
        self.path, self.prefix, self.table = path, prefix, table

    def error(self, key: str, message: str, hint: str | None = None) -> DataError:
        return DataError(message, path=self.path, key=f"{self.prefix}.{key}", hint=hint)

    def check_keys(self, required: Sequence[str], optional: Sequence[str]) -> None:
        known = (*required, *optional)
        for key in self.table:
            if key not in known:
                raise self.error(
                    key, f"unknown key{_suggest(key, known)}", "allowed keys: " + ", ".join(known)
                )
        for key in required:
            if key not in self.table:
                raise self.error(key, "missing required key", hint=f"add `{key} = ...`")

    def text(self, key: str, default: str | None = None) -> str:
        if key not in self.table and default is not None:
            return default
        value = self.table[key]
        if not isinstance(value, str):
            raise self.error(key, f"must be a string, not {_type_name(value)}")
        if not value.strip():
            raise self.error(key, "must not be empty")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self.table else None

    def choice(self, key: str, allowed: Sequence[str], default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in allowed:
            raise self.error(
                key, f"`{value}` is not allowed{_suggest(value, allowed)}",
                hint="use one of: " + ", ".join(allowed),
            )  # fmt: skip
        return value

    def period(self, key: str) -> Period | None:
        if key not in self.table:
            return None
        text = self.text(key)
        try:
            return parse_period(text)
        except DsactlError as exc:
            raise self.error(key, exc.message, exc.hint) from None

    def day(self, key: str) -> date | None:
        if key not in self.table:
            return None
        value = self.table[key]
        if not isinstance(value, date) or hasattr(value, "hour"):
            raise self.error(key, f"must be a date, not {_type_name(value)}", "e.g. 2025-01-01")
        return value

    def boolean(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {_type_name(value)}")
        return value

    def month_days(self, key: str) -> tuple[tuple[int, int], ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or (not value and key in self.table):
            raise self.error(key, "must be a non-empty array of MM-DD strings", 'e.g. ["08-31"]')
        found: list[tuple[int, int]] = []
        for item in value:
            match = _MONTH_DAY.fullmatch(item) if isinstance(item, str) else None
            if match is None:
                raise self.error(key, f"{item!r} is not a MM-DD day", 'e.g. "08-31"')
            month, day = int(match[1]), int(match[2])
            try:
                date(2024, month, day)  # 2024: a leap year, so 02-29 is a day
            except ValueError:
                raise self.error(key, f"{item!r} is not a day of the year") from None
            found.append((month, day))
        return tuple(sorted(set(found)))


_RULE_REQUIRED = ("id", "title", "article", "anchor", "deliver", "to", "source")
_RULE_OPTIONAL = (
    "binds",
    "first",
    "every",
    "every_from",
    "dates",
    "period_ends",
    "after_end",
    "periods_from",
    "since",
    "services",
    "ambiguity",
)


def _read_rule(path: str, index: int, table: Mapping[str, object], head: RuleSet) -> ObligationRule:
    r = _Reader(path, f"rules[{index}]", table)
    r.check_keys(_RULE_REQUIRED, _RULE_OPTIONAL)
    rule_id = r.text("id")
    prefix, dot, name = rule_id.partition(".")
    if prefix != head.id or not dot or not _RULE_NAME.fullmatch(name):
        raise r.error(
            "id",
            f"`{rule_id}` is not `{head.id}.NAME`",
            hint=f"a rule id is the rule set id, a dot and a name: `{head.id}.transparency-report`",
        )
    anchor = cast(Anchor, r.choice("anchor", ANCHORS))
    dates = r.month_days("dates")
    period_ends = r.month_days("period_ends")
    after_end = r.period("after_end")
    first = r.period("first")
    every = r.period("every")
    since = r.day("since")
    if dates and period_ends:
        raise r.error("dates", "give `dates` or `period_ends`, not both")
    if period_ends and after_end is None:
        raise r.error("after_end", "missing: reporting periods need the period after their end")
    if after_end is not None and not period_ends:
        raise r.error("after_end", "has no `period_ends` to count from")
    if anchor == "fixed":
        if since is None:
            raise r.error("since", 'missing: anchor "fixed" needs the first day the rule applies')
        if first is not None or every is not None:
            raise r.error("first", 'anchor "fixed" takes `dates` or `period_ends`, no period')
        if not dates and not period_ends:
            raise r.error("dates", 'missing: anchor "fixed" needs `dates` or `period_ends`')
    if dates and (first is not None or every is not None):
        raise r.error("dates", "fixed dates take no `first` or `every` period")
    services = r.optional_text("services")
    if services is not None:
        try:
            re.compile(services)
        except re.error as exc:
            raise r.error("services", f"not a regular expression: {exc}") from None
    return ObligationRule(
        id=rule_id,
        title=r.text("title"),
        article=r.text("article"),
        anchor=anchor,
        deliver=r.text("deliver"),
        to=r.text("to"),
        source=r.text("source"),
        binds=r.text("binds", head.binds),
        first=first,
        every=every,
        every_from=cast(EveryFrom, r.choice("every_from", ("anchor", "previous"), "anchor")),
        dates=dates,
        period_ends=period_ends,
        after_end=after_end,
        periods_from=r.day("periods_from"),
        since=since,
        services=services,
        ambiguity=r.optional_text("ambiguity"),
    )


def _read_ruleset(path: str, document: Mapping[str, object]) -> RuleSet:
    for key in document:
        if key not in ("ruleset", "rules"):
            raise DataError(
                f"unknown top-level key{_suggest(key, ('ruleset', 'rules'))}",
                path=path,
                key=key,
                hint="a rule file has a [ruleset] table and [[rules]] tables",
            )
    table = document.get("ruleset")
    if not isinstance(table, dict):
        raise DataError("missing [ruleset] table", path=path, key="ruleset")
    head = _Reader(path, "ruleset", table)
    head.check_keys(("id", "name", "law", "binds", "source"), ("calendar", "ends_with_designation"))
    ruleset_id = head.text("id")
    if not _ID.fullmatch(ruleset_id):
        raise head.error(
            "id", f"`{ruleset_id}` is not a usable id", hint="lower case letters, digits and '-'"
        )
    calendar = head.text("calendar", "eu-commission")
    if normalise_name(calendar) is None:
        raise head.error("calendar", f"unknown calendar {calendar!r}")
    base = RuleSet(
        id=ruleset_id,
        name=head.text("name"),
        law=head.text("law"),
        binds=head.text("binds"),
        source=head.text("source"),
        rules=(),
        calendar=calendar,
        ends_with_designation=head.boolean("ends_with_designation"),
        path=path,
    )
    rules = document.get("rules")
    if not isinstance(rules, list) or not rules:
        raise DataError("missing [[rules]] tables", path=path, key="rules", hint="add at least one")
    read: list[ObligationRule] = []
    for index, item in enumerate(rules):
        if not isinstance(item, dict):
            raise DataError("must be a table", path=path, key=f"rules[{index}]")
        rule = _read_rule(path, index, item, base)
        if any(other.id == rule.id for other in read):
            raise DataError(
                f"rule id `{rule.id}` is used twice", path=path, key=f"rules[{index}].id"
            )
        read.append(rule)
    return RuleSet(**{**base.__dict__, "rules": tuple(read)})


def load_ruleset_text(text: str, path: str) -> RuleSet:
    """Read and check one rule file's text; a ``DataError`` names the file and key."""
    loads, decode_error = fast_loads()
    try:
        document = loads(text)
    except decode_error as exc:
        message = str(exc)
        at = _TOML_POSITION.search(message)
        line, column = (int(at[1]), int(at[2])) if at else (None, None)
        message = _TOML_POSITION.sub("", message).strip()
        raise DataError(f"not valid TOML: {message}", path=path, line=line, column=column) from None
    return _read_ruleset(path, document)


@cache
def builtin_rulesets() -> dict[str, RuleSet]:
    """The rule sets shipped in ``dsactl/data/obligations``, in their usual order."""
    folder = data_path("obligations")
    found: dict[str, RuleSet] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            ruleset = load_ruleset_text(entry.read_text(encoding="utf-8"), f"dsactl:{entry.name}")
            found[ruleset.id] = ruleset
    order = {name: i for i, name in enumerate(_BUILTIN_ORDER)}
    return dict(sorted(found.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


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
            f"unknown rule set `{name}`{_suggest(name, list(found))}",
            hint="known: " + ", ".join(found),
        )
    return found[name]


def document_kind(document: dict[str, Any]) -> bool:
    """Whether a parsed TOML document is a rule file (a [ruleset] table, no [platform])."""
    return "platform" not in document and isinstance(document.get("ruleset"), dict)
