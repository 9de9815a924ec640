"""`dsactl site`: the docket as a static web report, for the people who do not run a CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dsactl.cli.app import (
    AsOfOpt,
    CalendarFileOpt,
    PathsArg,
    RegimeFileOpt,
    RulesFileOpt,
    SoonOpt,
    app,
    as_of_day,
    existing,
    finish,
    guard,
    load,
    note,
)

DEFAULT_TITLE = "DSA docket"

EPILOG = """Examples:

  dsactl site cases/ -o _site
      (then open _site/index.html)

  dsactl site cases/ -o public --as-of 2024-03-15 \\
      --title "Trust & Safety docket"
"""


@app.command(epilog=EPILOG)
def site(
    paths: PathsArg = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Folder to write the site to: new, empty, or a site written before "
            "(replaced as a whole).",
        ),
    ] = ...,  # type: ignore[assignment]
    as_of: AsOfOpt = None,
    title: Annotated[str, typer.Option("--title", help="Title of the site.")] = DEFAULT_TITLE,
    soon: SoonOpt = 7,
    calendar_file: CalendarFileOpt = None,
    regime_file: RegimeFileOpt = None,
    rules_file: RulesFileOpt = None,
) -> None:
    """Write the docket as a static web site: plain HTML files that open from a disk, a
    share or any web host (GitHub Pages, GitLab Pages, S3, an intranet server).

    index.html lists the deadlines that matter now (overdue, due soon, next 90 days), the
    timeline and each platform at a glance; one page per platform has its requests (with how
    each computed date was counted), the statutory obligations generated from its rule sets,
    proceedings and their events, turnover, fine caps by regime and fines imposed.
    data.json (= `dsactl deadlines --all --format json`), one JSON file per platform
    (= `dsactl show --format json`) and deadlines.ics (= `dsactl deadlines --format ics`) are
    linked from every page. No JavaScript, no request to any other site.
    """
    with guard():
        from dsactl import __version__
        from dsactl.casefile.discovery import find_case_files
        from dsactl.errors import UsageError
        from dsactl.render.site import GitProbe, build_info, site_files, write_site

        if not title.strip():
            raise UsageError("--title must not be empty")
        day = as_of_day(as_of)
        extra = existing(calendar_file, "--calendar-file") + existing(regime_file, "--regime-file")
        extra += existing(rules_file, "--rules-file")
        # The commit of the case files' checkout, asked for while they are loaded.
        first = paths[0] if paths else Path.cwd()
        git = GitProbe(first if first.is_dir() else first.parent)
        docket = load(find_case_files(paths), day, extra_files=extra)
        build = build_info(__version__, git)
        files = site_files(docket, day, title=title, soon=soon, build=build)
        write_site(files, output)
        skipped = len(docket.skipped)
        left_out = f"; {skipped} case file(s) skipped for their errors" if skipped else ""
        note(f"wrote {output}/index.html and {len(files) - 1} other files{left_out}")
        finish(docket)
