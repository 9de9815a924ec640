"""What a case file refers to outside itself: holiday calendars and fine regimes.

``Resolver`` knows the built-in calendars and regimes plus the user's own calendar and regime
files found beside the case files, and only looks them up: the checks that use it (an unknown
calendar or regime, a due date) are made in ``checks``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from msgspec import Struct, field

from dsactl.errors import DsactlError
from dsactl.law.calendars import get_calendar
from dsactl.law.regimes import all_regimes, get_regime
from dsactl.law.rulesets import RuleSet, all_rulesets

if TYPE_CHECKING:
    from dsactl.law.calendars import Calendar, UserCalendarYear
    from dsactl.law.regimes import Regime


class Resolver(Struct):
    """Calendars and regimes by name, the user's files included; lookups are cached."""

    user_years: Sequence[UserCalendarYear] = ()
    user_regimes: Sequence[Regime] = ()
    user_rulesets: Sequence[RuleSet] = ()
    _calendars: dict[str, Calendar | DsactlError] = field(default_factory=dict)

    def calendar(self, name: str) -> Calendar:
        """The calendar called ``name``; raises ``DsactlError`` for an unknown one."""
        if name not in self._calendars:
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
        return list(all_regimes(self.user_regimes))

    def rulesets_by_id(self) -> dict[str, RuleSet]:
        """The obligation rule sets: built-in ones, with the user's added or replacing them."""
        return all_rulesets(self.user_rulesets)

    def regimes(self, names: Sequence[str]) -> list[Regime]:
        return [get_regime(name, self.user_regimes) for name in names]
