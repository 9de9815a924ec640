"""Start-up stays fast: the quick commands do not import the heavy or optional libraries.

Each test runs one command in a fresh interpreter through ``dsactl.__main__.main()`` (what the
``dsactl`` script calls), then lists ``sys.modules``. A module counts when its top-level
package is named (``rich.console`` counts as ``rich``).
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

# Libraries used only for tables, calendars, .ics files and in-place edits.
HEAVY = ("rich", "dateutil", "holidays", "icalendar", "tomlkit")
# `--version` needs none of the command line machinery either.
VERSION_FORBIDDEN = ("typer", "click", *HEAVY, "tomli_w")


def loaded_modules(tmp_path: Path, *argv: str) -> tuple[int, str, set[str]]:
    """(exit code, stdout, top-level package names imported) of ``dsactl ARGV``."""
    code, stdout, modules = module_names(tmp_path, *argv)
    return code, stdout, {name.split(".")[0] for name in modules}


def module_names(tmp_path: Path, *argv: str) -> tuple[int, str, set[str]]:
    """(exit code, stdout, full names of the modules imported) of ``dsactl ARGV``."""
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
    assert proc.stderr == "", proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    return report["code"], proc.stdout, set(report["modules"])


def test_the_probe_sees_what_a_command_imports(tmp_path: Path) -> None:
    # Guards the test itself: the table form of `fine` draws with Rich, so the probe must
    # report rich for it; if it did not, the absence checks below would prove nothing.
    code, _, modules = loaded_modules(tmp_path, "fine", "--turnover", "1e9")
    assert code == 0
    assert {"dsactl", "rich", "typer"} <= modules


def test_version_loads_no_cli_or_rendering_library(tmp_path: Path) -> None:
    code, stdout, modules = loaded_modules(tmp_path, "--version")
    assert (code, stdout.startswith("dsactl ")) == (0, True)
    assert sorted(modules.intersection(VERSION_FORBIDDEN)) == []


@pytest.mark.parametrize(
    "argv",
    [
        ("fine", "--turnover", "1e9", "--format", "json"),
        ("fine", "--turnover", "1e9", "--regime", "gdpr", "--format", "json"),
    ],
    ids=["dsa", "gdpr"],
)
def test_fine_json_loads_no_rendering_or_calendar_library(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    code, stdout, modules = loaded_modules(tmp_path, *argv)
    assert code == 0
    # 6 % of EUR 1 000 000 000 (Art. 74(1) DSA) = EUR 60 000 000; 4 % for GDPR Art. 83(5)
    # = EUR 40 000 000: either figure shows the command really ran.
    assert "60000000" in stdout.replace(",", "").replace("_", "") or "40000000" in stdout
    assert sorted(modules.intersection(HEAVY)) == []


CASES = Path(__file__).resolve().parent / "docket-2025"
AS_OF = "2024-03-20"
COMMAND_MODULES = {
    "dsactl.cli.check",
    "dsactl.cli.deadlines",
    "dsactl.cli.fine",
    "dsactl.cli.period",
    "dsactl.cli.regimes",
    "dsactl.cli.schema",
    "dsactl.cli.show",
    "dsactl.cli.site",
    "dsactl.cli.timeline",
    "dsactl.cli.writers",
}


@pytest.mark.parametrize(
    ("argv", "own"),
    [
        (("fine", "--turnover", "1e9", "--format", "json"), "dsactl.cli.fine"),
        (("check", str(CASES), "--as-of", AS_OF), "dsactl.cli.check"),
        (("deadlines", str(CASES), "--as-of", AS_OF, "--format", "json"), "dsactl.cli.deadlines"),
    ],
    ids=["fine", "check", "deadlines"],
)
def test_a_command_imports_no_other_command(
    tmp_path: Path, argv: tuple[str, ...], own: str
) -> None:
    code, _, modules = module_names(tmp_path, *argv)
    assert code == 0
    assert sorted(modules & COMMAND_MODULES) == [own]


def test_fine_json_loads_no_case_file_machinery_or_stdlib_toml(tmp_path: Path) -> None:
    # A fine from a turnover needs the regime it names, not the case-file model, validation
    # or the calendars; the shipped regime file is read by the compiled tomli, not tomllib,
    # straight from the package folder (importlib.resources costs milliseconds to import).
    code, _, modules = module_names(tmp_path, "fine", "--turnover", "1e9", "--format", "json")
    assert code == 0
    unwanted = {
        "dsactl.casefile.model",
        "dsactl.docket.exposure",
        "dsactl.law.calendars",
        "dsactl.docket.load",
        "dsactl.casefile.spec",
        "dsactl.casefile.checks",
        "tomllib",
        "importlib.resources",
        "csv",
    }
    assert sorted(modules & unwanted) == []


@pytest.mark.parametrize(
    "argv",
    [
        ("check", str(CASES), "--as-of", AS_OF),
        ("check", str(CASES), "--as-of", AS_OF, "--format", "json"),
        ("deadlines", str(CASES), "--as-of", AS_OF, "--format", "json"),
        ("deadlines", str(CASES), "--as-of", AS_OF, "--format", "csv"),
    ],
    ids=["check", "check-json", "deadlines-json", "deadlines-csv"],
)
def test_documents_load_no_table_library(tmp_path: Path, argv: tuple[str, ...]) -> None:
    code, _, modules = loaded_modules(tmp_path, *argv)
    assert code == 0
    assert sorted(modules & {"rich", "holidays", "icalendar", "tomlkit", "tomllib"}) == []


def test_clean_case_files_import_no_findings(tmp_path: Path) -> None:
    # Findings (and their table of codes) are made only for files that have some.
    code, _, modules = module_names(
        tmp_path, "deadlines", str(CASES), "--as-of", AS_OF, "--format", "json"
    )
    assert code == 0
    assert "dsactl.casefile.findings" not in modules
