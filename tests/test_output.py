"""One output pipeline: the same --format/-f and -o/--output for every command.

Every command that prints results offers `table` and `json`; `-o FILE` writes the format
chosen (or, without --format, the one the file's suffix names); names match in any case.
Fixtures only: tests/timeline (Alpha and Beta) and tests/casefiles/valid.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer import main as typer_main

from conftest import Run
from dsactl.cli.app import app
from dsactl.cli.output import FORMATS, Outputs

HERE = Path(__file__).resolve().parent
TIMELINE = HERE / "timeline"
VALID = HERE / "casefiles" / "valid"
AS_OF = "2024-01-08"

# Each command that prints results, with arguments that give it something to print.
COMMANDS: dict[str, list[str]] = {
    "check": ["check", str(TIMELINE), "--as-of", AS_OF],
    "deadlines": ["deadlines", str(TIMELINE), "--as-of", AS_OF],
    "fine": ["fine", "--turnover", "1e9"],
    "period": ["period", "2024-03-14", "10 days"],
    "calendar": ["calendar", "2024"],
    "regimes": ["regimes", "dsa"],
    "show": ["show", "Alpha", str(TIMELINE), "--as-of", AS_OF],
    "timeline": ["timeline", str(TIMELINE), "--as-of", AS_OF, "--width", "60"],
}


def _formats(name: str) -> list[str]:
    group = typer_main.get_command(app)
    command = group.get_command(typer.Context(group), name)  # type: ignore[attr-defined]
    option = next(p for p in command.params if p.name == "fmt")
    return [str(c) for c in option.type.choices]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_offers_table_and_json(name: str) -> None:
    formats = _formats(name)
    assert {"table", "json"} <= set(formats)
    assert set(formats) - {"text"} <= set(FORMATS)


def test_the_formats_that_fit() -> None:
    assert _formats("deadlines") == ["table", "json", "csv", "markdown", "ics"]
    assert _formats("check") == ["table", "json", "github", "sarif", "text"]
    assert _formats("timeline") == ["table", "json", "svg"]
    assert _formats("calendar") == ["table", "json", "csv"]
    assert _formats("regimes") == ["table", "json", "csv"]


def test_calendar_and_regimes_as_csv(run: Run) -> None:
    code, out, _ = run("calendar", "2024", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "calendar,year,date,name,source,projected"
    # 1 January 2024 is the first Commission holiday of 2024, published (not projected).
    assert lines[1].startswith("eu-commission,2024,2024-01-01,New Year's Day,")
    assert lines[1].endswith(",false")
    code, out, _ = run("regimes", "dsa", "--format", "csv")
    assert code == 0
    rows = out.splitlines()
    # Art. 74(1) DSA: up to 6 % of worldwide annual turnover.
    assert rows[1].startswith("dsa,EUR,74-1,infringement,DSA Art. 74(1),0.06,turnover,")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_json_in_any_case_is_json(run: Run, name: str) -> None:
    code, out, _ = run(*COMMANDS[name], "--format", "JSON")
    assert code == 0, out
    json.loads(out)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_output_writes_the_chosen_format(run: Run, name: str, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code, out, err = run(*COMMANDS[name], "--format", "json", "-o", str(target))
    assert (code, out) == (0, "")
    # (timeline also notes the facts dated after as-of that it leaves out)
    assert err.splitlines()[0] == f"wrote {target}"
    assert all(line.startswith("dsactl: note: ") for line in err.splitlines()[1:])
    json.loads(target.read_text(encoding="utf-8"))
    # The default format to a file is the table, as plain text (no escape codes).
    code, _, _ = run(*COMMANDS[name], "-o", str(target))
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text and not text.lstrip().startswith(("{", "["))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_suffix_chooses_the_format(run: Run, name: str, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, _, _ = run(*COMMANDS[name], "-o", str(target))
    assert code == 0
    json.loads(target.read_text(encoding="utf-8"))


def test_timeline_svg_by_suffix_format_and_old_flag(run: Run, tmp_path: Path) -> None:
    for extra in (["-o", str(tmp_path / "a.svg")], ["--svg", str(tmp_path / "b.svg")]):
        code, _, _ = run(*COMMANDS["timeline"], *extra)
        assert code == 0
    code, out, _ = run(*COMMANDS["timeline"], "--format", "svg")
    assert code == 0 and out.startswith("<svg")
    for name in ("a.svg", "b.svg"):
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("<svg")


def test_timeline_json_lists_what_is_drawn(run: Run) -> None:
    code, out, _ = run(
        "timeline", str(TIMELINE), "--as-of", AS_OF, "--from", "2024-01-01", "--to", "2024-01-20",
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    document = json.loads(out)
    assert (document["start"], document["end"], document["as_of"]) == (
        "2024-01-01",
        "2024-01-20",
        AS_OF,
    )
    alpha = document["platforms"][0]
    assert alpha["platform"] == "Alpha"
    # Alpha (tests/timeline/alpha.toml): r1 due 4 Jan answered; p1 3-6 Jan closed; r2 due
    # 10 Jan, 2 days after as-of 8 Jan, so due-soon (soon = 7 days); f1, fined 15 Jan, was
    # not known on 8 Jan, so it is not drawn.
    assert [(m["kind"], m["id"], m["first"], m["last"]) for m in alpha["marks"]] == [
        ("proceeding-closed", "p1", "2024-01-03", "2024-01-06"),
        ("answered", "r1", "2024-01-04", "2024-01-04"),
        ("due-soon", "r2", "2024-01-10", "2024-01-10"),
    ]


def test_check_text_is_the_table(run: Run) -> None:
    text = run(*COMMANDS["check"], "--format", "text")
    table = run(*COMMANDS["check"])
    assert text == table
    assert text[0] == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["chek"], "No such command 'chek'. Did you mean 'check'"),
        (["fine", "--bogus"], "No such option: --bogus"),
        (["deadlines", "--format", "xml"], "Invalid value for '--format' / '-f'"),
        (["period"], "Missing argument 'START'"),
        (["check", "-f"], "Option '-f' requires an argument. (see `dsactl check --help`)"),
        (["-x"], "No such option: -x (see `dsactl --help`)"),
    ],
)
def test_usage_errors_are_one_line(run: Run, argv: list[str], message: str) -> None:
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("dsactl: error: ")
    assert message in err and "--help`)" in err
    assert "╭" not in err and "Usage:" not in err


def test_a_format_needs_a_registry_entry() -> None:
    with pytest.raises(ValueError, match="not in FORMATS"):
        Outputs[int](documents={"yaml": str})


def test_a_format_made_from_the_document_is_offered_by_every_command_with_one() -> None:
    outputs = Outputs[int](document=lambda n: {"n": n})
    assert outputs.names == ["json"]
    assert outputs.render("json", 3) == '{\n  "n": 3\n}\n'
