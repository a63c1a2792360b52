"""The JSON format: the checks that lose nothing, the locator, the incremental reader."""

from __future__ import annotations

import io
import json
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import communique as cq
import jsontree
from communique.formats import json as json_format

keys = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)
objects = st.dictionaries(keys, values, min_size=1, max_size=5)


@given(values, st.booleans(), st.booleans())
def test_loads_reads_what_any_writer_wrote(value: Any, indent: bool, ascii_only: bool) -> None:
    text = json.dumps(value, indent=2 if indent else None, ensure_ascii=ascii_only)
    assert json_format.loads(text) == value
    assert json_format.loads(text.encode("utf-8")) == json.loads(text)


@given(objects, st.data())
def test_a_repeated_key_is_always_found(value: dict[str, Any], data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(sorted(value)))
    members = [f"{json.dumps(k)}: {json.dumps(v)}" for k, v in value.items()]
    repeated = (
        f"{json.dumps(key, ensure_ascii=data.draw(st.booleans()))}: {json.dumps(data.draw(values))}"
    )
    members.insert(data.draw(st.integers(0, len(members))), repeated)
    text = "{" + ", ".join(members) + "}"
    with pytest.raises(cq.ParseError) as info:
        json_format.loads(text)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("duplicate-key", json_format.path_text((key,)))
    ]


@settings(max_examples=60)
@given(values)
def test_locate_finds_every_value(value: Any) -> None:
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    lines = text.decode("utf-8").split("\n")
    for path in jsontree.paths(value):
        where = json_format.locate(text, path)
        assert where is not None
        line, column = where
        written = lines[line - 1][column - 1 :]
        step = path[-1]
        # A key is found where it is written; an element where its value starts.
        expected = orjson.dumps(step).decode() if isinstance(step, str) else None
        if expected is not None:
            assert written.startswith(expected)
        else:
            target: Any = value
            for s in path:
                target = target[s]
            first = orjson.dumps(target).decode()[0]
            assert written.startswith(first)


@given(values)
def test_value_end_finds_the_end_and_sees_what_is_cut(value: Any) -> None:
    text = orjson.dumps(value)
    assert json_format.value_end(text + b" , [1]", 0) == len(text)
    if text[:1] in (b"[", b"{", b'"'):
        for cut in range(1, len(text)):
            assert json_format.value_end(text[:cut], 0) == -1


def test_locate_names_lines_and_columns_in_characters() -> None:
    text = '{"a": {"é": [10, {"b": 1}]},\n "c": 2}'.encode()
    assert json_format.locate(text, ("a", "é", 1, "b")) == (1, 19)
    assert json_format.locate(text, ("c",)) == (2, 2)
    # A path that goes further than the text: the deepest part that exists.
    assert json_format.locate(text, ("a", "x")) == (1, 7)
    assert json_format.locate(text, ("c",), occurrence=2) == (1, 1)


def test_suspicious_but_innocent_text_loads_unchanged() -> None:
    # Long digit runs, three-digit exponents and escaped colons set off the exact check.
    value = {
        "id": "event:e1004",
        "phone": "12345678901234567890",
        "n": 1e100,
        "m": 1234567890123456789,
        "a:b": "c\u003ad",
        "tiny": 5e-324,
    }
    text = json.dumps(value)
    assert "\\u003a" not in text  # json writes ':' as it is: add an escape by hand
    assert json_format.loads(text.replace('"c:d"', '"c\\u003ad"')) == value


def test_escaped_colons_do_not_hide_a_repeated_key() -> None:
    with pytest.raises(cq.ParseError, match="duplicate key 'a:b'"):
        json_format.loads('{"a:b": 1, "a\\u003ab": 2}')


def test_several_problems_are_reported_in_order() -> None:
    text = '{"a": [1e-400, 99999999999999999999],\n "b": {"c": 1, "c": 2}, "d": 0, "d": 1}'
    with pytest.raises(cq.ParseError) as info:
        json_format.loads(text)
    assert [str(p) for p in info.value.problems] == [
        "<data>:1:8: $.a[0]: the number 1e-400 is too small for a 64-bit float: it would be 0",
        "<data>:1:16: $.a[1]: the integer 99999999999999999999 does not fit in 64 bits",
        "<data>:2:16: $.b.c: duplicate key 'c' (first at line 2, column 8)",
        "<data>:2:33: $.d: duplicate key 'd' (first at line 2, column 25)",
    ]


