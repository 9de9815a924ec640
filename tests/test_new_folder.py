"""Issue 13 item 9 (and 19): the empty-folder hint works as written; `new` shows every table."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import Run


def test_the_empty_folder_hint_is_a_command_that_works(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("deadlines")
    assert code == 2
    hint = re.search(r"`(dsactl new NAME -o cases/NAME\.toml)`", err)
    assert hint is not None, err
    # the hint, as a user would type it: cases/ does not exist yet, `new -o` creates it
    code, _, err = run("new", "Acme", "-o", "cases/Acme.toml")
    assert code == 0, err
    assert "created the folder cases" in err
    assert (tmp_path / "cases" / "Acme.toml").is_file()
    code, out, err = run("check")
    assert code == 0, err + out
    assert "checked 1 file(s): 0 error(s)" in out


def test_new_does_not_create_over_a_file(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "cases"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, err = run("new", "Acme", "-o", str(blocker / "acme.toml"))
    assert code == 2
    assert "dsactl: error:" in err
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    assert os.listdir(tmp_path) == ["cases"]


def test_the_starter_file_has_an_example_of_every_table(run: Run) -> None:
    code, out, _ = run("new", "Acme")
    assert code == 0
    assert "[platform]" in out
    for table in ("turnover", "proceedings", "requests", "fines"):
        assert f"# [[{table}]]" in out, table


def test_new_names_a_path_that_is_not_utf8_as_every_output_does(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A folder name with the byte 0xff (not UTF-8) is "d\udcff" in Python: JSON could not
    # hold it (a traceback, exit 1, after the file was written). It is shown as `d\xff`, as
    # `check` and `deadlines` show such a path.
    monkeypatch.chdir(tmp_path)
    code, out, err = run("new", "Acme", "-o", "d\udcff/acme.toml", "-f", "json")
    assert code == 0, err
    assert (tmp_path / "d\udcff" / "acme.toml").is_file()
    doc = json.loads(out)
    assert doc["file"] == "d\\xff/acme.toml"
    assert doc["notes"][0] == "created the folder d\\xff"
    code, _, err = run("new", "Beta", "-o", "d\udcff/beta.toml")
    assert code == 0, err
    assert "wrote d\\xff/beta.toml" in err
