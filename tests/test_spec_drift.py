"""One source of truth: a case-file key is declared once, in ``dsactl.casefile.spec``.

The record classes of ``model.py``, the JSON Schema (``test_schema.py`` checks the committed copy),
the key tables of ``docs/case-files.md`` and the template of ``dsactl new`` are generated from
that declaration or checked against it here: each test fails when one of them drifts.
"""

from __future__ import annotations

import re
import tomllib
import types
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import msgspec
import pytest

from conftest import ROOT
from dsactl.casefile import spec
from dsactl.casefile.declare import Field, FieldType, Section
from dsactl.casefile.model import Case
from dsactl.casefile.reference import FORMS, update_document
from dsactl.casefile.schema import TYPE_SCHEMAS
from dsactl.casefile.validator import check_document
from dsactl.casefile.valuetypes import TYPE_CHECKS
from dsactl.edit.case_edits import validate_text
from dsactl.edit.starter import NEW_FOOTER, NEW_HEADER
from dsactl.law import regimes
from dsactl.law.periods import PeriodResult

# The Python type each value type becomes in a dataclass.
PYTHON_TYPES: dict[str, type] = {
    "string": str,
    "text": str,
    "date": date,
    "amount": Decimal,
    "decimal": Decimal,
    "rate": Decimal,
    "bool": bool,
    "int": int,
    "currency": str,
    "enum": str,
    "list": tuple,
    "dates": tuple,
}
# Dataclass fields that are worked out, not written in the file.
DERIVED = {"Request": {"explanation"}}

SECTIONS_WITH_MODEL = [s for s in spec.SECTIONS if s.model is not None]


def test_every_value_type_is_checked_described_and_typed() -> None:
    every = set(get_args(FieldType))
    assert set(TYPE_CHECKS) == every
    assert set(TYPE_SCHEMAS) == every
    assert set(PYTHON_TYPES) == every


def test_every_section_names_its_dataclass() -> None:
    assert list(spec.SECTIONS) == SECTIONS_WITH_MODEL


def _annotation(model: type, name: str) -> tuple[Any, bool]:
    """The annotation of a field without ``| None``, and whether it allowed None."""
    hint = typing.get_type_hints(model, localns={"PeriodResult": PeriodResult})[name]
    if get_origin(hint) in (typing.Union, types.UnionType):
        (plain,) = [a for a in get_args(hint) if a is not type(None)]
        return plain, True
    return hint, False


def _defaults(model: type[msgspec.Struct]) -> dict[str, Any]:
    """Each field of ``model`` and its default (``msgspec.NODEFAULT`` when it has none)."""
    names, defaults = model.__struct_fields__, model.__struct_defaults__
    first = len(names) - len(defaults)  # the defaults are those of the last fields
    return {
        n: defaults[i - first] if i >= first else msgspec.NODEFAULT for i, n in enumerate(names)
    }


def _check_field(model: type, field: Field, section: Section, default: Any) -> None:
    hint, optional = _annotation(model, field.name)
    where = f"{model.__name__}.{field.name}"
    if field.enum:
        assert get_origin(hint) is Literal, f"{where}: an enum is a Literal type"
        assert get_args(hint) == field.enum, f"{where}: the Literal and the spec's enum differ"
    else:
        base = get_origin(hint) or hint
        assert base is PYTHON_TYPES[field.type], f"{where}: {hint} for a {field.type}"
    has_default = default is not msgspec.NODEFAULT
    if any(field.name in choice.keys for choice in section.one_of):
        pass  # one of two keys: the model may fill it in (`due` from `period`) or not
    elif field.required:
        assert not has_default, f"{where}: a required key has no default"
    else:
        assert has_default, f"{where}: an optional key needs a default"
    if field.default is not None:
        assert default == field.default, f"{where}: default differs from the spec"
    elif has_default and default is None:
        assert optional, f"{where}: a None default needs `| None`"


@pytest.mark.parametrize("section", SECTIONS_WITH_MODEL, ids=lambda s: s.name)
def test_the_dataclass_has_the_keys_of_its_section(section: Section) -> None:
    model = section.model
    assert model is not None and issubclass(model, msgspec.Struct)
    attributes = _defaults(model)
    derived = DERIVED.get(model.__name__, set())
    assert set(attributes) - derived == set(section.field_names), model.__name__
    for field in section.fields:
        _check_field(model, field, section, attributes[field.name])


def test_the_case_has_the_top_level_keys() -> None:
    attributes = set(Case.__struct_fields__)
    assert {f.name for f in spec.TOP_LEVEL_FIELDS} <= attributes


def test_regime_literals_are_the_tuples() -> None:
    assert get_args(regimes.Kind) == regimes.KINDS
    assert get_args(regimes.AppliesTo) == regimes.APPLIES_TO
    assert get_args(regimes.Rule) == regimes.RULES


def test_the_key_tables_of_the_docs_are_generated_from_the_declarations() -> None:
    path = ROOT / "docs" / "case-files.md"
    text = path.read_text(encoding="utf-8")
    assert text == update_document(text), (
        "docs/case-files.md is stale: run `python -m dsactl.casefile.reference docs/case-files.md`"
    )
    for form in FORMS:
        for section in form.sections:
            assert f"`[{section.name}]`" in text or f"`[[{section.name}]]`" in text


def _uncommented(text: str) -> str:
    """The template with its commented-out example tables and keys written in."""
    example = re.compile(r"^# (\[\[?[a-z_]+\]\]?|[a-z_]+ = .*)$")
    return "\n".join(
        match[1] if (match := example.match(line)) else line for line in text.splitlines()
    )


def test_the_new_template_only_uses_declared_keys_and_is_valid(tmp_path: Path) -> None:
    text = NEW_HEADER + '[platform]\nname = "X"\nprovider = "X Ltd"\n' + NEW_FOOTER
    filled = _uncommented(text)
    # Every commented example is written in: the top-level keys, a turnover, a proceeding, a
    # request and a fine (issue 13: an example of every table).
    assert filled.count("\n[[") == 6 and "\ncalendar = " in filled and "\nregimes = " in filled
    findings = validate_text(filled, tmp_path / "x.toml")
    assert [f.format() for f in findings if f.is_error] == []
    written = set(re.findall(r"^([a-z_]+) = ", filled, re.MULTILINE))
    declared = {f.name for s in spec.SECTIONS for f in s.fields}
    declared |= {f.name for f in spec.TOP_LEVEL_FIELDS}
    assert written <= declared


def test_the_annotated_example_of_the_docs_only_uses_declared_keys() -> None:
    # The example at the top of docs/case-files.md, its commented-out alternatives written in
    # where they replace a key (`period` for `due`): no key the declaration does not know.
    text = (ROOT / "docs" / "case-files.md").read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    document = tomllib.loads(example)
    problems = check_document(document, spec.CASE_FILE).validator.problems
    assert [p for p in problems if p.code == "E202"] == []
    alternatives = re.findall(r"^# ([a-z_]+) = ", example, re.MULTILINE)
    assert set(alternatives) <= set(spec.REQUESTS.field_names)
