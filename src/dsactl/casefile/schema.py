"""The JSON Schema of a case file, generated from ``spec`` for editors (Taplo, Tombi).

The schema is what an editor needs for completion, hover text and red squiggles while a case
file is typed; ``dsactl check`` stays the authority. It is generated from the same
``dsactl.casefile.spec`` that drives validation, so the two agree on which keys exist, which are
required, and which values an enum allows. ``dsactl schema -o schema/case-file.schema.json``
writes the committed copy; a test fails when that copy drifts from this output.

Only a draft-07 subset is used, so that both TOML language servers understand it:

- every table has ``additionalProperties: false`` (an unknown key is an error, E202);
- dates are ``{"type": "string", "format": "date"}``. Taplo turns a TOML local date into the
  string ``"2024-04-05"`` before validating, so a quoted date passes there (``dsactl check``
  still rejects it, E203); Tombi maps ``format: date`` to its TOML local-date type, so it
  expects an unquoted date as ``check`` does;
- amounts are a number above 0 or a plain decimal string; ``pattern`` only applies to strings
  and ``exclusiveMinimum`` only to numbers, as JSON Schema defines them;
- a [turnover] table or [[turnover]] tables are one schema of ``type: ["object", "array"]``;
- what JSON Schema cannot say (ids unique in a file, dates in order, a known calendar or
  proceeding, a real ISO 4217 code rather than three capital letters) is left to ``check``.

Tried on the shipped case files and on broken ones with ``taplo check`` (Taplo 0.9.3) and
``tombi lint --offline`` (Tombi 1.9.6): both read the schema and name the wrong key or value.
"""

from __future__ import annotations

import json
from typing import Any

from dsactl.casefile import spec
from dsactl.law import money

__all__ = ["SCHEMA_ID", "case_file_schema", "schema_text"]

SCHEMA_ID = "urn:dsactl:schema:case-file:1"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"

# An amount string as ``money.parse_money`` reads it ("868687000000.50", "2.3bn",
# "2,300,000,000", "2 300 000 000", "2,3 Mrd"), with a non-zero digit somewhere; `check`
# refuses what is ambiguous. No look-ahead, so that Taplo's and Tombi's Rust regex engines
# accept it too.
_AMOUNT_CHARS = r"[0-9.,_ \u00a0\u2009\u202f]*"
AMOUNT_PATTERN = rf"^ *{_AMOUNT_CHARS}[1-9]{_AMOUNT_CHARS}([eE][+-]?[0-9]+)? *([A-Za-z]+\.?)? *$"
# What ``money.rate_from_toml`` reads from a string ("1.0925", "1e-3", ".5").
RATE_PATTERN = r"^([0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?|\.[0-9]+)$"
CURRENCY_PATTERN = "^[A-Z]{3}$"
# At least one character that is not white space (E205 for an empty required text).
NOT_BLANK = r"\S"
MAX_AMOUNT = int(money.MAX_AMOUNT)  # 10^18, inclusive as in `money`
MAX_RATE = int(money.MAX_RATE)  # 10^12


# The schema of each value type (``declare.FieldType``); a test checks every type has one.
TYPE_SCHEMAS: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "text": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "amount": {
        "type": ["number", "string"],
        "exclusiveMinimum": 0,
        "maximum": MAX_AMOUNT,
        "pattern": AMOUNT_PATTERN,
    },
    "rate": {
        "type": ["number", "string"],
        "exclusiveMinimum": 0,
        "maximum": MAX_RATE,
        "pattern": RATE_PATTERN,
    },
    "bool": {"type": "boolean"},
    "int": {"type": "integer"},
    "currency": {"type": "string", "pattern": CURRENCY_PATTERN},
    "enum": {"type": "string"},
    "list": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "dates": {"type": "array", "items": {"type": "string", "format": "date"}},
}
TYPE_SCHEMAS["decimal"] = TYPE_SCHEMAS["amount"]


def _value_schema(field: spec.Field) -> dict[str, Any]:
    """The schema of one key's value, with the key's description."""
    schema: dict[str, Any] = {"description": field.description, **TYPE_SCHEMAS[field.type]}
    if field.type == "string" and field.required:
        schema.update(minLength=1, pattern=NOT_BLANK)
    if field.enum:
        schema["enum"] = list(field.enum)
    for keyword, bound in (("minimum", field.minimum), ("maximum", field.maximum)):
        if bound is not None:
            schema[keyword] = bound
    if field.default is not None:
        schema["default"] = field.default
    return schema


def _table_schema(section: spec.Section) -> dict[str, Any]:
    """One table of a section: its keys, the required ones, nothing else."""
    schema: dict[str, Any] = {
        "description": section.description,
        "type": "object",
        "properties": {field.name: _value_schema(field) for field in section.fields},
        "additionalProperties": False,
    }
    required = [field.name for field in section.fields if field.required]
    if required:
        schema["required"] = required
    # `due` is required unless `period` is given (both at once is E305, left to `check`).
    choices = [
        {"anyOf": [{"required": [key]} for key in c.keys]} for c in section.one_of if c.required
    ]
    if len(choices) == 1:
        schema.update(choices[0])
    elif choices:
        schema["allOf"] = choices
    return schema


def _section_schema(section: spec.Section) -> dict[str, Any]:
    table = _table_schema(section)
    if not section.many:
        return table
    array = {
        "description": f"{section.description} Write each as a [[{section.name}]] table.",
        "type": "array",
        "items": table,
    }
    if not section.table_or_array:
        return array
    # One [turnover] table or [[turnover]] tables: one schema whose object keywords apply to a
    # table and whose `items` applies to an array (JSON Schema applies each keyword to its own
    # type only). Unlike a `oneOf` of the two forms, Taplo then names the wrong key instead of
    # saying that neither form matched; Tombi reads a list of types as a `oneOf` itself.
    either = dict(table)
    either.update(
        description=f"{section.description} Write one [{section.name}] table, or one "
        f"[[{section.name}]] table each.",
        type=["object", "array"],
        items=table,
    )
    return either


def case_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07 subset) of a case file, format version 1."""
    properties: dict[str, Any] = {f.name: _value_schema(f) for f in spec.TOP_LEVEL_FIELDS}
    properties.update({s.name: _section_schema(s) for s in spec.SECTIONS})
    return {
        "$schema": DRAFT_07,
        "$id": SCHEMA_ID,
        "title": "dsactl case file",
        "description": "One platform's file under the EU Digital Services Act: the platform, "
        "its turnover, proceedings, requests with reply deadlines, and fines (format version "
        "1). Generated by `dsactl schema`; `dsactl check` is the authority.",
        "type": "object",
        "properties": properties,
        "required": [s.name for s in spec.SECTIONS if s.required],
        "additionalProperties": False,
    }


def schema_text() -> str:
    """The schema as the committed file holds it: two-space JSON and a final newline."""
    return json.dumps(case_file_schema(), indent=2, ensure_ascii=False) + "\n"
