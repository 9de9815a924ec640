"""`dsactl site`: the files it writes, checked without a browser (tests/test_site_browser.py
opens them in Chromium).

The fixture docket in tests/site/ is seen as of Wed 21 Aug 2024; every expected figure is
worked out by hand below. The Commission's 2024 holidays are read from its decision only up
to 15 Aug 2024, so every day after it is projected: a date computed across those days is
marked "projected".
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import html5lib
import pytest

from conftest import ROOT, Run

FIXTURES = ROOT / "tests" / "site"
AS_OF = "2024-08-21"
# 2024-08-21 12:00:00 UTC: a fixed build time, so that two builds can be compared.
EPOCH = "1724241600"
NS = "{http://www.w3.org/1999/xhtml}"
HOSTILE_NAME = "Evil <script>alert(1)</script> Co"


def build(run: Run, out: Path, *args: str, paths: tuple[str, ...] = (str(FIXTURES),)) -> str:
    code, stdout, stderr = run("site", *paths, "-o", str(out), "--as-of", AS_OF, *args)
    assert code == 0, stderr
    assert stdout == ""
    return stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        build(Run(), out)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return out


def pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


def parse(path: Path) -> Any:
    """The page's tree; html5lib in strict mode raises on the first parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    with path.open("rb") as handle:
        tree = parser.parse(handle)
    assert parser.errors == []
    return tree


