"""The deadlines table at any width: ids, dates, statuses and platform names whole; subjects
wrapped; one record per block below the width the key columns need."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dsactl.cli.app import app
from dsactl.render.grid import _width, _wrap

LONG = (
    "Generative-AI risks: questions on elections, deepfakes and the protection of minors "
    "under Articles 34 and 35"
)
CASE = """\
[platform]
name = "{name}"
provider = "P"

[[requests]]
id = "genai-elections-2024-03"
kind = "rfi-decision"
subject = "{subject}"
sent = 2024-03-14
due = 2024-04-05
source = "x"

[[requests]]
id = "ads-special-categories"
subject = "Ads"
sent = 2024-03-14
period = "10 working days"
source = "x"
"""
# 10 working days from 14 March 2024: Good Friday (29 Mar) and Easter Monday (1 Apr) are
# Commission holidays, so the 10th working day is 2 April.
KEYS = ("2024-04-05", "2024-04-02", "genai-elections-2024-03", "ads-special-categories", "open")


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    (tmp_path / "a.toml").write_text(CASE.format(name="Google Search", subject=LONG))
    (tmp_path / "b.toml").write_text(CASE.format(name="Very Long Platform Name", subject="s"))
    return tmp_path


def table(cases: Path, columns: int) -> str:
    runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": str(columns), "DSACTL_CASES": None})
    result = runner.invoke(app, ["deadlines", str(cases), "--as-of", "2024-03-20"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def words_of(text: str) -> set[str]:
    return {w.strip(":") for line in text.splitlines() for w in line.split()}


@pytest.mark.parametrize("columns", [200, 120, 80, 60, 40, 20, 5])
def test_key_values_are_never_split_or_cut(cases: Path, columns: int) -> None:
    out = table(cases, columns)
    words = words_of(out)
    for key in KEYS:
        assert key in words, (columns, key, out)
    for name in ("Google Search", "Very Long Platform Name"):
        assert name in out, (columns, out)  # on one line, whole
    assert "Reply deadlines as of 2024-03-20" in out  # the title, whole at any width
    # Every word of the long subject is there (wrapped, never cut).
    assert set(LONG.split()) <= words | {w + ":" for w in words}, out


def test_at_80_columns_a_table_with_the_subject_wrapped(cases: Path) -> None:
    out = table(cases, 80)
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), out
    row = next(line for line in lines if "genai-elections-2024-03" in line)
    assert row.split()[:4] == ["2024-04-05", "16", "9", "open"]
    assert "Google Search" in row
    subject = [line.strip() for line in lines if line.startswith("    ") and line.strip()]
    assert " ".join(subject).count(LONG) == 1 or LONG.split()[0] in " ".join(subject)


def test_wide_terminal_one_line_per_request(cases: Path) -> None:
    out = table(cases, 200)
    row = next(line for line in out.splitlines() if "genai-elections-2024-03" in line)
    assert LONG in row


def test_narrow_terminal_one_record_per_block(cases: Path) -> None:
    out = table(cases, 40)
    assert "Request (kind): genai-elections-2024-03" in out
    assert "Due:" in out and "Status:         open" in out
    assert "Platform:       Very Long Platform Name" in out


def test_piped_output_is_80_columns_and_keeps_ids(cases: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "DSACTL_CASES")}
    done = subprocess.run(
        [sys.executable, "-m", "dsactl", "deadlines", str(cases), "--as-of", "2024-03-20"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    for key in KEYS:
        assert key in words_of(done.stdout)


@pytest.mark.parametrize("columns", [30, 50])
def test_other_tables_are_never_cut_either(columns: int) -> None:
    # DSA Art. 74(1): 6 % of EUR 1 000 000 000 = EUR 60 000 000.00; Art. 74(2): 1 % =
    # EUR 10 000 000.00. Too wide for the terminal: the lines are longer, nothing is cut.
    runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": str(columns), "DSACTL_CASES": None})
    result = runner.invoke(app, ["fine", "--turnover", "1e9"])
    assert result.exit_code == 0, result.stderr
    assert "60,000,000.00" in result.stdout
    assert "10,000,000.00" in result.stdout
    assert "…" not in result.stdout


def test_long_ids_go_whole_under_their_row_before_records_become_blocks(tmp_path: Path) -> None:
    long_id = "dma-gatekeeper.compliance-report-x1-annex"  # 41 characters
    (tmp_path / "a.toml").write_text(
        CASE.format(name="Google Search", subject=LONG).replace("genai-elections-2024-03", long_id)
    )
    out = table(tmp_path, 80)
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), out
    assert f"    {long_id} (rfi-decision)" in lines, out
    assert any(line.startswith("2024-04-05") and "Google Search" in line for line in lines)
    assert "Due:" not in out  # still a table, not blocks


# Subjects wrap exactly as textwrap.wrap(text, width, break_on_hyphens=False) wraps them: the
# quick path (single-spaced printable words, none longer than the width) and textwrap itself
# (everything else: runs of spaces, tabs, a no-break space, a word longer than the width).
_WORD = st.text(alphabet="abcXYZ-.,()’é—ü\u00a0\u3000漢", min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_WORD, min_size=1, max_size=15),
    st.sampled_from([" ", " ", " ", "  ", " \t", "\n"]),
    st.integers(min_value=1, max_value=40),
)
def test_subjects_wrap_as_textwrap_wraps_them(words: list[str], sep: str, width: int) -> None:
    text = sep.join(words)
    expected = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    if _width(text) <= width:
        expected = [text]
    assert _wrap(text, width) == expected
