"""`atomic_write`: the original survives a refused, failed or killed write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dsactl.casefile.discovery import find_case_files
from dsactl.edit.atomic import atomic_write
from dsactl.errors import DataError, UsageError

ORIGINAL = '[platform]\r\nname = "A"   # kept\r\nprovider = "A"\r\n'

# The child replaces os.replace with a SIGKILL of itself: the process dies after the
# temporary file is written and fsynced, before the rename.
KILLED_BEFORE_RENAME = """
import os, signal, sys
from pathlib import Path

from dsactl.edit import atomic as fileio

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

fileio.os.replace = die
path = Path(sys.argv[1])
fileio.atomic_write(path, "new content\\n", expected=path.read_bytes())
"""


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "case.toml"
    path.write_bytes(ORIGINAL.encode("utf-8"))
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_text_exactly_with_crlf_kept(target: Path) -> None:
    atomic_write(target, "a\r\nb\n", expected=ORIGINAL.encode("utf-8"))
    assert target.read_bytes() == b"a\r\nb\n"
    assert names(target.parent) == ["case.toml"]


def test_stale_expected_bytes_write_nothing(target: Path) -> None:
    with pytest.raises(DataError, match="changed on disk since it was read"):
        atomic_write(target, "new", expected=b"what was read before")
    assert target.read_bytes() == ORIGINAL.encode("utf-8")
    assert names(target.parent) == ["case.toml"]


def test_a_change_while_the_temporary_file_is_written_wins(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Someone saves the file while dsactl fsyncs its temporary file: the second check,
    # right before the rename, sees it.
    real_fsync = os.fsync

    def fsync_and_edit(fd: int) -> None:
        real_fsync(fd)
        target.write_bytes(b"saved meanwhile\n")

    monkeypatch.setattr(os, "fsync", fsync_and_edit)
    with pytest.raises(DataError, match="changed on disk"):
        atomic_write(target, "new", expected=ORIGINAL.encode("utf-8"))
    assert target.read_bytes() == b"saved meanwhile\n"
    assert names(target.parent) == ["case.toml"]


def test_permission_bits_are_kept(target: Path) -> None:
    target.chmod(0o640)
    atomic_write(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.toml", "x", overwrite=False)
    finally:
        os.umask(old)
    # 0o666 & ~0o027 = 0o640
    assert (tmp_path / "new.toml").stat().st_mode & 0o777 == 0o640


def test_no_overwrite_refuses_an_existing_file(target: Path) -> None:
    with pytest.raises(UsageError, match="file exists; refusing to overwrite it"):
        atomic_write(target, "new", overwrite=False)
    assert target.read_bytes() == ORIGINAL.encode("utf-8")
    assert names(target.parent) == ["case.toml"]


def test_a_symbolic_link_is_written_through(tmp_path: Path, target: Path) -> None:
    link = tmp_path / "cases" / "link.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    atomic_write(link, "new", expected=ORIGINAL.encode("utf-8"))
    assert link.is_symlink()
    assert target.read_text() == "new"
    assert names(link.parent) == ["link.toml"]


def test_a_failed_rename_leaves_the_original_and_no_temporary_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DataError, match="cannot be written: Permission denied"):
        atomic_write(target, "new")
    assert target.read_bytes() == ORIGINAL.encode("utf-8")
    assert names(target.parent) == ["case.toml"]


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        atomic_write(tmp_path / "nowhere" / "x.toml", "x")


def test_killed_before_the_rename_the_original_is_intact(target: Path) -> None:
    child = subprocess.run(
        [sys.executable, "-c", KILLED_BEFORE_RENAME, str(target)],
        capture_output=True,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert target.read_bytes() == ORIGINAL.encode("utf-8")
    # SIGKILL gives no chance to clean up: the complete temporary file stays behind,
    # named .case.toml.XXXXXXXX.tmp ...
    leftovers = [p for p in target.parent.iterdir() if p != target]
    assert len(leftovers) == 1
    stray = leftovers[0]
    assert stray.name.startswith(".case.toml.")
    assert stray.name.endswith(".tmp")
    assert stray.read_text() == "new content\n"
    # ... and case file discovery (*.toml) does not pick it up.
    assert find_case_files([target.parent]) == [target]
