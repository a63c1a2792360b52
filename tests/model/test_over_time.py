"""Planned, recurring and numbered events; relations between agents over time and
groups defined by a standing; relative dates, former posts, places of bodies and
named things: each made, refused when wrong, validated, described by the JSON
Schema, asked about and written in every format."""

from __future__ import annotations

import json

import attrs
import jsonschema
import pytest

import communique as cq
from communique.errors import FieldError

DAY = "2026-05-12"


def _record() -> cq.Record:
    return cq.Record(
        [
            cq.Source(id="source:s", kind="press_release", date=cq.Date(DAY), text="next month"),
            cq.Organization(id="org:asean", name="ASEAN"),
            cq.Organization(id="org:council", name="Council", parent="org:asean"),
            cq.State(id="state:au", name="Australia", country="AU"),
            cq.State(id="state:jp", name="Japan", country="JP"),
            cq.Membership(
                id="membership:au",
                member="state:au",
                organization="org:asean",
                status="dialogue_partner",
                start=cq.Date("1974"),
                end=cq.Date("2020"),
            ),
            cq.Membership(
                id="membership:jp",
                member="state:jp",
                organization="org:asean",
                status="dialogue_partner",
                start=cq.Date("1977"),
            ),
            cq.Group(
                id="group:dialogue-partners",
                name="the dialogue partners",
                defined_by=cq.MembershipRule(
                    organization="org:asean", statuses=("dialogue_partner",)
                ),
            ),
            cq.EventSeries(
                id="series:summits",
                title="ASEAN Summit",
                recurrence="twice_yearly",
                organisers=("org:asean",),
                since=cq.Date("1976"),
                other_names=(cq.Name(name="the Summit"),),
            ),
            cq.Event(
                id="event:44th",
                kind="summit",
                date=cq.Date("2024-10-09"),
                series="series:summits",
                ordinal=44,
                session="44",
                meeting_number=1,
                organ="org:council",
                sitting="afternoon",
                time="14:30",
                time_zone="Asia/Vientiane",
                place=cq.Place(
                    name="National Convention Centre",
                    organization="org:asean",
                    inferred=True,
                    other_names=(cq.Name(name="NCC"),),
                ),
            ),
            cq.Event(
                id="event:next",
                kind="summit",
                series="series:summits",
                date=cq.Date(
                    "2026-06",
                    inferred=True,
                    phrase="next month",
                    relative_to="source:s",
                    offset="P1M",
                ),
                statuses=(cq.EventStatusChange(status="announced", date=cq.Date(DAY)),),
            ),
            cq.Event(
                id="event:off",
                kind="meeting",
                date=cq.Date("2026-04"),
                statuses=(
                    cq.EventStatusChange(status="scheduled"),
                    cq.EventStatusChange(status="cancelled"),
                ),
            ),
            cq.Relation(
                id="relation:asean-au",
                kind="partnership",
                parties=("org:asean", "state:au"),
                start=cq.Date("1974"),
                started_by="event:44th",
                levels=(
                    cq.LevelChange(level="dialogue_partnership", date=cq.Date("1974")),
                    cq.LevelChange(level="strategic_partnership", date=cq.Date("2014")),
                    cq.LevelChange(
                        level="comprehensive_strategic_partnership",
                        date=cq.Date("2021-10"),
                        event="event:44th",
                    ),
                ),
            ),
            cq.Thing(
                id="thing:fund",
                name="Development Fund",
                kind="fund",
                other_names=(cq.Name(name="ADF"),),
                run_by=("org:asean",),
            ),
            cq.Person(
                id="person:x",
                name="X",
                posts=(
                    cq.Post(
                        title="Foreign Minister",
                        organization="state:jp",
                        former=True,
                        former_as_of=cq.Date(DAY),
                    ),
                ),
            ),
        ]
    )


def test_the_record_is_valid_and_round_trips_in_every_format() -> None:
    record = _record()
    assert record.validate() == []
    for fmt in ("json", "jsonl", "yaml"):
        assert cq.loads(cq.dumps(record, format=fmt), format=fmt) == record


