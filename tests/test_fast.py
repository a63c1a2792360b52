"""The fast structuring path accepts exactly what the detailed path accepts."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import communique as cq
import downstream
from communique.converter import EntityError, default_converter
from downstream import Hearing

EVENT: dict[str, Any] = {
    "type": "event",
    "id": "event:2020-03-04-roundtable",
    "kind": "roundtable",
    "title": "Peace and security",
    "date": {"edtf": "2020-03-04", "inferred": True, "phrase": "On 4 March"},
    "place": {"name": "Diplomatic Academy", "locality": "Vienna", "country": "AT"},
    "attendance": "hybrid",
    "organisers": ["org:aies"],
    "participants": [
        {"agent": "person:vladimir-norov", "roles": ["speaker", "guest"], "capacity": "SG"},
        {"agent": "person:velina-tchakarova", "roles": ["moderator"], "attendance": "online"},
    ],
    "topics": ["security"],
    "evidence": [{"source": "source:sco", "quote": "took part", "start": 10, "end": 19}],
}
PROPOSAL: dict[str, Any] = {
    "type": "proposal",
    "id": "proposal:drug-centre",
    "text": "to establish an anti-drug centre",
    "proposers": ["state:kz"],
    "date": "2020-03",
    "statuses": [{"status": "proposed", "date": "2020-03-04"}],
    "responses": [{"agent": "state:ru", "stance": "support", "date": "2020"}],
    "decision": {
        "method": "recorded_vote",
        "outcome": "adopted",
        "tally": {"in_favour": 12, "against": 1, "abstaining": 2},
        "votes": [{"agent": "state:us", "position": "against", "veto": True}],
    },
    "amounts": [{"value": "1500000.00", "currency": "USD"}],
}
PERSON: dict[str, Any] = {
    "type": "person",
    "id": "person:vladimir-norov",
    "name": "Vladimir Norov",
    "posts": [{"title": "Secretary-General", "organization": "org:sco", "start": "2019-01"}],
    "identifiers": [{"scheme": "wikidata", "value": "Q4352340"}],
    "x-newsroom:confidence": 0.9,
}
ENTITIES = [EVENT, PROPOSAL, PERSON]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", "x", "speaker", "roundtable", "2020-02-30", "AT", "support", "org:x"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["edtf", "name", "agent", "roles", "x"]), children)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(data)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def _outcome(fn: Any, data: Any, cls: type) -> tuple[str, Any]:
    try:
        return ("ok", fn(data, cls))
    except Exception as exc:  # noqa: BLE001 - any refusal counts the same here
        return ("refused", type(exc).__name__)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fast_and_detailed_paths_agree_on_any_change_of_one_value(data: st.DataObject) -> None:
    entity = data.draw(st.sampled_from(ENTITIES))
    path = data.draw(st.sampled_from([p for p in _paths(entity) if p != ("type",)]))
    changed = _replace(entity, path, data.draw(json_values))
    cls = default_converter.entity_class(changed)
    fast = default_converter._fast.get_structure_hook(cls)
    detailed = default_converter._cattrs.get_structure_hook(cls)
    fast_outcome = _outcome(fast, changed, cls)
    detailed_outcome = _outcome(detailed, changed, cls)
    assert fast_outcome[0] == detailed_outcome[0], (path, changed)
    if fast_outcome[0] == "ok":
        assert fast_outcome[1] == detailed_outcome[1]


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e["type"])
def test_valid_entities_take_the_fast_path_and_round_trip(entity: dict[str, Any]) -> None:
    cls = default_converter.entity_class(entity)
    fast = default_converter._fast.get_structure_hook(cls)(entity, cls)
    assert fast == default_converter._cattrs.structure(entity, cls)
    assert default_converter.unstructure_entity(fast) == entity


def test_a_refused_entity_is_reported_by_the_detailed_path_with_every_problem() -> None:
    bad = _replace(EVENT, ("participants", 1, "roles", 0), "moderatr")
    bad = _replace(bad, ("place", "country"), 7)
    with pytest.raises(EntityError) as info:
        default_converter.structure_entity(bad)
    paths = {p.path for p in info.value.problems}
    assert paths == {"$.participants[1].roles[0]", "$.place.country"}


def test_terms_and_dates_are_shared_between_entities() -> None:
    first = default_converter.structure_entity(EVENT)
    second = default_converter.structure_entity(copy.deepcopy(EVENT))
    assert isinstance(first, cq.Event)
    assert isinstance(second, cq.Event)
    assert first.kind is second.kind
    assert first.participants[0].roles[0] is second.participants[0].roles[0]
    assert first.participants[0].roles is second.participants[0].roles
    one = default_converter.structure_entity(PROPOSAL)
    two = default_converter.structure_entity(copy.deepcopy(PROPOSAL))
    assert isinstance(one, cq.Proposal)
    assert isinstance(two, cq.Proposal)
    assert one.date is two.date


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e["type"])
def test_the_json_writer_writes_the_bytes_of_the_plain_data(entity: dict[str, Any]) -> None:

    value = default_converter.structure_entity(entity)
    plain = default_converter.unstructure_entity(value)
    assert orjson.dumps(default_converter._json_data(value)) == orjson.dumps(plain)
    assert orjson.loads(cq.dumps(cq.Record([value]), format="jsonl")) == entity


def test_a_downstream_subclass_takes_both_paths() -> None:
    import attrs

    registry = downstream.REGISTRY.child()

    # Fields of every kind of type, on a subclass of a downstream class.
    @attrs.frozen(kw_only=True)
    class Sitting(Hearing):
        seats: int = 0
        notes: list[str] = attrs.field(factory=list, hash=False)
        held: cq.Date | None = None

    registry.register(Sitting, "fasttest:sitting")
    converter = cq.Converter(registry)
    data = {
        "type": "fasttest:sitting",
        "id": "event:hearing-1",
        "kind": "session",
        "committee": "org:foreign-affairs",
        "witnesses": ["person:x"],
        "transcript_pages": 40,
        "seats": 12,
        "notes": ["closed session"],
        "held": "2021-05",
    }
    hearing = converter.structure_entity(data)
    assert isinstance(hearing, Sitting)
    assert hearing.notes == ["closed session"]
    with pytest.raises(EntityError):
        converter.structure_entity({**data, "notes": None})
    # Downstream types are written with the registered bases they derive from.
    assert converter.unstructure_entity(hearing) == {**data, "base": [downstream.TAG, "event"]}
    assert orjson.dumps(converter._json_data(hearing)) == orjson.dumps(
        converter.unstructure_entity(hearing)
    )
    without = converter.structure_entity({k: v for k, v in data.items() if k != "notes"})
    assert isinstance(without, Sitting)
    assert without.notes == []
    with pytest.raises(EntityError) as info:
        converter.structure_entity({**data, "seats": "twelve"})
    assert [(p.code, p.path) for p in info.value.problems] == [("wrong-type", "$.seats")]


def test_every_model_class_is_filled_in_through_its_slots() -> None:
    # Loading makes model objects without their __init__ (see _fast._assembled):
    # a change to the model that stops it (a hook, a slot of its own) shows here.
    import attrs

    from communique import _fast, model

    classes = [getattr(model, name) for name in model.__all__]
    classes = [c for c in classes if isinstance(c, type) and attrs.has(c)]
    assert len(classes) > 20
    assert [c.__name__ for c in classes if _fast._assembled(c) is None] == []


def _downstream(**extra: Any) -> tuple[type, cq.Converter]:
    import attrs

    registry = cq.Registry(cq.default_registry)

    def lower(value: str) -> str:
        return value.lower()

    def positive(_: object, attribute: Any, value: int) -> None:
        if value <= 0:
            raise ValueError(f"{attribute.name} must be positive")

    namespace: dict[str, Any] = {
        "__annotations__": {"code": "str", "seats": "int", "chair": "str | None"},
        "code": attrs.field(converter=lower),
        "seats": attrs.field(default=1, validator=positive),
        "chair": None,
        **extra,
    }
    cls = attrs.frozen(kw_only=True, slots=extra.pop("slots", True))(
        type("Committee", (cq.Organization,), namespace)
    )
    registry.register(cls, "parliament:committee")
    return cls, cq.Converter(registry)


@pytest.mark.parametrize(
    ("extra", "assembled"),
    [
        ({}, True),
        ({"__attrs_post_init__": lambda self: object.__setattr__(self, "chair", "p:x")}, False),
        ({"slots": False}, False),
    ],
    ids=["slotted", "post-init", "dict"],
)
def test_a_downstream_class_is_made_as_its_init_makes_it(
    extra: dict[str, Any], assembled: bool
) -> None:
    import attrs

    from communique import _fast

    cls, converter = _downstream(**extra)
    assert (_fast._assembled(cls) is not None) is assembled
    data = {"type": "parliament:committee", "id": "org:afet", "name": "AFET", "code": "AFET"}
    made = converter.structure_entity({**data, "seats": 30})
    assert made == cls(id="org:afet", name="AFET", code="AFET", seats=30)
    assert made.code == "afet"  # the converter ran
    assert attrs.asdict(made) == attrs.asdict(
        cls(id="org:afet", name="AFET", code="afet", seats=30)
    )
    with pytest.raises(EntityError) as info:
        converter.structure_entity({**data, "seats": 0})
    assert [(p.path, p.message) for p in info.value.problems] == [("$", "seats must be positive")]


def test_validators_switched_off_are_off_on_the_fast_path_too() -> None:
    import attrs

    cls, converter = _downstream()
    data = {"type": "parliament:committee", "id": "org:afet", "name": "AFET", "code": "A"}
    attrs.validators.set_disabled(True)
    try:
        made = converter.structure_entity({**data, "seats": -1})
    finally:
        attrs.validators.set_disabled(False)
    assert isinstance(made, cls)
    assert made.seats == -1


def test_converters_given_as_attrs_converters_run_as_init_runs_them() -> None:
    import attrs

    registry = cq.Registry(cq.default_registry)

    @attrs.frozen(kw_only=True)
    class Panel(cq.Event):
        seats: int = attrs.field(default=1, converter=attrs.Converter(lambda v: v + 1))
        label: str = attrs.field(
            default="",
            converter=attrs.Converter(lambda v, field: f"{field.name}:{v}", takes_field=True),
        )

    registry.register(Panel, "parliament:panel")
    converter = cq.Converter(registry)
    data = {"type": "parliament:panel", "id": "event:p", "kind": "session", "seats": 4}
    made = converter.structure_entity({**data, "label": "x"})
    assert made == Panel(id="event:p", kind="session", seats=4, label="x")
    assert (made.seats, made.label) == (5, "label:x")
