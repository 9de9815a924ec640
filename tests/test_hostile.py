"""Hostile case files: markup, escape codes, formula cells and odd files are shown or refused,
never obeyed.

Text fields of a case file may hold Rich markup, ANSI escape sequences (colour, OSC 8 links)
and other control characters (written in TOML as ``\\u001b`` escapes). Every output format
must show them literally: no raw control character reaches stdout or stderr (the data's ESC
appears as the text ``\\x1b`` or ``\\u001b``), markup is visible as typed, and CSV cells that
a spreadsheet would run as a formula start with ``'``. A folder with a symlink loop, an
unreadable file, a folder named ``x.toml``, a FIFO, a link to ``/dev/zero``, a 50 MB file or a
file with 100 000 requests gives a clear result in bounded time and memory.

Commands are listed in ``DATA_COMMANDS`` and ``FINDING_COMMANDS``: add a line when a command
that shows case file text is added.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dsactl.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
VALID = Path(__file__).resolve().parent / "docket" / "tiktok.toml"
AS_OF = "2024-03-20"

HOSTILE = {
    "markup": "[red]x[/red]",
    "link-markup": "[link=https://evil.example]y[/link]",
    "open-markup": "[bold",
    "sgr": "\x1b[31mred",
    "osc8": "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
    "bell": "ring\x07",
    "backspace": "back\x08space",
    "carriage-return": "over\rwrite",
    "c1-csi": "c1\x9b31m",
}
NAME = "Evil [red]Co[/red] \x1b[31m"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def toml_string(text: str) -> str:
    """A TOML basic string; every control character as a ``\\uXXXX`` escape."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", body) + '"'


def shown(text: str) -> set[str]:
    """The literal forms of ``text``: control characters as ``\\xNN`` or as JSON escapes, or a
    CR as GitHub's ``%0D``."""
    x_form = CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    # JSON escapes U+0000-U+001F itself; DEL and C1 must be escaped the same way.
    u_form = CONTROL.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False)[1:-1]
    )
    github = text.replace("%", "%25").replace("\r", "%0D")
    return {x_form, u_form} | ({github} if not CONTROL.search(github) else set())


def raw_controls(output: str, *, crlf: bool = False) -> list[str]:
    """Control characters in ``output`` (tab and LF are fine; CR only before LF if ``crlf``)."""
    if crlf:
        output = output.replace("\r\n", "\n")
    return sorted({repr(c) for c in CONTROL.findall(output)})


