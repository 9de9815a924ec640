"""Issue 9 (one error style, domain errors, reports of new/answer) and issue 13 item 6 (input
in any case where nothing is ambiguous), on fixtures: tests/timeline (Alpha, Beta) and files
written here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import Run

FIXTURES = Path(__file__).resolve().parent / "timeline"
AS_OF = "2024-01-08"
BROKEN = '[platform]\nname = "Broken"\nprovider = ""\n'  # E205: empty provider


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Alpha, Beta and LinkedIn (valid; LinkedIn has a turnover) beside one broken file."""
    folder = tmp_path / "cases"
    shutil.copytree(FIXTURES, folder)
    shutil.copy(FIXTURES.parent / "docket" / "linkedin.toml", folder)
    (folder / "broken.toml").write_text(BROKEN, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "argv",
    [
        ["deadlines"],
        ["deadlines", "--format", "json"],
        ["show", "Alpha"],
        ["show", "Alpha", "--format", "json"],
        ["fine", "LinkedIn", "--format", "json"],
        ["fine", "LinkedIn"],
        ["timeline", "--width", "60"],
        ["timeline", "--format", "json"],
    ],
)
def test_a_broken_file_beside_good_ones_makes_every_reader_exit_1(
    run: Run, mixed: Path, argv: list[str]
) -> None:
    code, out, err = run(*argv, str(mixed), "--as-of", "2024-06-01")
    assert code == 1, (out, err)
    assert out  # the good files are still shown
    assert "broken.toml:3:1: error: platform.provider" in err and "[E205]" in err


def test_the_deadlines_summary_says_how_many_files_were_skipped(run: Run, mixed: Path) -> None:
    code, out, _ = run("deadlines", str(mixed), "--as-of", AS_OF)
    assert code == 1
    assert "; 1 case file(s) skipped for their errors (on stderr)" in " ".join(out.split())
    code, out, _ = run("timeline", str(mixed), "--as-of", AS_OF, "--width", "80")
    assert code == 1
    assert out.endswith("\n1 case file(s) skipped for their errors (on stderr)\n")


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "Alpha"],
        ["fine", "LinkedIn"],
        ["obligations"],
    ],
)
def test_every_table_says_how_many_files_were_skipped(
    run: Run, mixed: Path, tmp_path: Path, argv: list[str]
) -> None:
    code, out, _ = run(*argv, str(mixed), "--as-of", AS_OF)
    assert code == 1
    assert out.endswith("\n1 case file(s) skipped for their errors (on stderr)\n"), out
    written = tmp_path / "table.txt"
    code, _, _ = run(*argv, str(mixed), "--as-of", AS_OF, "-o", str(written))
    assert code == 1
    assert written.read_text(encoding="utf-8").endswith(
        "1 case file(s) skipped for their errors (on stderr)\n"
    )


def test_site_says_how_many_files_were_skipped(run: Run, mixed: Path, tmp_path: Path) -> None:
    code, _, err = run("site", str(mixed), "--as-of", AS_OF, "-o", str(tmp_path / "site"))
    assert code == 1
    assert "other files; 1 case file(s) skipped for their errors\n" in err


def test_answer_reports_in_json(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(FIXTURES, folder)
    code, out, err = run(
        "answer", "Alpha", "r2", str(folder), "--on", "2024-01-09", "--as-of", "2024-01-10",
        "--format", "json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report == {
        "action": "answered",
        "platform": "Alpha",
        "file": str(folder / "alpha.toml"),
        "request": "r2",
        "index": 1,
        "answered": "2024-01-09",
        "previous": None,
        "changed": True,
        "notes": [],
    }
    assert "answered = 2024-01-09" in (folder / "alpha.toml").read_text(encoding="utf-8")


def test_new_reports_in_json(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "example.toml"
    code, out, err = run(
        "new", "Example", "--provider", "Example Ltd", "--kind", "vlop", "-o", str(target),
        "--format", "JSON",
    )  # fmt: skip
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report == {
        "action": "created",
        "platform": "Example",
        "provider": "Example Ltd",
        "kind": "vlop",
        "designated": None,
        "file": str(target),
        "text": None,
        "notes": [],
    }
    assert target.read_text(encoding="utf-8").count('kind = "VLOP"') == 1
    # Without -o the report carries the file's text, which the table form prints.
    code, out, _ = run("new", "Example", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["action"] == "printed" and report["text"].startswith("#:schema")
    assert any("--provider" in note for note in report["notes"])


def test_the_currency_in_any_case(run: Run) -> None:
    code, out, err = run(
        "fine", "--turnover", "1e9", "--currency", "usd", "--eur-rate", "1.1", "-f", "json"
    )
    assert code == 0, err
    assert json.loads(out)["turnover"] == {"amount": "1000000000.00", "currency": "USD"}


@pytest.mark.parametrize(
    ("argv", "start"),
    [
        # The core names the input (eur_rate, sme, window_end, kind); the CLI names its flag.
        (["fine", "--turnover", "1e9", "--currency", "USD", "--regime", "gdpr"], "--eur-rate: "),
        (["fine", "--turnover", "1e9", "--rate", "0"], "--rate: "),
        (["new", "X", "--kind", "bogus"], "--kind: 'bogus' is not a platform kind"),
        (["timeline", str(FIXTURES), "--from", "2024-05-01", "--to", "2024-04-01"], "--to "),
        (["deadlines", str(FIXTURES), "--as-of", "2024-13-01"], "--as-of: "),
    ],
)
def test_domain_errors_are_shown_with_the_flag(run: Run, argv: list[str], start: str) -> None:
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"dsactl: error: {start}") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["fine", "--turnover", "1bn", "--sme", "maybe"],
            "give either a PLATFORM or --turnover AMOUNT, not both: 'maybe' was read as a "
            "PLATFORM (drop one of them; a flag such as --sme takes no value)",
        ),
        (
            ["obligations", "--from", "2024-05-01", "--to", "2024-01-01"],
            "--to 2024-01-01 is before --from 2024-05-01 (give an end on or after the start)",
        ),
    ],
)
def test_usage_mistakes_say_what_to_do(run: Run, argv: list[str], message: str) -> None:
    assert run(*argv) == (2, "", f"dsactl: error: {message}\n")


@pytest.mark.parametrize(
    ("command", "summary"), [("deadlines", "deadline(s)"), ("obligations", "obligation(s)")]
)
def test_the_markdown_summary_says_how_many_files_were_skipped(
    run: Run, mixed: Path, command: str, summary: str
) -> None:
    code, out, _ = run(command, str(mixed), "--as-of", AS_OF, "--format", "markdown")
    assert code == 1
    last = out.splitlines()[-1]
    assert summary in last
    assert last.endswith("; 1 case file(s) skipped for their errors (on stderr)"), last
