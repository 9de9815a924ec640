"""The fine from a turnover, without Typer: what `dsactl fine --turnover` computes and warns
about, for the command (``cli/fine.py``) and for its quick path (``cli/quick.py``) alike."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dsactl.errors import UsageError
from dsactl.law.fines import CapOptions, compute_many
from dsactl.law.money import parse_money, rate_from_text
from dsactl.law.regimes import get_regime

if TYPE_CHECKING:
    from dsactl.law.fines import FineReport
    from dsactl.law.money import Money
    from dsactl.law.regimes import Regime


def cap_options(
    *,
    days: int | None,
    rate: str | None,
    sme: bool,
    tier: str | None,
    year_days: int | None,
    not_undertaking: bool,
) -> CapOptions:
    """The options of the cap, from the command line's text (``rate`` as written)."""
    return CapOptions(
        days=days,
        rate=rate_from_text(rate, option="rate") if rate else None,
        sme=sme,
        tier=tier,
        year_days=year_days,
        not_undertaking=not_undertaking,
    )


def turnover_currency(money: Money, option: str | None) -> str:
    """The currency written in --turnover (``2.3bn USD``), or --currency, or EUR; a clash is a
    usage error that names both."""
    given = option.strip() if option is not None else None
    if money.currency is not None and given is not None and given.upper() != money.currency:
        raise UsageError(
            f"--turnover says {money.currency} but --currency says {given}",
            hint="give the currency once: in --turnover (2.3bn USD) or with --currency",
        )
    return money.currency or (given.upper() if given else None) or "EUR"


def regime_files(paths: Sequence[Path]) -> list[Regime]:
    """The regimes of --regime-file; the file format's checks are imported only when one is
    given (a fine from a turnover alone starts without them: benchmarks/README.md)."""
    if not paths:
        return []
    from dsactl.casefile.regimefile import load_regime_file

    return [load_regime_file(p) for p in paths]


def reports_from_turnover(
    turnover: str,
    currency: str | None,
    eur_rate: str | None,
    names: Sequence[str] | None,
    options: CapOptions,
    extra: Sequence[Path] = (),
) -> list[FineReport]:
    """The caps of each regime named (default ``dsa``) for a turnover as written."""
    user = regime_files(extra)
    regimes = [get_regime(name, user) for name in names or ["dsa"]]
    money = parse_money(turnover, option="turnover")
    return list(
        compute_many(
            regimes,
            money.value,
            turnover_currency(money, currency),
            options,
            eur_rate=rate_from_text(eur_rate, option="eur_rate") if eur_rate else None,
        )
    )


def warn(warnings: Sequence[str]) -> None:
    """Each warning once on stderr, before the document."""
    from dsactl.render.console import visible

    for warning in dict.fromkeys(warnings):
        sys.stderr.write(f"dsactl: warning: {visible(warning)}\n")


def report_warnings(reports: Sequence[FineReport]) -> list[str]:
    """The warnings of the reports, in order."""
    return [w for report in reports for w in report.warnings]
