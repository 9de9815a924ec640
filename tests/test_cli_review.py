"""Gaps found by an acceptance review, each pinned by a test: options that must not be
ignored, messages that must say how to start, output that must stay one finding a line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DOCKET, ROOT, Run


def test_fine_platform_takes_eur_rate_from_the_command_line(run: Run) -> None:
    # X's case records USD 3 400 000 000 for 2023 with eur_rate 1.1050; --eur-rate 1.0925
    # replaces that rate for the caps: 6 % = 204 000 000 USD; / 1.0925 = 186 727 688.787…
    # -> 186 727 688.78 (truncated).
    code, out, err = run(
        "fine", "x", str(DOCKET), "--as-of", "2024-03-15", "--eur-rate", "1.0925", "-f", "json"
    )
    assert code == 0, err
    cap = json.loads(out)["caps"][0]
    assert (cap["amount"], cap["amount_eur"]) == ("204000000.00", "186727688.78")
    assert json.loads(out)["turnover"]["eur_rate"] == "1.0925"


def test_fine_platform_eur_rate_serves_fixed_amounts(run: Run) -> None:
    # Meta's 2024 turnover (USD 164 501 000 000) has no eur_rate in the case file, and GDPR
    # compares a EUR fixed amount: --eur-rate 1.0389 is the rate to use, not a reason to
    # ask for it. 83-5: 4 % = USD 6 580 040 000 > EUR 20 m × 1.0389; in EUR
    # 6 580 040 000 / 1.0389 = 6 333 660 602.560… -> 6 333 660 602.56.
    code, out, err = run(
        "fine", "facebook", str(DOCKET), "--as-of", "2025-01-01",
        "-r", "gdpr", "--eur-rate", "1.0389", "-f", "json",
    )  # fmt: skip
    assert code == 0, err
    caps = {c["tier"]: c for c in json.loads(out)["caps"]}
    assert (caps["83-5"]["amount"], caps["83-5"]["amount_eur"]) == (
        "6580040000.00",
        "6333660602.56",
    )
    assert caps["83-5"]["winner"] == "percentage"


def test_fine_platform_rejects_currency(run: Run) -> None:
    # The case file says which currency its turnover is in; --currency would be ignored.
    code, _, err = run("fine", "x", str(DOCKET), "--currency", "EUR")
    assert code == 2
    assert "--currency" in err and "--turnover" in err


def test_fine_platform_warns_when_a_later_year_is_missing(run: Run) -> None:
    # Temu's file holds only the year to 31 Dec 2023; on 1 Jun 2025 the 2024 year had ended
    # (over 12 months after 2023-12-31), so the year used is probably not the preceding one.
    code, out, err = run("fine", "temu", str(DOCKET), "--as-of", "2025-06-01", "-f", "json")
    assert code == 0, err
    warnings = json.loads(out)["warnings"]
    assert any("later financial year" in w for w in warnings), warnings


def test_first_run_without_cases_says_how_to_start(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DSACTL_CASES"}
    result = subprocess.run(
        [sys.executable, "-m", "dsactl", "deadlines"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "./cases" in result.stderr or "cases" in result.stderr
    assert "DSACTL_CASES" in result.stderr
    assert "dsactl new" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--version"], ["schema"], ["fine", "--turnover", "1e9"]])
def test_a_full_disk_on_stdout_is_a_clean_error(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "dsactl", *args],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "dsactl: error:" in result.stderr


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


OVERDUE = """\
[platform]
name = "Late"
provider = "Late Ltd"

