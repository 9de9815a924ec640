"""`dsactl fine`: the legal maximum fine from a turnover or from a platform's case file."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from dsactl.cli.app import (
    AsOfOpt,
    OutputOpt,
    PathsArg,
    RegimeFileOpt,
    app,
    as_of_day,
    emit,
    existing,
    guard,
    show,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from dsactl.law.fines import CapOptions


class FineFormat(StrEnum):
    table = "table"
    json = "json"


EPILOG = """Examples:

  dsactl fine --turnover 134.902bn --currency USD --eur-rate 1.0925

  dsactl fine --turnover 600m --regime gdpr --format json

  dsactl fine X --as-of 2025-12-31            (caps from X's case file, and its fines)

  dsactl fine --turnover 2bn --currency USD --regime uk-osa --rate 1.27
"""


@app.command(epilog=EPILOG)
def fine(
    platform: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="Platform (case file stem or name) whose turnover to use."),
    ] = None,
    paths: PathsArg = None,
    turnover: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--turnover",
            "-t",
            metavar="AMOUNT",
            help="Annual turnover: 134902000000, 134,902,000,000, 134.902e9, 134.9bn, 868.7B, "
            "2.5m, 750k, 1.2tn.",
        ),
    ] = None,
    currency: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--currency", help="ISO 4217 currency of --turnover (default EUR)."),
    ] = None,
    eur_rate: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--eur-rate", metavar="RATE", help="Units of the currency per 1 EUR (ECB)."),
    ] = None,
    rate: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--rate",
            metavar="RATE",
            help="Units of the turnover currency per 1 unit of the regime currency "
            "(e.g. USD per GBP for uk-osa), for fixed amounts.",
        ),
    ] = None,
    days: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--days", min=1, help="Days of periodic penalty payments to total."),
    ] = None,
    regime: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--regime",
            "-r",
            help="Regime (repeatable): dsa, dsa-national, dma, gdpr, ai-act, uk-osa. "
            "Default: dsa, or the case file's `regimes`.",
        ),
    ] = None,
    tier: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--tier", help="Only this tier, e.g. 74-1 or 83-5 (see dsactl regimes)."),
    ] = None,
    sme: Annotated[
        bool, typer.Option("--sme", help="Apply the SME rule (AI Act Art. 99(6)).")
    ] = False,
    regime_file: RegimeFileOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[FineFormat, typer.Option("--format", "-f", help="Output format.")] = (
        FineFormat.table
    ),
    output: OutputOpt = None,
) -> None:
    """The legal maximum fine, exact to the cent, with the article it rests on.

    Give a turnover (--turnover), or a PLATFORM whose case file holds it: then the latest
    financial year that ended before --as-of is used, and the fines imposed are set
    against the cap that applied on their date.
    """
    with guard():
        from dsactl.errors import UsageError
        from dsactl.law.fines import CapOptions
        from dsactl.law.money import rate_from_text

        if (platform is None) == (turnover is None):
            raise UsageError(
                "give either a PLATFORM or --turnover AMOUNT",
                hint="e.g. `dsactl fine --turnover 134.9bn --currency USD` or `dsactl fine X`",
            )
        options = CapOptions(
            days=days,
            rate=rate_from_text(rate, option="--rate") if rate else None,
            sme=sme,
            tier=tier,
        )
        extra = existing(regime_file, "--regime-file")
        if turnover is not None:
            _from_turnover(
                turnover, currency or "EUR", eur_rate, regime, options, extra, fmt, output
            )
        else:
            if currency is not None:
                raise UsageError(
                    "--currency goes with --turnover: a case file's turnover has its own",
                    hint=f"drop --currency, or give `--turnover AMOUNT --currency {currency}`",
                )
            rate_eur = rate_from_text(eur_rate, option="--eur-rate") if eur_rate else None
            _from_case(platform or "", paths, regime, options, extra, as_of, fmt, output, rate_eur)


def _from_turnover(
    turnover: str,
    currency: str,
    eur_rate: str | None,
    names: list[str] | None,
    options: "CapOptions",
    extra: list[Path],
    fmt: FineFormat,
    output: Path | None,
) -> None:
    from dsactl.casefile.regimefile import load_regime_file
    from dsactl.law.fines import compute_many
    from dsactl.law.money import parse_amount, rate_from_text
    from dsactl.law.regimes import get_regime

    user = [load_regime_file(p) for p in extra]
    regimes = [get_regime(name, user) for name in names or ["dsa"]]
    reports = compute_many(
        regimes,
        parse_amount(turnover, option="--turnover"),
        currency.strip(),
        options,
        eur_rate=rate_from_text(eur_rate, option="--eur-rate") if eur_rate else None,
    )
    if fmt is FineFormat.json:
        from dsactl.render.casefine import reports_json
        from dsactl.render.structured import to_json

        emit(to_json(reports_json(reports)), output)
        return
    from dsactl.render.casefine import print_reports

    show(lambda console: print_reports(reports, console), output)


def _from_case(
    platform: str,
    paths: list[Path] | None,
    names: list[str] | None,
    options: "CapOptions",
    extra: list[Path],
    as_of: str | None,
    fmt: FineFormat,
    output: Path | None,
    eur_rate: "Decimal | None" = None,
) -> None:
    from dsactl.casefile.discovery import find_case_files
    from dsactl.docket.exposure import platform_fines
    from dsactl.docket.load import load_docket

    day = as_of_day(as_of)
    docket = load_docket(find_case_files(paths), day, extra_files=extra)
    case = docket.find(platform)
    regimes = docket.resolver.regimes(names or list(case.regimes))
    result = platform_fines(case, day, regimes, options, eur_rate=eur_rate)
    if fmt is FineFormat.json:
        from dsactl.render.casefine import platform_fines_json
        from dsactl.render.structured import to_json

        emit(to_json(platform_fines_json(result)), output)
        return
    from dsactl.render.casefine import print_platform_fines

    show(lambda console: print_platform_fines(result, console), output)
