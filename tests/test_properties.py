"""Properties of every record: lossless round trips, deterministic output, validation
that accepts what is consistent and finds exactly what was planted, and queries that
agree with a plain filter over the same objects.

Each property runs over generated records (``communique.testing``); the number of
examples and the seed come from the Hypothesis profile chosen in ``conftest.py``.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import attrs
import communique_monitor as monitor
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import communique as cq
import downstream
from communique.testing import (
    PROBLEM_KINDS,
    dates,
    entities,
    records,
    records_with_problem,
    values,
)
from downstream import Hearing

SUFFIXES = (".json", ".jsonl", ".ndjson", ".yaml", ".yml")

# Consistent records and records of independently drawn entities (any value in
# every field, references that need not resolve) both must round-trip.
any_records = st.one_of(records(), records(consistent=False)).filter(
    # One id held twice is not a record the loaders give back: they refuse a second,
    # different definition and keep an identical one once (see the catalogue).
    lambda record: len({e.id for e in record}) == len(record)
)


@given(record=any_records)
def test_loads_dumps_round_trip_and_stable_output(record: cq.Record) -> None:
    for fmt in cq.FORMATS:
        text = cq.dumps(record, fmt)
        assert cq.loads(text, fmt) == record, fmt
        assert cq.loads(text.encode("utf-8"), fmt) == record, fmt
        assert cq.dumps(record, fmt) == text, fmt
        assert cq.dumps(cq.loads(text, fmt), fmt) == text, fmt


@given(record=any_records)
def test_load_dump_round_trip_through_a_file(record: cq.Record) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for suffix in SUFFIXES:
            path = Path(folder) / f"record{suffix}"
            cq.dump(record, path)
            assert cq.load(path) == record, suffix
            assert cq.Record(cq.iter_load(path)) == record, suffix
        # Nothing but the files asked for: no temporary file is left behind.
        assert sorted(p.name for p in Path(folder).iterdir()) == sorted(
            f"record{suffix}" for suffix in SUFFIXES
        )


def _reorder(value: Any) -> Any:
    """An equal value whose mappings were built in the reverse order."""
    if isinstance(value, dict):
        return {k: _reorder(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [_reorder(v) for v in value]
    return value


@given(record=records(consistent=False))
def test_equal_records_dump_to_the_same_bytes(record: cq.Record) -> None:
    # Mappings compare equal whatever their order, so the output must not depend on it.
    rebuilt = cq.Record(
        attrs.evolve(e, extensions=_reorder(dict(e.extensions))) for e in record.entities
    )
    assert rebuilt == record
    for fmt in cq.FORMATS:
        assert cq.dumps(rebuilt, fmt) == cq.dumps(record, fmt), fmt


@given(record=records())
def test_a_consistent_record_has_no_problem(record: cq.Record) -> None:
    assert record.validate() == []


@pytest.mark.parametrize("kind", PROBLEM_KINDS)
@given(data=st.data())
def test_validate_finds_exactly_the_planted_problem(kind: str, data: st.DataObject) -> None:
    record, expected = data.draw(records_with_problem(kind))
    found = [(p.code, p.entity, p.path) for p in record.validate()]
    assert found == [(expected.code, expected.entity, expected.path)]


@given(record=records())
def test_locating_evidence_fills_exactly_the_missing_spans(record: cq.Record) -> None:
    located = record.locate_evidence()
    assert located.validate() == []
    before = [e for entity in record.entities for e in _evidence_in(entity)]
    after = [e for entity in located.entities for e in _evidence_in(entity)]
    assert len(before) == len(after)
    for old, new in zip(before, after, strict=True):
        assert (new.source, new.quote, new.note) == (old.source, old.quote, old.note)
        assert new.start is not None
        if old.start is not None:
            assert new == old
        text = located.text_of(new.source)
        assert text is not None
        assert text[new.start : new.end] == new.quote


def _evidence_in(value: object) -> list[cq.Evidence]:
    found: list[cq.Evidence] = []
    if isinstance(value, cq.Evidence):
        return [value]
    if isinstance(value, tuple):
        for item in value:
            found.extend(_evidence_in(item))
    elif attrs.has(type(value)) and not isinstance(value, cq.Date):
        for a in attrs.fields(type(value)):
            found.extend(_evidence_in(getattr(value, a.name)))
    return found


# -- queries agree with a plain filter --------------------------------------------


QUERIES = {
    "events": cq.Event,
    "statements": cq.Statement,
    "proposals": cq.Proposal,
    "agents": cq.Agent,
    "people": cq.Person,
    "organizations": cq.Organization,
    "states": cq.State,
    "groups": cq.Group,
    "memberships": cq.Membership,
    "documents": cq.Document,
    "sources": cq.Source,
}


@given(record=records(consistent=False, max_size=12))
def test_typed_queries_select_what_a_scan_selects(record: cq.Record) -> None:
    for name, cls in QUERIES.items():
        query = getattr(record, name)
        expected = [e for e in record.entities if isinstance(e, cls)]
        assert list(query) == expected
        assert query.ids() == [e.id for e in expected]
        assert query.count() == len(query) == len(expected)
        assert query.first() == (expected[0] if expected else None)
        assert bool(query) is bool(expected)


@given(record=records(max_size=12), data=st.data())
def test_get_find_and_where_agree_with_a_scan(record: cq.Record, data: st.DataObject) -> None:
    for entity in record.entities:
        first = next(e for e in record.entities if e.id == entity.id)
        assert record.get(entity.id) is first
        assert record.find(entity.id) is first
        assert entity.id in record
    events = record.events
    if len(events):
        kind = data.draw(st.sampled_from([e.kind for e in events]))
        assert events.where(kind=kind).ids() == [e.id for e in events if e.kind == kind]
    statements = record.statements
    if len(statements):
        speaker = data.draw(
            st.sampled_from([a for statement in statements for a in statement.speakers] or [""])
        )
        chosen = statements.filter(lambda s: speaker in s.speakers)
        assert chosen.ids() == [
            s.id for s in record.entities if isinstance(s, cq.Statement) and speaker in s.speakers
        ]


@given(record=records(consistent=False, max_size=12))
def test_order_by_and_one_agree_with_sorted(record: cq.Record) -> None:
    query = record.of_type(cq.Entity)
    assert query.order_by(lambda e: e.id).ids() == sorted(e.id for e in record.entities)
    assert query.order_by(lambda e: e.id, reverse=True).ids() == sorted(
        (e.id for e in record.entities), reverse=True
    )
    for entity in record.entities:
        same = query.filter(lambda e, i=entity.id: e.id == i)
        if len([e for e in record.entities if e.id == entity.id]) == 1:
            assert same.one() is entity
        else:
            with pytest.raises(cq.QueryError, match=r"expected exactly one entity .*, found [2-9]"):
                same.one()


# -- the strategies themselves ------------------------------------------------------


@pytest.mark.parametrize("tag", cq.default_registry.tags())
@given(data=st.data())
def test_entities_of_each_registered_class(tag: str, data: st.DataObject) -> None:
    cls = cq.default_registry.get(tag)
    assert cls is not None
    entity = data.draw(entities(cls))
    assert isinstance(entity, cls)
    assert (
        cq.default_converter.structure_entity(cq.default_converter.unstructure_entity(entity))
        == entity
    )


VALUE_CLASSES = [
    cls
    for name in cq.model.__all__
    if isinstance(cls := getattr(cq.model, name), type)
    and attrs.has(cls)
    and not issubclass(cls, cq.Entity)
]


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_values_of_each_model_class_round_trip(cls: type, data: st.DataObject) -> None:
    value = data.draw(values(cls))
    assert isinstance(value, cls)
    plain = cq.default_converter.unstructure(value)
    assert cq.default_converter.structure(plain, cls) == value


@given(date=dates())
def test_dates_round_trip(date: cq.Date) -> None:
    plain = cq.default_converter.unstructure(date)
    assert cq.default_converter.structure(plain, cq.Date) == date
    if date.lower_day is not None and date.upper_day is not None:
        assert date.lower_day <= date.upper_day


@given(value=values(cq.Participation))
def test_values_respect_what_the_converters_require(value: cq.Participation) -> None:
    assert len(value.roles) >= 1


@given(record=records(registry=downstream.REGISTRY, min_size=4))
def test_registered_downstream_classes_get_strategies(record: cq.Record) -> None:
    assert record.validate() == []
    for hearing in record.of_type(Hearing):
        assert isinstance(record.get(hearing.committee), cq.Organization)
    text = cq.dumps(record, "json", converter=downstream.CONVERTER)
    assert cq.loads(text, "json", converter=downstream.CONVERTER) == record


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(record=records(registry=monitor.registry, min_size=6))
def test_a_downstream_class_referring_to_another_by_its_tag_gets_strategies(
    record: cq.Record,
) -> None:
    # A hearing's `follows` names another hearing by its type tag, not a model class.
    assert record.validate() == []
    for hearing in record.of_type(monitor.Hearing):
        if hearing.follows is not None:
            assert isinstance(record.get(hearing.follows), monitor.Hearing)
    text = cq.dumps(record, "json", converter=monitor.converter)
    assert cq.loads(text, "json", converter=monitor.converter) == record


@given(hearing=entities(Hearing, registry=downstream.REGISTRY))
def test_entities_of_a_downstream_class(hearing: Hearing) -> None:
    assert type(hearing) is Hearing
    data = downstream.CONVERTER.unstructure_entity(hearing)
    assert data["type"] == downstream.TAG
    assert downstream.CONVERTER.structure_entity(data) == hearing


_CODE = re.compile(r"[A-Z]{2}-[0-9]{3}")


@cq.Check.of("proptest:code", pattern=_CODE)
def _check_code(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _CODE.fullmatch(value):
        raise ValueError(f"{attribute.name}: {value!r} is not a code")


@cq.Check.of("proptest:seats", minimum=1)
def _check_seats(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"{attribute.name}: {value!r} is not a number of seats")


@attrs.frozen(kw_only=True)
class Chamber:
    code: str = attrs.field(validator=_check_code)
    seats: int = attrs.field(validator=_check_seats)


@given(chamber=values(Chamber))
def test_a_downstream_check_gets_values_of_its_pattern_and_minimum(chamber: Chamber) -> None:
    assert _CODE.fullmatch(chamber.code)
    assert chamber.seats >= 1
