"""The `dsactl` process around the Typer app: a closed or broken stdout, and start-up.

Importing Typer, click and the app creates tens of thousands of objects, none of them
garbage: the cyclic collector stays off while they are imported (it would walk them over and
over, a tenth of the start-up), and what they made is then frozen (``gc.freeze``: moved where
no collection walks it) before the collector is turned back on, so that turning it on does
not walk them once more either. ``load`` in ``cli/app.py`` does the same while case files
are read. ``dsactl --version`` never gets here (``dsactl/__main__.py``), and the command lines
of ``cli/quick.py`` are answered before Typer is imported.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import gc
import io
import os
import sys
from typing import NoReturn

from dsactl.cli import quick


class _ClosedStdout(io.TextIOBase):
    """Stands for a closed standard output: any write fails as writing to fd 1 would."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def run() -> NoReturn:
    """Run the command and exit with its code (``SystemExit``, for a program or a test that
    calls ``dsactl.__main__.main``)."""
    sys.exit(_command())


def run_and_leave() -> NoReturn:
    """Run the command and end the process at once (``_leave``): the `dsactl` script."""
    _leave(_command())


def _command() -> str | int | None:
    """Run the command and return its exit code (as ``sys.exit`` takes it); a stdout that
    cannot be written (a full disk, a closed pipe) is a clean one-line error and exit 1,
    never a traceback."""
    if sys.stdout is None:  # started with stdout closed (`dsactl … >&-`)
        sys.stdout = _ClosedStdout()  # -o still works; printing is an error, not lost output
    from dsactl.render.console import harden_stdio

    harden_stdio()  # an output that is not UTF-8 gets ASCII, never a UnicodeEncodeError
    code: str | int | None = 0
    try:
        try:
            if not quick.answer(sys.argv[1:]):
                _run()
        except SystemExit as exc:  # how every command ends (the Typer group calls sys.exit)
            code = exc.code if exc.code is None or isinstance(exc.code, int) else str(exc.code)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`dsactl deadlines | head -1`): nothing left to say to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    except OSError as exc:
        what = f"{exc.filename}" if exc.filename else "cannot write standard output"
        sys.stderr.write(f"dsactl: error: {what}: {exc.strerror or exc}\n")
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    return code


def _leave(code: str | int | None) -> NoReturn:
    """End the process with ``code`` (as ``sys.exit`` takes it), skipping the interpreter's
    teardown.

    Once the output is flushed, Python would still free every object one by one and clear
    every module (Typer, click, Rich and dsactl: about 20 ms, a fifth of a short command);
    the operating system frees the process's memory at once. The exit handlers (``atexit``)
    still run, and both streams are flushed first: only the freeing is skipped.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message on stderr, exit 1
        sys.stderr.write(f"{code}\n")
        status = 1
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is not None:
        run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(status & 0xFF)


def _run() -> None:
    collecting = gc.isenabled()
    gc.disable()
    try:
        from dsactl.cli.app import app, freeze_what_loading_makes
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    freeze_what_loading_makes()
    app(prog_name="dsactl")
