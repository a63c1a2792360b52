from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import communique as cq
from communique.converter import EntityError, default_converter


def problems(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(EntityError) as info:
        default_converter.structure_entity(data)
    return [(p.code, p.path, p.message) for p in info.value.problems]


def test_entity_round_trip_omits_defaults_and_keeps_extensions() -> None:
    data = {
        "type": "person",
        "id": "person:vladimir-norov",
        "name": "Vladimir Norov",
        "posts": [{"title": "Secretary-General", "organization": "org:sco", "former": True}],
        "x-newsroom:confidence": 0.92,
    }
    person = default_converter.structure_entity(data)
    assert isinstance(person, cq.Person)
    assert person.extensions == {"x-newsroom:confidence": 0.92}
    assert default_converter.unstructure_entity(person) == data


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("name", None, "expected text, found null"),
        ("name", 7, "expected text, found an integer"),
        ("other_names", "Norov", "expected a list, found text"),
        ("honorific", ["Mr"], "expected text, found a list"),
    ],
)
def test_no_coercion_of_primitives(field: str, value: object, expected: str) -> None:
    data = {"type": "person", "id": "person:x", "name": "X", field: value}
    assert problems(data) == [("wrong-type", f"$.{field}", expected)]


def test_unknown_fields_and_bad_values_are_all_reported_with_paths() -> None:
    found = problems(
        {
            "type": "event",
            "id": "event:x",
            "kind": "roundtabel",
            "date": "2020-02-30",
            "participants": [{"agent": "person:x", "roles": ["host", "speakr"]}],
            "venue": "Vienna",
        }
    )
    assert ("unknown-field", "$.venue", "unknown field 'venue' for type 'event'") in found
    codes_paths = {(code, path) for code, path, _ in found}
    assert ("invalid-value", "$.kind") in codes_paths
    assert ("invalid-value", "$.date") in codes_paths
    assert ("invalid-value", "$.participants[0].roles[1]") in codes_paths


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        (
            {"type": "statement", "id": "statement:x", "kind": "remarks", "speaker": []},
            "$.speaker",
            "unknown field 'speaker' for type 'statement'; did you mean 'speakers'?",
        ),
        (
            {"type": "person", "id": "person:x", "nmae": "X"},
            "$.nmae",
            "unknown field 'nmae' for type 'person'; did you mean 'name'?",
        ),
        (
            {
                "type": "event",
                "id": "event:x",
                "kind": "meeting",
                "participants": [{"agent": "person:x", "rol": ["host"]}],
            },
            "$.participants[0].rol",
            "unknown field 'rol' for Participation; did you mean 'roles'?",
        ),
        # Far from every field: no suggestion ('evidence' is the nearest, and not near).
        (
            {"type": "event", "id": "event:x", "kind": "meeting", "venue": "Vienna"},
            "$.venue",
            "unknown field 'venue' for type 'event'",
        ),
        (
            {"type": "person", "id": "person:x", "name": "X", "colour": "red"},
            "$.colour",
            "unknown field 'colour' for type 'person'",
        ),
    ],
)
def test_a_misspelt_field_gets_the_close_name_only(
    data: dict[str, Any], path: str, message: str
) -> None:
    assert ("unknown-field", path, message) in problems(data)


def test_unknown_type_names_registered_types() -> None:
    [(code, path, message)] = problems({"type": "hearing", "id": "event:x"})
    assert (code, path) == ("unknown-type", "$.type")
    assert "'hearing'" in message
    assert "person" in message
    assert "event" in message


def test_money_is_exact_and_refuses_floats() -> None:
    proposal = default_converter.structure_entity(
        {
            "type": "proposal",
            "id": "proposal:x",
            "text": "fund it",
            "proposers": ["org:x"],
            "amounts": [{"value": "1250000.10", "currency": "EUR"}],
        }
    )
    assert isinstance(proposal, cq.Proposal)
    assert proposal.amounts[0].value == Decimal("1250000.10")
    assert default_converter.unstructure_entity(proposal)["amounts"] == [
        {"value": "1250000.10", "currency": "EUR"}
    ]
    [(code, path, _)] = problems(
        {
            "type": "proposal",
            "id": "proposal:x",
            "text": "t",
            "proposers": [],
            "amounts": [{"value": 0.1, "currency": "EUR"}],
        }
    )
    assert (code, path) == ("wrong-type", "$.amounts[0].value")


def test_inferred_date_is_written_as_a_mapping_and_a_stated_one_as_text() -> None:
    event = cq.Event(
        id="event:x",
        kind=cq.EventKind("summit"),
        date=cq.Date("2019", inferred=True, phrase="last year"),
    )
    data = default_converter.unstructure_entity(event)
    assert data["date"] == {"edtf": "2019", "inferred": True, "phrase": "last year"}
    stated = cq.Event(id="event:y", kind=cq.EventKind("summit"), date=cq.Date("2019"))
    assert default_converter.unstructure_entity(stated)["date"] == "2019"


@pytest.mark.parametrize(
    ("change", "path", "fragment"),
    [
        ({"id": "Austria"}, "$.id", "is not a valid id"),
        ({"country": "AUT"}, "$.country", "ISO 3166-1 alpha-2"),
        ({"x-bad": 1}, "$.x-bad", "namespaced like 'x-project:name'"),
    ],
)
def test_bad_ids_country_codes_and_extension_keys(
    change: dict[str, object], path: str, fragment: str
) -> None:
    data = {"type": "state", "id": "state:at", "name": "Austria", "country": "AT", **change}
    [(code, found_path, message)] = problems(data)
    assert (code, found_path) == ("invalid-value", path)
    assert fragment in message


def test_json_data_writes_the_bytes_of_unstructure_entity_and_checks_each_value() -> None:
    import math

    import attrs
    import orjson

    person = default_converter.structure_entity(
        {
            "type": "person",
            "id": "person:vladimir-norov",
            "name": "Vladimir Norov",
            "other_names": [{"name": "Norov"}],
            "posts": [{"title": "Secretary-General", "organization": "org:sco"}],
            "x-newsroom:confidence": 0.92,
        }
    )
    for entity in (person, attrs.evolve(person, extensions={})):
        assert orjson.dumps(default_converter.json_data(entity)) == orjson.dumps(
            default_converter.unstructure_entity(entity)
        )
    # A value no format reads back (attrs validators run only on construction).
    broken = attrs.evolve(person, extensions={})
    object.__setattr__(broken, "name", math.nan)
    with pytest.raises(ValueError, match=r"person:vladimir-norov \$\.name: expected text"):
        default_converter.json_data(broken)
