"""`dsactl site` in a real browser: the system's headless Chromium, through Selenium.

One browser for the whole module and the small fixture docket of tests/site/, so the module
stays within a few seconds. The site is written under a deep sub-path and opened from
``file://``, as from a share or a GitHub Pages project site: relative links must hold.

Each page is opened at 390 px (a phone) and 1440 px (a desktop), light and dark: no console
error, no request to anything but the site's own files, no horizontal scrolling, an axe-core
scan without serious or critical violations, and a full-page screenshot of each into
``test-artifacts/site-screenshots/`` (kept by CI; git-ignored). The front page is also
printed to PDF there.

Chromium and chromedriver come from Debian's ``chromium`` and ``chromium-driver`` packages
(.ci/run installs them when missing). Without them the tests are skipped, except under CI
(``CI`` set), where that is a failure.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, Run

# Starting Chromium and opening every page takes about ten seconds: in the default run (and
# CI), not in the quick one (`-m "not slow"`). On one worker (conftest.py, KEEP_TOGETHER).
pytestmark = pytest.mark.slow

FIXTURES = ROOT / "tests" / "site"
AS_OF = "2024-08-21"
ARTIFACTS = Path(os.environ.get("DSACTL_TEST_ARTIFACTS", ROOT / "test-artifacts"))
SHOTS = ARTIFACTS / "site-screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WIDTHS = (390, 1440)
PAGES = (
    "index.html",
    "platform-alpha-social.html",
    "platform-delta-market.html",
    "platform-evil-script-alert-1-script-co.html",
    "platform-gamma-search.html",
)

if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
    if os.environ.get("CI"):
        pytest.fail(
            "CI must run the browser tests: install chromium and chromium-driver (.ci/run)",
            pytrace=False,
        )
    pytest.skip("needs Debian's chromium and chromium-driver", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("www") / "teams" / "trust and safety" / "docket"
    code, _, err = Run()("site", str(FIXTURES), "-o", str(out), "--as-of", AS_OF)
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="dsactl-chromium-")
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        "--window-size=1440,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    # The console, and the DevTools network events of every request the page makes.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(30)
    driver.get("about:blank")  # leave the new-tab page, whose own requests are logged too
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def view(driver: Any, width: int, *, dark: bool = False) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]},
    )


def screenshot(driver: Any, name: str, width: int) -> None:
    """The whole page, not just the window."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "optimizeForSpeed": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / name).write_bytes(base64.b64decode(shot["data"]))


LIGHT = ((390, False), (1440, False))
VISITS = {page: LIGHT for page in PAGES} | {
    page: (*LIGHT, (1440, True)) for page in ("index.html", "platform-alpha-social.html")
}
AXE_OPTIONS = {"resultTypes": ["violations"]}


def axe_problems(driver: Any) -> list[str]:
    from axe_selenium_python import Axe

    axe = Axe(driver)
    axe.inject()
    result = axe.run(options=json.dumps(AXE_OPTIONS))
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def requests_made(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call (DevTools network events): the
    document, its stylesheet, and anything else, wherever it points."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE",)]


