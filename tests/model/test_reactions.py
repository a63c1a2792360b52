"""Reactions: an agent's stance towards any entity; supporters and opponents of any
entity, a proposal's responses and votes counted with them."""

from __future__ import annotations

import json

import jsonschema
import pytest

import communique as cq

FORMATS = ("json", "jsonl", "yaml")


def _record() -> cq.Record:
    decision = cq.Decision(
        method="vote",
        outcome="vetoed",
        tally=cq.Tally(in_favour=13, against=1, abstaining=1),
        votes=(
            cq.Vote(agent="state:a", position="in_favour"),
            cq.Vote(agent="state:b", position="against", veto=True),
        ),
    )
    return cq.Record(
        [
            cq.State(id="state:a", name="A", country="AT"),
            cq.State(id="state:b", name="B", country="BE"),
            cq.State(id="state:c", name="C", country="CH"),
            cq.Event(id="event:attack", kind="other", date=cq.Date("2026-01-02")),
            cq.Proposal(
                id="proposal:draft",
                text="a draft resolution",
                proposers=("state:c",),
                responses=(cq.Response(agent="state:c", stance="support"),),
                decision=decision,
            ),
            cq.Reaction(
                id="reaction:c-condemns",
                agent="state:c",
                stance="condemnation",
                target="event:attack",
                date=cq.Date("2026-01-03"),
            ),
            cq.Reaction(
                id="reaction:a-concern", agent="state:a", stance="concern", target="event:attack"
            ),
            cq.Reaction(
                id="reaction:b-welcomes-draft",
                agent="state:b",
                stance="welcome",
                target="proposal:draft",
            ),
        ]
    )


def test_reactions_validate_round_trip_and_fit_the_schema() -> None:
    record = _record()
    assert record.validate() == []
    for fmt in FORMATS:
        assert cq.loads(cq.dumps(record, fmt), fmt) == record
    data = json.loads(cq.dumps(record, "json"))
    validator = jsonschema.Draft202012Validator(cq.json_schema())
    assert validator.is_valid(data)
    data["entities"][-1]["stance"] = "welcomed"
    assert not validator.is_valid(data)


def test_a_reaction_needs_a_target_in_the_record() -> None:
    record = cq.Record(
        [
            cq.State(id="state:a", name="A", country="AT"),
            cq.Reaction(id="reaction:x", agent="state:a", stance="welcome", target="event:none"),
        ]
    )
    assert [(p.code, p.path) for p in record.validate()] == [("dangling-reference", "$.target")]
    with pytest.raises(ValueError, match="did you mean 'welcome'"):
        cq.Reaction(id="reaction:y", agent="state:a", stance="welcom", target="state:a")


def test_supporters_and_opponents_of_any_entity() -> None:
    record = _record()
    assert [a.id for a in record.opponents_of("event:attack")] == ["state:c"]
    assert record.supporters_of("event:attack") == []
    assert {
        str(s): [a.id for a in agents] for s, agents in record.stances_on("event:attack").items()
    } == {
        "condemnation": ["state:c"],
        "concern": ["state:a"],
    }
    assert record.reactions_to("event:attack").ids() == [
        "reaction:c-condemns",
        "reaction:a-concern",
    ]


def test_a_proposal_counts_its_responses_reactions_and_votes() -> None:
    record = _record()
    # The response, then the reaction, then the vote in favour.
    assert [a.id for a in record.supporters_of("proposal:draft")] == [
        "state:c",
        "state:b",
        "state:a",
    ]
    assert [a.id for a in record.supporters_of("proposal:draft", responses_only=True)] == [
        "state:c",
        "state:b",
    ]
    # The veto is a vote against.
    assert [a.id for a in record.opponents_of("proposal:draft")] == ["state:b"]
    assert record.responses_to("proposal:draft") == {cq.Stance("support"): [record.get("state:c")]}


def test_a_reaction_is_made_by_its_agent_and_dated() -> None:
    record = _record()
    assert record.of_type(cq.Reaction).by("state:c").ids() == ["reaction:c-condemns"]
    assert record.of_type(cq.Reaction).on("2026-01-03").ids() == ["reaction:c-condemns"]
