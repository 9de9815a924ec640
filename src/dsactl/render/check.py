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


def check_text(
    files: int, findings: list[Finding], *, quiet: bool = False, strict: bool = False
) -> str:
    """One finding a line, then the summary. ``quiet`` leaves out the warnings, unless
    ``strict`` makes them failures: then they are what the user must see."""
    shown = [f for f in findings if f.is_error or strict] if quiet else findings
    lines = [one_line(f.format()) for f in shown]
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
