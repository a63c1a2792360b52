"""The seed record: the SCO Secretariat's release on the roundtable with AIES.

These tests hold the record to the article: it validates, survives every format,
breaks loudly when a quote, a reference or a required field is damaged, and keeps
the facts a reader of the article knows.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import communique as cq
from communique.summary import summarize

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sco_aies_roundtable"
RECORD = EXAMPLE / "record.yaml"
ARTICLE = EXAMPLE / "article.txt"
SOURCE = "source:sco-2020-03-04-aies-roundtable"
ROUNDTABLE = "event:2020-03-04-sco-aies-roundtable"
ONLINE_PART = "event:2020-03-04-sco-aies-roundtable-online-part"
SPEECH = "statement:norov-2020-03-04-speech"
NOROV = "person:vladimir-norov"
PARTICIPANTS = "group:roundtable-participants"

# A step into a value: a field name, and the index when the field holds a tuple.
Step = tuple[str, int | None]


def article() -> str:
    return ARTICLE.read_text(encoding="utf-8")


def path_text(steps: list[Step]) -> str:
    """Steps as the field path problems give (``$.participants[2].evidence[0]``)."""
    return "$" + "".join(f".{name}" + (f"[{i}]" if i is not None else "") for name, i in steps)


def evidence_in(
    value: Any, steps: list[Step] | None = None
) -> Iterator[tuple[list[Step], cq.Evidence]]:
    """Every evidence below a model value, with the steps that lead to it."""
    steps = steps or []
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        elements = list(enumerate(item)) if isinstance(item, tuple) else [(None, item)]
        for index, element in elements:
            here = [*steps, (field.name, index)]
            if isinstance(element, cq.Evidence):
                yield here, element
            elif attrs.has(type(element)) and not isinstance(element, cq.Date):
                yield from evidence_in(element, here)


def replaced(value: Any, steps: list[Step], new: object) -> Any:
    """A copy of a frozen value with the value at ``steps`` replaced by ``new``."""
    (name, index), rest = steps[0], steps[1:]
    old = getattr(value, name)
    if index is None:
        return attrs.evolve(value, **{name: replaced(old, rest, new) if rest else new})
    element = replaced(old[index], rest, new) if rest else new
    return attrs.evolve(value, **{name: (*old[:index], element, *old[index + 1 :])})


def record_of(entities: list[cq.Entity]) -> cq.Record:
    """A record of these entities whose source text is the seed's article."""
    return cq.Record(entities, text_dirs={SOURCE: EXAMPLE})


def one_character_changed(quote: str) -> str:
    middle = len(quote) // 2
    swap = "x" if quote[middle] != "x" else "y"
    return quote[:middle] + swap + quote[middle + 1 :]


# -- the record is sound -----------------------------------------------------------


def test_the_seed_validates_without_problems(seed: cq.Record) -> None:
    assert seed.validate() == []


def test_every_entity_and_every_evidence_is_tied_to_the_article(seed: cq.Record) -> None:
    assert [e.id for e in seed if not e.evidence] == []
    text = article()
    found = [ev for entity in seed for _, ev in evidence_in(entity)]
    assert len(found) > len(seed)  # facts inside entities carry evidence too
    for ev in found:
        assert ev.source == SOURCE
        assert ev.start is not None
        assert ev.end is not None
        assert text[ev.start : ev.end] == ev.quote


def test_every_quote_is_unique_so_its_span_can_be_found_again(seed: cq.Record) -> None:
    def without_span(entity: cq.Entity) -> cq.Entity:
        for steps, ev in evidence_in(entity):
            entity = replaced(entity, steps, attrs.evolve(ev, start=None, end=None))
        return entity

    bare = record_of([without_span(e) for e in seed])
    assert bare != seed
    assert bare.validate() == []  # no quote is missing or ambiguous
    assert bare.locate_evidence() == seed


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".yaml"])
def test_dumping_and_loading_again_gives_an_equal_record(
    seed: cq.Record, tmp_path: Path, suffix: str
) -> None:
    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    path = tmp_path / f"record{suffix}"
    cq.dump(seed, path)
    again = cq.load(path)
    assert again == seed
    assert again.validate() == []  # the text file sits beside the dump


