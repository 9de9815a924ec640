"""A docket: every case file found, loaded and checked together.

This is where the checks that need more than one file (the same platform twice, one provider
with two turnover figures) or a reference date (overdue, stale turnover) live.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dsactl.calendars import UserCalendarYear
from dsactl.casefile import Case
from dsactl.dates import add_months
from dsactl.errors import DsactlError, UsageError
from dsactl.findings import Finding
from dsactl.loader import LoadedFile, read_document
from dsactl.positions import KeyPath
from dsactl.regimes import Regime
from dsactl.resolve import Resolver

STALE_MONTHS = 24


@dataclass
class Docket:
    files: list[LoadedFile]
    as_of: date
    resolver: Resolver = field(default_factory=Resolver)

    @property
    def cases(self) -> list[Case]:
        return [f.case for f in self.files if f.case is not None]

    @property
    def case_files(self) -> list[LoadedFile]:
        """The files that are case files (not calendar or regime files)."""
        return [f for f in self.files if f.kind == "case"]

    @property
    def findings(self) -> list[Finding]:
        return [finding for f in self.files for finding in f.findings]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def find(self, platform: str) -> Case:
        """The case whose file stem or platform name is ``platform`` (case-insensitive)."""
        wanted = platform.casefold()
        for case in self.cases:
            if wanted in (case.path.stem.casefold(), case.platform.name.casefold()):
                return case
        names = ", ".join(sorted(c.platform.name for c in self.cases)) or "none"
        broken = [f.display for f in self.case_files if f.case is None]
        hint = f"known platforms: {names}"
        if broken:
            hint += f"; files with errors (run `dsactl check`): {', '.join(broken)}"
        raise UsageError(f"no case file for platform {platform!r}", hint=hint)


def _check_as_of(loaded: LoadedFile, as_of: date) -> None:
    case = loaded.case
    if case is None:
        return
    for index, request in enumerate(case.requests):
        if request.answered is None and request.due < as_of:
            days = (as_of - request.due).days
            loaded.add(
                ("requests", index, "due"),
                "W101",
                f"`{request.id}` was due {request.due} ({days} days before {as_of}) and has "
                "no `answered` date",
            )
    if not case.turnovers:
        return
    used = case.turnover_before(as_of)
    if used is None:
        first = min(case.turnovers, key=lambda t: t.year_end)
        loaded.add(
            (*_turnover_key(loaded, case.turnovers.index(first)), "year_end"),
            "W103",
            f"no financial year in [turnover] ended before {as_of} (earliest year_end "
            f"{first.year_end}): a fine would have no preceding financial year",
        )
    elif add_months(used.year_end, STALE_MONTHS) < as_of:
        loaded.add(
            (*_turnover_key(loaded, case.turnovers.index(used)), "year_end"),
            "W103",
            f"the latest financial year ended {used.year_end}, more than {STALE_MONTHS} months "
            f"before {as_of}: add the newer year",
        )


def _is_array(loaded: LoadedFile) -> bool:
    return loaded.document is not None and isinstance(loaded.document.get("turnover"), list)


def _turnover_key(loaded: LoadedFile, index: int) -> tuple[str | int, ...]:
    return ("turnover", index) if _is_array(loaded) else ("turnover",)


def _check_across(files: list[LoadedFile]) -> None:
    names: dict[str, LoadedFile] = {}
    figures: dict[tuple[str, date], tuple[LoadedFile, str]] = {}
    for loaded in files:
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
                    (*_turnover_key(loaded, index), "amount"),
                    "W104",
                    f"{case.platform.provider} has turnover {figure} for the year ending "
                    f"{turnover.year_end} here but {other_figure} in {other.display}",
                )


_KEY_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _key_path(text: str | None) -> KeyPath:
    """``tiers[1].rate`` -> ("tiers", 1, "rate")."""
    if not text:
        return ()
    return tuple(int(i) if i else name for name, i in _KEY_PART.findall(text))


def _load_side_file(loaded: LoadedFile, code: str) -> Regime | UserCalendarYear | None:
    """A regime or calendar file: its content, or one finding saying what is wrong."""
    from dsactl.calendars import load_calendar_file
    from dsactl.regimes import load_regime_text

    try:
        if loaded.kind == "regime":
            return load_regime_text(loaded.text, loaded.display)
        return load_calendar_file(loaded.path)
    except DsactlError as exc:
        if exc.line is not None:
            loaded.add_at(exc.line, exc.column or 1, code, exc.message)
        else:
            hint = f" ({exc.hint})" if exc.hint else ""
            loaded.add(_key_path(exc.key), code, f"{exc.message}{hint}")
        return None


def load_docket(paths: Sequence[Path], as_of: date, *, extra_files: Sequence[Path] = ()) -> Docket:
    """Load every file, then run the checks that need a date or several files.

    Calendar files (a ``[calendar]`` table) and regime files (a ``[regime]`` table) among
    ``paths`` or in ``extra_files`` are loaded first, so that case files can use them.
    """
    from dsactl.validation import validate_case

    files = [read_document(path) for path in [*extra_files, *paths]]
    years: list[UserCalendarYear] = []
    regimes: list[Regime] = []
    for loaded in files:
        if loaded.kind in ("regime", "calendar"):
            content = _load_side_file(loaded, "E501" if loaded.kind == "regime" else "E502")
            if isinstance(content, UserCalendarYear):
                years.append(content)
            elif content is not None:
                regimes.append(content)
    resolver = Resolver(years, regimes)
    for loaded in files:
        if loaded.kind == "case" and loaded.document is not None:
            loaded.case, problems = validate_case(loaded.document, loaded.path, resolver)
            loaded.add_problems(problems)
            _check_as_of(loaded, as_of)
    _check_across(files)
    return Docket(files, as_of, resolver)
