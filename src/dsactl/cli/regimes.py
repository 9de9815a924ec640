"""`dsactl regimes`: list the fine regimes (built in, and the user's own files)."""

from enum import StrEnum
from typing import Annotated, Optional

import typer

from dsactl.cli.app import OutputOpt, RegimeFileOpt, app, emit, existing, guard


class RegimesFormat(StrEnum):
    table = "table"
    json = "json"


@app.command(
    epilog="Examples: dsactl regimes   |   dsactl regimes gdpr   |   "
    "dsactl regimes --regime-file my-dsc-law.toml --format json"
)
def regimes(
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="One regime to show in detail (e.g. dsa, gdpr, ai-act)."),
    ] = None,
    regime_file: RegimeFileOpt = None,
    fmt: Annotated[RegimesFormat, typer.Option("--format", "-f", help="Output format.")] = (
        RegimesFormat.table
    ),
    output: OutputOpt = None,
) -> None:
    """List the fine regimes and their tiers, with articles and sources."""
    with guard():
        from dsactl.casefile.regimefile import load_regime_file
        from dsactl.law.regimes import all_regimes, get_regime

        user = [load_regime_file(p) for p in existing(regime_file, "--regime-file")]
        chosen = [get_regime(name, user)] if name else list(all_regimes(user).values())
        if fmt is RegimesFormat.json or output is not None:
            from dsactl.render.regimes import regimes_json
            from dsactl.render.structured import to_json

            emit(to_json(regimes_json(chosen)), output)
            return
        from dsactl.render.console import make_console
        from dsactl.render.regimes import print_regimes

        print_regimes(chosen, make_console(), detail=name is not None)