def test_the_json_schema_describes_and_checks_the_new_parts() -> None:
    schema = cq.json_schema()
    document = json.loads(cq.dumps(_record(), format="json"))
    jsonschema.validate(document, schema)
    defs = schema["$defs"]
    for name in (
        "type:event_series",
        "type:relation",
        "type:thing",
        "LevelChange",
        "MembershipRule",
    ):
        assert defs[name]["description"], name
    event = defs["type:event"]["properties"]
    assert {"statuses", "series", "ordinal", "meeting_number", "sitting", "time"} <= set(event)
    [good] = [dict(e) for e in document["entities"] if e["id"] == "event:off"]
    for field, value in (
        ("statuses", [{"status": "rumoured"}]),
        ("ordinal", 0),
        ("time", "8:30"),
        ("time_zone", "Europe Vienna"),
        ("date", {"edtf": "2020", "inferred": True, "relative_to": "s", "offset": "P1M"}),
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**document, "entities": [{**good, field: value}]}, schema)


def test_held_and_planned_events() -> None:
    record = _record()
    assert record.held_events().ids() == ["event:44th"]
    assert record.planned_events().ids() == ["event:next"]
    assert record.get("event:off", cq.Event).status is cq.EventStatus.CANCELLED


def test_a_series_and_its_events() -> None:
    record = _record()
    assert record.of_type(cq.EventSeries).involving("org:asean").ids() == ["series:summits"]
    assert record.of_type(cq.EventSeries).mentioning("the summit").ids() == ["series:summits"]
    assert record.events.filter(lambda e: e.series == "series:summits").ids() == [
        "event:44th",
        "event:next",
    ]


def test_the_level_of_a_relation_on_a_day() -> None:
    record = _record()
    level = record.relation_level
    assert level("relation:asean-au", "1973") is None
    assert level("relation:asean-au", "2000-01-01") == "dialogue_partnership"
    assert level("relation:asean-au", "2021-10-30") == "comprehensive_strategic_partnership"
    assert [r.id for r in record.relations_of("state:au", "2024")] == ["relation:asean-au"]
    assert record.relations_of("state:jp") == []


def test_a_group_defined_by_a_standing_is_resolved_on_a_day() -> None:
    record = _record()
    members = record.group_members
    assert [a.id for a in members("group:dialogue-partners", "2000")] == ["state:au", "state:jp"]
    assert [a.id for a in members("group:dialogue-partners", "2024")] == ["state:jp"]
    assert [a.id for a in members("group:dialogue-partners")] == ["state:au", "state:jp"]


def test_a_former_post_is_not_held_on_the_day_it_is_called_former() -> None:
    record = _record()
    assert record.held_post_on("state:jp", "Foreign Minister", DAY) == []
    assert record.held_post_on("state:jp", "Foreign Minister", "2026-05-11") == [
        record.get("person:x")
    ]
    assert record.held_post_on("state:jp", "Foreign Minister", "2020", certain=True) == []


def test_a_corrected_anchor_re_resolves_a_relative_date() -> None:
    record = _record()
    assert record.resolve_relative_dates() == record
    source = record.get("source:s", cq.Source)
    fixed = cq.Record(
        [attrs.evolve(source, date=cq.Date("2026-12-01")) if e is source else e for e in record]
    )
    date = fixed.resolve_relative_dates().get("event:next", cq.Event).date
    assert date is not None
    assert (date.edtf, date.relative_to, date.offset) == ("2027-01", "source:s", "P1M")


def test_a_date_relative_to_an_event_follows_it_in_a_chain() -> None:
    before = cq.Date("2000", inferred=True, relative_to="event:b", offset="-P1D")
    record = cq.Record(
        [
            cq.Event(id="event:a", kind="meeting", date=before),
            cq.Event(
                id="event:b",
                kind="meeting",
                date=cq.Date("2000", inferred=True, relative_to="event:c", offset="P1W"),
            ),
            cq.Event(id="event:c", kind="meeting", date=cq.Date("2020-03-01")),
        ]
    )
    resolved = record.resolve_relative_dates()
    assert [str(e.date) for e in resolved.events] == ["2020-03-07", "2020-03-08", "2020-03-01"]


