"""Fine regimes as data: one TOML file per regime that a lawyer can read and extend.

The built-in regimes ship in ``dsactl/data/regimes/*.toml``; a user file with the same ``id``
replaces a built-in one. The format, every key checked by ``load_regime_file``::

    [regime]
    id = "dsa"                         # lower case letters, digits, '-'; used by --regime
    name = "Digital Services Act — Commission fines"
    law = "Regulation (EU) 2022/2065"
    currency = "EUR"                   # ISO 4217 currency of the fixed amounts below
    source = "Regulation (EU) 2022/2065, OJ L 277, 27.10.2022, p. 1, Arts. 74 and 76"
    notes = ["…"]                      # optional: caveats shown under the table

    [[tiers]]                          # one or more
    id = "74-1"                        # unique in the file; used by --tier
    kind = "infringement"              # infringement | procedural | periodic
    article = "Art. 74(1)"
    basis = "DSA Art. 74(1)"           # the citation shown in output
    rate = "0.06"                      # share of the base, a decimal string in (0, 1]
    applies_to = "turnover"            # turnover | income-or-turnover | revenue |
                                       # average-daily-turnover | average-daily-income-or-turnover
    fixed = "10000000"                 # optional: fixed amount in the regime currency
    rule = "higher"                    # required with `fixed`: higher | lower (of the two)
    sme_rule = "lower"                 # optional, needs `fixed`: the rule for SMEs (--sme)
    per_day = false                    # true for a per-day (periodic) cap; needs kind "periodic"
                                       # and an average-daily-* base (daily = annual / 365)
    description = "…one line…"
    source = "…"

Amounts and rates may also be TOML numbers (a float is read in its shortest decimal form), but
decimal strings are what the shipped files use: they read the same to a lawyer and a machine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

from dsactl.errors import DataError, UsageError
from dsactl.law.currencies import is_currency, unknown_currency_message
from dsactl.law.money import amount_from_toml
from dsactl.packaged import data_path, fast_loads

__all__ = [
    "APPLIES_TO",
    "KINDS",
    "RULES",
    "Regime",
    "Tier",
    "all_regimes",
    "builtin_regimes",
    "get_regime",
    "load_regime_file",
    "load_regime_text",
]

Kind = Literal["infringement", "procedural", "periodic"]
AppliesTo = Literal[
    "turnover",
    "income-or-turnover",
    "revenue",
    "average-daily-turnover",
    "average-daily-income-or-turnover",
]
Rule = Literal["higher", "lower"]

KINDS: tuple[str, ...] = ("infringement", "procedural", "periodic")
APPLIES_TO: tuple[str, ...] = (
    "turnover",
    "income-or-turnover",
    "revenue",
    "average-daily-turnover",
    "average-daily-income-or-turnover",
)
RULES: tuple[str, ...] = ("higher", "lower")

# The order in which built-in regimes are listed; any other shipped file comes after.
_BUILTIN_ORDER = ("dsa", "dsa-national", "dma", "gdpr", "ai-act", "uk-osa")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_TIER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class Tier:
    """One cap of a regime: a share of a base, maybe weighed against a fixed amount."""

    id: str
    kind: Kind
    article: str
    basis: str
    rate: Decimal
    applies_to: AppliesTo
    description: str
    source: str
    fixed: Decimal | None = None
    rule: Rule | None = None
    sme_rule: Rule | None = None
    per_day: bool = False


@dataclass(frozen=True)
class Regime:
    """A set of caps under one law, with the currency of its fixed amounts."""

    id: str
    name: str
    law: str
    currency: str
    source: str
    tiers: tuple[Tier, ...]
    notes: tuple[str, ...] = ()
    path: str | None = None

    @property
    def tier_ids(self) -> tuple[str, ...]:
        return tuple(tier.id for tier in self.tiers)

    @property
    def has_fixed(self) -> bool:
        return any(tier.fixed is not None for tier in self.tiers)

    @property
    def has_sme_rule(self) -> bool:
        return any(tier.sme_rule is not None for tier in self.tiers)

    def tier(self, tier_id: str) -> Tier:
        """The tier with this id, or a ``UsageError`` listing the ids there are."""
        for tier in self.tiers:
            if tier.id == tier_id:
                return tier
        raise UsageError(
            f"regime `{self.id}` has no tier `{tier_id}`{_suggest(tier_id, self.tier_ids)}",
            hint="tiers: " + ", ".join(self.tier_ids),
        )


def _suggest(word: str, options: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, options, n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


class _Reader:
    """Checks one table of a regime file, key by key, raising a ``DataError`` at the first fault."""

    def __init__(self, path: str, prefix: str, table: Mapping[str, object]) -> None:
        self.path = path
        self.prefix = prefix
        self.table = table

    def error(self, key: str, message: str, hint: str | None = None) -> DataError:
        return DataError(message, path=self.path, key=f"{self.prefix}.{key}", hint=hint)

    def check_keys(self, required: Sequence[str], optional: Sequence[str]) -> None:
        known = (*required, *optional)
        for key in self.table:
            if key not in known:
                raise self.error(
                    key,
                    f"unknown key{_suggest(key, known)}",
                    hint="allowed keys: " + ", ".join(known),
                )
        for key in required:
            if key not in self.table:
                raise self.error(key, "missing required key", hint=f"add `{key} = ...`")

    def text(self, key: str) -> str:
        value = self.table[key]
        if not isinstance(value, str):
            raise self.error(key, f"must be a string, not {_type_name(value)}")
        if not value.strip():
            raise self.error(key, "must not be empty")
        return value

    def choice(self, key: str, allowed: Sequence[str]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise self.error(
                key,
                f"`{value}` is not allowed{_suggest(value, allowed)}",
                hint="use one of: " + ", ".join(allowed),
            )
        return value

    def decimal(self, key: str, what: str) -> Decimal:
        value = self.table[key]
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.error(
                key, f'must be a decimal string like "{what}", not {_type_name(value)}'
            )
        try:
            number = amount_from_toml(value)
        except ValueError as exc:
            raise self.error(
                key, str(exc), hint=f'write it as a decimal string like "{what}"'
            ) from exc
        # Keep a string as written ("0.10" stays "0.10") so output quotes the file.
        plain_text = isinstance(value, str) and re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", value)
        return Decimal(value) if plain_text else number

    def boolean(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {_type_name(value)}")
        return value


def _type_name(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string"}
    names |= {list: "an array", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _read_tier(path: str, index: int, table: Mapping[str, object]) -> Tier:
    reader = _Reader(path, f"tiers[{index}]", table)
    reader.check_keys(
        ("id", "kind", "article", "basis", "rate", "applies_to", "description", "source"),
        ("fixed", "rule", "sme_rule", "per_day"),
    )
    tier_id = reader.text("id")
    if not _TIER_ID.fullmatch(tier_id):
        raise reader.error(
            "id", f"`{tier_id}` is not a usable id", hint="use letters, digits, '.', '-', '_'"
        )
    kind = reader.choice("kind", KINDS)
    rate = reader.decimal("rate", "0.06")
    if rate > 1:
        raise reader.error("rate", f"{rate} is more than 100 %", hint='a share: 6 % is "0.06"')
    applies_to = reader.choice("applies_to", APPLIES_TO)
    per_day = reader.boolean("per_day")
    daily_base = applies_to.startswith("average-daily-")
    if per_day != (kind == "periodic"):
        raise reader.error(
            "per_day",
            f"is {str(per_day).lower()} but kind is `{kind}`",
            hint='a per-day cap has kind = "periodic" and per_day = true; no other has',
        )
    if per_day != daily_base:
        raise reader.error(
            "applies_to",
            f"`{applies_to}` does not fit per_day = {str(per_day).lower()}",
            hint="per-day caps use an average-daily-* base; other caps do not",
        )
    fixed = reader.decimal("fixed", "10000000") if "fixed" in table else None
    rule = reader.choice("rule", RULES) if "rule" in table else None
    sme_rule = reader.choice("sme_rule", RULES) if "sme_rule" in table else None
    if fixed is not None and rule is None:
        raise reader.error(
            "rule", "missing: a fixed amount needs a rule", hint='add rule = "higher" or "lower"'
        )
    if fixed is None and (rule is not None or sme_rule is not None):
        which = "rule" if rule is not None else "sme_rule"
        raise reader.error(
            which, "has no fixed amount to compare with", hint="add `fixed` or remove it"
        )
    if fixed is not None and per_day:
        raise reader.error("fixed", "a per-day cap with a fixed amount is not supported")
    return Tier(
        id=tier_id,
        kind=cast(Kind, kind),
        article=reader.text("article"),
        basis=reader.text("basis"),
        rate=rate,
        applies_to=cast(AppliesTo, applies_to),
        description=reader.text("description"),
        source=reader.text("source"),
        fixed=fixed,
        rule=cast(Rule | None, rule),
        sme_rule=cast(Rule | None, sme_rule),
        per_day=per_day,
    )


def _read_regime(path: str, document: Mapping[str, object]) -> Regime:
    for key in document:
        if key not in ("regime", "tiers"):
            raise DataError(
                f"unknown top-level key{_suggest(key, ('regime', 'tiers'))}",
                path=path,
                key=key,
                hint="a regime file has a [regime] table and [[tiers]] tables",
            )
    for key in ("regime", "tiers"):
        if key not in document:
            raise DataError("missing", path=path, key=key, hint=f"add the `{key}` table(s)")
    head = document["regime"]
    if not isinstance(head, dict):
        raise DataError(f"must be a table, not {_type_name(head)}", path=path, key="regime")
    reader = _Reader(path, "regime", head)
    reader.check_keys(("id", "name", "law", "currency", "source"), ("notes",))
    regime_id = reader.text("id")
    if not _ID.fullmatch(regime_id):
        raise reader.error("id", f"`{regime_id}` is not a usable id", hint="use a-z, 0-9 and '-'")
    currency = reader.text("currency")
    if not is_currency(currency):
        raise reader.error("currency", unknown_currency_message(currency), hint="e.g. EUR")
    notes = head.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) and n.strip() for n in notes):
        raise reader.error("notes", "must be an array of non-empty strings")
    tiers_value = document["tiers"]
    if not isinstance(tiers_value, list) or not tiers_value:
        raise DataError("must be one or more [[tiers]] tables", path=path, key="tiers")
    tiers: list[Tier] = []
    for index, table in enumerate(tiers_value):
        if not isinstance(table, dict):
            raise DataError("must be a table", path=path, key=f"tiers[{index}]")
        tier = _read_tier(path, index, table)
        if tier.id in (t.id for t in tiers):
            raise DataError(
                f"duplicate tier id `{tier.id}`",
                path=path,
                key=f"tiers[{index}].id",
                hint="make ids unique",
            )
        tiers.append(tier)
    return Regime(
        id=regime_id,
        name=reader.text("name"),
        law=reader.text("law"),
        currency=currency,
        source=reader.text("source"),
        tiers=tuple(tiers),
        notes=tuple(cast(list[str], notes)),
        path=path,
    )


def _parse(
    text: str, where: str, loads: Callable[[str], dict[str, Any]], error: type[ValueError]
) -> dict[str, Any]:
    try:
        return loads(text)
    except error as exc:
        position = _TOML_POSITION.search(str(exc))
        line, column = (int(position[1]), int(position[2])) if position else (None, None)
        message = _TOML_POSITION.sub("", str(exc)).strip()
        raise DataError(f"not valid TOML: {message}", path=where, line=line, column=column) from exc


def load_regime_text(text: str, path: str | Path) -> Regime:
    """Parse and check the TOML text of a regime file; ``path`` names it in errors."""
    import tomllib

    where = str(path)
    return _read_regime(where, _parse(text, where, tomllib.loads, tomllib.TOMLDecodeError))


def load_regime_file(path: str | Path) -> Regime:
    """Load one regime file, raising ``DataError`` (file, key path, how to fix) on any fault."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read the regime file: {exc.strerror or exc}", path=path) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError("not UTF-8 text", path=path, hint="re-save it as UTF-8") from exc
    return load_regime_text(text, path)


