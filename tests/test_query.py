"""A catalogue of questions put to records through the query API.

Three kinds of record: the seed record (facts it already holds), a small record of
the same press release written here (so the answers are known from the article),
and generated records whose answers are known by construction. A brute-force
filter written here, independently of the library, must agree with every query.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import communique as cq
from communique import Date, Event, Participation, Person, Post, Proposal, Response, Statement
from downstream import Hearing

SG = "person:vladimir-norov"
ROUNDTABLE = "event:2020-03-04-sco-aies-roundtable"


# -- the seed record -------------------------------------------------------------------


SEED_ONLINE = "event:2020-03-04-sco-aies-roundtable-online-part"
SEED_DOHA = "event:2020-02-29-us-taliban-agreement-doha"


def test_seed_roundtable_is_found_by_day_kind_and_speaker(seed: cq.Record) -> None:
    # The article: the roundtable of 4 March 2020 and its online part; before it, the
    # accession of 2017, the summits of 2018 and 2019, the EU strategy of 17 July 2019
    # and the Doha agreement of 29 February 2020.
    assert set(seed.events.on("2020-03-04").ids()) == {ROUNDTABLE, SEED_ONLINE}
    assert seed.events.on("2020-03-04").of_kind("roundtable").one().id == ROUNDTABLE
    assert seed.events.of_kind("roundtable").ids() == [ROUNDTABLE]
    assert seed.events.involving(SG, roles=["speaker"]).ids() == [ROUNDTABLE]
    assert set(seed.events.between("2020-01-01", "2020-12-31").ids()) == {
        ROUNDTABLE,
        SEED_ONLINE,
        SEED_DOHA,
    }
    assert len(seed.events.before("2020-03-04").ids()) == 5
    assert SEED_DOHA in seed.events.before("2020-03-04").ids()
    assert set(seed.events.after("2020-03-03").ids()) == {ROUNDTABLE, SEED_ONLINE}


def test_seed_who_was_sco_secretary_general_on_4_march_2020(seed: cq.Record) -> None:
    holders = seed.held_post_on("org:sco", "secretary-general", "2020-03-04")
    assert [p.id for p in holders] == [SG]
    # The record gives the post no dates, so it is not certainly held on any day.
    assert seed.held_post_on("org:sco", "Secretary-General", "2020-03-04", certain=True) == []


def test_seed_lookups_by_field_text_and_id(seed: cq.Record) -> None:
    assert seed.organizations.where(acronym="SCO").one().name == "Shanghai Cooperation Organisation"
    assert seed.people.mentioning("vladimir NOROV").ids() == [SG]
    assert seed.people.with_id(SG).one().name == "Vladimir Norov"
    assert seed.organizations.with_id("org:sco-secretariat").one().parent == "org:sco"
    assert seed.events.first() is not None


def test_seed_statements_by_the_secretary_general_are_his(seed: cq.Record) -> None:
    # The seed is being filled in: whatever statements it has, those "by" Norov at
    # the roundtable name him as a speaker and are at the roundtable or a part of it.
    parts = {ROUNDTABLE} | set(seed.parts_of(ROUNDTABLE, nested=True).ids())
    for statement in seed.statements.by(SG).at(ROUNDTABLE):
        assert SG in statement.speakers
        assert statement.event in parts or statement.event is None


def test_seed_participants_have_resolved_agents_and_roles(seed: cq.Record) -> None:
    participants = seed.participants_of(ROUNDTABLE)
    norov = next(p for p in participants if p.agent.id == SG)
    assert isinstance(norov.agent, cq.Person)
    assert "speaker" in norov.roles


# -- the press release, as a small record written here ------------------------------------

SOURCE = "source:release"
EU, UNODC, SCO, AIES = "org:eu", "org:unodc", "org:sco", "org:aies"
FASSLABEND = "person:werner-fasslabend"
PARTICIPANTS = "group:roundtable-participants"
ONLINE = "event:2020-03-04-roundtable-online-part"
DOHA = "event:2020-02-29-us-taliban-agreement"
BISHKEK = "event:2019-bishkek-summit"


def roundtable_record() -> cq.Record:
    """What the article says, in the model: enough for the questions below."""
    org = cq.Organization
    entities: list[cq.Entity] = [
        cq.Source(id=SOURCE, kind="press_release", publisher="org:sco-secretariat"),
        org(id=SCO, name="Shanghai Cooperation Organisation", acronym="SCO"),
        org(id="org:sco-secretariat", name="SCO Secretariat", parent=SCO),
        org(id=AIES, name="Austrian Institute for European and Security Policy", acronym="AIES"),
        org(id=EU, name="European Union", acronym="EU"),
        org(id=UNODC, name="UN Office on Drugs and Crime", acronym="UNODC"),
        org(id="org:osce", name="OSCE"),
        org(id="org:asean", name="ASEAN"),
        cq.Group(id="group:central-asian-countries", name="Central Asian countries"),
        cq.Group(
            id="group:austrian-experts",
            name="experts from various Austrian research and analytical centres",
        ),
        cq.Group(id=PARTICIPANTS, name="the participants"),
        cq.State(id="state:in", name="India", country="IN"),
        cq.State(id="state:pk", name="Pakistan", country="PK"),
        Person(
            id=SG,
            name="Vladimir Norov",
            posts=(Post(title="Secretary-General", organization=SCO),),
        ),
        Person(
            id=FASSLABEND,
            name="Werner Fasslabend",
            posts=(Post(title="President", organization=AIES),),
        ),
        Event(
            id=ROUNDTABLE,
            kind="roundtable",
            title="The SCO's role in promoting peace and security",
            date=Date("2020-03-04", inferred=True, phrase="On 4 March"),
            organisers=(AIES,),
            participants=(
                Participation(agent=SG, roles=("speaker",), capacity="Secretary-General"),
                Participation(agent=FASSLABEND, roles=("speaker",)),
                Participation(agent="group:austrian-experts", roles=("attendee",)),
            ),
            topics=("security",),
        ),
        Event(
            id=ONLINE,
            kind="question_and_answer",
            date=Date("2020-03-04", inferred=True),
            attendance="online",
            part_of=ROUNDTABLE,
            participants=(
                Participation(agent=SG, roles=("respondent",)),
                Participation(agent="group:austrian-experts", roles=("questioner",)),
            ),
        ),
        Event(id=DOHA, kind="signing", date=Date("2020-02-29")),
        Event(id=BISHKEK, kind="summit", date=Date("2019")),
        Statement(
            id="statement:fasslabend-welcome",
            kind="welcome_speech",
            speakers=(FASSLABEND,),
            attribution="reported",
            event=ROUNDTABLE,
        ),
        Statement(
            id="statement:norov-speech",
            kind="speech",
            speakers=(SG,),
            attribution="reported",
            event=ROUNDTABLE,
            text="Terrorism, extremism, drug trafficking and cybercrime are the most urgent problems",
            topics=("terrorism", "drug-trafficking"),
        ),
        Statement(
            id="statement:norov-on-doha",
            kind="reported_speech",
            speakers=(SG,),
            attribution="reported",
            part_of="statement:norov-speech",
            about=(DOHA,),
            text="the conclusion of an agreement between the United States and the Taliban",
        ),
        Statement(
            id="statement:audience-questions",
            kind="question",
            speakers=("group:austrian-experts",),
            attribution="summary",
            event=ONLINE,
        ),
        Statement(
            id="statement:norov-answers",
            kind="answer",
            speakers=(SG,),
            attribution="summary",
            replies_to="statement:audience-questions",
            text="Mr Norov answered questions on various aspects of SCO activities",
        ),
        Statement(
            id="statement:participants-proposals",
            kind="reported_speech",
            speakers=(PARTICIPANTS,),
            attribution="reported",
            event=ROUNDTABLE,
        ),
        Proposal(
            id="proposal:talks-on-terrorism",
            text="to hold talks ... on the prevention of terrorism",
            proposers=(PARTICIPANTS,),
            parties=(EU, SCO, UNODC, "group:central-asian-countries"),
            statement="statement:participants-proposals",
            topics=("terrorism",),
        ),
        Proposal(
            id="proposal:eu-sco-osce",
            text="to promote EU-SCO-OSCE cooperation on transnational threats",
            proposers=(PARTICIPANTS,),
            parties=(EU, SCO, "org:osce"),
            statement="statement:participants-proposals",
        ),
        Proposal(
            id="proposal:joint-drug-measures",
            text="to draft joint measures to combat illegal drug trafficking",
            proposers=(PARTICIPANTS,),
            parties=(UNODC, SCO, EU),
            statement="statement:participants-proposals",
            topics=("drug-trafficking",),
        ),
        Proposal(
            id="proposal:eu-sco-asean",
            text="to exchange best practices on information security in the EU-SCO-ASEAN format",
            proposers=(PARTICIPANTS,),
            parties=(EU, SCO, "org:asean"),
            statement="statement:participants-proposals",
        ),
        Proposal(
            id="proposal:analytical-cooperation",
            text="to step up cooperation between analytical institutions of the SCO and the EU",
            proposers=(SG,),
            parties=(SCO, EU),
            statement="statement:norov-speech",
            responses=(Response(agent=PARTICIPANTS, stance="general_support"),),
        ),
        cq.Document(
            id="document:eu-central-asia-strategy",
            title="EU Strategy on Central Asia",
            kind="strategy",
            adopted=Date("2019-07-17"),
            adopted_by=(EU,),
        ),
        cq.Document(
            id="document:sco-afghanistan-roadmap",
            title="Roadmap for the SCO-Afghanistan Contact Group",
            kind="roadmap",
            adopted_at=BISHKEK,
        ),
        cq.Membership(
            id="membership:in-sco",
            member="state:in",
            organization=SCO,
            status="member",
            start=Date("2017"),
        ),
        cq.Membership(
            id="membership:pk-sco",
            member="state:pk",
            organization=SCO,
            status="member",
            start=Date("2017"),
        ),
    ]
    record = cq.Record(entities)
    assert record.validate() == []
    return record


@pytest.fixture(scope="module")
def release() -> cq.Record:
    return roundtable_record()


def test_which_proposals_involving_unodc_were_made_in_2020_and_who_supported_them(
    release: cq.Record,
) -> None:
    made = release.proposals.involving(UNODC).between("2020-01-01", "2020-12-31")
    # Their date is the roundtable's, through the statement they were made in.
    assert made.ids() == ["proposal:talks-on-terrorism", "proposal:joint-drug-measures"]
    assert [release.supporters_of(p) for p in made] == [[], []]
    supporters = release.supporters_of("proposal:analytical-cooperation")
    assert [a.id for a in supporters] == [PARTICIPANTS]
    assert release.responses_to("proposal:analytical-cooperation") == {
        cq.Stance("general_support"): [release.get(PARTICIPANTS, cq.Agent)]
    }
    assert release.opponents_of("proposal:analytical-cooperation") == []


def test_what_did_the_secretary_general_say_at_this_roundtable(release: cq.Record) -> None:
    [sg] = release.held_post_on(SCO, "Secretary-General", "2020-03-04")
    said = release.statements.by(sg).at(ROUNDTABLE)
    # The excerpt is at the roundtable through the speech it is part of, the answers
    # through the questions (asked in the online part) they reply to.
    assert said.ids() == [
        "statement:norov-speech",
        "statement:norov-on-doha",
        "statement:norov-answers",
    ]
    assert release.statements.by(sg).at(ROUNDTABLE, parts=False).ids() == [
        "statement:norov-speech",
        "statement:norov-on-doha",
    ]
    assert release.statements.by(sg).made_at(ONLINE).ids() == ["statement:norov-answers"]


def test_roundtable_structure_and_participants(release: cq.Record) -> None:
    assert release.parts_of(ROUNDTABLE).ids() == [ONLINE]
    parent = release.parent_of(ONLINE)
    assert parent is not None
    assert parent.id == ROUNDTABLE
    assert release.parent_of(ROUNDTABLE) is None
    roles = {p.agent.id: p.roles for p in release.participants_of(ROUNDTABLE)}
    assert roles == {
        SG: ("speaker",),
        FASSLABEND: ("speaker",),
        "group:austrian-experts": ("attendee",),
        AIES: ("organiser",),
    }
    assert [p.capacity for p in release.participants_of(ROUNDTABLE)][:1] == ["Secretary-General"]
    assert release.events.at(ROUNDTABLE).ids() == [ONLINE]
    assert release.events.by(AIES).ids() == [ROUNDTABLE]
    assert release.events.involving("group:austrian-experts", roles=["questioner"]).ids() == [
        ONLINE
    ]
    assert release.statements_at(ONLINE).ids() == [
        "statement:audience-questions",
        "statement:norov-answers",
    ]
    assert release.proposals_made_at(ROUNDTABLE).count() == 5


def test_statement_navigation(release: cq.Record) -> None:
    assert [a.id for a in release.speakers_of("statement:norov-on-doha")] == [SG]
    assert release.replies_to("statement:audience-questions").ids() == ["statement:norov-answers"]
    assert release.replies_to("statement:norov-answers").ids() == []
    assert release.proposals_made_in("statement:norov-speech").ids() == [
        "proposal:analytical-cooperation"
    ]
    assert release.proposals_made_in("statement:participants-proposals").count() == 4
    assert [a.id for a in release.proposers_of("proposal:eu-sco-osce")] == [PARTICIPANTS]
    assert [a.id for a in release.parties_to("proposal:eu-sco-osce")] == [EU, SCO, "org:osce"]


def test_topics_about_and_text(release: cq.Record) -> None:
    assert release.statements.about(DOHA).ids() == ["statement:norov-on-doha"]
    assert release.proposals.about("drug-trafficking").ids() == ["proposal:joint-drug-measures"]
    assert release.statements.about("drug-trafficking", "terrorism").ids() == [
        "statement:norov-speech"
    ]
    assert release.statements.mentioning("DRUG  Trafficking").ids() == ["statement:norov-speech"]
    assert release.proposals.mentioning("eu-sco-asean").ids() == ["proposal:eu-sco-asean"]
    assert release.agents.mentioning("austrian institute").ids() == [AIES]


def test_documents_dated_by_adoption(release: cq.Record) -> None:
    assert release.documents.before("2020").ids() == ["document:eu-central-asia-strategy"]
    assert release.documents.at(BISHKEK).ids() == ["document:sco-afghanistan-roadmap"]
    assert release.documents.by(EU).ids() == ["document:eu-central-asia-strategy"]


def test_memberships_at_a_date(release: cq.Record) -> None:
    assert [m.id for m in release.memberships_of("state:in", "2020-03-04")] == ["membership:in-sco"]
    assert [m.id for m in release.memberships_of("state:in", "2020-03-04", certain=True)] == [
        "membership:in-sco"
    ]
    # Joined "in 2017": possibly a member in June 2017, certainly only from 2018.
    assert len(release.memberships_of("state:in", "2017-06")) == 1
    assert release.memberships_of("state:in", "2017-06", certain=True) == []
    assert release.memberships_of("state:in", "2016-12-31") == []
    members = release.members_of(SCO, "2020-03-04", status=["member"])
    assert [a.id for a in members] == ["state:in", "state:pk"]
    assert release.members_of(SCO, "2020", status=["observer"]) == []


def test_timeline_of_an_agent(release: cq.Record) -> None:
    # Everything Norov is in is dated 4 March 2020 (the statements and proposals by
    # the roundtable's date), so the timeline keeps the record's order.
    assert release.timeline(SG).ids() == [
        ROUNDTABLE,
        ONLINE,
        "statement:norov-speech",
        "statement:norov-on-doha",
        "statement:norov-answers",
        "proposal:analytical-cooperation",
    ]
    whole = release.timeline().ids()
    assert whole[:3] == ["membership:in-sco", "membership:pk-sco", BISHKEK]
    assert (
        whole.index("document:eu-central-asia-strategy")
        < whole.index(DOHA)
        < whole.index(ROUNDTABLE)
    )


def test_one_says_what_was_asked(release: cq.Record) -> None:
    with pytest.raises(cq.QueryError, match=r"Statement\.by\('person:nobody'\), found none"):
        release.statements.by("person:nobody").one()
    with pytest.raises(cq.QueryError, match=r"found 3: statement:norov-speech, "):
        release.statements.by(SG).one()
    with pytest.raises(AttributeError, match="has no field 'speakrs'"):
        release.statements.where(speakrs=(SG,))


def test_where_compares_enum_values_and_order_by_fields(release: cq.Record) -> None:
    assert release.statements.where(attribution="summary").ids() == [
        "statement:audience-questions",
        "statement:norov-answers",
    ]
    assert release.events.where(attendance=cq.AttendanceMode.ONLINE).ids() == [ONLINE]
    assert release.organizations.where(acronym="EU").order_by("acronym").ids() == [EU]
    ordered = release.organizations.order_by("acronym").ids()
    assert ordered[:2] == [AIES, EU]
    # Organisations without an acronym come last, in record order.
    assert ordered[-3:] == ["org:sco-secretariat", "org:osce", "org:asean"]


def test_navigation_names_a_dangling_reference(release: cq.Record) -> None:
    with pytest.raises(KeyError, match="no entity with id 'event:nowhere'"):
        release.participants_of("event:nowhere")
    with pytest.raises(TypeError, match="is a Person, not a Event"):
        release.parts_of(SG)


# -- dates on both sides of a boundary ----------------------------------------------------

# Each date, and whether it is in 2020 (certainly, possibly) and in 2021 (certainly,
# possibly). Worked out by hand from the rules in communique.query's documentation.
BOUNDARY: list[tuple[str, tuple[bool, bool], tuple[bool, bool]]] = [
    ("2020-12-31", (True, True), (False, False)),
    ("2021-01-01", (False, False), (True, True)),
    ("2020-12", (True, True), (False, False)),
    ("2020", (True, True), (False, False)),
    ("2020-12?", (False, True), (False, False)),  # uncertain: never certain
    ("2021-01?", (False, False), (False, True)),
    ("2020-12~", (False, True), (False, True)),  # approximate: a month either side
    ("2020-12-30~", (False, True), (False, False)),  # a day either side: 12-29..12-31
    ("2020-12-31~", (False, True), (False, True)),
    ("2021-01-01~", (False, True), (False, True)),
    ("2020~", (False, True), (False, True)),
    ("2020/2021", (False, True), (False, True)),  # spans both years
    ("2020-06/2020-12", (True, True), (False, False)),
    ("2020-12-31/..", (False, True), (False, True)),  # open end: never certainly inside
    ("../2020-06", (False, True), (False, False)),
    ("2020-12-31T23:59:00Z", (True, True), (False, False)),
    ("2020-12-XX", (True, True), (False, False)),  # unspecified day, through edtf
]


@pytest.fixture(scope="module")
def boundary() -> cq.Record:
    return cq.Record(
        [
            Event(id=f"event:b{i:02d}", kind="meeting", date=Date(text))
            for i, (text, *_) in enumerate(BOUNDARY)
        ]
        + [Event(id="event:undated", kind="meeting")]
    )


@pytest.mark.parametrize("year", [2020, 2021])
@pytest.mark.parametrize("certain", [True, False])
def test_dates_on_both_sides_of_a_year_boundary(
    boundary: cq.Record, year: int, certain: bool
) -> None:
    column = 1 if year == 2020 else 2
    expected = [
        f"event:b{i:02d}" for i, row in enumerate(BOUNDARY) if row[column][0 if certain else 1]
    ]
    found = boundary.events.between(f"{year}-01-01", f"{year}-12-31", certain=certain)
    assert found.ids() == expected
    assert boundary.events.on(str(year), certain=certain).ids() == expected


def test_before_and_after_are_strict(boundary: cq.Record) -> None:
    assert "event:b00" not in boundary.events.after("2020-12-31").ids()  # 2020-12-31
    assert "event:b01" in boundary.events.after("2020-12-31").ids()  # 2021-01-01
    assert "event:b13" in boundary.events.after("2020-12-30").ids()  # 2020-12-31/..
    assert "event:b14" in boundary.events.before("2020-07").ids()  # ../2020-06
    assert "event:b14" not in boundary.events.before("2020-06-30").ids()
    assert "event:b14" in boundary.events.before("2020-06-30", certain=False).ids()
    assert "event:undated" not in boundary.events.between(None, None, certain=False).ids()


def test_date_order_puts_less_precise_dates_after_precise_ones_on_their_first_day() -> None:
    texts = [
        "2020",
        "2020-03",
        "2020-03-04",
        "2020-01-01",
        "../2019",
        "2020-03-01",
        "2020-03?",
        "2019/..",
    ]
    record = cq.Record(
        [Event(id=f"event:o{i}", kind="meeting", date=Date(t)) for i, t in enumerate(texts)]
        + [Event(id="event:undated", kind="meeting")]
    )
    ordered = [str(e.date) if e.date else None for e in record.events.order_by("date")]
    assert ordered == [
        "../2019",  # an open start comes first
        "2019/..",
        "2020-01-01",
        "2020",  # the year starts on 1 January, after the exact day
        "2020-03-01",
        "2020-03",  # the month and the uncertain month start on 1 March; record order
        "2020-03?",
        "2020-03-04",
        None,  # undated last
    ]
    assert record.events.order_by("date", reverse=True).ids()[0] == "event:undated"


# -- a generated record with answers known by construction ---------------------------------

N_PEOPLE, N_ORGS, N_EVENTS = 20, 5, 60
KINDS = ("meeting", "roundtable", "summit")
DAY0 = dt.date(2020, 1, 6)


def generated() -> cq.Record:
    """Event ``k`` is a week after event ``k - 1``, organised by org ``k % 5``, with
    person ``k % 20`` in the chair and ``(k + 1) % 20`` speaking; at each event three
    statements by persons ``k``, ``k + 1``, ``k + 2`` (mod 20) on topic ``(k + j) % 4``,
    and one undated proposal by person ``k % 20`` in the first, with org ``(k + 1) % 5``
    a party, supported by person ``k + 2`` and opposed by person ``k + 3``. Every
    fourth event has a part held the same day, where the last statement is made."""
    entities: list[cq.Entity] = [
        Person(id=f"person:p{i:02d}", name=f"Zoë Bérénice {i:02d}") for i in range(N_PEOPLE)
    ]
    entities += [cq.Organization(id=f"org:o{i}", name=f"Organisation {i}") for i in range(N_ORGS)]
    for k in range(N_EVENTS):
        day = DAY0 + dt.timedelta(days=7 * k)
        entities.append(
            Event(
                id=f"event:e{k:02d}",
                kind=KINDS[k % 3],
                date=Date(day.isoformat()),
                organisers=(f"org:o{k % N_ORGS}",),
                participants=(
                    Participation(agent=f"person:p{k % N_PEOPLE:02d}", roles=("chair",)),
                    Participation(agent=f"person:p{(k + 1) % N_PEOPLE:02d}", roles=("speaker",)),
                ),
            )
        )
        if k % 4 == 0:
            entities.append(
                Event(
                    id=f"event:e{k:02d}-part",
                    kind="session",
                    part_of=f"event:e{k:02d}",
                    date=Date(day.isoformat()),
                )
            )
        for j in range(3):
            in_part = k % 4 == 0 and j == 2
            entities.append(
                Statement(
                    id=f"statement:s{k:02d}-{j}",
                    kind="remarks",
                    speakers=(f"person:p{(k + j) % N_PEOPLE:02d}",),
                    attribution="reported",
                    event=f"event:e{k:02d}-part" if in_part else f"event:e{k:02d}",
                    topics=(f"topic-{(k + j) % 4}",),
                    text=f"Remarks number {k}-{j} on cooperation",
                )
            )
        entities.append(
            Proposal(
                id=f"proposal:p{k:02d}",
                text=f"Proposal {k}",
                proposers=(f"person:p{k % N_PEOPLE:02d}",),
                parties=(f"org:o{(k + 1) % N_ORGS}",),
                statement=f"statement:s{k:02d}-0",
                responses=(
                    Response(agent=f"person:p{(k + 2) % N_PEOPLE:02d}", stance="support"),
                    Response(agent=f"person:p{(k + 3) % N_PEOPLE:02d}", stance="opposition"),
                ),
            )
        )
    return cq.Record(entities)


@pytest.fixture(scope="module")
def gen() -> cq.Record:
    record = generated()
    assert record.validate() == []
    return record


def _day(k: int) -> dt.date:
    return DAY0 + dt.timedelta(days=7 * k)


@pytest.mark.parametrize("person", [0, 3, 19])
def test_generated_statements_and_proposals_by_a_person(gen: cq.Record, person: int) -> None:
    pid = f"person:p{person:02d}"
    expected = [
        f"statement:s{k:02d}-{j}"
        for k in range(N_EVENTS)
        for j in range(3)
        if (k + j) % N_PEOPLE == person
    ]
    assert gen.statements.by(pid).ids() == expected
    assert gen.statements.involving(pid, roles=["speaker"]).ids() == expected
    assert gen.proposals.by(pid).ids() == [
        f"proposal:p{k:02d}" for k in range(N_EVENTS) if k % N_PEOPLE == person
    ]
    assert gen.proposals.involving(pid, roles=["responder"]).ids() == [
        f"proposal:p{k:02d}" for k in range(N_EVENTS) if person in ((k + 2) % 20, (k + 3) % 20)
    ]
    chaired = [f"event:e{k:02d}" for k in range(N_EVENTS) if k % N_PEOPLE == person]
    assert gen.events.involving(pid, roles=["chair"]).ids() == chaired


def test_generated_dates_and_kinds(gen: cq.Record) -> None:
    march = [k for k in range(N_EVENTS) if _day(k).year == 2020 and _day(k).month == 3]
    assert gen.events.of_kind("summit").on("2020-03").ids() == [
        f"event:e{k:02d}" for k in march if k % 3 == 2
    ]
    # Proposals have no date of their own: theirs is their event's, through the statement.
    assert gen.proposals.on("2020-03").ids() == [f"proposal:p{k:02d}" for k in march]
    in_2021 = [k for k in range(N_EVENTS) if _day(k).year == 2021]
    assert gen.statements.after("2020").count() == 3 * len(in_2021)
    assert gen.events.before(_day(2)).ids() == ["event:e00", "event:e00-part", "event:e01"]


def test_generated_events_and_topics(gen: cq.Record) -> None:
    assert gen.statements.at("event:e08").ids() == [f"statement:s08-{j}" for j in range(3)]
    assert gen.statements.at("event:e08", parts=False).ids() == [
        "statement:s08-0",
        "statement:s08-1",
    ]
    assert gen.parts_of("event:e08").ids() == ["event:e08-part"]
    assert gen.statements.about("topic-1").by("person:p05").ids() == [
        f"statement:s{k:02d}-{j}"
        for k in range(N_EVENTS)
        for j in range(3)
        if (k + j) % 4 == 1 and (k + j) % N_PEOPLE == 5
    ]
    assert gen.proposals.involving("org:o2").count() == sum(
        1 for k in range(N_EVENTS) if (k + 1) % N_ORGS == 2
    )


def test_generated_supporters_and_text(gen: cq.Record) -> None:
    for k in (0, 17, 59):
        assert [a.id for a in gen.supporters_of(f"proposal:p{k:02d}")] == [
            f"person:p{(k + 2) % 20:02d}"
        ]
        assert [a.id for a in gen.opponents_of(f"proposal:p{k:02d}")] == [
            f"person:p{(k + 3) % 20:02d}"
        ]
    # Accents and case are folded on both sides.
    assert gen.people.mentioning("ZOE BERENICE 07").ids() == ["person:p07"]
    assert gen.people.mentioning("zoë bérénice").count() == N_PEOPLE
    assert gen.statements.mentioning("remarks number 12-1").ids() == ["statement:s12-1"]


def test_a_downstream_subclass_is_an_event() -> None:
    record = cq.Record(
        [
            Event(id="event:a", kind="meeting", date=Date("2020-01-01")),
            Hearing(id="event:h", kind="session", committee="budget", date=Date("2020-01-02")),
        ]
    )
    assert record.events.ids() == ["event:a", "event:h"]
    assert record.of_type(Hearing).ids() == ["event:h"]
    assert record.events.where(committee="budget").ids() == ["event:h"]
    hearing = record.of_type(Hearing).on("2020-01-02").one()
    assert hearing.committee == "budget"


def test_indexes_are_built_once_across_threads() -> None:
    record = generated()
    seen: list[object] = []
    barrier = threading.Barrier(8)

    def ask() -> None:
        barrier.wait()
        seen.append(record.query_index())
        assert record.statements.by("person:p01").count() == 9

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8
    assert all(index is seen[0] for index in seen)


def test_queries_are_lazy_and_immutable(gen: cq.Record) -> None:
    base = gen.statements.by("person:p01")
    narrowed = base.on("2020-01")
    assert base.count() == 9
    assert narrowed.count() < base.count()
    calls: list[str] = []

    def spy(s: Statement) -> bool:
        calls.append(s.id)
        return True

    lazy = gen.statements.filter(spy)
    assert calls == []
    assert lazy.first() is not None
    assert len(calls) == 1


# -- brute force agrees with every query ----------------------------------------------------
#
# The reference below is written from the documented rules, over the entities one by
# one, without the library's index or its helper functions.

POOL = [
    "2020-03-04",
    "2020-03-05",
    "2020-03",
    "2020",
    "2019-12-31",
    "2020-01-01",
    "2020-03-04?",
    "2020-03-04~",
    "2020-03~",
    "~2020-03",
    "2020?",
    "2020-02/2020-04",
    "2020-03-04/..",
    "../2020-03-04",
    "2019/2021",
    "2021-01",
]
AGENTS = [f"person:a{i}" for i in range(4)]
TOPICS = ["t0", "t1", "t2"]
MARGIN = {"day": 1, "month": 31, "year": 366}


def _dates(
    entity: cq.Entity, by_id: dict[str, cq.Entity], seen: set[str] | None = None
) -> Date | None:
    # A statement without a date takes the one of the statement it is part of, then
    # of its event, then of the statement it replies to; a proposal that of its
    # statement, then of its event: each link followed to its end before the next.
    seen = seen if seen is not None else set()
    seen.add(entity.id)
    date = getattr(entity, "date", None)
    if date is not None:
        return date if isinstance(date, Date) else None
    if isinstance(entity, Statement):
        links = (entity.part_of, entity.event, entity.replies_to)
    elif isinstance(entity, Proposal):
        links = (entity.statement, entity.event)
    else:
        return None
    for target_id in links:
        target = by_id.get(target_id) if target_id is not None and target_id not in seen else None
        found = _dates(target, by_id, seen) if target is not None else None
        if found is not None:
            return found
    return None


def _in_range(date: Date | None, low: dt.date | None, high: dt.date | None, certain: bool) -> bool:
    if date is None:
        return False
    lower, upper = date.lower, date.upper
    if certain:
        if date.uncertain or date.approximate:
            return False
        return (low is None or (lower is not None and lower >= low)) and (
            high is None or (upper is not None and upper <= high)
        )
    margin = dt.timedelta(days=MARGIN.get(date.precision, 0) if date.approximate else 0)
    lo = lower - margin if lower is not None else None
    hi = upper + margin if upper is not None and upper + margin <= dt.date.max else upper
    return (high is None or lo is None or lo <= high) and (low is None or hi is None or hi >= low)


def _roles(entity: cq.Entity) -> list[tuple[str, str]]:
    if isinstance(entity, Statement):
        return [(a, "speaker") for a in entity.speakers] + [
            (a, "addressee") for a in entity.addressees
        ]
    if isinstance(entity, Event):
        found = [(a, "organiser") for a in entity.organisers]
        for p in entity.participants:
            found += [(p.agent, str(r)) for r in p.roles]
        return found
    return []


def _event_chain(entity: cq.Entity, by_id: dict[str, cq.Entity]) -> str | None:
    if isinstance(entity, Event):
        return entity.part_of
    current: cq.Entity | None = entity
    while isinstance(current, Statement):
        if current.event is not None:
            return current.event
        current = by_id.get(current.part_of) if current.part_of else None
    return None


def _within(event: str | None, target: str, by_id: dict[str, cq.Entity], parts: bool) -> bool:
    seen: set[str] = set()
    while event is not None and event not in seen:
        if event == target:
            return True
        if not parts:
            return False
        seen.add(event)
        found = by_id.get(event)
        event = found.part_of if isinstance(found, Event) else None
    return False


def _bounds(text: str) -> tuple[dt.date | None, dt.date | None]:
    d = Date(text)
    return d.lower, d.upper


Check = Callable[[cq.Entity, dict[str, cq.Entity]], bool]
Step = tuple[str, tuple[object, ...], Check]


@st.composite
def records(draw: st.DrawFn) -> cq.Record:
    entities: list[cq.Entity] = [Person(id=a, name=f"Agent {a}") for a in AGENTS]
    n_events = draw(st.integers(1, 6))
    events = [f"event:v{i}" for i in range(n_events)]
    for i, event_id in enumerate(events):
        entities.append(
            Event(
                id=event_id,
                kind=draw(st.sampled_from(KINDS)),
                date=draw(st.none() | st.sampled_from(POOL).map(Date)),
                part_of=draw(st.none() | st.sampled_from(events[:i])) if i else None,
                organisers=tuple(draw(st.lists(st.sampled_from(AGENTS), max_size=1))),
                participants=tuple(
                    Participation(agent=a, roles=(draw(st.sampled_from(["chair", "speaker"])),))
                    for a in draw(st.lists(st.sampled_from(AGENTS), max_size=2, unique=True))
                ),
                topics=tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))),
            )
        )
    n_statements = draw(st.integers(0, 12))
    for i in range(n_statements):
        earlier = [f"statement:s{j}" for j in range(i)]
        entities.append(
            Statement(
                id=f"statement:s{i}",
                kind="remarks",
                attribution="reported",
                speakers=tuple(
                    draw(st.lists(st.sampled_from(AGENTS), min_size=1, max_size=2, unique=True))
                ),
                addressees=tuple(draw(st.lists(st.sampled_from(AGENTS), max_size=1))),
                event=draw(st.none() | st.sampled_from(events)),
                part_of=draw(st.none() | st.sampled_from(earlier)) if earlier else None,
                date=draw(st.none() | st.sampled_from(POOL).map(Date)),
                topics=tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))),
                text=draw(st.sampled_from(["Sécurité commune", "COOPERATION in Eurasia", "drugs"])),
            )
        )
    return cq.Record(draw(st.permutations(entities)))


@st.composite
def steps(draw: st.DrawFn) -> Step:
    kind = draw(st.sampled_from(["by", "involving", "at", "about", "kind", "date", "text", "id"]))
    if kind == "by":
        agent = draw(st.sampled_from(AGENTS))
        by_roles = {"speaker", "organiser"}
        return (
            "by",
            (agent,),
            lambda e, _: any(a == agent and r in by_roles for a, r in _roles(e)),
        )
    if kind == "involving":
        agent = draw(st.sampled_from(AGENTS))
        roles = draw(
            st.none() | st.lists(st.sampled_from(["chair", "speaker", "addressee"]), min_size=1)
        )
        return (
            "involving",
            (agent, roles),
            lambda e, _: any(a == agent and (roles is None or r in roles) for a, r in _roles(e)),
        )
    if kind == "at":
        target = f"event:v{draw(st.integers(0, 5))}"
        parts = draw(st.booleans())
        return (
            "at",
            (target, parts),
            lambda e, ids: _within(_event_chain(e, ids), target, ids, parts),
        )
    if kind == "about":
        topic = draw(st.sampled_from(TOPICS))
        return ("about", (topic,), lambda e, _: topic in getattr(e, "topics", ()))
    if kind == "kind":
        wanted = draw(st.sampled_from([*KINDS, "remarks"]))
        return ("of_kind", (wanted,), lambda e, _: getattr(e, "kind", None) == wanted)
    if kind == "text":
        words = draw(st.sampled_from(["securite", "cooperation in", "DRUGS", "eurasia"]))
        plain = {"securite": "sécurité"}.get(words, words).lower()
        return (
            "mentioning",
            (words,),
            lambda e, _: plain in (getattr(e, "text", None) or "").lower(),
        )
    if kind == "id":
        wanted = draw(st.sampled_from(["event:v0", "statement:s1", "person:a0"]))
        return ("with_id", (wanted,), lambda e, _: e.id == wanted)
    how = draw(st.sampled_from(["on", "between", "before", "after"]))
    certain = draw(st.booleans())
    first = draw(st.sampled_from([*POOL[:6], "2020-02", "2021"]))
    if how == "on":
        low, high = _bounds(first)
        args: tuple[object, ...] = (first,)
    elif how == "between":
        second = draw(st.sampled_from([*POOL[:6], "2020-02", "2021"]))
        low, high = _bounds(first)[0], _bounds(second)[1]
        args = (first, second)
    elif how == "before":
        low, high = None, _bounds(first)[0] - dt.timedelta(days=1)  # type: ignore[operator]
        args = (first,)
    else:
        low, high = _bounds(first)[1] + dt.timedelta(days=1), None  # type: ignore[operator]
        args = (first,)
    return (
        how,
        (*args, certain),
        lambda e, ids: _in_range(_dates(e, ids), low, high, certain),
    )


def _apply(query: cq.Query[cq.Entity], step: Step) -> cq.Query[cq.Entity]:
    name, args, _ = step
    if name in {"on", "before", "after", "between"}:
        *dates, certain = args
        method = getattr(query, name)
        return method(*dates, certain=certain)  # type: ignore[no-any-return]
    if name == "involving":
        agent, roles = args
        return query.involving(agent, roles=roles)  # type: ignore[arg-type]
    if name == "at":
        target, parts = args
        return query.at(target, parts=parts)  # type: ignore[arg-type]
    return getattr(query, name)(*args)  # type: ignore[no-any-return]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    record=records(),
    chain=st.lists(steps(), min_size=1, max_size=3),
    cls=st.sampled_from([cq.Entity, Event, Statement]),
)
def test_every_query_agrees_with_brute_force(
    record: cq.Record, chain: Sequence[Step], cls: type[cq.Entity]
) -> None:
    by_id = {e.id: e for e in record}
    query = record.of_type(cls)
    for step in chain:
        query = _apply(query, step)
    expected = [
        e.id for e in record if isinstance(e, cls) and all(check(e, by_id) for *_, check in chain)
    ]
    assert query.ids() == expected
    assert query.count() == len(expected)
    first = query.first()
    assert (first.id if first else None) == (expected[0] if expected else None)
    # The same filters tested entity by entity, without the indexes, agree too.
    unindexed: cq.Query[cq.Entity] = cq.Query(record, [e for e in record if isinstance(e, cls)])
    for step in chain:
        unindexed = _apply(unindexed, step)
    assert unindexed.ids() == expected


def _ids(entities: Iterable[cq.Entity]) -> list[str]:
    return [e.id for e in entities]


@settings(max_examples=60, deadline=None)
@given(record=records())
def test_date_order_is_by_first_day_then_last_and_stable(record: cq.Record) -> None:
    by_id = {e.id: e for e in record}
    position = {e.id: i for i, e in enumerate(record)}

    def key(e: cq.Entity) -> tuple[int, int, int, int]:
        # Day numbers, which every year has (a date of 44 BCE among them).
        d = _dates(e, by_id)
        if d is None:
            return (2, 0, 0, position[e.id])
        return (
            1 if d.lower_day is not None else 0,
            d.lower_day if d.lower_day is not None else 0,
            d.upper_day if d.upper_day is not None else 2**62,
            position[e.id],
        )

    assert record.statements.order_by("date").ids() == _ids(sorted(record.statements, key=key))
    assert record.timeline().ids() == _ids(
        sorted((e for e in record if _dates(e, by_id) is not None), key=key)
    )


@pytest.mark.parametrize("certain", [True, False])
def test_date_index_agrees_with_testing_each_entity(certain: bool) -> None:
    # Mixed dates (days, months, uncertain, approximate, open) over two years, asked
    # over ranges of every width; the unindexed query tests each entity instead.
    forms = ["{d}", "{m}", "{d}?", "{m}~", "{d}~", "{d}/..", "../{d}", "{y}"]
    events = []
    for k in range(240):
        day = dt.date(2019, 1, 1) + dt.timedelta(days=3 * k)
        text = forms[k % len(forms)].format(d=day.isoformat(), m=day.isoformat()[:7], y=day.year)
        events.append(Event(id=f"event:d{k}", kind="meeting", date=Date(text)))
    record = cq.Record(events)
    unindexed: cq.Query[Event] = cq.Query(record, events)
    found = 0
    for start, end in [
        ("2019-01-25", "2019-01-25"),
        ("2019-03", "2019-04"),
        ("2019-12-31", "2020-01-01"),
        ("2019", "2019"),
        ("2019-06-15", "2020-02-10"),
    ]:
        indexed = record.events.between(start, end, certain=certain)
        assert indexed.ids() == unindexed.between(start, end, certain=certain).ids()
        found += indexed.count()
    assert found > 0


def test_sidelines_posts_and_representation() -> None:
    record = cq.Record(
        [
            cq.State(id="state:at", name="Austria", country="AT"),
            Person(
                id="person:minister",
                name="A Minister",
                posts=(
                    Post(
                        title="Ambassador",
                        organization="state:at",
                        start=Date("2010"),
                        end=Date("2014-06"),
                    ),
                    Post(title="Minister", organization="state:at", start=Date("2014-07-01")),
                    Post(title="Adviser", organization="state:at", former=True),
                ),
            ),
            Event(id="event:summit", kind="summit", date=Date("2019-06-14")),
            Event(
                id="event:bilateral",
                kind="bilateral_meeting",
                date=Date("2019-06-13"),
                sidelines_of="event:summit",
                participants=(
                    Participation(
                        agent="person:minister", roles=("delegate",), on_behalf_of="state:at"
                    ),
                ),
            ),
        ]
    )
    assert record.sideline_events_of("event:summit").ids() == ["event:bilateral"]
    assert record.sideline_events_of("event:bilateral").ids() == []
    [part] = record.participants_of("event:bilateral")
    assert part.on_behalf_of is not None
    assert part.on_behalf_of.id == "state:at"
    # Ambassador until June 2014, then Minister with no end (so still Minister); the
    # former Adviser post has no dates, so it is only possibly held, on any day.
    assert [p.title for p in record.posts_of("person:minister", "2014-06-15")] == [
        "Ambassador",
        "Adviser",
    ]
    # The Ambassador post ended in June 2014: on 15 June it is not certainly held.
    assert record.posts_of("person:minister", "2014-06-15", certain=True) == []
    assert [p.title for p in record.posts_of("person:minister", "2014-05-15", certain=True)] == [
        "Ambassador"
    ]
    assert [p.title for p in record.posts_of("person:minister", "2020", certain=True)] == [
        "Minister"
    ]
    assert record.held_post_on("state:at", "minister", "2014-06-30") == []
    assert record.held_post_on("state:at", "ambassador", "2014", certain=True) == []
    assert [e.id for e in record.events.order_by(lambda e: e.kind)] == [
        "event:bilateral",
        "event:summit",
    ]


def test_a_query_made_of_a_type_is_that_type_of_the_record(release: cq.Record) -> None:
    events: cq.Query[Event] = cq.Query(release, of=Event)
    assert events.ids() == release.events.ids() != []
    assert repr(events) == "<Query Event>"
    assert cq.Query(release).ids() == [e.id for e in release]
    assert cq.Query(release, ()).ids() == []
