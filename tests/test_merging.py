"""communique.merge: identity, combining values, conflicts, judgements, and the
second record of the roundtable (the guest institute's news item) merged with the seed."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import communique as cq
from communique.merging import MergeError, candidates, merge
from communique.testing import records, texts

ROOT = Path(__file__).resolve().parent.parent
AIES = ROOT / "examples" / "aies_news_item"
SCO_SOURCE = "source:sco-2020-03-04-aies-roundtable"
AIES_SOURCE = "source:aies-2020-03-sco-roundtable-news"


@pytest.fixture(scope="module")
def news_item() -> cq.Record:
    return cq.load(AIES / "record.yaml")


# -- the acceptance: the seed with itself, and with the news item --------------------


def test_the_seed_merged_with_itself_is_the_seed(seed: cq.Record) -> None:
    result = merge(seed, seed)
    assert result.record == seed
    assert result.conflicts == ()
    assert result.candidates == ()
    assert all(m.reasons == ("same id",) and m.replaced == () for m in result.matches)
    assert merge(seed).record == seed


def test_the_news_item_is_valid_on_its_own(news_item: cq.Record) -> None:
    assert news_item.validate() == []


def test_candidates_between_the_release_and_the_news_item(
    seed: cq.Record, news_item: cq.Record
) -> None:
    pairs = {(c.a.id, c.b.id): c for c in candidates(seed, news_item)}
    assert set(pairs) == {
        ("org:aies", "org:aies-vienna"),
        ("org:sco", "org:shanghai-cooperation-organisation"),
        ("person:fasslabend", "person:werner-fasslabend"),
        ("person:norov-vladimir", "person:vladimir-norov"),
        ("event:2020-03-04-sco-aies-roundtable", "event:aies-2020-03-sco-roundtable"),
    }
    event = pairs["event:2020-03-04-sco-aies-roundtable", "event:aies-2020-03-sco-roundtable"]
    assert event.score < 1
    assert "2020-03" in event.reason
    # Without a judgement, a name match is a candidate and nothing more; only the
    # id both records give (state:at) is one entity.
    assert len(merge(seed, news_item).record) == len(seed) + len(news_item) - 1


def test_the_news_item_merges_with_the_seed(seed: cq.Record, news_item: cq.Record) -> None:
    result = merge(seed, news_item, judgements=AIES / "judgements.jsonl", prefer=SCO_SOURCE)
    merged = result.record
    assert merged.validate() == []
    # Not duplicated: the five judged pairs are one entity each, Austria is one by
    # its id; the new speaker, the two groups the news item names and its source
    # are added.
    assert len(merged) == len(seed) + 4
    assert merged.people.ids().count("person:vladimir-norov") == 1
    assert len(merged.people) == len(seed.people) + 1
    assert len(merged.organizations) == len(seed.organizations)
    assert len(merged.events) == len(seed.events)
    # The preferred source's ids are kept; the others resolve to the same entity.
    event = merged.get("event:2020-03-04-sco-aies-roundtable", cq.Event)
    assert merged.get("event:aies-2020-03-sco-roundtable") is event
    assert merged.get("person:norov-vladimir") is merged.get("person:vladimir-norov")
    assert event.replaces == ("event:aies-2020-03-sco-roundtable",)
    # References in every entity point at the kept ids.
    replaced = {old for entity in merged for old in entity.replaces}
    written = cq.dumps(cq.Record([attrs.evolve(e, replaces=()) for e in merged]), "json")
    assert replaced
    assert not any(f'"{old}"' in written for old in replaced)
    agents = [p.agent for p in event.participants]
    assert agents.count("person:vladimir-norov") == 1
    assert "person:anna-reiter" in agents  # the participant only the news item names
    assert "org:aies-vienna" not in agents
    assert "org:aies" in event.organisers
    # Evidence from both sources, on the event and on a person.
    assert {e.source for e in event.evidence} == {SCO_SOURCE, AIES_SOURCE}
    norov = merged.get("person:vladimir-norov", cq.Person)
    assert {e.source for e in norov.evidence} == {SCO_SOURCE, AIES_SOURCE}
    assert len(norov.posts) == 1  # one post, told by both
    assert {e.source for e in norov.posts[0].evidence} == {SCO_SOURCE, AIES_SOURCE}
    # Compatible values combine: the day is inside the month; the place only one gives.
    assert event.date is not None
    assert event.date.edtf == "2020-03-04"
    assert event.place is not None
    assert event.place.locality == "Vienna"
    # The one conflict, with both values and their evidence, settled by preference.
    (conflict,) = result.conflicts
    assert conflict.entity == "event:2020-03-04-sco-aies-roundtable"
    assert conflict.field.endswith(".roles")
    sides = {s.value: s for s in conflict.sides}
    assert set(sides) == {'["speaker"]', '["moderator"]'}
    assert sides['["speaker"]'].sources == (SCO_SOURCE,)
    assert sides['["moderator"]'].sources == (AIES_SOURCE,)
    assert "made a welcome speech" in sides['["speaker"]'].evidence[0].quote
    assert "moderated the discussion" in sides['["moderator"]'].evidence[0].quote
    assert conflict.preferred == SCO_SOURCE
    assert result.unresolved == ()
    fasslabend = next(p for p in event.participants if p.agent == "person:werner-fasslabend")
    assert tuple(fasslabend.roles) == ("speaker",)
    assert event.disputes == ()


def test_without_a_preference_the_field_is_marked_disputed(
    seed: cq.Record, news_item: cq.Record
) -> None:
    result = merge(seed, news_item, judgements=AIES / "judgements.jsonl")
    (conflict,) = result.unresolved
    event = result.record.get("event:2020-03-04-sco-aies-roundtable", cq.Event)
    (dispute,) = event.disputes
    assert dispute.field == conflict.field
    assert {c.value: c.sources for c in dispute.claims} == {
        '["speaker"]': (SCO_SOURCE,),
        '["moderator"]': (AIES_SOURCE,),
    }
    # The marker is part of the record: it is written and read back.
    text = cq.dumps(result.record, "yaml")
    assert "disputes:" in text
    assert cq.loads(text, "yaml") == result.record


def test_merging_the_merged_record_again_keeps_its_ids(
    seed: cq.Record, news_item: cq.Record
) -> None:
    once = merge(seed, news_item, judgements=AIES / "judgements.jsonl", prefer=SCO_SOURCE)
    again = merge(once.record, news_item)  # no judgements needed: the ids were replaced
    assert len(again.record) == len(once.record)
    assert again.record.get("person:norov-vladimir").id == "person:vladimir-norov"
    reasons = {m.id: m.reasons for m in again.matches}
    assert "replaced earlier" in reasons["person:vladimir-norov"]


# -- identity -------------------------------------------------------------------------


def _person(id: str, name: str, **kw: object) -> cq.Person:
    return cq.Person(id=id, name=name, **kw)  # type: ignore[arg-type]


def test_a_shared_identifier_makes_one_entity_of_one_type_only() -> None:
    qid = (cq.Identifier(scheme="Wikidata", value="Q1"),)
    a = cq.Record([_person("person:a", "A", identifiers=qid)])
    b = cq.Record(
        [
            _person("person:b", "B", identifiers=(cq.Identifier(scheme="wikidata", value="Q1"),)),
            cq.Organization(id="org:c", name="C", identifiers=qid),
        ]
    )
    result = merge(a, b)
    assert [p.id for p in result.record.people] == ["person:a"]
    assert result.record.get("person:b").id == "person:a"
    assert result.record.get("org:c").id == "org:c"
    assert result.matches[-1].reasons == ("identifier wikidata:Q1",)
    # Two names of one agent: the second is kept as another name, not a conflict.
    assert [n.name for n in result.record.get("person:a", cq.Person).other_names] == ["B"]
    assert result.conflicts == ()


def test_one_id_of_two_types_cannot_be_merged() -> None:
    a = cq.Record([_person("x:a", "A")])
    b = cq.Record([cq.Organization(id="x:a", name="A")])
    with pytest.raises(MergeError, match=r"x:a.*Organization.*Person"):
        merge(a, b)


def test_a_judgement_of_different_keeps_them_apart_on_every_later_merge(tmp_path: Path) -> None:
    qid = (cq.Identifier(scheme="wikidata", value="Q7"),)
    a = cq.Record([_person("person:norov", "Vladimir Norov", identifiers=qid)])
    b = cq.Record([_person("person:vladimir-norov", "Norov, Vladimir", identifiers=qid)])
    c = cq.Record([_person("person:v-norov", "Vladimir NOROV")])
    assert {(x.a.id, x.b.id) for x in candidates(a, c)} == {("person:norov", "person:v-norov")}
    path = tmp_path / "judgements.jsonl"
    cq.append_judgements(
        path,
        [
            cq.Judgement(
                a="person:v-norov",
                b="person:norov",
                decision="different",
                who="curator:test",
                when="2026-11-30T10:00:00Z",
            ),
            cq.Judgement(
                a="person:vladimir-norov",
                b="person:norov",
                decision="different",
                who="curator:test",
                when="2026-11-30T10:01:00Z",
            ),
        ],
    )
    # The judged pair is no longer a candidate, and even a shared identifier does
    # not join what a curator said is different: the refusal is reported.
    assert candidates(a, c, judgements=path) == []
    for order in itertools.permutations((a, b, c)):
        result = merge(*order, judgements=path)
        assert len(result.record) == 3
        assert result.kept_apart == (
            ("person:norov", "person:vladimir-norov", "identifier wikidata:Q7"),
        )
    # A later line on the same pair replaces the earlier decision.
    cq.append_judgements(
        path,
        [
            cq.Judgement(
                a="person:norov",
                b="person:v-norov",
                decision="same",
                who="curator:test",
                when="2026-11-30T11:00:00Z",
            )
        ],
    )
    assert len(merge(a, c, judgements=path).record) == 1


# -- combining values -----------------------------------------------------------------


def _event(**kw: object) -> cq.Event:
    return cq.Event(id="event:e", kind="meeting", **kw)  # type: ignore[arg-type]


def test_a_year_and_a_day_inside_it_combine_and_two_days_conflict() -> None:
    year = cq.Record([_event(date=cq.Date("2020"))])
    day = cq.Record([_event(date=cq.Date("2020-03-04"))])
    other = cq.Record([_event(date=cq.Date("2020-03-05"))])
    assert merge(year, day).record.get("event:e", cq.Event).date == cq.Date("2020-03-04")
    result = merge(day, other)
    (conflict,) = result.conflicts
    assert conflict.field == "$.date"
    assert [s.value for s in conflict.sides] == ['"2020-03-04"', '"2020-03-05"']
    assert result.record.get("event:e").disputes[0].field == "$.date"


def test_the_same_day_told_two_ways_is_a_conflict_not_a_silent_choice() -> None:
    stated = cq.Record([_event(date=cq.Date("2020-03-04"))])
    inferred = cq.Record(
        [_event(date=cq.Date("2020-03-04", inferred=True, phrase="last Wednesday"))]
    )
    result = merge(stated, inferred)
    (conflict,) = result.conflicts
    assert conflict.field == "$.date"
    assert len(conflict.sides) == 2
    assert any("last Wednesday" in side.value for side in conflict.sides)


def test_participant_lists_are_unioned_and_roles_one_inside_the_other_combine() -> None:
    p = cq.Participation
    a = cq.Record([_event(participants=(p(agent="person:a", roles=("speaker",)),))])
    b = cq.Record(
        [
            _event(
                participants=(
                    p(agent="person:b", roles=("attendee",)),
                    p(agent="person:a", roles=("speaker", "respondent")),
                )
            )
        ]
    )
    merged = merge(a, b)
    event = merged.record.get("event:e", cq.Event)
    assert {x.agent: tuple(x.roles) for x in event.participants} == {
        "person:a": ("speaker", "respondent"),
        "person:b": ("attendee",),
    }
    assert merged.conflicts == ()


# -- properties -----------------------------------------------------------------------


@st.composite
def _overlapping(draw: st.DrawFn) -> tuple[cq.Record, cq.Record]:
    """Two records that share some entities, some of them with another note."""
    a = draw(records(max_size=5))
    c = draw(records(max_size=5))
    shared = (
        draw(st.lists(st.sampled_from(list(a)), unique_by=lambda e: e.id, max_size=3))
        if len(a)
        else []
    )
    notes = draw(
        st.lists(st.none() | texts(max_size=10), min_size=len(shared), max_size=len(shared))
    )
    changed = [attrs.evolve(e, note=n) for e, n in zip(shared, notes, strict=True)]
    taken = {e.id for e in changed}
    return a, cq.Record([*changed, *(e for e in c if e.id not in taken)])


def _outcome(records_: tuple[cq.Record, ...]) -> object:
    try:
        result = merge(*records_)
    except MergeError as error:
        return ("error", str(error))
    return (
        result.record,
        sorted(result.matches, key=repr),
        sorted(result.conflicts, key=repr),
        [(x.a.id, x.b.id) for x in result.candidates],
    )


@given(pair=_overlapping())
def test_merge_does_not_depend_on_the_order_of_its_inputs(
    pair: tuple[cq.Record, cq.Record],
) -> None:
    a, b = pair
    assert _outcome((a, b)) == _outcome((b, a))


@given(record=records(max_size=6))
def test_a_record_merged_with_itself_is_itself(record: cq.Record) -> None:
    assert merge(record, record).record == record


def test_a_judgements_file_with_a_bad_line_names_its_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    good = {"a": "x:a", "b": "x:b", "decision": "same", "who": "w", "when": "2026-11-30"}
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "decision": "maybe"}) + "\n")
    with pytest.raises(cq.LoadError) as caught:
        cq.read_judgements(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.path) == (str(path), 2, "$.decision")