@cache
def _builtin_file(name: str) -> Regime:
    """The shipped regime file ``name`` (e.g. ``dsa.toml``), parsed and checked once."""
    where = f"dsactl/data/regimes/{name}"
    text = data_path("regimes", name).read_text(encoding="utf-8")
    return _read_regime(where, _parse(text, where, *fast_loads()))


def _builtin(regime_id: str) -> Regime | None:
    """The shipped regime ``regime_id`` from its own file ``ID.toml`` alone, if it has one.

    ``get_regime`` needs one regime, not all of them: this spares it reading the others.
    """
    if not _ID.fullmatch(regime_id) or not data_path("regimes", f"{regime_id}.toml").is_file():
        return None
    regime = _builtin_file(f"{regime_id}.toml")
    return regime if regime.id == regime_id else None


@cache
def builtin_regimes() -> dict[str, Regime]:
    """The regimes shipped in ``dsactl/data/regimes``, by id, loaded once."""
    found: dict[str, Regime] = {}
    for entry in sorted(data_path("regimes").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        regime = _builtin_file(entry.name)
        found[regime.id] = regime
    rank = {name: i for i, name in enumerate(_BUILTIN_ORDER)}
    return dict(sorted(found.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


def all_regimes(extra: Sequence[Regime] = ()) -> dict[str, Regime]:
    """Built-in regimes with user regimes added; a user regime replaces a built-in of its id."""
    regimes = dict(builtin_regimes())
    for regime in extra:
        regimes[regime.id] = regime
    return regimes


def get_regime(name: str, extra: Sequence[Regime] = ()) -> Regime:
    """The regime called ``name``: user regimes (``extra``) first, then the built-in ones."""
    for regime in reversed(extra):  # the last user regime of an id wins, as in all_regimes
        if regime.id == name:
            return regime
    shipped = _builtin(name)
    if shipped is not None:
        return shipped
    regimes = all_regimes(extra)
    if name in regimes:
        return regimes[name]
    known = list(regimes)
    raise UsageError(
        f"unknown regime `{name}`{_suggest(name, known)}", hint="known: " + ", ".join(known)
    )
