"""Where case files come from: the PATHS given, else ``$DSACTL_CASES``, else ``./cases``."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from dsactl.errors import UsageError

ENV_VAR = "DSACTL_CASES"


def default_roots(environ: Mapping[str, str]) -> tuple[list[Path], str]:
    """The folders to search when no PATHS are given, and how they were chosen."""
    value = environ.get(ENV_VAR, "").strip()
    if value:
        return [Path(p) for p in value.split(os.pathsep) if p], f"${ENV_VAR}"
    return [Path("cases")], "the default ./cases"


def _walk(root: Path) -> list[Path]:
    """``*.toml`` files below ``root``, in name order; hidden folders skipped.

    Links to folders are followed, each folder at most once (by device and inode): a link
    back to a folder above it, or a second link to a folder already searched, adds nothing
    and never loops. A folder that cannot be read is in the list itself, so that reading it
    reports an error (E102): a check never passes by not looking.
    """
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def unreadable(error: OSError) -> None:
        if error.filename is not None:
            found.append(Path(os.fsdecode(error.filename)))

    for folder, dirs, files in os.walk(root, followlinks=True, onerror=unreadable):
        try:
            info = os.stat(folder)
        except OSError:  # pragma: no cover - removed while it was searched
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        found.extend(base / f for f in sorted(files) if f.endswith(".toml"))
        # A folder named like a case file is a mistake worth reporting, not skipping.
        found.extend(base / d for d in dirs if d.endswith(".toml"))
    return found


def find_case_files(
    paths: Sequence[Path] | None, environ: Mapping[str, str] | None = None
) -> list[Path]:
    """Every case file named by ``paths`` (files, or folders searched recursively).

    Raises ``UsageError`` (exit 2) for a path that does not exist, or when nothing is found.
    """
    env = os.environ if environ is None else environ
    if paths:
        roots, origin = list(paths), "the paths given"
    else:
        roots, origin = default_roots(env)
    start_hint = (
        f"create one with `dsactl new NAME -o cases/NAME.toml`, or pass a folder, or set ${ENV_VAR}"
    )
    for root in roots:
        if not root.exists() and not root.is_symlink():
            if paths:
                raise UsageError(
                    f"{root}: no such file or folder",
                    hint="pass case files or folders that exist",
                )
            raise UsageError(f"no case files: {root} does not exist ({origin})", hint=start_hint)
    files: list[Path] = []
    for root in roots:
        files.extend(_walk(root) if root.is_dir() else [root])
    # One folder walked lists each file once; only several roots can name a file twice.
    unique = files if len(roots) == 1 else list(dict.fromkeys(files))
    if not unique:
        where = ", ".join(str(r) for r in roots)
        raise UsageError(
            f"no case files (*.toml) found in {where} ({origin})",
            hint=start_hint,
        )
    return unique
