"""Messages about what the user gave, at a readable length (issue 10, item 9)."""

from __future__ import annotations

from pathlib import Path

from conftest import Run

CASE = (
    '[platform]\nname = "P"\nprovider = "P"\n\n[[requests]]\nid = "r0"\nsubject = "s"\n'
    'sent = 2024-03-14\ndue = 2024-04-05\nsource = "x"\n'
)


def test_an_as_of_beyond_the_projected_years_is_said_of_the_as_of(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(CASE)
    for command in (["deadlines"], ["show", "P"]):
        code, _, err = run(*command, str(tmp_path), "--as-of", "9999-12-31")
        assert code == 2, err
        assert "--as-of" in err and "9999-12-31" in err
        assert "4100" not in err  # not a year the user never gave
        assert "1583" in err and "4099" in err


def test_a_device_given_by_name_is_not_told_to_be_renamed(run: Run) -> None:
    code, out, err = run("deadlines", "/dev/null", "--as-of", "2024-03-20")
    assert code == 1
    assert "/dev/null:1:1: error: is a character device, not a case file" in out + err
    assert "rename" not in out + err


def test_a_huge_value_is_cut_in_the_message(run: Run, tmp_path: Path) -> None:
    code, _, err = run("fine", "--turnover", "9" * 100_000)
    assert code == 2
    assert len(err) < 1_000, len(err)
    assert "(99920 more characters)" in err or "more characters" in err
    (tmp_path / "p.toml").write_text(CASE)
    code, _, err = run("show", "x" * 5_000, str(tmp_path), "--as-of", "2024-03-20")
    assert code == 2
    assert len(err) < 1_000 and "more characters" in err
