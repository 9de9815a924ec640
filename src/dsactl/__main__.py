"""Entry point for the `dsactl` console script (``script``) and `python -m dsactl`.

``dsactl --version`` is answered here, before the command line (Typer) is imported: it must
feel instant. Everything else is ``dsactl.cli.entry``: ``script`` ends the process as soon
as the command is done (``entry._leave``), ``main`` ends with ``SystemExit`` (a program or a
test that runs dsactl in its own process and carries on afterwards).
"""

import sys


def _version() -> bool:
    """Answer ``dsactl --version``; False for any other command line."""
    if sys.argv[1:] != ["--version"]:
        return False
    from dsactl import __version__

    try:
        sys.stdout.write(f"dsactl {__version__}\n")
        sys.stdout.flush()
    except (AttributeError, OSError) as exc:  # stdout closed (None), or a full disk
        reason = getattr(exc, "strerror", None) or "standard output is closed"
        sys.stderr.write(f"dsactl: error: cannot write standard output: {reason}\n")
        sys.exit(1)
    return True


def main() -> None:
    if not _version():
        from dsactl.cli.entry import run

        run()


def script() -> None:
    if not _version():
        from dsactl.cli.entry import run_and_leave

        run_and_leave()


if __name__ == "__main__":
    script()
