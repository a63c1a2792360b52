"""The press conference example: a transcript with opening remarks, numbered turns,
a declined and a deferred answer, a gap, unnamed questioners, a moderator and an
interpreter, the atmosphere of a meeting and the manner of a decision. Its facts are
checked through queries, and it runs through the command line and every export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

import communique as cq
from clirun import MODULE, ROOT, run
from communique.interop import (
    Export,
    read_parquet,
    to_arrow,
    to_ftm,
    to_jsonld,
    to_popolo,
    write_parquet,
)

EXAMPLE = ROOT / "examples" / "press_conference"
RECORD = EXAMPLE / "record.yaml"
EVENT = "event:2026-10-14-meridia-mfa-press-conference"
SOURCE = "source:meridia-mfa-2026-10-14-press-conference"


@pytest.fixture(scope="module")
def record() -> cq.Record:
    return cq.load(RECORD)


def test_it_validates_with_no_problems(record: cq.Record) -> None:
    assert record.validate() == []


def test_the_json_schema_accepts_it(record: cq.Record) -> None:
    validator = jsonschema.Draft202012Validator(cq.json_schema())
    data = json.loads(cq.dumps(record, format="json"))
    assert list(validator.iter_errors(data)) == []
    # And refuses a declined answer given a status the vocabulary does not have.
    for entity in data["entities"]:
        if entity["id"] == "statement:2026-10-14-a1-varga-declines":
            entity["answer_status"] = "refused"
    assert [e.json_path for e in validator.iter_errors(data)] != []


def test_every_quote_is_found_in_the_transcript(record: cq.Record) -> None:
    text = (EXAMPLE / "text.txt").read_text(encoding="utf-8")
    located = record.locate_evidence()
    for entity in located:
        for path, evidence in cq.model.evidence_of(entity):
            assert evidence.source == SOURCE, (entity.id, path)
            assert evidence.start is not None, (entity.id, path)
            assert evidence.end is not None, (entity.id, path)
            assert text[evidence.start : evidence.end] == evidence.quote


def test_the_turns_come_in_order_from_the_moderator_to_the_closing(record: cq.Record) -> None:
    turns = list(record.turns_of(EVENT))
    assert [s.turn for s in turns] == list(range(1, 12))
    assert [str(s.kind) for s in turns] == [
        "remarks",
        "opening_remarks",
        *["question", "answer"] * 4,
        "closing_remarks",
    ]
    assert turns[0].speakers == ("person:erik-sand",)
    # The announcements are parts of the opening remarks, not turns of their own.
    parts = record.statements.where(part_of="statement:2026-10-14-varga-opening-remarks")
    assert len(parts) == 3
    assert all(s.turn is None for s in parts)
    assert all(record.find(s.id) in list(record.statements_at(EVENT)) for s in parts)


def test_each_answer_replies_to_the_question_before_it(record: cq.Record) -> None:
    turns = list(record.turns_of(EVENT))
    for question, answer in zip(turns[2:10:2], turns[3:10:2], strict=True):
        assert answer.replies_to == question.id
        assert record.replies_to(question).ids() == [answer.id]


def test_one_answer_is_declined_and_one_deferred(record: cq.Record) -> None:
    declined = list(record.statements.where(answer_status="declined"))
    assert [s.id for s in declined] == ["statement:2026-10-14-a1-varga-declines"]
    assert "I have nothing to announce on that today" in (declined[0].text or "")
    deferred = record.statements.where(answer_status="deferred").one()
    assert "come back to you on that" in (deferred.text or "")
    assert len(record.statements.where(answer_status="answered")) == 2


def test_the_gap_is_at_its_place_in_the_question(record: cq.Record) -> None:
    question = record.get("statement:2026-10-14-q2-lind", cq.Statement)
    (gap,) = question.gaps
    assert gap.kind == cq.GapKind("inaudible")
    assert question.text is not None
    assert gap.at is not None
    assert gap.marker is not None
    assert question.text[gap.at :].startswith(gap.marker)


def test_unnamed_questioners_are_people_of_their_own_with_their_outlet(
    record: cq.Record,
) -> None:
    unnamed = record.people.filter(lambda p: p.unnamed)
    assert sorted(unnamed.ids()) == [
        "person:channel-nine-caldonia-reporter",
        "person:questioner-3",
    ]
    reporter = record.get("person:channel-nine-caldonia-reporter", cq.Person)
    assert reporter.affiliation == "org:channel-nine-caldonia"
    assert record.get("person:questioner-3", cq.Person).affiliation is None
    # An outlet's people are found through the affiliation, named or not.
    outlets = record.people.involving("org:northern-wire-agency", roles=("affiliation",))
    assert outlets.ids() == ["person:jonas-berg"]


def test_the_moderator_and_the_interpreter_take_part_in_their_roles(record: cq.Record) -> None:
    roles = {p.agent.id: p.roles for p in record.participants_of(EVENT)}
    assert roles["person:erik-sand"] == ("moderator",)
    assert roles["person:tomas-reyl"] == ("interpreter",)
    assert roles["person:lena-varga"] == ("speaker", "respondent")
    assert sum(r == ("questioner",) for r in roles.values()) == 4
    interpreted = record.statements.involving("person:tomas-reyl", roles=("interpreter",))
    assert interpreted.ids() == ["statement:2026-10-14-q4-channel-nine"]
    assert interpreted.one().translated is True


def test_the_consultations_were_friendly_and_business_like(record: cq.Record) -> None:
    event = record.get("event:2026-10-13-meridia-coastal-states-forum-consultations", cq.Event)
    assert [str(t.atmosphere) for t in event.atmosphere] == ["friendly", "business_like"]
    assert all(t.described_by == ("person:lena-varga",) for t in event.atmosphere)
    assert [d.edtf for d in cq.model.date_of(event)] == ["2026-10-13"]
    assert event.date is not None
    assert event.date.inferred


def test_the_assembly_ratified_unanimously(record: cq.Record) -> None:
    proposal = record.get("proposal:meridia-ratification-of-rail-corridor-agreement", cq.Proposal)
    assert proposal.decision is not None
    assert [str(s.manner) for s in proposal.decision.manner] == ["unanimously"]
    assert proposal.decision.body == "org:meridia-national-assembly"


def test_the_agreement_with_its_short_title_article_and_languages(record: cq.Record) -> None:
    agreement = "document:meridia-caldonia-rail-corridor-agreement"
    document = record.get(agreement, cq.Document)
    assert document.short_title == "Rail Corridor Agreement"
    assert document.authentic_languages == ("fr", "en")
    assert document.in_force is None  # ratified by one side: not yet in force
    assert document.in_force_condition is not None
    assert "thirty days" in document.in_force_condition
    assert record.documents.mentioning("rail corridor agreement").ids() == [agreement]
    (article,) = list(record.provisions_of(agreement, role="final"))
    assert article.number == "12"
    assert list(record.provisions_of(agreement, role="operative")) == []


def test_show_and_stats_run_on_it() -> None:
    shown = run(MODULE, "show", RECORD)
    assert shown.returncode == 0, shown.stderr
    assert "interpreter: Tomas Reyl" in shown.stdout
    assert "questioner: Q" in shown.stdout
    one = run(MODULE, "show", RECORD, "statement:2026-10-14-q2-lind")
    assert one.returncode == 0, one.stderr
    assert "[inaudible]" in one.stdout
    article = run(
        MODULE, "show", RECORD, "provision:meridia-caldonia-rail-corridor-agreement-art-12"
    )
    assert article.returncode == 0, article.stderr
    assert "document:meridia-caldonia-rail-corridor-agreement  (document)" in article.stdout
    stats = run(MODULE, "stats", RECORD)
    assert stats.returncode == 0, stats.stderr
    assert "provision     1" in stats.stdout
    assert "statement/answer           4" in stats.stdout


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_it_round_trips_in_every_text_format(record: cq.Record, fmt: str) -> None:
    assert cq.loads(cq.dumps(record, format=fmt), format=fmt) == record


def lost(export: Export[Any], entity: str, path: str) -> bool:
    """Whether an export lists the value at ``path`` of ``entity`` (or a value it is
    in) among its losses."""
    return any(
        loss.entity == entity
        and (loss.path == path or path.startswith((f"{loss.path}.", f"{loss.path}[")))
        for loss in export.losses
    )


def test_the_exports_carry_it_or_list_what_they_lose(record: cq.Record) -> None:
    exports: list[Export[Any]] = [to_popolo(record), to_ftm(record), to_jsonld(record)]
    for export in exports:
        # What no target has a place for is listed, never dropped in silence.
        assert lost(export, "provision:meridia-caldonia-rail-corridor-agreement-art-12", "$")
        assert lost(export, "statement:2026-10-14-q2-lind", "$.gaps[0].kind")
        assert lost(export, "statement:2026-10-14-q2-lind", "$.turn")
        assert lost(export, "statement:2026-10-14-a1-varga-declines", "$.answer_status")
        assert lost(export, "person:questioner-3", "$.unnamed")
        assert lost(
            export,
            "event:2026-10-13-meridia-coastal-states-forum-consultations",
            "$.atmosphere[0].atmosphere",
        )
        assert lost(
            export, "document:meridia-caldonia-rail-corridor-agreement", "$.authentic_languages[0]"
        )


def test_the_arrow_tables_and_the_parquet_dataset_carry_it(
    record: cq.Record, tmp_path: Path
) -> None:
    tables = to_arrow(record)
    statements = tables["statements"].to_pylist()
    turns = {row["id"]: row["turn"] for row in statements}
    assert turns["statement:2026-10-14-a1-varga-declines"] == 4
    status = {row["id"]: row["answer_status"] for row in statements}
    assert status["statement:2026-10-14-a2-varga-defers"] == "deferred"
    assert tables["provisions"].num_rows == 1
    write_parquet(record, tmp_path / "dataset")
    assert read_parquet(tmp_path / "dataset") == record
    years = ds.partitioning(pa.schema([("year", pa.int32())]), flavor="hive")
    provisions = ds.dataset(tmp_path / "dataset" / "provisions", partitioning=years).to_table()
    assert provisions.column("number").to_pylist() == ["12"]
