"""The JSON Schema, checked by the jsonschema package against the loader's verdicts."""

from __future__ import annotations

import copy
import importlib
import json
import re
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import communique as cq
import downstream

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("**/record.yaml"))


def _validator(registry: cq.Registry | None = None) -> jsonschema.Draft202012Validator:
    schema = cq.json_schema(registry)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _data(record: cq.Record) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(cq.dumps(record, format="json"))
    return data


def test_there_are_examples() -> None:
    assert EXAMPLES


# Examples of downstream packages are read with the package's own converter.
PACKAGES = {"extending": "communique_monitor"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_example_record_validates(path: Path) -> None:
    package = PACKAGES.get(path.parent.name)
    converter = importlib.import_module(package).converter if package else cq.default_converter
    record = cq.load(path, converter=converter)
    data = json.loads(cq.dumps(record, format="json", converter=converter))
    assert list(_validator(converter.registry).iter_errors(data)) == []


def test_the_schema_is_self_contained() -> None:
    text = json.dumps(cq.json_schema())
    refs = {r.split('"')[0] for r in text.split('"$ref": "')[1:]}
    assert refs
    assert all(r.startswith("#/$defs/") for r in refs)


def _person() -> dict[str, Any]:
    return {
        "communique": cq.FORMAT_VERSION,
        "entities": [
            {
                "type": "person",
                "id": "person:vladimir-norov",
                "name": "Vladimir Norov",
                "posts": [{"title": "Secretary-General", "organization": "org:sco"}],
                "x-newsroom:confidence": 0.9,
            },
            {
                "type": "event",
                "id": "event:2020-03-04-roundtable",
                "kind": "roundtable",
                "date": {"edtf": "2020-03-04", "inferred": True, "phrase": "On 4 March"},
                "participants": [{"agent": "person:vladimir-norov", "roles": ["speaker"]}],
            },
            {
                "type": "proposal",
                "id": "proposal:talks",
                "text": "to hold talks",
                "proposers": ["person:vladimir-norov"],
                "amounts": [{"value": "1250000.50", "currency": "EUR"}],
            },
        ],
    }


def test_a_good_document_is_valid_to_both() -> None:
    doc = _person()
    assert _validator().is_valid(doc)
    cq.loads(json.dumps(doc))


BROKEN = {
    "unknown field": (0, "nmae", "Vladimir"),
    "unknown field in a value": (0, "posts", [{"title": "SG", "rank": 1}]),
    "wrong type": (0, "name", 7),
    "text where a list is wanted": (1, "topics", "security"),
    "unknown type tag": (0, "type", "persn"),
    "bad term": (1, "kind", "roundtabel"),
    "bad enum value": (1, "attendance", "by-pigeon"),
    "empty roles": (1, "participants", [{"agent": "person:vladimir-norov", "roles": []}]),
    "bad id": (0, "id", "Vladimir Norov"),
    "bad extension key": (0, "x-confidence", 1),
    "money as a float": (2, "amounts", [{"value": 1.5, "currency": "EUR"}]),
    "bad currency": (2, "amounts", [{"value": "1", "currency": "euro"}]),
    "date mapping with an unknown key": (1, "date", {"edtf": "2020", "guess": True}),
    "a date in words": (1, "date", "4 March 2020"),
    "a date as a number": (1, "date", 2020),
    "missing required field": (2, "proposers", None),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_a_record_that_breaks_the_model_fails_the_schema_and_the_loader(case: str) -> None:
    index, key, value = BROKEN[case]
    doc = copy.deepcopy(_person())
    if value is None:
        del doc["entities"][index][key]
    else:
        doc["entities"][index][key] = value
    assert not _validator().is_valid(doc)
    with pytest.raises(cq.LoadError):
        cq.loads(json.dumps(doc))


def test_the_format_version_is_required() -> None:
    doc = _person()
    doc["communique"] = "0.9"
    assert not _validator().is_valid(doc)


def test_downstream_types_and_terms_are_described() -> None:
    registry, converter = downstream.REGISTRY, downstream.CONVERTER
    hearing = {
        "type": downstream.TAG,
        "id": "event:hearing-1",
        "kind": "session",
        "committee": "org:foreign-affairs",
    }
    doc = {"communique": cq.FORMAT_VERSION, "entities": [hearing]}
    cq.loads(json.dumps(doc), converter=converter)
    assert _validator(registry).is_valid(doc)
    assert not _validator().is_valid(doc)  # the default registry does not know the tag
    without_committee = {k: v for k, v in hearing.items() if k != "committee"}
    assert not _validator(registry).is_valid({**doc, "entities": [without_committee]})

    doc_with_term = copy.deepcopy(doc)
    doc_with_term["entities"][0]["kind"] = "schematest:inquiry"
    assert not _validator(registry).is_valid(doc_with_term)
    cq.EventKind.extend("schematest:inquiry", "Inquiry")
    assert _validator(registry).is_valid(doc_with_term)


def test_a_downstream_check_gives_the_schema_its_pattern() -> None:
    shape = re.compile(r"[A-Z]{2}-[0-9]{3}")

    @cq.Check.of("committee-code", pattern=shape)
    def check_code(_: object, attribute: attrs.Attribute[str], value: str) -> None:
        if not shape.fullmatch(value):
            raise ValueError(f"{attribute.name}: {value!r} is not a committee code")

    @attrs.frozen(kw_only=True)
    class Sitting(cq.Event):
        code: str = attrs.field(validator=check_code)

    registry = cq.default_registry.child()
    registry.register(Sitting, "schematest:sitting")
    sitting = {"type": "schematest:sitting", "id": "event:s-1", "kind": "session", "code": "FA-001"}
    doc = {"communique": cq.FORMAT_VERSION, "entities": [sitting]}
    cq.loads(json.dumps(doc), converter=cq.Converter(registry))
    assert _validator(registry).is_valid(doc)
    assert not _validator(registry).is_valid({**doc, "entities": [{**sitting, "code": "fa-1"}]})