def display_file(folder: Path) -> Path:
    """A valid case file whose every free-text field, and one request per hostile string,
    carries hostile text. Request ids stay plain so the id column does not wrap."""
    path = folder / "hostile.toml"
    name, provider = toml_string(NAME), toml_string(HOSTILE["osc8"])
    lines = [
        f'[platform]\nname = {name}\nprovider = {provider}\nkind = "VLOP"',
        f"note = {toml_string(HOSTILE['bell'])}\n",
        '[[turnover]]\namount = 1_000_000_000\ncurrency = "EUR"\nyear_end = 2023-12-31',
        f"source = {toml_string(HOSTILE['markup'])}\n",
        '[[fines]]\nid = "f1"\ndate = 2025-12-05\namount = 1_000\ncurrency = "EUR"',
        f"basis = {toml_string(HOSTILE['sgr'])}\nsource = {toml_string(HOSTILE['backspace'])}",
        f"note = {toml_string(HOSTILE['link-markup'])}\n",
    ]
    for index, text in enumerate(HOSTILE.values()):
        lines.append(
            f'[[requests]]\nid = "r{index}"\nsubject = {toml_string(text)}\n'
            f"sent = 2024-03-14\ndue = 2024-04-05\nsource = {toml_string(text)}\n"
        )
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def findings_file(folder: Path) -> Path:
    """A case file whose findings quote hostile values: request ids (W101 overdue), unknown
    proceedings (E303), kinds (E204), calendars (E306), currencies (E402), unknown keys (E202)."""
    path = folder / "findings.toml"
    lines = ['[platform]\nname = "Findings"\nprovider = "Findings Ltd"\n']
    lines.append('[[turnover]]\namount = 1\nyear_end = 2023-12-31\nsource = "s"')
    lines.append(f"currency = {toml_string(HOSTILE['sgr'])}\n")
    for text in HOSTILE.values():
        value = toml_string(text)
        lines.append(
            f'[[requests]]\nid = {value}\nsubject = "s"\nsent = 2024-01-02\ndue = 2024-01-10\n'
            f'source = "s"\n{value} = 1\n'
        )
        lines.append(
            f'[[requests]]\nid = "k{len(lines)}"\nsubject = "s"\nsent = 2024-01-02\n'
            f'due = 2024-01-10\nsource = "s"\nkind = {value}\ncalendar = {value}\n'
            f"proceeding = {value}\n"
        )
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# Commands that show text from a case file. {folder}: the folder holding display_file() or
# findings_file(); table forms run at 400 columns so no cell wraps. `True`: every hostile text
# must show in a literal form of shown(); `False`: the format escapes text its own way
# (Markdown, RFC 5545) or shows only some of it, so only "no raw control character, and the
# data's ESC shown as text" is asserted.
DATA_COMMANDS: list[tuple[tuple[str, ...], bool]] = [
    (("deadlines", "{folder}", "--as-of", AS_OF), True),
    (("deadlines", "{folder}", "--as-of", AS_OF, "--format", "json"), True),
    (("deadlines", "{folder}", "--as-of", AS_OF, "--format", "csv"), True),
    (("deadlines", "{folder}", "--as-of", AS_OF, "--format", "markdown"), False),
    (("deadlines", "{folder}", "--as-of", AS_OF, "--format", "ics"), False),
    (("fine", "hostile", "{folder}", "--as-of", "2025-12-31"), False),
    (("fine", "hostile", "{folder}", "--as-of", "2025-12-31", "--format", "json"), False),
]
# Commands whose findings quote hostile values from findings_file(). GitHub annotations stop
# at 10 per level, so not every value is quoted there.
FINDING_COMMANDS: list[tuple[tuple[str, ...], bool]] = [
    (("check", "{folder}", "--as-of", AS_OF), True),
    (("check", "{folder}", "--as-of", AS_OF, "--format", "json"), True),
    (("check", "{folder}", "--as-of", AS_OF, "--format", "github"), False),
    (("deadlines", "{folder}", "--as-of", AS_OF), True),  # the findings go to stderr
]
ESC_AS_TEXT = re.compile(r"\\(x1b|u001b)", re.IGNORECASE)


def invoke(run: Any, template: tuple[str, ...], folder: Path, **env: str | None) -> Any:
    argv = [part.format(folder=folder) for part in template]
    result = run.runner.invoke(app, argv, env={"COLUMNS": "400", **env})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def assert_literal(output: str, every: bool, *, crlf: bool = False) -> None:
    assert raw_controls(output, crlf=crlf) == []
    assert ESC_AS_TEXT.search(output), "the data's ESC is not shown as text"
    if every:
        texts = list(HOSTILE.values())
        missing = [t for t in texts if not any(form in output for form in shown(t))]
        assert missing == [], f"not shown literally: {missing!r}"


def name(case: tuple[tuple[str, ...], bool]) -> str:
    return " ".join(p for p in case[0] if p not in ("{folder}", "--as-of", AS_OF))


@pytest.mark.parametrize("case", DATA_COMMANDS, ids=[name(c) for c in DATA_COMMANDS])
def test_case_file_text_is_shown_literally(
    run: Any, tmp_path: Path, case: tuple[tuple[str, ...], bool]
) -> None:
    display_file(tmp_path)
    template, every = case
    result = invoke(run, template, tmp_path)
    assert result.exit_code == 0, result.stderr
    crlf = "csv" in template or "ics" in template
    assert_literal(result.stdout, every, crlf=crlf)
    assert raw_controls(result.stderr) == []


@pytest.mark.parametrize("case", FINDING_COMMANDS, ids=[name(c) for c in FINDING_COMMANDS])
def test_findings_quote_values_literally(
    run: Any, tmp_path: Path, case: tuple[tuple[str, ...], bool]
) -> None:
    findings_file(tmp_path)
    template, every = case
    result = invoke(run, template, tmp_path)
    assert result.exit_code == 1
    # Every hostile value is quoted by a finding: an unknown key (E202), kind (E204),
    # calendar (E306), proceeding (E303); ESC also as a currency (E402).
    assert_literal(result.stdout + result.stderr, every)


