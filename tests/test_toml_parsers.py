"""dsactl reads TOML with rtoml and hands tomli what rtoml cannot take (``dsactl/packaged.py``):
the result must be what tomli alone gives, value for value and error for error."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from dsactl import packaged
from dsactl.packaged import data_path, fast_loads, read_data

loads, decode_error = fast_loads()


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types, keys in the same order (NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, datetime | time) and a.tzinfo is not None:
        return a == b and b.tzinfo is not None and a.utcoffset() == b.utcoffset()
    return bool(a == b)


def outcome(parse: Any, text: str) -> tuple[str, Any]:
    try:
        return "value", parse(text)
    except (tomli.TOMLDecodeError, decode_error) as exc:
        # The message, and the position as attributes (what reader.toml_error reads).
        where = (getattr(exc, "msg", None), getattr(exc, "lineno", None), exc.colno)
        return "syntax error", (str(exc), where)
    except (ValueError, RecursionError) as exc:
        return type(exc).__name__, str(exc)


def assert_as_tomli(text: str) -> None:
    got, expected = outcome(loads, text), outcome(tomli.loads, text)
    assert got[0] == expected[0], (text[:80], got, expected)
    if got[0] == "value":
        assert same(got[1], expected[1]), (text[:80], got[1], expected[1])
    else:
        assert got[1] == expected[1]


# Texts where rtoml and tomli part ways, or could: each must come out as tomli reads it.
EDGES = {
    # CRLF in a multi-line string: tomli gives LF, rtoml kept CR LF.
    "crlf in a multi-line string": 'a = """x\r\ny"""\r\nb = 1\r\n',
    "crlf line ends": "[platform]\r\nname = 'X'\r\n",
    "a lone carriage return": "a = 1\rb = 2",
    # 1e400 overflows: tomli reads infinity, rtoml refuses.
    "a float too large": "a = 1e400",
    "an integer of 20 digits": "a = 99999999999999999999",
    "an integer of 5 000 digits": "a = " + "9" * 5000,
    "the largest 64-bit integer": "a = 9223372036854775807",
    "nested 2 000 deep": "a = " + "[" * 2000 + "]" * 2000,
    "a NUL in a string": 'a = "x\x00"',
    "30 February": "a = 2024-02-30",
    "hour 24": "a = 24:00:00",
    "a table defined twice by a dotted key": "a.b.c = 1\n[a]\nd = 2",
    "an offset date-time": "a = 2024-01-01T00:00:00+01:00",
    "nanoseconds": "a = 2024-01-01T00:00:00.123456789Z",
    "inf and nan": "a = inf\nb = -nan",
    "an empty key": '"" = 1',
    "a BOM": "\ufeffa = 1",
    "control characters in a comment": "a = 1 # \x01",
    "keys in their written order": "z = 1\na = 2\n[m]\ny = 3\nb = 4",
    "an empty document": "",
    # TOML 1.1 without `{`, which rtoml reads: tomli must read it too (tomli 2.4 and later;
    # tomli 2.3 refused it, and dsactl with it would have taken what its judge refuses).
    "the escape for ESC": 'a = "\\e"',
    "a hexadecimal escape": 'a = "\\x41"',
    "a time without seconds": "a = 07:32",
    "a date-time without seconds": "a = 1979-05-27T07:32",
    # A line break inside a key/value pair of an inline table: rtoml takes it, tomli does not.
    "an inline table over two lines": "f = {g =\n1}\n",
    "an inline table on one line": "f = {g = 1, h = [1, 2]}\n",
}


@pytest.mark.parametrize("text", EDGES.values(), ids=EDGES.keys())
def test_reads_as_tomli_reads(text: str) -> None:
    assert_as_tomli(text)


def test_a_crlf_multiline_string_keeps_lf() -> None:
    # TOML 1.0 lets a parser normalise newlines in a multi-line string; tomli gives "\n".
    assert loads('note = """one\r\ntwo"""\r\n') == {"note": "one\ntwo"}


def test_every_toml_file_of_the_tests_reads_as_tomli_reads() -> None:
    files = sorted((ROOT / "tests").rglob("*.toml"))
    assert len(files) > 20
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # dsactl refuses it before parsing (E100)
        assert_as_tomli(text)


# Documents of every TOML value type, written by tomli-w and read back by both.
_keys = st.text(min_size=0, max_size=8)
_scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates(),
    st.times(),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.builds(
        lambda d, m: d.replace(tzinfo=timezone(timedelta(minutes=m))),
        st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
        st.integers(min_value=-23 * 60, max_value=23 * 60),
    ),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(_keys, _values, max_size=6), st.booleans())
def test_generated_documents_read_as_tomli_reads(doc: dict[str, Any], multiline: bool) -> None:
    text = tomli_w.dumps(doc, multiline_strings=multiline)
    assert_as_tomli(text)
    assert_as_tomli(text.replace("\n", "\r\n"))


# Texts near TOML, valid or not, from fragments and stray characters.
_FRAGMENTS = [
    "a = 1\n",
    "[a]\n",
    "[[a]]\n",
    "[a.b]\n",
    'b = "x"\n',
    "c = 'y'\n",
    "d = 2024-01-01\n",
    "e = [\n 1, # c\n 2,\n]\n",
    'h = """\nq\\\n  r"""\n',
    "i = 1.5\n",
    "k.l = 1\n",
    "t = 10:00:00\n",
    "u = 1979-05-27T07:32:00Z\n",
    "v = 0x1F\n",
    "w = 1_000\n",
    "x = +inf\n",
    "f = {g = 1}\n",
    "# comment\n",
    "n = 2024-01-01T00:00:00.5+05:30\n",
]
_STRAY = st.sampled_from(list("=1 \"'\n\t[].,{}#-:T+Z\\_0e\ufeff\x7f\x00\u00e9\r\x1fu"))


@st.composite
def _near_toml(draw: st.DrawFn) -> str:
    text = "".join(draw(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=6)))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_STRAY) + text[at + draw(st.integers(0, 1)) :]
    return text


@settings(max_examples=200, deadline=None)
@given(_near_toml())
def test_texts_near_toml_read_as_tomli_reads(text: str) -> None:
    assert_as_tomli(text)


def test_dates_come_back_as_dates() -> None:
    # A local date is a date, not a datetime: the validator tells them apart by type.
    value = loads("a = 2024-03-14\nb = 2024-03-14T10:00:00")
    assert type(value["a"]) is date and type(value["b"]) is datetime


def assert_read_data_as_tomli(*parts: str) -> None:
    """``read_data`` (rtoml, on every text as it is: inline tables and CR included) gives
    what tomli gives, and tomli reads the file at all (it is valid TOML 1.0)."""
    text = data_path(*parts).read_text(encoding="utf-8")
    expected = tomli.loads(text)
    assert same(read_data(*parts), expected), parts


def test_the_shipped_data_files_read_as_tomli_reads() -> None:
    root = ROOT / "src" / "dsactl" / "data"
    files = sorted(root.rglob("*.toml"))
    assert files
    for path in files:
        assert_as_tomli(path.read_text(encoding="utf-8"))
        # read_data, which reads them, is rtoml alone: fast_loads above hands a text with
        # `{` (the calendar's days are inline tables) to tomli, so it compared tomli with
        # itself there.
        assert_read_data_as_tomli(*path.relative_to(root).parts)


def test_a_data_file_that_is_not_toml_1_0_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An inline table over two lines is TOML 1.1: rtoml (read_data) takes it, tomli refuses
    # it. assert_as_tomli passes (fast_loads gives a text with `{` to tomli, which refuses it
    # as tomli does); assert_read_data_as_tomli must not. (A CR never reaches read_data:
    # read_text turns CRLF into LF.)
    text = "f = {g =\n1}\n"
    (tmp_path / "x.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(packaged, "_DATA", tmp_path)
    assert read_data("x.toml") == {"f": {"g": 1}}
    assert_as_tomli(text)
    with pytest.raises(tomli.TOMLDecodeError):
        assert_read_data_as_tomli("x.toml")