@pytest.mark.parametrize("fmt", cq.FORMATS)
def test_text_round_trip_and_deterministic_output(seed: cq.Record, fmt: str) -> None:
    text = cq.dumps(seed, fmt)
    again = cq.loads(text, fmt)
    assert again == seed
    assert cq.dumps(again, fmt) == text


# -- damage is caught and located ----------------------------------------------------


def test_a_quote_changed_by_one_character_is_reported_at_its_entity_and_field(
    seed: cq.Record,
) -> None:
    entities = list(seed)
    checked = 0
    missed = []
    for position, entity in enumerate(entities):
        for steps, ev in evidence_in(entity):
            damaged = replaced(
                entity, steps, attrs.evolve(ev, quote=one_character_changed(ev.quote))
            )
            record = record_of([*entities[:position], damaged, *entities[position + 1 :]])
            found = [(p.code, p.entity, p.path) for p in record.validate()]
            wanted = ("evidence-mismatch", entity.id, path_text(steps) + ".quote")
            if found != [wanted]:
                missed.append((wanted, found))
            checked += 1
    assert missed == []
    # posts, participations, responses and statuses are among the damaged quotes
    assert checked == sum(1 for e in entities for _ in evidence_in(e))


def test_a_quote_without_span_changed_by_one_character_is_not_found(seed: cq.Record) -> None:
    person = seed.get(NOROV, cq.Person)
    ev = person.posts[0].evidence[0]
    damaged = replaced(
        person,
        [("posts", 0), ("evidence", 0)],
        attrs.evolve(ev, quote=one_character_changed(ev.quote), start=None, end=None),
    )
    record = record_of([damaged if e.id == NOROV else e for e in seed])
    assert [(p.code, p.entity, p.path) for p in record.validate()] == [
        ("quote-not-found", NOROV, "$.posts[0].evidence[0].quote")
    ]


def dangling(seed: cq.Record, removed: str) -> set[tuple[str | None, str]]:
    record = record_of([e for e in seed if e.id != removed])
    problems = record.validate()
    assert {p.code for p in problems} == {"dangling-reference"}
    assert all(repr(removed) in p.message for p in problems)
    return {(p.entity, p.path) for p in problems}


def test_removing_aies_leaves_every_reference_to_it_reported(seed: cq.Record) -> None:
    assert dangling(seed, "org:aies") == {
        ("person:werner-fasslabend", "$.posts[0].organization"),
        (ROUNDTABLE, "$.organisers[1]"),
        (ROUNDTABLE, "$.participants[1].on_behalf_of"),
        (ROUNDTABLE, "$.participants[2].agent"),
    }


def test_removing_the_speech_leaves_each_excerpt_and_the_idea_dangling(seed: cq.Record) -> None:
    excerpts = [s.id for s in seed.statements if s.part_of == SPEECH]
    assert len(excerpts) == 30
    assert dangling(seed, SPEECH) == {(sid, "$.part_of") for sid in excerpts} | {
        ("proposal:2020-03-04-sco-eu-analytical-cooperation", "$.statement")
    }


def test_removing_the_source_leaves_every_evidence_dangling(seed: cq.Record) -> None:
    expected = {
        (entity.id, path_text(steps) + ".source")
        for entity in seed
        if entity.id != SOURCE
        for steps, _ in evidence_in(entity)
    }
    assert dangling(seed, SOURCE) == expected


def entity_line(text: str, entity_id: str) -> int:
    """The line (from 1) of the ``- type:`` that opens the entity with this id."""
    lines = text.splitlines()
    at = lines.index(f"    id: {entity_id}")
    assert lines[at - 1].startswith("  - type: ")
    return at  # the line before the id line, counted from 1


