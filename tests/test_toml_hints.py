"""Issue 13 item 8: TOML syntax errors get a hint in dsactl's words, with the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run

HEAD = '[platform]\nname = "Hintco"\n'


@pytest.mark.parametrize(
    ("body", "line", "hint"),
    [
        # an unquoted string
        ("provider = Syntaxo Ltd\n", 3, 'put text in double quotes: provider = "Syntaxo Ltd"'),
        # a date written with slashes or dots, day first or year first
        (
            'provider = "S"\n[[requests]]\nid = "r"\nsubject = "s"\nsent = 20/11/2026\n',
            7,
            "write a date as YYYY-MM-DD, without quotes: sent = 2026-11-20",
        ),
        (
            'provider = "S"\n[[requests]]\nid = "r"\nsubject = "s"\nsent = 2026.11.20\n',
            7,
            "write a date as YYYY-MM-DD, without quotes: sent = 2026-11-20",
        ),
        # a missing ]
        ('provider = "S"\n[[requests\n', 4, "close the table header: [[requests]]"),
        ('provider = "S"\n[turnover\n', 4, "close the table header: [turnover]"),
        # a duplicate key
        ('provider = "S"\nprovider = "T"\n', 4, "`provider` is already set on line 3: keep one"),
        # a duplicate table
        ('provider = "S"\n[platform]\n', 4, "[platform] is given twice"),
        # an amount with a suffix, a decimal comma, an unclosed string, True
        ('provider = "S"\n[turnover]\namount = 2.3bn\n', 5, 'quoted string: amount = "2.3bn"'),
        ('provider = "S"\n[turnover]\neur_rate = 1,09\n', 5, 'point as ".": eur_rate = 1.09'),
        ('provider = "Syntaxo\n', 3, 'close the string with " on the same line'),
    ],
)
def test_syntax_errors_say_what_to_write(
    run: Run, tmp_path: Path, body: str, line: int, hint: str
) -> None:
    path = tmp_path / "hintco.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    code, out, _ = run("check", str(path), "--format", "json")
    assert code == 1
    (finding,) = json.loads(out)["findings"]
    assert finding["code"] == "E101"
    assert finding["line"] == line
    assert hint in finding["message"]


def test_a_quoted_date_is_told_to_drop_the_quotes(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "hintco.toml"
    path.write_text(
        HEAD + 'provider = "S"\n[[requests]]\nid = "r"\nsubject = "s"\nsent = "2026-11-20"\n'
        "due = 2026-12-01\n",
        encoding="utf-8",
    )
    _, out, _ = run("check", str(path), "--format", "json")
    messages = [f["message"] for f in json.loads(out)["findings"] if f["code"] == "E203"]
    assert any("remove the quotes: sent = 2026-11-20" in m for m in messages)
