"""Entry point for the `dsactl` console script and `python -m dsactl`."""

from __future__ import annotations

import sys


def main() -> None:
    # `dsactl --version` is answered before Typer is imported: it must feel instant.
    if sys.argv[1:] == ["--version"]:
        from dsactl import __version__

        sys.stdout.write(f"dsactl {__version__}\n")
        return
    from dsactl.cli import app

    app(prog_name="dsactl")


if __name__ == "__main__":
    main()
