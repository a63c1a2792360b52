"""Qualifiers of tone and manner: the atmosphere of an event and the manner of a
statement or a decision, as open vocabularies with evidence."""

from __future__ import annotations

import json
from typing import Any

import pytest

import communique as cq

SOURCE = "source:readout"
TEXT = "The talks were frank and constructive. The council unanimously adopted the plan."


def _evidence(quote: str) -> tuple[cq.Evidence, ...]:
    return (cq.Evidence(source=SOURCE, quote=quote),)


def _record() -> cq.Record:
    return cq.Record(
        [
            cq.Source(id=SOURCE, text=TEXT),
            cq.Organization(id="org:council", name="Council"),
            cq.Person(id="person:a", name="A"),
            cq.Event(
                id="event:talks",
                kind="talks",
                atmosphere=(
                    cq.Tone(atmosphere="frank", evidence=_evidence("frank and constructive")),
                    cq.Tone(
                        atmosphere="constructive",
                        described_by=("person:a",),
                        evidence=_evidence("frank and constructive"),
                    ),
                ),
            ),
            cq.Event(id="event:other", kind="talks", atmosphere=(cq.Tone(atmosphere="tense"),)),
            cq.Statement(
                id="statement:s",
                kind="joint_statement",
                speakers=("org:council",),
                attribution="summary",
                manner=(cq.Style(manner="jointly"),),
            ),
            cq.Proposal(
                id="proposal:plan",
                text="the plan",
                proposers=("person:a",),
                decision=cq.Decision(
                    method="vote",
                    outcome="adopted",
                    body="org:council",
                    manner=(
                        cq.Style(manner="unanimously", evidence=_evidence("unanimously adopted")),
                    ),
                ),
            ),
        ]
    )


def test_qualifiers_validate_their_evidence_and_round_trip() -> None:
    record = _record()
    assert record.validate() == []
    located = record.locate_evidence()
    event = located.get("event:talks", cq.Event)
    evidence = event.atmosphere[0].evidence[0]
    assert TEXT[evidence.start : evidence.end] == "frank and constructive"
    for fmt in ("json", "jsonl", "yaml"):
        assert cq.loads(cq.dumps(record, format=fmt), format=fmt) == record


def test_events_are_found_by_their_atmosphere() -> None:
    record = _record()
    frank = record.events.filter(lambda e: any(t.atmosphere == "frank" for t in e.atmosphere))
    assert frank.ids() == ["event:talks"]
    assert record.events.involving("person:a", roles=("describer",)).ids() == ["event:talks"]
    decision = record.get("proposal:plan", cq.Proposal).decision
    assert decision is not None
    assert decision.manner[0].manner.label == "Unanimously"


def test_a_quote_not_in_the_source_is_reported_where_it_is() -> None:
    record = cq.Record(
        [
            cq.Source(id=SOURCE, text=TEXT),
            cq.Event(
                id="event:talks",
                kind="talks",
                atmosphere=(cq.Tone(atmosphere="friendly", evidence=_evidence("very friendly")),),
            ),
        ]
    )
    paths = {(p.entity, p.path) for p in record.validate()}
    assert any(e == "event:talks" and p.startswith("$.atmosphere[0].evidence[0]") for e, p in paths)


@pytest.mark.parametrize(
    ("entity", "message"),
    [
        (
            {
                "type": "event",
                "id": "event:e",
                "kind": "talks",
                "atmosphere": [{"atmosphere": "frindly"}],
            },
            "did you mean 'friendly'",
        ),
        (
            {
                "type": "statement",
                "id": "statement:s",
                "kind": "remarks",
                "speakers": ["person:a"],
                "attribution": "summary",
                "manner": [{"manner": "unanimous"}],
            },
            "did you mean 'unanimously'",
        ),
    ],
)
def test_an_unknown_term_fails_with_a_suggestion(entity: dict[str, Any], message: str) -> None:
    with pytest.raises(cq.LoadError) as caught:
        cq.loads(json.dumps({"communique": "1.0", "entities": [entity]}), format="json")
    (problem,) = caught.value.problems
    assert message in problem.message


def test_the_schema_describes_tone_and_manner() -> None:
    defs: Any = cq.json_schema()["$defs"]
    assert defs["type:event"]["properties"]["atmosphere"]["items"] == {"$ref": "#/$defs/Tone"}
    assert defs["type:statement"]["properties"]["manner"]["items"] == {"$ref": "#/$defs/Style"}
    assert defs["Decision"]["properties"]["manner"]["items"] == {"$ref": "#/$defs/Style"}
    assert {"friendly", "business_like", "frank", "constructive"} <= set(defs["Atmosphere"]["enum"])
    assert {"unanimously", "by_acclamation", "bipartisan"} <= set(defs["Manner"]["enum"])
