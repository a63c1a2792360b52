"""schema.org JSON-LD, read by a real JSON-LD processor (pyld) with no network."""

from __future__ import annotations

from typing import Any

import pytest
from pyld import jsonld

import communique as cq
from communique.interop import to_jsonld
from communique.interop.jsonld import CONTEXT

SCHEMA = "http://schema.org/"


class Offline(RuntimeError):
    pass


FETCHED: list[str] = []


def _no_network(url: str, options: object = None) -> Any:
    FETCHED.append(url)
    raise Offline(f"the processor tried to fetch {url}")


OPTIONS = {"documentLoader": _no_network}


def _quads(document: Any) -> set[str]:
    text: str = jsonld.to_rdf(document, {**OPTIONS, "format": "application/n-quads"})
    return set(text.splitlines())


def test_the_loader_really_forbids_the_network() -> None:
    FETCHED.clear()
    with pytest.raises(jsonld.JsonLdError, match="loading remote context failed"):
        jsonld.expand({"@context": "https://schema.org/", "name": "x"}, OPTIONS)
    assert FETCHED == ["https://schema.org/"]


def test_the_document_expands_offline(corpus: cq.Record) -> None:
    FETCHED.clear()
    expanded = jsonld.expand(to_jsonld(corpus).data, OPTIONS)
    assert FETCHED == []
    types = {t for node in expanded for t in node.get("@type", [])}
    assert {
        f"{SCHEMA}Event",
        f"{SCHEMA}Person",
        f"{SCHEMA}Organization",
        f"{SCHEMA}Country",
        f"{SCHEMA}Quotation",
        f"{SCHEMA}OrganizationRole",
        f"{SCHEMA}CreativeWork",
    } <= types


def test_the_triples_say_what_the_record_says(corpus: cq.Record) -> None:
    quads = _quads(to_jsonld(corpus).data)
    event = "<urn:communique:event:2020-03-04-sco-aies-roundtable>"
    assert f'{event} <{SCHEMA}startDate> "2020-03-04" .' in quads
    assert f"{event} <{SCHEMA}organizer> <urn:communique:org:aies> ." in quads
    assert f"{event} <{SCHEMA}eventAttendanceMode> <{SCHEMA}MixedEventAttendanceMode> ." in quads
    # each participant's roles hang on a Role node between the event and the agent
    roles: dict[str, set[str]] = {}
    for quad in quads:
        if quad.startswith(f"{event} <{SCHEMA}attendee> "):
            node = quad.split()[2]
            agent = next(q.split()[2] for q in quads if q.startswith(f"{node} <{SCHEMA}attendee> "))
            roles[agent] = {
                q.split('"')[1] for q in quads if q.startswith(f"{node} <{SCHEMA}roleName> ")
            }
    assert roles == {
        "<urn:communique:person:vladimir-norov>": {"speaker", "respondent"},
        "<urn:communique:person:werner-fasslabend>": {"host", "speaker"},
        "<urn:communique:group:austrian-experts>": {"attendee", "questioner"},
    }
    quote = "<urn:communique:statement:austria-welcome>"
    assert (
        f"{quote} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SCHEMA}Quotation> ." in quads
    )
    assert f'{quote} <{SCHEMA}text> "We welcome this step," .' in quads
    assert f"{quote} <{SCHEMA}creator> <urn:communique:state:at> ." in quads
    assert f"{quote} <{SCHEMA}recordedAt> <urn:communique:event:2021-06-10-unsc-9999> ." in quads
    membership = "<urn:communique:membership:in-sco-observer>"
    assert f"<urn:communique:org:sco> <{SCHEMA}member> {membership} ." in quads
    assert f'{membership} <{SCHEMA}roleName> "observer" .' in quads
    assert f"{membership} <{SCHEMA}member> <urn:communique:state:in> ." in quads
    assert f'{membership} <{SCHEMA}endDate> "2017-06-09" .' in quads


@pytest.mark.parametrize("name", ["corpus", "seed"])
def test_compacting_the_expanded_document_gives_the_same_graph(
    name: str, request: pytest.FixtureRequest
) -> None:
    FETCHED.clear()
    document = to_jsonld(request.getfixturevalue(name)).data
    compacted = jsonld.compact(jsonld.expand(document, OPTIONS), CONTEXT, OPTIONS)
    assert compacted["@context"] == CONTEXT
    same = {"algorithm": "URDNA2015", "format": "application/n-quads", **OPTIONS}
    assert jsonld.normalize(compacted, same) == jsonld.normalize(document, same)
    assert FETCHED == []


def test_a_document_says_what_it_is_based_on(seed: cq.Record) -> None:
    quads = _quads(to_jsonld(seed).data)
    programme = "<urn:communique:document:sco-youth-programme-of-action-2018>"
    addresses = "<urn:communique:document:sco-presidents-joint-addresses>"
    assert f"{programme} <{SCHEMA}isBasedOn> {addresses} ." in quads
    losses = {(x.entity, x.path) for x in to_jsonld(seed).losses}
    assert ("document:sco-youth-programme-of-action-2018", "$.based_on") not in losses


def test_another_base_gives_other_iris(seed: cq.Record) -> None:
    document = to_jsonld(seed, base="https://example.org/record/").data
    quads = _quads(document)
    assert any(q.startswith("<https://example.org/record/person:vladimir-norov> ") for q in quads)


def test_what_schema_org_cannot_carry_is_listed(corpus: cq.Record) -> None:
    losses = {(loss.entity, loss.path): loss.reason for loss in to_jsonld(corpus).losses}
    assert ("proposal:unsc-9999", "$") in losses
    assert "quoted or reported" in losses[("statement:norov-welcome", "$.attribution")]
    assert "inferred" in losses[("event:2020-03-04-sco-aies-roundtable", "$.date.inferred")]
    assert ("event:2020-03-04-sco-aies-roundtable", "$.participants[0].roles") not in losses
