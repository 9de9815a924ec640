"""Issue 13 item 19: every README example is run, and prints what the README shows.

- A ``$ dsactl …`` block is run from the repository root (its ``cases/`` are the shipped
  files), 100 columns wide, without colour; its output must match the block line by line
  (trailing spaces aside), where a line ``…`` stands for any number of lines left out.
- A file an example reads (``demo.toml``) is the ```toml block before it whose first line is
  ``# demo.toml``; it is written to a temporary folder, where the command runs.
- The other TOML blocks are checked too: the case-file example passes `dsactl check`, the
  calendar and regime file examples are read by the commands the README names; the GitHub
  Actions and pre-commit examples run the commands they name and pin a revision that exists.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from dsactl.cli.app import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```\n", re.MULTILINE | re.DOTALL)
ELIDED = "…"


def _blocks() -> list[tuple[str, str]]:
    return [(m["lang"], m["body"]) for m in BLOCK.finditer(README)]


def _examples() -> list[tuple[str, list[str], dict[str, str]]]:
    """(command, expected lines, files it reads) for every ``$ dsactl`` block."""
    found = []
    files: dict[str, str] = {}
    for lang, body in _blocks():
        first = body.split("\n", 1)[0]
        if lang == "toml" and re.fullmatch(r"# [\w.-]+\.toml", first):
            files[first[2:]] = body
        if lang == "" and first.startswith("$ dsactl "):
            found.append((first[2:], body.split("\n")[1:-1], dict(files)))
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``expected`` with each ``…`` line standing for any lines."""
    exp = [line.rstrip() for line in expected]
    act = [line.rstrip() for line in actual]

    def at(i: int, j: int) -> bool:
        if i == len(exp):
            return j == len(act)
        if exp[i] == ELIDED:
            return any(at(i + 1, k) for k in range(j, len(act) + 1))
        return j < len(act) and exp[i] == act[j] and at(i + 1, j + 1)

    return at(0, 0)


def _run(command: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(cwd)
    runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100", "DSACTL_CASES": None})
    result = runner.invoke(app, shlex.split(command)[1:])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.stdout


EXAMPLES = _examples()


def test_the_readme_has_examples() -> None:
    commands = [command for command, _, _ in EXAMPLES]
    assert len(commands) >= 7, commands


@pytest.mark.parametrize(("command", "expected", "files"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_prints_what_the_readme_shows(
    command: str,
    expected: list[str],
    files: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cwd = ROOT
    needed = {name: text for name, text in files.items() if name in command.split()}
    if needed:
        cwd = tmp_path
        for name, text in needed.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
    output = _run(command, cwd, monkeypatch)
    assert matches(expected, output.split("\n")[: -1 if output.endswith("\n") else None]), (
        "README example differs; the command prints:\n" + output
    )


def test_the_matcher() -> None:
    assert matches(["a", ELIDED, "d"], ["a", "b", "c", "d"])
    assert matches(["a", ELIDED, "d"], ["a", "d"])
    assert not matches(["a", ELIDED, "d"], ["a", "b", "c"])
    assert not matches(["a", "b"], ["a", "c"])
    assert matches(["a  "], ["a"])


def _toml_blocks(marker: str) -> list[str]:
    return [body for lang, body in _blocks() if lang == "toml" and marker in body]


def test_the_case_file_example_passes_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (body,) = _toml_blocks('name = "AliExpress"')
    (tmp_path / "aliexpress.toml").write_text(body, encoding="utf-8")
    output = _run("dsactl check aliexpress.toml --as-of 2024-03-15", tmp_path, monkeypatch)
    assert "checked 1 file(s): 0 error(s)" in output, output


def test_the_calendar_file_example_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (body,) = _toml_blocks("[calendar]")
    (tmp_path / "cal.toml").write_text(body, encoding="utf-8")
    output = _run("dsactl calendar 2026 --calendar-file cal.toml", tmp_path, monkeypatch)
    assert "New Year's Day" in output and "published" in output, output


def test_the_regime_file_example_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (body,) = _toml_blocks("[regime]")
    (tmp_path / "my-law.toml").write_text(body, encoding="utf-8")
    # the command the README gives for it
    assert "dsactl regimes ie-osmr --regime-file my-law.toml" in README
    output = _run("dsactl regimes ie-osmr --regime-file my-law.toml", tmp_path, monkeypatch)
    assert "139ZK" in output, output


def test_the_ci_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workflows = [body for lang, body in _blocks() if lang == "yaml" and "dsactl check" in body]
    assert workflows
    for body in workflows:
        for command in re.findall(r"run: (dsactl [^|\n]*?)(?: \|\||\n)", body):
            command = command.replace("-o dsactl.sarif", f"-o {tmp_path / 'dsactl.sarif'}")
            output = _run(command.strip(), ROOT, monkeypatch)
            assert "Traceback" not in output


def test_the_pre_commit_example_pins_a_revision_that_exists() -> None:
    (body,) = [b for lang, b in _blocks() if lang == "yaml" and "id: dsactl-check" in b]
    (rev,) = re.findall(r"rev: (\S+)", body)
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: dsactl-check" in hooks
    # no release tag exists yet: the example must not invent one (it was `v0.1.0`)
    assert not re.fullmatch(r"v?\d+(\.\d+)*", rev), rev
