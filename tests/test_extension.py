"""Downstream subclasses, extension values and unknown types, through every format."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import communique as cq
import downstream
from communique.converter import EntityError
from communique.extension import ORIGINAL, kept_fields, not_carried, original_type
from communique.formats import json as json_format
from communique.formats import yaml as yaml_format
from communique.registry import Registry
from communique.testing import extensions
from downstream import TAG, Hearing


@attrs.frozen(kw_only=True)
class FollowUp(Hearing):
    follows: str | None = attrs.field(default=None, metadata=cq.refs(TAG))


REGISTRY = downstream.REGISTRY.child()
REGISTRY.register(FollowUp, "ext-test:follow-up")
CONVERTER = cq.Converter(REGISTRY)


def core_registry() -> Registry:
    """A registry of the library's own types alone, as an older reader has."""
    registry = Registry()
    for cls in (
        cq.Person,
        cq.Organization,
        cq.State,
        cq.Group,
        cq.Membership,
        cq.Event,
        cq.Statement,
        cq.Proposal,
        cq.Document,
        cq.Source,
    ):
        registry.register(cls, cls.tag, core=True)
    return registry


def mixed_record() -> cq.Record:
    return cq.Record(
        [
            cq.Organization(id="org:committee", name="Foreign Affairs Committee"),
            cq.Person(id="person:witness", name="A Witness"),
            Hearing(
                id="event:hearing",
                title="Hearing on the SCO",
                date=cq.Date("2020-03-04"),
                committee="org:committee",
                witnesses=("person:witness",),
                extensions={"x-monitor:stream": {"url": "https://example.org/1", "minutes": 95}},
            ),
            FollowUp(
                id="event:follow-up",
                committee="org:committee",
                follows="event:hearing",
                note="continued",
            ),
            cq.Event(id="event:plain", kind=cq.EventKind("meeting")),
        ]
    )


