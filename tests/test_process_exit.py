"""The `dsactl` script ends its process as soon as the command is done (``cli/entry.py``,
``_leave``: exit handlers run and both streams are flushed, then no teardown): what it
writes and the exit code it gives are exactly those of ``dsactl.__main__.main()``, which ends
with ``SystemExit``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

VALID = ROOT / "tests" / "casefiles" / "valid"
INVALID = ROOT / "tests" / "casefiles" / "invalid"

# The command line the probe runs through main(), catching SystemExit for its code.
PROBE = (
    "import sys\nfrom dsactl.__main__ import main\nsys.argv = ['dsactl', *sys.argv[1:]]\n"
    "try:\n    main()\n    code = 0\nexcept SystemExit as exc:\n"
    "    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)\n"
    "sys.stdout.flush()\nsys.stderr.write(f'<exit {code}>')\n"
)


def _script(*argv: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "dsactl", *argv], capture_output=True, text=True, timeout=120
    )
    return done.returncode, done.stdout, done.stderr


def _main(*argv: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120
    )
    err, _, code = done.stderr.rpartition("<exit ")
    return int(code.rstrip(">")), done.stdout, err


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        # 0: a table, and JSON.
        (["deadlines", str(VALID), "--as-of", "2024-03-20"], 0),
        (["deadlines", str(VALID), "--as-of", "2024-03-20", "--all", "-f", "json"], 0),
        # 1: invalid case files; 2: a usage mistake.
        (["check", str(INVALID), "--as-of", "2024-03-20"], 1),
        (["fine", "--turnover", "1e9", "--no-such-option"], 2),
    ],
    ids=["table", "json", "invalid data", "usage"],
)
def test_the_script_writes_and_exits_as_main_does(argv: list[str], code: int) -> None:
    script = _script(*argv)
    assert script == _main(*argv)
    assert script[0] == code


def test_output_to_a_file_is_complete(tmp_path: Path) -> None:
    out = tmp_path / "d.json"
    code, _, err = _script(
        "deadlines", str(VALID), "--as-of", "2024-03-20", "--all", "-f", "json", "-o", str(out)
    )
    assert code == 0, err
    expected = _main("deadlines", str(VALID), "--as-of", "2024-03-20", "--all", "-f", "json")[1]
    assert out.read_text(encoding="utf-8") == expected
