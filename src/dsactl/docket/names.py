"""The names in a docket, read fast: for shell completion, where a TAB must answer at once.

``docket_names`` reads each case file's text once and picks out, line by line, its
``[platform] name`` and the ``id`` of each ``[[requests]]`` table, without parsing the TOML
or checking anything: what a user would type, not a validated docket. A file that cannot be
read, or a value written in a way this reader does not follow (an escaped quote, a multi-line
string), is simply not offered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from msgspec import Struct, field

from dsactl.casefile.discovery import find_case_files
from dsactl.errors import DsactlError

__all__ = ["CaseNames", "docket_names"]

_HEADER = re.compile(r"\s*\[(\[)?\s*([A-Za-z0-9_.\-]+)\s*\]")
_VALUE = re.compile(r"""\s*(name|id)\s*=\s*(?:"([^"\\\n]*)"|'([^'\n]*)')""")
#: A completion reads at most this much of a file: case files are small.
_MAX_BYTES = 1 << 20


class CaseNames(Struct):
    """What one case file answers to, and the ids of its requests."""

    stem: str
    platform: str | None = None
    requests: list[str] = field(default_factory=list)


def _scan(path: Path) -> CaseNames | None:
    try:
        with path.open("rb") as handle:
            text = handle.read(_MAX_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    names = CaseNames(path.stem)
    table = ""
    for line in text.splitlines():
        header = _HEADER.match(line)
        if header is not None:
            table = header.group(2)
            continue
        if "=" not in line:
            continue
        found = _VALUE.match(line)
        if found is None:
            continue
        key, value = found.group(1), found.group(2) or found.group(3) or ""
        if not value:
            continue
        if table == "platform" and key == "name" and names.platform is None:
            names.platform = value
        elif table == "requests" and key == "id":
            names.requests.append(value)
    return names


def docket_names(
    paths: Sequence[Path] | None = None, environ: Mapping[str, str] | None = None
) -> list[CaseNames]:
    """The names in the case files a command would read (PATHS, else $DSACTL_CASES, else
    ./cases); an empty list when there are none (completion never fails)."""
    try:
        files = find_case_files(paths, environ)
    except DsactlError:
        return []
    scanned = (_scan(path) for path in files if path.suffix == ".toml")
    return [names for names in scanned if names is not None]
