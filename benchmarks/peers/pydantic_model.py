"""communique's entity types as pydantic v2 models (a discriminated union on ``"type"``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    TypeAdapter,
)

from ._schema import COUNTRY, CURRENCY, EDTF, ID, literal

Id = Annotated[str, StringConstraints(strict=True, pattern=ID)]
Country = Annotated[str, StringConstraints(strict=True, pattern=COUNTRY)]
Currency = Annotated[str, StringConstraints(strict=True, pattern=CURRENCY)]
DateText = Annotated[str, StringConstraints(strict=True, pattern=EDTF)]

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


class Value(BaseModel):
    """The options every type shares: immutable, strict, unknown fields refused."""

    # Strict per type rather than per model, so that YAML's lists are read as
    # tuples while text, numbers and booleans are never coerced.
    model_config = ConfigDict(extra="forbid", frozen=True)


class InferredDate(Value):
    edtf: DateText
    inferred: StrictBool = False
    phrase: StrictStr | None = None
    basis: StrictStr | None = None


Date = Union[DateText, InferredDate]


class Identifier(Value):
    scheme: StrictStr
    value: StrictStr


class Evidence(Value):
    source: StrictStr
    quote: StrictStr
    start: StrictInt | None = None
    end: StrictInt | None = None
    note: StrictStr | None = None


class Money(Value):
    value: Decimal
    currency: Currency
    note: StrictStr | None = None


class Name(Value):
    name: StrictStr
    language: StrictStr | None = None
    note: StrictStr | None = None


class Post(Value):
    title: StrictStr
    organization: StrictStr | None = None
    start: Date | None = None
    end: Date | None = None
    former: StrictBool = False
    evidence: tuple[Evidence, ...] = ()


class Place(Value):
    name: StrictStr
    locality: StrictStr | None = None
    country: StrictStr | None = None
    identifiers: tuple[Identifier, ...] = ()


class Participation(Value):
    agent: StrictStr
    roles: Annotated[tuple[ParticipantRole, ...], Field(min_length=1)]
    on_behalf_of: StrictStr | None = None
    capacity: StrictStr | None = None
    attendance: AttendanceMode | None = None
    evidence: tuple[Evidence, ...] = ()


class Response(Value):
    agent: StrictStr
    stance: Stance
    date: Date | None = None
    event: StrictStr | None = None
    statement: StrictStr | None = None
    evidence: tuple[Evidence, ...] = ()


class StatusChange(Value):
    status: ProposalStatus
    date: Date | None = None
    event: StrictStr | None = None
    evidence: tuple[Evidence, ...] = ()


class Tally(Value):
    in_favour: StrictInt
    against: StrictInt
    abstaining: StrictInt
    not_voting: StrictInt | None = None


class Vote(Value):
    agent: StrictStr
    position: VotePosition
    veto: StrictBool = False


class Decision(Value):
    method: DecisionMethod
    outcome: Outcome
    body: StrictStr | None = None
    date: Date | None = None
    event: StrictStr | None = None
    tally: Tally | None = None
    votes: tuple[Vote, ...] = ()
    evidence: tuple[Evidence, ...] = ()


# Entities: "id", the type's own fields, then the fields every entity has.


class Source(Value):
    type: Literal["source"]
    id: Id
    title: StrictStr | None = None
    kind: SourceKind | None = None
    publisher: StrictStr | None = None
    authors: tuple[StrictStr, ...] = ()
    date: Date | None = None
    url: StrictStr | None = None
    language: StrictStr | None = None
    text: StrictStr | None = None
    text_file: StrictStr | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: StrictStr | None = None


class State(Value):
    type: Literal["state"]
    id: Id
    name: StrictStr
    other_names: tuple[Name, ...] = ()
    country: Country
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: StrictStr | None = None


class Organization(Value):
    type: Literal["organization"]
    id: Id
    name: StrictStr
    other_names: tuple[Name, ...] = ()
    kind: OrganizationKind | None = None
    acronym: StrictStr | None = None
    parent: StrictStr | None = None
    country: Country | None = None
    founded: Date | None = None
    dissolved: Date | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: StrictStr | None = None


class Group(Value):
    type: Literal["group"]
    id: Id
    name: StrictStr
    other_names: tuple[Name, ...] = ()
    members: tuple[StrictStr, ...] = ()
    drawn_from: tuple[StrictStr, ...] = ()
    country: Country | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: StrictStr | None = None


class Person(Value):
    type: Literal["person"]
    id: Id
    name: StrictStr
    other_names: tuple[Name, ...] = ()
    honorific: StrictStr | None = None
    posts: tuple[Post, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: StrictStr | None = None


class Membership(Value):
    type: Literal["membership"]
    id: Id
    member: StrictStr
    organization: StrictStr
    status: MembershipStatus
    start: Date | None = None
    end: Date | None = None
    started_by: StrictStr | None = None
    ended_by: StrictStr | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: StrictStr | None = None


class Document(Value):
    type: Literal["document"]
    id: Id
    title: StrictStr
    kind: DocumentKind
    acronym: StrictStr | None = None
    status: DocumentStatus | None = None
    adopted: Date | None = None
    adopted_at: StrictStr | None = None
    adopted_by: tuple[StrictStr, ...] = ()
    parties: tuple[StrictStr, ...] = ()
    revises: StrictStr | None = None
    language: StrictStr | None = None
    url: StrictStr | None = None
    topics: tuple[StrictStr, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: StrictStr | None = None


class Event(Value):
    type: Literal["event"]
    id: Id
    kind: EventKind
    title: StrictStr | None = None
    subject: StrictStr | None = None
    date: Date | None = None
    place: Place | None = None
    attendance: AttendanceMode | None = None
    organisers: tuple[StrictStr, ...] = ()
    participants: tuple[Participation, ...] = ()
    part_of: StrictStr | None = None
    sidelines_of: StrictStr | None = None
    topics: tuple[StrictStr, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: StrictStr | None = None


class Statement(Value):
    type: Literal["statement"]
    id: Id
    kind: StatementKind
    speakers: tuple[StrictStr, ...]
    attribution: Attribution
    text: StrictStr | None = None
    language: StrictStr | None = None
    capacity: StrictStr | None = None
    reported_by: StrictStr | None = None
    event: StrictStr | None = None
    date: Date | None = None
    addressees: tuple[StrictStr, ...] = ()
    replies_to: StrictStr | None = None
    part_of: StrictStr | None = None
    about: tuple[StrictStr, ...] = ()
    cites: tuple[StrictStr, ...] = ()
    topics: tuple[StrictStr, ...] = ()
    amounts: tuple[Money, ...] = ()
    translated: StrictBool | None = None
    attribution_note: StrictStr | None = None
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: StrictStr | None = None


class Proposal(Value):
    type: Literal["proposal"]
    id: Id
    text: StrictStr
    title: StrictStr | None = None
    proposers: tuple[StrictStr, ...]
    cosponsors: tuple[StrictStr, ...] = ()
    parties: tuple[StrictStr, ...] = ()
    event: StrictStr | None = None
    statement: StrictStr | None = None
    document: StrictStr | None = None
    date: Date | None = None
    topics: tuple[StrictStr, ...] = ()
    cites: tuple[StrictStr, ...] = ()
    statuses: tuple[StatusChange, ...] = ()
    responses: tuple[Response, ...] = ()
    decision: Decision | None = None
    amounts: tuple[Money, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: StrictStr | None = None


AnyEntity = Annotated[
    Union[
        Source, State, Organization, Group, Person, Membership, Document, Event, Statement, Proposal
    ],
    Field(discriminator="type"),
]


class Record(Value):
    communique: StrictStr
    entities: list[AnyEntity]


line_adapter: TypeAdapter[AnyEntity] = TypeAdapter(AnyEntity)
lines_adapter: TypeAdapter[list[AnyEntity]] = TypeAdapter(list[AnyEntity])


def load_lines(data: bytes) -> list[AnyEntity]:
    """JSON Lines bytes to validated objects, a line at a time."""
    validate = line_adapter.validate_json
    return [validate(line) for line in data.splitlines() if line]


def load_document(data: bytes) -> list[AnyEntity]:
    """The JSON document to validated objects."""
    return Record.model_validate_json(data).entities


def load_yaml(text: StrictStr) -> list[AnyEntity]:
    """YAML text, parsed by PyYAML (libyaml) and validated by pydantic."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Record.model_validate(yaml.load(text, Loader=loader)).entities


def dump_lines(entities: list[AnyEntity]) -> bytes:
    """Objects to JSON Lines bytes, defaults left out."""
    return b"".join(e.model_dump_json(exclude_defaults=True).encode() + b"\n" for e in entities)
