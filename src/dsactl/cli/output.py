"""One output pipeline for every command: the ``--format/-f`` and ``-o/--output`` options and
the registry of formats.

A command declares once what it can show, as an ``Outputs`` (its renderers, by format), and
gets from it the ``--format`` option and the one function that writes the result::

    OUTPUTS: Outputs[Summary] = Outputs(
        table=print_summary,                 # (summary, console) -> None: a Rich table
        document=summary_json,               # summary -> JSON-able data: json, and every
                                             # format made from a document
        documents={"markdown": summary_md},  # summary -> text, for this command's own formats
    )

    @app.command()
    def show(
        ...,
        fmt: Annotated[Optional[str], OUTPUTS.option()] = None,
        output: OutputOpt = None,
    ) -> None:
        ...
        OUTPUTS.write(fmt, summary, output)   # stdout, or -o FILE, in the format chosen

A command whose table is plain text (``check``) gives it in ``documents["table"]``.

The formats themselves are listed once, in ``FORMATS`` (``cli/formats.py``: the formats and
the writing of a document, without Typer, which this module re-exports). A format that any
command's JSON document can be turned into (``json`` today) names its renderer there
(``from_document``): adding such a format is one renderer module and one entry, and every
command that has a document offers it. A format that needs the command's own data (``csv``,
``ics``, ``sarif``…) is offered by the commands that give a renderer for it in ``documents``.

``-o FILE`` writes the chosen format, for every command alike; without ``--format`` the format
follows the file's suffix when the command offers it (``-o x.json``, ``-o docket.svg``), else
the default. The table, written to a file, is plain text without colours.

Formats are matched without regard to case (``--format JSON``); a command may keep an alias
(``check --format text`` is its table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Generic, Optional, TypeVar

import typer
from typer._types import TyperChoice

from dsactl.cli.formats import FORMATS, Format, emit, from_document, skipped_line, with_skipped

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "FORMATS",
    "Format",
    "FormatChoice",
    "OutputOpt",
    "Outputs",
    "emit",
    "show",
    "skipped_line",
    "with_skipped",
]

T = TypeVar("T")


class FormatChoice(TyperChoice[str]):
    """``--format``: one of a command's formats, any case, aliases allowed."""

    name = "format"

    def __init__(self, names: list[str], aliases: Mapping[str, str]) -> None:
        super().__init__([*names, *aliases], case_sensitive=False)
        self.aliases = dict(aliases)

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        chosen = str(super().convert(value, param, ctx))
        return self.aliases.get(chosen, chosen)


class Outputs(Generic[T]):
    """What one command can show, by format, and the one way it is written."""

    def __init__(
        self,
        *,
        table: Callable[[T, Console], None] | None = None,
        document: Callable[[T], Any] | None = None,
        documents: Mapping[str, Callable[[T], str | Iterator[str]]] | None = None,
        aliases: Mapping[str, str] | None = None,
        default: str = "table",
    ) -> None:
        self.table = table
        self.document = document
        self.documents = dict(documents or {})
        self.aliases = dict(aliases or {})
        self.default = default
        unknown = set(self.documents) - set(FORMATS)
        if unknown:
            raise ValueError(f"formats not in FORMATS: {sorted(unknown)}")

    @property
    def names(self) -> list[str]:
        """The formats offered, in the order of ``FORMATS``."""
        offered = set(self.documents)
        if self.table is not None:
            offered.add("table")
        if self.document is not None:
            offered.update(n for n, f in FORMATS.items() if f.from_document is not None)
        return [name for name in FORMATS if name in offered]

    def option(self, help: str = "Output format", *, by_suffix: bool = True) -> Any:
        """The ``--format/-f`` option of the command (default: ``self.default``; with
        ``by_suffix``, the format ``-o``'s suffix names: not for a command whose ``-o`` is not
        its output, such as ``new``)."""
        names = self.names
        aliases = "".join(f"; {alias} is {name}" for alias, name in self.aliases.items())
        suffix = "; with -o, the file's suffix" if by_suffix else ""
        return typer.Option(
            "--format",
            "-f",
            click_type=FormatChoice(names, self.aliases),
            metavar="|".join(names),
            help=f"{help}: {', '.join(names)} (default: {self.default}{suffix}{aliases}).",
            show_default=False,
        )

    def choose(self, fmt: str | None, output: Path | None) -> str:
        """The format: the one given, else the one ``output``'s suffix names, else the default."""
        if fmt is not None:
            return self.aliases.get(fmt.lower(), fmt.lower())
        if output is not None:
            suffix = output.suffix.lower()
            for name in self.names:
                if suffix in FORMATS[name].suffixes:
                    return name
        return self.default

    def render(self, fmt: str, result: T) -> str | Iterator[str]:
        """The document of format ``fmt`` (not ``table`` drawn with Rich); no line of it
        starts a GitHub Actions command unless ``fmt`` is ``github`` (see ``defuse``)."""
        from dsactl.render.console import defuse

        if fmt not in self.documents:
            if self.document is None:
                raise LookupError(f"no {fmt} renderer")
            return from_document(fmt, self.document(result))
        text = self.documents[fmt](result)
        if fmt == "github":
            return text
        if isinstance(text, str):
            return defuse(text)
        return (defuse(chunk) for chunk in text)

    def write(self, fmt: str | None, result: T, output: Path | None, *, skipped: int = 0) -> str:
        """Write ``result`` in the chosen format to stdout, or atomically to ``output``;
        return the format used. ``skipped`` case files (left out for their errors, which
        ``finish`` prints on stderr) are counted on the table's last line."""
        chosen = self.choose(fmt, output)
        if chosen == "table" and "table" not in self.documents and self.table is not None:
            draw = self.table

            def table(console: Console) -> None:
                draw(result, console)
                if skipped:
                    console.print(skipped_line(skipped))

            show(table, output)
        else:
            emit(self.render(chosen, result), output)
        return chosen


OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045 - Typer needs Optional here
    typer.Option(
        "--output",
        "-o",
        help="Write the output to this file (atomically) instead of stdout, in the chosen format.",
    ),
]


def show(draw: Callable[[Console], None], output: Path | None) -> None:
    """Draw a terminal table; with ``--output``, the same table as plain text in a file."""
    from dsactl.render.console import make_console

    if output is None:
        draw(make_console())
        return
    import io

    from dsactl.render.console import defuse

    buffer = io.StringIO()
    draw(make_console(buffer, plain=True))
    emit(defuse(buffer.getvalue()), output)
