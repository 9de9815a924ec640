"""`dsactl new` and `dsactl answer`: files that pass `check`, edits that change one line."""

from __future__ import annotations

import difflib
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Run
from dsactl.docket.load import load_docket
from dsactl.edit import case_edits as writers
from dsactl.edit.case_edits import record_answer
from dsactl.edit.starter import new_case
from dsactl.errors import DataError, UsageError

AS_OF = date(2024, 3, 15)

# Every oddity at once: CRLF, tabs, comments after values and inside tables, blank lines,
# quoted keys, literal and multi-line strings, trailing blanks, a single [turnover] table.
ODD = "\r\n".join(
    [
        "#:schema ../schema/case-file.schema.json",
        "# Odd but valid: tabs, CRLF, comments after values, quoted keys.   ",
        "calendar = 'eu-commission'   # a literal string",
        "",
        "[platform]\t# a tab before this comment",
        "\"name\" = 'Odd\\Platform'",
        'provider\t=\t"Odd \\"Quoted\\" Ltd"   ',
        'kind = "VLOP"',
        "",
        "[turnover]",
        'amount = "1000.50"',
        "currency = 'EUR'",
        "year_end = 2023-12-31 # FY",
        "source = '''two",
        "lines'''",
        "",
        "",
        "[[requests]]   # first",
        '\tid = "r-1"',
        "\tsubject = 'Tabs\tand # not a comment'",
        "\tsent = 2024-03-14",
        '\t"due"\t=\t2024-04-05   # due date',
        "\t# a comment inside the table",
        '\tsource = "x"',
        "",
        "[[requests]]",
        "'id' = 'r-2'",
        'subject = "period"',
        "sent = 2024-03-14",
        'period = "10 working days"  # computed',
        "answered = 2024-03-20 # replied early",
        'source = "y"',
        "",
        "[[requests]]",
        'id = "r-3"',
        'subject = """basic "multi"',
        'line"""',
        'period = "2w"',
        "sent=2024-03-14",
        'source = "z"',
        "",
    ]
)

INLINE = """\
requests = [
  { id = "a", subject = "s", sent = 2024-03-14, due = 2024-04-05, source = "x" },
  {id="b",subject="s",sent=2024-03-14,period="2w"},
  { id = "c", subject = "s", source = "x", sent = 2024-03-14, due = 2024-04-05 },
]

[platform]
name = "Inline"
provider = "Inline Ltd"

[turnover]
amount = 1
currency = "EUR"
year_end = 2023-12-31
source = "x"
"""


