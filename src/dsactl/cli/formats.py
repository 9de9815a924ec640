"""The output formats and how a document reaches stdout or a file, without Typer.

``cli/output.py`` builds the ``--format`` and ``-o`` options on top of this (and re-exports
it); this part imports no Typer so that the quick path (``cli/quick.py``) writes its JSON
through the same code as every command.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple


def _json(document: Any) -> str:
    from dsactl.render.structured import to_json

    return to_json(document)


class Format(NamedTuple):
    """One output format: its name, what it is, the file suffixes that choose it with ``-o``,
    and, for a format made from any command's JSON document, the renderer that makes it."""

    name: str
    help: str
    suffixes: tuple[str, ...] = ()
    from_document: Callable[[Any], str] | None = None


#: Every format, in the order of the help.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("table", "a table for the terminal (plain text with -o)", (".txt",)),
        Format("json", "JSON", (".json",), from_document=_json),
        Format("csv", "CSV (RFC 4180)", (".csv",)),
        Format("markdown", "a Markdown table", (".md", ".markdown")),
        Format("ics", "an iCalendar file", (".ics",)),
        Format("github", "GitHub Actions annotations"),
        Format("sarif", "SARIF 2.1.0, for code scanning", (".sarif",)),
        Format("svg", "an SVG picture", (".svg",)),
    )
}


def from_document(fmt: str, document: Any) -> str:
    """A command's JSON-able ``document`` in format ``fmt`` (one with ``from_document``); no
    line of it starts a GitHub Actions command unless ``fmt`` is ``github`` (``defuse``)."""
    from dsactl.render.console import defuse

    make = FORMATS[fmt].from_document
    if make is None:
        raise LookupError(f"no {fmt} renderer")
    text = make(document)
    return text if fmt == "github" else defuse(text)


def skipped_line(skipped: int) -> str:
    """The summary of the case files a command left out for their errors."""
    return f"{skipped} case file(s) skipped for their errors (on stderr)"


def with_skipped(text: str, skipped: int) -> str:
    """A document whose last line is its summary (a Markdown table's), with the count of the
    case files left out for their errors added to that line."""
    if not skipped:
        return text
    return text.removesuffix("\n") + "; " + skipped_line(skipped) + "\n"


def emit(text: str | Iterable[str], output: Path | None) -> None:
    """Write a document to stdout as is (CRLF kept), or atomically to ``output``; a document
    given in pieces is written piece by piece to stdout (and whole to a file)."""
    chunks = [text] if isinstance(text, str) else text
    if output is None:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        for chunk in chunks:
            if buffer is not None:
                buffer.write(chunk.encode("utf-8"))
            else:
                sys.stdout.write(chunk)
        if buffer is not None:
            buffer.flush()
        return
    from dsactl.edit.atomic import atomic_write

    text = text if isinstance(text, str) else "".join(chunks)

    atomic_write(output, text)
    sys.stderr.write(f"wrote {output}\n")
