"""`dsactl answer` on disk: one writer at a time, nothing changed that is not the answer.

``answer_file`` takes an exclusive advisory lock (``flock``) on the case file itself, then
reads it, edits it (``case_edits.record_answer``) and replaces it atomically
(``atomic.atomic_write``) while it holds the lock. Every ``dsactl answer`` does the same, so
two of them on one file take turns and the second edits what the first wrote: no answer is
lost. The rename gives the path a new file (a new inode); a writer that was waiting for the
lock of the old one sees that the path no longer leads to the file it locked and locks again.

A file dsactl must not replace is refused before anything is written: a read-only file
(no write bit), a file with several hard links (replacing one name would split them into two
files), a file whose owner cannot be kept. A writer that cannot get the lock within
``lock_timeout()`` seconds gives up, changing nothing.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dsactl.edit import case_edits
from dsactl.edit.atomic import atomic_write
from dsactl.errors import DataError

if TYPE_CHECKING:
    from dsactl.casefile.resolve import Resolver
    from dsactl.edit.case_edits import Answer

LOCK_TIMEOUT_SECONDS = 30.0
LOCK_TIMEOUT_ENV = "DSACTL_LOCK_TIMEOUT"
_POLL_SECONDS = 0.02


def lock_timeout() -> float:
    """Seconds to wait for another writer: ``$DSACTL_LOCK_TIMEOUT``, else 30."""
    value = os.environ.get(LOCK_TIMEOUT_ENV, "")
    try:
        seconds = float(value)
    except ValueError:
        return LOCK_TIMEOUT_SECONDS
    return seconds if seconds >= 0 else LOCK_TIMEOUT_SECONDS


def answer_file(
    path: Path,
    request_id: str,
    day: date,
    *,
    display: str,
    force: bool = False,
    resolver: Resolver | None = None,
) -> Answer:
    """Record ``answered = day`` on ``request_id`` in the case file ``path``, under its lock.

    ``display`` is how messages name the file. Raises DataError (nothing written) when the
    file may not be replaced, is busy for too long, or the edit is refused.
    """
    target = Path(os.path.realpath(path))
    with _locked(target, display) as info:
        _check_replaceable(target, display, info)
        try:
            data = target.read_bytes()
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise DataError(f"{display}: cannot be read again: {reason}") from None
        result = case_edits.record_answer(
            text, request_id, day, path=Path(display), force=force, resolver=resolver
        )
        if result.changed:
            atomic_write(target, result.text, expected=data, display=display)
    return result


@contextlib.contextmanager
def _locked(target: Path, display: str) -> Iterator[os.stat_result]:
    """Hold an exclusive lock on the file at ``target``; yields its ``stat``."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock (Windows): the content check remains
        yield target.stat()
        return
    deadline = time.monotonic() + lock_timeout()
    while True:
        try:
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError as exc:
            raise DataError(f"{display}: cannot be opened: {exc.strerror or exc}") from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise DataError(
                            f"{display}: another dsactl is writing this file and did not finish "
                            f"within {lock_timeout():g} s; nothing was written",
                            hint="run the command again",
                        ) from None
                    time.sleep(_POLL_SECONDS)
            held = os.fstat(fd)
            try:
                now = os.stat(target)
            except OSError:
                now = None
            if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
                yield held
                return
            # Replaced by the writer before us while we waited: lock the new file.
        finally:
            os.close(fd)  # releases the lock


def _check_replaceable(target: Path, display: str, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise DataError(f"{display}: is not a regular file; nothing was written")
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o222:
        raise DataError(
            f"{display}: is read-only (mode {mode:04o}), so it was not changed; nothing was "
            "written",
            hint=f"make it writable first (chmod u+w {display}) if the answer belongs in it",
        )
    if not os.access(target, os.W_OK):
        raise DataError(
            f"{display}: this user may not write it (mode {mode:04o}, owner {info.st_uid}, "
            f"group {info.st_gid}); nothing was written",
            hint="run the command as a user who may write the file",
        )
    if info.st_nlink > 1:
        raise DataError(
            f"{display}: has {info.st_nlink} hard links; replacing it would split them into "
            "two different files, so nothing was written",
            hint="record the answer by hand, or make it a file of its own "
            f"(cp {display} copy && mv copy {display})",
        )
