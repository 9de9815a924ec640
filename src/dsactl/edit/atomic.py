"""Writing files without ever leaving a half-written one behind.

The content goes to a temporary file ``.NAME.XXXXXXXX.tmp`` in the target's folder, is flushed
and fsynced, and only then renamed over the target, so a reader sees the old file or the new
one, never a mix. If the process is killed before the rename, the original is intact and the
temporary file stays behind; it starts with a dot and ends in ``.tmp``, so case file
discovery (``*.toml``) never picks it up.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from dsactl.errors import DataError, UsageError
from dsactl.shown import shown_path


def _write_through(path: Path, target: Path, text: str) -> None:
    """``-o /dev/stdout``, a FIFO, a terminal: written to as they are, never replaced by a
    regular file (nothing to make atomic: they hold no earlier content to protect)."""
    if target.is_dir():
        raise UsageError(f"{path}: is a folder", hint="give a file name")
    try:
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise DataError(f"{path}: cannot be written: {exc.strerror or exc}") from None


def atomic_write(
    path: Path,
    text: str,
    *,
    overwrite: bool = True,
    expected: bytes | None = None,
    display: str | None = None,
    make_folder: bool = False,
) -> None:
    """Write ``text`` (UTF-8, line ends as given) to ``path`` atomically.

    ``make_folder``: create the missing folders of ``path`` first (``dsactl new -o
    cases/x.toml`` in a project that has no ``cases/`` yet); otherwise a missing folder is
    a UsageError.

    A temporary file in the same folder, flushed and fsynced, then renamed over the target.
    The target's permission bits, owner and group are kept (a write that cannot keep them
    is refused); a symbolic link is written through (the file it points to is replaced, the
    link stays). A target that exists and is not a regular file
    (a device such as /dev/stdout, a FIFO) is written to directly, never replaced.

    ``overwrite=False`` refuses an existing file (UsageError). ``expected`` is the content the
    caller read before: if the file changed on disk since (checked again right before the
    rename), nothing is written (DataError). ``display``: how messages name the file
    (default: ``path``); never the temporary file.
    """
    shown = display if display is not None else shown_path(path)
    if overwrite and expected is None and path.exists() and not path.is_file():
        _write_through(path, path, text)
        return
    target = Path(os.path.realpath(path)) if overwrite and path.is_symlink() else path
    folder = target.parent if str(target.parent) else Path(".")
    if make_folder and not folder.exists():
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise UsageError(
                f"{path}: cannot create folder {folder}: {exc.strerror or exc}"
            ) from None
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist", hint="create it first")
    exists = target.exists()
    if exists and not overwrite:
        raise UsageError(
            f"{path}: file exists; refusing to overwrite it", hint="choose another name"
        )
    if expected is not None:
        _check_unchanged(shown, target, expected)
    info = target.stat() if exists else None
    mode = stat.S_IMODE(info.st_mode) if info is not None else None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DataError(
            f"{shown}: cannot be written: no new file can be made in its folder {folder} "
            f"({exc.strerror or exc}); nothing was written",
            hint="dsactl writes a new file beside it and renames it: the folder must be writable",
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        if info is not None:
            _keep_owner(tmp, info, shown)
        os.chmod(tmp, mode)
        if expected is not None:
            # Again, as late as possible: an edit made while this file was written wins.
            _check_unchanged(shown, target, expected)
        if not overwrite:
            # link() fails if the target appeared meanwhile: no silent overwrite.
            os.link(tmp, target)
            tmp.unlink()
        else:
            os.replace(tmp, target)
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"{shown}: file exists; refusing to overwrite it") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DataError(
            f"{shown}: cannot be written: {exc.strerror or exc}; nothing was written"
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _keep_owner(tmp: Path, info: os.stat_result, shown: str) -> None:
    """Give the new file the owner and group of the one it replaces, or refuse."""
    made = tmp.stat()
    if (made.st_uid, made.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(tmp, info.st_uid, info.st_gid)
    except OSError:
        raise DataError(
            f"{shown}: belongs to user {info.st_uid}, group {info.st_gid}, which this user "
            "cannot give the new content; nothing was written",
            hint="run the command as the file's owner",
        ) from None


def _check_unchanged(path: Path | str, target: Path, expected: bytes) -> None:
    try:
        current = target.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot be read again before writing: {exc.strerror}") from None
    if current != expected:
        raise DataError(
            f"{path}: changed on disk since it was read; nothing was written",
            hint="run the command again",
        )