@pytest.mark.parametrize(
    ("entity_id", "field"),
    [
        ("person:werner-fasslabend", "name"),
        ("state:qa", "country"),
        ("event:2019-sco-bishkek-summit", "kind"),
        ("document:sco-charter", "title"),
        ("membership:in-sco-2017", "member"),
        ("statement:norov-2020-03-04-gesture-of-optimism", "speakers"),
        ("statement:taliban-pledge", "attribution"),
        ("proposal:sco-afghanistan-un-cooperation", "proposers"),
    ],
)
def test_a_missing_required_field_names_file_line_entity_and_field(
    tmp_path: Path, entity_id: str, field: str
) -> None:
    text = RECORD.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = lines.index(f"    id: {entity_id}\n")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("  - type: "))
    [cut] = [i for i in range(start, end) if lines[i].startswith(f"    {field}: ")]
    damaged = "".join(lines[:cut] + lines[cut + 1 :])
    path = tmp_path / "record.yaml"
    path.write_text(damaged, encoding="utf-8")
    with pytest.raises(cq.LoadError) as info:
        cq.load(path)
    [problem] = info.value.problems
    assert problem.code == "missing-field"
    assert problem.file == str(path)
    assert problem.entity == entity_id
    assert problem.path == f"$.{field}"
    assert problem.line == entity_line(damaged, entity_id)
    assert str(path) in str(info.value)
    assert field in str(info.value)


# -- the summary -------------------------------------------------------------------


def test_the_summary_shows_the_events_people_proposals_and_statements(seed: cq.Record) -> None:
    summary = summarize(seed)
    flat = " ".join(summary.split())
    # events, with their dates and places
    for fact in (
        "2020-03-04",
        "The SCO's role in promoting peace and security",
        "Online part of the roundtable discussion",
        "Entry of India and Pakistan into the SCO",
        "Bishkek",
        "Qingdao",
        "Doha",
        "2019-07-17",
        "2020-02-29",
    ):
        assert fact in flat, fact
    # who took part
    for name in (
        "Vladimir Norov",
        "Werner Fasslabend",
        "Austrian Institute for European and Security Policy",
        "Representatives of the diplomatic missions of SCO countries",
        "Experts from Austrian research and analytical centres",
    ):
        assert name in flat, name
    # proposals and their parties
    for fact in (
        "EU-SCO-OSCE",
        "EU-SCO-ASEAN",
        "Office on Drugs and Crime",
        "Central Asian countries",
    ):
        assert fact in flat, fact
    # statements by several speakers, including reported ones
    for fact in (
        "a gesture that inspires optimism",
        "over 600 multilateral documents",
        "not to use terrorism as a method of political struggle",
        "to expand mutually advantageous cooperation",
    ):
        assert fact in flat, fact
    # the events come in the order they happened
    assert (
        flat.index("Entry of India and Pakistan")
        < flat.index("Bishkek")
        < flat.index("Online part of the roundtable")
    )


# -- what a reader of the article knows ------------------------------------------------


def test_the_roundtable_date_is_4_march_with_the_year_inferred(seed: cq.Record) -> None:
    date = seed.get(ROUNDTABLE, cq.Event).date
    assert date is not None
    assert (date.edtf, date.inferred, date.phrase) == ("2020-03-04", True, "On 4 March")
    assert date.basis is not None
    assert "29 February 2020" in date.basis
    assert date.phrase in article()
    assert "4 March 2020" not in article()  # the year really is not written there


def test_the_roundtable_subject_is_the_quoted_title(seed: cq.Record) -> None:
    [quoted] = re.findall(r'"([^"]+)"', article())
    event = seed.get(ROUNDTABLE, cq.Event)
    # the article writes no-break spaces; the subject is kept as plain text
    assert event.subject == " ".join(quoted.rstrip(",").split())
    assert event.kind == "roundtable"
    assert set(event.organisers) == {"org:aies", "org:sco-secretariat"}


