"""Fuzzing the command line: whatever the input, a clean message and exit 0, 1 or 2.

Inputs: random bytes as a case file; TOML documents built from the keys of ``dsactl.casefile.spec``
(and of calendar and regime files) with random types and values, serialised with ``tomli_w``,
then mutated as raw text; random amounts, rates, periods, dates and names on the command line.
The property: no traceback (``result.exception`` is None or SystemExit), exit status 0, 1 or
2 (0 or 1 for `check` and `deadlines` on a folder: a bad file is a finding, not a usage
error), no run longer than ``TIME_LIMIT`` s, and every finding of ``check --format json``
has a ``path`` and a positive ``line``. Commands are listed in ``FILE_COMMANDS`` and
``ARGV_STRATEGIES``: add a line there when a command is added.

    .venv/bin/pytest tests/test_fuzz.py                     # profile dsactl-fuzz-short: 50
    DSACTL_FUZZ=long .venv/bin/pytest tests/test_fuzz.py    # dsactl-fuzz-long: 2 000 examples

A failing input is written to ``tests/fuzz-regressions/new-LABEL-ERROR-WHERE.toml`` (or
``.argv.json``), the shrunk example last. Rename it to say what it shows and keep it:
``test_regression`` replays every file there on every run.
"""

from __future__ import annotations

import json
import os
import signal
import string
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dsactl.casefile import spec
from dsactl.cli.app import app

HERE = Path(__file__).resolve().parent
REGRESSIONS = HERE / "fuzz-regressions"
DOCKET = HERE / "docket"  # the tests' own docket (see conftest.py)
VALID = DOCKET / "tiktok.toml"
TIME_LIMIT = 20.0

# The `run` and `tmp_path` fixtures are shared by the examples of one test: both are safe to
# reuse (the runner keeps no state; each example overwrites the one file it writes).
_BASE = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
settings.register_profile("dsactl-fuzz-short", _BASE, max_examples=50)
settings.register_profile("dsactl-fuzz-long", _BASE, max_examples=2000)
FUZZ = settings.get_profile(
    "dsactl-fuzz-long" if os.environ.get("DSACTL_FUZZ") == "long" else "dsactl-fuzz-short"
)

# Commands run on every generated file. {file}: the file; {folder}: its folder (the file
# alone); {case}: a valid shipped case file, for options that take an extra file.
FILE_COMMANDS: list[tuple[str, ...]] = [
    ("check", "{folder}", "--as-of", "2024-03-20", "--format", "json"),
    ("check", "{folder}", "--as-of", "2024-03-20", "--strict"),
    ("check", "{folder}", "--as-of", "2024-03-20", "--format", "github"),
    ("deadlines", "{folder}", "--as-of", "2024-03-20"),
    ("deadlines", "{folder}", "--as-of", "2024-03-20", "--all", "--format", "json"),
    ("deadlines", "{folder}", "--as-of", "2024-03-20", "--all", "--format", "csv"),
    ("deadlines", "{folder}", "--as-of", "2024-03-20", "--format", "ics"),
    ("deadlines", "{folder}", "--as-of", "2024-03-20", "--format", "markdown"),
    ("fine", "case", "{folder}", "--as-of", "2025-12-31"),
    ("fine", "case", "{folder}", "--as-of", "2025-12-31", "--format", "json"),
    ("deadlines", "{case}", "--as-of", "2024-03-20", "--calendar-file", "{file}"),
    ("period", "2024-03-14", "10wd", "--calendar-file", "{file}"),
    ("fine", "--turnover", "1e9", "--regime-file", "{file}", "--format", "json"),
]


