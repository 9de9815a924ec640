"""Entry point for the `dsactl` console script and `python -m dsactl`."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys


class _ClosedStdout(io.TextIOBase):
    """Stands for a closed standard output: any write fails as writing to fd 1 would."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def main() -> None:
    """Run the command; a stdout that cannot be written (a full disk, a closed pipe) is a
    clean one-line error and exit 1, never a traceback."""
    if sys.stdout is None:  # started with stdout closed (`dsactl … >&-`)
        sys.stdout = _ClosedStdout()  # -o still works; printing is an error, not lost output
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
    # `dsactl --version` is answered before Typer is imported: it must feel instant.
    if sys.argv[1:] == ["--version"]:
        from dsactl import __version__

        sys.stdout.write(f"dsactl {__version__}\n")
        return
    import gc

    from dsactl.render.console import harden_stdio

    harden_stdio()
    # Importing Typer, click and the commands creates tens of thousands of objects, none of
    # them garbage: the cyclic collector would walk them over and over (about a tenth of the
    # start-up). It stays off for the imports; `freeze` then sets what they made aside for good,
    # so that later collections only look at what the command itself creates.
    gc.disable()
    try:
        from dsactl.cli import app
    finally:
        gc.freeze()
        gc.enable()
    app(prog_name="dsactl")


if __name__ == "__main__":
    main()
