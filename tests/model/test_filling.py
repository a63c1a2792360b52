"""The classes new instances are filled in as, and the subclasses the library sees."""

from __future__ import annotations

from typing import Any

import attrs
import orjson
import pytest

import communique as cq
from communique.converter import EntityError
from communique.model import _meaning
from communique.model._filling import filling_class, subclasses

EVENT: dict[str, Any] = {
    "type": "event",
    "id": "event:e",
    "kind": "meeting",
    "date": "2024-03-05",
    "participants": [{"agent": "person:a", "roles": ["chair"]}],
}


def _loaded(data: dict[str, Any]) -> cq.Entity:
    (entity,) = cq.loads(orjson.dumps(data), format="jsonl").entities
    return entity


def test_a_loaded_entity_and_its_values_are_of_their_own_classes_and_frozen() -> None:
    event = _loaded(EVENT)
    assert type(event) is cq.Event
    assert type(event.participants[0]) is cq.Participation
    assert event == cq.Event(
        id="event:e",
        kind="meeting",
        date=cq.Date("2024-03-05"),
        participants=(cq.Participation(agent="person:a", roles=("chair",)),),
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.kind = "summit"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del event.kind  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.participants[0].agent = "person:b"  # type: ignore[misc]


def test_filling_classes_are_left_out_of_the_subclasses_the_library_sees() -> None:
    _loaded(EVENT)
    filling = filling_class(cq.Participation)
    assert filling is not None
    assert filling in cq.Participation.__subclasses__()
    assert filling not in subclasses(cq.Participation)
    # Walks of references take a participation as it is declared, not as a
    # class that may hold subclasses with references of their own.
    assert not _meaning._subclassed(cq.Participation)

    @attrs.frozen(kw_only=True)
    class Remark(cq.Statement):
        pass

    assert Remark in subclasses(cq.Statement)
    assert filling_class(cq.Statement) not in subclasses(cq.Statement)


def test_a_class_told_of_its_subclasses_is_not_given_a_filling_class() -> None:
    told: list[type] = []

    @attrs.frozen(kw_only=True)
    class Chamber(cq.Organization):
        seats: int = 0

        def __init_subclass__(cls, **kwargs: Any) -> None:
            super().__init_subclass__(**kwargs)
            told.append(cls)

    @attrs.frozen(kw_only=True)
    class Committee(Chamber):
        pass

    # attrs makes a slotted class anew: the hook is told of both.
    assert Committee in told
    before = list(told)
    assert filling_class(Committee) is None
    registry = cq.Registry(cq.default_registry)
    registry.register(Committee, "parliament:committee")
    made = cq.Converter(registry).structure_entity(
        {"type": "parliament:committee", "id": "org:c", "name": "C", "seats": 3}
    )
    assert type(made) is Committee
    assert made == Committee(id="org:c", name="C", seats=3)
    assert told == before


def test_validators_see_the_instance_as_one_of_its_own_class() -> None:
    seen: list[type] = []

    def positive(instance: object, attribute: Any, value: int) -> None:
        seen.append(type(instance))
        if value <= 0:
            raise ValueError("seats must be positive")

    @attrs.frozen(kw_only=True)
    class Council(cq.Organization):
        seats: int = attrs.field(default=1, validator=positive)

    registry = cq.Registry(cq.default_registry)
    registry.register(Council, "parliament:council")
    converter = cq.Converter(registry)
    made = converter.structure_entity(
        {"type": "parliament:council", "id": "org:c", "name": "C", "seats": 9}
    )
    assert filling_class(Council) is not None
    assert seen == [Council]
    assert type(made) is Council
    with pytest.raises(EntityError):
        converter.structure_entity(
            {"type": "parliament:council", "id": "org:d", "name": "D", "seats": 0}
        )


def test_a_class_made_by_its_own_new_is_made_by_it() -> None:
    made: list[type] = []

    @attrs.frozen(kw_only=True)
    class Cabinet(cq.Organization):
        seats: int = 0

        def __new__(cls, *args: Any, **kwargs: Any) -> Cabinet:
            made.append(cls)
            return super().__new__(cls)

    registry = cq.Registry(cq.default_registry)
    registry.register(Cabinet, "parliament:cabinet")
    data = {"type": "parliament:cabinet", "id": "org:c", "name": "C", "seats": 3}
    (loaded,) = cq.loads(orjson.dumps(data), format="jsonl", converter=cq.Converter(registry))
    assert type(loaded) is Cabinet
    assert loaded == Cabinet(id="org:c", name="C", seats=3)
    assert made == [Cabinet, Cabinet]


def test_a_class_of_another_metaclass_is_not_given_one() -> None:
    class Meta(type):
        pass

    class Other(metaclass=Meta):
        __slots__ = ("a",)

    assert filling_class(Other) is None
    assert filling_class(cq.Statement) is not None