class Hang(Exception):
    """A command ran longer than TIME_LIMIT seconds."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def invoke(run: Any, argv: list[str], *, usage: bool = True) -> tuple[int, str]:
    """Run ``dsactl ARGV`` in-process; assert the property; return (exit code, stdout).

    ``usage=False``: the command line is right, so exit 2 (wrong usage) is a failure too: a
    problem in a file must be reported as a finding in that file (exit 1).
    """
    with time_limit(TIME_LIMIT):
        result = run.runner.invoke(app, argv)
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        raise AssertionError(f"dsactl {argv!r} raised {exc!r}") from exc
    codes = (0, 1, 2) if usage else (0, 1)
    assert result.exit_code in codes, (argv, result.exit_code, result.stderr)
    if argv[0] == "check" and "json" in argv and result.exit_code != 2:
        for finding in json.loads(result.stdout)["findings"]:
            assert isinstance(finding["path"], str) and finding["path"], finding
            assert isinstance(finding["line"], int) and finding["line"] >= 1, finding
    return result.exit_code, result.stdout


def save(label: str, suffix: str, data: bytes, error: BaseException) -> None:
    """Keep a failing input as ``new-LABEL-ERROR-WHERE.SUFFIX``: one file per distinct bug,
    overwritten by each failing call, so the shrunk example is the one that stays."""
    root = error.__cause__ or error
    where = "property"
    for frame in traceback.extract_tb(root.__traceback__):
        if f"{os.sep}dsactl{os.sep}" in frame.filename:
            where = f"{Path(frame.filename).stem}-{frame.lineno}"
    REGRESSIONS.mkdir(exist_ok=True)
    if any(kept.read_bytes() == data for kept in REGRESSIONS.iterdir()):
        return  # already kept (a replayed regression or an explicit example)
    (REGRESSIONS / f"new-{label}-{type(root).__name__}-{where}{suffix}").write_bytes(data)


def run_file_commands(run: Any, folder: Path, data: bytes, label: str = "") -> None:
    """Write ``data`` as ``folder/case.toml`` and run every FILE_COMMANDS line on it."""
    file = folder / "case.toml"
    file.write_bytes(data)
    values = {"file": str(file), "folder": str(folder), "case": str(VALID)}
    for template in FILE_COMMANDS:
        # `fine case` finds no platform in a broken file (exit 2); an extra file given with
        # --calendar-file or --regime-file may be refused as usage; check and deadlines run
        # on a folder that exists, so they must answer with findings (exit 0 or 1).
        usage = template[0] == "fine" or "{file}" in template
        try:
            invoke(run, [part.format(**values) for part in template], usage=usage)
        except (AssertionError, Hang) as error:
            if label:
                save(label, ".toml", data, error)
            raise


def run_argv(run: Any, argv: list[str], label: str) -> tuple[int, str]:
    try:
        return invoke(run, argv)
    except (AssertionError, Hang) as error:
        save(label, ".argv.json", json.dumps(argv, indent=1).encode(), error)
        raise


# --- strategies ---------------------------------------------------------------------------

# fmt: off
# Text as users and attackers write it: any character but NUL (no command line or TOML
# basic string can hold it), with markup and escapes in the mix.
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40) | (
    st.sampled_from(["[red]x[/red]", "[bold", "\x1b[31m", "=1+1", "", " ", "é", "🙂", "\u202e"]))
SCALAR = TEXT | st.integers() | st.floats() | st.booleans() | st.dates() | st.datetimes() | (
    st.times())
ANY_VALUE = st.recursive(
    SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6)
UNITS = ["d", "w", "m", "y", "wd", "days", "weeks", "months", "years", "working days", "hours"]
PERIOD_TEXT = st.one_of(
    st.tuples(st.integers(-5, 40) | st.integers(-(10**12), 10**12),
              st.sampled_from(["", " ", "  "]), st.sampled_from(UNITS)).map(
        lambda parts: "".join(map(str, parts))),
    st.sampled_from(["two weeks", "ten days", "one month", "1 business day", "", "0d"]), TEXT)
DATE_TEXT = st.one_of(
    st.dates().map(date.isoformat), st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
    st.sampled_from(["0000-01-01", "9999-12-31", "2024-02-30", "20240314", "today", " "]), TEXT)
AMOUNT_TEXT = st.one_of(
    st.from_regex(r"\A[+-]?[0-9,_]{0,22}(\.[0-9]{0,12})?([eE][+-]?[0-9]{1,5})?"
                  r"\s?(k|m|bn|B|tn|M)?\Z"),
    st.decimals().map(str), st.floats().map(repr), st.integers().map(str), TEXT)
# Valid names first, then wrong ones (a "clean" document draws from the valid part only).
CALENDARS = ["eu-commission", "eu-commission-lu", "IE", "BE", "LU", "XX", "ie", "DE-BY"]
REGIMES = ["dsa", "dsa-national", "dma", "gdpr", "ai-act", "uk-osa", "nope", "DSA"]
CURRENCIES = ["EUR", "USD", "CNY", "GBP", "JPY", "XXX", "eur", "EURO"]
RULE_SETS = ["dsa-vlop", "dsa-platform", "dma-gatekeeper", "nope", "DSA-VLOP"]
RULE_IDS = ["dsa-vlop.transparency-report", "dsa-vlop.audit-report", "dma-gatekeeper.comply",
            "dsa-vlop.nope", "x"]
# fmt: on


def mostly(
    good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any], odds: int = 3
) -> st.SearchStrategy[Any]:
    """``good`` ``odds`` times to ``bad`` once (shrinking towards ``good``)."""
    return st.integers(0, odds).flatmap(lambda pick: bad if pick == odds else good)


_VALUES: dict[tuple[int, bool], st.SearchStrategy[Any]] = {}


def valid_value(field: spec.Field, clean: bool = False) -> st.SearchStrategy[Any]:
    """Values of the field's own type: only valid ones if ``clean``, else a wrong one at times
    (built once per field: building strategies at every draw took half of the test's time)."""
    key = (id(field), clean)
    if key not in _VALUES:
        _VALUES[key] = _valid_value(field, clean)
    return _VALUES[key]


def _valid_value(field: spec.Field, clean: bool) -> st.SearchStrategy[Any]:

    def pick(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return good if clean else mostly(good, bad)

    def named(known: list[str], valid: int) -> st.SearchStrategy[Any]:
        return pick(st.sampled_from(known[:valid]), st.sampled_from(known[valid:]) | TEXT)

    periods = st.sampled_from(["10 working days", "2w", "1 month", "5d", "1y"])
    by_type: dict[str, st.SearchStrategy[Any]] = {
        "string": pick(TEXT.filter(str.strip), TEXT),
        "text": TEXT,
        "date": pick(st.dates(date(2023, 1, 1), date(2026, 12, 31)), st.dates()),
        "amount": pick(st.integers(1, 10**13), st.integers() | st.floats() | AMOUNT_TEXT),
        "rate": pick(st.floats(0.01, 100), st.floats() | st.integers(-1, 10**6) | AMOUNT_TEXT),
        "bool": st.booleans(),
        "currency": named(CURRENCIES, 5),
        "enum": pick(st.sampled_from(field.enum or ("x",)), TEXT),
        "list": st.lists(named(REGIMES, 6), max_size=3),
        "int": pick(st.integers(1, 12), st.integers(-3, 0) | TEXT),
        "dates": pick(
            st.lists(st.dates(date(2023, 1, 1), date(2026, 12, 31)), max_size=2),
            st.lists(SCALAR, max_size=2),
        ),
    }
    special = {
        "period": pick(periods, PERIOD_TEXT),
        "calendar": named(CALENDARS, 5),
        "rules": st.lists(named(RULE_SETS, 3), max_size=3),
        "rule": named(RULE_IDS, 3),
    }
    return special.get(field.name, by_type[field.type])


SIZES = {"platform": 1, "turnover": 2, "proceedings": 3, "requests": 4, "fines": 2, "dma": 2,
         "anchors": 2, "filings": 2, "events": 2}  # fmt: skip
LATER = {"due": "sent", "answered": "sent", "closed": "opened"}


BROKEN = mostly(st.just(False), st.just(True), odds=9)


def coherent(
    draw: st.DrawFn, section: spec.Section, index: int, clean: bool, proceedings: list[str]
) -> dict[str, Any]:
    """One table of ``section``: unique id, dates in order, a reference that resolves, one of
    `due` and `period`; unless ``clean``, a value of any type or an unknown key now and then."""
    broken = BROKEN
    skip = {"due", "period"} - {draw(st.sampled_from(["due", "period"]))}
    values: dict[str, Any] = {}
    for field in section.fields:
        if field.name in skip or (not field.required and draw(st.booleans())):
            continue
        if field.name == "id":
            value: Any = f"{section.name[0]}{index}"
        elif field.name == "proceeding":
            if clean and not proceedings:
                continue
            value = draw(st.sampled_from(proceedings if clean else [*proceedings, "none"]))
        elif field.name in LATER and isinstance(values.get(LATER[field.name]), date):
            value = values[LATER[field.name]] + timedelta(draw(st.integers(0, 120)))
        else:
            value = draw(valid_value(field, clean))
        values[field.name] = value if clean or not draw(broken) else draw(ANY_VALUE)
    if not clean and draw(broken):
        values[draw(st.sampled_from(["bogus", "Subject", "due_date", "period"]))] = draw(ANY_VALUE)
    return values


@st.composite
def case_document(draw: st.DrawFn) -> dict[str, Any]:
    """A case file with the keys of ``dsactl.casefile.spec``: half of them hold only valid values
    (optional keys come and go), so the checks behind the type checks run; the other half
    have values of any type, wrong names and unknown keys now and then."""
    doc: dict[str, Any] = {}
    proceedings: list[str] = []
    clean = draw(st.booleans())
    for section in spec.SECTIONS:
        least = 1 if section.name == "platform" else 0
        count = draw(st.integers(least, SIZES[section.name]))
        tables = [coherent(draw, section, i, clean, proceedings) for i in range(count)]
        if section.name == "proceedings":
            proceedings.extend(t["id"] for t in tables if isinstance(t.get("id"), str))
        one = len(tables) == 1 and section.table_or_array
        if not section.many or (one and draw(st.booleans())):
            doc[section.name] = tables[0]
        elif len(tables) > 0 or draw(st.booleans()):
            doc[section.name] = tables
    for field in spec.TOP_LEVEL_FIELDS:
        if draw(st.booleans()):
            doc[field.name] = draw(valid_value(field, clean))
    return doc


def names(known: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(known) | TEXT


# fmt: off
CALENDAR_DOCUMENT = st.fixed_dictionaries({
    "calendar": st.fixed_dictionaries(
        {"name": names(CALENDARS), "year": st.integers(1500, 4200) | SCALAR},
        optional={"source": TEXT, "bogus": SCALAR}),
    "days": st.lists(
        st.fixed_dictionaries({"date": st.dates() | SCALAR}, optional={"name": TEXT}),
        max_size=4),
})
TIER = st.fixed_dictionaries(
    {"id": names(["74-1", "t", ""]), "kind": names(["infringement", "procedural", "periodic"]),
     "rate": AMOUNT_TEXT | SCALAR,
     "applies_to": names(["turnover", "revenue", "average-daily-turnover"]),
     "article": TEXT, "basis": TEXT, "description": TEXT, "source": TEXT},
    optional={"fixed": AMOUNT_TEXT | SCALAR, "rule": names(["higher", "lower"]),
              "sme_rule": names(["higher", "lower"]), "per_day": st.booleans() | SCALAR})
REGIME_DOCUMENT = st.fixed_dictionaries({
    "regime": st.fixed_dictionaries(
        {"id": names(["dsa", "my-law"]), "name": TEXT, "law": TEXT, "source": TEXT,
         "currency": st.sampled_from(CURRENCIES)},
        optional={"notes": st.lists(TEXT, max_size=2) | SCALAR}),
    "tiers": st.lists(TIER, max_size=3),
})
# fmt: on


@st.composite
def mutated(draw: st.DrawFn, document: dict[str, Any]) -> bytes:
    """The document as TOML, then up to three raw edits, line ends and a BOM at random."""
    text = tomli_w.dumps(document)
    for _ in range(draw(mostly(st.just(0), st.integers(1, 3)))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 20)))
        insert = draw(st.sampled_from(["", "\n", "[", "]", '"', "=", "[[requests]]\n", "#"]) | TEXT)
        text = text[:start] + insert + text[end:]
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return (draw(st.sampled_from(["", "\ufeff"])) + text).encode("utf-8")


DOCUMENTS = mostly(case_document(), CALENDAR_DOCUMENT | REGIME_DOCUMENT)
TOML_TOKENS = st.lists(
    st.sampled_from(["[platform]", "[[requests]]", "name", "=", '"x"', "2024-03-14", "\n", " "])
    | st.text(string.printable, max_size=3),
    max_size=30,
).map(lambda parts: "".join(parts).encode())


def cmd(*parts: str | st.SearchStrategy[Any]) -> st.SearchStrategy[list[str]]:
    """A command line of fixed words and drawn values; a drawn list is spliced in."""
    drawn = [st.just(p) if isinstance(p, str) else p for p in parts]
    return st.tuples(*drawn).map(
        lambda xs: [w for x in xs for w in (x if isinstance(x, list) else [x])]
    )


def opt(name: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[str]:
    return values.map(lambda value: f"{name}={value}")


FORMAT = opt("--format", st.sampled_from(["json", "table"]))
# One line per command that takes no case file: its name and how to build its arguments.
# Positional text goes after `--`, so a value starting with `-` is a value, not an option.
ARGV_STRATEGIES: dict[str, st.SearchStrategy[list[str]]] = {
    "fine-turnover": cmd(
        "fine", opt("--turnover", AMOUNT_TEXT), opt("--currency", names(CURRENCIES)),
        st.lists(opt("--regime", st.sampled_from(REGIMES)), max_size=2), FORMAT,
    ),
    "fine-rates": cmd(
        "fine", opt("--turnover", st.sampled_from(["1e9", "868.7B", "1"])),
        opt("--eur-rate", AMOUNT_TEXT), opt("--rate", AMOUNT_TEXT),
        st.lists(opt("--days", st.integers(-1, 10**9)), max_size=1),
        st.lists(st.sampled_from(["--sme", "--regime=ai-act", "--tier=99-3", "--tier=x"])),
    ),
    "period": cmd(
        "period", opt("--calendar", names(CALENDARS)), FORMAT, "--", DATE_TEXT, PERIOD_TEXT
    ),
    "calendar": cmd(
        "calendar", opt("--calendar", names(CALENDARS)), FORMAT, "--",
        st.integers(-10, 10**5).map(str) | TEXT,
    ),
    "regimes": cmd("regimes", FORMAT, "--", names(REGIMES)),
    "as-of": cmd(
        st.sampled_from([["check"], ["deadlines"], ["deadlines", "--format=json"], ["fine", "x"]]),
        str(DOCKET), opt("--as-of", DATE_TEXT),
    ),
    "new": cmd(
        "new", opt("--provider", TEXT), opt("--kind", names(list(spec.PLATFORM_KINDS))),
        st.lists(opt("--designated", DATE_TEXT), max_size=1), "--", TEXT,
    ),
}  # fmt: skip


# --- tests ---------------------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=400) | TOML_TOKENS)
def test_random_bytes_as_a_case_file(run: Any, tmp_path: Path, data: bytes) -> None:
    run_file_commands(run, tmp_path, data, "bytes")


@FUZZ
@given(data=DOCUMENTS.flatmap(mutated))
@example(data=(REGRESSIONS / "w105-due-on-a-sunday.toml").read_bytes())
@example(data=(REGRESSIONS / "due-after-4099.toml").read_bytes())
def test_random_documents_from_the_spec(run: Any, tmp_path: Path, data: bytes) -> None:
    run_file_commands(run, tmp_path, data, "document")


@pytest.mark.parametrize("name", sorted(ARGV_STRATEGIES))
@FUZZ
@given(data=st.data())
def test_random_command_lines(run: Any, tmp_path: Path, name: str, data: st.DataObject) -> None:
    argv = data.draw(ARGV_STRATEGIES[name], label="argv")
    code, stdout = run_argv(run, argv, name)
    if name == "new" and code == 0:
        # `new` promises a file that passes `dsactl check`.
        folder = tmp_path / "new"
        folder.mkdir(exist_ok=True)
        (folder / "new.toml").write_text(stdout, encoding="utf-8")
        checked = run_argv(run, ["check", str(folder), "--as-of", "2024-03-20"], "new-check")
        assert checked[0] == 0, (argv, checked[1])


@FUZZ
@given(request=st.sampled_from(["genai-elections", "nope", ""]) | TEXT, on=DATE_TEXT)
def test_answer_keeps_the_file_valid(run: Any, tmp_path: Path, request: str, on: str) -> None:
    folder = tmp_path / "answer"
    folder.mkdir(exist_ok=True)
    (folder / "tiktok.toml").write_bytes(VALID.read_bytes())
    argv = ["answer", f"--on={on}", "--as-of=2024-03-20", "--", "tiktok", request, str(folder)]
    code, _ = run_argv(run, argv, "answer")
    checked, out = invoke(run, ["check", str(folder), "--as-of", "2024-03-20"])
    assert checked == 0, (argv, code, out)


REGRESSION_FILES = [
    pytest.param(p, id=p.name)
    for p in sorted(REGRESSIONS.glob("*"))
    if p.suffix in (".toml", ".json")
]


@pytest.mark.parametrize("path", REGRESSION_FILES)
def test_regression(run: Any, tmp_path: Path, path: Path) -> None:
    """Replay a kept input: a file through FILE_COMMANDS, or a command line ({cases}: the
    shipped case files)."""
    if path.name.endswith(".argv.json"):
        argv = [part.replace("{cases}", str(DOCKET)) for part in json.loads(path.read_text())]
        invoke(run, argv)
    else:
        run_file_commands(run, tmp_path, path.read_bytes())


# What `check` says about the kept files whose bug was a crash: (code, key, line) of each
# finding; every one names the file and a line, so the fix is an answer, not just no crash.
EXPECTED_FINDINGS = {
    "due-after-4099.toml": [("E309", "requests[0].due", 13)],
    # Due 1576-01-02, unanswered: past due on 2024-03-20 as well (W101, same key and line).
    "due-before-1583.toml": [("E309", "requests[0].due", 12), ("W101", "requests[0].due", 12)],
    "w105-due-on-a-sunday.toml": [("W105", "requests[0].due", 12), ("W101", "requests[0].due", 12)],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_FINDINGS))
def test_regression_findings(run: Any, tmp_path: Path, name: str) -> None:
    (tmp_path / "case.toml").write_bytes((REGRESSIONS / name).read_bytes())
    argv = ["check", str(tmp_path), "--as-of", "2024-03-20", "--format", "json"]
    code, stdout = invoke(run, argv, usage=False)
    findings = json.loads(stdout)["findings"]
    assert [(f["code"], f["key"], f["line"]) for f in findings] == EXPECTED_FINDINGS[name]
    assert {f["path"] for f in findings} == {str(tmp_path / "case.toml")}
    assert code == (1 if any(f["level"] == "error" for f in findings) else 0)
    if name.startswith("due-"):
        assert "outside the years dsactl can count" in findings[0]["message"]
        assert "1583-4099" in findings[0]["message"]
