"""The one validator: checks a parsed TOML document against its declared format.

``check_document`` walks the whole document and never stops at the first problem: every
unknown key, missing key, wrong type or value, and every broken constraint of the declaration
(``declare.py``) becomes a ``Problem`` (key path, code, message). Positions are added later,
by ``reader.LoadedFile``, and only for files that have problems.

The same walk checks case files (``spec.CASE_FILE``), regime files and calendar files
(``lawfiles``); what a file's format cannot declare (a reference to a calendar, a rule
between two tables) is checked by the file's own rules on the converted values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from msgspec import Struct

from dsactl.casefile.declare import Field, FileFormat, Section
from dsactl.casefile.positions import KeyPath, format_key
from dsactl.casefile.valuetypes import INVALID, TYPE_CHECKS, plan, toml_type, wrong_shape
from dsactl.errors import did_you_mean


class Problem(Struct, frozen=True):
    key: KeyPath
    code: str
    message: str


# One table of a section: its key path and its converted values.
Row = tuple[KeyPath, dict[str, Any]]


def suggest(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean `x`?)`` or ``""`` (``errors.did_you_mean``)."""
    return did_you_mean(word, choices)


class Validator:
    """Collects problems while converting TOML values into typed values."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def report(self, key: KeyPath, code: str, message: str) -> None:
        self.problems.append(Problem(key, code, message))

    @property
    def has_errors(self) -> bool:
        return any(p.code.startswith("E") for p in self.problems)

    # -- tables --------------------------------------------------------------------------

    def unknown_keys(self, key: KeyPath, table: Mapping[str, Any], known: Sequence[str]) -> None:
        for name in table:
            if name not in known:
                allowed = ", ".join(known)
                self.report(
                    (*key, name),
                    "E202",
                    f"unknown key `{name}`{suggest(name, known)}; allowed here: {allowed}",
                )

    def entries(self, doc: Mapping[str, Any], section: Section) -> list[tuple[KeyPath, Any]]:
        """The tables of a section, each with its key path; problems for wrong shapes."""
        value = doc.get(section.name)
        name = section.name
        if value is None:
            if section.required:
                shape = f"[[{name}]] tables" if section.many else f"table [{name}]"
                self.report((name,), "E201", f"missing {shape}: add it ({section.description})")
            return []
        if isinstance(value, dict):
            if section.many and not section.table_or_array:
                wrong_shape(
                    self.report, (name,), f"`{name}` must be an array of tables: write [[{name}]]"
                )
                return []
            return [((name,), value)]
        if isinstance(value, list) and section.many:
            if len(value) < section.min_items:
                self.report(
                    (name,), "E201", f"`{name}` needs at least {section.min_items} [[{name}]] table"
                )
            return [((name, index), item) for index, item in enumerate(value)]
        shape = f"[[{name}]] tables" if section.many else f"a [{name}] table"
        wrong_shape(self.report, (name,), f"`{name}` must be {shape}, not {toml_type(value)}")
        return []

    def rows(self, doc: Mapping[str, Any], section: Section) -> list[Row]:
        """Every table of ``section`` checked: its key path and converted values."""
        rows: list[Row] = []
        for key, table in self.entries(doc, section):
            if isinstance(table, dict):
                rows.append((key, self.table(key, table, section)))
            else:
                wrong_shape(self.report, key, f"must be a table, not {toml_type(table)}")
        if section.unique is not None:
            self._unique(section.unique, rows)
        return rows

    def table(self, key: KeyPath, table: Mapping[str, Any], section: Section) -> dict[str, Any]:
        """One table checked: its keys, values, and the constraints of the declaration."""
        values = self.fields(key, table, section)
        for name in section.recommended:
            value = values.get(name)
            if type(value) is not str or not value.strip():
                # The finding shows the key path already: name the entry by its id instead.
                ident = values.get("id")
                what = section.label or (f"`{ident}`" if isinstance(ident, str) else "this entry")
                self.report(key, "W102", f"{what} has no `{name}`: say where it comes from")
        if section.one_of:
            self._one_of(key, values, table, section)
        for later, earlier in section.date_order:
            if later in values and earlier in values and values[later] < values[earlier]:
                self.report(
                    (*key, later),
                    "E301",
                    f"`{later}` ({values[later]}) is before `{earlier}` ({values[earlier]})",
                )
        for rule in section.rules:
            rule(self, key, values, table)
        return values

    def fields(self, key: KeyPath, table: Mapping[str, Any], section: Section) -> dict[str, Any]:
        """Convert each field of ``table``; a failed field is left out of the result.

        Walks the keys written (a table has far fewer than its section declares), then
        looks for the required ones missing.
        """
        steps, required = plan(section)
        if not section.known_names.issuperset(table):
            self.unknown_keys(key, table, section.field_names)
        values: dict[str, Any] = {}
        for name, value in table.items():
            step = steps.get(name)
            if step is None:
                continue  # an unknown key: reported above
            field, check, plain, allowed, nonblank = step
            if (
                type(value) is plain
                and (allowed is None or value in allowed)
                and (not nonblank or cast(str, value).strip())
            ):
                values[name] = value  # what its check would accept as it is
                continue
            converted = check(self.report, (*key, name), value, field)
            if converted is not INVALID:
                values[name] = converted
        for name, description in required:
            if name not in table:
                self.report((*key, name), "E201", f"missing required key `{name}`: {description}")
        return values

    def _one_of(
        self, key: KeyPath, values: dict[str, Any], table: Mapping[str, Any], section: Section
    ) -> None:
        for choice in section.one_of:
            first, second = choice.keys
            if first in values and second in values:
                self.report(
                    (*key, second),
                    "E305",
                    f"give either `{first}` or `{second}`, not both: remove one",
                )
            elif choice.required and first not in table and second not in table:
                # (written but invalid: reported)
                self.report((*key, first), "E201", f"missing `{first}`: {choice.hint}")

    def _unique(self, name: str, rows: list[Row]) -> None:
        seen: dict[object, KeyPath] = {}
        for key, values in rows:
            value = values.get(name)
            if value is None:
                continue
            if value in seen:
                self.report(
                    (*key, name),
                    "E302",
                    f"{name} `{value}` is already used by {format_key(seen[value])}; "
                    f"{name}s must be unique in the file",
                )
            else:
                seen[value] = key

    # -- values --------------------------------------------------------------------------

    def value(self, key: KeyPath, value: object, field: Field) -> Any:
        """``value`` converted to the type of ``field``; ``INVALID`` after a problem."""
        return TYPE_CHECKS[field.type](self.report, key, value, field)


class Checked(Struct):
    """A document checked against its format: the converted values and the problems."""

    top: dict[str, Any]
    rows: dict[str, list[Row]]
    validator: Validator


def check_document(doc: Mapping[str, Any], form: FileFormat) -> Checked:
    """Check every key of ``doc`` against ``form``; the file's own rules come after."""
    v = Validator()
    v.unknown_keys((), doc, form.top_level_keys)
    top: dict[str, Any] = {}
    for field in form.fields:
        if field.name in doc:
            value = v.value((field.name,), doc[field.name], field)
            if value is not INVALID:
                top[field.name] = value
        elif field.required:
            v.report((field.name,), "E201", f"missing required key `{field.name}`")
    rows = {section.name: v.rows(doc, section) for section in form.sections}
    return Checked(top, rows, v)