def changes(before: str, after: str) -> list[tuple[str, list[str], list[str]]]:
    """Each differing block of lines (line ends included): (tag, old lines, new lines)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        (tag, old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


@pytest.fixture
def odd(tmp_path: Path) -> Path:
    path = tmp_path / "odd.toml"
    path.write_bytes(ODD.encode("utf-8"))
    return path


# -- answer: one line added or changed, every other byte kept -------------------------------


def test_answer_adds_one_line_after_due_in_the_anchors_style(run: Run, odd: Path) -> None:
    assert load_docket([odd], AS_OF).errors == []  # the odd file is valid to begin with
    code, _, err = run("answer", "Odd\\Platform", "r-1", str(odd), "--on", "2024-04-04")
    assert code == 0, err
    assert err == f"{odd}: requests[0] `r-1` answered = 2024-04-04\n"
    after = odd.read_bytes().decode("utf-8")
    # Indent "\t", key then "\t" before "=" and "=\t" after it, as on the `"due"` line; CRLF.
    assert changes(ODD, after) == [("insert", [], ["\tanswered\t=\t2024-04-04\r\n"])]
    lines = after.split("\r\n")
    assert lines[lines.index('\t"due"\t=\t2024-04-05   # due date') + 1] == (
        "\tanswered\t=\t2024-04-04"
    )
    assert tomllib.loads(after)["requests"][0]["answered"] == date(2024, 4, 4)
    assert load_docket([odd], AS_OF).errors == []


def test_answer_without_due_goes_after_period(odd: Path) -> None:
    result = record_answer(ODD, "r-3", date(2024, 3, 29), path=odd)
    assert result.index == 2
    assert changes(ODD, result.text) == [("insert", [], ["answered = 2024-03-29\r\n"])]
    assert '\r\nperiod = "2w"\r\nanswered = 2024-03-29\r\nsent=2024-03-14\r\n' in result.text


def test_force_replaces_only_the_value_and_keeps_the_comment(run: Run, odd: Path) -> None:
    code, _, err = run("answer", "odd", "r-2", str(odd), "--on", "2024-03-21", "--force")
    assert code == 0, err
    assert "requests[1] `r-2` answered = 2024-03-21 (was 2024-03-20)" in err
    after = odd.read_bytes().decode("utf-8")
    assert changes(ODD, after) == [
        (
            "replace",
            ["answered = 2024-03-20 # replied early\r\n"],
            ["answered = 2024-03-21 # replied early\r\n"],
        )
    ]


def test_already_answered_is_refused_and_nothing_written(run: Run, odd: Path) -> None:
    code, _, err = run("answer", "odd", "r-2", str(odd), "--on", "2024-03-21")
    assert code == 1
    assert "`r-2` is already answered (2024-03-20)" in err
    assert "--force" in err
    assert odd.read_bytes() == ODD.encode("utf-8")


def test_force_with_the_same_date_writes_nothing(run: Run, odd: Path) -> None:
    mtime = odd.stat().st_mtime_ns
    code, _, err = run("answer", "odd", "r-2", str(odd), "--on", "2024-03-20", "--force")
    assert code == 0, err
    assert "nothing to change" in err
    assert odd.read_bytes() == ODD.encode("utf-8")
    assert odd.stat().st_mtime_ns == mtime


def test_answered_before_sent_is_refused_and_the_file_is_byte_identical(
    run: Run, odd: Path
) -> None:
    code, _, err = run("answer", "odd", "r-1", str(odd), "--on", "2024-03-13")
    assert code == 1
    assert "nothing was written" in err
    assert "`answered` (2024-03-13) is before `sent` (2024-03-14) [E301]" in err
    assert odd.read_bytes() == ODD.encode("utf-8")


def test_unknown_id_lists_the_ids_of_the_file(run: Run, odd: Path) -> None:
    code, _, err = run("answer", "odd", "r-9", str(odd), "--on", "2024-04-04")
    assert code == 2
    assert "no request with id 'r-9'" in err
    assert "ids in this file: r-1, r-2, r-3" in err
    assert odd.read_bytes() == ODD.encode("utf-8")


def test_unknown_platform_is_a_usage_error(run: Run, odd: Path) -> None:
    code, _, err = run("answer", "nobody", "r-1", str(odd), "--on", "2024-04-04")
    assert code == 2
    assert "no case file for platform 'nobody'" in err


def test_a_file_with_errors_is_refused_with_its_findings(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    text = '[platform]\nname = "Broken"\n\n[[requests]]\nid = "a"\nsent = 2024-03-14\n'
    broken.write_text(text)
    code, _, err = run("answer", "Broken", "a", str(broken), "--on", "2024-04-04")
    assert code == 1
    assert "has errors, so it cannot be edited safely" in err
    assert "platform.provider: missing required key `provider`" in err
    assert broken.read_text() == text


def test_on_defaults_to_today_in_brussels(
    run: Run, odd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dsactl.law.dates.today_brussels", lambda: date(2024, 4, 2))
    code, _, err = run("answer", "odd", "r-1", str(odd))
    assert code == 0, err
    assert tomllib.loads(odd.read_text())["requests"][0]["answered"] == date(2024, 4, 2)


def test_a_file_changed_between_read_and_write_is_not_overwritten(
    run: Run, odd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit = writers.record_answer
    concurrent = ODD.replace("# due date", "# edited meanwhile").encode("utf-8")

    def and_someone_edits(*args: object, **kwargs: object) -> writers.Answer:
        result = edit(*args, **kwargs)  # type: ignore[arg-type]
        odd.write_bytes(concurrent)
        return result

    monkeypatch.setattr(writers, "record_answer", and_someone_edits)
    code, _, err = run("answer", "odd", "r-1", str(odd), "--on", "2024-04-04")
    assert code == 1
    assert "changed on disk since it was read; nothing was written" in err
    assert odd.read_bytes() == concurrent
    assert sorted(p.name for p in odd.parent.iterdir()) == ["odd.toml"]


def test_permissions_are_kept(run: Run, odd: Path) -> None:
    odd.chmod(0o640)
    code, _, err = run("answer", "odd", "r-1", str(odd), "--on", "2024-04-04")
    assert code == 0, err
    assert odd.stat().st_mode & 0o777 == 0o640


# -- answer: other shapes -------------------------------------------------------------------


def test_inline_tables_change_one_line(tmp_path: Path) -> None:
    path = tmp_path / "inline.toml"
    first = record_answer(INLINE, "a", date(2024, 4, 4), path=path)
    assert changes(INLINE, first.text) == [
        (
            "replace",
            ['  { id = "a", subject = "s", sent = 2024-03-14, due = 2024-04-05, source = "x" },\n'],
            [
                '  { id = "a", subject = "s", sent = 2024-03-14, due = 2024-04-05, '
                'answered = 2024-04-04, source = "x" },\n'
            ],
        )
    ]
    # No `due`: after `period`; tomlkit separates with ", " and copies `=` without spaces.
    second = record_answer(first.text, "b", date(2024, 3, 20), path=path)
    assert changes(first.text, second.text) == [
        (
            "replace",
            ['  {id="b",subject="s",sent=2024-03-14,period="2w"},\n'],
            ['  {id="b",subject="s",sent=2024-03-14,period="2w", answered=2024-03-20},\n'],
        )
    ]
    # The space before `}` stays before `}` (tomlkit alone would drop it).
    third = record_answer(second.text, "c", date(2024, 4, 5), path=path)
    assert changes(second.text, third.text) == [
        (
            "replace",
            ['  { id = "c", subject = "s", source = "x", sent = 2024-03-14, due = 2024-04-05 },\n'],
            [
                '  { id = "c", subject = "s", source = "x", sent = 2024-03-14, due = 2024-04-05, '
                "answered = 2024-04-05 },\n"
            ],
        )
    ]
    path.write_text(third.text)
    docket = load_docket([path], AS_OF)
    assert docket.errors == []
    answered = [r.answered for r in docket.cases[0].requests]
    assert answered == [date(2024, 4, 4), date(2024, 3, 20), date(2024, 4, 5)]


def test_last_line_without_line_end_gains_one(tmp_path: Path) -> None:
    text = (
        '[platform]\r\nname = "P"\r\nprovider = "P"\r\n\r\n'
        '[[requests]]\r\nid = "a"\r\nsubject = "s"\r\nsource = "x"\r\nsent = 2024-03-14\r\n'
        "due = 2024-04-05"
    )
    result = record_answer(text, "a", date(2024, 4, 4), path=tmp_path / "p.toml")
    # The file's line end (CRLF) after the old last line, and none after the new one.
    assert result.text == text + "\r\nanswered = 2024-04-04"


def test_requests_split_by_another_table_get_the_line_after_due(tmp_path: Path) -> None:
    request = 'id = "{}"\nsubject = "s"\nsent = 2024-03-14\ndue = 2024-04-05\nsource = "x"\n'
    head = "[[requests]]\n" + request.format("a") + '\n[platform]\nname = "S"\nprovider = "S"\n\n'
    text = head + "[[requests]]\n" + request.format("b")
    result = record_answer(text, "b", date(2024, 4, 4), path=tmp_path / "s.toml")
    # tomlkit renders this file with the tables reordered; the edit still lands in place.
    answered_b = request.format("b").replace("2024-04-05\n", "2024-04-05\nanswered = 2024-04-04\n")
    assert result.text == head + "[[requests]]\n" + answered_b


def test_only_line_feeds_end_lines(tmp_path: Path) -> None:
    # U+2028 and U+0085 are line breaks to str.splitlines, not to TOML: still one line added.
    text = INLINE.replace('subject = "s", sent', 'subject = "s\u2028\x85", sent', 1)
    result = record_answer(text, "a", date(2024, 4, 4), path=tmp_path / "u.toml")
    old, new = text.split("\n"), result.text.split("\n")
    assert len(new) == len(old)
    assert [i for i, (o, n) in enumerate(zip(old, new, strict=True)) if o != n] == [1]


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    text = "\ufeff" + INLINE
    result = record_answer(text, "a", date(2024, 4, 4), path=tmp_path / "b.toml")
    assert result.text.startswith("\ufeffrequests = [\n")
    assert len(changes(text, result.text)) == 1


def test_core_errors_are_typed(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    with pytest.raises(UsageError, match="this file has no"):
        record_answer('[platform]\nname = "P"\nprovider = "P"\n', "a", AS_OF, path=path)
    with pytest.raises(DataError, match="already answered"):
        record_answer(ODD, "r-2", date(2024, 3, 21), path=path)


# -- new --------------------------------------------------------------------------------------


def test_new_to_stdout_passes_check(run: Run, tmp_path: Path) -> None:
    code, out, err = run("new", "Example", "--provider", "Example Ltd", "--kind", "vlose")
    assert code == 0, err
    assert out.startswith("#:schema ../schema/case-file.schema.json\n")
    assert "# [[requests]]\n" in out
    assert "note:" not in err
    doc = tomllib.loads(out)
    # The examples are comments: only [platform] is data; --kind is matched case-insensitively.
    assert doc == {"platform": {"name": "Example", "provider": "Example Ltd", "kind": "VLOSE"}}
    path = tmp_path / "example.toml"
    path.write_text(out)
    docket = load_docket([path], AS_OF)
    assert docket.findings == []


def test_new_writes_a_file_and_refuses_to_overwrite_it(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "cases" / "x.toml"
    path.parent.mkdir()
    code, out, err = run("new", "X", "--designated", "2023-04-25", "-o", str(path))
    assert code == 0, err
    assert out == ""
    assert f"wrote {path}" in err
    assert "no --provider given" in err
    assert tomllib.loads(path.read_text())["platform"] == {
        "name": "X",
        "provider": "X",
        "designated": date(2023, 4, 25),
    }
    assert load_docket([path], AS_OF).errors == []
    assert run("check", str(path.parent))[0] == 0
    written = path.read_bytes()
    code, _, err = run("new", "Y", "-o", str(path))
    assert code == 2
    assert "file exists; refusing to overwrite it" in err
    assert path.read_bytes() == written


def test_new_rejects_bad_values(run: Run) -> None:
    assert run("new", "X", "--kind", "VLOPE")[0] == 2
    assert run("new", "X", "--designated", "25/04/2023")[0] == 2
    code, _, err = run("new", "  ")
    assert code == 2
    assert "PLATFORM: must not be empty" in err


@given(st.text(min_size=1).filter(lambda s: s.strip()))
def test_new_round_trips_any_name(name: str) -> None:
    # Quotes, backslashes, control characters, unicode: tomli-w escapes, tomllib reads back.
    text = new_case(name, name + " Ltd")
    assert tomllib.loads(text)["platform"] == {"name": name, "provider": name + " Ltd"}
    assert [f for f in writers.validate_text(text, Path("n.toml")) if f.is_error] == []


def test_new_names_with_quotes_and_backslashes_pass_load_docket(tmp_path: Path) -> None:
    for index, name in enumerate(['Q"uote', "back\\slash", "Ünïcödé 平台", "tab\there"]):
        path = tmp_path / f"{index}.toml"
        path.write_text(new_case(name, "Provider"), encoding="utf-8")
        docket = load_docket([path], AS_OF)
        assert docket.errors == []
        assert docket.cases[0].platform.name == name


def test_an_edit_that_changes_more_than_one_line_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A guard against a wrong edit: the right value, but a second line changed too.
    def sloppy(
        text: str, index: int, request: object, day: date, path: Path, quick: bool = False
    ) -> str:
        return text.replace("due = 2024-04-05, ", f"due = 2024-04-05, answered = {day}, ", 1) + "\n"

    monkeypatch.setattr(writers, "_edit", sloppy)
    with pytest.raises(DataError, match="without changing more than one line"):
        record_answer(INLINE, "a", date(2024, 4, 4), path=tmp_path / "i.toml")


# Any JSON value (and NaN and infinities, which are not JSON and take the slow way).
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(_JSON)
def test_json_is_written_as_json_dumps_writes_it(value: object) -> None:
    # to_json indents the C encoder's compact text with msgspec: the same text, sooner.
    import json

    from dsactl.render.structured import _pretty

    assert _pretty(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_json_with_a_lone_surrogate_is_written_as_json_dumps_writes_it() -> None:
    # A file name's undecodable byte is a lone surrogate in Python (b"x\xff" -> "x\udcff"):
    # hypothesis's text() never draws one. msgspec cannot encode it (UnicodeEncodeError, not
    # a DecodeError): _pretty must take the slow way, as for NaN, and give json.dumps's text.
    import json

    from dsactl.render.structured import _pretty, json_array_chunks, to_json

    value = {"file": "cases/x\udcff.toml", "notes": ["\ud800"]}
    assert _pretty(value) == json.dumps(value, indent=2, ensure_ascii=False)
    expected = '{\n  "file": "cases/x\udcff.toml",\n  "notes": [\n    "\ud800"\n  ]\n}'
    assert _pretty(value) == expected
    assert "".join(json_array_chunks([value])) == to_json([value])


@pytest.mark.parametrize("items", [3, 600])
def test_small_and_large_json_documents_are_written_alike(items: int) -> None:
    # to_json indents a document shorter than SMALL (compact) with json.dumps itself, and a
    # longer one with _pretty: the text is json.dumps's either way. Each item is 15
    # characters with its quotes and 2 more with ", ": 3 items make 62 compact characters
    # with '{"items": [' and ']}', 600 make 10 211, over SMALL (4 096).
    import json

    from dsactl.render.structured import SMALL, to_json

    document = {"items": [f"item {n:08d}" for n in range(items)]}
    compact = len(json.dumps(document, ensure_ascii=False))
    assert (compact < SMALL) == (items == 3)
    assert to_json(document) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
