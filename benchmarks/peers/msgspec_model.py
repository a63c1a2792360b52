"""communique's entity types as msgspec Structs (a tagged union on ``"type"``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Union

import msgspec
from msgspec import Meta, Struct

from ._schema import COUNTRY, CURRENCY, EDTF, ID, literal

Id = Annotated[str, Meta(pattern=ID)]
Country = Annotated[str, Meta(pattern=COUNTRY)]
Currency = Annotated[str, Meta(pattern=CURRENCY)]
DateText = Annotated[str, Meta(pattern=EDTF)]

EventKind = literal("EventKind")
ParticipantRole = literal("ParticipantRole")
StatementKind = literal("StatementKind")
Stance = literal("Stance")
ProposalStatus = literal("ProposalStatus")
DocumentKind = literal("DocumentKind")
DocumentStatus = literal("DocumentStatus")
OrganizationKind = literal("OrganizationKind")
MembershipStatus = literal("MembershipStatus")
SourceKind = literal("SourceKind")
DecisionMethod = literal("DecisionMethod")
Outcome = literal("Outcome")
VotePosition = literal("VotePosition")
AttendanceMode = literal("AttendanceMode")
Attribution = literal("Attribution")


class Value(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """The options every type shares: immutable, strict, defaults left out."""


class Entity(Value, tag_field="type"):
    pass


class InferredDate(Value, kw_only=True):
    edtf: DateText
    inferred: bool = False
    phrase: str | None = None
    basis: str | None = None


Date = Union[DateText, InferredDate]


class Identifier(Value, kw_only=True):
    scheme: str
    value: str


class Evidence(Value, kw_only=True):
    source: str
    quote: str
    start: int | None = None
    end: int | None = None
    note: str | None = None


class Money(Value, kw_only=True):
    value: Decimal
    currency: Currency
    note: str | None = None


class Name(Value, kw_only=True):
    name: str
    language: str | None = None
    note: str | None = None


class Post(Value, kw_only=True):
    title: str
    organization: str | None = None
    start: Date | None = None
    end: Date | None = None
    former: bool = False
    evidence: tuple[Evidence, ...] = ()


class Place(Value, kw_only=True):
    name: str
    locality: str | None = None
    country: str | None = None
    identifiers: tuple[Identifier, ...] = ()


class Participation(Value, kw_only=True):
    agent: str
    roles: Annotated[tuple[ParticipantRole, ...], Meta(min_length=1)]
    on_behalf_of: str | None = None
    capacity: str | None = None
    attendance: AttendanceMode | None = None
    evidence: tuple[Evidence, ...] = ()


class Response(Value, kw_only=True):
    agent: str
    stance: Stance
    date: Date | None = None
    event: str | None = None
    statement: str | None = None
    evidence: tuple[Evidence, ...] = ()


class StatusChange(Value, kw_only=True):
    status: ProposalStatus
    date: Date | None = None
    event: str | None = None
    evidence: tuple[Evidence, ...] = ()


class Tally(Value, kw_only=True):
    in_favour: int
    against: int
    abstaining: int
    not_voting: int | None = None


class Vote(Value, kw_only=True):
    agent: str
    position: VotePosition
    veto: bool = False


class Decision(Value, kw_only=True):
    method: DecisionMethod
    outcome: Outcome
    body: str | None = None
    date: Date | None = None
    event: str | None = None
    tally: Tally | None = None
    votes: tuple[Vote, ...] = ()
    evidence: tuple[Evidence, ...] = ()


# Entities: "id", the type's own fields, then the fields every entity has.


class Source(Entity, tag="source", kw_only=True):
    id: Id
    title: str | None = None
    kind: SourceKind | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    date: Date | None = None
    url: str | None = None
    language: str | None = None
    text: str | None = None
    text_file: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


class State(Entity, tag="state", kw_only=True):
    id: Id
    name: str
    other_names: tuple[Name, ...] = ()
    country: Country
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


class Organization(Entity, tag="organization", kw_only=True):
    id: Id
    name: str
    other_names: tuple[Name, ...] = ()
    kind: OrganizationKind | None = None
    acronym: str | None = None
    parent: str | None = None
    country: Country | None = None
    founded: Date | None = None
    dissolved: Date | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


class Group(Entity, tag="group", kw_only=True):
    id: Id
    name: str
    other_names: tuple[Name, ...] = ()
    members: tuple[str, ...] = ()
    drawn_from: tuple[str, ...] = ()
    country: Country | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


class Person(Entity, tag="person", kw_only=True):
    id: Id
    name: str
    other_names: tuple[Name, ...] = ()
    honorific: str | None = None
    posts: tuple[Post, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


class Membership(Entity, tag="membership", kw_only=True):
    id: Id
    member: str
    organization: str
    status: MembershipStatus
    start: Date | None = None
    end: Date | None = None
    started_by: str | None = None
    ended_by: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


class Document(Entity, tag="document", kw_only=True):
    id: Id
    title: str
    kind: DocumentKind
    acronym: str | None = None
    status: DocumentStatus | None = None
    adopted: Date | None = None
    adopted_at: str | None = None
    adopted_by: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    revises: str | None = None
    language: str | None = None
    url: str | None = None
    topics: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


class Event(Entity, tag="event", kw_only=True):
    id: Id
    kind: EventKind
    title: str | None = None
    subject: str | None = None
    date: Date | None = None
    place: Place | None = None
    attendance: AttendanceMode | None = None
    organisers: tuple[str, ...] = ()
    participants: tuple[Participation, ...] = ()
    part_of: str | None = None
    sidelines_of: str | None = None
    topics: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


class Statement(Entity, tag="statement", kw_only=True):
    id: Id
    kind: StatementKind
    speakers: tuple[str, ...]
    attribution: Attribution
    text: str | None = None
    language: str | None = None
    capacity: str | None = None
    reported_by: str | None = None
    event: str | None = None
    date: Date | None = None
    addressees: tuple[str, ...] = ()
    replies_to: str | None = None
    part_of: str | None = None
    about: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    amounts: tuple[Money, ...] = ()
    translated: bool | None = None
    attribution_note: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


class Proposal(Entity, tag="proposal", kw_only=True):
    id: Id
    text: str
    title: str | None = None
    proposers: tuple[str, ...]
    cosponsors: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    event: str | None = None
    statement: str | None = None
    document: str | None = None
    date: Date | None = None
    topics: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    statuses: tuple[StatusChange, ...] = ()
    responses: tuple[Response, ...] = ()
    decision: Decision | None = None
    amounts: tuple[Money, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


AnyEntity = Union[
    Source, State, Organization, Group, Person, Membership, Document, Event, Statement, Proposal
]


class Record(Value, kw_only=True):
    communique: str
    entities: list[AnyEntity]


line_decoder = msgspec.json.Decoder(AnyEntity)
record_decoder = msgspec.json.Decoder(Record)
encoder = msgspec.json.Encoder()


def load_lines(data: bytes) -> list[AnyEntity]:
    """JSON Lines bytes to validated objects."""
    return line_decoder.decode_lines(data)


def load_document(data: bytes) -> list[AnyEntity]:
    """The JSON document to validated objects."""
    return record_decoder.decode(data).entities


def load_yaml(text: str) -> list[AnyEntity]:
    """YAML text, parsed by PyYAML (libyaml) and validated by msgspec."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return msgspec.convert(yaml.load(text, Loader=loader), Record).entities


def dump_lines(entities: list[AnyEntity]) -> bytes:
    """Objects to JSON Lines bytes."""
    return encoder.encode_lines(entities)
