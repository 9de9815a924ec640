"""The checks that need several case files: the same platform twice (E304), and one provider
with two turnover figures for one financial year (W104).

Each case file has been checked on its own first (``checks.validate_case``); these checks
read the valid ones together, in the order the files were given.
"""

from __future__ import annotations

from datetime import date

from dsactl.casefile.positions import KeyPath
from dsactl.casefile.reader import LoadedFile

__all__ = ["check_across"]


def _turnover_key(array: bool, index: int) -> KeyPath:
    return ("turnover", index) if array else ("turnover",)


def check_across(cases: list[tuple[LoadedFile, bool]]) -> None:
    """E304 and W104 over the case files, each with its turnover shape: whether it writes
    [[turnover]] tables (the key of a turnover is then ``turnover[i]``, else ``turnover``)."""
    names: dict[str, LoadedFile] = {}
    figures: dict[tuple[str, date], tuple[LoadedFile, str]] = {}
    for loaded, array in cases:
        case = loaded.case
        if case is None:
            continue
        folded = case.platform.name.casefold()
        if folded in names:
            loaded.add(
                ("platform", "name"),
                "E304",
                f"platform `{case.platform.name}` is also in {names[folded].display}: "
                "each platform gets one case file",
            )
        else:
            names[folded] = loaded
        for index, turnover in enumerate(case.turnovers):
            slot = (case.platform.provider.casefold(), turnover.year_end)
            figure = f"{turnover.currency} {turnover.amount}"
            if slot not in figures:
                figures[slot] = (loaded, figure)
            elif figures[slot][1] != figure:
                other, other_figure = figures[slot]
                loaded.add(
                    (*_turnover_key(array, index), "amount"),
                    "W104",
                    f"{case.platform.provider} has turnover {figure} for the year ending "
                    f"{turnover.year_end} here but {other_figure} in {other.display}",
                )