[[requests]]
id = "r"
subject = "s"
sent = 2024-01-02
due = 2024-01-10
source = "test"
"""


def test_quiet_strict_shows_the_warnings_that_fail_it(run: Run, tmp_path: Path) -> None:
    path = _write(tmp_path, "late.toml", OVERDUE)
    code, out, _ = run("check", str(path), "--as-of", "2024-02-01", "--quiet", "--strict")
    assert code == 1
    assert "[W101]" in out


def test_unknown_calendar_does_not_hide_a_bad_period(run: Run, tmp_path: Path) -> None:
    text = OVERDUE.replace("due = 2024-01-10\n", 'period = "ten dayz"\n')
    path = _write(tmp_path, "c.toml", 'calendar = "ZZ"\n' + text)
    code, out, _ = run("check", str(path), "--as-of", "2024-02-01", "-f", "json")
    assert code == 1
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert {"E306", "E307"} <= codes


def test_a_newline_in_a_key_stays_on_one_line(run: Run, tmp_path: Path) -> None:
    path = _write(tmp_path, "k.toml", OVERDUE + '"bad\\nkey" = 1\n')
    code, out, _ = run("check", str(path), "--as-of", "2024-01-05")
    assert code == 1
    finding_lines = [line for line in out.splitlines() if "[E202]" in line]
    assert len(finding_lines) == 1
    assert out.count("\n") == 2  # the finding and the summary


def test_findings_are_in_line_order(run: Run, tmp_path: Path) -> None:
    text = OVERDUE.replace('provider = "Late Ltd"\n', 'provider = ""\n') + "extra = 1\n"
    path = _write(tmp_path, "o.toml", text)
    code, out, _ = run("check", str(path), "--as-of", "2024-01-05", "-f", "json")
    assert code == 1
    lines = [(f["line"], f["column"]) for f in json.loads(out)["findings"]]
    assert len(lines) >= 2
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    "args",
    [
        ["deadlines", str(DOCKET), "--as-of", "2024-03-15"],
        ["fine", "--turnover", "1e9"],
        ["show", "x", str(DOCKET), "--as-of", "2025-12-20"],
        ["period", "2024-03-14", "10wd"],
    ],
)
def test_force_colour_never_reaches_a_file(args: list[str], tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    env = {**os.environ, "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        [sys.executable, "-m", "dsactl", *args, "-o", str(target)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in target.read_text(encoding="utf-8")


def test_empty_as_of_is_a_usage_error(run: Run) -> None:
    code, _, err = run("deadlines", str(DOCKET), "--as-of", "")
    assert code == 2
    assert "--as-of" in err


def test_an_error_elsewhere_does_not_hide_overdue_requests(run: Run, tmp_path: Path) -> None:
    # The empty provider is an error (E205); the request is still past due on 1 Feb 2024
    # (due 10 Jan: 22 days before) and unanswered, so W101 is reported too.
    text = OVERDUE.replace('provider = "Late Ltd"\n', 'provider = ""\n')
    path = _write(tmp_path, "e.toml", text)
    code, out, _ = run("check", str(path), "--as-of", "2024-02-01", "-f", "json")
    assert code == 1
    found = {(f["code"], f["key"]) for f in json.loads(out)["findings"]}
    assert ("E205", "platform.provider") in found
    assert ("W101", "requests[0].due") in found
    message = next(f["message"] for f in json.loads(out)["findings"] if f["code"] == "W101")
    assert "22 days before 2024-02-01" in message


def test_output_to_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml.json"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    argv = ["fine", "--turnover", "1e9", "-f", "json", "-o", str(fifo)]
    result = subprocess.run(
        [sys.executable, "-m", "dsactl", *argv],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    out, _ = reader.communicate(timeout=60)
    assert result.returncode == 0, result.stderr
    # 6 % of EUR 1 000 000 000 = 60 000 000.00, read from the other end of the pipe.
    assert json.loads(out)["caps"][0]["amount"] == "60000000.00"
    assert fifo.is_fifo()


@pytest.mark.parametrize(
    "args",
    [
        ["--to", "9999-12-30"],
        ["--as-of", "9999-12-31"],
        ["--from", "2030-01-01"],  # after every event: a one-day window, not an error
        ["--to", "2020-01-01"],  # before every event: likewise
    ],
)
def test_timeline_edges(run: Run, args: list[str]) -> None:
    code, out, err = run("timeline", str(DOCKET), "--width", "80", *args)
    assert code == 0, err
    assert out.startswith("DSA docket")


def test_timeline_without_a_valid_case(run: Run, tmp_path: Path) -> None:
    _write(tmp_path, "broken.toml", '[platform]\nname = "B"\nprovider = ""\n')
    code, out, err = run("timeline", str(tmp_path), "--as-of", "2024-01-01")
    assert code == 1
    assert "no case files to draw" in out
    assert "[E205]" in err


def test_show_a_platform_whose_file_has_errors(run: Run, tmp_path: Path) -> None:
    _write(tmp_path, "broke.toml", '[platform]\nname = "Broke"\nprovider = ""\n')
    for command in ("show", "fine"):
        code, _, err = run(command, "Broke", str(tmp_path))
        assert code == 1, command
        assert "has 1 error(s)" in err and "dsactl check" in err


def test_show_keeps_the_regimes_it_can_compute(run: Run, tmp_path: Path) -> None:
    # A USD turnover without eur_rate: GDPR's EUR 20 m cannot be compared, DSA needs no rate.
    _write(
        tmp_path,
        "usd.toml",
        'regimes = ["dsa", "gdpr"]\n[platform]\nname = "Usd"\nprovider = "Usd Inc"\n'
        '[turnover]\namount = 1_000_000_000\ncurrency = "USD"\nyear_end = 2023-12-31\n'
        'source = "s"\n',
    )
    code, out, err = run("show", "usd", str(tmp_path), "--as-of", "2024-03-01", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert [r["regime"] for r in doc["fines"]["regimes"]] == ["dsa"]
    # 6 % of USD 1 000 000 000.
    assert doc["fines"]["caps"][0]["amount"] == "60000000.00"
    assert doc["no_caps"].startswith("gdpr: ")


def test_a_short_timeline_window_is_one_column_a_day(run: Run) -> None:
    # 1..5 Jan 2024: five days, five columns, whatever the width.
    code, out, err = run(
        "timeline", str(ROOT / "tests" / "timeline"), "--as-of", "2024-01-08",
        "--from", "2024-01-01", "--to", "2024-01-05", "--width", "60",
    )  # fmt: skip
    assert code == 0, err
    rows = {
        line.split("│")[0].strip(): line.split("│")[1] for line in out.splitlines() if "│" in line
    }
    # Alpha: closed proceeding 3-6 Jan (columns 2..4 here), r1 answered on 4 Jan (column 3).
    assert rows["Alpha"] == "  ─✓─"
    # Beta: open since 1 Jan, overdue request due 5 Jan (column 4).
    assert rows["Beta Platform"] == "━━━━!"


def test_far_future_dates_in_a_valid_file(run: Run, tmp_path: Path) -> None:
    # Valid dates near the end of the calendar must not overflow the staleness checks.
    _write(
        tmp_path,
        "far.toml",
        '[platform]\nname = "Far"\nprovider = "Far Ltd"\n'
        '[[turnover]]\namount = 1000\ncurrency = "EUR"\nyear_end = 9999-01-01\nsource = "s"\n'
        '[[fines]]\nid = "f"\ndate = 9999-06-01\namount = 10\ncurrency = "EUR"\n'
        'basis = "DSA Art. 74(1)"\nsource = "s"\n',
    )
    for args in (["show", "far"], ["check"], ["timeline"], ["deadlines"]):
        code, _, err = run(*args, str(tmp_path), "--as-of", "9999-12-31")
        assert code in (0, 1), (args, err)


def test_huge_numbers_are_findings_not_crashes(run: Run, tmp_path: Path) -> None:
    path = _write(tmp_path, "big.toml", '[platform]\nname = "B"\nprovider = "B"\nx = ' + "9" * 5000)
    code, out, _ = run("check", str(path))
    assert code == 1
    assert "[E101]" in out
    code, _, err = run("period", "2024-01-01", "9" * 5000 + " days")
    assert code == 2
    assert "longer than 100 years" in err


def test_an_error_elsewhere_does_not_hide_a_stale_turnover(run: Run, tmp_path: Path) -> None:
    # Empty provider (E205); the only financial year ended 2021-12-31, over 24 months before
    # 2024-06-01 (2021-12-31 + 24 months = 2023-12-31 < 2024-06-01): W103 all the same.
    path = _write(
        tmp_path,
        "s.toml",
        '[platform]\nname = "S"\nprovider = ""\n[turnover]\namount = 10\ncurrency = "EUR"\n'
        'year_end = 2021-12-31\nsource = "s"\n',
    )
    code, out, _ = run("check", str(path), "--as-of", "2024-06-01", "-f", "json")
    assert code == 1
    found = {(f["code"], f["key"]) for f in json.loads(out)["findings"]}
    assert {("E205", "platform.provider"), ("W103", "turnover.year_end")} <= found


def test_a_closed_stdout_is_an_error_but_o_still_works(tmp_path: Path) -> None:
    python = sys.executable
    closed = subprocess.run(
        ["sh", "-c", f'"{python}" -m dsactl schema >&-'],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert closed.returncode == 1
    assert "standard output is closed" in closed.stderr
    assert "Traceback" not in closed.stderr
    target = tmp_path / "schema.json"
    written = subprocess.run(
        ["sh", "-c", f'"{python}" -m dsactl schema -o "{target}" >&-'],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert written.returncode == 0, written.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "object"


def test_bidirectional_overrides_are_shown_not_obeyed(run: Run, tmp_path: Path) -> None:
    # U+202E (right-to-left override) would show "gnol" as "long" reversed in a terminal.
    _write(tmp_path, "b.toml", '[platform]\nname = "Bidi\u202egnol"\nprovider = "B"\n')
    code, out, err = run("timeline", str(tmp_path), "--as-of", "2024-01-01", "--width", "60")
    assert code == 0, err
    assert "Bidi\\u202egnol" in out
    assert "\u202e" not in out
