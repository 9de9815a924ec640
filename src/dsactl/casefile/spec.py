"""The case file format, version 1, as data.

One declarative description drives validation (``checks.py``), the documentation tables
and the editor JSON Schema, so they cannot disagree about which keys exist, which are
required, and which values an enum allows.
"""

from __future__ import annotations

from dsactl.casefile.declare import Field, FieldType, FileFormat, OneOf, Section
from dsactl.casefile.model import (
    PLATFORM_KINDS,
    PROCEEDING_STATUSES,
    REQUEST_KINDS,
    ImposedFine,
    Platform,
    Proceeding,
    Request,
    Turnover,
)

__all__ = [
    "CASE_FILE",
    "FINES",
    "PLATFORM",
    "PLATFORM_KINDS",
    "PROCEEDINGS",
    "PROCEEDING_STATUSES",
    "REQUESTS",
    "REQUEST_KINDS",
    "SECTIONS",
    "SECTIONS_BY_NAME",
    "TOP_LEVEL_FIELDS",
    "TURNOVER",
    "Field",
    "FieldType",
    "FileFormat",
    "OneOf",
    "Section",
]

# W102 when missing: say where a fact comes from.
_SOURCE = Field(
    "source",
    "text",
    "Where the facts come from (a press release, a report).",
    recommended=True,
)
_NOTE = Field("note", "text", "Free text.")

PLATFORM = Section(
    "platform",
    "The platform this file is about.",
    (
        Field("name", "string", "Platform name, unique across all case files.", required=True),
        Field("provider", "string", "The provider whose turnover counts.", required=True),
        Field("kind", "enum", "Designation kind.", enum=PLATFORM_KINDS),
        Field("designated", "date", "Date of designation under Art. 33 DSA."),
        _NOTE,
    ),
    many=False,
    required=True,
    model=Platform,
)

TURNOVER = Section(
    "turnover",
    "Total worldwide annual turnover, one table per financial year.",
    (
        Field("amount", "amount", "Turnover: integer, float or decimal string.", required=True),
        Field("currency", "currency", "ISO 4217 currency code.", required=True),
        Field("year_end", "date", "Last day of the financial year.", required=True),
        Field("eur_rate", "rate", "Units of `currency` per 1 EUR (ECB convention)."),
        Field("estimate", "bool", "True when the figure is an estimate."),
        _SOURCE,
        _NOTE,
    ),
    many=True,
    table_or_array=True,
    label="this turnover",
    model=Turnover,
)

PROCEEDINGS = Section(
    "proceedings",
    "Formal proceedings opened against the platform.",
    (
        Field("id", "string", "Identifier, unique within the file.", required=True),
        Field("opened", "date", "Date the proceedings were opened.", required=True),
        Field("subject", "string", "What the proceedings are about.", required=True),
        Field("status", "enum", "Status.", enum=PROCEEDING_STATUSES, default="open"),
        Field("closed", "date", "Date closed (not before `opened`).", after="opened"),
        _SOURCE,
        _NOTE,
    ),
    many=True,
    unique="id",
    model=Proceeding,
)

REQUESTS = Section(
    "requests",
    "Everything the platform must answer by a date.",
    (
        Field("id", "string", "Identifier, unique within the file.", required=True),
        Field("kind", "enum", "Kind of request.", enum=REQUEST_KINDS, default="rfi"),
        Field("subject", "string", "What is asked.", required=True),
        Field("sent", "date", "Date the request was sent.", required=True),
        Field(
            "due",
            "date",
            "Reply deadline (not before `sent`). Required unless `period` is given.",
            after="sent",
        ),
        Field(
            "period",
            "string",
            "Instead of `due`: a period counted from `sent` by Regulation 1182/71, e.g. "
            "`10 working days`, `2 weeks`, `1 month`, `10d`, `2w`, `1m`, `10wd`.",
        ),
        Field(
            "calendar",
            "string",
            "Holiday calendar for this request: `eu-commission` (default), "
            "`eu-commission-lu`, or an ISO country code such as `IE`.",
        ),
        Field("answered", "date", "Date the reply was given.", after="sent"),
        Field("proceeding", "string", "Id of a proceeding in this file."),
        _SOURCE,
        _NOTE,
    ),
    many=True,
    unique="id",
    one_of=(
        OneOf(("due", "period"), "give the reply deadline, or a `period` counted from `sent`"),
    ),
    model=Request,
)

FINES = Section(
    "fines",
    "Fines actually imposed.",
    (
        Field("id", "string", "Identifier, unique within the file.", required=True),
        Field("date", "date", "Date of the decision.", required=True),
        Field("amount", "amount", "Amount of the fine.", required=True),
        Field("currency", "currency", "ISO 4217 currency code.", required=True),
        Field("basis", "string", "Legal basis, e.g. `DSA Art. 74(1)`.", required=True),
        Field("proceeding", "string", "Id of a proceeding in this file."),
        _SOURCE,
        _NOTE,
    ),
    many=True,
    unique="id",
    model=ImposedFine,
)

SECTIONS: tuple[Section, ...] = (PLATFORM, TURNOVER, PROCEEDINGS, REQUESTS, FINES)
SECTIONS_BY_NAME: dict[str, Section] = {s.name: s for s in SECTIONS}

# Top-level keys that are not tables.
TOP_LEVEL_FIELDS: tuple[Field, ...] = (
    Field(
        "calendar",
        "string",
        "Default holiday calendar for the file's requests: `eu-commission` (default), "
        "`eu-commission-lu`, or an ISO country code such as `IE`.",
    ),
    Field(
        "regimes",
        "list",
        'Fine regimes that apply to the platform, e.g. ["dsa", "gdpr"] (default ["dsa"]).',
    ),
)

CASE_FILE = FileFormat("case file", TOP_LEVEL_FIELDS, SECTIONS)
