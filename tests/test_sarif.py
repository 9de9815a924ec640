"""`check` findings as SARIF 2.1.0: the shape GitHub code scanning needs, rules and locations."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator  # type: ignore[import-untyped]

from dsactl import __version__
from dsactl.casefile.findings import CODES, Finding
from dsactl.docket.load import load_docket
from dsactl.render.sarif import check_sarif, rule_index, sarif_uri


def _object(required: list[str], **properties: Any) -> dict[str, Any]:
    """An object with exactly these properties (all of them SARIF 2.1.0 property names), so a
    misspelt property (``startline``) fails, as GitHub would silently ignore it."""
    return {
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": False,
    }


_TEXT = _object(["text"], text={"type": "string", "minLength": 1})
_LEVEL = {"enum": ["none", "note", "warning", "error"]}

# The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that dsactl emits, with
# its constraints (version "2.1.0", level values, 1-based lines and columns, ruleIndex >= -1),
# plus what GitHub code scanning requires on top ("SARIF support for code scanning"): a rule
# has an id, shortDescription, fullDescription and help text; a result has a ruleId,
# message.text and a physical location with a URI and a startLine. The full schema is not
# shipped by any PyPI package and cannot be fetched offline, hence this subset.
SARIF_SUBSET: dict[str, Any] = _object(
    ["version", "runs"],
    **{
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": _object(
                ["tool", "results"],
                tool=_object(
                    ["driver"],
                    driver=_object(
                        ["name", "rules"],
                        name={"const": "dsactl"},
                        version={"type": "string"},
                        semanticVersion={"type": "string"},
                        informationUri={"type": "string", "pattern": "^https://"},
                        rules={
                            "type": "array",
                            "items": _object(
                                ["id", "name", "shortDescription", "fullDescription", "help"],
                                id={"type": "string", "pattern": "^[EW][0-9]{3}$"},
                                name={"type": "string"},
                                shortDescription=_TEXT,
                                fullDescription=_TEXT,
                                help=_TEXT,
                                defaultConfiguration=_object(["level"], level=_LEVEL),
                            ),
                        },
                    ),
                ),
                columnKind={"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                properties={"type": "object"},
                results={
                    "type": "array",
                    "items": _object(
                        ["ruleId", "ruleIndex", "level", "message", "locations"],
                        ruleId={"type": "string"},
                        ruleIndex={"type": "integer", "minimum": -1},
                        level=_LEVEL,
                        message=_TEXT,
                        locations={
                            "type": "array",
                            "minItems": 1,
                            "items": _object(
                                ["physicalLocation"],
                                physicalLocation=_object(
                                    ["artifactLocation", "region"],
                                    artifactLocation=_object(
                                        ["uri"],
                                        uri={"type": "string", "minLength": 1},
                                        uriBaseId={"type": "string"},
                                    ),
                                    region=_object(
                                        ["startLine"],
                                        startLine={"type": "integer", "minimum": 1},
                                        startColumn={"type": "integer", "minimum": 1},
                                    ),
                                ),
                            ),
                        },
                    ),
                },
            ),
        },
    },
)

FINDINGS = [
    Finding("cases/x.toml", 12, 1, "E202", "platform.url", "unknown key `url`"),
    Finding("cases/x.toml", 30, 7, "W101", "requests[0]", "overdue by 3 days"),
    Finding("./cases/dir/../bing.toml", 1, 1, "E101", "", "TOML syntax: expected `=`"),
    Finding("cases/my file.toml", 4, 12, "E402", "fines[1].currency", "`eur` is not ISO 4217"),
]


def sarif(findings: list[Finding], files: int = 3, **kwargs: Any) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(check_sarif(files, findings, **kwargs))
    return log


def test_log_validates_against_the_sarif_subset() -> None:
    Draft7Validator.check_schema(SARIF_SUBSET)
    log = sarif(FINDINGS)
    problems = [e.message for e in Draft7Validator(SARIF_SUBSET).iter_errors(log)]
    assert problems == []
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"


def test_the_subset_rejects_a_misspelt_or_missing_property() -> None:
    log = sarif(FINDINGS)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    region["startline"] = region.pop("startLine")
    assert not Draft7Validator(SARIF_SUBSET).is_valid(log)
    log = sarif(FINDINGS)
    del log["runs"][0]["tool"]["driver"]["rules"][0]["help"]
    assert not Draft7Validator(SARIF_SUBSET).is_valid(log)


def test_an_empty_check_is_a_valid_log_with_no_results() -> None:
    log = sarif([], files=11)
    assert Draft7Validator(SARIF_SUBSET).is_valid(log)
    (run,) = log["runs"]
    assert run["results"] == []
    assert run["properties"] == {"files": 11, "errors": 0, "warnings": 0}


def test_driver_lists_every_code_as_a_rule() -> None:
    driver = sarif(FINDINGS)["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("dsactl", __version__)
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    for rule in rules:
        code = CODES[rule["id"]]
        assert rule["name"] == code.name
        assert rule["fullDescription"]["text"] == rule["help"]["text"] == code.help
        assert rule["defaultConfiguration"]["level"] == code.level.value
        assert code.help.startswith(rule["shortDescription"]["text"].removesuffix("."))


def test_short_description_is_the_first_sentence() -> None:
    rules = {r["id"]: r for r in sarif([])["runs"][0]["tool"]["driver"]["rules"]}
    # "The file is not UTF-8 text. Re-save it as UTF-8." -> the first sentence.
    assert rules["E100"]["shortDescription"]["text"] == "The file is not UTF-8 text."
    # "e.g. EUR" inside parentheses does not end the sentence.
    assert rules["E402"]["shortDescription"]["text"] == CODES["E402"].help
    assert (
        rules["E203"]["shortDescription"]["text"]
        == "A value has the wrong type (e.g. a quoted date)."
    )


def test_results_point_at_their_rules_and_locations() -> None:
    run = sarif(FINDINGS)["runs"][0]
    rules, results = run["tool"]["driver"]["rules"], run["results"]
    assert len(results) == len(FINDINGS)
    for finding, result in zip(FINDINGS, results, strict=True):
        assert result["ruleId"] == finding.code
        assert rules[result["ruleIndex"]]["id"] == finding.code
        assert result["level"] == finding.level.value
        (location,) = result["locations"]
        region = location["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding.line, finding.column)
        assert location["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    # "./cases/dir/../bing.toml" is normalised; the space is percent-encoded.
    assert uris == ["cases/x.toml", "cases/x.toml", "cases/bing.toml", "cases/my%20file.toml"]
    messages = [r["message"]["text"] for r in results]
    assert messages[0] == "platform.url: unknown key `url`"
    # A finding about the whole file has no key: the message alone.
    assert messages[2] == "TOML syntax: expected `=`"
    # E202 is the 5th code (E100, E101, E102, E201, E202); W101 comes after the 21 E codes.
    assert [r["ruleIndex"] for r in results[:2]] == [4, 21]
    assert run["properties"] == {"files": 3, "errors": 3, "warnings": 1}


def test_rule_index_follows_the_codes_table() -> None:
    assert [rule_index(code) for code in CODES] == list(range(len(CODES)))
    with pytest.raises(ValueError):
        rule_index("E999")


def test_absolute_paths(tmp_path: Path) -> None:
    inside = tmp_path / "cases" / "x.toml"
    assert sarif_uri(str(inside), tmp_path) == ("cases/x.toml", True)
    outside = Path("/elsewhere/x y.toml")
    assert sarif_uri(str(outside), tmp_path) == ("file:///elsewhere/x%20y.toml", False)
    log = sarif([Finding(str(outside), 2, 3, "E201", "platform", "missing")], root=tmp_path)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    # No uriBaseId for an absolute URI: it is not relative to the checkout.
    assert artifact["artifactLocation"] == {"uri": "file:///elsewhere/x%20y.toml"}


def test_real_check_findings_render(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[platform]\nname = "X"\nprovider = "X Corp"\nkindd = "VLOP"\n', encoding="utf-8"
    )
    docket = load_docket([bad], date(2024, 3, 1))
    log = sarif(docket.findings, files=len(docket.files), root=tmp_path)
    assert Draft7Validator(SARIF_SUBSET).is_valid(log)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "E202"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "bad.toml", "uriBaseId": "%SRCROOT%"}
    # `kindd` is on line 4, column 1.
    assert location["region"] == {"startLine": 4, "startColumn": 1}
