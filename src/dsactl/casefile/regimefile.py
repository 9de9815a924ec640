"""Regime files: their format as data, their rules, and reading one.

A regime file (a ``[regime]`` table and ``[[tiers]]``) adds or replaces a fine regime
(``dsactl.law.regimes``). It is declared like the case file (``spec``) and checked by the same
validator, so a broken one reports every problem with its line, column and key, under the
code E501.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dsactl.casefile.declare import Field, FileFormat, Section
from dsactl.casefile.lawfiles import check_file, load_file
from dsactl.casefile.positions import KeyPath
from dsactl.casefile.reader import LoadedFile
from dsactl.casefile.validator import Checked, Validator
from dsactl.law.regimes import (
    APPLIES_TO,
    ID,
    KINDS,
    RULES,
    TIER_ID,
    Regime,
    regime_from_document,
)

__all__ = ["REGIME_FILE", "check_regime_file", "load_regime_file"]


def _regime_rules(v: Validator, key: KeyPath, values: dict[str, Any], table: Any) -> None:
    regime_id = values.get("id")
    if regime_id is not None and not ID.fullmatch(regime_id):
        v.report((*key, "id"), "E501", f"`{regime_id}` is not a usable id (use a-z, 0-9 and '-')")
    for index, note in enumerate(values.get("notes", ())):
        if not note.strip():
            v.report((*key, "notes", index), "E501", "a note is empty: write it or remove it")


def _tier_rules(v: Validator, key: KeyPath, values: dict[str, Any], table: Any) -> None:
    tier_id, rate = values.get("id"), values.get("rate")
    if tier_id is not None and not TIER_ID.fullmatch(tier_id):
        v.report(
            (*key, "id"), "E501", f"`{tier_id}` is not a usable id (use letters, digits, '.-_')"
        )
    if rate is not None and rate > 1:
        v.report((*key, "rate"), "E501", f'{rate} is more than 100 % (a share: 6 % is "0.06")')
    _per_day_rules(v, key, values)
    _fixed_rules(v, key, values, table)


def _per_day_rules(v: Validator, key: KeyPath, values: dict[str, Any]) -> None:
    """A per-day cap has kind "periodic", per_day = true and an average-daily-* base."""
    per_day = values.get("per_day", False)
    shown = str(per_day).lower()
    kind, applies_to = values.get("kind"), values.get("applies_to")
    if kind is not None and per_day != (kind == "periodic"):
        v.report(
            (*key, "per_day"),
            "E501",
            f'is {shown} but kind is `{kind}` (a per-day cap has kind = "periodic" and '
            "per_day = true; no other has)",
        )
    if applies_to is not None and per_day != applies_to.startswith("average-daily-"):
        v.report(
            (*key, "applies_to"),
            "E501",
            f"`{applies_to}` does not fit per_day = {shown} (per-day caps use an "
            "average-daily-* base; other caps do not)",
        )


def _fixed_rules(
    v: Validator, key: KeyPath, values: dict[str, Any], table: Mapping[str, Any]
) -> None:
    """A fixed amount needs a rule (higher or lower of the two); a rule needs a fixed amount."""
    if "fixed" in table:
        if "rule" not in table:
            v.report(
                (*key, "rule"),
                "E501",
                'missing: a fixed amount needs a rule (add rule = "higher" or "lower")',
            )
        if values.get("per_day"):
            v.report((*key, "fixed"), "E501", "a per-day cap with a fixed amount is not supported")
        return
    for name in ("rule", "sme_rule", "undertaking_only"):
        if name in table:
            v.report(
                (*key, name),
                "E501",
                "has no fixed amount to compare with (add `fixed` or remove it)",
            )
            return


REGIME_FILE = FileFormat(
    "regime file",
    (),
    (
        Section(
            "regime",
            "The regime: its id, name, law and the currency of its fixed amounts.",
            (
                Field("id", "string", "Lower case letters, digits and '-'.", required=True),
                Field("name", "string", "The regime's name.", required=True),
                Field("law", "string", "The law, e.g. `Regulation (EU) 2022/2065`.", required=True),
                Field(
                    "currency", "currency", "ISO 4217 currency of the fixed amounts.", required=True
                ),
                Field("source", "string", "Where the caps come from.", required=True),
                Field("notes", "list", "Caveats shown under the table."),
                Field(
                    "order",
                    "int",
                    "Where `dsactl regimes` lists it: lower first; regimes without one come "
                    "after, by id.",
                    minimum=0,
                ),
            ),
            many=False,
            required=True,
            rules=(_regime_rules,),
        ),
        Section(
            "tiers",
            "One cap each: a share of a base, maybe weighed against a fixed amount.",
            (
                Field(
                    "id",
                    "string",
                    "Unique in the file: letters, digits, '.', '-', '_'.",
                    required=True,
                ),
                Field("kind", "enum", "The kind of infringement.", required=True, enum=KINDS),
                Field("article", "string", "The article, e.g. `Art. 74(1)`.", required=True),
                Field("basis", "string", "The citation shown in output.", required=True),
                Field(
                    "rate", "decimal", 'Share of the base, in (0, 1], e.g. "0.06".', required=True
                ),
                Field(
                    "applies_to", "enum", "The base of the share.", required=True, enum=APPLIES_TO
                ),
                Field("description", "string", "One line.", required=True),
                Field("source", "string", "Where the cap comes from.", required=True),
                Field("fixed", "decimal", "A fixed amount in the regime currency."),
                Field("rule", "enum", "With `fixed`: which of the two is the cap.", enum=RULES),
                Field("sme_rule", "enum", "With `fixed`: the rule for SMEs.", enum=RULES),
                Field("per_day", "bool", "A per-day (periodic) cap."),
                Field(
                    "undertaking_only",
                    "bool",
                    "With `fixed`: the percentage applies only to an undertaking; for an "
                    "offender that is not one, the fixed amount alone is the cap.",
                ),
            ),
            many=True,
            required=True,
            min_items=1,
            unique="id",
            rules=(_tier_rules,),
        ),
    ),
    code="E501",
)


def _regime(loaded: LoadedFile, checked: Checked) -> Regime:
    assert loaded.document is not None
    return regime_from_document(loaded.document, loaded.display)


def _no_file_rules(checked: Checked) -> None:
    """A regime file's rules are all within one table (the sections' ``rules``)."""


def check_regime_file(loaded: LoadedFile) -> Regime | None:
    """Check a parsed regime file, adding every problem to its findings; its ``Regime`` when
    there is no error."""
    return check_file(loaded, REGIME_FILE, _no_file_rules, _regime)


def load_regime_file(path: str | Path) -> Regime:
    """Load one regime file, raising ``DataError`` (file, line, key, how to fix) on any fault."""
    return load_file(Path(path), REGIME_FILE, _no_file_rules, _regime)