def test_who_took_part_in_the_roundtable_and_how(seed: cq.Record) -> None:
    roles = {p.agent: set(p.roles) for p in seed.get(ROUNDTABLE, cq.Event).participants}
    assert roles[NOROV] == {"speaker", "respondent"}
    assert roles["person:werner-fasslabend"] == {"speaker"}
    assert roles["group:sco-country-diplomatic-representatives"] == {"attendee"}
    assert roles["group:austrian-security-experts"] == {"attendee"}
    assert roles["org:aies"] == {"co_organiser"}
    online = seed.get(ONLINE_PART, cq.Event)
    assert online.part_of == ROUNDTABLE
    assert online.attendance is cq.AttendanceMode.ONLINE
    welcome = seed.get("statement:fasslabend-2020-03-04-welcome-speech", cq.Statement)
    assert (welcome.kind, welcome.speakers) == ("welcome_speech", ("person:werner-fasslabend",))


def test_people_hold_their_posts(seed: cq.Record) -> None:
    norov = seed.get(NOROV, cq.Person)
    assert [(p.title, p.organization) for p in norov.posts] == [("Secretary-General", "org:sco")]
    fasslabend = seed.get("person:werner-fasslabend", cq.Person)
    assert [(p.title, p.organization) for p in fasslabend.posts] == [("President", "org:aies")]


def test_the_participants_made_four_proposals_and_generally_supported_norovs_idea(
    seed: cq.Record,
) -> None:
    theirs = [p for p in seed.proposals if p.proposers == (PARTICIPANTS,)]
    assert len(theirs) == 4
    parties = [set(p.parties) for p in theirs]
    assert {"org:eu", "org:sco", "org:unodc", "group:central-asian-countries"} <= parties[0]
    assert parties[1] == {"org:eu", "org:sco", "org:osce"}
    assert parties[2] == {"org:unodc", "org:sco", "org:eu"}
    assert parties[3] == {"org:eu", "org:sco", "org:asean"}
    assert all(p.event == ROUNDTABLE for p in theirs)
    assert all([s.status for s in p.statuses] == ["proposed"] for p in theirs)

    idea = seed.get("proposal:2020-03-04-sco-eu-analytical-cooperation", cq.Proposal)
    assert idea.proposers == (NOROV,)
    assert [(r.agent, r.stance) for r in idea.responses] == [(PARTICIPANTS, "general_support")]
    assert "org:sco-forum" in idea.parties


def test_the_sco_proposes_cooperation_under_the_un_on_afghanistan(seed: cq.Record) -> None:
    proposal = seed.get("proposal:sco-afghanistan-un-cooperation", cq.Proposal)
    assert proposal.proposers == ("org:sco",)
    assert "org:un" in proposal.parties
    made_in = seed.get(proposal.statement or "", cq.Statement)
    assert made_in.part_of == SPEECH
    assert made_in.speakers == (NOROV,)


def test_the_speech_is_reported_never_quoted(seed: cq.Record) -> None:
    assert [s.id for s in seed.statements if s.attribution is cq.Attribution.DIRECT_QUOTE] == []
    excerpts_begin = article().index("Excerpts from")
    excerpts = [s for s in seed.statements if s.part_of == SPEECH]
    assert excerpts
    for statement in excerpts:
        assert statement.speakers == (NOROV,)
        assert statement.reported_by == "org:sco-secretariat"
        assert statement.attribution is cq.Attribution.REPORTED
        assert all((ev.start or 0) > excerpts_begin for ev in statement.evidence)


def test_what_others_said_is_kept_apart_from_who_reported_it(seed: cq.Record) -> None:
    pledge = seed.get("statement:taliban-pledge", cq.Statement)
    assert (pledge.kind, pledge.speakers, pledge.reported_by) == (
        "commitment",
        ("org:taliban",),
        NOROV,
    )
    commitment = seed.get("statement:eu-reaffirmed-commitment", cq.Statement)
    assert (commitment.kind, commitment.speakers, commitment.reported_by) == (
        "commitment",
        ("org:eu",),
        NOROV,
    )
    willingness = seed.get("statement:taliban-2020-inter-afghan-talks-willingness", cq.Statement)
    assert willingness.date is not None
    assert willingness.date.inferred
    assert (willingness.date.lower, willingness.date.upper) == (
        cq.Date("2020-02-29").lower,
        cq.Date("2020-03-04").upper,
    )


