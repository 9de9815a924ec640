"""The app builds (and imports) a command only when it is used; help and errors are unchanged.

``dsactl.cli.lazy.LazyTyper`` keeps Typer's registrations aside and its click group builds
each command the first time it is looked up, importing the command's module if need be.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer import main as typer_main
from typer.testing import CliRunner

from dsactl.cli.app import app
from dsactl.cli.lazy import LazyTyper

# The commands in the order of `dsactl --help`.
COMMANDS = [
    "check",
    "deadlines",
    "fine",
    "obligations",
    "period",
    "calendar",
    "regimes",
    "schema",
    "show",
    "site",
    "timeline",
    "new",
    "answer",
]


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch, fresh_builds: None) -> Iterator[list[str]]:
    """The names of the commands built, in order, while the test runs."""
    names: list[str] = []
    real = typer_main.get_command_from_info

    def spy(info: Any, **kwargs: Any) -> Any:
        command = real(info, **kwargs)
        names.append(command.name)
        return command

    monkeypatch.setattr(typer_main, "get_command_from_info", spy)
    yield names


def test_running_a_command_builds_that_command_only(run: Any, built: list[str]) -> None:
    code, out, _ = run("fine", "--turnover", "1e9", "--format", "json")
    assert code == 0 and '"regime": "dsa"' in out
    assert built == ["fine"]


def test_help_lists_every_command_in_order(run: Any, built: list[str]) -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert sorted(built) == sorted(COMMANDS)
    panel = out[out.index("Commands") :]
    # A command's row starts right after the border; a wrapped description is indented.
    listed = [
        line.split()[1] for line in panel.splitlines() if line[:2] == "│ " and line[2:3] != " "
    ]
    assert listed == COMMANDS


def test_every_declared_command_is_registered_by_its_module() -> None:
    group = typer_main.get_command(app)
    ctx = typer.Context(group)
    assert group.list_commands(ctx) == COMMANDS
    for name in COMMANDS:
        command = group.get_command(ctx, name)
        assert command is not None and command.name == name


def test_every_command_a_module_registers_is_declared() -> None:
    # A command whose module is not listed with `app.lazy_module` (cli/app.py) would never
    # be imported, so it would silently not exist: every module of dsactl.cli is imported
    # here, and every command it registers must be declared, by that module.
    import importlib
    import pkgutil

    import dsactl.cli

    for info in pkgutil.iter_modules(dsactl.cli.__path__):
        importlib.import_module(f"dsactl.cli.{info.name}")
    registered = {
        name: entry.callback.__module__
        for name, entry in app.lazy_commands.items()
        if not isinstance(entry, str) and entry.callback is not None
    }
    assert registered == app.declared
    assert list(app.declared) == COMMANDS


def test_a_misspelt_command_is_still_suggested(run: Any, built: list[str]) -> None:
    code, _, err = run("chek")
    assert code == 2
    assert "No such command 'chek'" in err and "'check'" in err
    assert err.startswith("dsactl: error: ") and err.count("\n") == 1
    assert built == []


def test_a_module_that_registers_nothing_is_an_error() -> None:
    lazy = LazyTyper(name="t")

    @lazy.callback()
    def main() -> None:
        """Test app."""

    lazy.lazy_module("dsactl.errors", "nothing")  # a module with no command
    group = typer_main.get_command(lazy)
    with pytest.raises(LookupError, match="registers no command 'nothing'"):
        group.get_command(typer.Context(group), "nothing")


def test_commands_added_to_the_group_directly_are_kept() -> None:
    group = typer_main.get_command(app)
    extra = typer.core.TyperCommand("extra")
    assert isinstance(group, typer.core.TyperGroup)
    group.add_command(extra, "extra")
    ctx = typer.Context(group)
    assert group.list_commands(ctx) == [*COMMANDS, "extra"]
    assert group.get_command(ctx, "extra") is extra
    del group.commands["extra"]
    assert "extra" not in group.commands and group.list_commands(ctx) == COMMANDS


def test_help_paragraphs_are_reflowed_lists_kept() -> None:
    from dsactl.cli.lazy import reflowed

    doc = """First line
    goes on.

    Second paragraph with --all
    and `past`.

    - an item
    - another item
    """
    assert reflowed(doc) == (
        "First line goes on.\n\nSecond paragraph with --all and `past`.\n\n"
        "- an item\n- another item"
    )


def test_help_at_80_columns_has_no_lines_broken_by_the_source() -> None:
    # A line of a docstring (up to 100 characters) no longer wraps into a long and a short
    # line at 80 columns: every line of a paragraph but its last fills most of the width.
    runner = CliRunner()
    for name in app.lazy_commands:
        result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "80", "NO_COLOR": "1"})
        assert result.exit_code == 0, name
        text = result.output.split("╭")[0]  # the description, before the option boxes
        paragraphs: list[list[str]] = [[]]
        for line in text.splitlines():
            if line.strip():
                paragraphs[-1].append(line.rstrip())
            elif paragraphs[-1]:
                paragraphs.append([])
        for body in paragraphs:
            short = [line for line in body[:-1] if len(line) < 50 and "Usage:" not in line]
            assert not short, (name, short)


def test_examples_fit_in_80_columns() -> None:
    # Help is indented by one column and padded by one on the right: a line of an epilog of
    # up to 78 characters is shown whole at 80 columns, never wrapped mid-command.
    epilogs = [("dsactl", app.info.epilog or "")]
    for name in app.lazy_commands:
        epilogs.append((name, app.registration(name).epilog or ""))
    assert any(text for _, text in epilogs)
    for name, text in epilogs:
        long = [line for line in text.splitlines() if len(line) > 78]
        assert not long, (name, long)
