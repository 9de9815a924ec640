"""The data files shipped inside the package (``dsactl/data``), read without slowing start-up.

Installed as files (a wheel, an editable install), the folder is read straight from disk;
``importlib.resources`` (a dozen milliseconds of imports) is used only when the package is
not a folder on disk, e.g. inside a zip archive.

``fast_loads`` parses TOML with ``rtoml`` (a Rust parser, about four times faster than
the compiled ``tomli``), and hands ``tomli`` every text that ``rtoml`` cannot take or might
read differently: ``tomli`` stays the judge of what is valid TOML and words every syntax
error (with its line and column). The two agree on every file of the toml-test suite
(TOML 1.0: 231 valid files read the same, 471 invalid ones refused by both) and on 263 000
random texts without ``{``; ``tests/test_toml_parsers.py`` holds them to it (tomli 2.4 or
later, which reads TOML 1.1 as rtoml does: ``\\e``, ``\\xHH``, times without seconds).
``tomli`` reads:

- a text with a carriage return: ``tomli`` turns CRLF in a multi-line string into LF,
  ``rtoml`` keeps it;
- a text that starts with a byte-order mark (``rtoml`` skips it, ``tomli`` refuses it);
- a text with ``{``: ``rtoml`` takes a line break inside a key/value pair of an inline table
  (``{g =`` and ``1}`` on two lines), ``tomli`` refuses it (both take an inline table over
  several lines otherwise, TOML 1.1). Case files seldom have inline tables;
- a text ``rtoml`` refuses that ``tomli`` takes (a float such as ``1e400``, which ``tomli``
  reads as infinity).

``rtoml`` gives an offset date-time a ``tzinfo`` of its own class, with the same offset and
the same ``str``; no dsactl key takes one (a date-time where a date belongs is an error).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_DATA = Path(__file__).parent / "data"


def data_path(*parts: str) -> Traversable:
    """``dsactl/data/PARTS…`` as something with ``iterdir``, ``name`` and ``read_text``."""
    if _DATA.is_dir():
        return _DATA.joinpath(*parts)
    from importlib import resources  # pragma: no cover - only for a zipped package

    return resources.files("dsactl").joinpath("data", *parts)  # pragma: no cover


def read_data(*parts: str) -> dict[str, Any]:
    """The packaged TOML file ``dsactl/data/PARTS…``, parsed.

    These files are dsactl's own and valid TOML 1.0 (``tests/test_toml_parsers.py`` reads
    every one with both parsers): ``rtoml`` reads them as they are, inline tables included.
    """
    text = data_path(*parts).read_text(encoding="utf-8")
    try:
        import rtoml

        return rtoml.loads(text)
    except ImportError:  # pragma: no cover - rtoml is a dependency, this is a fallback
        return fast_loads()[0](text)


@cache
def fast_loads() -> tuple[Callable[[str], dict[str, Any]], type[TomlSyntaxError]]:
    """The fastest TOML reader installed, and the error it raises for invalid TOML.

    ``tomli`` (two or three milliseconds to import) is imported when a text needs it.
    """
    try:
        import rtoml

        quick_loads, refused = rtoml.loads, rtoml.TomlParsingError
    except ImportError:  # pragma: no cover - rtoml is a dependency, this is a fallback
        quick_loads = None

    def loads(text: str) -> dict[str, Any]:
        if quick_loads is not None and _quick(text):
            try:
                return quick_loads(text)
            except (refused, ValueError, RecursionError):
                pass  # tomli decides, and words the error
        checked_loads, decode_error = _checked_loads()
        try:
            return checked_loads(text)
        except decode_error as exc:
            raise TomlSyntaxError(exc) from None

    return loads, TomlSyntaxError


def _quick(text: str) -> bool:
    """Whether ``rtoml`` reads ``text`` as ``tomli`` does (see the module's docstring)."""
    return "\r" not in text and "{" not in text and not text.startswith("\ufeff")


class TomlSyntaxError(ValueError):
    """Invalid TOML, as ``tomli`` words it: ``msg`` without the position, and the 1-based
    ``lineno`` and ``colno`` (None where the parser gives them only in the message)."""

    def __init__(self, error: ValueError) -> None:
        super().__init__(str(error))
        self.msg: str | None = getattr(error, "msg", None)
        self.lineno: int | None = getattr(error, "lineno", None)
        self.colno: int | None = getattr(error, "colno", None)


@cache
def _checked_loads() -> tuple[Callable[[str], dict[str, Any]], type[ValueError]]:
    """tomli (compiled), else the standard library's ``tomllib``: the same parser."""
    try:
        import tomli

        return tomli.loads, tomli.TOMLDecodeError
    except ImportError:  # pragma: no cover - tomli is a dependency, this is a fallback
        import tomllib

        return tomllib.loads, tomllib.TOMLDecodeError
