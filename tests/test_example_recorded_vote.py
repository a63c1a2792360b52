"""The recorded-vote example (examples/recorded_vote/): a council's vote on a draft
resolution with each member's position and a veto, an announced meeting, a post
held formerly, a group defined by a standing, a partnership's level and a fund
with an alias; each fact checked through the queries a user would ask, and the
record through the command line, the exports and the Parquet dataset."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import communique as cq
from clirun import MODULE, ROOT, run
from communique.interop import read_parquet, to_arrow, to_ftm, to_jsonld, to_popolo, write_parquet

HERE = ROOT / "examples" / "recorded_vote"
RECORD = HERE / "record.yaml"
MEETING = "event:mc-council-9123"
NEXT = "event:mc-council-next-meeting"
DRAFT = "proposal:mc-2026-41"


@pytest.fixture(scope="module")
def record() -> cq.Record:
    return cq.load(RECORD)


def test_the_record_validates_without_problems(record: cq.Record) -> None:
    assert record.validate() == []


def test_every_quote_is_in_the_text(record: cq.Record) -> None:
    text = (HERE / "text.txt").read_text(encoding="utf-8")
    quotes = [e.quote for entity in record for _, e in cq.model.evidence_of(entity)]
    assert len(quotes) > 40
    assert all(q in text for q in quotes)


def test_each_member_voted_and_corvania_vetoed(record: cq.Record) -> None:
    decision = record.get(DRAFT, cq.Proposal).decision
    assert decision is not None
    assert decision.outcome is cq.Outcome.VETOED
    assert decision.tally == cq.Tally(in_favour=5, against=1, abstaining=1)
    positions = {v.agent: v.position.value for v in decision.votes}
    members = {a.id for a in record.members_of("org:mc-council")}
    assert set(positions) == members
    assert len(members) == 7
    assert positions["state:dornland"] == "abstaining"
    assert [v.agent for v in decision.votes if v.veto] == ["state:corvania"]
    supporters = {a.name for a in record.supporters_of(DRAFT)}
    assert supporters == {"Aldera", "Belmora", "Estmark", "Galen", "Hollin"}
    assert [a.name for a in record.opponents_of(DRAFT)] == ["Corvania"]


def test_the_draft_has_its_symbol_sponsors_and_the_fund_it_would_establish(
    record: cq.Record,
) -> None:
    draft = record.get(DRAFT, cq.Proposal)
    document = record.get("document:mc-2026-41", cq.Document)
    assert [(i.scheme, i.value) for i in document.identifiers] == [("mc-symbol", "MC/2026/41")]
    assert [a.name for a in record.proposers_of(draft)] == ["Belmora", "Galen"]
    assert draft.cosponsors == ("state:hollin",)
    fund = record.of_type(cq.Thing).mentioning("ASNF").one()
    assert fund.kind == "fund"
    assert fund.name == "Amber Strait Navigation Fund"


def test_the_meeting_has_its_number_session_sitting_organ_and_time(record: cq.Record) -> None:
    meeting = record.get(MEETING, cq.Event)
    assert (meeting.meeting_number, meeting.ordinal, meeting.session) == (
        9123,
        9123,
        "eighty-first year",
    )
    assert meeting.sitting == "morning"
    assert meeting.organ == "org:mc-council"
    assert (meeting.time, meeting.time_zone) == ("10:00", "+01:00")
    assert meeting.series == "series:mc-council-meetings"
    assert meeting.place is not None
    assert meeting.place.organization == "org:maritime-concord"
    # The place is the Concord's: its events are found from it.
    assert MEETING in record.events.involving("org:maritime-concord").ids()


def test_the_next_meeting_is_announced_not_held(record: cq.Record) -> None:
    assert record.held_events().ids() == [MEETING]
    assert record.planned_events().ids() == [NEXT]
    announced = record.get(NEXT, cq.Event)
    assert announced.status is cq.EventStatus.ANNOUNCED
    assert announced.date is not None
    assert announced.date.edtf == "2026-06"
    assert announced.date.relative_to == "source:mc-pv-9123"
    # Both are meetings of the series, in date order.
    series = record.of_type(cq.Event).filter(lambda e: e.series == "series:mc-council-meetings")
    assert series.ids() == [MEETING, NEXT]


def test_a_corrected_source_date_moves_next_month(record: cq.Record) -> None:
    assert record.resolve_relative_dates() == record  # already worked out
    source = record.get("source:mc-pv-9123", cq.Source)
    corrected = cq.Record(
        [attrs.evolve(source, date=cq.Date("2026-07-12")) if e is source else e for e in record]
    )
    moved = corrected.resolve_relative_dates().get(NEXT, cq.Event)
    assert moved.date is not None
    assert moved.date.edtf == "2026-08"
    assert moved.date.inferred
    assert moved.date.phrase == "next month"


def test_the_former_minister_did_not_hold_the_post_on_the_day(record: cq.Record) -> None:
    minister = "Minister for Foreign Affairs"
    assert record.held_post_on("state:dornland", minister, "2026-05-12") == []
    assert record.held_post_on("state:dornland", minister, "2026-05-11") == [
        record.get("person:tomas-reyd")
    ]
    assert [p.title for p in record.posts_of("person:tomas-reyd", "2026-05-12")] == [
        "Representative"
    ]


def test_the_permanent_members_are_resolved_on_the_day(record: cq.Record) -> None:
    group = "group:mc-council-permanent-members"
    assert [a.name for a in record.group_members(group, "2026-05-12")] == ["Corvania"]


def test_galen_and_belmora_are_strategic_partners_since_2019(record: cq.Record) -> None:
    [relation] = record.relations_of("state:belmora")
    assert record.relation_level(relation, "2026-05-12") == "strategic_partnership"
    assert record.relation_level(relation, "2018-12-31") is None
    assert record.relations_of("state:galen", "2026-05-12") == [relation]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_the_record_round_trips_in_every_format(record: cq.Record, fmt: str) -> None:
    assert cq.loads(cq.dumps(record, format=fmt), format=fmt) == record


def test_show_and_stats(tmp_path: Path) -> None:
    shown = run(MODULE, "show", RECORD)
    assert shown.returncode == 0, shown.stderr
    assert "Meeting: Safety of navigation in the Amber Strait [announced]" in shown.stdout
    assert "decided by show of hands: vetoed" in shown.stdout
    assert "VALIDATION: 0 problem(s)" in shown.stdout
    stats = run(MODULE, "stats", RECORD)
    assert stats.returncode == 0, stats.stderr
    assert "event_series" in stats.stdout
    assert "relation" in stats.stdout


def test_the_exports_carry_it_or_list_what_they_lose(record: cq.Record) -> None:
    located = record.locate_evidence()
    for export in (to_popolo, to_ftm, to_jsonld):
        lost = {(loss.entity, loss.path) for loss in export(located).losses}
        # The new entity types have no place in these standards: each is listed.
        for entity in (
            "relation:belmora-galen",
            "thing:amber-strait-navigation-fund",
            "series:mc-council-meetings",
        ):
            assert (entity, "$") in lost, (export, entity)
        # And so are the new fields of the types they do carry.
        for path in ("$.meeting_number", "$.ordinal", "$.organ", "$.sitting", "$.time"):
            assert (MEETING, path) in lost, (export, path)
        assert (NEXT, "$.statuses[0].status") in lost, export
        assert ("person:tomas-reyd", "$.posts[1].former_as_of.edtf") in lost, export
    # FollowTheMoney knows no private-use country codes: lost, not an error.
    ftm_lost = {(loss.entity, loss.path) for loss in to_ftm(located).losses}
    assert ("state:corvania", "$.country") in ftm_lost


def test_the_arrow_tables_and_the_parquet_dataset(record: cq.Record, tmp_path: Path) -> None:
    tables = to_arrow(record)
    events = tables["events"].to_pylist()
    meeting = next(row for row in events if row["id"] == MEETING)
    assert (meeting["meeting_number"], meeting["sitting"], meeting["time_zone"]) == (
        9123,
        "morning",
        "+01:00",
    )
    assert {r["id"] for r in tables["relations"].to_pylist()} == {"relation:belmora-galen"}
    assert {r["id"] for r in tables["things"].to_pylist()} == {"thing:amber-strait-navigation-fund"}
    assert [r["id"] for r in tables["event_series"].to_pylist()] == ["series:mc-council-meetings"]
    statuses = tables["event_status_changes"].to_pylist()
    assert [r["status"] for r in statuses] == ["announced"]
    write_parquet(record, tmp_path / "dataset")
    assert read_parquet(tmp_path / "dataset") == record
