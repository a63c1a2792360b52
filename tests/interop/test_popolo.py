"""Popolo export checked by the Popolo schemas themselves; import of the spec's own examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing
import referencing.exceptions
import referencing.jsonschema

import communique as cq
from communique.interop import Loss, from_popolo, to_popolo
from communique.interop.popolo import COLLECTIONS, PopoloError

ROOT = Path(__file__).resolve().parents[2]


POPOLO = ROOT / "tests" / "data" / "popolo"


def _validators() -> dict[str, jsonschema.Draft3Validator]:
    """One validator per Popolo schema, every file registered under its own URL
    so that ``$ref`` resolves offline (and an unknown URL fails, not fetches)."""
    contents = {
        f.stem: json.loads(f.read_text(encoding="utf-8"))
        for f in sorted((POPOLO / "schemas").glob("*.json"))
    }
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (
            schema["id"].rstrip("#"),
            referencing.Resource.from_contents(
                schema, default_specification=referencing.jsonschema.DRAFT3
            ),
        )
        for schema in contents.values()
    )
    return {
        name: jsonschema.Draft3Validator(
            schema, registry=registry, format_checker=jsonschema.Draft3Validator.FORMAT_CHECKER
        )
        for name, schema in contents.items()
    }


VALIDATORS = _validators()


def _errors(document: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [
        f"{collection} {obj.get('id')}: {error.message}"
        for collection, schema in COLLECTIONS.items()
        for obj in document[collection]
        for error in VALIDATORS[schema].iter_errors(obj)
    ]


def test_the_validators_are_not_vacuous() -> None:
    assert VALIDATORS["person"].is_valid({"id": "p", "name": "N"})
    assert not VALIDATORS["person"].is_valid({"name": 7})
    assert not VALIDATORS["event"].is_valid({"start_date": "4 March 2020"})
    assert not VALIDATORS["speech"].is_valid({"date": "2020-03-04"})  # date-time wanted
    # references to other schemas resolve from the local files
    assert not VALIDATORS["membership"].is_valid({"person": {"name": 7}})
    assert not VALIDATORS["organization"].is_valid({"other_names": [{"name": 7}]})


def test_the_spec_examples_pass_the_validators_as_the_readme_says() -> None:
    schema_of = {"name-component": "person", "metadata": "person"}
    verdicts = {}
    for path in sorted((POPOLO / "examples").glob("*.json")):
        name = schema_of.get(path.stem, path.stem.removeprefix("embedding-"))
        example = json.loads(path.read_text(encoding="utf-8"))
        verdicts[path.stem] = VALIDATORS[name].is_valid(example)
    assert len(verdicts) == 18
    # "All of them validate except examples/motion.json"
    assert [stem for stem, valid in verdicts.items() if not valid] == ["motion"]


def test_the_corpus_exports_to_valid_popolo(corpus: cq.Record) -> None:
    export = to_popolo(corpus)
    assert _errors(export.data) == []
    assert {name for name, objs in export.data.items() if objs} == set(COLLECTIONS)


def test_the_seed_exports_to_valid_popolo(seed: cq.Record) -> None:
    export = to_popolo(seed)
    assert _errors(export.data) == []
    assert [e["id"] for e in export.data["events"]] == seed.events.ids()
    assert [p["id"] for p in export.data["persons"]] == seed.people.ids()


def test_what_the_export_carries(corpus: cq.Record) -> None:
    data = to_popolo(corpus).data
    norov = next(p for p in data["persons"] if p["id"] == "person:vladimir-norov")
    assert norov == {
        "id": "person:vladimir-norov",
        "name": "Vladimir Norov",
        "honorific_prefix": "Mr",
    }
    [post] = [p for p in data["posts"] if p["organization_id"] == "org:sco"]
    assert (post["label"], post["start_date"], post["end_date"]) == (
        "Secretary-General",
        "2019-01-01",
        "2021-12-31",
    )
    holding = next(m for m in data["memberships"] if m.get("post_id") == post["id"])
    assert holding["person_id"] == "person:vladimir-norov"
    observer = next(m for m in data["memberships"] if m["id"] == "membership:in-sco-observer")
    assert observer == {
        "id": "membership:in-sco-observer",
        "member": {"@type": "Organization", "id": "state:in"},
        "organization_id": "org:sco",
        "role": "observer",
        "start_date": "2005",
        "end_date": "2017-06-09",
    }
    [state] = [o for o in data["organizations"] if o["id"] == "state:at"]
    assert state["classification"] == "state"
    assert {"identifier": "AT", "scheme": "iso3166-1"} in state["identifiers"]
    [vote] = data["vote_events"]
    assert vote["counts"] == [
        {"option": "yes", "value": 13},
        {"option": "no", "value": 0},
        {"option": "abstain", "value": 2},
    ]
    assert vote["votes"] == [
        {"voter_id": "state:at", "option": "yes"},
        {"voter_id": "state:ru", "option": "abstain"},
    ]
    [speech] = [s for s in data["speeches"] if s["id"] == "statement:austria-welcome"]
    assert speech["sources"] == [
        {
            "url": "https://press.example.org/sc-2021-06-10",
            "note": '"We welcome this step," said the representative of Austria',
        }
    ]


def _lost(losses: tuple[Loss, ...], entity: str) -> dict[str, str]:
    return {loss.path: loss.reason for loss in losses if loss.entity == entity}


def test_what_popolo_cannot_carry_is_listed(corpus: cq.Record) -> None:
    losses = to_popolo(corpus.locate_evidence()).losses
    roundtable = _lost(losses, "event:2020-03-04-sco-aies-roundtable")
    assert "participant roles" in roundtable["$.participants[0].roles"]
    assert "inferred" in roundtable["$.date.inferred"]
    assert "$.date.phrase" in roundtable
    assert "$.participants[2].agent" in roundtable  # a group is not a Popolo attendee
    assert "$.topics" in roundtable
    talks = _lost(losses, "proposal:talks-on-terrorism")
    assert "supported or opposed" in talks["$.responses[0].stance"]
    quote = _lost(losses, "statement:austria-welcome")
    assert "spans" in quote["$.evidence[0].start"]
    assert "reported speech" in quote["$.attribution"]
    assert "$.x-newsroom:confidence" in _lost(losses, "person:werner-fasslabend")
    assert _lost(losses, "document:sco-charter") == {"$": "Popolo has no documents"}
    other = cq.Record([cq.Provision(id="provision:p", document="document:d", text="T")])
    assert _lost(to_popolo(other).losses, "provision:p") == {"$": "Popolo has no Provision entities"}
    assert "$.decision.votes[0].position" not in _lost(losses, "proposal:unsc-9999")
    assert "$" not in _lost(losses, "event:2021-06-10-unsc-9999")


def test_nothing_is_lost_when_everything_fits() -> None:
    record = cq.Record(
        [
            cq.Organization(id="org:sco", name="SCO", kind="intergovernmental_organization"),
            cq.Person(
                id="person:a", name="A", posts=(cq.Post(title="SG", organization="org:sco"),)
            ),
        ]
    )
    assert to_popolo(record).losses == ()


# -- import -------------------------------------------------------------------


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((POPOLO / "examples" / f"{name}.json").read_text("utf-8"))
    return data


def test_import_of_the_spec_examples() -> None:
    record = from_popolo(
        {
            "persons": [_example("person")],
            "organizations": [_example("organization")],
            "memberships": [_example("membership")],
            "posts": [_example("post")],
            "events": [_example("event")],
            "speeches": [_example("speech")],
            "motions": [_example("motion")],
        }
    )
    person = record.get("person:john-q-public", cq.Person)
    assert person.name == "Mr. John Q. Public, Esq."
    assert [n.name for n in person.other_names] == ["Mr. Ziggy Q. Public, Esq.", "Dragonsbane"]
    assert cq.Identifier(scheme="SIN", value="046454286") in person.identifiers
    assert person.extensions["x-popolo:email"] == "jqpublic@xyz.example.com"
    assert person.extensions["x-popolo:other_names"][0]["start_date"] == "1920-01"  # type: ignore[index,call-overload]

    org = record.get("org:abc-inc", cq.Organization)
    assert (org.parent, org.founded, org.dissolved) == (
        "org:holding-company-corp",
        cq.Date("1950-01-01"),
        cq.Date("2000-01-01"),
    )
    assert org.extensions["x-popolo:classification"] == "Corporation"
    assert [p["id"] for p in org.extensions["x-popolo:posts"]] == ["abc-inc-chef"]  # type: ignore[union-attr,index]

    membership = record.get("membership:593", cq.Membership)
    assert (membership.member, membership.organization, membership.status) == (
        "person:john-q-public",
        "org:abc-inc",
        "member",
    )
    assert membership.extensions["x-popolo:role"] == "Kitchen assistant"
    assert membership.start == cq.Date("1970-01")

    event = record.get("event:parliament-41-session-1", cq.Event)
    assert event.date == cq.Date("2011-06-02/2013-09-13")
    assert event.organisers == ("org:parliament-of-canada",)
    assert [p.agent for p in event.participants] == ["person:andrew-scheer"]
    assert event.part_of == "event:parliament-41"
    assert event.extensions["x-popolo:classification"] == "Legislative session"

    [speech] = record.statements
    assert (speech.kind, speech.speakers, speech.capacity, speech.date) == (
        "speech",
        ("person:noel-kinsella",),
        "speaker",
        cq.Date("2014-03-25T17:00:00Z"),
    )
    assert speech.event == "event:P41-S2-S43"
    assert speech.extensions["x-popolo:title"] == "Speaker's Ruling - Motion 55"

    [motion] = record.proposals
    assert motion.id == "proposal:motions-0"
    assert motion.text == "That the Bill is to be read a second time."
    assert motion.proposers == ("person:john-doe",)
    assert [s.status for s in motion.statuses] == ["adopted"]
    assert motion.extensions["x-popolo:requirement"] == "two-thirds majority"
    # the record it makes is a valid record, short of ids the examples do not define
    assert {p.code for p in record.validate()} == {"dangling-reference"}


def test_import_of_embedded_memberships_and_posts() -> None:
    person = _example("embedding-person")
    org = _example("embedding-organization")
    record = from_popolo({"persons": [person], "organizations": [org]})
    john = record.get("person:john-q-public", cq.Person)
    assert [(p.title, p.organization, p.start) for p in john.posts] == [
        ("Kitchen Assistant at Joe's Diner", "org:abc-inc", cq.Date("1970-01")),
        ("Chef at Joe's Diner", "org:abc-inc", cq.Date("1972-01-01")),
    ]
    assert record.memberships.ids() == []  # holding a post is a post, not a membership


def test_export_then_import_keeps_what_popolo_carries(corpus: cq.Record) -> None:
    back = from_popolo(to_popolo(corpus).data)
    assert back.validate() == []
    for entity in back:
        original = corpus.find(entity.id)
        if original is not None:
            assert type(entity) is type(original)
            name = getattr(original, "name", None)
            assert getattr(entity, "name", None) == name
    assert back.get("event:2021-06-10-unsc-9999", cq.Event).date == cq.Date("2021-06-10")
    assert back.get("person:vladimir-norov", cq.Person).posts[0].start == cq.Date("2019-01-01")


def test_bad_popolo_data_is_an_error_naming_it() -> None:
    with pytest.raises(PopoloError, match=r"^\$\.memberships \(m1\): the membership has no member"):
        from_popolo({"memberships": [{"id": "m1", "organization_id": "o"}]})
    with pytest.raises(PopoloError, match="unknown Popolo lists"):
        from_popolo({"people": []})
    with pytest.raises(
        PopoloError,
        match=r"^\$\.events\[0\] \(event:events-0\): \$\.date: .*not a real calendar day",
    ):
        from_popolo({"events": [{"start_date": "2020-02-30"}]})
    with pytest.raises(
        PopoloError,
        match=r"^\$\.persons\[1\] \(person:q\): \$\.name: expected text, found an integer",
    ):
        from_popolo({"persons": [{"id": "p", "name": "P"}, {"id": "q", "name": 7}]})
    with pytest.raises(
        PopoloError, match=r"\(proposal:motions-0\): \$\.text: required field missing"
    ):
        from_popolo({"motions": [{"result": "pass"}]})


def test_a_round_trip_of_the_seed_keeps_the_types_it_exported(seed: cq.Record) -> None:
    back = from_popolo(to_popolo(seed).data)
    assert back.validate() == []
    for group in seed.groups:
        assert back.get(group.id, cq.Group).members == group.members
