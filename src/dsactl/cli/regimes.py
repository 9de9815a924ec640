"""`dsactl regimes`: list the fine regimes (built in, and the user's own files)."""

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from dsactl.cli import complete
from dsactl.cli.app import OutputOpt, RegimeFileOpt, app, existing, guard
from dsactl.cli.output import Outputs

if TYPE_CHECKING:
    from rich.console import Console

    from dsactl.law.regimes import Regime

#: The regimes to show, and whether one was named (then in detail).
Chosen = tuple[list["Regime"], bool]


def _table(chosen: Chosen, console: "Console") -> None:
    from dsactl.render.regimes import print_regimes

    print_regimes(chosen[0], console, detail=chosen[1])


def _document(chosen: Chosen) -> Any:
    from dsactl.render.regimes import regimes_json

    return regimes_json(chosen[0])


def _csv(chosen: Chosen) -> str:
    from dsactl.render.regimes import regimes_csv

    return regimes_csv(chosen[0])


OUTPUTS: Outputs[Chosen] = Outputs(table=_table, document=_document, documents={"csv": _csv})


@app.command(
    epilog="""Examples:

  dsactl regimes

  dsactl regimes gdpr

  dsactl regimes --regime-file my-dsc-law.toml --format json
"""
)
def regimes(
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="NAME",
            help="One regime to show in detail (e.g. dsa, gdpr, ai-act).",
            autocompletion=complete.regimes,
        ),
    ] = None,
    regime_file: RegimeFileOpt = None,
    fmt: Annotated[Optional[str], OUTPUTS.option()] = None,  # noqa: UP045
    output: OutputOpt = None,
) -> None:
    """List the fine regimes and their tiers, with articles and sources."""
    with guard():
        from dsactl.casefile.regimefile import load_regime_file
        from dsactl.law.regimes import all_regimes, get_regime

        user = [load_regime_file(p) for p in existing(regime_file, "--regime-file")]
        chosen = [get_regime(name, user)] if name else list(all_regimes(user).values())
        OUTPUTS.write(fmt, (chosen, name is not None), output)
