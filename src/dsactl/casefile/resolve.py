"""What a case file refers to outside itself: holiday calendars and fine regimes.

``Resolver`` knows the built-in calendars and regimes plus the user's own calendar and regime
files found beside the case files. Validation asks it to turn a request's ``period`` into a
due date (Regulation 1182/71) and to check calendar and regime names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from dsactl.errors import DsactlError
from dsactl.law.dates import human

if TYPE_CHECKING:
    from dsactl.casefile.checks import Validator
    from dsactl.casefile.positions import KeyPath
    from dsactl.law.calendars import Calendar, UserCalendarYear
    from dsactl.law.periods import PeriodResult
    from dsactl.law.regimes import Regime
    from dsactl.law.rulesets import RuleSet


@dataclass
class Resolver:
    """Calendars and regimes by name, the user's files included; lookups are cached."""

    user_years: Sequence[UserCalendarYear] = ()
    user_regimes: Sequence[Regime] = ()
    user_rulesets: Sequence[RuleSet] = ()
    _calendars: dict[str, Calendar | DsactlError] = field(default_factory=dict)

    def calendar(self, name: str) -> Calendar:
        """The calendar called ``name``; raises ``DsactlError`` for an unknown one."""
        if name not in self._calendars:
            from dsactl.law.calendars import get_calendar

            try:
                cal = get_calendar(name, self.user_years)
                cal.is_working_day(date(2024, 1, 2))  # a national code must exist
                self._calendars[name] = cal
            except DsactlError as exc:
                self._calendars[name] = exc
        found = self._calendars[name]
        if isinstance(found, DsactlError):
            raise found
        return found

    def regime_names(self) -> list[str]:
        from dsactl.law.regimes import all_regimes

        return list(all_regimes(self.user_regimes))

    def rulesets_by_id(self) -> dict[str, RuleSet]:
        """The obligation rule sets: built-in ones, with the user's added or replacing them."""
        from dsactl.law.rulesets import all_rulesets

        return all_rulesets(self.user_rulesets)

    def regimes(self, names: Sequence[str]) -> list[Regime]:
        from dsactl.law.regimes import get_regime

        return [get_regime(name, self.user_regimes) for name in names]


def check_calendar(v: Validator, key: KeyPath, name: str, resolver: Resolver) -> Calendar | None:
    try:
        return resolver.calendar(name)
    except DsactlError as exc:
        v.report(key, "E306", f"unknown calendar `{name}`: {exc.message} ({exc.hint or ''})")
        return None


def check_regimes(v: Validator, names: list[str], resolver: Resolver) -> None:
    from dsactl.casefile.checks import suggest

    known = resolver.regime_names()
    for index, name in enumerate(names):
        if name not in known:
            v.report(
                ("regimes", index),
                "E308",
                f"unknown regime `{name}`{suggest(name, known)}; known: {', '.join(known)}",
            )


def resolve_request(
    v: Validator,
    key: KeyPath,
    values: dict[str, Any],
    calendar: Calendar | None,
    *,
    public: bool = False,
) -> PeriodResult | None:
    """Check ``due``/``period`` of one request; compute ``due`` from ``period``.

    Sets ``values["due"]`` for a period and returns its explanation; warns (W105) when a
    given ``due`` is not a working day of the request's calendar, and reports (E309) a ``due``
    in a year the calendar cannot count (the Commission's holidays are known for 1583-4099).
    A ``period`` is counted from ``notified`` when the request has it, else from ``sent``.
    Neither ``due`` nor ``period``: a warning (W106) unless the file tracks public information
    (``public``), where a request without a known date is simply listed as such.
    """
    has_due, has_period = "due" in values, "period" in values
    if has_due and has_period:
        v.report((*key, "period"), "E305", "give either `due` or `period`, not both: remove one")
        return None
    if not has_due and not has_period:
        if v.has_problem_at((*key, "due")) or v.has_problem_at((*key, "period")):
            return None  # written, but invalid: already reported
        if not public:
            v.report(
                key,
                "W106",
                "no `due` and no `period`: the request is listed as `no-due-date`; give the "
                "reply deadline, or a `period` counted from `sent`, once known",
            )
        return None
    if has_due:
        if calendar is None:
            return None
        due = values["due"]
        try:
            working = calendar.is_working_day(due)
        except DsactlError as exc:
            v.report(
                (*key, "due"),
                "E309",
                f"due {human(due)} is outside the years dsactl can count working days for in "
                f"the `{calendar.name}` calendar ({exc.hint or exc.message}): correct the year",
            )
            return None
        if not working:
            v.report(
                (*key, "due"),
                "W105",
                f"due {human(due)} is not a working day in the `{calendar.name}` calendar "
                "(a period ending then would run to the next working day, Art. 3(4) of "
                "Regulation 1182/71)",
            )
        return None
    from dsactl.law.periods import compute_deadline, parse_period

    try:
        period = parse_period(values["period"])
    except DsactlError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        v.report((*key, "period"), "E307", f"{exc.message}{hint}")
        return None
    # An unknown calendar (already reported) leaves the period readable but not countable.
    start = values.get("notified", values.get("sent"))
    if start is None or calendar is None:
        return None
    try:
        result = compute_deadline(start, period, calendar)
    except DsactlError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        v.report((*key, "period"), "E307", f"{exc.message}{hint}")
        return None
    values["due"] = result.end
    return result
