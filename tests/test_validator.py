"""The one validator on a small declared format: every constraint a declaration can state.

A new section of the case file (or of any declared file) is one ``Section``; these tests show
what each part of a declaration checks, and that every problem is reported, not the first.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dsactl.casefile.declare import Field, FileFormat, OneOf, Section
from dsactl.casefile.positions import KeyPath, format_key
from dsactl.casefile.validator import Validator, check_document


def _odd_count(v: Validator, key: KeyPath, values: dict[str, Any], table: Any) -> None:
    if values.get("count", 1) % 2 == 0:
        v.report((*key, "count"), "E204", "must be odd")


EVENTS = Section(
    "events",
    "Things that happened.",
    (
        Field("id", "string", "Unique.", required=True),
        Field("date", "date", "When.", required=True),
        Field("kind", "enum", "What.", enum=("opened", "closed")),
        Field("until", "date", "End.", after="date"),
        Field("due", "date", "Due."),
        Field("period", "string", "Or a period."),
        Field("count", "int", "How many.", minimum=1, maximum=9),
        Field("alternatives", "dates", "Other dates sources give."),
        Field("source", "text", "Where from.", recommended=True),
    ),
    many=True,
    unique="id",
    one_of=(OneOf(("due", "period"), "give one"),),
    rules=(_odd_count,),
)
FORMAT = FileFormat("test file", (Field("version", "int", "Version.", required=True),), (EVENTS,))


def _problems(doc: dict[str, Any]) -> list[tuple[str, str]]:
    checked = check_document(doc, FORMAT)
    return [(p.code, format_key(p.key)) for p in checked.validator.problems]


def test_a_clean_document_converts_its_values() -> None:
    doc = {
        "version": 1,
        "events": [
            {
                "id": "a",
                "date": date(2026, 1, 5),
                "due": date(2026, 2, 1),
                "count": 3,
                "alternatives": [date(2026, 1, 6)],
                "source": "s",
            }
        ],
    }
    checked = check_document(doc, FORMAT)
    assert checked.validator.problems == []
    ((key, values),) = checked.rows["events"]
    assert key == ("events", 0)
    assert values["alternatives"] == (date(2026, 1, 6),)


def test_every_problem_of_every_table_is_reported() -> None:
    doc = {
        "extra": True,
        "events": [
            {
                "id": "a",
                "date": date(2026, 1, 5),
                "until": date(2026, 1, 1),
                "kind": "opend",
                "due": date(2026, 2, 1),
                "period": "1w",
                "count": 2,
                "alternatives": ["2026-01-06", date(2026, 1, 7)],
                "source": "s",
            },
            {"id": "a", "date": "2026-01-05", "count": 10},
        ],
    }
    assert sorted(_problems(doc)) == sorted(
        [
            ("E202", "extra"),  # unknown top-level key
            ("E201", "version"),  # missing required top-level key
            ("E204", "events[0].kind"),  # not in the enum (did you mean `opened`?)
            ("E203", "events[0].alternatives[0]"),  # a quoted date in a list of dates
            ("E305", "events[0].period"),  # both of a one_of
            ("E301", "events[0].until"),  # before `date`
            ("E204", "events[0].count"),  # the section's own rule: must be odd
            ("E203", "events[1].date"),  # a quoted date
            ("E204", "events[1].count"),  # out of range 1-9
            ("W102", "events[1]"),  # no `source`
            ("E201", "events[1].due"),  # neither of a one_of
            ("E302", "events[1].id"),  # `a` again
        ]
    )
