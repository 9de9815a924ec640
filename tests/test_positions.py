"""Tests of dsactl.casefile.positions: key path -> (line, column) in TOML source.

Every expected position is counted by hand; the comment beside each case says how.
Columns are 1-based and count characters, not bytes.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
import tomli_w
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dsactl.casefile.positions import KeyLocator, KeyPath, format_key

AOT = """\
# requests of information
[[requests]]
id = "r1"
due = 2024-01-01

[[requests]]
id = "r2"

[[requests]]
  id = "r3"
  due = 2024-03-01
"""

INLINE_AOT = """\
requests = [ { id = "r1" }, { id = "r2" }, { id = "r3", due = 2024-03-01 } ]
"""

SPREAD_AOT = """\
requests = [
  { id = "r1", due = 2024-01-01 },  # first
  # { id = "fake" },

  {id = "r2",due = 2024-02-01},
]
"""

MULTILINE_BASIC = '''\
description = """
name = "fake"
[platform]
[[requests]]
due = 1 \\""" still inside
"""
[platform]
name = "real"
'''

MULTILINE_LITERAL = """\
note = '''
[platform]
name = 'fake'
'''
[platform]
name = "real"
"""

TWO_TABLES = """\
[platform]
name = "VLOP"

[provider]
name = "Provider Ltd"
"""

FRUITS = """\
[[fruits]]
name = "apple"
[[fruits.varieties]]
name = "red"
[[fruits.varieties]]
name = "green"
[[fruits]]
name = "banana"
[[fruits.varieties]]
name = "plantain"
[fruits.physical]
colour = "yellow"
"""

CASES: list[tuple[str, str, KeyPath, tuple[int, int]]] = [
    # --- plain keys, tables, dotted keys, inline tables -------------------------------------
    ("top-level key", 'title = "x"\n', ("title",), (1, 1)),  # first char of the file
    # line 2: `name` starts the line -> col 1
    ("key in table", '[platform]\nname = "X"\n', ("platform", "name"), (2, 1)),
    # line 3 (after a comment and a blank line): `[` at col 1
    ("table header", '# c\n\n[platform]\nname = "X"\n', ("platform",), (3, 1)),
    # `platform.` is 9 chars -> `name` at col 10
    ("dotted key", 'platform.name = "X"\n', ("platform", "name"), (1, 10)),
    ("dotted key parent", 'platform.name = "X"\n', ("platform",), (1, 1)),
    # `a . ` is 4 chars -> `b` at col 5
    ("dotted key with spaces", "a . b = 1\n", ("a", "b"), (1, 5)),
    # line 2: `b.` is 2 chars -> `c` at col 3
    ("dotted key in table", "[a]\nb.c = 1\n", ("a", "b", "c"), (2, 3)),
    # `platform = { ` is 13 chars -> `name` at col 14
    ("inline table key", 'platform = { name = "X" }\n', ("platform", "name"), (1, 14)),
    ("inline table parent", 'platform = { name = "X" }\n', ("platform",), (1, 1)),
    # `a = { b = { ` is 12 chars -> `c` at col 13
    ("nested inline table", "a = { b = { c = 1 }, d = [ { e = 2 } ] }\n", ("a", "b", "c"), (1, 13)),
    # `a = { b = { c = 1 }, d = [ { ` is 29 chars -> `e` at col 30
    (
        "inline in array in inline",
        "a = { b = { c = 1 }, d = [ { e = 2 } ] }\n",
        ("a", "d", 0, "e"),
        (1, 30),
    ),
    # --- arrays of tables ----------------------------------------------------------------------
    # the third `[[requests]]` is on line 9, `[` at col 1
    ("aot element", AOT, ("requests", 2), (9, 1)),
    # line 11: `due` indented 2 spaces -> col 3
    ("aot key", AOT, ("requests", 2, "due"), (11, 3)),
    # line 4: the first table's `due`
    ("aot key first", AOT, ("requests", 0, "due"), (4, 1)),
    # the array itself -> its first header, line 2
    ("aot array", AOT, ("requests",), (2, 1)),
    # `requests = [ { id = "r1" }, { id = "r2" }, ` is 43 chars -> third `{` at col 44
    ("inline aot element", INLINE_AOT, ("requests", 2), (1, 44)),
    # `requests = [ { id = "r1" }, { id = "r2" }, { id = "r3", ` is 56 chars -> `due` at col 57
    ("inline aot key", INLINE_AOT, ("requests", 2, "due"), (1, 57)),
    # line 5 (the commented one does not count): `{` indented 2 -> col 3
    ("spread aot element", SPREAD_AOT, ("requests", 1), (5, 3)),
    # line 5: `  {id = "r2",` is 13 chars -> `due` at col 14
    ("spread aot key", SPREAD_AOT, ("requests", 1, "due"), (5, 14)),
    # line 2: `  { id = "r1", ` is 15 chars -> `due` at col 16
    ("spread aot first key", SPREAD_AOT, ("requests", 0, "due"), (2, 16)),
    # `turnover` a single table: line 2; as an array of tables: the second element's line 5
    ("single table", "[turnover]\namount = 1\n", ("turnover", "amount"), (2, 1)),
    (
        "array of tables",
        "[[turnover]]\namount = 1\n\n[[turnover]]\namount = 2\n",
        ("turnover", 1, "amount"),
        (5, 1),
    ),
    # --- dotted headers: [[a.b]] counted per full header path -----------------------------------
    ("dotted header", "[a.b]\nc = 1\n", ("a", "b", "c"), (2, 1)),
    ("dotted header table", "[x]\n[a.b]\nc = 1\n", ("a", "b"), (2, 1)),
    # `[a.b]` names `a` without defining it: the header stands in for `a` (line 1)
    ("implicit parent", "[a.b]\nc = 1\n", ("a",), (1, 1)),
    # ... unless `a` gets its own header later (line 3)
    ("explicit parent later", "[a.b]\nc = 1\n[a]\nd = 2\n", ("a",), (3, 1)),
    # fruits[0].varieties[1] is the second [[fruits.varieties]], line 5; its name on line 6
    ("nested aot", FRUITS, ("fruits", 0, "varieties", 1), (5, 1)),
    ("nested aot key", FRUITS, ("fruits", 0, "varieties", 1, "name"), (6, 1)),
    # fruits[1].varieties restarts at 0: line 9
    ("nested aot restarts", FRUITS, ("fruits", 1, "varieties", 0), (9, 1)),
    # `[fruits.physical]` belongs to the last fruit: colour on line 12
    ("table in aot element", FRUITS, ("fruits", 1, "physical", "colour"), (12, 1)),
    # a [[requests]] in between resets nothing: platform.name line 3, requests[1].id line 5
    (
        "aot resets nothing (table)",
        '[[requests]]\n[platform]\nname = "X"\n[[requests]]\nid = "r2"\n',
        ("platform", "name"),
        (3, 1),
    ),
    (
        "aot resets nothing (aot)",
        '[[requests]]\n[platform]\nname = "X"\n[[requests]]\nid = "r2"\n',
        ("requests", 1, "id"),
        (5, 1),
    ),
    # --- whitespace, tabs, CRLF, BOM ----------------------------------------------------------
    ("spaced header", "[ platform ]\nname = 1\n", ("platform", "name"), (2, 1)),
    ("spaced header itself", "\n  [ platform ]\n", ("platform",), (2, 3)),  # 2 spaces -> col 3
    ("spaced aot", "[[ requests ]]\n[[ requests ]]\n\tdue = 1\n", ("requests", 1), (2, 1)),
    # line 3: one tab then `due` -> col 2
    ("tab indent", "[[ requests ]]\n[[ requests ]]\n\tdue = 1\n", ("requests", 1, "due"), (3, 2)),
    # CRLF: the \r is the end of line 1, not a column of line 2; `  name` -> col 3
    ("crlf", "[platform]\r\n  name = 1\r\n", ("platform", "name"), (2, 3)),
    ("crlf aot", "[[r]]\r\na = 1\r\n[[r]]\r\na = 2\r\n", ("r", 1, "a"), (4, 1)),
    # a BOM is not a column: `[` is at col 1
    ("bom header", "\ufeff[platform]\nname = 1\n", ("platform",), (1, 1)),
    ("bom key", "\ufeffname = 1\nb = 2\n", ("b",), (2, 1)),
    # --- quoted keys ----------------------------------------------------------------------------
    ("basic quoted key", '"a b" = 1\n', ("a b",), (1, 1)),
    ("literal quoted key", "x = 0\n'x y' = 2\n", ("x y",), (2, 1)),
    # `platform.` is 9 chars -> the quote at col 10
    (
        "quoted part of dotted key",
        'platform."display name" = 1\n',
        ("platform", "display name"),
        (1, 10),
    ),
    # `"a.b"` is one key; `c` on line 2
    ("quoted dot in header", '["a.b"]\nc = 1\n', ("a.b", "c"), (2, 1)),
    # escapes in a basic key are decoded: "caf\u00e9" is café; line 2
    ("escaped key", 'x = 1\n"caf\\u00e9" = 2\n', ("café",), (2, 1)),
    ("empty quoted key", 'x = 1\n"" = 2\n', ("",), (2, 1)),
    # --- comments and strings that look like TOML ----------------------------------------------
    # the commented `name` on line 2 is not a key; the real one is on line 3
    ("commented key", '[platform]\n# name = "fake"\nname = "real"\n', ("platform", "name"), (3, 1)),
    ("comment after header", "[platform] # [other]\nname = 1\n", ("other",), (1, 1)),  # missing
    # `"#=[]{}` etc. inside a string end nothing; `next` on line 2
    (
        "specials in basic string",
        'note = "a # b = [c] {d} \\"e\\" \'f\' \\\\" # [x]\nnext = 1\n',
        ("next",),
        (2, 1),
    ),
    ("specials in literal string", "p = 'C:\\dir\\ # [x] \"'\nnext = 1\n", ("next",), (2, 1)),
    # a key name inside a multi-line string above: the real `name` is on line 8
    ("multi-line basic", MULTILINE_BASIC, ("platform", "name"), (8, 1)),
    ("multi-line basic header", MULTILINE_BASIC, ("platform",), (7, 1)),
    ("multi-line basic no aot", MULTILINE_BASIC, ("requests",), (1, 1)),  # only in the string
    ("multi-line literal", MULTILINE_LITERAL, ("platform", "name"), (6, 1)),
    # `a = """x""""` ends with a quote in the content; `b` on line 2
    ("multi-line extra quotes", 'a = """x""""\nb = 1\n', ("b",), (2, 1)),
    ("multi-line one line", "a = '''x''' # c\nb = 1\n", ("b",), (2, 1)),
    # a date-time with a space is one value; `e` on line 2
    ("date with space", "d = 1979-05-27 07:32:00Z\ne = 1\n", ("e",), (2, 1)),
    # --- plain array elements -----------------------------------------------------------------
    # `regimes = ["dsa", ` is 18 chars -> `"gdpr"` at col 19
    ("array element", 'regimes = ["dsa", "gdpr"]\n', ("regimes", 1), (1, 19)),
    # line 3: `"gdpr"` indented 2 -> col 3; the comment with `[` is not a header
    (
        "multi-line array element",
        'regimes = [\n  "dsa",  # one\n  "gdpr", # [x]\n]\n',
        ("regimes", 1),
        (3, 3),
    ),
    # `m = [[1, 2], [` is 14 chars -> `3` at col 15 (a value `[[` is no header)
    ("nested array element", "m = [[1, 2], [3, 4]]\n", ("m", 1, 0), (1, 15)),
    # characters, not bytes: `a = { x = "日本語", ` is 17 characters -> `y` at col 18
    ("unicode columns", 'a = { x = "日本語", y = 1 }\n', ("a", "y"), (1, 18)),
    # empty arrays and inline tables and a trailing comma end cleanly: `d` on line 4,
    # `d = [ {}, [ ], {` is 16 characters -> `x` at col 17
    (
        "empty containers",
        "a = []\nb = {}\nc = [1, 2,]\nd = [ {}, [ ], {x = {}} ]\n",
        ("d", 2, "x"),
        (4, 17),
    ),
    # --- the same key name in two tables ------------------------------------------------------
    ("same name first table", TWO_TABLES, ("platform", "name"), (2, 1)),
    ("same name second table", TWO_TABLES, ("provider", "name"), (5, 1)),
    # --- missing keys: the longest written prefix ---------------------------------------------
    ("missing key in aot", AOT, ("requests", 1, "due"), (6, 1)),  # the second header, line 6
    ("missing aot element", AOT, ("requests", 5, "due"), (2, 1)),  # the array, line 2
    ("missing key in table", "[platform]\nname = 1\n", ("platform", "url"), (1, 1)),
    ("missing key in inline", "x = 1\np = { a = 1 }\n", ("p", "b"), (2, 1)),
    ("nothing found", "[platform]\nname = 1\n", ("provider", "name"), (1, 1)),
    ("empty path", "a = 1\n", (), (1, 1)),
    ("empty document", "", ("a",), (1, 1)),
    ("missing beyond scalar", "x = 1\nregimes = []\n", ("regimes", 0), (2, 1)),
]


@pytest.mark.parametrize(
    ("source", "path", "expected"),
    [pytest.param(source, path, expected, id=name) for name, source, path, expected in CASES],
)
def test_locate(source: str, path: KeyPath, expected: tuple[int, int]) -> None:
    assert KeyLocator(source).locate(path) == expected


@pytest.mark.parametrize("source", sorted({source for _, source, _, _ in CASES}))
def test_snippets_are_valid_toml(source: str) -> None:
    """The positions above are for documents tomllib accepts (the CLI strips a BOM first)."""
    tomllib.loads(source.removeprefix("\ufeff"))


def test_locate_is_repeatable() -> None:
    locator = KeyLocator(AOT)
    assert locator.locate(("requests", 2, "due")) == (11, 3)
    assert locator.locate(("requests", 0, "id")) == (3, 1)
    assert locator.locate(("requests", 2, "due")) == (11, 3)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("requests", 2, "due"), "requests[2].due"),
        (("platform", "name"), "platform.name"),
        ((), ""),
        (("a.b",), '"a.b"'),
        (("a b", "c"), '"a b".c'),
        (("",), '""'),
        (('say "hi"\\',), '"say \\"hi\\"\\\\"'),
        (("tab\there",), '"tab\\there"'),
        (("bell\x07",), '"bell\\u0007"'),
        (("café",), '"café"'),
        (("dash-ed_1", "2024"), "dash-ed_1.2024"),
        (("m", 0, 1), "m[0][1]"),
        ((3, "a"), "[3].a"),
    ],
)
def test_format_key(path: KeyPath, expected: str) -> None:
    assert format_key(path) == expected


def test_twenty_thousand_tables() -> None:
    # Table k (0-based) takes 4 lines after the 1-line title: header 4k + 2, id 4k + 3,
    # due 4k + 4 (indented 2 -> col 3), then a blank line.
    parts = ['title = "many"\n']
    parts += [f'[[requests]]\nid = "r{k}"\n  due = 2024-01-01\n\n' for k in range(20_000)]
    locator = KeyLocator("".join(parts))
    assert locator.locate(("requests", 19_999, "due")) == (4 * 19_999 + 4, 3)
    assert locator.locate(("requests", 19_999)) == (4 * 19_999 + 2, 1)
    assert locator.locate(("requests", 20_000, "due")) == (2, 1)  # missing -> the array


def test_deep_nesting_does_not_recurse() -> None:
    source = "a = " + "[" * 50_000 + "1" + "]" * 50_000 + "\nb = 2\n"
    assert KeyLocator(source).locate(("b",)) == (2, 1)


FRAGMENTS = st.sampled_from(
    ["[[", "]]", "[", "]", "{", "}", '"""', "'''", '"', "'", "=", ".", ",", "#", "\\", "\n",
     "\r\n", "\ufeff", " ", "\t", "a", "requests", "due", "1", "\x00", "\x7f", "é"]
)  # fmt: skip
RANDOM_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=60).map("".join)
PATHS = st.lists(
    st.one_of(st.sampled_from(["a", "requests", "due", "", "é"]), st.integers(0, 3)), max_size=4
).map(tuple)


