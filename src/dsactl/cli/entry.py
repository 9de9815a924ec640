"""The `dsactl` process around the Typer app: a closed or broken stdout, and start-up.

Importing Typer, click and the app creates tens of thousands of objects, none of them
garbage: the cyclic collector stays off while they are imported (it would walk them over and
over, a tenth of the start-up), and what they made is then frozen (``gc.freeze``: moved where
no collection walks it) before the collector is turned back on, so that turning it on does
not walk them once more either. ``load`` in ``cli/app.py`` does the same while case files
are read. ``dsactl --version`` never gets here (``dsactl/__main__.py``).
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
    collecting = gc.isenabled()
    gc.disable()
    try:
        from dsactl.cli import app
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    app(prog_name="dsactl")
