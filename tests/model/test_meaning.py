"""What entities mean, as their classes declare it: roles, dates and where they come
from, events, text; and a class that declares its meaning is indexed, validated and
exported with no other code."""

from __future__ import annotations

import attrs
import pytest

import communique as cq
from communique.converter import Converter
from communique.interop import to_arrow
from communique.model import (
    agent_roles,
    bounds_of,
    date_of,
    event_of,
    evidence_of,
    references,
    text_of,
    topics_of,
)

DAY = "2020-03-04"


def _said(statement_id: str, **fields: object) -> cq.Statement:
    values: dict[str, object] = {
        "kind": "remarks",
        "attribution": "reported",
        "speakers": ("org:sco",),
        **fields,
    }
    return cq.Statement(id=statement_id, **values)  # type: ignore[arg-type]


def _declaration_record() -> cq.Record:
    """A declaration dated on its own, without an event, and its operative paragraph."""
    return cq.Record(
        [
            cq.Organization(id="org:sco", name="Shanghai Cooperation Organisation"),
            _said("statement:declaration", kind="joint_declaration", date=cq.Date(DAY)),
            _said("statement:paragraph-1", kind="commitment", part_of="statement:declaration"),
            _said("statement:other-day", date=cq.Date("2020-03-05")),
        ]
    )


def test_a_statement_part_of_a_dated_statement_is_on_its_day() -> None:
    record = _declaration_record()
    assert record.statements.on(DAY).ids() == ["statement:declaration", "statement:paragraph-1"]
    assert [e.id for e in record.timeline()] == [
        "statement:declaration",
        "statement:paragraph-1",
        "statement:other-day",
    ]
    paragraph = record.get("statement:paragraph-1")
    assert date_of(paragraph) == ()  # no date of its own
    assert [d.edtf for d in date_of(paragraph, record.find)] == [DAY]


def test_a_statement_part_of_a_statement_at_an_event_has_the_event_date() -> None:
    record = cq.Record(
        [
            cq.Event(id="event:summit", kind="summit", date=cq.Date(DAY)),
            _said("statement:declaration", kind="joint_declaration", event="event:summit"),
            _said("statement:paragraph-1", kind="commitment", part_of="statement:declaration"),
            _said("statement:paragraph-2", kind="commitment", part_of="statement:paragraph-1"),
        ]
    )
    on_the_day = ["statement:declaration", "statement:paragraph-1", "statement:paragraph-2"]
    assert record.statements.on(DAY).ids() == on_the_day
    assert [e.id for e in record.timeline()] == ["event:summit", *on_the_day]
    assert record.statements.at("event:summit").ids() == on_the_day
    assert event_of(record.get("statement:paragraph-2"), record.find) == "event:summit"


def test_a_statement_takes_the_date_of_what_it_is_part_of_before_its_event() -> None:
    record = cq.Record(
        [
            cq.Event(id="event:summit", kind="summit", date=cq.Date("2020-03-05")),
            _said("statement:declaration", kind="joint_declaration", date=cq.Date(DAY)),
            _said("statement:paragraph", part_of="statement:declaration", event="event:summit"),
        ]
    )
    assert bounds_of(record.get("statement:paragraph"), record.find) == bounds_of(
        record.get("statement:declaration")
    )


def test_a_proposal_takes_the_date_of_its_statement_then_of_its_event() -> None:
    record = cq.Record(
        [
            cq.Event(id="event:summit", kind="summit", date=cq.Date("2020-03-05")),
            _said("statement:speech", date=cq.Date(DAY)),
            cq.Proposal(
                id="proposal:p",
                text="to cooperate",
                proposers=("org:sco",),
                statement="statement:speech",
                event="event:summit",
            ),
            cq.Proposal(
                id="proposal:q", text="to meet", proposers=("org:sco",), event="event:summit"
            ),
        ]
    )
    assert record.proposals.on(DAY).ids() == ["proposal:p"]
    assert record.proposals.on("2020-03-05").ids() == ["proposal:q"]


def test_links_that_come_back_leave_a_statement_undated() -> None:
    record = cq.Record(
        [
            _said("statement:a", part_of="statement:b", replies_to="statement:b"),
            _said("statement:b", part_of="statement:a"),
        ]
    )
    assert date_of(record.get("statement:a"), record.find) == ()
    assert event_of(record.get("statement:a"), record.find) is None
    assert record.statements.on(DAY).ids() == []


def test_roles_are_read_from_the_field_declarations() -> None:
    event = cq.Event(
        id="event:e",
        kind="roundtable",
        organisers=("org:sco",),
        participants=(
            cq.Participation(
                agent="person:norov", roles=("speaker", "moderator"), on_behalf_of="org:sco"
            ),
        ),
    )
    assert agent_roles(event) == [
        ("org:sco", "organiser"),
        ("person:norov", "speaker"),
        ("person:norov", "moderator"),
        ("org:sco", "represented"),
    ]
    assert attrs.fields(cq.Statement).speakers.metadata["role"] == "speaker"
    assert attrs.fields(cq.Participation).agent.metadata["role_from"] == "roles"
    with pytest.raises(ValueError, match="not both"):
        cq.refs("Agent", role="speaker", role_from="roles")


