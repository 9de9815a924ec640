"""The layers of ARCHITECTURE.md, checked from the source: who imports whom, and what the core
says in its errors.

- core packages (casefile, law, docket, edit, and errors.py, packaged.py) import no Typer, Rich,
  ``dsactl.cli`` or ``dsactl.render``;
- dsactl's own modules import each other without a cycle (the imports at the top of a file);
- no error raised in the core names a command-line flag (``--rate``): it names the input in
  domain words (``InputError(input="rate")``) and ``cli/`` maps it to the flag.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import dsactl

SRC = Path(dsactl.__file__).resolve().parent
CORE = ("casefile", "law", "docket", "edit")
FLAG = re.compile(r"(?<![\w-])--[a-z]")


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in sorted(SRC.rglob("*.py"))}
# The modules at the top of the package (errors, packaged, shown, argv): any layer may use them.
BASE = {p.stem for p in SRC.glob("*.py")} - {"__init__", "__main__"}
CORE_MODULES = sorted(
    name for name in MODULES if name.split(".")[1:2] and name.split(".")[1] in (*CORE, *BASE)
)


def _top_level_imports(path: Path) -> set[str]:
    """The modules ``path`` imports when it is imported (not inside functions or TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _all_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("name", CORE_MODULES)
def test_the_core_imports_no_cli_or_rendering(name: str) -> None:
    imports = _all_imports(MODULES[name])
    banned = [
        m
        for m in imports
        if m.split(".")[0] in ("typer", "click", "rich")
        or m.startswith(("dsactl.cli", "dsactl.render"))
    ]
    assert banned == []


def test_no_import_cycle_between_dsactl_modules() -> None:
    graph = {
        name: {m for m in _top_level_imports(path) if m in MODULES and m != name}
        for name, path in MODULES.items()
    }
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


def _raised_strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise | ast.Return):
            value = node.value if isinstance(node, ast.Return) else node.exc
            if not isinstance(value, ast.Call):
                continue
            name = getattr(value.func, "id", getattr(value.func, "attr", ""))
            if not str(name).endswith(("Error", "_bad")):
                continue
            for sub in ast.walk(value):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    found.append((sub.lineno, sub.value))
    return found


@pytest.mark.parametrize("name", CORE_MODULES)
def test_core_errors_name_no_command_line_flag(name: str) -> None:
    flags = [(line, text) for line, text in _raised_strings(MODULES[name]) if FLAG.search(text)]
    assert flags == []


# Which dsactl packages each layer may import (ARCHITECTURE.md, "Layers"), besides BASE.
ALLOWED = {
    "law": {"law", *BASE},
    "casefile": {"casefile", "law", *BASE},
    "docket": {"docket", "casefile", "law", *BASE},
    "edit": {"edit", "docket", "casefile", "law", *BASE},
}


@pytest.mark.parametrize("name", CORE_MODULES)
def test_each_layer_imports_only_the_layers_below(name: str) -> None:
    layer = name.split(".")[1]
    if layer not in ALLOWED:
        return
    used = {m.split(".")[1] for m in _all_imports(MODULES[name]) if m.startswith("dsactl.")}
    assert sorted(used - ALLOWED[layer]) == []


def _function_level_own_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    for node in tree.body:  # `if TYPE_CHECKING:` blocks count as the top of the file
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            top.update(id(sub) for sub in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and id(node) not in top:
            if (node.module or "").startswith("dsactl"):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Import) and id(node) not in top:
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("dsactl")]
    return found


@pytest.mark.parametrize("name", CORE_MODULES)
def test_core_modules_import_each_other_at_the_top(name: str) -> None:
    # Only heavy third-party libraries are imported inside functions (ARCHITECTURE.md,
    # "Start-up"); an import of dsactl's own inside a function hides a cycle or a layer break.
    assert _function_level_own_imports(MODULES[name]) == []
