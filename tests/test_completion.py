"""Issue 13 item 10: shell completion offers the user's own data, and answers fast.

Completion runs the real entry point in a fresh interpreter, as a shell does (bash:
``_DSACTL_COMPLETE=complete_bash``), over the tests' own docket (tests/docket) given through
$DSACTL_CASES, the way a command would find it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DOCKET = Path(__file__).resolve().parent / "docket"

PROBE = """\
import json, sys
out = sys.argv[1]
sys.argv = ["dsactl"]
from dsactl.__main__ import main
try:
    main()
except SystemExit:
    pass
with open(out, "w", encoding="utf-8") as handle:
    json.dump(sorted({name.split(".")[0] for name in sys.modules}), handle)
"""


def complete(words: str, tmp_path: Path) -> tuple[list[str], set[str]]:
    """The completions bash would get for the command line ``words`` (the last word being
    typed; a trailing space starts a new one), and the top-level packages imported."""
    parts = words.split()
    cword = len(parts) if words.endswith(" ") else len(parts) - 1
    env = {
        **os.environ,
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        "_DSACTL_COMPLETE": "complete_bash",
        "DSACTL_CASES": str(DOCKET),
    }
    out = tmp_path / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.stderr == "", proc.stderr
    return proc.stdout.split(), set(json.loads(out.read_text(encoding="utf-8")))


def test_platforms_complete_from_the_case_files(tmp_path: Path) -> None:
    offered, _ = complete("dsactl show ", tmp_path)
    assert {"TikTok", "X", "Bing", "google-search"} <= set(offered)
    assert "Google" not in offered  # a name with a space is offered by its file stem
    offered, _ = complete("dsactl fine ti", tmp_path)
    assert offered == ["tiktok"]
    offered, _ = complete("dsactl show Ti", tmp_path)
    assert offered == ["TikTok"]


def test_request_ids_complete_for_the_platform_given(tmp_path: Path) -> None:
    offered, _ = complete("dsactl answer TikTok ", tmp_path)
    assert offered == ["genai-elections", "genai-other"]
    offered, _ = complete("dsactl answer x 2024-05-", tmp_path)
    assert offered == ["2024-05-moderation-genai", "2024-05-other"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("dsactl fine --regime g", ["gdpr"]),
        ("dsactl regimes d", ["dma", "dsa", "dsa-national"]),
        ("dsactl fine --regime gdpr --tier ", ["83-4", "83-5", "83-6"]),
        ("dsactl fine --tier 7", ["74-1", "74-2", "76-1"]),
        ("dsactl period 2024-03-14 10d --calendar eu", ["eu-commission", "eu-commission-lu"]),
        ("dsactl calendar --calendar i", ["ie", "is", "it"]),
    ],
)
def test_regimes_tiers_and_calendars_complete(
    tmp_path: Path, words: str, expected: list[str]
) -> None:
    offered, _ = complete(words, tmp_path)
    assert offered == expected


def test_completion_is_fast_no_table_library_no_toml_parse(tmp_path: Path) -> None:
    # Within the start-up budget: completing a platform reads the files' text only, so no
    # table, calendar or TOML library is imported.
    _, modules = complete("dsactl show ", tmp_path)
    assert not modules & {"rich", "holidays", "dateutil", "icalendar", "tomlkit", "tomllib"}
    _, modules = complete("dsactl answer x ", tmp_path)
    assert not modules & {"rich", "holidays", "dateutil", "icalendar", "tomlkit", "tomllib"}


def test_obligations_complete_platforms_among_paths(tmp_path: Path) -> None:
    offered, _ = complete("dsactl obligations TikTok Sn", tmp_path)
    assert offered == ["Snapchat"]
