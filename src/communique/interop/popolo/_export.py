"""Popolo export: a record as one Popolo document, and what Popolo cannot carry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ...converter import Converter
from ...dates import Date
from ...model import (
    Decision,
    Document,
    Entity,
    Event,
    Group,
    Identifier,
    JsonValue,
    Membership,
    Name,
    Organization,
    Participation,
    Person,
    Place,
    Post,
    Proposal,
    Source,
    State,
    Statement,
)
from ...record import Record
from ...vocab import Outcome, VotePosition
from .._loss import Coverage, Export, Loss, plain_dates

#: The lists of a Popolo document, by the Popolo schema their objects follow.
COLLECTIONS: Final = {
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "posts": "post",
    "events": "event",
    "speeches": "speech",
    "motions": "motion",
    "vote_events": "vote_event",
}

_TARGET: Final = "Popolo"
_OPTIONS: Final = {
    VotePosition.IN_FAVOUR: "yes",
    VotePosition.AGAINST: "no",
    VotePosition.ABSTAINING: "abstain",
    VotePosition.NOT_VOTING: "not voting",
    VotePosition.ABSENT: "absent",
}
_RESULTS: Final = {Outcome.ADOPTED: "pass", Outcome.REJECTED: "fail", Outcome.VETOED: "fail"}
_SPEECH_TYPES: Final = {"speech": "speech", "question": "question", "answer": "answer"}

Document_ = dict[str, list[dict[str, JsonValue]]]


def to_popolo(record: Record, *, converter: Converter | None = None) -> Export[Document_]:
    """The record as a Popolo document, and what Popolo could not carry."""
    out: Document_ = {name: [] for name in COLLECTIONS}
    losses: list[Loss] = []
    for entity in record.entities:
        cov = Coverage(entity, _TARGET, converter)
        if isinstance(entity, Person):
            _person(entity, cov, out)
        elif isinstance(entity, (Organization, State, Group)):
            _organization(entity, cov, out, record)
        elif isinstance(entity, Membership):
            _membership(entity, cov, out, record)
        elif isinstance(entity, Event):
            _event(entity, cov, out, record)
        elif isinstance(entity, Statement):
            _speech(entity, cov, out)
        elif isinstance(entity, Proposal):
            _motion(entity, cov, out)
        else:
            kind = "documents" if isinstance(entity, Document) else f"{type(entity).__name__} entities"
            if isinstance(entity, Source):
                kind = "sources as entities (their URLs are written as the sources of objects)"
            losses.append(Loss(entity=entity.id, path="$", reason=f"{_TARGET} has no {kind}"))
            continue
        _common(entity, cov, out, record)
        losses.extend(cov.losses())
    return Export(data=out, losses=tuple(losses))


def _put(obj: dict[str, JsonValue], key: str, value: JsonValue) -> None:
    if value is not None and value not in ([], ""):
        obj[key] = value


def _last(out: Document_, collection: str) -> dict[str, JsonValue]:
    return out[collection][-1]


def _common(entity: Entity, cov: Coverage, out: Document_, record: Record) -> None:
    """Identifiers, notes and evidence, on the object just written for ``entity``."""
    collection = {
        Person: "persons",
        Membership: "memberships",
        Event: "events",
        Statement: "speeches",
        Proposal: "motions",
    }
    name = next((c for t, c in collection.items() if isinstance(entity, t)), "organizations")
    obj = _last(out, name)
    if name not in {"speeches", "motions", "memberships"}:
        ids = [_identifier(i) for i in entity.identifiers]
        if isinstance(entity, State) and not any(
            i.scheme == "iso3166-1" for i in entity.identifiers
        ):
            ids.append({"identifier": entity.country, "scheme": "iso3166-1"})
            cov.carry("$.country")
        _put(obj, "identifiers", list(ids))
        cov.carry("$.identifiers")
    sources: list[JsonValue] = []
    for index, evidence in enumerate(entity.evidence):
        source = record.find(evidence.source)
        if isinstance(source, Source) and source.url:
            sources.append({"url": source.url, "note": evidence.quote})
            cov.carry(f"$.evidence[{index}].source", f"$.evidence[{index}].quote")
    _put(obj, "sources", sources)
    cov.lose("$.evidence", f"{_TARGET} sources are links: no spans, no sources without a URL")
    cov.lose("$.note", f"{_TARGET} has no note on this object")


def _identifier(identifier: Identifier) -> JsonValue:
    return {"identifier": identifier.value, "scheme": identifier.scheme}


def _date_field(cov: Coverage, path: str, date: Date | None) -> str | None:
    """A Popolo date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), or ``None``."""
    plain = plain_dates(date)
    written = plain is not None and plain[1] is None
    cov.carry_date(path, date, written)
    return plain[0] if plain is not None and written else None


def _span(cov: Coverage, path: str, date: Date | None) -> tuple[str | None, str | None]:
    """Start and end dates: an EDTF interval of two plain dates fits."""
    plain = plain_dates(date)
    cov.carry_date(path, date, plain is not None)
    return (plain[0], plain[1]) if plain is not None else (None, None)


def _date_time(cov: Coverage, path: str, date: Date | None) -> None:
    if date is not None:
        cov.lose(
            path,
            f"{_TARGET} wants a date-time here and the record gives {date.edtf!r}; "
            "writing a time of day would invent one",
        )


def _names(cov: Coverage, names: Sequence[Name]) -> list[JsonValue]:
    out: list[JsonValue] = []
    for index, name in enumerate(names):
        item: dict[str, JsonValue] = {"name": name.name}
        _put(item, "note", name.note)
        out.append(item)
        cov.carry(f"$.other_names[{index}].name", f"$.other_names[{index}].note")
    return out


def _person(person: Person, cov: Coverage, out: Document_) -> None:
    obj: dict[str, JsonValue] = {"id": person.id, "name": person.name}
    _put(obj, "honorific_prefix", person.honorific)
    _put(obj, "other_names", _names(cov, person.other_names))
    cov.carry("$.name", "$.honorific")
    out["persons"].append(obj)
    for index, post in enumerate(person.posts):
        _post(person, index, post, cov, out)


def _post(person: Person, index: int, post: Post, cov: Coverage, out: Document_) -> None:
    path = f"$.posts[{index}]"
    post_id = f"{person.id}/posts/{index}"
    start = _date_field(cov, f"{path}.start", post.start)
    end = _date_field(cov, f"{path}.end", post.end)
    obj: dict[str, JsonValue] = {"id": post_id, "label": post.title, "role": post.title}
    _put(obj, "organization_id", post.organization)
    holding: dict[str, JsonValue] = {
        "id": f"{post_id}/membership",
        "person_id": person.id,
        "post_id": post_id,
        "role": post.title,
    }
    _put(holding, "organization_id", post.organization)
    for o in (obj, holding):
        _put(o, "start_date", start)
        _put(o, "end_date", end)
    out["posts"].append(obj)
    out["memberships"].append(holding)
    cov.carry(f"{path}.title", f"{path}.organization")
    if post.former and post.end is None:
        cov.lose(f"{path}.former", f"{_TARGET} cannot say a post is past without its end date")
    elif post.former:
        cov.carry(f"{path}.former")
    cov.lose(f"{path}.evidence", f"{_TARGET} posts have no evidence")


def _organization(
    agent: Organization | State | Group, cov: Coverage, out: Document_, record: Record
) -> None:
    obj: dict[str, JsonValue] = {"id": agent.id, "name": agent.name}
    names = _names(cov, agent.other_names)
    cov.carry("$.name")
    if isinstance(agent, Organization):
        if agent.acronym:
            names.append({"name": agent.acronym, "note": "acronym"})
        cov.carry("$.acronym", "$.kind", "$.parent")
        _put(obj, "classification", agent.kind)
        _put(obj, "parent_id", agent.parent)
        _put(obj, "founding_date", _date_field(cov, "$.founded", agent.founded))
        _put(obj, "dissolution_date", _date_field(cov, "$.dissolved", agent.dissolved))
    elif isinstance(agent, State):
        obj["classification"] = "state"
    else:
        obj["classification"] = "group"
        for index, member in enumerate(agent.members):
            out["memberships"].append(
                {
                    "id": f"{agent.id}/members/{index}",
                    "organization_id": agent.id,
                    **_member(member, record),
                }
            )
        cov.carry("$.members")
    _put(obj, "other_names", names)
    out["organizations"].append(obj)


def _member(agent_id: str, record: Record) -> dict[str, JsonValue]:
    if isinstance(record.find(agent_id), Person):
        return {"person_id": agent_id}
    return {"member": {"@type": "Organization", "id": agent_id}}


def _membership(m: Membership, cov: Coverage, out: Document_, record: Record) -> None:
    obj: dict[str, JsonValue] = {"id": m.id, **_member(m.member, record)}
    obj["organization_id"] = m.organization
    obj["role"] = str(m.status)
    _put(obj, "start_date", _date_field(cov, "$.start", m.start))
    _put(obj, "end_date", _date_field(cov, "$.end", m.end))
    cov.carry("$.member", "$.organization", "$.status")
    out["memberships"].append(obj)


def _event(event: Event, cov: Coverage, out: Document_, record: Record) -> None:
    obj: dict[str, JsonValue] = {
        "id": event.id,
        "name": event.title or event.kind.label,
        "classification": str(event.kind),
    }
    cov.carry("$.title", "$.kind")
    _put(obj, "description", event.subject)
    cov.carry("$.subject")
    start, end = _span(cov, "$.date", event.date)
    _put(obj, "start_date", start)
    _put(obj, "end_date", end)
    if event.place is not None:
        _put(obj, "location", _location(event.place))
        cov.carry("$.place.name", "$.place.locality")
    organisers = [a for a in event.organisers if isinstance(record.find(a), (Organization, Group))]
    if organisers:
        obj["organization_id"] = organisers[0]
        cov.carry("$.organisers[0]" if len(event.organisers) > 1 else "$.organisers")
    cov.lose("$.organisers", f"{_TARGET} events have one organising organisation")
    attendees: list[JsonValue] = []
    for index, part in enumerate(event.participants):
        if isinstance(record.find(part.agent), Person):
            attendees.append({"id": part.agent})
            cov.carry(f"$.participants[{index}].agent")
        _participation_losses(cov, index, part)
    _put(obj, "attendees", attendees)
    _put(obj, "parent_id", event.part_of)
    cov.carry("$.part_of")
    out["events"].append(obj)


def _location(place: Place) -> str:
    return ", ".join(p for p in (place.name, place.locality) if p)


def _participation_losses(cov: Coverage, index: int, part: Participation) -> None:
    path = f"$.participants[{index}]"
    cov.lose(f"{path}.agent", f"{_TARGET} event attendees are people only")
    cov.lose(f"{path}.roles", f"{_TARGET} has no participant roles")


def _speech(statement: Statement, cov: Coverage, out: Document_) -> None:
    obj: dict[str, JsonValue] = {"id": statement.id}
    if statement.speakers:
        obj["creator_id"] = statement.speakers[0]
        cov.carry("$.speakers" if len(statement.speakers) == 1 else "$.speakers[0]")
        cov.lose("$.speakers", f"{_TARGET} speeches have one speaker")
    kind = str(statement.kind)
    obj["type"] = _SPEECH_TYPES.get(kind, "speech")
    if kind in _SPEECH_TYPES:
        cov.carry("$.kind")
    _put(obj, "text", statement.text)
    _put(obj, "role", statement.capacity)
    _put(obj, "attribution_text", statement.attribution_note)
    _put(obj, "event_id", statement.event)
    if len(statement.addressees) == 1:
        obj["audience_id"] = statement.addressees[0]
        cov.carry("$.addressees")
    cov.carry("$.text", "$.capacity", "$.attribution_note", "$.event")
    cov.lose("$.attribution", f"{_TARGET} cannot tell a direct quote from reported speech")
    _date_time(cov, "$.date", statement.date)
    out["speeches"].append(obj)


def _motion(proposal: Proposal, cov: Coverage, out: Document_) -> None:
    obj: dict[str, JsonValue] = {"id": proposal.id, "text": proposal.text}
    cov.carry("$.text")
    if proposal.proposers:
        obj["creator_id"] = proposal.proposers[0]
        cov.carry("$.proposers" if len(proposal.proposers) == 1 else "$.proposers[0]")
        cov.lose("$.proposers", f"{_TARGET} motions have one creator")
    _put(obj, "legislative_session_id", proposal.event)
    cov.carry("$.event")
    _date_time(cov, "$.date", proposal.date)
    cov.lose("$.responses", f"{_TARGET} cannot say who supported or opposed a motion")
    decision = proposal.decision
    if decision is not None:
        _put(obj, "organization_id", decision.body)
        result = _RESULTS.get(decision.outcome, decision.outcome.value)
        obj["result"] = result
        cov.carry("$.decision.body", "$.decision.outcome")
        if decision.tally is not None or decision.votes:
            out["vote_events"].append(_vote_event(proposal, decision, result, cov))
    out["motions"].append(obj)


def _vote_event(
    proposal: Proposal, decision: Decision, result: str, cov: Coverage
) -> dict[str, JsonValue]:
    obj: dict[str, JsonValue] = {"id": f"{proposal.id}/vote", "motion_id": proposal.id}
    _put(obj, "organization_id", decision.body)
    _put(obj, "legislative_session_id", decision.event)
    obj["result"] = result
    cov.carry("$.decision.event")
    _date_time(cov, "$.decision.date", decision.date)
    if decision.tally is not None:
        tally = decision.tally
        # A partial tally gives only the counts it knows.
        counts: list[JsonValue] = [
            {"option": option, "value": value}
            for option, value in (
                ("yes", tally.in_favour),
                ("no", tally.against),
                ("abstain", tally.abstaining),
                ("not voting", tally.not_voting),
            )
            if value is not None
        ]
        obj["counts"] = counts
        cov.carry("$.decision.tally")
    votes: list[JsonValue] = []
    for index, vote in enumerate(decision.votes):
        votes.append({"voter_id": vote.agent, "option": _OPTIONS[vote.position]})
        path = f"$.decision.votes[{index}]"
        cov.carry(f"{path}.agent", f"{path}.position")
        if vote.veto:
            cov.lose(f"{path}.veto", f"{_TARGET} votes cannot be marked as a veto")
        else:
            cov.carry(f"{path}.veto")
    _put(obj, "votes", votes)
    return obj
