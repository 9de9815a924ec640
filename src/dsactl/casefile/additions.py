"""Checks of the keys for obligations, decisions, events and confidence (issue 11).

Called once by ``checks.validate_case`` with the converted rows of every section; each check
reports through the same ``Validator``. Kept apart so that the rules about statutory
anchors read together: rule sets and filings must name known rules, events follow their
proceeding's opening, a reply period to preliminary findings is at least 14 days, and a
"conflict" names the other dates.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from dsactl.casefile.positions import KeyPath
from dsactl.casefile.validator import suggest
from dsactl.errors import DsactlError
from dsactl.law.dates import add_months
from dsactl.law.periods import parse_period

if TYPE_CHECKING:
    from dsactl.casefile.resolve import Resolver
    from dsactl.casefile.validator import Validator

Rows = dict[str, list[tuple[KeyPath, dict[str, Any]]]]

#: DSA Art. 79(2), Impl. Reg. 2023/1201 Art. 4(1): a reply period to preliminary findings is
#: set by the Commission and may not be shorter than 14 days.
MIN_PRELIMINARY_DAYS = 14
_CONFIDENT: tuple[str, ...] = ("platform", "turnover", "proceedings", "requests", "fines")
_CONFIDENT += ("dma", "anchors", "events")


def check_additions(v: Validator, top: dict[str, Any], rows: Rows, resolver: Resolver) -> None:
    _check_rule_sets(v, top, rows, resolver)
    _check_filings(v, rows, resolver)
    _check_events(v, rows)
    for key, values in rows["requests"]:
        _check_preliminary(v, key, values)
    for section in _CONFIDENT:
        for key, values in rows[section]:
            if values.get("confidence") == "conflict" and not values.get("alternatives"):
                v.report(
                    (*key, "confidence"),
                    "W108",
                    'confidence = "conflict" but no `alternatives`: list the other dates the '
                    "sources give, e.g. alternatives = [2026-02-17]",
                )


def _check_rule_sets(v: Validator, top: dict[str, Any], rows: Rows, resolver: Resolver) -> None:
    names = top.get("rules")
    if not isinstance(names, list):
        return
    try:
        known = list(resolver.rulesets_by_id())
    except DsactlError:  # pragma: no cover - the shipped rule files are tested
        return
    for index, name in enumerate(names):
        if name not in known:
            v.report(
                ("rules", index),
                "E311",
                f"unknown rule set `{name}`{suggest(name, known)}; known: {', '.join(known)}",
            )


def _check_filings(v: Validator, rows: Rows, resolver: Resolver) -> None:
    filings = rows["filings"]
    if not filings:
        return
    rule_ids = [r.id for rs in resolver.rulesets_by_id().values() for r in rs.rules]
    for key, values in filings:
        rule = values.get("rule")
        if isinstance(rule, str) and rule not in rule_ids:
            v.report(
                (*key, "rule"),
                "E312",
                f"no obligation rule `{rule}`{suggest(rule, rule_ids)}: `dsactl obligations` "
                "lists the rule ids",
            )


def _check_events(v: Validator, rows: Rows) -> None:
    opened = {
        values["id"]: values["opened"]
        for _, values in rows["proceedings"]
        if "id" in values and "opened" in values
    }
    for key, values in rows["events"]:
        ref, day = values.get("proceeding"), values.get("date")
        if isinstance(ref, str) and ref in opened and isinstance(day, date) and day < opened[ref]:
            v.report(
                (*key, "date"),
                "E310",
                f"event dated {day} is before proceeding `{ref}` was opened ({opened[ref]}): "
                "correct the date or the proceeding",
            )


def _nominal_end(start: date, text: str) -> date | None:
    """The end of ``text`` counted from ``start`` before any move to a working day."""
    try:
        period = parse_period(text)
    except DsactlError:
        return None
    if period.unit == "days":
        return start + timedelta(days=period.count)
    if period.unit == "weeks":
        return start + timedelta(weeks=period.count)
    if period.unit == "months":
        return add_months(start, period.count)
    if period.unit == "years":
        return add_months(start, 12 * period.count)
    return None  # working days: the computed end is not moved, use it


def _check_preliminary(v: Validator, key: KeyPath, values: dict[str, Any]) -> None:
    """W107: a reply period to preliminary findings shorter than 14 days (Art. 79(2) DSA)."""
    if values.get("kind") != "preliminary-findings":
        return
    start = values.get("notified", values.get("sent"))
    if not isinstance(start, date):
        return
    end = None
    if isinstance(values.get("period"), str):
        end = _nominal_end(start, values["period"])
    if end is None and isinstance(values.get("due"), date):
        end = values["due"]
    if end is None:
        return
    days = (end - start).days
    if days < MIN_PRELIMINARY_DAYS:
        where = "period" if "period" in values else "due"
        v.report(
            (*key, where),
            "W107",
            f"the reply period to preliminary findings is {days} days from {start}: the DSA "
            f"guarantees at least {MIN_PRELIMINARY_DAYS} (Art. 79(2); Impl. Reg. 2023/1201 "
            "Art. 4(1)); check the date",
        )
