from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dsactl.cli import app

ROOT = Path(__file__).resolve().parent.parent
#: The shipped docket: only "every shipped file passes check" and the schema tests read it.
SHIPPED_CASES = ROOT / "cases"
#: A frozen copy of an earlier docket, for tests that need fixed contents (see its README).
CASES = ROOT / "tests" / "docket-2025"


class Run:
    """Invoke the CLI with no colour and a fixed width, returning (exit code, stdout, stderr)."""

    def __init__(self) -> None:
        self.runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "120", "DSACTL_CASES": None})

    def __call__(self, *args: str) -> tuple[int, str, str]:
        result = self.runner.invoke(app, list(args))
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def run() -> Run:
    return Run()
