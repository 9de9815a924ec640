"""A CI gate never passes by not looking, and no output line starts a GitHub Actions command.

Real processes on a real filesystem: an unreadable folder (as the user nobody, since root
reads everything), symbolic links to folders and loops of them, hostile names in every format.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

CASE = (
    '[platform]\nname = "{name}"\nprovider = "P"\n\n[[requests]]\nid = "r0"\n'
    'subject = "{subject}"\nsent = 2024-03-14\ndue = 2024-04-05\nsource = "x"\n'
)


def write_case(path: Path, name: str, subject: str = "s") -> Path:
    path.write_text(CASE.format(name=name, subject=subject), encoding="utf-8")
    return path


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k != "DSACTL_CASES"}
    base.update({"NO_COLOR": "1", "COLUMNS": "100", **extra})
    return base


def dsactl(*args: str, cwd: Path | None = None, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dsactl", *args],
        capture_output=True,
        text=True,
        env=env(**extra),
        cwd=cwd,
        timeout=60,
    )


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder every user may enter (pytest's own tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="dsactl-test-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def as_nobody(args: list[str]) -> subprocess.CompletedProcess[str]:
    python = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
    import typer

    import dsactl as package

    paths = [str(Path(package.__file__).parent.parent), str(Path(typer.__file__).parent.parent)]
    child = env(HOME="/tmp", PYTHONPATH=os.pathsep.join(paths), PYTHONDONTWRITEBYTECODE="1")

    def drop() -> None:
        os.setgid(65534)
        os.setuid(65534)

    if os.geteuid() != 0 or not os.path.exists(python):
        pytest.skip("needs root and an interpreter that the user nobody can run")
    probe = subprocess.run([python, "-c", "import dsactl.cli.app"], env=child, preexec_fn=drop)
    if probe.returncode != 0:
        pytest.skip("the user nobody cannot import dsactl here")
    return subprocess.run(
        [python, "-m", "dsactl", *args],
        capture_output=True,
        text=True,
        env=child,
        preexec_fn=drop,
        timeout=60,
    )


# -- 6. unreadable folders and files, links to folders -------------------------------------


def test_an_unreadable_subfolder_is_an_error(open_folder: Path) -> None:
    write_case(open_folder / "ok.toml", "Ok")
    hidden = open_folder / "team"
    hidden.mkdir()
    write_case(hidden / "secret.toml", "Secret")
    hidden.chmod(0o700)  # root's: nobody cannot list it
    done = as_nobody(["check", str(open_folder), "--as-of", "2024-03-20"])
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{hidden}:1:1: error: is a folder that cannot be read" in done.stdout + done.stderr
    assert "E102" in done.stdout + done.stderr


def test_an_unreadable_case_file_is_an_error(open_folder: Path) -> None:
    write_case(open_folder / "ok.toml", "Ok")
    locked = write_case(open_folder / "locked.toml", "Locked")
    locked.chmod(0o600)
    done = as_nobody(["check", str(open_folder), "--as-of", "2024-03-20"])
    assert done.returncode == 1
    assert f"{locked}:1:1: error: cannot be read" in done.stdout + done.stderr


def test_links_to_folders_are_followed_once_and_loops_end(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    write_case(real / "a.toml", "A")
    (tmp_path / "cases").mkdir()
    write_case(tmp_path / "cases" / "b.toml", "B")
    (tmp_path / "cases" / "linked").symlink_to(real)  # followed
    (tmp_path / "cases" / "again").symlink_to(real)  # the same folder: searched once
    (real / "loop").symlink_to(tmp_path / "cases")  # back up: no endless walk
    done = dsactl("check", str(tmp_path / "cases"), "--as-of", "2024-03-20")
    assert done.returncode == 0, done.stderr
    assert "checked 2 file(s)" in done.stdout + done.stderr
    done = dsactl("show", "A", str(tmp_path / "cases"), "--as-of", "2024-03-20")
    assert done.returncode == 0, done.stderr


# -- 7. no workflow commands ---------------------------------------------------------------

HOSTILE = "::error title=Injected::forged"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    first = write_case(folder / "::warning title=Forged::pwned.toml", HOSTILE, "x\\n::error::sub")
    # No `source`: a warning (W102), so that `check` names the file.
    first.write_text(first.read_text().replace('source = "x"\n', ""))
    write_case(folder / "  ::notice::x.toml", "  ::add-mask::secret")
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--format", "json"],
        ["check", "--format", "sarif"],
        ["check", "--strict"],
        ["deadlines"],
        ["deadlines", "--format", "csv"],
        ["deadlines", "--format", "json"],
        ["deadlines", "--format", "markdown"],
        ["deadlines", "--format", "ics"],
        ["deadlines", "--all"],
        ["timeline"],
    ],
)
@pytest.mark.parametrize("where", ["folder", "cwd"])
def test_no_line_starts_a_workflow_command(hostile: Path, args: list[str], where: str) -> None:
    if where == "cwd":  # paths shown relative: `::warning title=Forged::pwned.toml:4:1: …`
        done = dsactl(*args, ".", "--as-of", "2024-03-20", cwd=hostile)
    else:
        done = dsactl(*args, str(hostile), "--as-of", "2024-03-20")
    assert "Traceback" not in done.stderr
    for line in (done.stdout + done.stderr).splitlines():
        assert not line.lstrip(" \t").startswith("::"), line


@pytest.mark.parametrize("args", [["show", HOSTILE], ["fine", HOSTILE], ["answer", HOSTILE, "r0"]])
def test_no_line_of_a_platform_command_starts_a_workflow_command(
    hostile: Path, args: list[str]
) -> None:
    done = dsactl(*args, str(hostile), "--as-of", "2024-03-20")
    assert "Traceback" not in done.stderr
    for line in (done.stdout + done.stderr).splitlines():
        assert not line.lstrip(" \t").startswith("::"), line


def test_github_format_still_writes_commands(hostile: Path) -> None:
    done = dsactl("check", str(hostile), "--format", "github", "--as-of", "2024-03-20")
    lines = done.stdout.splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    assert "%3A%3Awarning title=Forged%3A%3Apwned.toml" in done.stdout
