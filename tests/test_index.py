"""The compact indexes behind queries (communique/_index.py)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import communique as cq
from communique import Date, Document, Entity, Event, Membership, Proposal, Statement, testing
from communique._arguments import days
from communique._index import NO_END, NO_START, Index, Span, _Grouper, span_of_dates
from communique.model import bounds_of, date_of

SEED = "examples/sco_aies_roundtable/record.yaml"


def test_grouped_positions_come_back_by_key_in_ascending_order() -> None:
    grouper = _Grouper()
    for key, position in [("b", 7), ("a", 3), ("b", 2), ("c", 5), ("a", 9)]:
        grouper.add(key, position)
    grouped = grouper.done()
    assert [list(grouped.get(k)) for k in ("a", "b", "c")] == [[3, 9], [2, 7], [5]]
    assert grouped.get("z") == ()
    assert "a" in grouped
    assert "z" not in grouped
    assert 1 not in grouped
    assert list(grouped["b"]) == [2, 7]
    with pytest.raises(KeyError):
        grouped["z"]
    assert len(grouped) == 3


def test_positions_by_id_agree_with_the_record() -> None:
    record = cq.load(SEED)
    index = record.query_index()
    for position, entity in enumerate(record):
        assert index.position(entity.id) == position
        assert index.find(entity.id) is entity
    assert index.position("person:nobody") is None


def test_a_duplicated_id_keeps_every_position() -> None:
    entities = list(cq.load(SEED))
    twice = [*entities, entities[0]]
    index = Index(twice)
    assert index.position(entities[0].id) == 0
    assert index.with_ids([entities[0].id]) == [0, len(entities)]


# -- dates: the index gives date_of's answer for every entity -------------------------

# Ids a link may name: the entities drawn below, and one that is in no record.
_EVENTS = [f"event:e{k}" for k in range(3)]
_STATEMENTS = [f"statement:s{k}" for k in range(6)]
_DOCUMENTS = ["document:d0", "document:d1"]
_PERIODS = ["membership:m0"]
_MISSING = "statement:missing"


def _some(ids: list[str]) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from([*ids, _MISSING])


@st.composite
def _linked(draw: st.DrawFn) -> list[Entity]:
    """Events, documents, a membership (dated by a period), statements and
    proposals, each dated or not, linked every way their date_from fields allow and
    some they do not (a statement part of itself, of a membership, of one missing):
    chains, cycles and shared targets, in any order, with an id now and then twice."""
    dated = st.none() | testing.dates()
    entities: list[Entity] = [Event(id=e, kind="meeting", date=draw(dated)) for e in _EVENTS]
    entities += [
        Document(id=d, title="Declaration", kind="declaration", adopted=draw(dated))
        for d in _DOCUMENTS
    ]
    entities += [
        Membership(
            id=m,
            member="state:x",
            organization="org:y",
            status="member",
            start=draw(dated),
            end=draw(dated),
        )
        for m in _PERIODS
    ]
    anything = [*_STATEMENTS, *_PERIODS, *_EVENTS]
    entities += [
        Statement(
            id=s,
            kind="remarks",
            attribution="reported",
            speakers=("person:a",),
            date=draw(st.none() | st.none() | testing.dates()),
            part_of=draw(_some(anything)),
            event=draw(_some(_EVENTS)),
            replies_to=draw(_some(_STATEMENTS)),
            document=draw(_some(_DOCUMENTS)),
        )
        for s in _STATEMENTS[: draw(st.integers(1, len(_STATEMENTS)))]
    ]
    entities += [
        Proposal(
            id=f"proposal:p{k}",
            text="To meet again.",
            proposers=("person:a",),
            date=draw(st.none() | st.none() | testing.dates()),
            statement=draw(_some(_STATEMENTS)),
            event=draw(_some(_EVENTS)),
        )
        for k in range(draw(st.integers(0, 3)))
    ]
    entities = draw(st.permutations(entities))
    if draw(st.booleans()):
        # The same id twice: each keeps its own date, and links find the one
        # the record finds.
        twice = draw(st.sampled_from([e for e in entities if isinstance(e, Statement)]))
        entities.insert(
            draw(st.integers(0, len(entities))),
            attrs.evolve(twice, date=draw(dated), event=draw(_some(_EVENTS))),
        )
    return entities


def _expected_span(entity: Entity, record: cq.Record) -> Span | None:
    dates = date_of(entity, record.find)
    return span_of_dates(dates[0], dates[-1]) if dates else None


def _assert_dates_agree(record: cq.Record) -> None:
    """The index's bounds, certainty, day lists, ``on`` and ``timeline`` against
    what date_of and bounds_of say of each entity."""
    index = record.query_index()
    entities = list(record)
    everything = set(index.dated(Entity, NO_START, NO_END, certain=False))
    for i, entity in enumerate(entities):
        dates = date_of(entity, record.find)
        bounds = bounds_of(entity, record.find)
        if not dates:
            assert bounds is None
            assert (index.lower[i], index.upper[i], index.certain[i]) == (
                NO_END + 1,
                NO_START - 1,
                0,
            )
            assert i not in everything
            continue
        assert bounds is not None
        first, last = bounds
        assert index.lower[i] == (NO_START if first is None else first), entity.id
        assert index.upper[i] == (NO_END if last is None else last), entity.id
        sure = all(not (d.uncertain or d.approximate) for d in dates if d is not None)
        assert index.certain[i] == sure, entity.id
        span = _expected_span(entity, record)
        assert span is not None
        assert (index.low[i], index.high[i]) == (span.low, span.high), entity.id
        assert i in everything
    # Every day some entity is dated by, as a query: certain, and possibly.
    asked = {d.edtf for e in entities for d in date_of(e) if d is not None and "/" not in d.edtf}
    for day in sorted(asked):
        low, high = days(day)
        for certain in (True, False):
            for query, cls in ((record.statements, Statement), (record.proposals, Proposal)):
                expected = [
                    e
                    for e in entities
                    if isinstance(e, cls)
                    and (span := _expected_span(e, record)) is not None
                    and span.inside(low, high, certain=certain)
                ]
                assert list(query.on(day, certain=certain)) == expected, (day, certain)
    # The timeline: every dated entity, by its first day, then its last, then its place.
    place = {id(e): i for i, e in enumerate(entities)}
    dated = [e for e in entities if date_of(e, record.find)]
    dated.sort(key=lambda e: (index.lower[place[id(e)]], index.upper[place[id(e)]], place[id(e)]))
    assert [id(e) for e in record.timeline()] == [id(e) for e in dated]


@given(_linked())
def test_the_dates_of_linked_entities_are_those_date_of_finds(entities: list[Entity]) -> None:
    _assert_dates_agree(cq.Record(entities))


@given(testing.records())
def test_the_dates_of_generated_records_are_those_date_of_finds(record: cq.Record) -> None:
    _assert_dates_agree(record)


@given(testing.records(consistent=False))
def test_the_dates_of_inconsistent_records_are_those_date_of_finds(record: cq.Record) -> None:
    _assert_dates_agree(record)


def test_the_dates_of_the_seed_are_those_date_of_finds(seed: cq.Record) -> None:
    _assert_dates_agree(seed)


def _statement(sid: str, **links: str | None) -> Statement:
    return Statement(
        id=sid, kind="remarks", attribution="reported", speakers=("person:a",), **links
    )


def _dates_by_id(entities: list[Entity]) -> dict[str, str | None]:
    """The first date date_of finds for each entity, once the index is checked to
    agree with it."""
    record = cq.Record(entities)
    _assert_dates_agree(record)
    return {
        e.id: next((d.edtf for d in date_of(e, record.find) if d is not None), None) for e in record
    }


@pytest.mark.parametrize("backwards", [False, True])
def test_a_long_chain_of_parts_takes_the_date_at_its_end(backwards: bool) -> None:
    # Each paragraph part of the next: long enough that a recursive walk would fail.
    n = 1500
    chain: list[Entity] = [
        _statement(f"statement:s{k}", part_of=f"statement:s{k + 1}") for k in range(n)
    ]
    chain.append(_statement(f"statement:s{n}", event="event:e"))
    chain.append(Event(id="event:e", kind="meeting", date=Date("2020-03-04")))
    if backwards:
        chain.reverse()
    record = cq.Record(chain)
    index = record.query_index()
    # date_of walks the chain for each statement: asked of the first and the last.
    head, tail = record.get("statement:s0"), record.get(f"statement:s{n}")
    assert bounds_of(head, record.find) == bounds_of(tail, record.find) == days("2020-03-04")
    on_the_day = days("2020-03-04")
    assert all((index.lower[i], index.upper[i]) == on_the_day for i in range(len(chain)))
    assert len(record.statements.on("2020-03-04")) == n + 1
    assert len(record.timeline()) == n + 2


def test_a_cycle_of_parts_dates_each_statement_from_where_its_walk_goes() -> None:
    # s1 is part of s2, s2 of s3, s3 of s1; each was made at an event of its own.
    # date_of never visits a statement twice, so each takes the date of the event of
    # the statement before it on the cycle: one answer per statement, not one for all.
    entities: list[Entity] = [
        _statement("statement:s1", part_of="statement:s2", event="event:e1"),
        _statement("statement:s2", part_of="statement:s3", event="event:e2"),
        _statement("statement:s3", part_of="statement:s1", event="event:e3"),
        # Outside the cycle, part of it: its walk goes round from s1.
        _statement("statement:x", part_of="statement:s1"),
        *(Event(id=f"event:e{k}", kind="meeting", date=Date(f"2020-03-0{k}")) for k in (1, 2, 3)),
    ]
    for order in (entities, entities[::-1]):
        found = _dates_by_id(order)
        assert found["statement:s1"] == "2020-03-03"
        assert found["statement:s2"] == "2020-03-01"
        assert found["statement:s3"] == "2020-03-02"
        assert found["statement:x"] == "2020-03-03"


def test_a_statement_part_of_itself_takes_its_event_s_date() -> None:
    found = _dates_by_id(
        [
            _statement("statement:s", part_of="statement:s", event="event:e"),
            Event(id="event:e", kind="meeting", date=Date("2020-03-04")),
        ]
    )
    assert found["statement:s"] == "2020-03-04"


def test_a_proposal_takes_the_date_of_its_statement_s_event() -> None:
    entities: list[Entity] = [
        Proposal(
            id="proposal:p", text="To meet again.", proposers=("person:a",), statement="statement:s"
        ),
        _statement("statement:s", event="event:e"),
        Event(id="event:e", kind="meeting", date=Date("2020-03-04")),
    ]
    for order in (entities, entities[::-1]):
        assert _dates_by_id(order)["proposal:p"] == "2020-03-04"
        assert cq.Record(order).proposals.on("2020-03-04").ids() == ["proposal:p"]


def test_a_statement_part_of_a_dated_statement_is_on_its_day() -> None:
    # An operative paragraph of a dated declaration, made at an undated event.
    record = cq.Record(
        [
            _statement("statement:paragraph", part_of="statement:declaration", event="event:e"),
            Statement(
                id="statement:declaration",
                kind="remarks",
                attribution="reported",
                speakers=("person:a",),
                date=Date("2020-03-04"),
            ),
            Event(id="event:e", kind="meeting"),
        ]
    )
    _assert_dates_agree(record)
    assert set(record.statements.on("2020-03-04").ids()) == {
        "statement:paragraph",
        "statement:declaration",
    }
    assert record.timeline().ids() == ["statement:paragraph", "statement:declaration"]
