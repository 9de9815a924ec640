"""The pages of the site: Jinja2 templates (autoescaping on) filled from ``SiteContent``.

Jinja2 is imported here, and this module only by ``dsactl site``. Case-file text is untrusted:
autoescaping turns markup into text, ``finalize`` makes control characters, bidirectional
overrides and non-characters visible as escapes (as every other output does) before they are
escaped, and a ``source`` becomes a link only when it is an absolute http(s) URL.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from dsactl.law.dates import human
from dsactl.law.money import grouped
from dsactl.render.console import CONTROL, visible
from dsactl.render.site.svg import picture

if TYPE_CHECKING:
    from jinja2 import BaseLoader, BytecodeCache, Environment
    from markupsafe import Markup

    from dsactl.render.site.content import SiteContent

STYLESHEET = "style.css"
DATA_JSON = "data.json"
CALENDAR = "deadlines.ics"

# Code points HTML forbids in text (non-characters); control characters are `visible`'s.
_NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)
_WHITESPACE = re.compile(r"\s")

STATUS_ICONS = {
    "overdue": "!",
    "due-soon": "◆",
    "open": "◇",
    "no-due-date": "?",
    "past": "–",
    "answered": "✓",
    "filed": "✓",
}


def safe_text(text: str) -> str:
    """Text as every dsactl output shows it: control characters and bidi overrides as
    ``\\xNN`` escapes; HTML non-characters as ``\\uNNNN``."""
    if text.isprintable():  # what either pattern finds is not printable (Cc, Cf, Zl, Zp, Cn)
        return text  # the common case: nothing to show as an escape
    if CONTROL.search(text) is None and _NONCHARACTER.search(text) is None:
        return text
    shown = visible(text)
    return _NONCHARACTER.sub(_escape_code_point, shown)


def _escape_code_point(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _finalize(value: Any) -> Any:
    if type(value) is str:  # the common case, made quick
        return safe_text(value)
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return safe_text(value)
    return value


def web_link(source: str | None) -> str | None:
    """``source`` when it is an absolute http(s) URL with a host and nothing odd in it, else
    None (it is then shown as text: ``javascript:``, ``data:``, relative paths never link)."""
    if not source or _WHITESPACE.search(source) or safe_text(source) != source:
        return None
    try:
        parts = urlsplit(source)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return source


@lru_cache(maxsize=4096)  # the same days, statuses and sources recur on every page
def _time(day: date) -> Markup:
    """``<time datetime="2024-04-05">Fri 5 Apr 2024</time>``."""
    from markupsafe import Markup

    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), human(day))


@lru_cache(maxsize=4096)  # the same days, statuses and sources recur on every page
def _status(value: str) -> Markup:
    """A status as a word and a symbol (never by colour alone)."""
    from markupsafe import Markup

    name = value if value in STATUS_ICONS else "other"
    return Markup(
        '<span class="status status-{}"><span class="icon" aria-hidden="true">{}</span> {}</span>'
    ).format(name, STATUS_ICONS.get(value, "·"), safe_text(value))


@lru_cache(maxsize=4096)  # the same days, statuses and sources recur on every page
def _source(text: str | None) -> Markup:
    """A fact's source: a link when it is an http(s) URL, else text (escaped either way)."""
    from markupsafe import Markup

    if not text:
        return Markup('<span class="none">no source given</span>')
    link = web_link(text)
    if link is None:
        return Markup('<span class="source">{}</span>').format(safe_text(text))
    return Markup('<a class="source{}" href="{}" rel="noreferrer">{}</a>').format(
        " bare" if link == text else "", link, link
    )


def _money(value: Decimal | None) -> str:
    return "—" if value is None else grouped(value)


def _percent(rate: Decimal) -> str:
    return format((rate * 100).normalize(), "f") + " %"


def _signed(n: int | None) -> str:
    return "—" if n is None else str(n)


def _bytecode_cache() -> BytecodeCache | None:
    """Jinja's cache of compiled templates, in a folder of the user's own under the temporary
    folder (Jinja checks that nobody else can write to it), so that only the first site built
    on a machine pays for compiling the templates (about as long as everything else). Entries
    are keyed by the template's checksum and Jinja's version: a stale one is never used."""
    from jinja2 import FileSystemBytecodeCache

    try:
        return FileSystemBytecodeCache(pattern="dsactl-site-%s.cache")
    except (OSError, RuntimeError):
        return None


def _loader() -> BaseLoader:
    """The templates, from the package folder (PackageLoader, which also reads a zip, only
    when the package is not a folder)."""
    import jinja2

    folder = Path(__file__).parent / "templates"
    if folder.is_dir():
        return jinja2.FileSystemLoader(folder)
    return jinja2.PackageLoader("dsactl.render.site", "templates")


def environment() -> Environment:
    import jinja2

    env = jinja2.Environment(
        loader=_loader(),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        human=human,
        money=_money,
        percent=_percent,
        signed=_signed,
        web_link=web_link,
        time=_time,
        status=_status,
        source=_source,
    )
    env.globals.update(
        STATUS_ICONS=STATUS_ICONS,
        STYLESHEET=STYLESHEET,
        DATA_JSON=DATA_JSON,
        CALENDAR=CALENDAR,
    )
    return env


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_pages(content: SiteContent) -> dict[str, str]:
    """File name -> HTML for the front page and each platform's page."""
    env = environment()
    common = {
        "site": content,
        "built_iso": _stamp(content.build.built),
        "built_text": content.build.built.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "today": content.as_of,
    }
    pages = {
        "index.html": env.get_template("index.html").render(
            **common, page="index.html", picture=picture(content.timeline)
        )
    }
    platform_template = env.get_template("platform.html")
    for platform in content.platforms:
        pages[platform.page] = platform_template.render(
            **common, page=platform.page, platform=platform
        )
    return pages