# Command lines that fail (exit 2) with a message quoting case file text, on display_file().
ERROR_COMMANDS: list[tuple[str, ...]] = [
    ("fine", "no-such-platform", "{folder}"),  # the hint lists the known platform names
]


@pytest.mark.parametrize("template", ERROR_COMMANDS, ids=[" ".join(t) for t in ERROR_COMMANDS])
def test_error_messages_quote_values_literally(
    run: Any, tmp_path: Path, template: tuple[str, ...]
) -> None:
    display_file(tmp_path)
    result = invoke(run, template, tmp_path)
    assert result.exit_code == 2
    assert raw_controls(result.stderr) == []
    assert any(form in result.stderr for form in shown(NAME))


COLOURED = [DATA_COMMANDS[0], DATA_COMMANDS[5], FINDING_COMMANDS[0]]


@pytest.mark.parametrize("case", COLOURED, ids=[name(c) for c in COLOURED])
def test_forced_colour_keeps_the_data_escaped(
    run: Any, tmp_path: Path, case: tuple[tuple[str, ...], bool]
) -> None:
    # With FORCE_COLOR, dsactl's own colours are SGR escapes (ESC [ … m); once they are
    # removed no ESC may be left, and the data's ESC must show as text.
    template = case[0]
    (findings_file if template[0] == "check" else display_file)(tmp_path)
    result = invoke(run, template, tmp_path, NO_COLOR=None, FORCE_COLOR="1")
    assert "\x1b]" not in result.stdout  # no OSC sequence (a link) at all
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert raw_controls(plain) == []
    assert any(form in plain for form in shown(HOSTILE["sgr"]))


FORMULAS = {
    "hyperlink": '=HYPERLINK("https://evil.example","click")',
    "plus": "+1+1",
    "minus": "-1+1",
    "at": "@SUM(A1)",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def test_csv_formula_cells_are_neutralised(run: Any, tmp_path: Path) -> None:
    lines = [f"[platform]\nname = {toml_string('=cmd')}\nprovider = {toml_string('@evil')}\n"]
    for key, text in FORMULAS.items():
        lines.append(
            f'[[requests]]\nid = "{key}"\nsubject = {toml_string(text)}\nsent = 2024-03-14\n'
            f'due = 2024-04-05\nsource = "s"\n'
        )
    (tmp_path / "formulas.toml").write_text("\n".join(lines), encoding="utf-8")
    base = ("deadlines", "{folder}", "--as-of", AS_OF, "--format")
    result = invoke(run, (*base, "csv"), tmp_path)
    assert result.exit_code == 0, result.stderr
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout, newline=""))}
    # Each formula cell gets a leading apostrophe: '=HYPERLINK(…), '+1+1, '-1+1, … A CR is
    # shown as the text \x0d, like every control character in a cell (tab stays), and a cell
    # starting with a backslash is no formula.
    assert {key: rows[key]["subject"] for key in FORMULAS} == {
        **{key: "'" + text for key, text in FORMULAS.items()},
        "cr": "\\x0d=1+1",
    }
    assert (rows["plus"]["platform"], rows["plus"]["provider"]) == ("'=cmd", "'@evil")
    # JSON keeps the exact text: neutralising is for spreadsheets only.
    document = json.loads(invoke(run, (*base, "json"), tmp_path).stdout)
    assert {row["id"]: row["subject"] for row in document} == FORMULAS


# --- odd files and folders: a clear answer in bounded time, in a child process -----------


