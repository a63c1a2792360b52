"""Decoding JSON straight into entities takes exactly what parsing and the
converter take, and gives the same entities; anything else it leaves to them."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import attrs
import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

import communique as cq
import communique.testing
import downstream
import jsontree
from communique import _lossless
from communique.converter import EntityError, default_converter
from communique.formats import json as json_format

# Values a record must not take, each in place of one value of an entity.
_BAD = [None, True, 0, -1, 2**63, 2**64 + 1, 1.5, "", "x", "not an id", "2020-02-30", [], {}, ["x"]]
_LONG = ["18446744073709551616", "-9223372036854775809", "1e-400", "123456789012345678901"]


def _detailed(text: bytes, converter: cq.Converter = default_converter) -> cq.Entity | None:
    """The entity parsing and the converter make of ``text``, or ``None`` when
    they refuse it."""
    try:
        return converter.structure_entity(json_format.loads(text))
    except (cq.ParseError, EntityError):
        return None


def _same(a: object, b: object) -> bool:
    """Equal, and of the same type at every level (a term is equal to its text)."""
    if type(a) is not type(b):
        return False
    if attrs.has(type(a)):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in attrs.fields(type(a)))
    if isinstance(a, tuple | list):
        assert isinstance(b, tuple | list)
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _duplicate_first_key(text: str, value: str) -> str:
    """The text with the first key of one of its objects given again (after it)."""
    match = re.search(r'\{"([^"\\]*)":', text)
    assert match is not None
    return text[: match.end(0) - len(match.group(1)) - 3] + (
        f'{{"{match.group(1)}":{value},"{match.group(1)}":' + text[match.end(0) :]
    )


@st.composite
def _texts(draw: st.DrawFn) -> bytes:
    """An entity's JSON as communique writes it, maybe damaged in one of the ways
    text goes wrong: a value changed, an unknown key, a key given twice, a
    number too long to fit, a default spelled out, written by another writer."""
    data: dict[str, Any] = default_converter.unstructure_entity(draw(cq.testing.entities()))
    how = draw(
        st.sampled_from(
            ["none", "value", "unknown key", "duplicate", "number", "default", "other writer"]
        )
    )
    paths = [p for p in jsontree.paths(data) if p[0] != "type"]
    if how == "value" and paths:
        _set(data, draw(st.sampled_from(paths)), draw(st.sampled_from(_BAD)))
    elif how == "unknown key":
        dicts = jsontree.dict_paths(data)
        jsontree.at(data, draw(st.sampled_from(dicts)))[
            draw(st.sampled_from(["nickname", "Type"]))
        ] = 1
    elif how == "default":
        data[draw(st.sampled_from(["note", "replaces", "evidence"]))] = (
            None if draw(st.booleans()) else []
        )
    # As orjson writes it, but for integers beyond 64 bits, which it cannot write.
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    if how == "duplicate":
        text = _duplicate_first_key(text, draw(st.sampled_from(['"again"', "1", "[]"])))
    elif how == "number":
        places = [m.end() for m in re.finditer(r'(?<!\\)":', text)]
        at = draw(st.sampled_from(places))
        end = at + json.JSONDecoder().raw_decode(text[at:])[1]
        text = text[:at] + draw(st.sampled_from(_LONG)) + text[end:]
        if draw(st.booleans()):
            # Spaced as other writers space it: not written back byte for byte.
            text = re.sub(r'(?<!\\)":', '": ', text)
    elif how == "other writer":
        text = json.dumps(json.loads(text))
    return text.encode()


@settings(max_examples=120, deadline=None)
@given(st.lists(_texts(), min_size=1, max_size=4))
def test_decoding_straight_agrees_with_parsing_and_structuring(texts: list[bytes]) -> None:
    decoded = default_converter.entity_decoder().decode_all(texts)
    assert len(decoded) == len(texts)
    for text, entity in zip(texts, decoded, strict=True):
        expected = _detailed(text)
        if entity is not None:
            # What it takes, it takes as the detailed way does; never more.
            assert expected is not None, text
            assert _same(entity, expected), text


@settings(max_examples=40, deadline=None)
@given(st.lists(communique.testing.entities(), min_size=1, max_size=6))
def test_text_communique_writes_is_all_decoded_straight(entities: list[cq.Entity]) -> None:
    texts = [orjson.dumps(default_converter.json_data(e)) for e in entities]
    decoded = default_converter.entity_decoder().decode_all(texts)
    # Written back byte for byte, so taken whole, long numbers (that fit) too.
    for entity, got in zip(entities, decoded, strict=True):
        if entity.extensions:
            assert got is None  # extensions are read by the converter
            continue
        assert got is not None, texts
        assert _same(got, entity)


def _laid_out(texts: list[bytes], layout: str) -> bytes:
    """The texts as a block of JSON Lines, laid out well or in one of the ways a
    block can hold the same values on other lines."""
    if layout == "two on a line" and len(texts) > 1:
        texts = [texts[0] + b" " + texts[1], *texts[2:]]
    elif layout == "blank line":
        texts = [texts[0], b"", *texts[1:]]
    elif layout == "split":
        texts = [*texts[0].split(b":", 1), *texts[1:]]
    ending = b"\r\n" if layout == "crlf" else b"\n"
    return b"".join(text + ending for text in texts)


_WRITTEN = st.builds(
    lambda e: orjson.dumps(default_converter.json_data(e)),
    communique.testing.entities().filter(lambda e: not e.extensions),
)


@settings(max_examples=150, deadline=None)
@given(
    # Mostly text as communique writes it, which only its layout can spoil.
    st.lists(st.one_of(_WRITTEN, _WRITTEN, _texts()), min_size=1, max_size=4),
    st.sampled_from(["lines", "two on a line", "blank line", "split", "crlf"]),
)
def test_a_block_decoded_straight_agrees_with_its_lines_read_one_by_one(
    texts: list[bytes], layout: str
) -> None:
    block = _laid_out(texts, layout)
    decoded = default_converter.entity_decoder().decode_block(block)
    if decoded is None:
        return
    # Taken only one entity a line, each as the detailed way makes it of its line.
    lines = block.split(b"\n")[:-1]
    assert len(decoded) == len(lines), block
    for line, entity in zip(lines, decoded, strict=True):
        expected = _detailed(line)
        assert expected is not None, line
        assert _same(entity, expected), line


@settings(max_examples=40, deadline=None)
@given(st.lists(communique.testing.entities(), min_size=1, max_size=6))
def test_a_block_communique_writes_is_decoded_straight(entities: list[cq.Entity]) -> None:
    block = b"".join(orjson.dumps(default_converter.json_data(e)) + b"\n" for e in entities)
    decoded = default_converter.entity_decoder().decode_block(block)
    if any(e.extensions for e in entities):
        assert decoded is None  # extensions are read by the converter
        return
    assert decoded is not None, block
    assert len(decoded) == len(entities)
    assert all(_same(got, entity) for got, entity in zip(decoded, entities, strict=True))


def test_a_date_written_as_a_mapping_is_decoded_straight_and_a_bad_one_is_not() -> None:
    def text(date: str) -> bytes:
        return (
            b'{"type":"person","id":"person:a","name":"A","posts":[{"title":"Envoy",'
            b'"start":' + date.encode() + b',"end":"2021"}]}'
        )

    good = text('{"edtf":"2020-03","inferred":true,"phrase":"last March","basis":"the year"}')
    (got,) = default_converter.entity_decoder().decode_all([good])
    assert got is not None
    assert _same(got, _detailed(good))
    assert got.posts[0].start == cq.Date(
        "2020-03", inferred=True, phrase="last March", basis="the year"
    )
    for bad in (
        '{"edtf":"2020-03","inferred":true,"when":"x"}',  # a key a date does not have
        '{"edtf":"2020-03","inferred":"yes"}',  # not a boolean
        '{"edtf":"2020-13","inferred":true}',  # no such month
        '{"inferred":true,"phrase":"last March"}',  # no EDTF
        '{"edtf":"2020-03","offset":"P1M"}',  # an offset from nothing
        '{"edtf":"2020-03","phrase":null,"phrase":"x"}',  # a key given twice
    ):
        assert default_converter.entity_decoder().decode_all([text(bad)]) == [None], bad
        assert _detailed(text(bad)) is None, bad


def test_a_text_that_cannot_be_made_costs_only_itself() -> None:
    # Texts are decoded and made together; one whose object cannot be made (no
    # such month) is left to the converter, the others are still taken, in
    # place, as are those around a text that does not decode at all.
    def organization(n: int, founded: str = "2020") -> bytes:
        return (
            f'{{"type":"organization","id":"org:o{n}","name":"O","founded":"{founded}"}}'.encode()
        )

    decoder = default_converter.entity_decoder()
    got = decoder.decode_all([organization(1), organization(2, founded="2020-13"), organization(3)])
    assert [None if e is None else e.id for e in got] == ["org:o1", None, "org:o3"]
    got = decoder.decode_all([organization(1), b'{"type":"organization",', organization(3)])
    assert [None if e is None else e.id for e in got] == ["org:o1", None, "org:o3"]


def test_a_key_given_twice_is_never_taken_straight() -> None:
    text = b'{"type":"person","id":"person:a","name":"A","name":"B"}'
    assert default_converter.entity_decoder().decode_all([text]) == [None]
    assert _detailed(text) is None


def test_a_number_too_long_for_64_bits_is_never_taken_straight() -> None:
    # msgspec reads integers of any length, and writes them back the same.
    text = (
        b'{"type":"statement","id":"statement:a","kind":"remarks","speakers":["person:a"],'
        b'"attribution":"reported","amounts":[{"value":123456789012345678901,"currency":"USD"}]}'
    )
    assert _lossless.long_numbers(text)
    assert default_converter.entity_decoder().decode_all([text]) == [None]
    assert _detailed(text) is None


def test_an_amount_beyond_64_bits_in_text_written_back_the_same_is_refused() -> None:
    # Text as communique writes it (or spaced as other writers space it), but for
    # one amount or quantity written as an integer literal: the text is not
    # searched for long numbers, and the field's build refuses one.
    statement = cq.Statement(
        id="statement:a",
        kind="remarks",
        speakers=("person:a",),
        attribution="reported",
        amounts=(cq.Money(value="1", currency="USD"),),
        quantities=(cq.Quantity(value="2", unit="tonne"),),
    )
    canonical = orjson.dumps(default_converter.json_data(statement))
    decoder = default_converter.entity_decoder()
    for literal, spaced in itertools.product((b'"value":"1"', b'"value":"2"'), (False, True)):
        for number, fits in ((b"9223372036854775807", True), (b"123456789012345678901", False)):
            text = canonical.replace(literal, b'"value":' + number)
            if spaced:
                text = text.replace(b'":', b'": ')
            assert text != canonical
            (got,) = decoder.decode_all([text])
            expected = _detailed(text)
            assert (expected is not None) is fits
            assert (got is not None) is fits
            if fits:
                assert _same(got, expected)
            record = _record_text([text])
            assert (decoder.decode_record(record, cq.converter.FORMAT_VERSION) is not None) is fits


def test_one_refused_line_leaves_the_others_decoded() -> None:
    good = b'{"type":"person","id":"person:a","name":"A"}'
    bad = b'{"type":"person","id":"person:b","name":"B","nickname":"b"}'
    first, second, third = default_converter.entity_decoder().decode_all([good, bad, good])
    assert isinstance(first, cq.Person)
    assert isinstance(third, cq.Person)
    assert second is None


def test_roles_given_again_share_one_tuple_of_terms_and_unknown_ones_are_not_taken() -> None:
    texts = [
        b'{"type":"event","id":"event:%s","kind":"meeting","participants":'
        b'[{"agent":"person:a","roles":[%s]}]}' % (name, roles)
        for name, roles in [
            (b"a", b'"host","delegate"'),
            (b"b", b'"host","delegate"'),
            (b"e", b'"host","delegate"'),
            (b"c", b'"host","nonsense"'),
            (b"d", b'"host"'),
        ]
    ]
    decoded = default_converter.entity_decoder().decode_all(texts)
    first, second, third, unknown, other = decoded
    assert isinstance(first, cq.Event)
    assert isinstance(second, cq.Event)
    assert isinstance(third, cq.Event)
    assert isinstance(other, cq.Event)
    roles = first.participants[0].roles
    assert roles == ("host", "delegate")
    assert all(type(role) is cq.ParticipantRole for role in roles)
    # Once the terms are known, the tuple of them is one for every entity.
    assert third.participants[0].roles is second.participants[0].roles == roles
    assert other.participants[0].roles == ("host",)
    assert type(other.participants[0].roles[0]) is cq.ParticipantRole
    # A role the vocabulary lacks is left to the converter, which refuses it.
    assert unknown is None
    assert _detailed(texts[3]) is None
    for text, entity in zip(texts, decoded, strict=True):
        assert entity is None or _same(entity, _detailed(text))


def test_a_class_registered_later_is_decoded_straight() -> None:
    registry = cq.default_registry.child()
    converter = cq.Converter(registry)
    hearing = downstream.Hearing(id="event:h", committee="org:c", witnesses=("person:w",))
    text = orjson.dumps(downstream.CONVERTER.json_data(hearing))
    assert text.startswith(b'{"type":"test:hearing","base":"event",')
    assert converter.entity_decoder().decode_all([text]) == [None]
    registry.register(downstream.Hearing, "test:hearing")
    (entity,) = converter.entity_decoder().decode_all([text])
    assert isinstance(entity, downstream.Hearing)
    assert _same(entity, hearing)
    # A base it does not derive from is refused, as the converter refuses it.
    wrong = text.replace(b'"base":"event"', b'"base":"person"')
    assert converter.entity_decoder().decode_all([wrong]) == [None]
    assert _detailed(wrong, converter) is None


def _record_text(texts: list[bytes]) -> bytes:
    """A record document holding the entities of ``texts``, pretty-printed as
    communique writes documents."""
    entities = [json.loads(t) for t in texts]
    return json.dumps(
        {"communique": "1.0", "entities": entities}, indent=2, ensure_ascii=False
    ).encode()


def _detailed_record(raw: bytes) -> list[cq.Entity] | None:
    try:
        return list(cq.loads(raw, format="json").entities)
    except cq.LoadError:
        return None


@settings(max_examples=60, deadline=None)
@given(st.lists(_texts(), min_size=1, max_size=4))
def test_a_record_decoded_straight_agrees_with_parsing_and_structuring(texts: list[bytes]) -> None:
    try:
        raw = _record_text(texts)
    except json.JSONDecodeError:
        return  # not a JSON text: no record to make of it
    decoded = default_converter.entity_decoder().decode_record(raw, cq.converter.FORMAT_VERSION)
    if decoded is not None:
        expected = _detailed_record(raw)
        assert expected is not None, raw
        assert len(decoded) == len(expected)
        assert all(_same(a, b) for a, b in zip(decoded, expected, strict=True))


def test_a_record_communique_writes_is_decoded_straight_and_anything_else_is_not() -> None:
    record = cq.load("examples/sco_aies_roundtable/record.yaml")
    raw = cq.dumps(record, format="json").encode()
    decoder = default_converter.entity_decoder()
    decoded = decoder.decode_record(raw, cq.converter.FORMAT_VERSION)
    assert decoded is not None
    assert all(_same(a, b) for a, b in zip(decoded, record.entities, strict=True))
    assert len(decoded) == len(record.entities)
    # Another version, another member, a key given twice: the converter's to read.
    assert decoder.decode_record(raw, "0.9") is None
    assert decoder.decode_record(raw.replace(b"{", b'{"title": "x", ', 1), "1.0") is None
    twice = raw.replace(b'"entities": [', b'"entities": [], "entities": [', 1)
    assert twice != raw
    assert decoder.decode_record(twice, "1.0") is None
    assert _detailed_record(twice) is None