@settings(max_examples=300)
@given(source=RANDOM_TEXT, paths=st.lists(PATHS, min_size=1, max_size=5))
def test_random_text_never_raises(source: str, paths: list[KeyPath]) -> None:
    locator = KeyLocator(source)
    for path in paths:
        line, col = locator.locate(path)
        assert type(line) is int and type(col) is int
        assert 1 <= line <= source.count("\n") + 1
        assert col >= 1


KEYS = st.one_of(st.sampled_from(["a", "due", "requests"]), st.text(max_size=5))
SCALARS = st.one_of(st.integers(), st.booleans(), st.text(max_size=10))
DOCS = st.dictionaries(
    KEYS,
    st.recursive(
        SCALARS,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
        max_leaves=8,
    ),
    max_size=5,
)


def _leaves(value: Any, path: KeyPath) -> list[KeyPath]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in _leaves(item, (*path, index))]
    return [path]


@settings(max_examples=200)
@given(doc=DOCS, multiline=st.booleans())
def test_written_documents_locate_every_key(doc: dict[str, Any], multiline: bool) -> None:
    """Whatever tomli-w writes, every scalar's key is found where it is written."""
    source = tomli_w.dumps(doc, multiline_strings=multiline)
    assume(tomllib.loads(source) == doc)  # tomli-w writes "\r\n" so that it reads back "\n"
    lines = source.split("\n")
    locator = KeyLocator(source)
    for path in _leaves(doc, ()):
        line, col = locator.locate(path)
        text = lines[line - 1][col - 1 :]
        if isinstance(path[-1], str):  # `key = ...`: the key, bare or quoted
            assert _key_at(text) == path[-1], (source, path)
        else:  # an array element
            assert text[:1] not in ("", ",", " ", "]"), (source, path)


def _key_at(text: str) -> str:
    """The key (as tomllib reads it) that `text` starts with."""
    if text[:1] in ('"', "'"):
        end = 1
        while text[end] != text[0]:
            end += 2 if text[end] == "\\" and text[0] == '"' else 1
        return str(tomllib.loads("k = " + text[: end + 1])["k"])
    return text.split(" ", 1)[0].split(".", 1)[0]
