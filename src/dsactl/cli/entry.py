"""The `dsactl` process around the Typer app: a closed or broken stdout, and start-up.

The cyclic garbage collector was off while ``dsactl.cli`` imported Typer, click and the app
(see ``cli/__init__.py``); what they made is frozen here (``gc.freeze``) before the command
runs, so no later collection walks it again. ``load`` in ``cli/app.py`` does the same while
case files are read. ``dsactl --version`` never gets here (``dsactl/__main__.py``).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import os
import sys


class _ClosedStdout(io.TextIOBase):
    """Stands for a closed standard output: any write fails as writing to fd 1 would."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def run() -> None:
    """Run the command; a stdout that cannot be written (a full disk, a closed pipe) is a
    clean one-line error and exit 1, never a traceback."""
    if sys.stdout is None:  # started with stdout closed (`dsactl … >&-`)
        sys.stdout = _ClosedStdout()  # -o still works; printing is an error, not lost output
    from dsactl.render.console import harden_stdio

    harden_stdio()  # an output that is not UTF-8 gets ASCII, never a UnicodeEncodeError
    try:
        _run()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`dsactl deadlines | head -1`): nothing left to say to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as exc:
        what = f"{exc.filename}" if exc.filename else "cannot write standard output"
        sys.stderr.write(f"dsactl: error: {what}: {exc.strerror or exc}\n")
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


def _run() -> None:
    from dsactl.cli import app

    gc.freeze()
    app(prog_name="dsactl")
