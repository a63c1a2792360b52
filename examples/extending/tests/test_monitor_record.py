"""The mixed record: loaded, queried, validated and written in every format."""

from __future__ import annotations

from pathlib import Path

import attrs
import communique_monitor as monitor
import pytest
from communique_monitor import ExtractedStatement, Hearing, StepKind, Treaty

import communique as cq
from communique.extension import original_type

RECORD = Path(__file__).resolve().parent.parent / "record.yaml"
FORMATS = ["json", "jsonl", "yaml"]


@pytest.fixture(scope="module")
def record() -> cq.Record:
    return monitor.load(RECORD)


def test_the_record_loads_as_the_package_types_and_is_valid(record: cq.Record) -> None:
    assert record.validate() == []
    assert type(record.get("event:2021-05-11-convention-hearing")) is Hearing
    assert type(record.get("document:cross-border-crime-convention")) is Treaty
    assert type(record.get("statement:officials-favour-monitoring")) is ExtractedStatement
    assert record.get("person:markus-huber").extensions == {"x-newsroom:link-confidence": 0.97}


def test_queries_of_the_core_types_return_the_package_types(record: cq.Record) -> None:
    assert record.events.ids() == ["event:2021-05-11-convention-hearing"]
    assert record.documents.ids() == ["document:cross-border-crime-convention"]
    assert record.statements.ids() == [
        "statement:huber-joint-investigations",
        "statement:officials-favour-monitoring",
    ]
    hearing = record.events.where(committee="org:foreign-affairs-committee").one()
    assert isinstance(hearing, Hearing)
    assert hearing.kind.label == "Parliamentary hearing"
    assert [r.label for r in hearing.participants[1].roles] == ["Witness", "Rapporteur"]
    assert record.get("org:foreign-affairs-committee", cq.Organization).kind == monitor.COMMITTEE
    proposal = record.proposals.one()
    assert proposal.responses[0].stance.label == "Support implied by the reporting"


def test_the_package_queries_answer_from_the_record(record: cq.Record) -> None:
    treaty = record.get("document:cross-border-crime-convention", Treaty)
    assert treaty.bound() == ("state:at", "state:kz")
    assert treaty.stage_of("state:at") is StepKind.RATIFICATION
    assert treaty.stage_of("state:kz") is StepKind.ACCESSION
    assert [str(s.date) for s in treaty.ratifications] == ["2019-06-15", "2021-03-03", "2020"]
    assert monitor.confident(record, 0.6).ids() == ["statement:officials-favour-monitoring"]
    assert monitor.confident(record, 0.7).ids() == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_mixed_record_round_trips_in_every_format(
    record: cq.Record, fmt: str, tmp_path: Path
) -> None:
    text = cq.dumps(record, fmt, converter=monitor.converter)
    again = cq.loads(text, fmt, converter=monitor.converter)
    assert again == record
    assert [type(e) for e in again] == [type(e) for e in record]
    assert cq.dumps(again, fmt, converter=monitor.converter) == text
    path = tmp_path / f"record.{fmt}"
    monitor.dump(record, path)
    assert path.read_text(encoding="utf-8") == text
    assert monitor.load(path) == record
    assert list(cq.iter_load(path, converter=monitor.converter)) == list(record)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_reader_without_the_package_loses_nothing(record: cq.Record, fmt: str) -> None:
    text = cq.dumps(record, fmt, converter=monitor.converter)
    with pytest.raises(cq.UnknownTypeError) as info:
        cq.loads(text, fmt)
    assert [p.found for p in info.value.problems] == [
        "'parliament:hearing'",
        "'treaties:treaty'",
        "'newsroom:extracted-statement'",
    ]
    lenient = cq.Converter(unknown_types="base")
    older = cq.loads(text, fmt, converter=lenient)
    assert [type(e).__name__ for e in older.events] == ["Event"]
    assert original_type(older.documents.one()) == "treaties:treaty"
    assert cq.dumps(older, fmt, converter=lenient) == text
    assert cq.loads(text, fmt, converter=monitor.converter) == record


def test_bad_downstream_data_is_reported_where_it_is() -> None:
    text = RECORD.read_text(encoding="utf-8")
    bad = text.replace("confidence: 0.64", "confidence: 1.64").replace(
        "kind: accession", "kind: acession"
    )
    with pytest.raises(cq.LoadError) as info:
        cq.loads(bad, "yaml", file="record.yaml", converter=monitor.converter)
    found = [(p.path, p.line, p.message) for p in info.value.problems]
    assert found == [
        (
            "$.ratifications[2].kind",
            bad.splitlines().index("    kind: acession") + 1,
            "'acession' is not one of signature, ratification, accession",
        ),
        (
            "$.confidence",
            bad.splitlines().index("  confidence: 1.64") + 1,
            "a confidence is between 0 and 1, not 1.64",
        ),
    ]


def test_validation_follows_the_references_of_the_new_fields(record: cq.Record) -> None:
    hearing = record.get("event:2021-05-11-convention-hearing", Hearing)
    treaty = record.get("document:cross-border-crime-convention", Treaty)
    broken = cq.Record(
        [
            *(e for e in record if e.id not in (hearing.id, treaty.id)),
            attrs.evolve(hearing, committee="person:anna-berger", follows="event:earlier"),
            attrs.evolve(
                treaty,
                ratifications=(
                    attrs.evolve(treaty.ratifications[0], state="org:aies"),
                    *treaty.ratifications[1:],
                ),
            ),
            cq.Event(id="event:earlier", kind=cq.EventKind("meeting")),
        ]
    )
    found = [(p.entity, p.code, p.path) for p in broken.validate()]
    assert found == [
        (hearing.id, "wrong-reference-type", "$.committee"),
        (hearing.id, "wrong-reference-type", "$.follows"),
        (treaty.id, "wrong-reference-type", "$.ratifications[0].state"),
    ]


def test_the_new_fields_are_queried_by_the_meaning_they_declare(record: cq.Record) -> None:
    hearing = "event:2021-05-11-convention-hearing"
    treaty = "document:cross-border-crime-convention"
    # The committee organises the hearing, the witness is heard: refs(role=...).
    assert record.events.by("org:foreign-affairs-committee").ids() == [hearing]
    assert record.events.involving("person:markus-huber", roles=["witness"]).ids() == [hearing]
    # Each ratification step gives its state the role of its kind: refs(role_from=...).
    assert record.documents.involving("state:kz", roles=["accession"]).ids() == [treaty]
    assert record.documents.involving("state:at", roles=["ratification"]).ids() == [treaty]
    assert record.documents.involving("state:kz", roles=["ratification"]).ids() == []
    # The inquiry is part of the hearing's text: Meaning(texts=...).
    named = attrs.evolve(record.get(hearing, Hearing), inquiry="Inquiry into border policing")
    assert cq.Record([named]).events.mentioning("border policing").ids() == [hearing]
    # Dated as an event is, with no code of this package's.
    assert record.events.on("2021-05-11").ids() == [hearing]