def run_child(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m dsactl ARGV`` limited to 2 GiB of memory; a hang fails after ``timeout``
    (a generous bound that catches a hang, never a measure of speed: benchmarks/ times)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("DSACTL_CASES", None)
    try:
        return subprocess.run(
            [sys.executable, "-m", "dsactl", *argv],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            preexec_fn=limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"dsactl {' '.join(argv)} did not finish in {timeout} s")


def odd_folder(tmp_path: Path, kind: str) -> tuple[Path, str | None]:
    """A folder with one valid case file and one odd entry; the odd path expected in an E102
    finding (None when the entry must simply be skipped)."""
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(VALID, folder / "tiktok.toml")
    odd = folder / f"{kind}.toml"
    if kind == "symlink-loop":
        os.symlink(folder, folder / "loop")  # a link to a folder: not followed
        return folder, None
    if kind == "folder":
        odd.mkdir()
    elif kind == "link-to-folder":
        os.symlink(folder, odd)
    elif kind == "self-link":
        os.symlink(odd, odd)
    elif kind == "dangling-link":
        os.symlink(tmp_path / "gone", odd)
    elif kind == "huge":
        with odd.open("wb") as handle:  # 50 MB, sparse
            handle.truncate(50 * 1024 * 1024)
    elif kind == "fifo":
        os.mkfifo(odd)
    elif kind == "dev-zero":
        os.symlink("/dev/zero", odd)
    return folder, str(odd)


ODD = [
    "symlink-loop",
    "folder",
    "link-to-folder",
    "self-link",
    "dangling-link",
    "huge",
    "fifo",
    "dev-zero",
]


ODD_RUNS = [(command, kind) for command in ("check", "deadlines") for kind in ODD]


@pytest.mark.parametrize("run_of", ODD_RUNS, ids=["-".join(r) for r in ODD_RUNS])
def test_odd_entries_give_a_clear_finding(tmp_path: Path, run_of: tuple[str, str]) -> None:
    command, kind = run_of
    folder, odd = odd_folder(tmp_path, kind)
    # A FIFO that blocks the read hangs: the time-out catches a hang, it does not time dsactl
    # (generous, so a busy machine never fails the test).
    proc = run_child(command, str(folder), "--as-of", AS_OF, "--format", "json", timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    if odd is None:
        assert (proc.returncode, proc.stderr) == (0, "")
        return
    assert proc.returncode == 1, proc.stderr
    if command == "check":
        findings = json.loads(proc.stdout)["findings"]
        assert [(f["path"], f["code"]) for f in findings if f["level"] == "error"] == [
            (odd, "E102")
        ]
    else:
        assert f"{odd}:1:1: error:" in proc.stderr and "[E102]" in proc.stderr


def test_unreadable_file_is_read_or_reported(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    path = folder / "tiktok.toml"
    shutil.copy(VALID, path)
    path.chmod(0)
    try:
        readable = os.access(path, os.R_OK)  # True for root, who reads it anyway
        proc = run_child("check", str(folder), "--as-of", AS_OF, "--format", "json")
    finally:
        path.chmod(0o644)
    assert "Traceback" not in proc.stderr, proc.stderr
    codes = [f["code"] for f in json.loads(proc.stdout)["findings"]]
    if readable:
        assert (proc.returncode, codes) == (0, [])
    else:
        assert (proc.returncode, codes) == (1, ["E102"])


def test_the_50_mb_limit_message(tmp_path: Path) -> None:
    folder, odd = odd_folder(tmp_path, "huge")
    proc = run_child("check", str(folder), "--as-of", AS_OF)
    # 50 * 1024 * 1024 bytes = 52.4 MB; the limit is 10 MiB.
    assert f"{odd}:1:1: error: is 52.4 MB; case files are limited to 10 MiB [E102]" in (proc.stdout)


MANY = 20_000


@pytest.fixture(scope="module")
def many_requests(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One valid file with 20 000 requests (1.4 MB): enough that work quadratic in the
    requests of a file would not finish within the timeout, small enough for the quick suite
    (the 10 MiB limit itself is tested above; benchmarks/ times 10 000 files)."""
    folder = tmp_path_factory.mktemp("many")
    parts = ['[platform]\nname = "Big"\nprovider = "Big Ltd"\n']
    parts += [
        f'[[requests]]\nid = "r{i}"\nsubject = "s"\nsent = 2024-01-02\ndue = 2024-04-05\n'
        for i in range(MANY)
    ]
    (folder / "big.toml").write_text("".join(parts), encoding="utf-8")
    return folder


def test_20_000_requests_are_checked_in_bounded_time(many_requests: Path) -> None:
    proc = run_child("check", str(many_requests), "--as-of", AS_OF, "--format", "json", timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # No `source` anywhere: one W102 per request, and nothing else.
    report = json.loads(proc.stdout)
    assert (report["errors"], report["warnings"]) == (0, MANY)


def test_20_000_requests_are_listed_in_bounded_time(many_requests: Path) -> None:
    argv = ("deadlines", str(many_requests), "--as-of", AS_OF, "--format", "json")
    proc = run_child(*argv, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = json.loads(proc.stdout)
    # 2024-03-20 to Fri 5 Apr 2024: 16 days, all open.
    assert (len(rows), {r["days_left"] for r in rows}) == (MANY, {16})
