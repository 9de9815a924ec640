"""Obligation rule files: their format as data, their rules, and reading one.

A rule file (a ``[ruleset]`` table and ``[[rules]]``) adds or replaces a rule set of statutory
obligations (``dsactl.law.rulesets``), found beside the case files or given with
``--rules-file``. It is declared like the case file (``spec``) and checked by the same
validator, so a broken one reports every problem with its line, column and key, under the
code E503.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from dsactl.casefile.declare import Field, FileFormat, Section
from dsactl.casefile.lawfiles import check_file
from dsactl.casefile.positions import KeyPath
from dsactl.casefile.reader import LoadedFile
from dsactl.casefile.validator import Checked, Validator
from dsactl.errors import DsactlError
from dsactl.law.calendars import CALENDAR_EXAMPLES, normalise_name
from dsactl.law.periods import parse_period
from dsactl.law.rulesets import (
    ANCHORS,
    EVERY_FROM,
    ID,
    MONTH_DAY,
    RULE_NAME,
    RuleSet,
    ruleset_from_document,
)

__all__ = ["RULE_FILE", "check_rule_file"]

_PERIODS = ("first", "every", "after_end")
_DAY_LISTS = ("dates", "period_ends")


def _ruleset_rules(v: Validator, key: KeyPath, values: dict[str, Any], table: Any) -> None:
    ruleset_id, calendar = values.get("id"), values.get("calendar")
    if ruleset_id is not None and not ID.fullmatch(ruleset_id):
        v.report((*key, "id"), "E503", f"`{ruleset_id}` is not a usable id (use a-z, 0-9 and '-')")
    if calendar is not None and normalise_name(calendar) is None:
        v.report(
            (*key, "calendar"), "E503", f"unknown calendar `{calendar}`: use {CALENDAR_EXAMPLES}"
        )


def _value_rules(v: Validator, key: KeyPath, values: dict[str, Any]) -> None:
    """Each period can be read, each fixed day is a MM-DD day, `services` is a pattern."""
    for name in _PERIODS:
        if name in values:
            _period_rule(v, (*key, name), values[name])
    for name in _DAY_LISTS:
        if name in values:
            _days_rule(v, (*key, name), values[name])
    if "services" in values:
        try:
            re.compile(values["services"])
        except re.error as exc:
            v.report((*key, "services"), "E503", f"not a regular expression: {exc}")


def _period_rule(v: Validator, key: KeyPath, text: str) -> None:
    try:
        parse_period(text)
    except DsactlError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        v.report(key, "E503", f"{exc.message}{hint}")


def _days_rule(v: Validator, key: KeyPath, days: list[str]) -> None:
    if not days:
        v.report(key, "E503", 'must be a non-empty array of MM-DD strings, e.g. ["08-31"]')
    for index, item in enumerate(days):
        if not _is_month_day(item):
            v.report(
                (*key, index), "E503", f'`{item}` is not a MM-DD day of the year, e.g. "08-31"'
            )


def _is_month_day(text: str) -> bool:
    match = MONTH_DAY.fullmatch(text)
    if match is None:
        return False
    try:
        date(2024, int(match[1]), int(match[2]))  # 2024: a leap year, so 02-29 is a day
    except ValueError:
        return False
    return True


def _rule_rules(
    v: Validator, key: KeyPath, values: dict[str, Any], table: Mapping[str, Any]
) -> None:
    """How a rule's due dates are given: periods from its anchor, fixed yearly dates, or
    reporting periods each due a period after its end; never two of these at once."""
    _value_rules(v, key, values)
    given = set(table)
    if "dates" in given and "period_ends" in given:
        v.report((*key, "dates"), "E503", "give `dates` or `period_ends`, not both")
    if "period_ends" in given and "after_end" not in given:
        v.report(
            (*key, "after_end"),
            "E503",
            "missing: reporting periods need the period after their end",
        )
    if "after_end" in given and "period_ends" not in given:
        v.report((*key, "after_end"), "E503", "has no `period_ends` to count from")
    if values.get("anchor") == "fixed":
        _fixed_anchor_rules(v, key, given)
    elif "dates" in given and given & {"first", "every"}:
        v.report((*key, "dates"), "E503", "fixed dates take no `first` or `every` period")


def _fixed_anchor_rules(v: Validator, key: KeyPath, given: set[str]) -> None:
    """Anchor "fixed": a first day, and fixed dates or reporting periods, never a period."""
    if "since" not in given:
        v.report(
            (*key, "since"), "E503", 'missing: anchor "fixed" needs the first day the rule applies'
        )
    if given & {"first", "every"}:
        v.report(
            (*key, "first"), "E503", 'anchor "fixed" takes `dates` or `period_ends`, no period'
        )
    if not given & set(_DAY_LISTS):
        v.report((*key, "dates"), "E503", 'missing: anchor "fixed" needs `dates` or `period_ends`')


RULE_FILE = FileFormat(
    "rule file",
    (),
    (
        Section(
            "ruleset",
            "The rule set: its id, the law, whom it binds.",
            (
                Field("id", "string", "Lower case letters, digits and '-'.", required=True),
                Field("name", "string", "The rule set's name.", required=True),
                Field("law", "string", "The law, e.g. `Regulation (EU) 2022/2065`.", required=True),
                Field(
                    "binds",
                    "string",
                    "Whom its rules bind (each rule may say otherwise).",
                    required=True,
                ),
                Field("source", "string", "Where the rules come from.", required=True),
                Field(
                    "calendar",
                    "string",
                    "The holiday calendar periods are counted in.",
                    default="eu-commission",
                ),
                Field(
                    "ends_with_designation",
                    "bool",
                    "No occurrence due after the designation ended + 4 months.",
                ),
                Field(
                    "order",
                    "int",
                    "Where it is listed: lower first, then those without one.",
                    minimum=0,
                ),
            ),
            many=False,
            required=True,
            rules=(_ruleset_rules,),
        ),
        Section(
            "rules",
            "One obligation each: when it falls due, what is delivered to whom.",
            (
                Field("id", "string", "The rule set id, a dot and a name; stable.", required=True),
                Field("title", "string", "A short title.", required=True),
                Field("article", "string", "The article, e.g. `DSA Art. 42(1)`.", required=True),
                Field(
                    "anchor",
                    "enum",
                    "The event its periods are counted from.",
                    required=True,
                    enum=ANCHORS,
                ),
                Field("deliver", "string", "What is delivered.", required=True),
                Field("to", "string", "To whom.", required=True),
                Field("source", "string", "Where the rule comes from.", required=True),
                Field("binds", "string", "Whom it binds (default: the rule set's `binds`)."),
                Field(
                    "first", "string", "A period from the anchor (absent: on it), e.g. `2 months`."
                ),
                Field("every", "string", "Repeated at this period."),
                Field(
                    "every_from",
                    "enum",
                    "Repeats count from the anchor or the previous filing.",
                    enum=EVERY_FROM,
                    default="anchor",
                ),
                Field("dates", "list", 'Or: fixed yearly dates, MM-DD (["08-31"]).'),
                Field("period_ends", "list", "Or: reporting periods ending on these MM-DD days …"),
                Field("after_end", "string", "… each due this period after its end."),
                Field("periods_from", "date", "… the first one starting on or after this day."),
                Field("since", "date", 'Anchor "fixed": the first day the rule applies.'),
                Field("services", "string", "DMA: only services whose name matches this pattern."),
                Field("ambiguity", "string", "Printed beside every date it affects."),
            ),
            many=True,
            required=True,
            min_items=1,
            unique="id",
            rules=(_rule_rules,),
        ),
    ),
    code="E503",
)


def _file_rules(checked: Checked) -> None:
    """Every rule id is the rule set's id, a dot and a name."""
    heads = checked.rows["ruleset"]
    ruleset_id = heads[0][1].get("id") if heads else None
    if ruleset_id is None:
        return
    for key, values in checked.rows["rules"]:
        rule_id = values.get("id")
        prefix, dot, name = (rule_id or "").partition(".")
        if rule_id is not None and (
            prefix != ruleset_id or not dot or not RULE_NAME.fullmatch(name)
        ):
            checked.validator.report(
                (*key, "id"),
                "E503",
                f"`{rule_id}` is not `{ruleset_id}.NAME`: a rule id is the rule set id, a dot and "
                f"a name, e.g. `{ruleset_id}.transparency-report`",
            )


def _ruleset(loaded: LoadedFile, checked: Checked) -> RuleSet:
    assert loaded.document is not None
    return ruleset_from_document(loaded.document, loaded.display)


def check_rule_file(loaded: LoadedFile) -> RuleSet | None:
    """Check a parsed rule file, adding every problem to its findings (E503); its rule set
    when there is no error."""
    return check_file(loaded, RULE_FILE, _file_rules, _ruleset)
