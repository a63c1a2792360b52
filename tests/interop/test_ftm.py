"""FollowTheMoney export, checked by the followthemoney package's own model."""

from __future__ import annotations

import pytest
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

import communique as cq
from communique.interop import to_ftm
from communique.interop.ftm import FtmLossError, ftm_id


def _by_id(proxies: list[EntityProxy]) -> dict[str, EntityProxy]:
    return {str(p.id): p for p in proxies}


@pytest.mark.parametrize("name", ["corpus", "seed"])
def test_every_entity_is_valid_to_followthemoney(name: str, request: pytest.FixtureRequest) -> None:
    record: cq.Record = request.getfixturevalue(name)
    proxies = to_ftm(record).data
    ids = set(_by_id(proxies))
    assert len(ids) == len(proxies)
    for proxy in proxies:
        schema = proxy.schema
        assert not schema.abstract
        data = proxy.to_dict()
        schema.validate(data)  # raises InvalidData
        assert all(proxy.get(prop) for prop in schema.required), (proxy.id, schema.required)
        # read back by FtM from plain data, cleaning again: nothing changes
        again = model.get_proxy(data, cleaned=False)
        assert again.to_dict() == data
        for prop, value in proxy.itervalues():
            assert prop.type.validate(value), (proxy.id, prop.name, value)
            if prop.type.name == "entity":
                assert value in ids, (proxy.id, prop.name, value)


def test_the_validation_is_not_vacuous() -> None:
    person = model.make_entity("Person")
    person.id = "p1"
    with pytest.raises(InvalidData):
        person.schema.validate({"properties": {"name": []}})
    assert not model.get("Event").get("date").type.validate("4 March")


def test_the_schemata_chosen(corpus: cq.Record) -> None:
    proxies = _by_id(to_ftm(corpus).data)
    schemata = {
        "org.sco": "PublicBody",
        "org.aies": "Organization",
        "state.at": "PublicBody",
        "person.vladimir-norov": "Person",
        "membership.in-sco-observer": "Membership",
        "event.2021-06-10-unsc-9999": "Event",
        "document.sco-charter": "Document",
    }
    assert {k: proxies[k].schema.name for k in schemata} == schemata
    assert proxies["state.at"].get("country") == ["at"]
    observer = proxies["membership.in-sco-observer"]
    assert observer.get("member") == ["state.in"]
    assert observer.get("role") == ["observer"]
    assert (observer.get("startDate"), observer.get("endDate")) == (["2005"], ["2017-06-09"])


def test_events_with_organisers_participants_and_their_roles(corpus: cq.Record) -> None:
    proxies = _by_id(to_ftm(corpus).data)
    event = proxies["event.2020-03-04-sco-aies-roundtable"]
    assert event.get("organizer") == ["org.sco-secretariat", "org.aies"]
    assert event.get("involved") == [
        "person.vladimir-norov",
        "person.werner-fasslabend",
        "group.austrian-experts",
    ]
    assert event.get("date") == ["2020-03-04"]
    links = [
        p
        for p in proxies.values()
        if p.schema.name == "UnknownLink" and p.get("object") == [event.id]
    ]
    roles = {link.first("subject"): sorted(link.get("role")) for link in links}
    assert roles == {
        "person.vladimir-norov": ["respondent", "speaker"],
        "person.werner-fasslabend": ["host", "speaker"],
        "group.austrian-experts": ["attendee", "questioner"],
    }
    assert model.get("UnknownLink").get("role") is not None


def test_posts_are_positions_held(corpus: cq.Record) -> None:
    proxies = _by_id(to_ftm(corpus).data)
    occupancy = proxies["person.werner-fasslabend.posts.1.occupancy"]
    assert occupancy.schema.name == "Occupancy"
    position = proxies[occupancy.first("post") or ""]
    assert position.get("name") == ["Defence Minister"]
    assert position.get("organization") == ["state.at"]
    assert occupancy.get("status") == ["former"]


def test_what_ftm_cannot_carry_is_listed(corpus: cq.Record) -> None:
    losses = {(loss.entity, loss.path): loss.reason for loss in to_ftm(corpus).losses}
    assert losses[("statement:austria-welcome", "$")] == "FollowTheMoney has no statements"
    assert losses[("proposal:unsc-9999", "$")] == "FollowTheMoney has no proposals"
    assert "inferred" in losses[("event:2020-03-04-sco-aies-roundtable", "$.date.inferred")]
    assert ("event:2020-03-04-sco-aies-roundtable", "$.participants[0].roles") not in losses
    assert ("person:werner-fasslabend", "$.x-newsroom:confidence") in losses


def test_a_value_ftm_drops_is_an_error() -> None:
    # 'xx' has the shape of a country code, but FtM knows no such country and
    # would drop it without a word: a value the exporter set and FtM did not keep.
    from followthemoney import model

    from communique.interop.ftm import _Proxy

    built = _Proxy(model.make_entity("Organization"), "org:x")
    built.add("country", "xx")
    with pytest.raises(FtmLossError, match=r"org:x: .*'xx' in Organization.country"):
        built.check()


def test_a_country_ftm_does_not_know_is_listed_as_lost() -> None:
    # A private-use code (an invented state's) is a valid country of the record.
    record = cq.Record(
        [
            cq.Organization(id="org:x", name="X", country="XX"),
            cq.State(id="state:xa", name="Aldera", country="XA"),
        ]
    )
    export = to_ftm(record)
    lost = {(loss.entity, loss.path): loss.reason for loss in export.losses}
    assert lost[("org:x", "$.country")] == "FollowTheMoney knows no country 'XX'"
    assert ("state:xa", "$.country") in lost
    assert all(not p.get("country") for p in export.data)


def test_ids_stay_apart() -> None:
    assert ftm_id("person:a-b") != ftm_id("person:a.b")
    assert ftm_id("person:a_b") != ftm_id("person:a-b")
    assert ftm_id("un:doc:S/2021/1").startswith("un.doc.S.2021.1.")


def test_identifiers_never_abort_the_export() -> None:
    record = cq.Record(
        [
            cq.Person(
                id="person:a",
                name="A",
                identifiers=(
                    cq.Identifier(scheme="wikidata", value="Q1065"),
                    cq.Identifier(scheme="x-newsroom", value="banana"),
                ),
            )
        ]
    )
    export = to_ftm(record)
    [proxy] = [p for p in export.data if p.schema.name == "Person"]
    assert proxy.get("wikidataId") == ["Q1065"]
    lost = {loss.path for loss in export.losses if "identifiers" in loss.path}
    assert lost
    assert all(path.startswith("$.identifiers[1]") for path in lost)
