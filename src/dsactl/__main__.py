"""Entry point for the `dsactl` console script and `python -m dsactl`.

``dsactl --version`` is answered here, before the command line (Typer) is imported: it must
feel instant. Everything else is ``dsactl.cli.entry``.
"""

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from dsactl import __version__

        try:
            sys.stdout.write(f"dsactl {__version__}\n")
            sys.stdout.flush()
        except (AttributeError, OSError) as exc:  # stdout closed (None), or a full disk
            reason = getattr(exc, "strerror", None) or "standard output is closed"
            sys.stderr.write(f"dsactl: error: cannot write standard output: {reason}\n")
            sys.exit(1)
        return
    from dsactl.cli.entry import run

    run()


if __name__ == "__main__":
    main()
