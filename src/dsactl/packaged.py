"""The data files shipped inside the package (``dsactl/data``), read without slowing start-up.

Installed as files (a wheel, an editable install), the folder is read straight from disk;
``importlib.resources`` (a dozen milliseconds of imports) is used only when the package is
not a folder on disk, e.g. inside a zip archive.

``fast_loads`` parses TOML with the compiled ``tomli`` wheel when it is installed (the same
parser as the standard library's ``tomllib``, several times faster), else with ``tomllib``.
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


@cache
def fast_loads() -> tuple[Callable[[str], dict[str, Any]], type[ValueError]]:
    """The fastest TOML reader installed, and its error: compiled ``tomli``, else ``tomllib``."""
    try:
        import tomli

        return tomli.loads, tomli.TOMLDecodeError
    except ImportError:  # pragma: no cover - tomli is a dependency, this is a fallback
        import tomllib

        return tomllib.loads, tomllib.TOMLDecodeError
