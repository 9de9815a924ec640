"""The key tables of ``docs/case-files.md``, generated from the declarations.

Each file format (``spec.CASE_FILE``, ``regimefile.REGIME_FILE``, ``calendarfile.CALENDAR_FILE``,
``rulefile.RULE_FILE``)
becomes one Markdown table per section, between two marker comments in the document; a test
(``tests/test_spec_drift.py``) fails when the committed document differs from what this
module writes. To write it again::

    python -m dsactl.casefile.reference docs/case-files.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from dsactl.casefile.calendarfile import CALENDAR_FILE
from dsactl.casefile.declare import Field, FileFormat, Section
from dsactl.casefile.regimefile import REGIME_FILE
from dsactl.casefile.rulefile import RULE_FILE
from dsactl.casefile.spec import CASE_FILE

__all__ = ["FORMS", "reference_markdown", "update_document"]

#: The formats whose keys the document lists.
FORMS: tuple[FileFormat, ...] = (CASE_FILE, REGIME_FILE, CALENDAR_FILE, RULE_FILE)

#: How the document names each value type.
TYPE_NAMES: dict[str, str] = {
    "string": "text",
    "text": "text",
    "date": "date",
    "amount": "amount",
    "decimal": "amount",
    "rate": "number",
    "bool": "true or false",
    "int": "whole number",
    "currency": "currency code",
    "enum": "one of",
    "list": "list of text",
    "dates": "list of dates",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _type(field: Field) -> str:
    name = TYPE_NAMES[field.type]
    if field.enum:
        name += " " + ", ".join(f"`{value}`" for value in field.enum)
    if field.minimum is not None or field.maximum is not None:
        low = "" if field.minimum is None else str(field.minimum)
        high = "" if field.maximum is None else str(field.maximum)
        name += f" ({low}-{high})"
    return name


def _required(field: Field, section: Section | None) -> str:
    if field.required:
        return "yes"
    for choice in section.one_of if section is not None else ():
        if field.name in choice.keys:
            other = next(key for key in choice.keys if key != field.name)
            return f"yes, or `{other}`"
    if field.default is not None:
        return f"no (default `{field.default}`)"
    if field.recommended:
        return "no (W102 when missing)"
    return "no"


def _table(fields: tuple[Field, ...], section: Section | None) -> list[str]:
    lines = ["| Key | Type | Required | Description |", "|---|---|---|---|"]
    for field in fields:
        description = field.description
        if field.after is not None and f"`{field.after}`" not in description:
            description += f" Not before `{field.after}`."
        cells = (f"`{field.name}`", _type(field), _required(field, section), description)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def _heading(section: Section) -> str:
    shape = f"`[[{section.name}]]`" if section.many else f"`[{section.name}]`"
    if section.table_or_array:
        shape = f"`[{section.name}]` or `[[{section.name}]]`"
    return f"#### {shape}" + (" (required)" if section.required else "")


def reference_markdown(form: FileFormat) -> str:
    """The key tables of ``form``: its top-level keys, then one table per section."""
    lines: list[str] = []
    if form.fields:
        lines += ["#### Top-level keys", "", *_table(form.fields, None), ""]
    for section in form.sections:
        lines += [_heading(section), "", section.description, "", *_table(section.fields, section)]
        lines.append("")
    return "\n".join(lines)


def _markers(form: FileFormat) -> tuple[str, str]:
    name = form.name.replace(" ", "-")
    return (
        f"<!-- {name} keys: generated from the declaration by dsactl.casefile.reference -->",
        f"<!-- end of {name} keys -->",
    )


def update_document(text: str) -> str:
    """``text`` with the part between each format's markers written again."""
    for form in FORMS:
        begin, end = _markers(form)
        if begin not in text or end not in text:
            raise ValueError(f"the document has no markers for the {form.name}: {begin}")
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = f"{head}{begin}\n\n{reference_markdown(form)}\n{end}{tail}"
    return text


def main(argv: list[str]) -> int:
    """Write the key tables of each document named in ``argv`` again."""
    for name in argv:
        path = Path(name)
        path.write_text(update_document(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
