"""How a TOML file format is declared as data: its keys, tables and arrays of tables.

A format (``FileFormat``) is a tuple of top-level keys (``Field``) and tables (``Section``).
The case file (``spec.CASE_FILE``), the regime file and the calendar file
(``lawfiles.REGIME_FILE``, ``lawfiles.CALENDAR_FILE``) are each one declaration, checked by
the one validator (``validator.check_document``). The case file's declaration also generates
its JSON Schema (``schema.py``) and the key table of ``docs/case-files.md`` (``reference.py``),
and the model's dataclasses are checked against it (``tests/test_spec_drift.py``).

A new key is one ``Field``; a new table is one ``Section``; a rule between the keys of one
table that the types cannot say is a function in the section's ``rules``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from msgspec import Struct

if TYPE_CHECKING:
    from dsactl.casefile.positions import KeyPath
    from dsactl.casefile.validator import Validator

#: The value types a key may have; ``validator.TYPE_CHECKS`` checks each, ``schema.py`` and
#: ``reference.py`` describe each.
FieldType = Literal[
    "string",  # text; when required, not blank (E205)
    "text",  # any text
    "date",  # a TOML local date
    "amount",  # a positive amount: integer, float or plain decimal string
    "decimal",  # an amount whose decimal string is kept as written ("0.10" stays "0.10")
    "rate",  # a positive exchange rate
    "bool",
    "int",  # a whole number, within ``minimum`` and ``maximum`` when given
    "currency",  # an ISO 4217 code
    "enum",  # one of ``enum``
    "list",  # an array of strings
    "dates",  # an array of TOML local dates
]

#: A rule of one table: (validator, key path of the table, its converted values, the table as
#: written). Converted values hold only the keys that passed their type check.
TableRule = Callable[["Validator", "KeyPath", dict[str, Any], Mapping[str, Any]], None]


class Field(Struct, frozen=True):
    """One key: its name, value type, one-line description, and constraints."""

    name: str
    type: FieldType
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    default: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    # A date key that may not come before the date of this other key of the table (E301).
    after: str | None = None
    # A key whose absence is a warning (W102 for `source`).
    recommended: bool = False


class OneOf(Struct, frozen=True):
    """One of two keys: both is E305; neither is a missing key (E201, with ``hint``) unless
    ``required`` is False (then it is for the file's own rules to say)."""

    keys: tuple[str, str]
    hint: str
    required: bool = True


class Section(Struct, frozen=True, dict=True):  # dict: room for its cached properties
    """A top-level table (``many=False``) or array of tables (``many=True``)."""

    name: str
    description: str
    fields: tuple[Field, ...]
    many: bool
    required: bool = False
    # A section that may be written either as one table or as an array of tables.
    table_or_array: bool = False
    # At least this many tables when the section is written (an array of tables).
    min_items: int = 0
    # A key whose value no two tables of the section may share (E302), e.g. "id".
    unique: str | None = None
    one_of: tuple[OneOf, ...] = ()
    rules: tuple[TableRule, ...] = ()
    # How findings name one table of the section (default: its key path, `requests[2]`).
    label: str | None = None
    # The dataclass one table becomes (``model.py``); tests/test_spec_drift.py checks that its
    # fields are the section's keys, with the same types, enums and defaults.
    model: type | None = None

    def field(self, name: str) -> Field | None:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        return None

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @cached_property
    def known_names(self) -> frozenset[str]:
        """``field_names`` as a set, for checking the keys of a table in one step."""
        return frozenset(self.field_names)

    @cached_property
    def recommended(self) -> tuple[str, ...]:
        """The keys whose absence is a warning (W102)."""
        return tuple(f.name for f in self.fields if f.recommended)

    @cached_property
    def date_order(self) -> tuple[tuple[str, str], ...]:
        """(later, earlier) for each key that may not come before another (E301)."""
        return tuple((f.name, f.after) for f in self.fields if f.after is not None)


class FileFormat(Struct, frozen=True, dict=True):  # dict: room for its cached properties
    """A whole file: its top-level keys and its sections.

    ``code``: when set, every problem in such a file is reported under this one code (E501 for
    a regime file, E502 for a calendar file), its message saying which rule it broke.
    """

    name: str
    fields: tuple[Field, ...]
    sections: tuple[Section, ...]
    code: str | None = None

    @cached_property
    def top_level_keys(self) -> tuple[str, ...]:
        """The keys a file may have at the top: its sections, then its plain keys."""
        return (*(s.name for s in self.sections), *(f.name for f in self.fields))

    @cached_property
    def sections_by_name(self) -> dict[str, Section]:
        return {s.name: s for s in self.sections}
