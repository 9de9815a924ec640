"""Putting a site in its folder, and what its footer says about the build.

``write_site`` writes every file into a fresh folder beside the target, then puts it in the
target's place: a reader never sees half a site, and no page of a platform that left the
docket survives. A folder is replaced only when it is new, empty, or holds ``MARKER`` (written
by a previous run): never a folder of someone else's.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dsactl.errors import UsageError
from dsactl.render.site.content import BuildInfo

if TYPE_CHECKING:
    import subprocess

#: Written into every site folder: a folder holding it may be replaced by a new site.
MARKER = ".dsactl-site"


class GitProbe:
    """``git status`` of the checkout holding a folder, started at once and read later (it
    runs while the case files are loaded). One call gives the commit and whether tracked files
    differ from it."""

    def __init__(self, directory: Path) -> None:
        import subprocess

        command = ["git", "-C", str(directory), "status", "--porcelain=v2", "--branch"]
        try:
            self._process: subprocess.Popen[str] | None = subprocess.Popen(
                [*command, "--untracked-files=no", "--ignore-submodules"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
        except OSError:  # no git
            self._process = None

    def result(self) -> tuple[str | None, bool]:
        """(commit, dirty); (None, False) outside a checkout, without git, or after 10 s."""
        import subprocess

        process = self._process
        if process is None:
            return None, False
        try:
            out, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return None, False
        if process.returncode != 0:
            return None, False
        commit, dirty = None, False
        for line in out.splitlines():
            if line.startswith("# branch.oid "):
                oid = line.removeprefix("# branch.oid ").strip()
                if len(oid) == 40 and all(c in "0123456789abcdef" for c in oid):
                    commit = oid
            elif line and not line.startswith("#"):
                dirty = True
        return commit, dirty if commit else False


def in_background(make: Callable[[], str]) -> Callable[[], str]:
    """Start ``make`` in a forked child and return the function that gives its text.

    Where there is no ``fork``, where the process has other threads (forking them is unsafe),
    or when the child fails, ``make`` simply runs in this process when its text is asked for:
    the result is the same, only sooner on a machine with a free core.
    """
    import threading

    if not hasattr(os, "fork") or threading.active_count() > 1:
        return make
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return make
    if pid == 0:  # the child: make the text, hand it over, and leave without cleaning up
        code = 1
        try:
            os.close(read_end)
            data = make().encode("utf-8")
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)

    def result() -> str:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return make()
        return data.decode("utf-8")

    return result


def build_info(version: str, git: GitProbe | None) -> BuildInfo:
    """The build time (``SOURCE_DATE_EPOCH`` when set, for reproducible builds, else now) and
    the git commit the probe found."""
    built = datetime.now(UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and len(epoch) <= 12:
        built = datetime.fromtimestamp(int(epoch), UTC)
    commit, dirty = git.result() if git is not None else (None, False)
    return BuildInfo(built=built, version=version, commit=commit, dirty=dirty)


def _refuse(out: Path) -> None:
    """A usage error unless ``out`` is new, empty, or a site dsactl wrote before."""
    here = Path.cwd().resolve()
    resolved = out.resolve()
    if resolved == here or resolved in here.parents:
        raise UsageError(
            f"-o {out}: the site replaces its whole folder, which cannot be the current "
            "folder or one that holds it",
            hint="give a folder of its own, e.g. -o _site",
        )
    if out.exists() and not out.is_dir():
        raise UsageError(f"-o {out}: not a folder", hint="give a new or empty folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(
            f"-o {out}: the folder is not empty and was not written by `dsactl site`",
            hint="give a new or empty folder; a folder written by `dsactl site` is replaced",
        )


def _remove(folder: Path) -> None:
    """Remove a site folder (flat: files only; ``shutil`` is imported only for more)."""
    try:
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                raise IsADirectoryError(entry.path)
            os.unlink(entry.path)
        os.rmdir(folder)
    except FileNotFoundError:
        pass
    except OSError:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def write_site(site: dict[str, str], out: Path) -> None:
    """Write the files into a fresh folder beside ``out``, then put it in ``out``'s place."""
    _refuse(out)
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        fresh.chmod(0o777 & ~umask)
        for name, text in site.items():
            # newline="": the calendar keeps its CRLF line ends (RFC 5545).
            with open(fresh / name, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
    except BaseException:
        _remove(fresh)
        raise
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=parent))
        os.replace(out, old / "site")
    try:
        os.replace(fresh, out)
    except BaseException:
        if old is not None:
            os.replace(old / "site", out)
            _remove(old)
        _remove(fresh)
        raise
    if old is not None:
        _remove(old / "site")
        _remove(old)
