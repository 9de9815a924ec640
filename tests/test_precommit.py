"""The pre-commit hook in .pre-commit-hooks.yaml, run by pre-commit itself as users run it.

A repository of case files lists this repository in its `.pre-commit-config.yaml` (a `repo`
and a `rev`) and runs `pre-commit run`: pre-commit clones the repository at that commit,
builds a virtualenv and pip-installs dsactl into it (from the package index), then runs the
hook; a second run reuses that virtualenv. The test first snapshots this working tree
(tracked and untracked, less what .gitignore drops) into a throw-away repository with one
commit, so the hook is tested as the tree stands, committed or not. (`pre-commit try-repo`
would do the same with a new virtualenv at every call.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped]

from conftest import ROOT

GOOD = """\
[platform]
name = "Example"
provider = "Example Ltd"
"""
# `kindd` (line 4) is a typo for `kind`: unknown key, E202.
BAD = """\
[platform]
name = "Example"
provider = "Example Ltd"
kindd = "VLOP"
"""


def _env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: no GIT_* variables from an enclosing hook, a private
    pre-commit cache, no colour, and an identity for the commits made here."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
        GIT_AUTHOR_NAME="dsactl tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="dsactl tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        # pip installs without compiling every module of every dependency to .pyc (a third of
        # the install's time; the hook compiles what it imports). pip reads this variable as
        # the value of its `compile` setting: "0" is --no-compile.
        PIP_NO_COMPILE="0",
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _snapshot(env: dict[str, str], target: Path) -> Path:
    """This working tree as a one-commit repository at ``target``."""
    listed = _git(ROOT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    target.mkdir()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the tree is left out
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _git(target, env, "init", "-q")
    _git(target, env, "add", "-A")
    _git(target, env, "commit", "-q", "-m", "snapshot of the working tree")
    return target


def _run_hook(work: Path, env: dict[str, str], file: str) -> tuple[int, str]:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pre_commit", "run", "dsactl-check"),
            *("--files", file, "--color", "never"),
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,  # a safety net for a hung install, not a timing assertion
    )
    return done.returncode, done.stdout + done.stderr


def test_hook_manifest() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "dsactl-check"
    assert hook["entry"] == "dsactl check"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.toml$"
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is True
    assert hook["description"]


@pytest.mark.slow
def test_hook_passes_a_good_file_and_fails_a_bad_one(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of dsactl")
    env = _env(tmp_path)
    repo = _snapshot(env, tmp_path / "dsactl")
    work = tmp_path / "work"
    (work / "cases").mkdir(parents=True)
    _git(work, env, "init", "-q")
    (work / "cases" / "good.toml").write_text(GOOD, encoding="utf-8")
    (work / "cases" / "bad.toml").write_text(BAD, encoding="utf-8")
    rev = _git(repo, env, "rev-parse", "HEAD").strip()
    # JSON strings are YAML strings: the path is quoted whatever it holds.
    config = (
        f"repos:\n- repo: {json.dumps(str(repo))}\n  rev: {rev}\n  hooks:\n  - id: dsactl-check\n"
    )
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git(work, env, "add", "-A")

    code, out = _run_hook(work, env, "cases/good.toml")
    assert code == 0, out
    assert "dsactl check" in out and "Passed" in out

    # The second run reuses the hook's virtualenv (same repository, same commit).
    code, out = _run_hook(work, env, "cases/bad.toml")
    assert code != 0, out
    assert "Failed" in out
    assert "cases/bad.toml:4:1: error: platform.kindd: unknown key `kindd`" in out
    assert "[E202]" in out