def test_problems_say_what_was_expected_and_what_was_found() -> None:
    with pytest.raises(cq.ParseError) as info:
        json_format.loads('{"n": 18446744073709551616, "k": 1, "k": 2}')
    assert [(p.expected, p.found) for p in info.value.problems] == [
        ("a number that fits in 64 bits", "18446744073709551616"),
        ("each key once in an object", "'k' again"),
    ]


def test_origin_moves_every_position() -> None:
    with pytest.raises(cq.ParseError) as info:
        json_format.loads('{"a": 1,\n "a": 2}', file="f.json", origin=(10, 5))
    assert [str(p) for p in info.value.problems] == [
        "f.json:11:2: $.a: duplicate key 'a' (first at line 10, column 6)"
    ]


def read(text: bytes, chunk: int = 3, limit: int = 1000) -> tuple[list[Any], Any]:
    """Every element, with the line and column of its start while it is current."""
    reader = json_format.DocumentReader(io.BytesIO(text), file=None, max_item_bytes=limit)
    reader.chunk_size = chunk  # type: ignore[misc]
    items = [(*item, reader.position(item[2])) for item in reader]
    return items, reader


def test_document_reader_yields_elements_with_their_places() -> None:
    text = (
        b'{"x": [1, {"y": "]"}],\n "entities": [ {"a": 1} ,\n\t"\xc3\xa9" ], "communique": "1.0"}'
    )
    items, reader = read(text)
    assert items == [
        (0, b'{"a": 1}', 38, {"a": 1}, (2, 16)),
        (1, '"é"'.encode(), 50, "é", (3, 2)),
    ]
    assert reader.fields == {"x": [1, {"y": "]"}], "entities": [], "communique": "1.0"}
    assert reader.places == {
        (): (1, 1),
        ("x",): (1, 2),
        ("entities",): (2, 2),
        ("communique",): (3, 9),
    }
    assert reader.problems == []


@pytest.mark.parametrize("chunk", [1, 2, 7, 64, 1 << 20])
@pytest.mark.parametrize("indent", [None, 2, 4, "\t"])
def test_document_reader_agrees_with_a_whole_parse_in_any_layout(
    chunk: int, indent: int | str | None
) -> None:
    # Pretty-printed, compact, or one element a line: the layout guess and the
    # scan must find the same elements.
    elements: list[Any] = [
        {"a": {"b": [1, {"c": "}\n    }"}]}, "d": "\\"},
        {"e": []},
        {},
        [{"f": 1}],
        "x",
    ]
    text = json.dumps({"communique": "1.0", "entities": elements}, indent=indent).encode()
    items, _ = read(text, chunk=chunk)
    assert [value for _, _, _, value, _ in items] == elements
    one_a_line = (
        b'{"entities": [\n' + b",\n".join(json.dumps(e).encode() for e in elements) + b"\n]}"
    )
    items, _ = read(one_a_line, chunk=chunk)
    assert [value for _, _, _, value, _ in items] == elements
    assert [where for _, _, _, _, where in items] == [(2, 1), (3, 1), (4, 1), (5, 1), (6, 1)]


def test_document_reader_hands_on_the_parse_error_of_an_element() -> None:
    items, _ = read(b'{"entities": [\n  {"a": 1,\n   "a": 2},\n  [1,\n  2}\n]}')
    errors = [value for _, _, _, value, _ in items]
    assert [str(e) for e in errors] == [
        "<data>:3:4: $.a: duplicate key 'a' (first at line 2, column 4)",
        "<data>:5:4: $: not valid JSON: unexpected character, expected ',' or ']'",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"", "<data>:1:1: $: not valid JSON: the file is empty"),
        (b'{"a" 1}', "<data>:1:6: $: not valid JSON: expected ':', found '1'"),
        (b'{"a": 1 "b": 2}', "<data>:1:9: $: not valid JSON: expected ',' or '}', found '\"'"),
        (b"{a: 1}", "<data>:1:2: $: not valid JSON: expected a key in quotes, found 'a'"),
        (b'{"entities": [1 2]}', "<data>:1:17: $: not valid JSON: expected ',' or ']', found '2'"),
        (b'{"entities": [1,,2]}', "<data>:1:17: $: not valid JSON: expected a value, found ','"),
        (b'{"entities": []} x', "<data>:1:18: $: not valid JSON: trailing characters, found 'x'"),
        # The reader hands the cut string on as it is; the parser refuses it after.
        (
            b'{"entities": ["abc',
            "<data>:1:19: $: not valid JSON: expected ',' or ']', found the end of the file",
        ),
    ],
)
def test_document_reader_says_what_is_wrong_and_where(text: bytes, message: str) -> None:
    with pytest.raises(cq.ParseError) as info:
        read(text)
    assert str(info.value) == message