def text_of(element: Any) -> str:
    """The text a reader sees, whitespace collapsed; a line break counts as a space."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag == f"{NS}br":
                parts.append(" ")
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


def find_all(tree: Any, tag: str) -> list[Any]:
    return list(tree.iter(f"{NS}{tag}"))


def test_the_site_has_its_pages_data_and_calendar(site: Path) -> None:
    assert sorted(p.name for p in site.iterdir()) == [
        ".dsactl-site",
        "data.json",
        "deadlines.ics",
        "index.html",
        "platform-alpha-social.html",
        "platform-alpha-social.json",
        "platform-delta-market.html",
        "platform-delta-market.json",
        "platform-evil-script-alert-1-script-co.html",
        "platform-evil-script-alert-1-script-co.json",
        "platform-gamma-search.html",
        "platform-gamma-search.json",
        "style.css",
    ]


def test_every_page_parses_without_errors(site: Path) -> None:
    for page in pages(site):
        tree = parse(page)
        assert tree.get("lang") == "en"


def test_data_json_is_what_deadlines_prints(site: Path, run: Run) -> None:
    code, out, _ = run("deadlines", str(FIXTURES), "--as-of", AS_OF, "--all", "-f", "json")
    assert code == 0
    assert (site / "data.json").read_text(encoding="utf-8") == out


def test_each_platform_json_is_what_show_prints(site: Path, run: Run) -> None:
    for name, stem in [
        ("Alpha Social", "alpha-social"),
        ("Delta Market", "delta-market"),
        (HOSTILE_NAME, "evil-script-alert-1-script-co"),
        ("Gamma Search", "gamma-search"),
    ]:
        code, out, _ = run("show", name, str(FIXTURES), "--as-of", AS_OF, "-f", "json")
        assert code == 0
        assert (site / f"platform-{stem}.json").read_text(encoding="utf-8") == out


def test_the_calendar_is_what_deadlines_exports(site: Path, run: Run) -> None:
    code, out, _ = run("deadlines", str(FIXTURES), "--as-of", AS_OF, "-f", "ics")
    assert code == 0
    ics = (site / "deadlines.ics").read_bytes().decode("utf-8")
    assert "\r\n" in ics  # RFC 5545 line ends kept on disk
    # The same events; only DTSTAMP (the time of the export) differs.
    stamp = re.compile(r"^DTSTAMP:.*$", re.M)
    # (The test runner reads stdout with LF line ends.)
    assert stamp.sub("", ics.replace("\r\n", "\n")) == stamp.sub("", out)
    # SOURCE_DATE_EPOCH 1724241600 = 2024-08-21 12:00:00 UTC.
    assert "DTSTAMP:20240821T120000Z" in ics


def group_rows(tree: Any, key: str) -> list[list[str]]:
    section = next(s for s in find_all(tree, "section") if s.get("aria-labelledby") == key)
    rows = []
    for tr in find_all(section, "tr"):
        if tr.find(f"{NS}th[@scope='row']") is not None:
            rows.append([text_of(cell) for cell in tr])
    return rows


def test_the_front_page_groups_what_matters_now(site: Path) -> None:
    tree = parse(site / "index.html")
    # r-overdue: due Fri 9 Aug 2024, 12 days before Wed 21 Aug.
    overdue = group_rows(tree, "group-overdue")
    assert [(r[0], r[1], r[3]) for r in overdue] == [("Fri 9 Aug 2024", "-12", "! overdue")]
    assert "r-overdue" in overdue[0][5]
    soon = group_rows(tree, "group-due-soon")
    # The hostile platform's request: due Mon 26 Aug (5 days); working days after 21 Aug up to
    # 26 Aug: 22, 23, 26 = 3.
    # r-soon: 5 working days from Tue 20 Aug: 21, 22, 23, 26, 27 -> Tue 27 Aug (6 days left);
    # working days after 21 Aug: 22, 23, 26, 27 = 4. Days after 15 Aug are projected.
    assert [r[:4] for r in soon] == [
        ["Mon 26 Aug 2024", "5", "3 *", "◆ due-soon"],
        ["Tue 27 Aug 2024 computed ≈ projected", "6", "4 *", "◆ due-soon"],
    ]
    later = group_rows(tree, "group-open")
    # pf-reply (Delta): 4 weeks from Thu 1 Aug end on Thu 29 Aug (Art. 3(2)(c)), 8 days;
    # working days 22, 23, 26-29 Aug = 6.
    # r-open: 1 month from Thu 1 Aug ends Sun 1 Sep (Art. 3(2)(c)), a Sunday -> Mon 2 Sep
    # (Art. 3(4)); 12 days left; working days 22, 23, 26-30 Aug, 2 Sep = 8.
    # Delta's designation notified Mon 13 May 2024: its obligations apply 4 months later,
    # Fri 13 Sep (Art. 33(6)), the first risk assessment is due then too (Art. 34(1)):
    # 23 days; working days 7 in Aug after the 21st + 10 in Sep = 17.
    # quotes…: due Mon 30 Sep, 40 days (10 in Aug + 30 in Sep); 28 working days (7 + 21).
    # The first transparency report, 2 months after 13 Sep: Wed 13 Nov (84 days: 10 + 30 +
    # 31 + 13; working days 7 + 21 + 23 + 8 = 59, 1 Nov being a Commission holiday).
    assert [r[:4] for r in later] == [
        ["Thu 29 Aug 2024 computed ≈ projected", "8", "6 *", "◇ open"],
        ["Mon 2 Sep 2024 computed ≈ projected", "12", "8 *", "◇ open"],
        ["Fri 13 Sep 2024 computed", "23", "17 *", "◇ open"],
        ["Fri 13 Sep 2024 computed", "23", "17 *", "◇ open"],
        ["Mon 30 Sep 2024", "40", "28 *", "◇ open"],
        ["Wed 13 Nov 2024 computed ≈ projected", "84", "59 *", "◇ open"],
    ]
    assert [r[5].split(" (")[0] for r in later] == [
        "pf-reply",
        "r-open",
        "dsa-vlop.obligations-apply #1",
        "dsa-vlop.risk-assessment #1",
        "quotes\"and'apostrophes",
        "dsa-vlop.transparency-report #1",
    ]
    # Every working-day count above spans days after 15 Aug, whose holidays are projected
    # (marked *, with the footnote under each table); the overdue one, 9-21 Aug, too.
    assert [r[2] for r in overdue] == ["-7 *"]
    assert "* The working days are counted over public holidays projected" in text_of(tree)
    text = text_of(tree)
    # r-later (due 15 Jan 2025, 147 days) is beyond the 90 days; r-answered is answered.
    assert "r-later" not in text and "r-answered" not in text
    # Not listed: r-answered; Delta's two filed user numbers (Feb and Aug 2024); r-later and
    # Delta's obligations due after 19 Nov 2024 (fee payment, user numbers Feb and Aug 2025,
    # transparency report May 2025, audit report and management review Sep 2025).
    assert (
        "Not listed here: 1 answered, 2 filed, 7 due more than 90 days after the as-of date."
        in text
    )


def test_the_front_page_has_a_line_per_platform(site: Path) -> None:
    tree = parse(site / "index.html")
    rows = table_rows(tree, "platforms")
    assert [r[0] for r in rows] == [
        "Alpha Social Alpha Holdings SE",
        "Delta Market Delta Market BV",
        f"{HOSTILE_NAME} " + '<b>bold</b> & "co" <a href="javascript:alert(5)">x</a>',
        "Gamma Search Gamma Inc.",
    ]
    alpha = rows[0]
    # Open proceedings 1; next deadline r-soon (6 days), one overdue (r-overdue); the largest
    # cap 6 % of EUR 2 000 000 000 (Art. 74(1)); the fine of 3 Jun 2024.
    assert alpha[1:] == [
        "1",
        "Tue 27 Aug 2024 computed ≈ projected 6 day(s) left ◆ due-soon ! overdue: 1",
        "EUR 120,000,000.00 DSA Art. 74(1), 6 %",
        "EUR 10,000,000.00 on Mon 3 Jun 2024",
    ]
    # Gamma has no turnover: no caps, and it says why.
    assert rows[3][3] == "no caps: no [turnover] in the case file: add one for caps"


def test_computed_dates_expand_to_their_explanation(site: Path) -> None:
    tree = parse(site / "platform-alpha-social.html")
    details = {text_of(d.find(f"{NS}summary")): d for d in find_all(tree, "details")}
    assert sorted(details) == [
        "How Mon 2 Sep 2024 was counted: 1 month from Thu 1 Aug 2024 (eu-commission calendar)",
        "How Tue 27 Aug 2024 was counted: 5 working days from Tue 20 Aug 2024 "
        "(eu-commission calendar)",
    ]
    month = details[
        "How Mon 2 Sep 2024 was counted: 1 month from Thu 1 Aug 2024 (eu-commission calendar)"
    ]
    steps = [text_of(li) for li in find_all(month, "li")]
    assert steps[0].startswith("Thu 1 Aug 2024 Art. 3(1):")
    assert steps[1].startswith("Sun 1 Sep 2024 Art. 3(2)(c):")
    assert steps[2].startswith("Mon 2 Sep 2024 Art. 3(4):")
    assert "projected" in text_of(month)
    # Every step's date is machine-readable.
    assert [t.get("datetime") for t in find_all(month, "time")][:3] == [
        "2024-08-01",
        "2024-09-01",
        "2024-09-02",
    ]


def test_a_platform_page_has_every_fact_with_its_source(site: Path) -> None:
    tree = parse(site / "platform-alpha-social.html")
    text = text_of(tree)
    # Every request, answered and later ones included.
    for request in ("r-overdue", "r-soon", "r-open", "r-answered", "r-later"):
        assert request in text
    assert "Protection of minors" in text
    # Turnover by year, latest first, each with its source.
    assert "EUR 2,000,000,000.00" in text and "EUR 1,500,000,000.00" in text
    # Caps from the year ended 31 Dec 2023 (EUR 2 000 000 000): Art. 74(1) 6 % = 120 000 000;
    # Art. 74(2) 1 % = 20 000 000; Art. 76 5 % / 365 a day = 273 972.602… -> 273 972.60.
    assert "120,000,000.00" in text and "20,000,000.00" in text and "273,972.60" in text
    # The fine of 3 Jun 2024 against the 2023 cap: 10 000 000 / 120 000 000 = 8.33 %.
    assert "8.33 %" in text
    links = {a.get("href") for a in find_all(tree, "a") if "source" in (a.get("class") or "")}
    assert {
        "https://example.org/alpha/annual-report-2023",
        "https://example.org/alpha/opening",
        "https://example.org/alpha/rfi-soon",
        "https://example.org/alpha/fine",
    } <= links
    assert "Alpha annual report 2022" in text
    assert "Fixture press release, 1 July 2024" in text


def table_rows(tree: Any, section: str) -> list[list[str]]:
    part = next(s for s in find_all(tree, "section") if s.get("aria-labelledby") == section)
    return [
        [text_of(cell) for cell in tr]
        for tr in find_all(part, "tr")
        if tr.find(f"{NS}th[@scope='row']") is not None
    ]


def test_a_platform_page_has_its_obligations_events_and_decision_periods(site: Path) -> None:
    tree = parse(site / "platform-delta-market.html")
    text = text_of(tree)
    # The designation, notified Mon 13 May 2024, with its source as a link.
    assert "Designation notified Mon 13 May 2024" in text
    assert "https://example.org/delta/designation" in {a.get("href") for a in find_all(tree, "a")}
    assert "Rule sets: dsa-vlop" in text
    obligations = table_rows(tree, "obligations")
    # The user numbers (Art. 24(2), fixed dates, every 17 Feb and 17 Aug since 2023) were
    # filed, those of 2024 on 16 Feb and 16 Aug; the obligations apply on Fri 13 Sep 2024
    # (N + 4 months, Art. 33(6)).
    assert [(r[0], r[3], r[4].split(" (")[0]) for r in obligations[2:6]] == [
        ("Sat 17 Feb 2024", "✓ filed on Fri 16 Feb 2024", "dsa-vlop.user-numbers #3"),
        ("Sat 17 Aug 2024", "✓ filed on Fri 16 Aug 2024", "dsa-vlop.user-numbers #4"),
        ("Fri 13 Sep 2024 computed", "◇ open", "dsa-vlop.obligations-apply #1"),
        ("Fri 13 Sep 2024 computed", "◇ open", "dsa-vlop.risk-assessment #1"),
    ]
    assert "Filed: https://example.org/delta/users-2024-02" in text
    # A fixed date is said to be one, and is not moved to a working day.
    assert "a fixed calendar date, not a period: not moved to a working day" in text
    # The reply to the preliminary findings: 4 weeks from Thu 1 Aug 2024 -> Thu 29 Aug 2024,
    # counted from adoption (no notification day in the file).
    requests = table_rows(tree, "requests")
    assert requests[0][0] == "Thu 29 Aug 2024 computed ≈ projected"
    assert "counted from adoption (2024-08-01; notification day not recorded)" in requests[0][5]
    # The proceeding's events, in date order, each with its source; the conflicting date is
    # said with the other date given.
    events = [text_of(li) for li in find_all(tree, "ol") if li.get("class") == "events"]
    assert events[0].startswith("Thu 20 Jun 2024 opened: Formal proceedings opened")
    assert "Thu 1 Aug 2024 preliminary findings: Preliminary findings" in events[0]
    assert "confidence: conflict (other dates given: Fri 2 Aug 2024)" in events[0]


def test_a_platform_without_turnover_or_requests_says_so(site: Path) -> None:
    text = text_of(parse(site / "platform-gamma-search.html"))
    assert "No requests recorded." in text
    assert "No turnover recorded." in text
    assert "no [turnover] in the case file" in text
    assert "No fines imposed." in text


def test_hostile_text_is_shown_never_obeyed(site: Path) -> None:
    for page in pages(site):
        raw = page.read_text(encoding="utf-8")
        tree = parse(page)
        # The only scripts, images, frames and event handlers are none at all.
        for tag in ("script", "img", "iframe", "object", "embed", "i", "b"):
            assert find_all(tree, tag) == [], (page.name, tag)
        for element in tree.iter():
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (page.name, name)
                assert "javascript:" not in value.lower(), (page.name, name, value)
                assert not value.lower().startswith("data:text"), (page.name, name, value)
        # Control characters and bidi overrides are shown as escapes, never written raw.
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", raw)
    tree = parse(site / "platform-evil-script-alert-1-script-co.html")
    text = text_of(tree)
    assert text_of(find_all(tree, "h1")[0]) == HOSTILE_NAME
    for shown in (
        '<b>bold</b> & "co" <a href="javascript:alert(5)">x</a>',
        "ESC \\x1b[31mred and a bidi override \\u202egnp.exe and {{ 7*7 }} {% raw %}",
        "</td></tr></table><script>alert(7)</script>",
        "<img src=x onerror=alert(4)> proceedings",
        "javascript:alert(2)",
        "JaVaScRiPt:alert(8)",
        "data:text/html,<script>alert(6)</script>",
        "https://example.org/leading-space",
    ):
        assert shown in text, shown
    sources = [a for a in find_all(tree, "a") if "source" in (a.get("class") or "")]
    # Only the one well-formed http(s) URL is a link, with its quotes and brackets kept as
    # data of the attribute; " https://…" (leading space) and the rest stay text.
    assert [a.get("href") for a in sources] == [
        'https://example.org/ok?a=1&b="><script>alert(9)</script>'
    ]


def site_links(site: Path) -> list[tuple[str, str]]:
    """(page, href) of every link and resource reference of every page."""
    found = []
    for page in pages(site):
        for element in parse(page).iter():
            for attribute in ("href", "src", "srcset", "action", "poster", "data"):
                value = element.get(attribute)
                if value is not None:
                    found.append((page.name, value))
    return found


def test_links_are_relative_and_resolve_within_the_site(site: Path) -> None:
    ids = {p.name: {e.get("id") for e in parse(p).iter() if e.get("id")} for p in pages(site)}
    for page, href in site_links(site):
        parts = urlsplit(href)
        if parts.scheme in ("http", "https"):
            continue  # a source: shown as a link, never loaded by the page
        if parts.scheme == "data":
            assert href == "data:,", (page, href)  # the empty icon: no request for a favicon
            continue
        assert parts.scheme == "" and parts.netloc == "", (page, href)
        assert not parts.path.startswith("/"), (page, href)  # works from any sub-path
        target = unquote(parts.path) or page
        assert (site / target).is_file(), (page, href)
        if parts.fragment:
            assert parts.fragment in ids[target], (page, href)


def test_every_page_links_data_calendar_and_has_the_footer(site: Path) -> None:
    for page in pages(site):
        tree = parse(page)
        hrefs = {a.get("href") for a in find_all(tree, "a")}
        assert {"data.json", "deadlines.ics", "index.html"} <= hrefs
        footer = text_of(find_all(tree, "footer")[0])
        assert "As of Wed 21 Aug 2024." in footer
        assert "Built 2024-08-21 12:00 UTC" in footer
        assert "dsactl 0.1.0" in footer or "by dsactl" in footer
        assert "legal maxima, not predictions" in footer
        # Landmarks, one h1, headings never skip a level.
        assert len(find_all(tree, "main")) == 1 and len(find_all(tree, "nav")) >= 1
        levels = [int(e.tag[-1]) for e in tree.iter() if re.fullmatch(rf"{NS}h[1-6]", str(e.tag))]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
        for th in find_all(tree, "th"):
            assert th.get("scope") in ("col", "row"), page.name
        for time in find_all(tree, "time"):
            assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\dZ)?", time.get("datetime"))


def test_the_stylesheet_loads_nothing_from_elsewhere(site: Path) -> None:
    css = (site / "style.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert "prefers-color-scheme: dark" in css and "@media print" in css


def test_two_builds_with_the_same_inputs_are_identical(
    site: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build(run, tmp_path / "again")
    for path in site.iterdir():
        assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_site_is_replaced_as_a_whole(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "public"
    build(run, out)
    assert (out / "platform-gamma-search.html").is_file()
    build(run, out, paths=(str(FIXTURES / "alpha.toml"),))
    # Gamma's page is gone with its case file: nothing stale is left behind.
    assert sorted(p.name for p in out.glob("*.html")) == [
        "index.html",
        "platform-alpha-social.html",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["public"]  # no temporary folder left


def test_a_folder_that_is_not_a_site_is_never_replaced(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    code, _, err = run("site", str(FIXTURES), "-o", str(out), "--as-of", AS_OF)
    assert code == 2
    assert err.startswith("dsactl: error: -o ") and "not written by `dsactl site`" in err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    code, _, err = run("site", str(FIXTURES), "-o", str(out / "notes.txt"), "--as-of", AS_OF)
    assert (code, "not a folder" in err) == (2, True)
    # An empty folder is fine.
    empty = tmp_path / "empty"
    empty.mkdir()
    build(run, empty)
    assert (empty / "index.html").is_file()


def test_output_is_required(run: Run) -> None:
    code, _, err = run("site", str(FIXTURES), "--as-of", AS_OF)
    assert code == 2 and "--output" in err


def test_an_invalid_case_file_is_listed_and_the_rest_is_published(run: Run, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "alpha.toml", tmp_path / "alpha.toml")
    (tmp_path / "broken.toml").write_text('[platform]\nname = "<b>Broken</b>"\n', encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("site", str(tmp_path / "alpha.toml"), str(tmp_path / "broken.toml"),
                       "-o", str(out), "--as-of", AS_OF)  # fmt: skip
    assert code == 1
    assert "broken.toml" in err and "provider" in err
    tree = parse(out / "index.html")
    problems = text_of(next(s for s in find_all(tree, "section") if s.get("class") == "problems"))
    assert "Case files left out (1)" in problems and "broken.toml" in problems
    assert (out / "platform-alpha-social.html").is_file()


def test_the_title_is_used_and_escaped(run: Run, tmp_path: Path) -> None:
    build(run, tmp_path / "t", "--title", "Trust & <Safety>")
    tree = parse(tmp_path / "t" / "index.html")
    assert text_of(find_all(tree, "h1")[0]) == "Trust & <Safety>"
    assert text_of(find_all(tree, "title")[0]) == "Trust & <Safety>: deadlines as of 2024-08-21"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_footer_names_the_commit_of_a_git_checkout(run: Run, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES, repo / "cases")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    for args in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "cases"],
    ):
        subprocess.run(["git", "-C", str(repo), *args], check=True, env=env)
    head = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    build(run, tmp_path / "out", paths=(str(repo / "cases"),))
    footer = text_of(find_all(parse(tmp_path / "out" / "index.html"), "footer")[0])
    assert f"from commit {head[:12]} by dsactl" in footer
    # Outside a checkout the footer says nothing of a commit.
    plain = tmp_path / "plain"
    shutil.copytree(FIXTURES, plain)
    build(run, tmp_path / "out2", paths=(str(plain),))
    assert "commit" not in text_of(find_all(parse(tmp_path / "out2" / "index.html"), "footer")[0])


def test_other_commands_do_not_import_jinja2(tmp_path: Path) -> None:
    probe = (
        "import sys; sys.argv = ['dsactl', 'deadlines', sys.argv[1], '--as-of', '2024-08-21', "
        "'-f', 'json']\nfrom dsactl.__main__ import main\ntry:\n    main()\n"
        "except SystemExit:\n    pass\nprint('jinja2' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(FIXTURES)], capture_output=True, text=True, check=True
    )
    assert done.stderr.strip() == "False"
    requests = [r for r in json.loads(done.stdout) if r["source"] == "request"]
    assert requests[0]["id"] == "r-overdue"


def test_the_shared_hostile_case_file_is_shown_literally(run: Run, tmp_path: Path) -> None:
    """tests/test_hostile.py's case file, whose every text field is hostile (Rich markup,
    ANSI escapes, OSC 8 links, BEL, backspace, CR, C1): every page shows each value in its
    ``\\xNN`` form, and no raw control character reaches a file of the site."""
    from test_hostile import HOSTILE, display_file, raw_controls, shown

    (tmp_path / "cases").mkdir()
    display_file(tmp_path / "cases")
    out = tmp_path / "out"
    code, _, err = run("site", str(tmp_path / "cases"), "-o", str(out), "--as-of", "2024-03-20")
    assert code == 0, err
    page = next(out.glob("platform-*.html"))
    html = page.read_text(encoding="utf-8")
    text = text_of(parse(page))
    for value in HOSTILE.values():
        assert any(form in text for form in shown(value)), value
    for path in out.iterdir():
        assert raw_controls(path.read_text(encoding="utf-8"), crlf=True) == [], path.name
    assert "\\x1b" in html


def test_a_background_text_is_the_same_forked_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    """The calendar is made in a forked child when the process can fork safely; when it
    cannot, or the child fails, the same text is made in the process itself."""
    from dsactl.render.site.publish import in_background

    parent = os.getpid()
    text = "BEGIN:VCALENDAR\r\né\r\nEND:VCALENDAR\r\n" * 1000  # more than a pipe's buffer
    monkeypatch.setattr("threading.active_count", lambda: 1)  # as in the dsactl process
    assert in_background(lambda: text)() == text

    def fails_in_the_child() -> str:
        if os.getpid() != parent:
            raise RuntimeError("child")
        return "made here"

    assert in_background(fails_in_the_child)() == "made here"

    def no_fork() -> int:
        raise OSError("no fork here")

    monkeypatch.setattr(os, "fork", no_fork)
    assert in_background(lambda: text)() == text


def test_text_that_is_printable_needs_no_escape() -> None:
    """safe_text returns printable text as it is without looking further: every character
    that the two patterns of escapes find is not printable (checked over all of Unicode)."""
    from dsactl.render.console import CONTROL
    from dsactl.render.site.pages import _NONCHARACTER

    every = "".join(map(chr, range(sys.maxunicode + 1)))
    found = {m.group() for m in CONTROL.finditer(every)}
    found |= {m.group() for m in _NONCHARACTER.finditer(every)}
    assert found  # the patterns find something,
    assert not [c for c in found if c.isprintable()]  # and none of it is printable
