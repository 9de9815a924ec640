"""Writing files without ever leaving a half-written one behind."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from dsactl.errors import DataError, UsageError


def atomic_write(
    path: Path,
    text: str,
    *,
    overwrite: bool = True,
    expected: bytes | None = None,
) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, flushed and
    fsynced, then renamed over the target. The target's permission bits are kept.

    ``overwrite=False`` refuses an existing file. ``expected`` is the content the caller read
    before: if the file changed on disk since, nothing is written.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist", hint="create it first")
    exists = path.exists()
    if exists and not overwrite:
        raise UsageError(
            f"{path}: file exists; refusing to overwrite it", hint="choose another name"
        )
    if expected is not None:
        try:
            current = path.read_bytes()
        except OSError as exc:
            raise DataError(
                f"{path}: cannot be read again before writing: {exc.strerror}"
            ) from None
        if current != expected:
            raise DataError(
                f"{path}: changed on disk since it was read; nothing was written",
                hint="run the command again",
            )
    mode = stat.S_IMODE(path.stat().st_mode) if exists else None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        if not overwrite:
            # link() fails if the target appeared meanwhile: no silent overwrite.
            os.link(tmp, path)
            tmp.unlink()
        else:
            os.replace(tmp, path)
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"{path}: file exists; refusing to overwrite it") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DataError(f"{path}: cannot be written: {exc.strerror or exc}") from None
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