def test_document_reader_holds_no_value_longer_than_the_limit() -> None:
    text = b'{"entities": [' + b'"' + b"x" * 100 + b'"]}'
    with pytest.raises(cq.ParseError, match=r"a value longer than 50 bytes; raise max_line_bytes"):
        read(text, chunk=8, limit=50)
    items, _ = read(text, chunk=8, limit=102)
    assert [len(t) for _, t, _, _, _ in items] == [102]


def test_the_exact_check_never_sees_what_orjson_refused() -> None:
    # The standard library reads "\ud800" as a lone surrogate, which no UTF-8 can
    # write; orjson refuses it, and orjson reads first: the repeated key here
    # would send the text to the exact check, but it never gets there.
    assert json.loads('["\\ud800"]') == ["\ud800"]
    with pytest.raises(cq.ParseError) as info:
        json_format.loads('{"a": 1, "a": "\\ud800"}')
    assert [str(p) for p in info.value.problems] == [
        "<data>:1:16: $: not valid JSON: no low surrogate in string"
    ]


def _many(texts: list[bytes]) -> list[Any]:
    return json_format.loads_many(
        texts, file="f.jsonl", origins=[(n, 1) for n in range(1, 1 + len(texts))]
    )


@settings(max_examples=60)
@given(st.lists(objects, min_size=1, max_size=6), st.booleans(), st.data())
def test_loads_many_finds_what_loads_finds_on_each_text(
    items: list[dict[str, Any]], compact: bool, data: st.DataObject
) -> None:
    # Canonical lines (as orjson writes them) and others, with one key repeated in
    # one of them or in none: each text gives what loads gives it alone.
    texts = [
        orjson.dumps(v) if compact else json.dumps(v, ensure_ascii=False).encode() for v in items
    ]
    spoilt = data.draw(st.integers(-1, len(texts) - 1))
    if spoilt >= 0:
        key = sorted(items[spoilt])[0]
        texts[spoilt] = texts[spoilt][:-1] + b", " + json.dumps(key).encode() + b": 0}"
    out = _many(texts)
    for number, (text, got) in enumerate(zip(texts, out, strict=True), start=1):
        if number - 1 == spoilt:
            assert isinstance(got, cq.ParseError)
            assert [(p.code, p.file, p.line) for p in got.problems] == [
                ("duplicate-key", "f.jsonl", number)
            ]
        else:
            assert got == json_format.loads(text)


def test_loads_many_places_each_problem_on_its_own_text() -> None:
    texts = [b'{"a": 1}', b'{"a": 1, "a": 2}', b"[1, 2", b'{"n": 1e999}', b'{"b": "c\\u003ad"}']
    out = _many(texts)
    assert out[0] == {"a": 1}
    assert out[4] == {"b": "c:d"}
    located = [[(p.code, p.line, p.column) for p in got.problems] for got in out[1:4]]
    assert located == [
        [("duplicate-key", 2, 10)],
        [("syntax", 3, 6)],
        [("number-out-of-range", 4, 7)],  # where the number starts
    ]


def test_an_escaped_colon_in_one_text_does_not_hide_a_dropped_key_in_another() -> None:
    # The colons of the whole batch balance (one escaped, one key dropped); the
    # escape alone sends every text to its own check.
    out = _many([b'{"a":"x\\u003ay"}', b'{"b":1,"b":2}'])
    assert out[0] == {"a": "x:y"}
    assert isinstance(out[1], cq.ParseError)
    assert out[1].problems[0].code == "duplicate-key"


@pytest.mark.parametrize(
    ("member", "code"),
    [
        ('"name": "twice"', "duplicate-key"),
        ('"count": 123456789012345678901', "number-out-of-range"),
    ],
)
def test_an_element_as_dump_writes_it_is_checked_like_any_other(member: str, code: str) -> None:
    # Elements laid out as cq.dump lays them out are checked by writing them back;
    # a member added in the same layout must still be found, on its line.
    record = cq.Record(
        [cq.Organization(id=f"org:o{n}", name=f"O{n}", acronym="O") for n in range(3)]
    )
    text = cq.dumps(record).encode()
    lines = text.split(b"\n")
    at = lines.index(b'      "name": "O1",')
    lines.insert(at + 1, b"      " + member.encode() + b",")
    items, _ = read(b"\n".join(lines), chunk=1 << 20)
    values = [value for _, _, _, value, _ in items]
    assert [values[0]["id"], values[2]["id"]] == ["org:o0", "org:o2"]
    assert isinstance(values[1], cq.ParseError)
    assert [(p.code, p.line) for p in values[1].problems] == [(code, at + 2)]
