"""Shell completion of the user's own data: platforms, request ids, regimes, tiers, calendars.

Each function is a Typer ``autocompletion`` callback: it gets the command's context (the
arguments parsed so far, e.g. the PLATFORM of ``answer PLATFORM <TAB>``) and the word being
typed, and returns ``(value, help)`` pairs (zsh and fish show the help). Case files are found
as the command would find them (its PATHS when given before the TAB, else $DSACTL_CASES,
else ./cases) and read fast (``docket.names``: no TOML parsing, no checks), so a TAB answers
within the start-up time of the command. A completion never fails: nothing found is no
suggestion.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

__all__ = ["calendars", "platforms", "regimes", "request_ids", "tiers"]

#: Member States, EEA and the UK (the calendars most used with the DSA); any ISO 3166 code
#: of the holidays package is accepted too.
_COUNTRIES = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IS",
    "IT",
    "LI",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
    "GB",
]


def _paths(ctx: typer.Context) -> list[Path] | None:
    """The case files or folders given before the TAB (``obligations`` mixes them with
    platform names: only what exists on disk counts), else None (the default folders)."""
    given = [Path(p) for p in ctx.params.get("paths") or () if Path(p).exists()]
    return given or None


def _matching(items: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    """The items that start with ``incomplete``, each once (in any letter case: the first of
    ``TikTok`` and ``tiktok``). A shell keeps only what starts with the word exactly as typed,
    and dsactl looks platforms and calendars up in any case: so an item that matches only in
    another case (``ti`` and ``TikTok`` with no ``tiktok`` offered) is given as the typed
    letters followed by the rest of it."""
    folded = incomplete.casefold()
    seen: set[str] = set()
    found = []
    exact = [item for item in items if item[0].startswith(incomplete)]
    other = [item for item in items if item[0].casefold().startswith(folded)]
    for value, help_text in [*exact, *other]:
        if not value.startswith(incomplete):
            value = incomplete + value[len(incomplete) :]
        if value.casefold() not in seen:
            seen.add(value.casefold())
            found.append((value, help_text))
    return found


def _exact(items: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    """Ids matched as written (regimes, tiers and request ids are looked up exactly)."""
    return [item for item in items if item[0].startswith(incomplete)]


def platforms(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Platform names (those without spaces, which a shell would split) and file stems."""
    from dsactl.docket.names import docket_names

    items = []
    for case in docket_names(_paths(ctx)):
        name = case.platform or case.stem
        if case.platform and " " not in case.platform:
            items.append((case.platform, f"case file {case.stem}.toml"))
        items.append((case.stem, name))
    return _matching(items, incomplete)


def request_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The request ids of the PLATFORM given before (``answer PLATFORM <TAB>``)."""
    from dsactl.docket.names import docket_names

    platform = str(ctx.params.get("platform") or "").casefold()
    items: list[tuple[str, str]] = []
    for case in docket_names(_paths(ctx)):
        if platform in (case.stem.casefold(), (case.platform or "").casefold()):
            items.extend((rid, case.platform or case.stem) for rid in case.requests)
    return _exact(items, incomplete)


def regimes(incomplete: str) -> list[tuple[str, str]]:
    """The shipped regimes, by id (from the names of their files: nothing is parsed)."""
    from dsactl.law.regimes import shipped_regime_ids

    return _exact([(rid, "fine regime") for rid in shipped_regime_ids()], incomplete)


def tiers(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The tiers of the regimes given with --regime (else of every shipped regime)."""
    from dsactl.errors import DsactlError
    from dsactl.law.regimes import builtin_regimes

    try:
        known = builtin_regimes()
    except DsactlError:  # pragma: no cover - the shipped files are checked by the tests
        return []
    chosen: Any = ctx.params.get("regime") or list(known)
    items = [
        (tier.id, f"{tier.basis} ({regime.id})")
        for name in chosen
        if (regime := known.get(name)) is not None
        for tier in regime.tiers
    ]
    return _exact(items, incomplete)


def calendars(incomplete: str) -> list[tuple[str, str]]:
    """The Commission calendars and the country codes of the Member States, EEA and UK."""
    items = [
        ("eu-commission", "Commission holidays, Brussels staff (the default)"),
        ("eu-commission-lu", "Commission holidays, Luxembourg staff"),
        *((code, "public holidays of that country") for code in _COUNTRIES),
        *((code.lower(), "public holidays of that country") for code in _COUNTRIES),
    ]
    return _matching(items, incomplete)
