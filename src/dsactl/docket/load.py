"""A docket: every case file found, loaded and checked together.

This is where the checks that need more than one file (the same platform twice, one provider
with two turnover figures) or a reference date (overdue, stale turnover) live.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from dsactl.argv import from_argv
from dsactl.casefile.across import check_across
from dsactl.casefile.calendarfile import check_calendar_file
from dsactl.casefile.checks import validate_case
from dsactl.casefile.model import Case
from dsactl.casefile.reader import LoadedFile, read_document
from dsactl.casefile.regimefile import check_regime_file
from dsactl.casefile.resolve import Resolver
from dsactl.casefile.rulefile import check_rule_file
from dsactl.errors import DataError, UsageError, did_you_mean
from dsactl.law.calendars import UserCalendarYear
from dsactl.packaged import fast_loads
from dsactl.shown import clip, shown_path

if TYPE_CHECKING:
    from dsactl.casefile.findings import Finding
    from dsactl.law.regimes import Regime
    from dsactl.law.rulesets import RuleSet


class Docket(Struct):
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

    @property
    def skipped(self) -> list[LoadedFile]:
        """The case files left out because of their errors (their data is not shown)."""
        return [f for f in self.case_files if f.case is None]

    def errors_of(self, case: Case) -> list[Finding]:
        """The errors in ``case``'s own file (e.g. its platform name also used elsewhere)."""
        return [f for f in self.errors if f.path == shown_path(case.path)]

    def broken_file_of(self, platform: str) -> LoadedFile | None:
        """The case file with errors whose stem or ``[platform] name`` is ``platform``."""
        wanted = platform.casefold()
        for loaded in self.case_files:
            if loaded.case is None and wanted in platform_names(loaded):
                return loaded
        return None

    def file_of(self, platform: str) -> LoadedFile:
        """The one case file for ``platform`` (case-insensitive), valid or not.

        A platform name matches before a file stem: with ``x.toml`` naming platform "Y" and
        ``y.toml`` naming "X", ``X`` is ``y.toml``. A name (or, when no name matches, a stem)
        that matches several files is an error listing them (DataError), never a guess.
        """
        platform = from_argv(platform, "platform")
        wanted = platform.casefold()
        files = self.case_files
        by_name = [f for f in files if _platform_name(f) == wanted]
        matches = by_name or [f for f in files if f.path.stem.casefold() == wanted]
        if len(matches) > 1:
            what = "platform name" if by_name else "file name (stem)"
            shown = [f.display for f in matches[:MAX_LISTED]]
            if len(matches) > MAX_LISTED:
                shown.append(f"and {len(matches) - MAX_LISTED} more")
            raise DataError(
                f"{clip(platform)!r} is the {what} of {len(matches)} case files: "
                f"{', '.join(shown)}; nothing was done",
                hint="give the one file to use as PATH, and give each platform one case file",
            )
        if matches:
            return matches[0]
        names = sorted(c.platform.name for c in self.cases)
        listed = ", ".join(names[:MAX_LISTED]) or "none"
        if len(names) > MAX_LISTED:
            listed += f" and {len(names) - MAX_LISTED} more"
        others = [f.display for f in files if f.case is None]
        hint = f"known platforms: {listed}"
        if others:
            more = f" and {len(others) - MAX_LISTED} more" if len(others) > MAX_LISTED else ""
            hint += (
                f"; files with errors (run `dsactl check`): {', '.join(others[:MAX_LISTED])}{more}"
            )
        close = did_you_mean(platform, [*names, *(f.path.stem for f in files)])
        raise UsageError(f"no case file for platform {clip(platform)!r}{close}", hint=hint)

    def find(self, platform: str) -> Case:
        """The case of ``platform`` (see ``file_of``); DataError if its file has errors."""
        loaded = self.file_of(platform)
        if loaded.case is None:
            count = sum(1 for f in loaded.findings if f.is_error)
            raise DataError(
                f"{loaded.display}, the case file of {clip(platform)!r}, has {count} error(s): "
                "fix them first",
                hint=f"`dsactl check {loaded.display}` lists them",
            )
        return loaded.case


MAX_LISTED = 10


def _platform_name(loaded: LoadedFile) -> str | None:
    """The case-folded ``[platform] name`` of a case file, when it has one."""
    if loaded.case is not None:
        return loaded.case.platform.name.casefold()
    table = (loaded.document or {}).get("platform")
    if isinstance(table, dict) and isinstance(table.get("name"), str):
        return str(table["name"]).casefold()
    return None


def platform_names(loaded: LoadedFile) -> set[str]:
    """The names a file answers to (case-folded): its stem, and its ``[platform] name``."""
    names = {loaded.path.stem.casefold()}
    table = (loaded.document or {}).get("platform")
    if isinstance(table, dict) and isinstance(table.get("name"), str):
        names.add(table["name"].casefold())
    return names


def load_docket(
    paths: Sequence[Path],
    as_of: date,
    *,
    extra_files: Sequence[Path] = (),
    warnings: bool = True,
) -> Docket:
    """Load every file, then run the checks that need a date or several files.

    ``warnings=False``: the errors alone (a command that only edits, like `answer`, shows
    no warnings; in a file of 100 000 overdue requests, locating each warning would cost
    more than the edit).

    Calendar files (a ``[calendar]`` table), regime files (a ``[regime]`` table) and
    obligation rule files (a ``[ruleset]`` table) among
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
    rulesets: list[RuleSet] = []
    resolver = Resolver()
    for path in [*extra_files, *paths]:
        loaded = read_document(path)
        files.append(loaded)
        if loaded.document is None:
            continue
        kind = loaded.kind
        if kind == "case":
            cases.append(_check(loaded, loaded.document, resolver, as_of, warnings))
            continue
        if kind == "rules":
            ruleset = check_rule_file(loaded)
            if ruleset is not None:
                rulesets.append(ruleset)
                resolver = Resolver(tuple(years), tuple(regimes), tuple(rulesets))
            continue
        content = (check_regime_file if kind == "regime" else check_calendar_file)(loaded)
        if isinstance(content, UserCalendarYear):
            years.append(content)
        elif content is not None:
            regimes.append(content)
        if content is not None:
            resolver = Resolver(tuple(years), tuple(regimes), tuple(rulesets))
    for index, (loaded, _, used) in enumerate(cases):
        if used is not resolver:  # checked before a calendar or regime file was read
            document = loaded.document
            if document is None:
                document = fast_loads()[0](loaded.text)
            loaded.case, loaded.findings = None, []
            cases[index] = _check(loaded, document, resolver, as_of, warnings)
    check_across([(loaded, array) for loaded, array, _ in cases])
    return Docket(files, as_of, resolver)


# A case file checked: the file, whether its turnover is an array of tables, the resolver used.
_Checked = tuple[LoadedFile, bool, Resolver]


def _check(
    loaded: LoadedFile,
    document: dict[str, Any],
    resolver: Resolver,
    as_of: date,
    warnings: bool = True,
) -> _Checked:
    """Validate one case file; a valid one lets go of its parsed document."""
    loaded.case, problems = validate_case(document, loaded.path, resolver, as_of=as_of)
    if not warnings:  # error codes start with E, warnings with W (findings.CODES)
        problems = [p for p in problems if p.code.startswith("E")]
    loaded.add_problems(problems)
    if loaded.case is not None:
        loaded.document = None
    return loaded, isinstance(document.get("turnover"), list), resolver
