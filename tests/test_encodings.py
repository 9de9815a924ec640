"""No traceback from encodings: file names that are not UTF-8, arguments that are not UTF-8,
locales and standard outputs that are not UTF-8. Real processes, as a user meets them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASE = (
    '[platform]\nname = "Zoë"\nprovider = "Zoë — Ltd"\n\n[[requests]]\nid = "r0"\n'
    'subject = "Fragen … € × “quoted”"\nsent = 2024-03-14\ndue = 2024-04-05\nsource = "x"\n'
)


def run(
    args: list[str | bytes], cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if k not in ("DSACTL_CASES", "LC_ALL", "LANG")}
    base.update({"NO_COLOR": "1", "COLUMNS": "100", **env})
    return subprocess.run(
        [sys.executable, "-m", "dsactl", *args], capture_output=True, env=base, cwd=cwd, timeout=60
    )


def assert_clean(done: subprocess.CompletedProcess[bytes], codes: tuple[int, ...] = (0,)) -> str:
    err = done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr, err
    assert done.returncode in codes, err
    return done.stdout.decode("utf-8")  # every output is valid UTF-8 (or ASCII)


@pytest.fixture
def odd_name(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    # No `source` on the request: a warning, so that `check` names the file.
    text = CASE.replace('source = "x"\n', "")
    (folder / os.fsdecode(b"g\xff.toml")).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{cases}"],
        ["check", "{cases}", "--format", "json"],
        ["check", "{cases}", "--format", "sarif"],
        ["check", "{cases}", "--format", "github"],
        ["deadlines", "{cases}", "--format", "json"],
        ["deadlines", "{cases}", "--format", "csv"],
        ["deadlines", "{cases}", "--format", "ics"],
        ["show", "Zoë", "{cases}", "--format", "json"],
    ],
)
def test_a_file_name_that_is_not_utf8_is_shown_escaped(odd_name: Path, args: list[str]) -> None:
    argv = [a.replace("{cases}", str(odd_name)) for a in args]
    done = run([*argv, "--as-of", "2024-03-20"])
    out = assert_clean(done, (0, 1))
    if "json" in args or "sarif" in args:
        document = json.loads(out)  # valid JSON, valid UTF-8
        text = json.dumps(document, ensure_ascii=False)
        assert "g\\\\xff.toml" in text or "g%5Cxff.toml" in text
    else:  # CSV, iCalendar (which doubles a backslash), check's lines
        assert "g\\xff.toml" in out.replace("\\\\", "\\")


def test_arguments_that_are_not_utf8_are_usage_errors(tmp_path: Path) -> None:
    done = run(["new", b"bad\xff"])
    assert done.returncode == 2, done.stderr
    err = assert_clean(done, (2,)) + done.stderr.decode()
    assert "PLATFORM" in err and "not valid UTF-8" in err and "0xff" in err
    done = run(["new", "X", "--provider", b"\xfe"])
    assert done.returncode == 2
    assert "--provider" in done.stderr.decode() and "0xfe" in done.stderr.decode()


def test_new_under_a_c_locale_reads_the_name_as_utf8(tmp_path: Path) -> None:
    target = tmp_path / "zoe.toml"
    done = run(
        ["new", "Zoë", "-o", str(target)], LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0"
    )
    assert_clean(done)
    assert 'name = "Zoë"' in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
)
@pytest.mark.parametrize(
    "args",
    [
        ["deadlines", "{cases}"],
        ["show", "Zoë", "{cases}"],
        ["fine", "--turnover", "1e9"],
        ["period", "2024-03-14", "10wd"],
        ["timeline", "{cases}"],
        ["regimes"],
    ],
)
def test_tables_on_an_output_that_is_not_utf8(
    tmp_path: Path, env: dict[str, str], args: list[str]
) -> None:
    (tmp_path / "zoe.toml").write_text(CASE, encoding="utf-8")
    argv = [a.replace("{cases}", str(tmp_path)) for a in args]
    dated = args[0] not in ("regimes", "period")
    done = run([*argv, "--as-of", "2024-03-20"] if dated else argv, **env)
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    if env.get("PYTHONIOENCODING") == "ascii" or "LC_ALL" in env:
        assert done.stdout.isascii()


def test_messages_show_undecodable_bytes_as_the_outputs_do(tmp_path: Path) -> None:
    done = run(["check", os.fsencode(str(tmp_path)) + b"/g\xff"])
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2
    assert "g\\xff: no such file or folder" in err
    assert "udcff" not in err