@pytest.fixture(scope="module")
def visits(site: Path, browser: Any) -> dict[tuple[str, int, bool], dict[str, Any]]:
    """Every page at both widths, light; the pages with every kind of element (the front
    page, a full platform page) also dark at the desktop width. What each visit found."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    found: dict[tuple[str, int, bool], dict[str, Any]] = {}
    browser.get_log("browser")  # start with empty logs
    browser.get_log("performance")
    for page in PAGES:
        url = (site / page).as_uri()
        for width, dark in VISITS[page]:
            view(browser, width, dark=dark)
            browser.get(url)
            record: dict[str, Any] = {
                "url": browser.current_url,
                "requests": requests_made(browser),
                "scroll": browser.execute_script(
                    "return [document.documentElement.scrollWidth, window.innerWidth]"
                ),
                "links": browser.execute_script(
                    "return Array.from(document.querySelectorAll('a[href]'), a => a.href)"
                ),
                "ids": browser.execute_script(
                    "return Array.from(document.querySelectorAll('[id]'), e => e.id)"
                ),
                "title": browser.title,
            }
            # axe at the phone width (layout rules) and in the dark scheme (contrast of the
            # other palette); the light desktop has the phone's colours.
            record["axe"] = axe_problems(browser) if width == 390 or dark else []
            record["console"] = console_errors(browser)
            screenshot(browser, f"{page[:-5]}-{width}{'-dark' if dark else ''}.png", width)
            found[page, width, dark] = record
    view(browser, 1440)
    browser.get((site / "index.html").as_uri())
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    (SHOTS / "index-print.pdf").write_bytes(base64.b64decode(pdf["data"]))
    return found


def test_every_page_opens_without_console_errors(visits: dict[Any, dict[str, Any]]) -> None:
    errors = {key: v["console"] for key, v in visits.items() if v["console"]}
    assert errors == {}
    assert visits["index.html", 390, False]["title"] == "DSA docket: deadlines as of 2024-08-21"


def test_no_request_leaves_the_site(site: Path, visits: dict[Any, dict[str, Any]]) -> None:
    root = site.as_uri() + "/"
    for key, visit in visits.items():
        assert visit["requests"][0] == visit["url"], key
        outside = [url for url in visit["requests"] if not url.startswith(root)]
        outside = [url for url in outside if url != "data:,"]  # the empty icon, inline
        assert outside == [], key
    # The stylesheet was really loaded from the site's own folder.
    assert root + "style.css" in visits["index.html", 1440, False]["requests"]


def test_no_horizontal_scrolling_on_a_phone(visits: dict[Any, dict[str, Any]]) -> None:
    for (page, width, _), visit in visits.items():
        scroll_width, viewport = visit["scroll"]
        assert viewport == width, (page, width)
        assert scroll_width <= viewport, (page, width, scroll_width)


def test_every_link_resolves_within_the_site(site: Path, visits: dict[Any, dict[str, Any]]) -> None:
    root = site.as_uri() + "/"
    ids = {page: set(visits[page, 1440, False]["ids"]) for page in PAGES}
    checked = 0
    for (page, _, _), visit in visits.items():
        for href in visit["links"]:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue  # a case file's source, shown as a link and never loaded
            assert href.startswith(root), (page, href)
            target = unquote(parts.path).rsplit("/", 1)[-1]
            assert (site / target).is_file(), (page, href)
            if parts.fragment:
                assert parts.fragment in ids[target], (page, href)
            checked += 1
    assert checked > 50


def test_served_from_a_sub_path_it_asks_only_for_its_own_files(
    site: Path, browser: Any, visits: dict[Any, dict[str, Any]]
) -> None:
    """As on a GitHub Pages project site (https://owner.github.io/repo/): served over HTTP
    under a sub-path, every request stays under that path, and a link leads to its page."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    www = site.parents[2]
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/" + site.relative_to(www).as_posix()
        base = base.replace(" ", "%20") + "/"
        view(browser, 1440)
        requests_made(browser)
        browser.get(base)  # the folder itself: index.html, as a web server serves it
        asked = requests_made(browser)
        assert asked[0] == base and base + "style.css" in asked
        assert [url for url in asked if not url.startswith(base)] == []
        assert browser.title == "DSA docket: deadlines as of 2024-08-21"
        browser.find_element("link text", "Alpha Social").click()
        assert browser.current_url == base + "platform-alpha-social.html"
        assert browser.find_element("tag name", "h1").text == "Alpha Social"
        assert [url for url in requests_made(browser) if not url.startswith(base)] == []
        assert console_errors(browser) == []
    finally:
        server.shutdown()
        server.server_close()


def test_axe_finds_no_serious_or_critical_violation(visits: dict[Any, dict[str, Any]]) -> None:
    problems = {key: v["axe"] for key, v in visits.items() if v["axe"]}
    assert problems == {}


def test_screenshots_and_the_printout_are_kept(visits: dict[Any, dict[str, Any]]) -> None:
    for page, visited in VISITS.items():
        for width, dark in visited:
            shot = SHOTS / f"{page[:-5]}-{width}{'-dark' if dark else ''}.png"
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", shot
    assert (SHOTS / "index-print.pdf").read_bytes()[:5] == b"%PDF-"
