"""What the model's converters leave unchanged, which loading relies on to skip them."""

from __future__ import annotations

import enum

import attrs
import pytest
from attrs import converters

import communique as cq
from communique.model._convert import Keeps, keeps
from communique.vocab import AttendanceMode, EventKind, ParticipantRole, Term


def _field(cls: type, name: str) -> attrs.Attribute[object]:
    return {a.name: a for a in attrs.fields(cls)}[name]


def test_what_each_converter_of_the_model_keeps_is_what_it_returns_unchanged() -> None:
    samples = {
        EventKind: EventKind("roundtable"),
        ParticipantRole: ParticipantRole("speaker"),
        AttendanceMode: AttendanceMode("online"),
    }
    seen = 0
    for name in cq.model.__all__:
        cls = getattr(cq.model, name)
        if not (isinstance(cls, type) and attrs.has(cls)):
            continue
        for a in attrs.fields(cls):
            kept = keeps(a.converter)
            if a.converter is None or kept is None or kept.cls not in samples:
                continue
            seen += 1
            value = samples[kept.cls]
            if kept.many:
                # A tuple of the same items (a new one, which is as good).
                (item,) = a.converter((value,))
                assert item is value, (cls, a.name)
            else:
                assert a.converter(value) is value, (cls, a.name)
            if kept.optional:
                assert a.converter(None) is None
    assert seen >= 4


def test_the_roles_converter_refuses_no_role_and_says_so() -> None:
    roles = _field(cq.Participation, "roles").converter
    assert keeps(roles) == Keeps(ParticipantRole, many=True, nonempty=True)
    assert roles is not None
    with pytest.raises(ValueError, match="at least one role"):
        roles(())


def test_unknown_converters_are_not_trusted() -> None:
    class Upper(Term):
        __slots__ = ()

        def __new__(cls, value: str) -> Upper:
            return str.__new__(cls, value.upper())

    class Colour(enum.Enum):
        RED = "red"

    assert keeps(Upper) is None  # its own __new__ may change a value of its class
    assert keeps(str) is None
    assert keeps(lambda value: value) is None
    assert keeps(converters.optional(Upper)) is None
    assert keeps(converters.optional(Colour)) == Keeps(Colour, optional=True)
    assert keeps(converters.pipe(EventKind, EventKind)) is None
    assert keeps(attrs.Converter(lambda value, instance: value, takes_self=True)) is None