def typed(value: object) -> object:
    """A value with the type of every scalar kept: ``True`` and ``1`` differ."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


# -- subclasses ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", cq.FORMATS)
def test_a_mixed_record_round_trips_in_every_format(fmt: str) -> None:
    record = mixed_record()
    text = cq.dumps(record, fmt, converter=CONVERTER)
    again = cq.loads(text, fmt, converter=CONVERTER)
    assert again == record
    assert [type(e) for e in again] == [type(e) for e in record]
    assert cq.dumps(again, fmt, converter=CONVERTER) == text


@pytest.mark.parametrize("fmt", cq.FORMATS)
def test_every_loader_produces_the_subclass(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"record.{fmt}"
    cq.dump(mixed_record(), path, converter=CONVERTER)
    record = cq.load(path, converter=CONVERTER)
    assert type(record.get("event:follow-up")) is FollowUp
    streamed = list(cq.iter_load(path, converter=CONVERTER))
    assert [type(e).__name__ for e in streamed] == [
        "Organization",
        "Person",
        "Hearing",
        "FollowUp",
        "Event",
    ]


def test_dumps_write_the_tag_the_base_and_every_field() -> None:
    [hearing, follow_up] = [
        json.loads(line)
        for line in cq.dumps(mixed_record(), "jsonl", converter=CONVERTER).splitlines()[2:4]
    ]
    assert hearing == {
        "type": "test:hearing",
        "base": "event",
        "id": "event:hearing",
        "kind": "test:hearing",
        "title": "Hearing on the SCO",
        "date": "2020-03-04",
        "committee": "org:committee",
        "witnesses": ["person:witness"],
        "x-monitor:stream": {"url": "https://example.org/1", "minutes": 95},
    }
    assert list(follow_up) == ["type", "base", "id", "kind", "committee", "follows", "note"]
    assert follow_up["base"] == ["test:hearing", "event"]


def test_queries_of_the_base_type_return_the_subclasses() -> None:
    record = mixed_record()
    assert record.events.ids() == ["event:hearing", "event:follow-up", "event:plain"]
    assert record.of_type(Hearing).ids() == ["event:hearing", "event:follow-up"]
    assert record.of_type(FollowUp).ids() == ["event:follow-up"]


def test_hooks_are_made_per_class_not_inherited_from_the_base() -> None:
    # The base's hooks are made first: a hook registered for a base class would
    # catch the subclasses, drop their fields and write the base's tag.
    converter = cq.Converter(REGISTRY)
    event = cq.Event(id="event:plain", kind=cq.EventKind("meeting"))
    assert converter.unstructure_entity(event) == {
        "type": "event",
        "id": "event:plain",
        "kind": "meeting",
    }
    assert type(converter.structure_entity(converter.unstructure_entity(event))) is cq.Event
    hearing = Hearing(id="event:h", committee="org:c")
    data = converter.unstructure_entity(hearing)
    assert (data["type"], data["committee"]) == ("test:hearing", "org:c")
    assert converter.structure_entity(data) == hearing


def test_a_class_registered_after_the_converter_was_made_is_found() -> None:
    registry = cq.default_registry.child()
    converter = cq.Converter(registry)

    @attrs.frozen(kw_only=True)
    class Late(cq.Statement):
        confidence: float = 1.0

    data = {
        "type": "ext-test:late",
        "base": "statement",
        "id": "statement:l",
        "kind": "remarks",
        "speakers": ["person:x"],
        "attribution": "reported",
        "confidence": 0.5,
    }
    with pytest.raises(EntityError):
        converter.structure_entity(data)
    registry.register(Late, "ext-test:late")
    late = converter.structure_entity(data)
    assert isinstance(late, Late)
    assert late.confidence == 0.5
    assert converter.unstructure_entity(late) == data


def test_dumping_a_class_the_converter_does_not_know_says_so() -> None:
    @attrs.frozen(kw_only=True)
    class Untagged(cq.Event):
        pass

    record = cq.Record([Hearing(id="event:h", committee="org:c")])
    with pytest.raises(TypeError, match=r"Hearing \(type 'test:hearing'\) is not registered"):
        cq.dumps(record)
    with pytest.raises(TypeError, match="Untagged has no type tag of its own"):
        CONVERTER.unstructure_entity(Untagged(id="event:u", kind=cq.EventKind("meeting")))


def test_validate_follows_references_in_new_fields() -> None:
    record = cq.Record(
        [
            *mixed_record(),
            Hearing(id="event:bad", committee="person:witness", witnesses=("person:nobody",)),
            FollowUp(id="event:bad-follow-up", committee="org:committee", follows="event:plain"),
        ]
    )
    found = [(p.entity, p.code, p.path) for p in record.validate()]
    assert found == [
        ("event:bad", "wrong-reference-type", "$.committee"),
        ("event:bad", "dangling-reference", "$.witnesses[0]"),
        ("event:bad-follow-up", "wrong-reference-type", "$.follows"),
    ]
    assert mixed_record().validate() == []
    messages = [p.message for p in record.validate()]
    assert messages[2] == "'event:plain' is of type Event, but this field refers to Hearing"


def test_a_base_that_the_type_does_not_derive_from_is_an_error() -> None:
    data = {"type": "test:hearing", "base": "statement", "id": "event:h", "committee": "org:c"}
    with pytest.raises(EntityError) as info:
        CONVERTER.structure_entity(data)
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-value", "$.base")
    assert (
        problem.message == "type 'test:hearing' does not derive from 'statement', named as its base"
    )


# -- extension values -----------------------------------------------------------

NESTED = {
    "x-newsroom:confidence": 0.92,
    "x-newsroom:model": {
        "name": "extractor",
        "version": [2, 1, 0],
        "null": None,
        "true": True,
        "1": 1,
        "1.0": 1.0,
        "": "",
        "yes": "no",
        "multi": "two\nlines",
        "nested": [{"deep": [[], {}, [None, False, -0.5, 10**18]]}],
        "text": "2020-03-04",
        "unicode": "Дипломатия — 外交",
        "floats": [1e300, 5e-324, 0.1 + 0.2, -0.0, 1e-7],
    },
}


def one_of_each() -> list[cq.Entity]:
    """An entity of every type the library registers, each with extension values."""
    return [
        cq.Person(id="person:x", name="X", extensions=NESTED),
        cq.Organization(id="org:x", name="X", extensions=NESTED),
        cq.State(id="state:at", name="Austria", country="AT", extensions=NESTED),
        cq.Group(id="group:x", name="Experts", extensions=NESTED),
        cq.Membership(
            id="membership:x",
            member="state:at",
            organization="org:x",
            status=cq.MembershipStatus("observer"),
            extensions=NESTED,
        ),
        cq.Event(id="event:x", kind=cq.EventKind("summit"), extensions=NESTED),
        cq.Statement(
            id="statement:x",
            kind=cq.StatementKind("remarks"),
            speakers=("person:x",),
            attribution=cq.Attribution.REPORTED,
            extensions=NESTED,
        ),
        cq.Proposal(id="proposal:x", text="t", proposers=("person:x",), extensions=NESTED),
        cq.Document(id="document:x", title="T", kind=cq.DocumentKind("charter"), extensions=NESTED),
        cq.Source(id="source:x", extensions=NESTED),
    ]


@pytest.mark.parametrize("fmt", cq.FORMATS)
def test_extension_values_round_trip_exactly_in_every_format(fmt: str) -> None:
    record = cq.Record(
        [
            cq.Person(id="person:x", name="X", extensions=NESTED),
            Hearing(id="event:h", committee="org:c", extensions=NESTED),
        ]
    )
    text = cq.dumps(record, fmt, converter=CONVERTER)
    again = cq.loads(text, fmt, converter=CONVERTER)
    for before, after in zip(record, again, strict=True):
        assert typed(dict(after.extensions)) == typed(NESTED)
        assert after == before


@pytest.mark.parametrize("fmt", cq.FORMATS)
def test_every_type_of_entity_carries_extension_values(fmt: str) -> None:
    entities = one_of_each()
    assert {type(e) for e in entities} == set(core_registry().classes())
    record = cq.Record(entities)
    text = cq.dumps(record, fmt)
    again = cq.loads(text, fmt)
    assert again == record
    assert [typed(dict(e.extensions)) for e in again] == [typed(NESTED)] * len(entities)
    assert cq.dumps(again, fmt) == text


@pytest.mark.parametrize("fmt", cq.FORMATS)
@settings(max_examples=50, deadline=None)
@given(values=extensions())
def test_any_extension_values_round_trip_exactly(fmt: str, values: dict[str, cq.JsonValue]) -> None:
    record = cq.Record([Hearing(id="event:h", committee="org:c", extensions=values)])
    again = cq.loads(cq.dumps(record, fmt, converter=CONVERTER), fmt, converter=CONVERTER)
    assert typed(dict(again.get("event:h").extensions)) == typed(values)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (float("nan"), "nan is not a number JSON can carry"),
        (float("inf"), "inf is not a number JSON can carry"),
        (2**64, "integer 18446744073709551616 does not fit in 64 bits"),
        ({"a": {1, 2}}, "expected a JSON value, found set"),
    ],
)
def test_extension_values_that_no_format_carries_are_refused(value: object, message: str) -> None:
    with pytest.raises(EntityError) as info:
        cq.default_converter.structure_entity(
            {"type": "person", "id": "person:x", "name": "X", "x-a:b": value}
        )
    assert [p.message for p in info.value.problems] == [message]


def test_the_library_namespace_is_reserved() -> None:
    with pytest.raises(EntityError) as info:
        cq.default_converter.structure_entity(
            {"type": "person", "id": "person:x", "name": "X", ORIGINAL: {}}
        )
    [problem] = info.value.problems
    assert (problem.path, problem.message) == (
        f"$.{ORIGINAL}",
        "the namespace 'x-communique:' is reserved",
    )


def test_exports_report_what_they_cannot_carry() -> None:
    hearing = Hearing(id="event:h", committee="org:c", extensions={"x-newsroom:confidence": 0.9})
    found = [(p.code, p.path, p.message) for p in not_carried(hearing, cq.Event, target="Popolo")]
    assert found == [
        (
            "not-exported",
            "$.committee",
            "Popolo cannot carry the field 'committee' of type 'test:hearing'; it is left out",
        ),
        (
            "not-exported",
            "$.x-newsroom:confidence",
            "Popolo cannot carry the extension 'x-newsroom:confidence'; it is left out",
        ),
    ]
    # Fields at their default are nothing lost; fields the target maps are carried.
    assert not_carried(Hearing(id="event:h", committee="org:c"), Hearing, target="X") == []
    carried = not_carried(hearing, ["id", "kind", "committee"], target="X")
    assert [p.path for p in carried] == ["$.x-newsroom:confidence"]


# -- unknown types ----------------------------------------------------------------

NEWER = """\
{
  "communique": "1.0",
  "entities": [
    {
      "type": "newer:hearing",
      "base": ["test:hearing", "event"],
      "id": "event:newer",
      "kind": "newer:select_hearing",
      "date": {"edtf": "2020-03", "inferred": true, "phrase": "last March"},
      "committee": "org:committee",
      "transcript": {"pages": [1, 2], "sealed": false},
      "participants": [{"agent": "person:witness", "roles": ["newer:witness_under_oath"]}],
      "chamber": null,
      "identifiers": [{"scheme": "url", "value": "https://example.org/h"}],
      "note": "newer",
      "x-monitor:stream": {"minutes": 95}
    },
    {
      "type": "newer:memo",
      "base": "document",
      "id": "document:memo",
      "title": "Memo",
      "kind": "newer:memo",
      "classification": "restricted"
    },
    {
      "type": "organization",
      "id": "org:committee",
      "name": "Committee",
      "kind": "newer:select_committee"
    }
  ]
}
"""


def newer_document(fmt: str, count: int = 3) -> str:
    """The document as a newer version writes it, in each format."""
    data = json.loads(NEWER)
    data["entities"] = data["entities"][:count]
    if fmt == "json":
        return json_format.dumps(data).decode("utf-8")
    if fmt == "yaml":
        return yaml_format.dumps(data)
    return "".join(json_format.dumps(e, indent=False).decode("utf-8") for e in data["entities"])


def test_an_unknown_type_is_an_error_naming_it_and_the_registered_tags() -> None:
    converter = cq.Converter(core_registry())
    with pytest.raises(cq.UnknownTypeError) as info:
        cq.loads(newer_document("jsonl", 2), "jsonl", file="newer.jsonl", converter=converter)
    assert str(info.value) == (
        "2 problems:\n"
        "  newer.jsonl:1:2: event:newer $.type: unknown type 'newer:hearing'; registered types: "
        "person, organization, state, group, membership, event, statement, proposal, document, "
        "source; its base 'event' is registered; read it as one with "
        "Converter(unknown_types='base')\n"
        "  newer.jsonl:2:2: document:memo $.type: unknown type 'newer:memo'; registered types: "
        "person, organization, state, group, membership, event, statement, proposal, document, "
        "source; its base 'document' is registered; read it as one with "
        "Converter(unknown_types='base')"
    )
    with pytest.raises(cq.LoadError) as info:
        cq.loads('{"communique": "1.0", "entities": [{"type": "hearing", "id": "event:x"}]}')
    assert str(info.value).startswith(
        "<data>:1:37: event:x $.type: unknown type 'hearing'; registered types: person, "
        "organization, state, group, membership, event, statement, proposal, document, source"
    )


def test_the_yaml_error_points_at_the_line_of_the_type() -> None:
    with pytest.raises(cq.UnknownTypeError) as info:
        cq.loads(newer_document("yaml", 2), "yaml", converter=cq.Converter(core_registry()))
    first = info.value.problems[0]
    assert (first.line, first.path, first.found) == (3, "$.type", "'newer:hearing'")


@pytest.mark.parametrize("fmt", cq.FORMATS)
def test_a_lenient_reader_writes_back_the_same_document(fmt: str) -> None:
    text = newer_document(fmt)
    for registry in (core_registry(), REGISTRY):
        lenient = cq.Converter(registry, unknown_types="base")
        record = cq.loads(text, fmt, converter=lenient)
        assert cq.dumps(record, fmt, converter=lenient) == text
    # The closest registered base is chosen: a reader that knows the hearing
    # reads the newer type as one, a reader of the core alone as an event.
    older = cq.loads(text, fmt, converter=cq.Converter(REGISTRY, unknown_types="base"))
    assert type(older.get("event:newer")) is Hearing
    oldest = cq.loads(text, fmt, converter=cq.Converter(core_registry(), unknown_types="base"))
    newer = oldest.get("event:newer")
    assert type(newer) is cq.Event
    assert original_type(newer) == "newer:hearing"
    assert kept_fields(newer) == {
        "committee": "org:committee",
        "transcript": {"pages": [1, 2], "sealed": False},
        "chamber": None,
    }
    assert oldest.events.ids() == ["event:newer"]
    assert oldest.documents.one().kind == "newer:memo"


def test_a_lenient_reader_keeps_changes_made_since() -> None:
    lenient = cq.Converter(core_registry(), unknown_types="base")
    record = cq.loads(newer_document("json"), converter=lenient)
    event = record.get("event:newer", cq.Event)
    changed = attrs.evolve(
        event,
        title="Named later",
        note=None,
        extensions={**event.extensions, "x-monitor:checked": True},
    )
    data = lenient.unstructure_entity(changed)
    assert list(data)[:3] == ["type", "base", "id"]
    assert data["type"] == "newer:hearing"
    assert data["transcript"] == {"pages": [1, 2], "sealed": False}
    assert data["title"] == "Named later"
    assert data["note"] is None
    assert data["x-monitor:checked"] is True


def test_lenient_reading_still_fails_on_typos_and_on_types_without_a_base() -> None:
    lenient = cq.Converter(core_registry(), unknown_types="base")
    with pytest.raises(EntityError) as info:
        lenient.structure_entity({"type": "event", "id": "event:x", "kind": "roundtabel"})
    assert [p.message for p in info.value.problems] == [
        "'roundtabel' is not a known event kind; did you mean 'roundtable'?"
    ]
    with pytest.raises(EntityError) as info:
        lenient.structure_entity({"type": "newer:thing", "id": "event:x"})
    assert info.value.problems[0].message.startswith(
        "unknown type 'newer:thing' and no 'base' to read it as; registered types: person,"
    )
    with pytest.raises(EntityError) as info:
        lenient.structure_entity(
            {"type": "newer:thing", "base": ["newer:a", "newer:b"], "id": "e:x"}
        )
    assert info.value.problems[0].message.startswith(
        "unknown type 'newer:thing', and its base ('newer:a', 'newer:b') is not registered either;"
    )
    with pytest.raises(ValueError, match="unknown_types must be 'error' or 'base'"):
        cq.Converter(unknown_types="drop")  # type: ignore[arg-type]


def test_a_strict_reader_refuses_undeclared_terms() -> None:
    with pytest.raises(EntityError) as info:
        CONVERTER.structure_entity(
            {"type": "organization", "id": "org:c", "name": "C", "kind": "newer:select_committee"}
        )
    assert info.value.problems[0].path == "$.kind"
    assert "'newer:select_committee' is not a known organisation kind" in (
        info.value.problems[0].message
    )


def test_exports_report_the_type_and_fields_kept_from_an_unknown_type() -> None:
    lenient = cq.Converter(core_registry(), unknown_types="base")
    event = cq.loads(newer_document("json"), converter=lenient).get("event:newer")
    found = [
        (p.path, p.message)
        for p in not_carried(event, cq.Event, target="Popolo", carries_extensions=True)
    ]
    assert found == [
        (
            "$.type",
            "Popolo cannot carry the type 'newer:hearing' (read as 'event'); it is left out",
        ),
        (
            "$.committee",
            "Popolo cannot carry the field 'committee' of type 'newer:hearing'; it is left out",
        ),
        (
            "$.transcript",
            "Popolo cannot carry the field 'transcript' of type 'newer:hearing'; it is left out",
        ),
        (
            "$.chamber",
            "Popolo cannot carry the field 'chamber' of type 'newer:hearing'; it is left out",
        ),
    ]
