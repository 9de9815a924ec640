"""Command lines answered before Typer is imported: `dsactl fine --turnover … --format json`.

Importing Typer takes five to six times as long as starting Python, which is all the time a
fine from a turnover may take (``benchmarks/README.md``): that command line, in its plain
forms, is read here and answered with the same code as the command (``fine_reports``,
``formats``). Anything else, or anything unusual in it, is left to Typer:

- the words must be ``fine`` followed by options from ``OPTIONS`` alone, each written
  ``--name VALUE``, ``--name=VALUE`` or ``-x VALUE`` (no positional argument, no ``--``, no
  help, no ``-o``, no ``--as-of`` or ``--regime-file``, no short options run together);
- ``--format`` must say ``json`` (any case), ``--turnover`` must be given, a value must not
  start with ``-``, and the numbers of ``--days`` and ``--year-days`` must be plain digits
  within their ranges;
- shell completion (``_DSACTL_COMPLETE``) is Typer's;
- and the fine must be computed without an error: an error (a ``DsactlError``, or any other
  exception, a crash) is reported by the command itself, which computes it again, so every
  message, traceback and exit code stays the command's own.

Nothing is written before the result is known, so a command line left to Typer has printed
nothing. ``tests/test_quick.py`` runs command lines through both and compares stdout, stderr
and exit code, and checks that ``OPTIONS`` matches the command's options.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

#: The options of `dsactl fine` read here: each name -> (parameter, kind). A kind is ``str``
#: (the text as given), ``list`` (repeatable, in order), ``flag``, ``format`` (``json`` only)
#: or ``(low, high)``: a whole number in that range.
OPTIONS: dict[str, tuple[str, str | tuple[int, int]]] = {
    "--turnover": ("turnover", "str"),
    "-t": ("turnover", "str"),
    "--currency": ("currency", "str"),
    "--eur-rate": ("eur_rate", "str"),
    "--rate": ("rate", "str"),
    "--days": ("days", (1, 10**6)),
    "--regime": ("regime", "list"),
    "-r": ("regime", "list"),
    "--tier": ("tier", "str"),
    "--sme": ("sme", "flag"),
    "--not-undertaking": ("not_undertaking", "flag"),
    "--year-days": ("year_days", (365, 366)),
    "--format": ("fmt", "format"),
    "-f": ("fmt", "format"),
}

Values = dict[str, "str | int | bool | list[str]"]


def answer(argv: Sequence[str]) -> bool:
    """Answer the command line (the words after ``dsactl``) if it is one read here, and say
    whether it was; False means nothing was written and Typer must run it."""
    if "_DSACTL_COMPLETE" in os.environ or not argv or argv[0] != "fine":
        return False
    values = _read(argv[1:])
    if values is None or "turnover" not in values or values.get("fmt") != "json":
        return False
    return _fine_json(values)


def _read(words: Sequence[str]) -> Values | None:
    """The values of the options, as Typer would pass them; None for anything else."""
    values: Values = {}
    position = 0
    while position < len(words):
        word = words[position]
        position += 1
        name, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if name not in OPTIONS:
            return None
        parameter, kind = OPTIONS[name]
        if kind == "flag":
            if equals:
                return None
            values[parameter] = True
            continue
        if not equals:
            if position == len(words):
                return None
            value = words[position]
            position += 1
        read = _value(value, kind)
        if read is None:
            return None
        if kind == "list":
            listed = values.setdefault(parameter, [])
            assert isinstance(listed, list)
            listed.append(value)
        else:
            values[parameter] = read  # given twice: the last one counts, as in Typer
    return values


def _value(text: str, kind: str | tuple[int, int]) -> str | int | None:
    if text.startswith("-"):
        return None
    if isinstance(kind, tuple):
        if not (text.isascii() and text.isdigit() and len(text) <= 7):
            return None
        number = int(text)
        return number if kind[0] <= number <= kind[1] else None
    if kind == "format":
        return "json" if text.isascii() and text.lower() == "json" else None
    return text


def _fine_json(values: Values) -> bool:
    from dsactl.cli.fine_reports import cap_options, report_warnings, reports_from_turnover, warn
    from dsactl.cli.formats import emit, from_document
    from dsactl.render.casefine import reports_json

    def text(name: str) -> str | None:
        value = values.get(name)
        return value if isinstance(value, str) else None

    def number(name: str) -> int | None:
        value = values.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    regimes = values.get("regime")
    try:
        options = cap_options(
            days=number("days"),
            rate=text("rate"),
            sme=values.get("sme") is True,
            tier=text("tier"),
            year_days=number("year_days"),
            not_undertaking=values.get("not_undertaking") is True,
        )
        reports = reports_from_turnover(
            text("turnover") or "",
            text("currency"),
            text("eur_rate"),
            regimes if isinstance(regimes, list) else None,
            options,
        )
        document = from_document("json", reports_json(reports))
    except Exception:
        return False  # the command says what is wrong, in its own words (or its traceback)
    warn(report_warnings(reports))
    emit(document, None)
    return True
