"""`dsactl site`: the docket as a static web report (HTML, one stylesheet, JSON, iCalendar).

``site_files`` makes every file of the site as text; ``write_site`` puts them in a folder,
replacing a site written there before as a whole (never a half-written site, never a folder
that dsactl did not write). Nothing here computes a date or a cap: the pages show what
``deadlines``, ``show`` and ``timeline`` compute, and the JSON and calendar files are exactly
what those commands print.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dsactl.errors import UsageError
from dsactl.render.site.content import BuildInfo, gather

if TYPE_CHECKING:
    from datetime import date

    from dsactl.docket.load import Docket

__all__ = ["MARKER", "BuildInfo", "build_info", "site_files", "write_site"]

#: Written into every site folder: a folder holding it may be replaced by a new site.
MARKER = ".dsactl-site"
_MARKER_TEXT = "This folder was written by `dsactl site`; the next run replaces all of it.\n"


def site_files(
    docket: Docket, as_of: date, *, title: str, soon: int, build: BuildInfo
) -> dict[str, str]:
    """File name -> text of every file of the site (names are relative, without folders)."""
    from importlib.resources import files

    from dsactl.render.deadlines import deadlines_json
    from dsactl.render.ics import deadlines_ics
    from dsactl.render.show import summary_json
    from dsactl.render.site.pages import CALENDAR, DATA_JSON, STYLESHEET, render_pages
    from dsactl.render.structured import to_json

    content = gather(docket, as_of, title=title, soon=soon, build=build)
    site = render_pages(content)
    site[STYLESHEET] = files("dsactl.render.site").joinpath("style.css").read_text("utf-8")
    site[DATA_JSON] = deadlines_json(list(content.rows))
    site[CALENDAR] = deadlines_ics(content.rows, stamp=build.built)
    for platform in content.platforms:
        site[platform.json] = to_json(summary_json(platform.summary))
    site[MARKER] = _MARKER_TEXT
    return site


def build_info(version: str, directory: Path) -> BuildInfo:
    """The build time (``SOURCE_DATE_EPOCH`` when set, for reproducible builds, else now) and
    the git commit of ``directory`` when it is in a git checkout."""
    built = datetime.now(UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and len(epoch) <= 12:
        built = datetime.fromtimestamp(int(epoch), UTC)
    commit, dirty = _git_commit(directory)
    return BuildInfo(built=built, version=version, commit=commit, dirty=dirty)


def _git_commit(directory: Path) -> tuple[str | None, bool]:
    """(commit, whether tracked files differ from it) of the checkout holding ``directory``;
    (None, False) outside a checkout or without git. One ``git status`` gives both."""
    import subprocess

    try:
        command = ["git", "-C", str(directory), "status", "--porcelain=v2", "--branch"]
        done = subprocess.run(
            [*command, "--untracked-files=no", "--ignore-submodules"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return None, False
    if done.returncode != 0:
        return None, False
    commit, dirty = None, False
    for line in done.stdout.splitlines():
        if line.startswith("# branch.oid "):
            oid = line.removeprefix("# branch.oid ").strip()
            if len(oid) == 40 and all(c in "0123456789abcdef" for c in oid):
                commit = oid
        elif line and not line.startswith("#"):
            dirty = True
    return commit, dirty if commit else False


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
        shutil.rmtree(fresh, ignore_errors=True)
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
            shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
