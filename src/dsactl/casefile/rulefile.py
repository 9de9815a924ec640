"""Obligation rule files (a ``[ruleset]`` table and ``[[rules]]``): checked where they are
found beside the case files or given with ``--rules-file``, their problem reported under E503
with its line and key. The format and its reading are in ``dsactl.law.rulesets``."""

from __future__ import annotations

import re

from dsactl.casefile.positions import KeyPath
from dsactl.casefile.reader import LoadedFile
from dsactl.errors import DsactlError
from dsactl.law.rulesets import RuleSet, load_ruleset_text

__all__ = ["check_rule_file"]

_KEY_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _key_path(text: str | None) -> KeyPath:
    """``rules[1].anchor`` -> ("rules", 1, "anchor")."""
    if not text:
        return ()
    return tuple(int(i) if i else name for name, i in _KEY_PART.findall(text))


def check_rule_file(loaded: LoadedFile) -> RuleSet | None:
    """The rule set of a parsed rule file, or None after adding its problem (E503)."""
    try:
        return load_ruleset_text(loaded.text, loaded.display)
    except DsactlError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        if exc.line is not None:
            loaded.add_at(exc.line, exc.column or 1, "E503", f"{exc.message}{hint}")
        else:
            loaded.add(_key_path(exc.key), "E503", f"{exc.message}{hint}")
        return None