def test_the_audience_asked_and_norov_answered(seed: cq.Record) -> None:
    questions = [s for s in seed.statements if s.kind == "question"]
    answers = [s for s in seed.statements if s.kind == "answer"]
    assert len(questions) == 4
    assert {s.speakers for s in questions} == {("group:online-audience",)}
    assert sorted(a.replies_to or "" for a in answers) == sorted(q.id for q in questions)
    assert {a.speakers for a in answers} == {(NOROV,)}
    assert {s.event for s in [*questions, *answers]} == {ONLINE_PART}


def test_india_and_pakistan_are_members_since_their_entry_in_2017(seed: cq.Record) -> None:
    accession = seed.get("event:2017-india-pakistan-sco-accession", cq.Event)
    assert accession.kind == "accession"
    assert str(accession.date) == "2017"
    members = {
        (m.member, m.status, str(m.start), m.started_by)
        for m in seed.memberships
        if m.organization == "org:sco"
    }
    assert members == {
        ("state:in", "member", "2017", accession.id),
        ("state:pk", "member", "2017", accession.id),
    }


def test_the_earlier_events_and_the_documents_adopted_at_them(seed: cq.Record) -> None:
    doha = seed.get("event:2020-02-29-us-taliban-agreement-doha", cq.Event)
    assert doha.place is not None
    assert (doha.place.name, doha.place.country) == ("Doha", "QA")
    assert ("org:sco", ("invitee",)) in [(p.agent, p.roles) for p in doha.participants]
    agreement = seed.get("document:us-taliban-agreement-2020", cq.Document)
    assert set(agreement.parties) == {"state:us", "org:taliban"}
    assert (str(agreement.adopted), agreement.adopted_at) == ("2020-02-29", doha.id)

    strategy = seed.get("document:eu-central-asia-strategy-2019", cq.Document)
    assert (strategy.kind, str(strategy.adopted), strategy.adopted_by) == (
        "strategy",
        "2019-07-17",
        ("org:eu",),
    )
    roadmap = seed.get("document:sco-afghanistan-roadmap-2019", cq.Document)
    assert (roadmap.kind, roadmap.adopted_at) == ("roadmap", "event:2019-sco-bishkek-summit")
    programme = seed.get("document:sco-youth-programme-of-action-2018", cq.Document)
    assert (programme.kind, programme.adopted_at) == ("programme", "event:2018-sco-qingdao-summit")
    # "the programme of action formulated from the joint addresses of the presidents"
    addresses = seed.get(programme.based_on[0], cq.Document)
    assert (addresses.kind, addresses.adopted_by) == ("address", ("group:sco-presidents",))
    for convention in (
        "document:sco-convention-against-terrorism",
        "document:sco-convention-on-countering-extremism",
    ):
        assert seed.get(convention, cq.Document).status == "open_for_signature"
    # "over 600 multilateral documents" is a claim, not a document
    assert not any("600" in d.title for d in seed.documents)


def test_the_source_leaves_unsaid_what_the_text_does_not_say(seed: cq.Record) -> None:
    source = seed.get(SOURCE, cq.Source)
    assert (source.kind, source.publisher, source.language) == (
        "press_release",
        "org:sco-secretariat",
        "en",
    )
    assert (source.title, source.url, source.date) == (None, None, None)
    assert source.text_file == ARTICLE.name


def test_states_carry_their_iso_codes(seed: cq.Record) -> None:
    assert {s.id: s.country for s in seed.states} == {
        "state:at": "AT",
        "state:in": "IN",
        "state:pk": "PK",
        "state:af": "AF",
        "state:qa": "QA",
        "state:us": "US",
    }
