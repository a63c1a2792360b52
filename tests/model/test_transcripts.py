"""Transcripts: the order of turns, declined and deferred answers, gaps at a place in
the text, questioners who are not named, moderators and interpreters."""

from __future__ import annotations

import json
from typing import Any

import pytest

import communique as cq
from communique.errors import FieldError
from communique.model import agent_roles

EVENT = "event:briefing"


def _turn(statement_id: str, turn: int | None, **fields: Any) -> cq.Statement:
    values: dict[str, Any] = {
        "kind": "answer",
        "attribution": "full_text",
        "speakers": ("person:spokesperson",),
        "event": EVENT,
        **fields,
    }
    return cq.Statement(id=statement_id, turn=turn, **values)


def _record(*more: cq.Entity) -> cq.Record:
    """A briefing whose turns are listed out of order, one of them at a part of the
    briefing, with an unnamed questioner and an interpreter."""
    return cq.Record(
        [
            cq.Organization(id="org:wire", name="Wire Agency", kind="media_outlet"),
            cq.Person(id="person:spokesperson", name="Spokesperson"),
            cq.Person(id="person:q", name="Q", unnamed=True, affiliation="org:wire"),
            cq.Person(id="person:interpreter", name="Interpreter"),
            cq.Event(
                id=EVENT,
                kind="briefing",
                date=cq.Date("2026-10-14"),
                participants=(
                    cq.Participation(agent="person:interpreter", roles=("interpreter",)),
                    cq.Participation(agent="person:spokesperson", roles=("moderator",)),
                ),
            ),
            cq.Event(id="event:briefing-q-and-a", kind="question_and_answer", part_of=EVENT),
            _turn("statement:answer", 3, replies_to="statement:question", answer_status="declined"),
            _turn("statement:opening", 1, kind="opening_remarks"),
            _turn(
                "statement:question",
                2,
                kind="question",
                speakers=("person:q",),
                event="event:briefing-q-and-a",
                text="Will the [inaudible] be signed?",
                gaps=(cq.Gap(kind="inaudible", at=9, marker="[inaudible]"),),
                interpreted_by=("person:interpreter",),
                translated=True,
            ),
            _turn("statement:aside", None, kind="remarks"),
            *more,
        ]
    )


def test_a_transcript_validates_and_round_trips_in_every_format() -> None:
    record = _record()
    assert record.validate() == []
    for fmt in ("json", "jsonl", "yaml"):
        assert cq.loads(cq.dumps(record, format=fmt), format=fmt) == record


def test_the_turns_of_an_event_come_in_order() -> None:
    record = _record()
    assert record.turns_of(EVENT).ids() == [
        "statement:opening",
        "statement:question",
        "statement:answer",
    ]
    # A part of the event has the turns made at it only.
    assert record.turns_of("event:briefing-q-and-a").ids() == ["statement:question"]


def test_declined_answers_are_found_by_their_status() -> None:
    record = _record()
    assert record.statements.where(answer_status="declined").ids() == ["statement:answer"]
    assert record.statements.where(answer_status="deferred").ids() == []


def test_a_gap_sits_at_its_place_in_the_text() -> None:
    question = _record().get("statement:question", cq.Statement)
    (gap,) = question.gaps
    assert question.text is not None
    assert gap.at is not None
    assert question.text[gap.at :].startswith("[inaudible]")
    assert str(gap.kind) == "inaudible"


def test_the_unnamed_questioner_and_the_interpreter_are_agents_in_their_roles() -> None:
    record = _record()
    person = record.get("person:q", cq.Person)
    assert person.unnamed
    assert person.name == "Q"
    assert ("org:wire", "affiliation") in agent_roles(person)
    assert record.people.involving("org:wire").ids() == ["person:q"]
    question = record.get("statement:question")
    assert ("person:interpreter", "interpreter") in agent_roles(question)
    assert record.statements.involving("person:interpreter", roles=("interpreter",)).ids() == [
        "statement:question"
    ]
    roles = {p.agent.id: p.roles for p in record.participants_of(EVENT)}
    assert roles == {"person:interpreter": ("interpreter",), "person:spokesperson": ("moderator",)}


def test_references_of_the_new_fields_are_checked() -> None:
    record = _record(
        cq.Person(id="person:r", name="A reporter", unnamed=True, affiliation="org:missing"),
        _turn("statement:x", 4, interpreted_by=("event:briefing",)),
    )
    found = {(p.entity, p.path, p.code) for p in record.validate()}
    assert found == {
        ("person:r", "$.affiliation", "dangling-reference"),
        ("statement:x", "$.interpreted_by[0]", "wrong-reference-type"),
    }


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"turn": -1}, "is not a count: it must be 0 or more"),
        ({"turn": "3"}, ""),
        ({"answer_status": "declind"}, "did you mean 'declined'"),
        ({"gaps": [{"kind": "inaudable"}]}, "did you mean 'inaudible'"),
        ({"gaps": [{"kind": "off_mic", "at": -4}]}, "is not a count"),
    ],
)
def test_bad_values_fail_loudly(fields: dict[str, Any], message: str) -> None:
    data = {
        "type": "statement",
        "id": "statement:s",
        "kind": "answer",
        "speakers": ["person:a"],
        "attribution": "full_text",
        **fields,
    }
    with pytest.raises(cq.LoadError) as caught:
        cq.loads(json.dumps({"communique": "1.0", "entities": [data]}), format="json")
    (problem,) = caught.value.problems
    assert problem.entity == "statement:s"
    assert problem.path.startswith(f"$.{next(iter(fields))}")
    assert message in problem.message


def test_a_turn_in_python_is_checked_too() -> None:
    with pytest.raises(FieldError, match="not a count") as caught:
        _turn("statement:s", -2)
    assert caught.value.field == "turn"


def test_the_schema_describes_turns_answers_gaps_and_unnamed_people() -> None:
    schema: Any = cq.json_schema()
    defs = schema["$defs"]
    statement = defs["type:statement"]["properties"]
    assert statement["turn"]["anyOf"][0]["minimum"] == 0 or "minimum" in json.dumps(
        statement["turn"]
    )
    assert "answer_status" in statement
    assert "interpreted_by" in statement
    assert statement["gaps"]["items"] == {"$ref": "#/$defs/Gap"}
    assert set(defs["Gap"]["properties"]) == {"kind", "at", "marker", "evidence"}
    assert "inaudible" in defs["GapKind"]["enum"]
    assert {"declined", "deferred"} <= set(defs["AnswerStatus"]["enum"])
    person = defs["type:person"]["properties"]
    assert person["unnamed"]["type"] == "boolean"
    assert "affiliation" in person
