"""The case file format, version 1, as data.

One declarative description drives validation (``checks.py``), the documentation tables
and the editor JSON Schema, so they cannot disagree about which keys exist, which are
required, and which values an enum allows.
"""

from __future__ import annotations

from dsactl.casefile.declare import Field, FieldType, FileFormat, OneOf, Section
from dsactl.casefile.model import (
    ANCHOR_KINDS,
    CONFIDENCES,
    EVENT_KINDS,
    PLATFORM_KINDS,
    PROCEEDING_STATUSES,
    REQUEST_KINDS,
    TRACKING,
    Anchor,
    DmaDesignation,
    Event,
    Filing,
    ImposedFine,
    Platform,
    Proceeding,
    Request,
    Turnover,
)

__all__ = [
    "ANCHORS",
    "CASE_FILE",
    "DMA",
    "EVENTS",
    "FILINGS",
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
_CONFIDENCE = Field(
    "confidence",
    "enum",
    "How sure the facts of this entry are: `primary` (Commission text or a verbatim copy), "
    "`press` (a news report), `estimate` (estimated or rounded), `conflict` (sources disagree: "
    "list the other dates in `alternatives`).",
    enum=CONFIDENCES,
)
_ALTERNATIVES = Field(
    "alternatives",
    "dates",
    "Other dates that sources give for this entry's main date, e.g. [2026-02-17]. "
    'Needed when confidence = "conflict".',
)

PLATFORM = Section(
    "platform",
    "The platform this file is about.",
    (
        Field("name", "string", "Platform name, unique across all case files.", required=True),
        Field("provider", "string", "The provider whose turnover counts.", required=True),
        Field("kind", "enum", "Designation kind.", enum=PLATFORM_KINDS),
        Field("designated", "date", "Date of designation under Art. 33 DSA."),
        Field(
            "notified",
            "date",
            "Day the DSA designation decision was notified (anchor N of the statutory "
            "obligations; when missing, `designated` is used and the output says so).",
            after="designated",
        ),
        Field(
            "designation_ended",
            "date",
            "Day a decision terminating the designation was notified (Nt): obligations whose "
            "due date falls after Nt + 4 months are not generated (Art. 33(6) DSA).",
            after="designated",
        ),
        Field("source", "text", "Where the facts come from (a press release, a report)."),
        _NOTE,
        _CONFIDENCE,
        _ALTERNATIVES,
    ),
    many=False,
    required=True,
    model=Platform,
)

TURNOVER = Section(
    "turnover",
    "Total worldwide annual turnover, one table per financial year.",
    (
        Field(
            "amount",
            "amount",
            'Turnover: an integer, a float, or a string such as "868687000000.50" or "2.3bn" '
            "(without the currency).",
            required=True,
        ),
        Field("currency", "currency", "ISO 4217 currency code.", required=True),
        Field("year_end", "date", "Last day of the financial year.", required=True),
        Field("eur_rate", "rate", "Units of `currency` per 1 EUR (ECB convention)."),
        Field("estimate", "bool", "True when the figure is an estimate."),
        _SOURCE,
        _NOTE,
        _CONFIDENCE,
        _ALTERNATIVES,
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
        _CONFIDENCE,
        _ALTERNATIVES,
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
        Field("sent", "date", "Date the request was sent, or the act adopted.", required=True),
        Field(
            "notified",
            "date",
            "Day the act was notified (not before `sent`); a `period` is counted from it "
            "when given, else from `sent`.",
            after="sent",
        ),
        Field(
            "due",
            "date",
            "Reply deadline (not before `sent`). Leave out when only a `period` is known, "
            "or when the public record gives no date (status `no-due-date`).",
            after="sent",
        ),
        Field(
            "period",
            "string",
            "Instead of `due`: a period counted from `notified` (else `sent`) by Regulation "
            "1182/71, e.g. `10 working days`, `2 weeks`, `1 month`, `10d`, `2w`, `1m`, `10wd`.",
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
        _CONFIDENCE,
        _ALTERNATIVES,
    ),
    many=True,
    unique="id",
    # `due` or `period`, not both (E305); neither is W106 (checks.py): no date known yet.
    one_of=(
        OneOf(
            ("due", "period"),
            "give the reply deadline, or a `period` counted from `sent`",
            required=False,
        ),
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
        _CONFIDENCE,
        _ALTERNATIVES,
    ),
    many=True,
    unique="id",
    model=ImposedFine,
)

DMA = Section(
    "dma",
    "One core platform service listed in a DMA gatekeeper designation (anchor D).",
    (
        Field(
            "service",
            "string",
            "The core platform service, as the decision names it.",
            required=True,
        ),
        Field("designated", "date", "Day the designation decision listed it (D).", required=True),
        _SOURCE,
        _NOTE,
        _CONFIDENCE,
        _ALTERNATIVES,
    ),
    many=True,
    model=DmaDesignation,
)

ANCHORS = Section(
    "anchors",
    "Events that start statutory periods: an audit report or its recommendations received, "
    "the provisional supervisory fee notified, DMA thresholds met, a concentration.",
    (
        Field("kind", "enum", "What happened.", required=True, enum=ANCHOR_KINDS),
        Field("date", "date", "The day it happened (received, notified, met).", required=True),
        _SOURCE,
        _NOTE,
        _CONFIDENCE,
        _ALTERNATIVES,
    ),
    many=True,
    model=Anchor,
)

FILINGS = Section(
    "filings",
    "An occurrence of a statutory obligation that was done (as `dsactl obligations` lists it).",
    (
        Field("rule", "string", "Rule id, e.g. `dsa-vlop.transparency-report`.", required=True),
        Field(
            "occurrence",
            "int",
            "Which occurrence of the rule (1 = first, as `dsactl obligations` numbers them).",
            required=True,
            minimum=1,
        ),
        Field("filed", "date", "Day it was done (filed, published, sent).", required=True),
        _SOURCE,
        _NOTE,
    ),
    many=True,
    model=Filing,
)

EVENTS = Section(
    "events",
    "A proceeding's life: its dated events (opened, extended, preliminary findings, "
    "decisions, appeal, closed).",
    (
        Field("date", "date", "Day of the event.", required=True),
        Field("kind", "enum", "What happened.", required=True, enum=EVENT_KINDS),
        Field("summary", "string", "One line saying what happened.", required=True),
        Field("proceeding", "string", "Id of a proceeding in this file."),
        _SOURCE,
        _NOTE,
        _CONFIDENCE,
        _ALTERNATIVES,
    ),
    many=True,
    model=Event,
)

SECTIONS: tuple[Section, ...] = (
    PLATFORM,
    TURNOVER,
    PROCEEDINGS,
    REQUESTS,
    FINES,
    DMA,
    ANCHORS,
    FILINGS,
    EVENTS,
)
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
    Field(
        "tracking",
        "enum",
        "`own` (the provider's own records) or `public` (public information: replies are not "
        "public, so a past date without a recorded completion is `past`, not `overdue`).",
        enum=TRACKING,
        default="own",
    ),
    Field(
        "rules",
        "list",
        'Statutory obligation rule sets that apply, e.g. ["dsa-vlop"]. Default from '
        "[platform] kind (VLOP/VLOSE: dsa-vlop; platform: dsa-platform) plus dma-gatekeeper "
        "with [[dma]] entries; [] turns generation off.",
    ),
)

CASE_FILE = FileFormat("case file", TOP_LEVEL_FIELDS, SECTIONS)
