"""``load_docket`` reads and checks one file at a time and keeps no parsed document it no
longer needs, with the same results whatever the order of the files.

A valid case file keeps its ``Case`` and its text (findings found later, across files, are
located in it); a calendar or regime file that comes after case files applies to them too:
they are checked again once it is known.
"""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

from dsactl.docket.load import load_docket
from dsactl.law.periods import compute_deadline, parse_period

AS_OF = date(2026, 3, 14)

CALENDAR = """\
[calendar]
name = "eu-commission"
year = 2026
source = "test decision"

[[days]]
date = 2026-03-16
name = "Test holiday"
"""

# Sent on Fri 13 Mar 2026: one working day later is Mon 16 Mar, or Tue 17 Mar when the
# calendar file makes 16 Mar a holiday. `due = 2026-03-16` is then not a working day (W105).
CASE = """\
[platform]
name = "{name}"
provider = "Provider"

[[turnover]]
amount = 1000
currency = "EUR"
year_end = 2025-12-31
source = "x"

[[requests]]
id = "computed"
subject = "s"
sent = 2026-03-13
period = "1 working day"
source = "x"

[[requests]]
id = "given"
subject = "s"
sent = 2026-03-13
due = 2026-03-16
source = "x"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def findings_by_file(paths: list[Path]) -> dict[str, list[str]]:
    docket = load_docket(paths, AS_OF)
    out: dict[str, list[str]] = {}
    for finding in docket.findings:
        out.setdefault(Path(finding.path).name, []).append(finding.format())
    return out


def test_a_calendar_file_after_the_cases_applies_to_them(tmp_path: Path) -> None:
    calendar = write(tmp_path, "zz-calendar.toml", CALENDAR)
    case = write(tmp_path, "a.toml", CASE.format(name="A"))
    for paths in ([calendar, case], [case, calendar]):
        docket = load_docket(paths, AS_OF)
        (loaded,) = docket.cases
        assert [r.due for r in loaded.requests] == [date(2026, 3, 17), date(2026, 3, 16)]
        assert [f.code for f in docket.findings] == ["W105"]


def test_findings_do_not_depend_on_where_the_side_files_come(tmp_path: Path) -> None:
    calendar = write(tmp_path, "cal.toml", CALENDAR)
    cases = [write(tmp_path, f"{n}.toml", CASE.format(name="Same")) for n in ("a", "b")]
    # Two files for one platform (E304 in the second), and W105 in each, whichever the order.
    first = findings_by_file([calendar, *cases])
    last = findings_by_file([*cases, calendar])
    middle = findings_by_file([cases[0], calendar, cases[1]])
    assert first == last == middle
    # In line order: E304 on platform.name (the top of the file), then W105 on the due date.
    assert [line.rsplit("[", 1)[1] for line in first["b.toml"]] == ["E304]", "W105]"]


def test_valid_cases_let_go_of_their_documents(tmp_path: Path) -> None:
    good = write(tmp_path, "good.toml", CASE.format(name="Good"))
    broken = write(tmp_path, "broken.toml", CASE.format(name="Broken") + "\n[nonsense]\n")
    docket = load_docket([good, broken], AS_OF)
    by_name = {f.path.name: f for f in docket.files}
    assert by_name["good.toml"].case is not None
    assert by_name["good.toml"].document is None
    assert by_name["good.toml"].text.startswith("[platform]")  # kept to locate findings
    assert by_name["broken.toml"].case is None
    assert by_name["broken.toml"].document is not None  # `dsactl answer` names it from there
    assert [f.display for f in docket.case_files] == [str(good), str(broken)]


def test_the_garbage_collector_is_back_on_after_loading(tmp_path: Path) -> None:
    case = write(tmp_path, "a.toml", CASE.format(name="A"))
    assert gc.isenabled()
    load_docket([case], AS_OF)
    assert gc.isenabled()
    gc.disable()
    try:
        load_docket([case], AS_OF)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_a_period_counted_twice_is_computed_once() -> None:
    from dsactl.law.calendars import get_calendar

    calendar = get_calendar("eu-commission")
    start, period = date(2024, 3, 14), parse_period("10 working days")
    first = compute_deadline(start, period, calendar)
    assert compute_deadline(start, period, calendar) is first
    # Another calendar object (e.g. with a user's year) computes its own.
    assert compute_deadline(start, period, get_calendar("eu-commission")) is not first
    assert compute_deadline(start, period, get_calendar("eu-commission")) == first