def test_text_topics_references_and_evidence_come_from_the_declarations() -> None:
    person = cq.Person(
        id="person:norov",
        name="Vladimir Norov",
        other_names=(cq.Name(name="Wladimir  Norów"),),
        posts=(
            cq.Post(
                title="Secretary-General",
                organization="org:sco",
                evidence=(cq.Evidence(source="source:s", quote="Norov"),),
            ),
        ),
    )
    assert text_of(person) == "vladimir norov wladimir norow"
    assert list(references(person)) == [
        ("$.posts[0].organization", "org:sco"),
        ("$.posts[0].evidence[0].source", "source:s"),
    ]
    assert [path for path, _ in evidence_of(person)] == ["$.posts[0].evidence[0]"]
    said = _said("statement:s", topics=("security",), about=("org:sco",))
    assert topics_of(said) == ("security", "org:sco")


# -- a new type of entity, declared like the library's own ------------------------


@attrs.frozen(kw_only=True)
class Commitment(cq.Entity):
    """An undertaking by its authors: declared as a core type would be, directly on
    Entity, with roles, a date, where it takes one from, and its text."""

    tag = "test:commitment"
    meaning = cq.Meaning(dates=("date",), date_from=("statement",), texts=("text",))

    text: str
    authors: tuple[str, ...] = attrs.field(
        metadata=cq.refs("Agent", nonempty=True, role="committer", author=True)
    )
    implementers: tuple[str, ...] = attrs.field(
        default=(), metadata=cq.refs("Agent", role="implementer")
    )
    statement: str | None = attrs.field(default=None, metadata=cq.refs("Statement"))
    date: cq.Date | None = None
    deadline: cq.Date | None = None


@pytest.fixture(scope="module")
def converter() -> Converter:
    registry = cq.default_registry.child()
    registry.register(Commitment, "test:commitment")
    return Converter(registry)


def _commitments() -> cq.Record:
    return cq.Record(
        [
            cq.Organization(id="org:sco", name="Shanghai Cooperation Organisation"),
            cq.Event(id="event:summit", kind="summit", date=cq.Date(DAY)),
            _said("statement:declaration", kind="joint_declaration", event="event:summit"),
            Commitment(
                id="test:commitment:c1",
                text="to hold joint exercises",
                authors=("org:sco",),
                implementers=("org:unodc",),
                statement="statement:declaration",
            ),
            Commitment(
                id="test:commitment:c2",
                text="to meet again",
                authors=("org:sco",),
                date=cq.Date("2021"),
            ),
        ]
    )


def test_a_new_type_is_indexed_by_its_declarations() -> None:
    record = _commitments()
    commitments = record.of_type(Commitment)
    assert commitments.involving("org:sco").ids() == ["test:commitment:c1", "test:commitment:c2"]
    assert commitments.involving("org:unodc").ids() == ["test:commitment:c1"]
    assert commitments.on(DAY).ids() == ["test:commitment:c1"]
    assert commitments.between("2021-01-01", "2021-12-31").ids() == ["test:commitment:c2"]
    assert commitments.mentioning("joint exercises").ids() == ["test:commitment:c1"]
    assert "test:commitment:c1" in [e.id for e in record.timeline()]
    assert ("org:unodc", "implementer") in agent_roles(record.get("test:commitment:c1"))


def test_a_new_type_is_found_by_its_authors_and_not_by_others() -> None:
    # "committer" is no role the library knows: its declaration as authors makes
    # Query.by find the commitments by them; an implementer did not make one.
    record = _commitments()
    assert record.of_type(Commitment).by("org:sco").ids() == [
        "test:commitment:c1",
        "test:commitment:c2",
    ]
    assert record.of_type(cq.Entity).by("org:unodc").ids() == []


def test_a_new_type_is_shown_in_the_summary_with_its_date_and_agents() -> None:
    from communique.summary import summarize

    lines = summarize(_commitments()).splitlines()
    start = lines.index("TEST:COMMITMENT")
    section = lines[start + 1 : lines.index("", start)]
    assert section == [
        f"- {DAY} to hold joint exercises",
        "    committer: Shanghai Cooperation Organisation",
        "    implementer: org:unodc",
        "- 2021 to meet again",
        "    committer: Shanghai Cooperation Organisation",
    ]


def test_a_new_type_is_validated_by_its_declarations() -> None:
    problems = _commitments().validate()
    assert [(p.code, p.entity, p.path) for p in problems] == [
        ("dangling-reference", "test:commitment:c1", "$.implementers[0]")
    ]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_a_new_type_is_read_and_written(converter: Converter, fmt: str) -> None:
    record = _commitments()
    assert cq.loads(cq.dumps(record, fmt, converter=converter), fmt, converter=converter) == record


def test_a_new_type_is_exported_to_arrow_with_its_inherited_year(converter: Converter) -> None:
    tables = to_arrow(_commitments(), converter=converter)
    rows = tables["commitments"].select(["id", "year", "authors"]).to_pylist()
    assert rows == [
        {"id": "test:commitment:c1", "year": 2020, "authors": ["org:sco"]},
        {"id": "test:commitment:c2", "year": 2021, "authors": ["org:sco"]},
    ]
