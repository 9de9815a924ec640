"""A Typer app whose commands are imported and built only when they are used.

Before it parses anything, Typer turns every registered command into a click command: it reads
each function's signature and makes one click parameter per option. `dsactl fine` would pay
for importing and building every other command too, milliseconds of a start-up that should
take none. ``LazyTyper`` keeps the registrations aside, and its click group builds a command
(with Typer's own ``get_command_from_info``, exactly as Typer would) the first time the group
looks it up by name. A command declared with ``lazy_module`` is registered by its module,
which is imported at that moment.

Running one command imports and builds that one; ``--help`` and shell completion, which list
every command, build them all. Parsing, help, errors and exit codes are Typer's and click's,
unchanged.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import typer
from typer import main as typer_main
from typer.core import TyperGroup

if TYPE_CHECKING:
    from typer._click import Command, Context
    from typer.models import CommandInfo

__all__ = ["LazyGroup", "LazyTyper"]

F = TypeVar("F", bound=Callable[..., Any])


class LazyTyper(typer.Typer):
    """``typer.Typer`` whose commands are built, and their modules imported, on first use.

    For an app with a callback, which Typer always makes a group (as ``dsactl``'s).
    """

    def __init__(self, *, group: type[LazyGroup] | None = None, **kwargs: Any) -> None:
        source = self

        class Group(group or LazyGroup):  # type: ignore[misc]
            app = source

        super().__init__(cls=Group, **kwargs)
        #: Every command by name, in the order of the help: its registration, or the module
        #: that registers it when imported (see ``lazy_module``).
        self.lazy_commands: dict[str, CommandInfo | str] = {}
        #: Every command declared with ``lazy_module``, and its module.
        self.declared: dict[str, str] = {}

    def lazy_module(self, module: str, *names: str) -> None:
        """Commands ``names``, which ``module`` registers when it is imported."""
        for name in names:
            self.lazy_commands.setdefault(name, module)
            self.declared[name] = module

    def command(self, name: str | None = None, **kwargs: Any) -> Callable[[F], F]:
        register = super().command(name, **kwargs)

        def decorator(function: F) -> F:
            register(function)
            info = self.registered_commands.pop()  # Typer would build it with the group
            if info.help is None and function.__doc__:
                info.help = reflowed(function.__doc__)
            key = info.name or typer_main.get_command_name(function.__name__)
            self.lazy_commands[key] = info  # keeps its place if declared by lazy_module
            return function

        return decorator

    def registration(self, name: str) -> CommandInfo:
        """The registration of command ``name``, importing its module if need be."""
        entry = self.lazy_commands[name]
        if isinstance(entry, str):
            importlib.import_module(entry)
            entry = self.lazy_commands[name]
            if isinstance(entry, str):
                raise LookupError(f"{entry} registers no command {name!r}")
        return entry


def reflowed(doc: str) -> str:
    """A docstring as help text: each paragraph one line, which the terminal wraps to its
    width (Typer keeps the source's line breaks, and at 80 columns a line of the source wraps
    into a long and a short line). Paragraphs of lists or indented examples stay as written.
    """
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    out = []
    for paragraph in paragraphs:
        lines = paragraph.splitlines()
        if any(line.startswith((" ", "- ", "* ", "\b")) for line in lines):
            out.append(paragraph)
        else:
            out.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(out)


class LazyGroup(TyperGroup):
    """The click group of a ``LazyTyper``: ``commands`` builds each command when read."""

    app: ClassVar[LazyTyper]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = _Commands(self.app, dict(self.commands))

    def list_commands(self, ctx: Context) -> list[str]:
        """The names in the order of the help, without importing or building anything."""
        return list(self.commands)


class _Commands(MutableMapping[str, "Command"]):
    """Name -> click command; a registered command is built the first time it is read."""

    def __init__(self, app: LazyTyper, built: dict[str, Command]) -> None:
        self._app = app
        self._built = built
        self._removed: set[str] = set()

    def __getitem__(self, name: str) -> Command:
        command = self._built.get(name)
        if command is None:
            if name in self._removed:
                raise KeyError(name)
            info = self._app.registration(name)  # KeyError: no such command
            command = typer_main.get_command_from_info(
                info,
                pretty_exceptions_short=self._app.pretty_exceptions_short,
                rich_markup_mode=self._app.rich_markup_mode,
            )
            self._built[name] = command
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command
        self._removed.discard(name)

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._built.pop(name, None)
        self._removed.add(name)

    def _names(self) -> list[str]:
        names = dict.fromkeys([*self._app.lazy_commands, *self._built])
        return [name for name in names if name not in self._removed]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    def __contains__(self, name: object) -> bool:
        if name in self._removed:
            return False
        return name in self._built or name in self._app.lazy_commands