def test_references_in_the_new_parts_are_validated() -> None:
    record = cq.Record(
        [
            cq.Event(
                id="event:e",
                kind="meeting",
                series="event:e",
                organ="state:nowhere",
                date=cq.Date("2020", inferred=True, relative_to="source:missing"),
                place=cq.Place(name="HQ", organization="thing:t"),
            ),
            cq.Thing(id="thing:t", name="T"),
            cq.Relation(id="relation:r", kind="alliance", parties=()),
            cq.Group(
                id="group:g",
                name="G",
                defined_by=cq.MembershipRule(organization="org:none", statuses=("observer",)),
            ),
        ]
    )
    found = {(p.entity, p.path, p.code) for p in record.validate()}
    assert ("event:e", "$.series", "wrong-reference-type") in found
    assert ("event:e", "$.organ", "dangling-reference") in found
    assert ("event:e", "$.date.relative_to", "dangling-reference") in found
    assert ("event:e", "$.place.organization", "wrong-reference-type") in found
    assert ("relation:r", "$.parties", "empty-required") in found
    assert ("group:g", "$.defined_by.organization", "dangling-reference") in found


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: cq.Event(id="event:e", kind="meeting", ordinal=0), "not an ordinal"),
        (lambda: cq.Event(id="event:e", kind="meeting", meeting_number=-3), "not an ordinal"),
        (lambda: cq.Event(id="event:e", kind="meeting", time="8:30"), "not a time of day"),
        (lambda: cq.Event(id="event:e", kind="meeting", time="24:00"), "not a time of day"),
        (lambda: cq.Event(id="event:e", kind="meeting", time_zone="Mars/Olympus"), "time zone"),
        (lambda: cq.Event(id="event:e", kind="meeting", time_zone="+15:00"), "time zone"),
        (lambda: cq.Event(id="event:e", kind="meeting", sitting="midnight"), "not a known sitting"),
        (lambda: cq.EventStatusChange(status="rumoured"), "not a valid EventStatus"),
        (lambda: cq.LevelChange(level="best_friends"), "not a known relation level"),
        (
            lambda: cq.Relation(id="relation:r", kind="marriage", parties=("state:a",)),
            "relation kind",
        ),
        (lambda: cq.Thing(id="thing:t", name="T", kind="gadget"), "thing kind"),
        (lambda: cq.MembershipRule(organization="org:o", statuses=()), "at least one status"),
        (lambda: cq.Date("2020", relative_to="source:s"), "mark it inferred"),
        (lambda: cq.Date("2020", inferred=True, offset="P1M"), "needs relative_to"),
        (
            lambda: cq.Date("2020", inferred=True, relative_to="source:s", offset="one month"),
            "not an ISO 8601 duration",
        ),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(make: object, message: str) -> None:
    with pytest.raises((ValueError, FieldError), match=message):
        make()  # type: ignore[operator]


def test_bad_values_in_a_file_name_the_field() -> None:
    text = (
        'communique: "1.0"\nentities:\n'
        "  - {type: event, id: 'event:e', kind: meeting, time: '25:00'}\n"
    )
    with pytest.raises(cq.LoadError) as raised:
        cq.loads(text, format="yaml")
    assert "<data>:3:" in str(raised.value)
    assert "event:e $.time: '25:00' is not a time of day" in str(raised.value)


def test_a_merge_that_renames_an_anchor_renames_it_in_relative_dates() -> None:
    from communique.model._meaning import rewritten

    event = cq.Event(
        id="event:e",
        kind="meeting",
        date=cq.Date("2026-06", inferred=True, relative_to="source:a", offset="P1M"),
        statuses=(
            cq.EventStatusChange(
                status="announced",
                date=cq.Date("2026-05", inferred=True, relative_to="source:a"),
            ),
        ),
    )
    moved = rewritten(event, {"source:a": "source:b"})
    assert moved.date.relative_to == "source:b"
    assert moved.statuses[0].date.relative_to == "source:b"
    assert rewritten(event, {"source:c": "source:b"}) is event
