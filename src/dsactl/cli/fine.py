"""`dsactl fine`: the legal maximum fine from a turnover or from a platform's case file."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from dsactl.cli import complete
from dsactl.cli.app import (
    AsOfOpt,
    OutputOpt,
    PathsArg,
    RegimeFileOpt,
    app,
    as_of_day,
    existing,
    finish,
    guard,
    load,
)
from dsactl.cli.fine_reports import cap_options, report_warnings, reports_from_turnover, warn
from dsactl.cli.output import Outputs
from dsactl.law.regimes import shipped_regime_ids

if TYPE_CHECKING:
    from decimal import Decimal

    from rich.console import Console

    from dsactl.docket.exposure import PlatformFines
    from dsactl.law.fines import CapOptions, FineReport

    FineResult = list[FineReport] | PlatformFines


def _table(result: "FineResult", console: "Console") -> None:
    from dsactl.render import casefine

    if isinstance(result, list):
        casefine.print_reports(result, console)
    else:
        casefine.print_platform_fines(result, console)


def _document(result: "FineResult") -> Any:
    from dsactl.render import casefine

    if isinstance(result, list):
        return casefine.reports_json(result)
    return casefine.platform_fines_json(result)


OUTPUTS: "Outputs[FineResult]" = Outputs(table=_table, document=_document)


EPILOG = """Examples:

  dsactl fine --turnover 134.902bn --currency USD --eur-rate 1.0925

  dsactl fine --turnover 600m --regime gdpr --format json

  dsactl fine X --as-of 2025-12-31
      (caps from X's case file, and its fines)

  dsactl fine --turnover 2bn --currency USD --regime uk-osa --rate 1.27
"""


@app.command(epilog=EPILOG)
def fine(
    platform: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="PLATFORM",
            help="Platform (case file stem or name) whose turnover to use.",
            autocompletion=complete.platforms,
        ),
    ] = None,
    paths: PathsArg = None,
    turnover: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--turnover",
            "-t",
            metavar="AMOUNT",
            help="Annual turnover: 134902000000, 134,902,000,000, 134 902 000 000, 134.902e9, "
            "134.9bn, 868.7B, 2.5m, 750k, 1.2tn, 2,3 Mrd, 2,3 Mio; a currency may come with "
            "it: EUR 2.3bn, 2.3bn USD, €2.3bn, £18m.",
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
            autocompletion=complete.regimes,
            help=f"Regime (repeatable): {', '.join(shipped_regime_ids())}, or the id of a "
            "--regime-file. Default: dsa, or the case file's `regimes`.",
        ),
    ] = None,
    tier: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--tier",
            help="Only this tier, e.g. 74-1 or 83-5 (see dsactl regimes).",
            autocompletion=complete.tiers,
        ),
    ] = None,
    sme: Annotated[
        bool, typer.Option("--sme", help="Apply the SME rule (AI Act Art. 99(6)).")
    ] = False,
    not_undertaking: Annotated[
        bool,
        typer.Option(
            "--not-undertaking",
            help="The offender is not an undertaking (a public body, an individual): where "
            "the percentage applies only to undertakings (GDPR Art. 83), the fixed amount "
            "alone is the cap.",
        ),
    ] = False,
    year_days: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--year-days",
            min=365,
            max=366,
            help="Days of the financial year for the average daily turnover (default: its "
            "real length from a case file's year end, else 365).",
        ),
    ] = None,
    regime_file: RegimeFileOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[Optional[str], OUTPUTS.option()] = None,  # noqa: UP045
    output: OutputOpt = None,
) -> None:
    """The legal maximum fine, exact to the cent, with the article it rests on.

    Give a turnover (--turnover), or a PLATFORM whose case file holds it: then the latest
    financial year that ended before --as-of is used, and the fines imposed are set
    against the cap that applied on their date.
    """
    with guard():
        from dsactl.errors import UsageError
        from dsactl.law.money import rate_from_text

        if platform is not None and turnover is not None:
            raise UsageError(
                "give either a PLATFORM or --turnover AMOUNT, not both: "
                f"{platform!r} was read as a PLATFORM",
                hint="drop one of them; a flag such as --sme takes no value",
            )
        if platform is None and turnover is None:
            raise UsageError(
                "give either a PLATFORM or --turnover AMOUNT",
                hint="e.g. `dsactl fine --turnover 134.9bn --currency USD` or `dsactl fine X`",
            )
        options = cap_options(
            days=days,
            rate=rate,
            sme=sme,
            tier=tier,
            year_days=year_days,
            not_undertaking=not_undertaking,
        )
        extra = existing(regime_file, "--regime-file")
        if turnover is not None:
            _from_turnover(turnover, currency, eur_rate, regime, options, extra, fmt, output)
        else:
            if currency is not None:
                raise UsageError(
                    "--currency goes with --turnover: a case file's turnover has its own",
                    hint=f"drop --currency, or give `--turnover AMOUNT --currency {currency}`",
                )
            rate_eur = rate_from_text(eur_rate, option="eur_rate") if eur_rate else None
            _from_case(platform or "", paths, regime, options, extra, as_of, fmt, output, rate_eur)


def _from_turnover(
    turnover: str,
    currency: str | None,
    eur_rate: str | None,
    names: list[str] | None,
    options: "CapOptions",
    extra: list[Path],
    fmt: str | None,
    output: Path | None,
) -> None:
    reports = reports_from_turnover(turnover, currency, eur_rate, names, options, extra)
    warn(report_warnings(reports))
    OUTPUTS.write(fmt, reports, output)


def _from_case(
    platform: str,
    paths: list[Path] | None,
    names: list[str] | None,
    options: "CapOptions",
    extra: list[Path],
    as_of: str | None,
    fmt: str | None,
    output: Path | None,
    eur_rate: "Decimal | None" = None,
) -> None:
    from dsactl.casefile.discovery import find_case_files
    from dsactl.docket.exposure import platform_fines

    day = as_of_day(as_of)
    docket = load(find_case_files(paths), day, extra_files=extra)
    case = docket.find(platform)
    regimes = docket.resolver.regimes(names or list(case.regimes))
    result = platform_fines(case, day, regimes, options, eur_rate=eur_rate)
    if OUTPUTS.choose(fmt, output) != "table" or output is not None:
        warn(result.warnings)  # the table on a terminal shows them as its own lines
    OUTPUTS.write(fmt, result, output, skipped=len(docket.skipped))
    finish(docket)
