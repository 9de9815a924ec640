from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.testing
from hypothesis import settings
from typer.testing import CliRunner

from dsactl.cli.app import app

# No time limit per example (hypothesis's default is 200 ms): on a loaded 2-core machine (the
# browser and the hook's install run beside the rest) an example may take longer, and speed
# is measured by benchmarks/, not asserted in tests.
settings.register_profile("dsactl", deadline=None)
settings.load_profile("dsactl")

ROOT = Path(__file__).resolve().parent.parent
#: The tests' own docket: a frozen copy of the eleven case files shipped in cases/ as of the
#: layout change (November 2026). Every expected figure in the tests is worked out from these
#: copies, so cases/ can follow the news without breaking a test. Only the tests that check
#: the shipped files themselves (they pass `dsactl check`, the README examples run) read
#: SHIPPED_CASES.
DOCKET = Path(__file__).resolve().parent / "docket"
SHIPPED_CASES = ROOT / "cases"


_BUILT: dict[int, tuple[Any, Any]] = {}
_build = typer.testing._get_command


def _built_once(typer_app: Any) -> Any:
    """The app's click group, built once per test process: Typer's test runner builds it, and
    the options of the command run, at every invoke (production builds it once per process).
    A group keeps the commands it has built. ``tests/test_lazy_cli.py``, which counts what is
    built, restores Typer's own builder for its tests (``fresh_builds``)."""
    key = id(typer_app)
    if key not in _BUILT:
        _BUILT[key] = (typer_app, _build(typer_app))  # the app is kept, so its id stays its own
    return _BUILT[key][1]


typer.testing._get_command = _built_once


@pytest.fixture
def fresh_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typer's runner builds the app at every invoke again, as it does unpatched."""
    monkeypatch.setattr(typer.testing, "_get_command", _build)


class Run:
    """Invoke the CLI with no colour and a fixed width, returning (exit code, stdout, stderr)."""

    def __init__(self) -> None:
        self.runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "120", "DSACTL_CASES": None})

    def __call__(self, *args: str) -> tuple[int, str, str]:
        result = self.runner.invoke(app, list(args))
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr


#: Modules whose tests share one costly module fixture (a browser, a built site): with
#: several workers their tests all run on one, so it is made once.
KEEP_TOGETHER = ("test_site_browser.py", "test_site.py")


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With several workers (pyproject's `-n auto`): test by test, but the modules of
    ``KEEP_TOGETHER`` each on one worker. Module by module (`--dist loadscope`) left one worker
    idle for the last fifth of the run, and `xdist_group` marks are not honoured with pytest 9."""
    from xdist.scheduler import LoadScopeScheduling

    class TestByTest(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module.endswith(KEEP_TOGETHER) else nodeid

    return TestByTest(config, log)


# After the slow ones, the longest module: started early, it ends with the rest.
_LONG = ("test_fuzz.py",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first, then the long ones: with several workers (pyproject's `-n auto`)
    the install of tests/test_precommit.py and the browser of tests/test_site_browser.py then
    run beside the rest of the suite, not after it."""
    items.sort(
        key=lambda item: (item.get_closest_marker("slow") is None, item.path.name not in _LONG)
    )


@pytest.fixture
def run() -> Run:
    return Run()
