"""Findings of `dsactl check`: one dataclass and the table of stable codes.

Every rule has a stable code; the README's table of check codes is generated from ``CODES``
(see ``tests/test_docs.py``), so code and documentation cannot drift apart.
"""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Rule(Struct, frozen=True):
    code: str
    level: Level
    name: str
    help: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


E, W = Level.ERROR, Level.WARNING

# E1xx: the file itself; E2xx: shape (keys, types, values); E3xx: consistency and references;
# E4xx: money; E5xx: calendar and regime files.
# W1xx: things that are legal but deserve a look.
# New codes go at the end: a code's position here is its SARIF ``ruleIndex`` (render/sarif.py).
CODES: dict[str, Rule] = _rules(
    Rule("E100", E, "not-utf8", "The file is not UTF-8 text. Re-save it as UTF-8."),
    Rule("E101", E, "toml-syntax", "The file is not valid TOML. Fix the syntax at the position."),
    Rule(
        "E102",
        E,
        "unreadable",
        "The file cannot be read (permissions, a folder, a FIFO or device, too large).",
    ),
    Rule("E201", E, "missing-key", "A required key is missing. Add it."),
    Rule(
        "E202",
        E,
        "unknown-key",
        "A key the format does not know (often a typo). Rename or remove it.",
    ),
    Rule(
        "E203", E, "wrong-type", "A value has the wrong type (e.g. a quoted date). Fix the value."
    ),
    Rule("E204", E, "bad-enum", "A value outside its list of allowed values. Use one listed."),
    Rule("E205", E, "empty-string", "A required text is empty. Fill it in."),
    Rule(
        "E301", E, "date-order", "A date comes before the date it must follow. Correct either date."
    ),
    Rule(
        "E302",
        E,
        "duplicate-id",
        "Two entries of one list share an id. Make ids unique in the file.",
    ),
    Rule("E303", E, "unknown-proceeding", "A request names a proceeding id not in the file."),
    Rule("E304", E, "duplicate-platform", "Two case files have the same platform name."),
    Rule("E305", E, "due-and-period", "A request gives both `due` and `period`. Keep one."),
    Rule(
        "E306",
        E,
        "unknown-calendar",
        "A calendar name dsactl does not know. Use eu-commission or a country code.",
    ),
    Rule(
        "E307",
        E,
        "bad-period",
        "A `period` that cannot be read. Write e.g. `10 working days` or `2w`.",
    ),
    Rule(
        "E308",
        E,
        "unknown-regime",
        "A fine regime name dsactl does not know. See `dsactl regimes`.",
    ),
    Rule("E401", E, "bad-amount", "An amount is not a positive finite number."),
    Rule("E402", E, "unknown-currency", "A currency is not an ISO 4217 code (e.g. EUR, USD, CNY)."),
    Rule("E403", E, "bad-rate", "An exchange rate is not a positive finite number."),
    Rule(
        "E501",
        E,
        "bad-regime-file",
        "A fine regime file ([regime] table) is invalid. Fix the key named.",
    ),
    Rule(
        "E502",
        E,
        "bad-calendar-file",
        "A holiday calendar file ([calendar] table) is invalid. Fix the key named.",
    ),
    Rule("W101", W, "overdue", "A request is past its due date and has no `answered` date."),
    Rule("W102", W, "missing-source", "An entry has no `source`. Say where the fact comes from."),
    Rule(
        "W103",
        W,
        "stale-turnover",
        "The turnover year ended over 24 months before, or after, as-of.",
    ),
    Rule(
        "W104", W, "turnover-mismatch", "One provider has different turnover figures in two files."
    ),
    Rule(
        "W105",
        W,
        "due-not-working-day",
        "A `due` date falls on a weekend or public holiday of the request's calendar. Check it.",
    ),
    Rule(
        "E309",
        E,
        "date-out-of-range",
        "A `due` date outside the years dsactl can count working days for (1583-4099 in the "
        "Commission calendars). Correct the year.",
    ),
    Rule(
        "W110",
        W,
        "projected-holidays",
        "An unanswered request's `due`, computed from its `period`, depends on public holidays "
        "that are projected (no published Commission decision for that year). Check the date "
        "once the decision is published.",
    ),
    Rule(
        "W106",
        W,
        "no-due-date",
        "A request has neither `due` nor `period` (listed as no-due-date). Add the date once "
        'known; files with tracking = "public" are not warned.',
    ),
    Rule(
        "W107",
        W,
        "short-preliminary-findings-period",
        "A reply period to preliminary findings is shorter than the 14 days the DSA guarantees "
        "(Art. 79(2)). Check the date.",
    ),
    Rule(
        "W108",
        W,
        "conflict-without-alternatives",
        'An entry has confidence = "conflict" but no `alternatives`. List the other dates.',
    ),
    Rule(
        "E310",
        E,
        "event-before-opened",
        "A proceeding event is dated before the proceeding was opened. Correct either date.",
    ),
    Rule(
        "E311",
        E,
        "unknown-rule-set",
        "`rules` names an obligation rule set dsactl does not know (built-in or a rule file).",
    ),
    Rule(
        "E312",
        E,
        "unknown-rule",
        "A filing names an obligation rule id that no rule set has. See `dsactl obligations`.",
    ),
    Rule(
        "E503",
        E,
        "bad-rule-file",
        "An obligation rule file ([ruleset] table) is invalid. Fix the key named.",
    ),
)


class Finding(Struct, frozen=True):
    """One problem in one file, at one key.

    ``key`` is the dotted key path with 0-based list indices (``requests[2].due``), or ``""``
    for the file as a whole. ``line`` and ``column`` are 1-based.
    """

    path: str
    line: int
    column: int
    code: str
    key: str
    message: str

    @property
    def level(self) -> Level:
        return CODES[self.code].level

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR

    def format(self) -> str:
        """The one-line form: ``path:line:col: error: key: message [CODE]``."""
        key = f"{self.key}: " if self.key else ""
        return (
            f"{self.path}:{self.line}:{self.column}: {self.level.value}: "
            f"{key}{self.message} [{self.code}]"
        )
