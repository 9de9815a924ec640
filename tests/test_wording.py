"""Issue 13 item 5: small wording faults a new user notices."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import Run
from dsactl.cli.app import app

CASE = """\
[platform]
name = "Wordco"
provider = "Wordco Ltd"

[[requests]]
id = "r1"
subject = "s"
sent = 2024-03-14
due = 2024-04-05
answered = 2024-04-05
calendar = "EU"
"""


def _findings(run: Run, path: Path) -> list[dict[str, str]]:
    _, out, _ = run("check", str(path), "--as-of", "2024-06-01", "--format", "json")
    findings: list[dict[str, str]] = json.loads(out)["findings"]
    return findings


def test_e306_and_w102_say_things_once(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "wordco.toml"
    path.write_text(CASE, encoding="utf-8")
    by_code = {f["code"]: f for f in _findings(run, path)}
    e306 = by_code["E306"]["message"]
    assert e306.startswith("unknown calendar `EU`: no such country")
    assert e306.lower().count("unknown calendar") == 1
    w102 = by_code["W102"]
    assert w102["key"] == "requests[0]"
    assert w102["message"] == "`r1` has no `source`: say where it comes from"
    assert "requests[0]" not in w102["message"]


def test_calendar_footer_counts_one_holiday(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "one.toml"
    path.write_text(
        '[calendar]\nname = "eu-commission"\nyear = 2030\nsource = "test"\n\n'
        '[[days]]\ndate = 2030-01-01\nname = "New Year\'s Day"\n',
        encoding="utf-8",
    )
    code, out, err = run("calendar", "2030", "--calendar-file", str(path))
    assert code == 0, err
    assert "1 public holiday " in out + " " and "1 public holidays" not in out


def test_show_suggests_a_close_platform(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "tiktok.toml"
    path.write_text('[platform]\nname = "TikTok"\nprovider = "ByteDance"\n', encoding="utf-8")
    code, _, err = run("show", "tiktk", str(path))
    assert code == 2
    assert "(did you mean `TikTok`?)" in err


def test_check_colours_severity_on_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "wordco.toml"
    path.write_text(CASE, encoding="utf-8")
    runner = CliRunner(env={"FORCE_COLOR": "1", "NO_COLOR": None, "COLUMNS": "120"})
    result = runner.invoke(app, ["check", str(path), "--as-of", "2024-06-01"])
    assert "\x1b[1;31merror\x1b[0m" in result.stdout
    assert "\x1b[1;33mwarning\x1b[0m" in result.stdout
    plain = CliRunner(env={"NO_COLOR": "1"}).invoke(app, ["check", str(path)])
    assert "\x1b[" not in plain.stdout  # never in a pipe or with NO_COLOR


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("show", "dsactl show [OPTIONS] {PLATFORM} [PATHS...]"),
        ("fine", "dsactl fine [OPTIONS] [PLATFORM] [PATHS...]"),
        ("answer", "dsactl answer [OPTIONS] {PLATFORM} {REQUEST_ID} [PATHS...]"),
        ("calendar", "dsactl calendar [OPTIONS] [YEAR]"),
        ("regimes", "dsactl regimes [OPTIONS] [NAME]"),
        ("deadlines", "dsactl deadlines [OPTIONS] [PATHS...]"),
    ],
)
def test_help_writes_arguments_one_way(run: Run, command: str, usage: str) -> None:
    _, out, _ = run(command, "--help")
    assert usage in out
    # required {NAME}, optional [NAME], always upper case
    line = next(line for line in out.splitlines() if "Usage:" in line)
    assert not re.search(r"[{\[][a-z]", line), line


@pytest.mark.parametrize("command", ["calendar", "regimes"])
def test_help_examples_are_not_joined_like_a_pipe(run: Run, command: str) -> None:
    _, out, _ = run(command, "--help")
    assert "Examples:" in out
    assert "   |   " not in out


def test_top_level_help_has_examples(run: Run) -> None:
    _, out, _ = run("--help")
    assert "Examples:" in out
    assert "dsactl deadlines cases/ --as-of 2024-03-15" in out
