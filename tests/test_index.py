"""The compact indexes behind queries (communique/_index.py)."""

from __future__ import annotations

import pytest

import communique as cq
from communique._index import Index, _Grouper

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
