"""A docket: every case file found, loaded and checked together.

This is where the checks that need more than one file (the same platform twice, one provider
with two turnover figures) or a reference date (overdue, stale turnover) live.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dsactl.casefile.calendarfile import check_calendar_file
from dsactl.casefile.checks import validate_case
from dsactl.casefile.model import Case
from dsactl.casefile.reader import LoadedFile, read_document
from dsactl.casefile.regimefile import check_regime_file
from dsactl.casefile.resolve import Resolver
from dsactl.errors import DataError, UsageError
from dsactl.law.calendars import UserCalendarYear
from dsactl.packaged import fast_loads

if TYPE_CHECKING:
    from dsactl.casefile.findings import Finding
    from dsactl.law.regimes import Regime


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
        """Every finding, file by file, in the order of their lines within a file."""
        return [
            finding
            for f in self.files
            for finding in sorted(f.findings, key=lambda x: (x.line or 0, x.column or 0))
        ]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def errors_of(self, case: Case) -> list[Finding]:
        """The errors in ``case``'s own file (e.g. its platform name also used elsewhere)."""
        return [f for f in self.errors if f.path == str(case.path)]

    def broken_file_of(self, platform: str) -> LoadedFile | None:
        """The case file with errors whose stem or ``[platform] name`` is ``platform``."""
        wanted = platform.casefold()
        for loaded in self.case_files:
            if loaded.case is None and wanted in platform_names(loaded):
                return loaded
        return None

    def find(self, platform: str) -> Case:
        """The case whose file stem or platform name is ``platform`` (case-insensitive)."""
        wanted = platform.casefold()
        for case in self.cases:
            if wanted in (case.path.stem.casefold(), case.platform.name.casefold()):
                return case
        broken = self.broken_file_of(platform)
        if broken is not None:
            count = sum(1 for f in broken.findings if f.is_error)
            raise DataError(
                f"{broken.display}, the case file of {platform!r}, has {count} error(s): "
                "fix them first",
                hint=f"`dsactl check {broken.display}` lists them",
            )
        names = ", ".join(sorted(c.platform.name for c in self.cases)) or "none"
        others = [f.display for f in self.case_files if f.case is None]
        hint = f"known platforms: {names}"
        if others:
            hint += f"; files with errors (run `dsactl check`): {', '.join(others)}"
        raise UsageError(f"no case file for platform {platform!r}", hint=hint)


def platform_names(loaded: LoadedFile) -> set[str]:
    """The names a file answers to (case-folded): its stem, and its ``[platform] name``."""
    names = {loaded.path.stem.casefold()}
    table = (loaded.document or {}).get("platform")
    if isinstance(table, dict) and isinstance(table.get("name"), str):
        names.add(table["name"].casefold())
    return names


def _turnover_key(array: bool, index: int) -> tuple[str | int, ...]:
    return ("turnover", index) if array else ("turnover",)


def _check_across(cases: list[tuple[LoadedFile, bool]]) -> None:
    """E304 and W104 over the case files, each with its turnover shape ([[turnover]] or not)."""
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


def load_docket(paths: Sequence[Path], as_of: date, *, extra_files: Sequence[Path] = ()) -> Docket:
    """Load every file, then run the checks that need a date or several files.

    Calendar files (a ``[calendar]`` table) and regime files (a ``[regime]`` table) among
    ``paths`` or in ``extra_files`` apply to every case file, wherever they come in the list.

    Files are read and checked one at a time, and a valid case file then keeps its ``Case``
    and its text, not its parsed document: memory grows with the cases, not with the TOML
    trees. A case file checked before a calendar or regime file that comes later in the list
    is checked again (parsed again from its text) once that file is known.
    """
    files: list[LoadedFile] = []
    cases: list[_Checked] = []
    years: list[UserCalendarYear] = []
    regimes: list[Regime] = []
    resolver = Resolver()
    with _collector_paused():
        for path in [*extra_files, *paths]:
            loaded = read_document(path)
            files.append(loaded)
            if loaded.document is None:
                continue
            kind = loaded.kind
            if kind == "case":
                cases.append(_check(loaded, loaded.document, resolver, as_of))
                continue
            content = (check_regime_file if kind == "regime" else check_calendar_file)(loaded)
            if isinstance(content, UserCalendarYear):
                years.append(content)
            elif content is not None:
                regimes.append(content)
            if content is not None:
                resolver = Resolver(tuple(years), tuple(regimes))
        for index, (loaded, _, used) in enumerate(cases):
            if used is not resolver:  # checked before a calendar or regime file was read
                document = loaded.document
                if document is None:
                    document = fast_loads()[0](loaded.text)
                loaded.case, loaded.findings = None, []
                cases[index] = _check(loaded, document, resolver, as_of)
        _check_across([(loaded, array) for loaded, array, _ in cases])
    return Docket(files, as_of, resolver)


# A case file checked: the file, whether its turnover is an array of tables, the resolver used.
_Checked = tuple[LoadedFile, bool, Resolver]


def _check(
    loaded: LoadedFile, document: dict[str, Any], resolver: Resolver, as_of: date
) -> _Checked:
    """Validate one case file; a valid one lets go of its parsed document."""
    loaded.case, problems = validate_case(document, loaded.path, resolver, as_of=as_of)
    loaded.add_problems(problems)
    if loaded.case is not None:
        loaded.document = None
    return loaded, isinstance(document.get("turnover"), list), resolver


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while files are loaded.

    Loading makes a few hundred objects per file and none of them is garbage in a cycle: the
    collector would walk the whole growing docket again and again (a quarter of the time of
    `dsactl check` on thousands of files) and find nothing. In a process that froze what its
    start-up made (the `dsactl` command does, see ``__main__``), what loading made is frozen
    too, so that no later collection walks it; elsewhere (a test run, a program importing
    dsactl) the collector simply resumes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count():
            gc.freeze()
        if enabled:
            gc.enable()
