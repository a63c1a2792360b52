"""The leaders' joint statement example (``examples/leaders_joint_statement/``): its
facts answer the queries a user asks (commitments by and through an agent, due in a
period; who welcomed or rejected what; the qualified amounts), and it runs through
``communique show`` and ``stats``, the exports (each listing what it cannot carry)
and the Parquet dataset."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import communique as cq
from clirun import COMMANDS, ROOT, run
from communique.interop import to_ftm, to_jsonld, to_popolo
from communique.interop.arrow import read_parquet, to_arrow, write_parquet

EXAMPLE = ROOT / "examples" / "leaders_joint_statement"
RECORD = EXAMPLE / "record.yaml"


@pytest.fixture(scope="module")
def record() -> cq.Record:
    return cq.load(RECORD)


def ids(agents: list[cq.Agent]) -> list[str]:
    return [a.id for a in agents]


def test_it_validates_with_no_problem_and_every_quote_is_in_the_text(record: cq.Record) -> None:
    assert record.validate() == []
    text = (EXAMPLE / "text.txt").read_text(encoding="utf-8")
    located = record.locate_evidence()
    quotes = [e for entity in located for _, e in cq.model.evidence_of(entity)]
    assert len(quotes) > 40
    for evidence in quotes:
        assert evidence.start is not None
        assert evidence.end is not None
        assert text[evidence.start : evidence.end] == evidence.quote


def test_the_paragraphs_are_parts_of_the_joint_statement(record: cq.Record) -> None:
    joint = record.get("statement:joint-statement", cq.Statement)
    parts = record.statements.filter(lambda s: s.part_of == joint.id)
    assert len(parts) == 9
    assert all(p.speakers for p in parts)
    # A paragraph takes its date and event from the joint statement.
    assert parts.on("2026-05-14").ids() == parts.ids()
    assert record.statements.at("event:2026-05-14-trilateral-leaders-meeting").ids()[0] == joint.id


def test_commitments_by_an_agent(record: cq.Record) -> None:
    assert record.commitments_by("group:trilateral-leaders").ids() == ["commitment:water-facility"]
    assert record.commitments_by("state:valdoria").ids() == ["commitment:valdoria-contribution"]
    assert record.commitments_by("state:korrin").ids() == ["commitment:data-sharing"]
    # Through the group of leaders, the President of Korrin committed to the Facility too.
    assert record.commitments_by("person:irena-sokal").ids() == []
    assert record.commitments_by("person:irena-sokal", via_groups=True).ids() == [
        "commitment:water-facility"
    ]
    assert "commitment:data-sharing" in record.of_type(cq.Commitment).by("state:montessa").ids()


def test_commitments_implemented_by_an_agent(record: cq.Record) -> None:
    assert record.commitments_implemented_by("org:teral-basin-development-agency").ids() == [
        "commitment:water-facility"
    ]
    assert record.commitments_implemented_by("org:valdorian-cooperation-agency").ids() == [
        "commitment:valdoria-contribution"
    ]
    assert record.commitments_implemented_by("state:valdoria").ids() == []


def test_commitments_due_in_a_period(record: cq.Record) -> None:
    assert record.commitments_due("2026-06", "2026-06").ids() == ["commitment:data-sharing"]
    assert record.commitments_due("2027", "2027").ids() == ["commitment:water-facility"]
    # Five years from 2026: due by the end of 2030.
    assert record.commitments_due("2030", None).ids() == ["commitment:valdoria-contribution"]
    assert record.commitments_due("2031", None).ids() == []
    # "By the end of 2027" is 2027-12: possibly, not certainly, due by 15 December.
    assert record.commitments_due(None, "2027-12-15").ids() == [
        "commitment:water-facility",
        "commitment:data-sharing",
    ]
    assert record.commitments_due(None, "2027-12-15", certain=True).ids() == [
        "commitment:data-sharing"
    ]


def test_a_commitment_says_by_when_on_what_condition_and_where_it_stands(
    record: cq.Record,
) -> None:
    facility = record.get("commitment:water-facility", cq.Commitment)
    assert facility.due is not None
    assert facility.due.phrase == "by the end of 2027"
    assert facility.condition == "subject to the completion of our respective budgetary procedures"
    assert [c.status for c in facility.statuses] == ["announced", "under_way"]
    assert cq.model.date_of(facility, record.find) == (cq.Date(edtf="2026-05-14"),)
    assert cq.model.event_of(facility, record.find) == "event:2026-05-14-trilateral-leaders-meeting"
    paragraph = record.get(facility.statement or "", cq.Statement)
    assert paragraph.part_of == "statement:joint-statement"


def test_reactions_to_any_entity(record: cq.Record) -> None:
    assert ids(record.supporters_of("commitment:water-facility")) == ["person:samir-oduya"]
    assert ids(record.opponents_of("commitment:water-facility")) == []
    assert ids(record.opponents_of("commitment:data-sharing")) == ["org:green-union-montessa"]
    stances = record.stances_on("commitment:water-facility")
    assert {str(s): ids(a) for s, a in stances.items()} == {
        "welcome": ["person:samir-oduya"],
        "concern": ["org:downstream-farmers-federation"],
    }
    # The leaders' own reactions, in the preamble and the operative paragraphs.
    assert ids(record.supporters_of("document:joint-commission-report")) == [
        "group:trilateral-leaders"
    ]
    assert [r.stance for r in record.reactions_to("document:basin-monitoring-report-2025")] == [
        "concern"
    ]
    assert ids(record.supporters_of("state:valdoria")) == ["group:leaders-montessa-korrin"]
    welcomed = record.of_type(cq.Reaction).by("group:trilateral-leaders")
    assert welcomed.filter(lambda r: r.stance == "welcome").ids() == [
        "reaction:leaders-welcome-commission-report",
        "reaction:leaders-welcome-compact-accessions",
    ]


def test_the_qualified_quantities(record: cq.Record) -> None:
    contribution = record.get("commitment:valdoria-contribution", cq.Commitment)
    pledged, condition = contribution.quantities
    assert (pledged.qualifier, pledged.value, pledged.currency) == (
        cq.Qualifier.MORE_THAN,
        Decimal(2_000_000_000),
        "USD",
    )
    assert pledged.period is not None
    assert pledged.period.phrase == "over five years"
    assert pledged.period.is_interval
    assert pledged.period.inferred
    assert pledged.bounds == (Decimal(2_000_000_000), None)
    assert (condition.qualifier, condition.value) == (cq.Qualifier.AT_LEAST, Decimal(500_000_000))
    (nations,) = record.get("statement:joint-statement-p8", cq.Statement).quantities
    assert (nations.qualifier, nations.value, nations.unit) == (
        cq.Qualifier.MORE_THAN,
        Decimal(50),
        "nations",
    )
    (storage,) = record.get("statement:joint-statement-p4", cq.Statement).quantities
    assert (storage.qualifier, storage.value, storage.unit) == (
        cq.Qualifier.ABOUT,
        Decimal(30),
        "per cent",
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_show_and_stats(command: tuple[str, ...]) -> None:
    shown = run(command, "show", RECORD)
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "Record of 41 entities: 3 commitment," in out
    assert "\nCOMMITMENTS\n- Regional Water Security Facility\n" in out
    assert "    through: Teral Basin Development Agency\n" in out
    assert "    due: by the end of 2027\n" in out
    assert "    rejection: Green Union\n" in out
    assert "- welcome: Samir Oduya on Regional Water Security Facility\n" in out
    assert out.endswith("VALIDATION: 0 problem(s)\n")
    one = run(command, "show", RECORD, "commitment:water-facility")
    assert one.returncode == 0, one.stderr
    assert "reaction:oduya-welcomes-facility  (reaction)" in one.stdout
    stats = run(command, "stats", RECORD)
    assert stats.returncode == 0, stats.stderr
    assert "  commitment    3\n" in stats.stdout
    assert "  reaction      7\n" in stats.stdout


def test_the_exports_list_what_they_cannot_carry(record: cq.Record) -> None:
    for export in (to_popolo(record), to_ftm(record), to_jsonld(record)):
        lost = {loss.entity for loss in export.losses}
        assert {"commitment:water-facility", "reaction:oduya-welcomes-facility"} <= lost
    reasons = {(loss.entity, loss.path): loss.reason for loss in to_popolo(record).losses}
    assert reasons[("commitment:water-facility", "$")] == "Popolo has no Commitment entities"
    popolo = set(reasons)
    assert ("statement:joint-statement-p8", "$.quantities") in popolo or any(
        entity == "statement:joint-statement-p8" and path.startswith("$.quantities")
        for entity, path in popolo
    )


def test_the_arrow_tables_and_the_parquet_dataset(record: cq.Record, tmp_path: Path) -> None:
    tables = to_arrow(record)
    commitments = tables["commitments"].to_pylist()
    assert {row["id"] for row in commitments} == {
        "commitment:water-facility",
        "commitment:valdoria-contribution",
        "commitment:data-sharing",
    }
    assert {row["year"] for row in commitments} == {2026}
    assert len(tables["reactions"]) == 7
    amounts = tables["quantities"].to_pylist()
    assert len(amounts) == 5
    assert {row["qualifier"] for row in amounts} == {"more_than", "about", "at_least"}
    assert len(tables["commitment_status_changes"]) == 4
    write_parquet(record, tmp_path / "dataset")
    assert read_parquet(tmp_path / "dataset") == record
