"""Qualified quantities: their qualifiers, ranges, currencies and units, checked when
made, read and described by the JSON Schema; and round trips in every format."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest

import communique as cq

FORMATS = ("json", "jsonl", "yaml")


def _statement(*quantities: dict[str, object]) -> dict[str, object]:
    return {
        "communique": "1.0",
        "entities": [
            {"type": "organization", "id": "org:a", "name": "A"},
            {
                "type": "statement",
                "id": "statement:s",
                "kind": "statement",
                "speakers": ["org:a"],
                "attribution": "full_text",
                "quantities": list(quantities),
            },
        ],
    }


GOOD = {
    "more than USD 2 billion over five years": {
        "qualifier": "more_than",
        "value": "2000000000",
        "currency": "USD",
        "period": {"edtf": "2026/2030", "phrase": "over five years", "inferred": True},
        "purpose": "the facility",
    },
    "more than 50 nations": {
        "qualifier": "more_than",
        "value": 50,
        "unit": "nations",
        "counted": ["org:a"],
    },
    "between 3 and 5 per cent": {"qualifier": "range", "low": 3, "high": "5", "unit": "per cent"},
    "exactly 12, the default qualifier": {"value": 12},
}

BAD = {
    "a range with a value": ({"qualifier": "range", "value": 4}, "low and high"),
    "a bound without a value": ({"qualifier": "at_least"}, "gives its value"),
    "a low outside a range": ({"value": 4, "low": 3}, "only a range"),
    "a currency and a unit": ({"value": 1, "currency": "USD", "unit": "t"}, "not a unit"),
    "an unknown qualifier": ({"qualifier": "roughly", "value": 1}, "qualifier"),
    "a float amount": ({"value": 1.5}, "decimal"),
    "a bad currency": ({"value": 1, "currency": "dollars"}, "ISO 4217"),
}


@pytest.mark.parametrize("case", list(GOOD))
def test_a_good_quantity_loads_validates_and_round_trips(case: str) -> None:
    document = _statement(GOOD[case])
    validator = jsonschema.Draft202012Validator(cq.json_schema())
    assert list(validator.iter_errors(document)) == []
    record = cq.loads(json.dumps(document))
    assert record.validate() == []
    for fmt in FORMATS:
        assert cq.loads(cq.dumps(record, fmt), fmt) == record


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_quantity_fails_the_loader_and_the_schema(case: str) -> None:
    quantity, message = BAD[case]
    document = _statement(quantity)
    with pytest.raises(cq.LoadError, match=message):
        cq.loads(json.dumps(document))
    assert not jsonschema.Draft202012Validator(cq.json_schema()).is_valid(document)


def test_a_range_upside_down_fails_the_loader() -> None:
    # The schema cannot compare two values; the loader does.
    document = _statement({"qualifier": "range", "low": 5, "high": 3})
    with pytest.raises(cq.LoadError, match="below its low"):
        cq.loads(json.dumps(document))


def test_a_counted_agent_is_a_checked_reference() -> None:
    document = _statement({"qualifier": "at_least", "value": 3, "counted": ["org:nowhere"]})
    problems = cq.loads(json.dumps(document)).validate()
    assert [(p.code, p.path) for p in problems] == [
        ("dangling-reference", "$.quantities[0].counted[0]")
    ]


def test_bounds_say_the_least_and_the_greatest() -> None:
    assert cq.Quantity(qualifier="about", value=30).bounds == (Decimal(30), Decimal(30))
    assert cq.Quantity(qualifier="up_to", value=9).bounds == (None, Decimal(9))
    assert cq.Quantity(qualifier="range", low=1, high=2).bounds == (Decimal(1), Decimal(2))


def test_every_qualifier_has_a_label_and_a_meaning() -> None:
    for entry in cq.vocab.entries(cq.Qualifier):
        assert entry.label
        assert entry.meaning
    assert "statement.quantities[].qualifier" in cq.vocab.used_in(cq.Qualifier)
