"""Commitments: who undertakes them, who carries them out, by when, on what
condition, where they stand; their references and values checked, the queries a
user asks, and round trips in every format."""

from __future__ import annotations

import json

import jsonschema
import pytest

import communique as cq

FORMATS = ("json", "jsonl", "yaml")


def _record(**changes: object) -> cq.Record:
    commitment: dict[str, object] = {
        "id": "commitment:facility",
        "text": "to establish a facility",
        "committers": ("group:leaders",),
        "implementers": ("org:agency",),
        "due": cq.Date(edtf="2027-12", phrase="by the end of 2027"),
        "condition": "subject to their budgetary procedures",
        "statement": "statement:p5",
        "statuses": (
            cq.CommitmentStatusChange(status="announced", date=cq.Date("2026-05-14")),
            cq.CommitmentStatusChange(status="fulfilled", date=cq.Date("2027-11-02")),
        ),
        **changes,
    }
    return cq.Record(
        [
            cq.Person(id="person:a", name="A"),
            cq.Group(id="group:leaders", name="The leaders", members=("person:a",)),
            cq.Organization(id="org:agency", name="Agency"),
            cq.Statement(
                id="statement:p5",
                kind="commitment",
                speakers=("group:leaders",),
                attribution="full_text",
                date=cq.Date("2026-05-14"),
            ),
            cq.Commitment(**commitment),  # type: ignore[arg-type]
        ]
    )


def test_a_commitment_validates_round_trips_and_fits_the_schema() -> None:
    record = _record()
    assert record.validate() == []
    for fmt in FORMATS:
        assert cq.loads(cq.dumps(record, fmt), fmt) == record
    data = json.loads(cq.dumps(record, "json"))
    assert jsonschema.Draft202012Validator(cq.json_schema()).is_valid(data)
    data["entities"][-1]["statuses"][0]["status"] = "promised"
    assert not jsonschema.Draft202012Validator(cq.json_schema()).is_valid(data)


def test_it_takes_its_date_from_the_statement_it_was_made_in() -> None:
    record = _record()
    assert record.of_type(cq.Commitment).on("2026-05-14").ids() == ["commitment:facility"]
    assert [e.id for e in record.timeline("person:a", via_groups=True)] == [
        "statement:p5",
        "commitment:facility",
    ]


def test_its_references_are_checked() -> None:
    record = _record(implementers=("org:nowhere",), statement="org:agency")
    problems = {(p.code, p.path) for p in record.validate()}
    assert ("dangling-reference", "$.implementers[0]") in problems
    assert ("wrong-reference-type", "$.statement") in problems


def test_it_needs_a_committer() -> None:
    problems = _record(committers=()).validate()
    assert [(p.code, p.path) for p in problems] == [("empty-required", "$.committers")]


def test_a_status_outside_the_vocabulary_fails_loudly() -> None:
    with pytest.raises(ValueError, match="not a known commitment status"):
        cq.CommitmentStatusChange(status="promised")


def test_the_queries_by_implementer_and_due_date() -> None:
    record = _record()
    assert record.commitments_by("group:leaders").ids() == ["commitment:facility"]
    assert record.commitments_by("person:a").ids() == []
    assert record.commitments_by("person:a", via_groups=True).ids() == ["commitment:facility"]
    assert record.commitments_implemented_by("org:agency").ids() == ["commitment:facility"]
    assert record.commitments_due("2027", "2027").ids() == ["commitment:facility"]
    assert record.commitments_due("2027-12-01", "2027-12-15").ids() == ["commitment:facility"]
    assert record.commitments_due("2027-12-01", "2027-12-15", certain=True).ids() == []
    assert record.commitments_due("2028", None).ids() == []
    period = _record(due=cq.Date(edtf="2026/2030", phrase="over five years"))
    assert period.commitments_due("2030", "2030").ids() == ["commitment:facility"]
    assert period.commitments_due("2026", "2029").ids() == []
    open_end = _record(due=cq.Date(edtf="2026/.."))
    assert open_end.commitments_due(None, None).ids() == []
