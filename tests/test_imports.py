"""Start-up stays fast: each command imports only the third-party libraries it needs.

Each test runs one command in a fresh interpreter through ``dsactl.__main__.main()`` (what the
``dsactl`` script calls), then lists the top-level packages in ``sys.modules`` (``rich.console``
counts as ``rich``). Only third-party libraries and heavy standard-library modules are
checked, per command: which of dsactl's own modules a command imports is its own business
(core modules import each other at the top of the file; ARCHITECTURE.md, "Start-up").
Fixtures only (tests/timeline), never the shipped cases.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """\
import json, sys
argv, out = json.loads(sys.argv[1]), sys.argv[2]
sys.argv = ["dsactl", *argv]
from dsactl.__main__ import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
with open(out, "w", encoding="utf-8") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""

FIXTURES = str(Path(__file__).resolve().parent / "timeline")
AS_OF = "2024-01-08"

# The libraries that cost start-up time, and what needs them: Rich draws tables (and the SVG);
# dateutil projects a year of holidays (Easter); holidays gives national calendars; icalendar
# writes .ics; tomlkit edits in place (`answer`); tomli_w writes a new file (`new`); tomllib
# and tomli read what rtoml might read otherwise (a carriage return, a BOM, an inline table:
# none in these fixtures); csv writes CSV.
WATCHED = {
    *("rich", "dateutil", "holidays", "icalendar", "tomlkit", "tomli_w", "tomllib", "tomli"),
    "csv",
}

# command line -> the watched libraries it may import (every other one is a failure).
ALLOWED: list[tuple[tuple[str, ...], set[str]]] = [
    (("fine", "--turnover", "1e9", "--format", "json"), set()),
    (("fine", "--turnover", "1e9", "--regime", "gdpr", "--format", "json"), set()),
    (("fine", "--turnover", "1e9"), {"rich"}),
    (("regimes", "--format", "json"), set()),
    (("schema",), set()),
    (("period", "2024-03-14", "10 days", "--format", "json"), {"dateutil"}),
    (("calendar", "2024", "--format", "json"), {"dateutil"}),
    (("check", FIXTURES, "--as-of", AS_OF), {"dateutil"}),
    (("check", FIXTURES, "--as-of", AS_OF, "--format", "json"), {"dateutil"}),
    (("check", FIXTURES, "--as-of", AS_OF, "--format", "sarif"), {"dateutil"}),
    (("deadlines", FIXTURES, "--as-of", AS_OF, "--format", "json"), {"dateutil"}),
    (("deadlines", FIXTURES, "--as-of", AS_OF, "--format", "csv"), {"dateutil", "csv"}),
    (("deadlines", FIXTURES, "--as-of", AS_OF, "--format", "markdown"), {"dateutil"}),
    (("deadlines", FIXTURES, "--as-of", AS_OF, "--format", "ics"), {"dateutil", "icalendar"}),
    (("deadlines", FIXTURES, "--as-of", AS_OF), {"dateutil", "rich"}),
    (("show", "Alpha", FIXTURES, "--as-of", AS_OF, "--format", "json"), {"dateutil"}),
    (("timeline", FIXTURES, "--as-of", AS_OF, "--format", "json"), {"dateutil"}),
    (("new", "Example", "--format", "json"), {"tomli_w", "tomllib"}),
]


def loaded_modules(tmp_path: Path, *argv: str) -> tuple[int, str, set[str]]:
    """(exit code, stdout, top-level package names imported) of ``dsactl ARGV``."""
    out = tmp_path / "modules.json"
    env = {"NO_COLOR": "1", "COLUMNS": "120", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(argv)), str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    return report["code"], proc.stdout, {name.split(".")[0] for name in report["modules"]}


def test_the_probe_sees_what_a_command_imports(tmp_path: Path) -> None:
    # Guards the test itself: the table form of `fine` draws with Rich, so the probe must
    # report rich for it; if it did not, the absence checks below would prove nothing.
    code, _, modules = loaded_modules(tmp_path, "fine", "--turnover", "1e9")
    assert code == 0
    assert {"dsactl", "rich", "typer"} <= modules


def test_version_loads_no_cli_or_rendering_library(tmp_path: Path) -> None:
    code, stdout, modules = loaded_modules(tmp_path, "--version")
    assert (code, stdout.startswith("dsactl ")) == (0, True)
    assert sorted(modules & {"typer", "click", *WATCHED}) == []


def test_a_fine_from_a_turnover_as_json_starts_without_typer(tmp_path: Path) -> None:
    # `dsactl fine --turnover 1e9 --format json` is answered by dsactl.cli.quick before Typer
    # or msgspec is imported (its start-up budget, benchmarks/README.md; law/'s fine records
    # are NamedTuples for it); the same line with an option the quick path leaves to Typer
    # goes through Typer (the probe sees it).
    argv = ("fine", "--turnover", "1e9", "--format", "json")
    code, stdout, modules = loaded_modules(tmp_path, *argv)
    assert (code, '"regime": "dsa"' in stdout) == (0, True)
    assert sorted(modules & {"typer", "click", "shellingham", "msgspec", *WATCHED}) == []
    code, stdout, modules = loaded_modules(tmp_path, *argv, "--as-of", "2024-01-01")
    assert (code, '"regime": "dsa"' in stdout, "typer" in modules) == (0, True, True)


def _id(value: object) -> str:
    if isinstance(value, tuple):
        return " ".join(value).replace(FIXTURES, "FIXTURES")
    return ",".join(sorted(value)) if isinstance(value, set) else str(value)


@pytest.mark.parametrize(("argv", "allowed"), ALLOWED, ids=_id)
def test_a_command_imports_only_the_libraries_it_needs(
    tmp_path: Path, argv: tuple[str, ...], allowed: set[str]
) -> None:
    code, stdout, modules = loaded_modules(tmp_path, *argv)
    assert code == 0
    assert stdout  # it really ran
    assert sorted((modules & WATCHED) - allowed) == []
