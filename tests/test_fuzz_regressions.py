"""Inputs the fuzzing and the properties found that broke a loader or a round trip,
each kept as it was found, with what went wrong before it was fixed."""

from __future__ import annotations

import pytest

import communique as cq


def test_lone_surrogate_in_yaml_text() -> None:
    # Was: UnicodeEncodeError from the YAML parser, for text given as str.
    text = 'communique: "1.0"\nentities:\n- {type: person, id: "person:x", name: "a\ud800"}\n'
    with pytest.raises(
        cq.ParseError, match=r"<data>:3:\d+: \$: the text holds a lone surrogate \(U\+D800\)"
    ):
        cq.loads(text, "yaml")


def test_yaml_integer_longer_than_python_reads() -> None:
    # Was: ValueError ("Exceeds the limit (4300 digits) for integer string conversion").
    text = 'communique: "1.0"\nentities: []\nx: ' + "9" * 4301 + "\n"
    with pytest.raises(
        cq.ParseError,
        match=r"<data>:3:4: \$: the integer 9{20}\.\.\.\(4301 characters\) does not fit",
    ):
        cq.loads(text, "yaml")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_non_finite_extension_value(value: str) -> None:
    # Was: loaded; NaN made the record unequal to itself after a round trip, and
    # JSON wrote NaN and infinities as null.
    text = f'communique: "1.0"\nentities:\n- {{type: person, id: "person:x", name: X, "x-a:b": {value}}}\n'
    # The YAML reader refuses it where it stands, before any entity is made.
    with pytest.raises(
        cq.ParseError, match=r"<data>:3:52: \$: -?\.(nan|inf) is not a finite number"
    ):
        cq.loads(text, "yaml")


def test_extension_integer_beyond_64_bits() -> None:
    # Was: loaded from YAML, then dumping the record as JSON raised orjson's
    # "Integer exceeds 64-bit range".
    text = 'communique: "1.0"\nentities:\n- {type: person, id: "person:x", name: X, "x-a:b": [18446744073709551616]}\n'
    with pytest.raises(cq.ParseError, match="18446744073709551616 does not fit in 64 bits"):
        cq.loads(text, "yaml")


def test_equal_extension_mappings_dump_the_same() -> None:
    # Was: two equal records whose extension mappings were built in different
    # orders dumped to different bytes.
    one = cq.Person(
        id="person:x", name="X", extensions={"x-a:b": {"k": 1, "j": [{"z": 0, "a": 1}]}}
    )
    two = cq.Person(
        id="person:x", name="X", extensions={"x-a:b": {"j": [{"a": 1, "z": 0}], "k": 1}}
    )
    assert one == two
    for fmt in cq.FORMATS:
        assert cq.dumps(cq.Record([one]), fmt) == cq.dumps(cq.Record([two]), fmt)


def test_plain_merge_key() -> None:
    # Was: reported as an unknown field '<<' and a missing name, hiding what the
    # writer meant.
    text = 'communique: "1.0"\nentities:\n- {<<: {name: X}, type: person, id: "person:x"}\n'
    with pytest.raises(cq.ParseError, match=r"<data>:3:4: \$: merge keys \(<<\) are not allowed"):
        cq.loads(text, "yaml")


def test_lone_surrogate_in_json_lines_text() -> None:
    # Was: UnicodeEncodeError when JSON Lines given as str was encoded to be split
    # into lines. Found by the atheris harness.
    text = '{"type": "person", "id": "person:x", "name": "X"}\n{"type": "person", "id": "person:x\udcff"}\n'
    with pytest.raises(
        cq.ParseError, match=r"<data>:2:\d+: \$: the text holds a lone surrogate \(U\+DCFF\)"
    ):
        cq.loads(text, "jsonl")


def test_yaml_mapping_as_a_key() -> None:
    # Was: AttributeError ("'MappingNode' object has no attribute 'style'") from the
    # check for merge keys. Found by the atheris harness.
    text = 'communique: "1.0"\nentities:\n- type: person\n  ? {basis: x}\n  : 1\n'
    with pytest.raises(cq.ParseError, match=r"<data>:4:5: \$: keys must be text, found a mapping"):
        cq.loads(text, "yaml")


def test_text_key_that_looks_like_a_merge_key() -> None:
    # Was: a mapping with the text key "<<" in an extension value was dumped as a
    # plain << and refused as a merge key when loaded back. Found by the long
    # property run (test_loads_dumps_round_trip_and_stable_output).
    record = cq.Record([cq.Person(id="person:x", name="X", extensions={"x-a:b": {"<<": 1}})])
    assert cq.loads(cq.dumps(record, "yaml"), "yaml") == record


@pytest.mark.parametrize(
    ("key", "path"),
    [("a[]", "$.a[]"), ("[x]", "$.[x]"), ("a[0", "$.a[0")],
)
def test_unknown_field_with_brackets_in_its_name(key: str, path: str) -> None:
    # Was: ValueError from turning the problem's path back into steps, for a key
    # with brackets in it. Found by the atheris harness.
    text = (
        f'communique: "1.0"\nentities:\n- {{type: person, id: "person:x", name: X, "{key}": 1}}\n'
    )
    with pytest.raises(cq.StructureError) as info:
        cq.loads(text, "yaml")
    problem = info.value.problems[0]
    assert (problem.code, problem.path, problem.line) == ("unknown-field", path, 3)
    assert f"unknown field {key!r} for type 'person'" in problem.message
