"""`dsactl check` results as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` lists every code of ``dsactl.casefile.findings.CODES`` in
table order, so a result's ``ruleIndex`` is stable from one version to the next as long
as codes are only appended. Locations are relative POSIX paths against ``%SRCROOT%``
(the checkout root, where CI runs ``dsactl check``), which is how GitHub maps a result onto
a file in the repository.

Columns count Unicode characters (code points), as ``dsactl check`` does; the run says so with
``columnKind: unicodeCodePoints`` (SARIF's default would be UTF-16 code units).
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from dsactl import __version__
from dsactl.casefile.findings import CODES, Finding, Rule
from dsactl.render.structured import to_json

__all__ = ["INFORMATION_URI", "SARIF_SCHEMA", "check_sarif", "rule_index", "sarif_uri"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/dsactl/"
SRCROOT = "%SRCROOT%"

# A sentence ends at ". " before a capital letter or a back-quote, outside parentheses, so that
# "(e.g. EUR, USD, CNY)" does not end one.
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z`])")

_RULE_IDS: tuple[str, ...] = tuple(CODES)


def rule_index(code: str) -> int:
    """The index of ``code`` in ``tool.driver.rules`` (the order of ``CODES``)."""
    return _RULE_IDS.index(code)


def _first_sentence(text: str) -> str:
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()]
        if before.count("(") == before.count(")"):
            return before + "."
    return text


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _first_sentence(rule.help)},
        "fullDescription": {"text": rule.help},
        "help": {"text": rule.help},
        "defaultConfiguration": {"level": rule.level.value},
    }


def sarif_uri(path: str, root: Path | None = None) -> tuple[str, bool]:
    """The artifact URI of a finding's path and whether it is relative to ``%SRCROOT%``.

    A relative path stays relative (POSIX, normalised: no ``./``); an absolute one is made
    relative to ``root`` (default: the working folder) when it lies inside it, else it becomes
    a ``file:`` URI. Characters that may not stand in a URI are percent-encoded.
    """
    pure = PurePath(os.path.normpath(path))
    if pure.is_absolute():
        base = PurePath(os.path.normpath(root if root is not None else Path.cwd()))
        try:
            pure = pure.relative_to(base)
        except ValueError:
            return Path(pure).as_uri(), False
    return quote(pure.as_posix(), safe="/"), True


def _result(finding: Finding, root: Path | None) -> dict[str, Any]:
    uri, relative = sarif_uri(finding.path, root)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = SRCROOT
    message = f"{finding.key}: {finding.message}" if finding.key else finding.message
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index(finding.code),
        "level": finding.level.value,
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {
                        "startLine": max(finding.line, 1),
                        "startColumn": max(finding.column, 1),
                    },
                }
            }
        ],
    }


def check_sarif(files: int, findings: list[Finding], *, root: Path | None = None) -> str:
    """A SARIF 2.1.0 log of one ``dsactl check`` run over ``files`` files.

    ``root`` is the folder that ``%SRCROOT%`` stands for (default: the working folder); only
    absolute finding paths depend on it.
    """
    errors = sum(1 for f in findings if f.is_error)
    run = {
        "tool": {
            "driver": {
                "name": "dsactl",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rule) for rule in CODES.values()],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, root) for f in findings],
        "properties": {"files": files, "errors": errors, "warnings": len(findings) - errors},
    }
    return to_json({"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]})
