"""The editor JSON Schema: committed copy, shipped case files, invalid files, editor configs."""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from jsonschema import Draft7Validator, FormatChecker  # type: ignore[import-untyped]

from conftest import ROOT, SHIPPED_CASES, Run
from dsactl.casefile import spec
from dsactl.casefile.schema import case_file_schema, schema_text

SCHEMA_FILE = ROOT / "schema" / "case-file.schema.json"
DIRECTIVE = "#:schema ../schema/case-file.schema.json"
SHIPPED = sorted(SHIPPED_CASES.glob("*.toml"))


def as_json(value: Any) -> Any:
    """A parsed TOML value as an editor sees it: dates become ISO strings (Taplo does this)."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    return Draft7Validator(case_file_schema(), format_checker=FormatChecker())


def errors(validator: Draft7Validator, document: dict[str, Any]) -> list[str]:
    return [error.message for error in validator.iter_errors(as_json(document))]


def minimal() -> dict[str, Any]:
    """A small valid case file: every section once, dates as TOML dates."""
    return {
        "calendar": "eu-commission",
        "regimes": ["dsa"],
        "platform": {"name": "Example", "provider": "Example Ltd", "kind": "VLOP"},
        "turnover": [
            {
                "amount": 1_000_000,
                "currency": "EUR",
                "year_end": date(2023, 12, 31),
                "source": "annual report",
            }
        ],
        "proceedings": [
            {"id": "p1", "opened": date(2024, 1, 10), "subject": "Ads", "source": "press"}
        ],
        "requests": [
            {
                "id": "r1",
                "subject": "Ads",
                "sent": date(2024, 1, 10),
                "due": date(2024, 1, 31),
                "proceeding": "p1",
                "source": "press",
            }
        ],
        "fines": [
            {
                "id": "f1",
                "date": date(2024, 2, 1),
                "amount": "1000.50",
                "currency": "EUR",
                "basis": "DSA Art. 74(1)",
                "source": "press",
            }
        ],
    }


# -- the committed file ------------------------------------------------------------------


def test_committed_schema_is_the_generated_one(run: Run) -> None:
    code, out, err = run("schema")
    assert code == 0, err
    assert out == schema_text()
    assert SCHEMA_FILE.read_text(encoding="utf-8") == out, (
        "schema/case-file.schema.json is out of date: "
        "run `dsactl schema -o schema/case-file.schema.json`"
    )


def test_schema_output_option_writes_the_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "case-file.schema.json"
    code, out, err = run("schema", "-o", str(target))
    assert (code, out) == (0, "")
    assert f"wrote {target}" in err
    assert target.read_text(encoding="utf-8") == schema_text()


def test_schema_is_a_valid_draft_07_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"]
    assert schema["required"] == ["platform"]


# -- the schema mirrors the spec -----------------------------------------------------------


def walk(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema (a dict) with its JSON pointer-ish path."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


def test_every_property_has_a_description() -> None:
    schema = case_file_schema()
    seen = 0
    for path, node in walk(schema):
        for name, sub in node.get("properties", {}).items():
            seen += 1
            assert sub.get("description"), f"{path}/properties/{name} has no description"
    # 4 top-level keys (calendar, regimes, tracking, rules) + 9 sections + their fields
    # (platform 10, turnover 9 twice: as a table and as array items, proceedings 9,
    # requests 14, fines 10, dma 6, anchors 6, filings 5, events 8)
    # = 13 + 10 + 18 + 9 + 14 + 10 + 6 + 6 + 5 + 8 = 99
    assert seen == 99


def test_every_table_rejects_unknown_keys() -> None:
    tables = [(p, n) for p, n in walk(case_file_schema()) if "properties" in n]
    # the root, platform, turnover (as a table and as array items), proceedings, requests,
    # fines, dma, anchors, filings, events = 11
    assert len(tables) == 11
    for path, node in tables:
        assert node["additionalProperties"] is False, path


def test_schema_keys_and_enums_come_from_the_spec() -> None:
    props = case_file_schema()["properties"]
    assert list(props) == [f.name for f in spec.TOP_LEVEL_FIELDS] + [s.name for s in spec.SECTIONS]
    assert list(props["platform"]["properties"]) == list(spec.PLATFORM.field_names)
    assert props["platform"]["properties"]["kind"]["enum"] == list(spec.PLATFORM_KINDS)
    requests = props["requests"]["items"]
    assert list(requests["properties"]) == list(spec.REQUESTS.field_names)
    assert requests["required"] == ["id", "subject", "sent"]
    assert requests["properties"]["kind"]["default"] == "rfi"
    # [turnover] or [[turnover]]: the object keywords apply to a table, `items` to an array.
    turnover = props["turnover"]
    assert turnover["type"] == ["object", "array"]
    assert (
        turnover["required"] == turnover["items"]["required"] == ["amount", "currency", "year_end"]
    )
    assert turnover["additionalProperties"] is turnover["items"]["additionalProperties"] is False


# -- shipped case files --------------------------------------------------------------------


def test_cases_are_shipped() -> None:
    assert SHIPPED


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_case_file_validates(validator: Draft7Validator, path: Path) -> None:
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    assert errors(validator, document) == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_case_file_names_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == DIRECTIVE
    # The directive is relative to the case file and must reach the committed schema.
    target = (path.parent / first.removeprefix("#:schema ")).resolve()
    assert target == SCHEMA_FILE.resolve()


# -- valid and invalid documents -----------------------------------------------------------


def test_minimal_document_is_valid(validator: Draft7Validator) -> None:
    assert errors(validator, minimal()) == []


def test_turnover_may_be_one_table(validator: Draft7Validator) -> None:
    doc = minimal()
    doc["turnover"] = doc["turnover"][0]
    assert errors(validator, doc) == []


def test_period_may_replace_due(validator: Draft7Validator) -> None:
    doc = minimal()
    del doc["requests"][0]["due"]
    doc["requests"][0]["period"] = "10 working days"
    assert errors(validator, doc) == []


def test_amount_forms(validator: Draft7Validator) -> None:
    # Valid: an integer, a float, plain decimal strings with a non-zero digit somewhere.
    # strings as `dsactl fine --turnover` reads them are amounts too (issue 13)
    for amount in (1, 134.9e9, "868687000000.50", "0.5", "007", "1,000", "1_000", "2.5m", "1e9"):
        doc = minimal()
        doc["fines"][0]["amount"] = amount
        assert errors(validator, doc) == [], amount
    # Invalid: zero, negative, a grouped or suffixed string, a boolean.
    for amount in (0, -5, 0.0, "0", "0.00", "-1", "0,000", "zero", True):
        doc = minimal()
        doc["fines"][0]["amount"] = amount
        assert errors(validator, doc), amount


Mutation = Callable[[dict[str, Any]], None]


def _set(path: tuple[str | int, ...], value: Any) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        node: Any = doc
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return mutate


def _delete(path: tuple[str | int, ...]) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        node: Any = doc
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]

    return mutate


# Each case: what is wrong, how to make it wrong, and the code `dsactl check` gives it.
INVALID: list[tuple[str, Mutation, str]] = [
    ("unknown top-level key", _set(("platfrom",), {"name": "x"}), "E202"),
    ("unknown key in a table", _set(("requests", 0, "answerd"), date(2024, 2, 1)), "E202"),
    ("unknown key in [platform]", _set(("platform", "url"), "https://example.com"), "E202"),
    ("bad enum", _set(("proceedings", 0, "status"), "opened"), "E204"),
    ("bad platform kind", _set(("platform", "kind"), "vlop"), "E204"),
    ("missing [platform]", _delete(("platform",)), "E201"),
    ("missing required key", _delete(("fines", 0, "basis")), "E201"),
    ("empty required string", _set(("platform", "name"), "  "), "E205"),
    ("negative amount", _set(("turnover", 0, "amount"), -1_000_000), "E401"),
    ("zero rate", _set(("turnover", 0, "eur_rate"), 0), "E403"),
    ("lower-case currency", _set(("fines", 0, "currency"), "eur"), "E402"),
    ("number for a string", _set(("requests", 0, "subject"), 42), "E203"),
    ("string for a boolean", _set(("turnover", 0, "estimate"), "yes"), "E203"),
    ("not a real day", _set(("requests", 0, "sent"), "2024-02-30"), "E203"),
    ("a table where tables are wanted", _set(("requests",), {"id": "r"}), "E203"),
]


@pytest.mark.parametrize(
    ("mutate", "code"), [pytest.param(m, c, id=name) for name, m, c in INVALID]
)
def test_invalid_document_fails_schema_and_check(
    validator: Draft7Validator, run: Run, tmp_path: Path, mutate: Mutation, code: str
) -> None:
    doc = copy.deepcopy(minimal())
    mutate(doc)
    assert errors(validator, doc), "the schema accepted an invalid document"
    # The same document fails `dsactl check` with the expected code, so the schema is not
    # stricter than the format (dates stay TOML dates when written back).
    path = tmp_path / "case.toml"
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")
    exit_code, out, _ = run("check", str(path), "--as-of", "2024-03-01")
    assert exit_code == 1
    assert f"[{code}]" in out


def test_minimal_document_passes_check(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "case.toml"
    path.write_text(DIRECTIVE + "\n" + tomli_w.dumps(minimal()), encoding="utf-8")
    code, out, _ = run("check", str(path), "--as-of", "2024-01-20")
    assert (code, out) == (0, "checked 1 file(s): 0 error(s), 0 warning(s)\n")


# -- editor configuration ------------------------------------------------------------------


def test_taplo_config_maps_case_files_to_the_schema() -> None:
    config = tomllib.loads((ROOT / ".taplo.toml").read_text(encoding="utf-8"))
    rules = [r for r in config["rule"] if "schema" in r]
    assert len(rules) == 1
    rule = rules[0]
    assert {"cases/*.toml", "**/cases/*.toml"} <= set(rule["include"])
    assert (ROOT / rule["schema"]["path"]).resolve() == SCHEMA_FILE.resolve()


def test_tombi_config_maps_case_files_to_the_schema() -> None:
    config = tomllib.loads((ROOT / "tombi.toml").read_text(encoding="utf-8"))
    (entry,) = config["schemas"]
    assert {"cases/*.toml", "**/cases/*.toml"} <= set(entry["include"])
    assert (ROOT / entry["path"]).resolve() == SCHEMA_FILE.resolve()
