"""`dsactl site`: the docket as a static web report (HTML, one stylesheet, JSON, iCalendar).

``site_files`` makes every file of the site as text; ``write_site`` puts them in a folder,
replacing a site written there before as a whole (never a half-written site, never a folder
that dsactl did not write). Nothing here computes a date or a cap: the pages show what
``deadlines``, ``show`` and ``timeline`` compute, and the JSON and calendar files are exactly
what those commands print.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dsactl.render.site.content import BuildInfo, every_row, gather
from dsactl.render.site.publish import MARKER, GitProbe, build_info, in_background, write_site

if TYPE_CHECKING:
    from datetime import date

    from dsactl.docket.load import Docket

__all__ = ["MARKER", "BuildInfo", "GitProbe", "build_info", "site_files", "write_site"]

_MARKER_TEXT = "This folder was written by `dsactl site`; the next run replaces all of it.\n"
_HERE = Path(__file__).parent


def site_files(
    docket: Docket, as_of: date, *, title: str, soon: int, build: BuildInfo
) -> dict[str, str]:
    """File name -> text of every file of the site (names are relative, without folders)."""
    from dsactl.docket.deadlines import DONE
    from dsactl.render.deadlines import deadlines_json
    from dsactl.render.ics import deadlines_ics
    from dsactl.render.show import summary_json
    from dsactl.render.site.pages import CALENDAR, DATA_JSON, STYLESHEET, render_pages
    from dsactl.render.structured import to_json

    # Exactly what `dsactl deadlines --all --format json` and `--format ics` print: requests
    # and the statutory obligations generated from the rule sets (``docket.listed_rows``: the
    # calendar keeps answered and filed rows, as cancelled events, and leaves out past ones).
    rows = every_row(docket, as_of, soon)
    exported = [r for r in rows if r.status not in DONE or r.status in ("answered", "filed")]
    # The calendar (icalendar is slow to fold long lines) is made on the other core, if any,
    # while the pages are made here.
    calendar = in_background(lambda: deadlines_ics(exported, stamp=build.built))
    content = gather(docket, as_of, title=title, soon=soon, build=build, rows=rows)
    site = render_pages(content)
    site[STYLESHEET] = _stylesheet()
    site[DATA_JSON] = deadlines_json(rows, as_of)
    for platform in content.platforms:
        site[platform.json] = to_json(summary_json(platform.summary))
    site[CALENDAR] = calendar()
    site[MARKER] = _MARKER_TEXT
    return site


def _stylesheet() -> str:
    """The stylesheet, read from the package folder (through importlib.resources only when
    the package is not a folder, e.g. in a zip)."""
    path = _HERE / "style.css"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    from importlib.resources import files

    return files("dsactl.render.site").joinpath("style.css").read_text("utf-8")
