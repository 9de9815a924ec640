"""`dsactl check` results as text lines, JSON, or GitHub Actions annotations.

A finding's message quotes values from the case file and its path is a file name: both may
hold control characters, which every form shows as escapes (``visible`` for text and
annotations, JSON escapes in ``to_json``), never raw.
"""

from __future__ import annotations

from dsactl.casefile.findings import Finding
from dsactl.render.console import one_line, visible
from dsactl.render.structured import to_json


def summary(files: int, findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    return f"checked {files} file(s): {errors} error(s), {warnings} warning(s)"


# Severity colours on a terminal, as ruff and compilers show them: bold red errors, bold
# yellow warnings, the position in bold, the code dimmed.
_SGR = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _coloured(finding: Finding) -> str:
    """The line of ``Finding.format`` with colour codes around its parts; the text of each
    part goes through ``one_line`` on its own, so a case file's own escape codes stay
    escaped."""
    level = finding.level.value
    key = f"{finding.key}: " if finding.key else ""
    where = one_line(f"{finding.path}:{finding.line}:{finding.column}:")
    text = one_line(f"{key}{finding.message}")
    return (
        f"{_BOLD}{where}{_RESET} {_SGR[level]}{level}{_RESET}: {text} "
        f"{_DIM}[{finding.code}]{_RESET}"
    )


def check_text(
    files: int,
    findings: list[Finding],
    *,
    quiet: bool = False,
    strict: bool = False,
    colour: bool = False,
) -> str:
    """One finding a line, then the summary. ``quiet`` leaves out the warnings, unless
    ``strict`` makes them failures: then they are what the user must see. ``colour``: the
    severity in its colour (for a terminal)."""
    shown = [f for f in findings if f.is_error or strict] if quiet else findings
    line = _coloured if colour else (lambda f: one_line(f.format()))
    lines = [line(f) for f in shown]
    lines.append(summary(files, findings))
    return "\n".join(lines) + "\n"


def check_json(files: int, findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.is_error)
    return to_json(
        {
            "files": files,
            "errors": errors,
            "warnings": len(findings) - errors,
            "findings": [
                {
                    "path": f.path,
                    "line": f.line,
                    "column": f.column,
                    "level": f.level.value,
                    "code": f.code,
                    "key": f.key,
                    "message": f.message,
                }
                for f in findings
            ],
        }
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# GitHub shows at most 10 error and 10 warning annotations per step; the rest are dropped.
GITHUB_LIMIT = 10


def check_github(files: int, findings: list[Finding]) -> str:
    lines = []
    shown = {"error": 0, "warning": 0}
    left_out = {"error": 0, "warning": 0}
    for f in findings:
        level = f.level.value
        if shown[level] >= GITHUB_LIMIT:
            left_out[level] += 1
            continue
        shown[level] += 1
        message = visible(f"{f.key}: {f.message}" if f.key else f.message)
        lines.append(
            f"::{level} file={_escape_property(visible(f.path))},line={f.line},col={f.column},"
            f"title={_escape_property(f.code)}::{_escape_data(message)}"
        )
    text = summary(files, findings)
    if left_out["error"] or left_out["warning"]:
        text += (
            f"; {left_out['error']} error(s) and {left_out['warning']} warning(s) not annotated "
            f"(GitHub shows {GITHUB_LIMIT} of each per step): run `dsactl check` for all"
        )
    lines.append(f"::notice title=dsactl check::{_escape_data(text)}")
    return "\n".join(lines) + "\n"
