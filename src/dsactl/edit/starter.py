"""The starter case file of `dsactl new`: a fixed comment header, the ``[platform]`` table
written with ``tomli-w``, and a commented example of every other table (``NEW_FOOTER``;
``tests/test_spec_drift.py`` checks that it only uses declared keys and is valid once
uncommented). Pure: text out; the atomic write is the command's job."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dsactl.argv import from_argv
from dsactl.casefile import spec
from dsactl.edit.case_edits import listing, validate_text
from dsactl.errors import DataError, InputError

__all__ = ["NEW_FOOTER", "NEW_HEADER", "new_case", "platform_kind"]

NEW_HEADER = """\
#:schema ../schema/case-file.schema.json
# (for editors: write that schema once with `dsactl schema -o schema/case-file.schema.json`
# beside the cases/ folder)
# dsactl case file, format version 1: one platform, with its turnover, proceedings,
# requests and fines. docs/case-files.md describes every key; `dsactl check` validates it.
# Dates are TOML local dates, unquoted (2024-03-14). Give every fact a `source`.

# calendar = "eu-commission"     # holiday calendar of the requests below (the default)
# regimes = ["dsa"]              # fine regimes shown by `dsactl fine` (the default)
# tracking = "own"               # "public" when the file records public information only:
#                                # a past date with no recorded reply is then `past`
# rules = ["dsa-vlop"]           # statutory obligation rule sets (default from the kind)
# ([platform] notified = DATE: the day the designation was notified; the statutory
# deadlines of `dsactl obligations` count from it, else from `designated`.)

"""

NEW_FOOTER = """
# The provider's worldwide turnover, one table per financial year (for `dsactl fine`):
#
# [[turnover]]
# amount = 120_000_000_000
# currency = "USD"
# year_end = 2023-12-31
# eur_rate = 1.1050              # units of `currency` per 1 EUR (ECB); not needed for EUR
# source = "Annual report 2023"
#
# Each formal proceeding the Commission opened (Art. 66 DSA):
#
# [[proceedings]]
# id = "2024-02-minors"
# opened = 2024-02-19
# subject = "Protection of minors, advertising transparency"
# status = "open"                # open | closed | commitments | non-compliance
# closed = 2024-08-05            # once it is closed
# source = "European Commission press release, 19 February 2024"
#
# Everything the platform must answer by a date; once it replies, record the date with
# `dsactl answer PLATFORM ID --on YYYY-MM-DD`:
#
# [[requests]]
# id = "2024-03-genai"
# kind = "rfi"
# subject = "Generative-AI risks"
# sent = 2024-03-14
# due = 2024-04-05               # or, instead of `due`: period = "10 working days"
# proceeding = "2024-02-minors"  # optional: the proceeding it belongs to
# source = "European Commission press release, 14 March 2024"
#
# Each fine imposed, set by `dsactl fine PLATFORM` against the cap of its date:
#
# [[fines]]
# id = "2025-12-non-compliance"
# date = 2025-12-05
# amount = 120_000_000
# currency = "EUR"
# basis = "DSA Art. 74(1)"       # the tier's citation, as `dsactl regimes` shows it
# source = "Commission decision of 5 December 2025"
#
# A proceeding's dated events (`dsactl show` and `dsactl timeline` draw them):
#
# [[events]]
# date = 2024-07-12
# kind = "preliminary-findings"  # opened | extended | preliminary-findings | commitments |
#                                # non-compliance | fine | appeal | closed | …
# summary = "Preliminary findings"
# proceeding = "2024-02-minors"
# source = "European Commission press release, 12 July 2024"
#
# An obligation occurrence done (its rule and number as `dsactl obligations` lists them):
#
# [[filings]]
# rule = "dsa-vlop.transparency-report"
# occurrence = 1
# filed = 2023-10-25
# source = "The platform's transparency centre"
"""


def platform_kind(text: str) -> str:
    """``text`` as one of ``spec.PLATFORM_KINDS`` (case-insensitive), else an InputError."""
    for kind in spec.PLATFORM_KINDS:
        if text.casefold() == kind.casefold():
            return kind
    raise InputError(
        f"{text!r} is not a platform kind",
        input="kind",
        hint=f"use one of: {', '.join(spec.PLATFORM_KINDS)}",
    )


def new_case(
    name: str,
    provider: str,
    *,
    kind: str | None = None,
    designated: date | None = None,
    path: Path = Path("new.toml"),
) -> str:
    """A starter case file for ``name`` that passes ``dsactl check`` with no errors."""
    import tomli_w

    name, provider = from_argv(name, "platform"), from_argv(provider, "provider")
    kind = from_argv(kind, "kind") if kind is not None else None
    for what, value in (("platform", name), ("provider", provider)):
        if not value.strip():
            raise InputError(
                "must not be empty", input=what, hint="give the name as it should appear"
            )
    platform: dict[str, Any] = {"name": name, "provider": provider}
    if kind is not None:
        platform["kind"] = platform_kind(kind)
    if designated is not None:
        platform["designated"] = designated
    text = NEW_HEADER + tomli_w.dumps({"platform": platform}) + NEW_FOOTER
    errors = [f for f in validate_text(text, path) if f.is_error]
    if errors:  # pragma: no cover - a guard: tomli-w quotes every string
        raise DataError(listing(f"{path}: the new case file would be invalid", errors))
    return text
