"""Popolo JSON: export of people, organisations, memberships, posts, events,
speeches and motions, and import of Popolo data into communique entities.

The export is one document with a list per Popolo class (``persons``,
``organizations``, ``memberships``, ``posts``, ``events``, ``speeches``,
``motions``, ``vote_events``), each object valid against the Popolo schemas.
States and unnamed groups are organisations (``classification`` ``state`` and
``group``); a person's posts are Popolo posts with the memberships that hold
them; statements are speeches and proposals motions, with their recorded vote
as a vote event. Everything Popolo cannot carry (a participant's roles,
evidence spans, responses to a proposal, inferred dates, documents,
extensions...) is listed in the export's ``losses``.

>>> import communique as cq
>>> record = cq.Record([cq.Person(id="person:a", name="A", posts=(cq.Post(title="Envoy"),))])
>>> export = to_popolo(record)
>>> export.data["persons"], [p["label"] for p in export.data["posts"]], export.losses
([{'id': 'person:a', 'name': 'A'}], ['Envoy'], ())
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from ..converter import Converter, EntityError, default_converter
from ..dates import Date
from ..model import (
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
from ..model._base import _ID
from ..record import Record
from ..vocab import (
    Attribution,
    EventKind,
    MembershipStatus,
    OrganizationKind,
    Outcome,
    StatementKind,
    VotePosition,
)
from ._loss import Coverage, Export, Loss, plain_dates

__all__ = ["COLLECTIONS", "PopoloError", "from_popolo", "to_popolo"]

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


class PopoloError(ValueError):
    """Popolo data that cannot become communique entities, with where it is."""


# -- export ------------------------------------------------------------------


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
            kind = "documents" if isinstance(entity, Document) else type(entity).__name__
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


# -- import ------------------------------------------------------------------

_PREFIXES: Final = {
    "persons": "person",
    "organizations": "org",
    "memberships": "membership",
    "events": "event",
    "speeches": "statement",
    "motions": "proposal",
}
# Popolo lists and the keys of their items that communique keeps.
_RICHER: Final = {
    "other_names": {"name", "note"},
    "attendees": {"id"},
    "identifiers": {"identifier", "scheme"},
}
# The fields of a membership that holds a post that a communique post carries.
_HOLDING: Final = frozenset(
    {"id", "person_id", "organization_id", "post_id", "role", "start_date", "end_date"}
)
_SLUG: Final = re.compile(r"[^A-Za-z0-9._~+-]+")
_KNOWN: Final = {
    "persons": {"id", "name", "other_names", "identifiers", "honorific_prefix"},
    "organizations": {
        "id",
        "name",
        "other_names",
        "identifiers",
        "classification",
        "parent_id",
        "founding_date",
        "dissolution_date",
    },
    "memberships": {
        "id",
        "role",
        "person_id",
        "member",
        "organization_id",
        "start_date",
        "end_date",
    },
    "events": {
        "id",
        "name",
        "description",
        "start_date",
        "end_date",
        "location",
        "identifiers",
        "classification",
        "organization_id",
        "attendees",
        "parent_id",
    },
    "speeches": {
        "id",
        "creator_id",
        "role",
        "attribution_text",
        "audience_id",
        "text",
        "date",
        "type",
        "event_id",
    },
    "motions": {"id", "creator_id", "text", "date", "legislative_session_id", "result"},
}


class _Ids:
    """Popolo ids to communique ids: kept when they already have a type
    prefix, prefixed when they are a plain slug, slugged otherwise."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, str], str] = {}

    def __call__(self, collection: str, popolo_id: str) -> str:
        key = (collection, popolo_id)
        found = self.known.get(key)
        if found is None:
            found = self._make(collection, popolo_id)
            self.known[key] = found
        return found

    def ref(self, collection: str, popolo_id: str) -> str:
        for (c, p), cq_id in self.known.items():
            if p == popolo_id and (collection in (c, "agents")):
                return cq_id
        return self(collection if collection != "agents" else "organizations", popolo_id)

    @staticmethod
    def _make(collection: str, popolo_id: str) -> str:
        if ":" in popolo_id and _ID.fullmatch(popolo_id):
            return popolo_id
        slug = _SLUG.sub("-", popolo_id).strip("-._~+") or "x"
        return f"{_PREFIXES.get(collection, 'org')}:{slug}"


# The keys of a membership that only says an agent is in a group.
_GROUP_MEMBER: Final = frozenset({"id", "organization_id", "person_id", "member"})


def from_popolo(data: Mapping[str, object], *, converter: Converter | None = None) -> Record:
    """Popolo data (a document with ``persons``, ``organizations``,
    ``memberships``, ``events``, ``speeches``, ``motions`` and ``posts`` lists,
    memberships and posts embedded in people and organisations included) as a
    record.

    Popolo fields that have no communique field are kept as extensions
    (``x-popolo:contact_details``) rather than dropped; an object without an
    ``id`` gets one from its list and position (``statement:speeches-0``);
    an original id that is not a communique id is kept as an identifier with the
    scheme ``popolo``.

    >>> record = from_popolo({"persons": [{"id": "john-q-public", "name": "John Q. Public"}]})
    >>> record.get("person:john-q-public").name
    'John Q. Public'
    """
    unknown = sorted(set(data) - set(COLLECTIONS))
    if unknown:
        raise PopoloError(f"unknown Popolo lists {unknown}; known: {', '.join(COLLECTIONS)}")
    items: dict[str, list[dict[str, Any]]] = {name: [] for name in COLLECTIONS}
    for name in COLLECTIONS:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise PopoloError(f"$.{name} must be a list of objects")
        items[name].extend(dict(v) for v in value)
    # Memberships and posts may come embedded in people and organisations.
    for owner, key in (("persons", "person_id"), ("organizations", "organization_id")):
        for obj in items[owner]:
            for membership in obj.pop("memberships", []):
                items["memberships"].append({key: obj.get("id"), **membership})
            for post in obj.pop("posts", []) if owner == "organizations" else []:
                items["posts"].append({"organization_id": obj.get("id"), **post})

    # The same membership may be embedded in its person and in its organisation.
    by_id: dict[str, dict[str, Any]] = {}
    for membership in items["memberships"]:
        embedded_id = membership.get("id")
        if embedded_id is None:
            by_id[f"#{len(by_id)}"] = membership
        else:
            by_id.setdefault(str(embedded_id), {}).update(membership)
    items["memberships"] = list(by_id.values())
    ids = _Ids()
    for name in _PREFIXES:
        for index, obj in enumerate(items[name]):
            obj.setdefault("id", f"{name}-{index}")
            ids(name, str(obj["id"]))
    posts = {str(p.get("id")): p for p in items["posts"] if p.get("id") is not None}
    held: dict[str, list[dict[str, Any]]] = {}
    person_posts: dict[str, list[dict[str, Any]]] = {}
    kept: dict[str, list[dict[str, Any]]] = {}
    organizations = {str(o.get("id")) for o in items["organizations"]}
    entities: list[Entity] = []
    importer = _Importer(ids, converter or default_converter)
    memberships: list[dict[str, Any]] = []
    # A group's members are exported as bare memberships of the group: they come
    # back as its members, not as memberships (which name an organisation).
    groups = {
        str(o.get("id")) for o in items["organizations"] if o.get("classification") == "group"
    }
    members: dict[str, list[str]] = {}
    for index, obj in enumerate(items["memberships"]):
        group = str(obj.get("organization_id"))
        if group in groups and set(obj) <= _GROUP_MEMBER:
            where = f"$.memberships[{index}]"
            members.setdefault(group, []).append(importer.member(where, obj))
    items["memberships"] = [
        obj
        for obj in items["memberships"]
        if not (str(obj.get("organization_id")) in groups and set(obj) <= _GROUP_MEMBER)
    ]
    for obj in items["memberships"]:
        post = posts.get(str(obj.get("post_id")))
        if obj.get("person_id") is None or post is None:
            memberships.append(obj)
            continue
        # Holding a post is a person's post in communique, not a membership.
        person = ids.ref("persons", str(obj["person_id"]))
        person_posts.setdefault(person, []).append(importer.post(obj, post))
        if str(post.get("organization_id")) not in organizations:
            kept.setdefault(str(obj["person_id"]), []).append(post)
        if set(obj) - _HOLDING:
            held.setdefault(str(obj["person_id"]), []).append(obj)
    for post in items["posts"]:
        owner = str(post.get("organization_id"))
        if owner in organizations:
            kept.setdefault(owner, []).append(post)
        elif not any(post in v for v in kept.values()):
            raise PopoloError(
                f"post {post.get('id')!r} has neither an organisation nor a holder in the data"
            )
    for index, obj in enumerate(items["persons"]):
        person_id = ids("persons", obj["id"])
        entities.append(
            importer.person(
                f"$.persons[{index}]",
                obj,
                person_posts.get(person_id, []),
                kept.get(str(obj["id"])),
                held.get(str(obj["id"])),
            )
        )
    for index, obj in enumerate(items["organizations"]):
        where = f"$.organizations[{index}]"
        entities.append(
            importer.organization(
                where, obj, kept.get(str(obj["id"])), members.get(str(obj["id"]), [])
            )
        )
    entities.extend(importer.membership("$.memberships", obj) for obj in memberships)
    for name, make in (("events", importer.event), ("speeches", importer.speech)):
        entities.extend(make(f"$.{name}[{i}]", obj) for i, obj in enumerate(items[name]))
    votes = {}
    for obj in items["vote_events"]:
        if obj.get("motion_id") is not None:
            votes[str(obj["motion_id"])] = obj
    entities.extend(
        importer.motion(f"$.motions[{i}]", obj, votes.get(str(obj["id"])))
        for i, obj in enumerate(items["motions"])
    )
    return Record(entities)


class _Importer:
    """Popolo objects as communique data, structured by the converter so that
    a value of the wrong type is a located error, not a malformed entity."""

    def __init__(self, ids: _Ids, converter: Converter) -> None:
        self.ids = ids
        self.converter = converter

    def structure(self, where: str, data: dict[str, Any]) -> Entity:
        extensions = data.pop("extensions", {})
        clean = {k: v for k, v in data.items() if v is not None and v != []}
        try:
            return self.converter.structure_entity({**clean, **extensions})
        except EntityError as exc:
            details = "; ".join(f"{p.path}: {p.message}" for p in exc.problems)
            raise PopoloError(f"{where} ({data['id']}): {details}") from None

    def _base(self, collection: str, obj: Mapping[str, Any]) -> dict[str, Any]:
        popolo_id = str(obj["id"])
        cq_id = self.ids(collection, popolo_id)
        identifiers = [
            {"scheme": i.get("scheme") or "unknown", "value": i.get("identifier")}
            for i in obj.get("identifiers") or []
        ]
        if cq_id != popolo_id:
            identifiers.append({"scheme": "popolo", "value": popolo_id})
        extensions: dict[str, Any] = {
            f"x-popolo:{key}": value
            for key, value in obj.items()
            if key not in _KNOWN[collection] and value is not None
        }
        # Lists whose items carry more than the model keeps stay whole as extensions.
        for key, keys in _RICHER.items():
            values = obj.get(key)
            if isinstance(values, list) and any(
                not isinstance(v, Mapping) or set(v) - keys for v in values
            ):
                extensions[f"x-popolo:{key}"] = values
        return {"id": cq_id, "identifiers": identifiers, "extensions": extensions}

    def person(
        self,
        where: str,
        obj: Mapping[str, Any],
        posts: list[dict[str, Any]],
        kept: list[dict[str, Any]] | None,
        held: list[dict[str, Any]] | None,
    ) -> Entity:
        base = self._base("persons", obj)
        if kept:
            base["extensions"]["x-popolo:posts"] = kept
        if held:
            base["extensions"]["x-popolo:memberships"] = held
        name = obj.get("name") or " ".join(
            str(obj[k]) for k in ("given_name", "family_name") if obj.get(k)
        )
        return self.structure(
            where,
            {
                "type": "person",
                **base,
                "name": name or None,
                "honorific": obj.get("honorific_prefix"),
                "other_names": _other_names(obj),
                "posts": posts,
            },
        )

    def post(self, membership: Mapping[str, Any], post: Mapping[str, Any]) -> dict[str, Any]:
        org = post.get("organization_id") or membership.get("organization_id")
        data = {
            "title": post.get("label") or post.get("role") or membership.get("role"),
            "organization": self.ids.ref("organizations", str(org)) if org else None,
            "start": membership.get("start_date") or post.get("start_date"),
            "end": membership.get("end_date") or post.get("end_date"),
        }
        return {k: v for k, v in data.items() if v is not None}

    def organization(
        self,
        where: str,
        obj: Mapping[str, Any],
        kept: list[dict[str, Any]] | None,
        members: list[str],
    ) -> Entity:
        base = self._base("organizations", obj)
        if kept:
            base["extensions"]["x-popolo:posts"] = kept
        classification = obj.get("classification")
        names = _other_names(obj)
        common = {**base, "name": obj.get("name"), "other_names": names}
        if classification == "state":
            codes = [i["value"] for i in base["identifiers"] if i["scheme"] == "iso3166-1"]
            if codes:
                return self.structure(where, {"type": "state", **common, "country": codes[0]})
        if classification == "group":
            return self.structure(where, {"type": "group", **common, "members": members})
        acronyms = [n["name"] for n in names if n.get("note") == "acronym"]
        kind = None
        if classification in OrganizationKind._labels:
            kind = classification
        elif classification is not None:
            base["extensions"]["x-popolo:classification"] = classification
        parent = obj.get("parent_id")
        return self.structure(
            where,
            {
                "type": "organization",
                **common,
                "other_names": [n for n in names if n.get("note") != "acronym"],
                "acronym": acronyms[0] if acronyms else None,
                "kind": kind,
                "parent": self.ids.ref("organizations", str(parent)) if parent else None,
                "founded": obj.get("founding_date"),
                "dissolved": obj.get("dissolution_date"),
            },
        )

    def member(self, where: str, obj: Mapping[str, Any]) -> str:
        """The id of a membership's member: a person or another agent."""
        if obj.get("person_id") is not None:
            return self.ids.ref("persons", str(obj["person_id"]))
        if isinstance(obj.get("member"), Mapping) and obj["member"].get("id"):
            return self.ids.ref("agents", str(obj["member"]["id"]))
        raise PopoloError(f"{where} ({obj.get('id')}): the membership has no member")

    def membership(self, where: str, obj: Mapping[str, Any]) -> Entity:
        base = self._base("memberships", obj)
        member = self.member(where, obj)
        role = obj.get("role")
        status = "member"
        if role in MembershipStatus._labels:
            status = role
        elif role is not None:
            base["extensions"]["x-popolo:role"] = role
        organization = obj.get("organization_id")
        return self.structure(
            where,
            {
                "type": "membership",
                **base,
                "member": member,
                "organization": self.ids.ref("organizations", str(organization))
                if organization is not None
                else None,
                "status": status,
                "start": obj.get("start_date"),
                "end": obj.get("end_date"),
            },
        )

    def event(self, where: str, obj: Mapping[str, Any]) -> Entity:
        base = self._base("events", obj)
        classification = obj.get("classification")
        kind = "other"
        if classification in EventKind._labels:
            kind = classification
        elif classification is not None:
            base["extensions"]["x-popolo:classification"] = classification
        start, end = obj.get("start_date"), obj.get("end_date")
        date = f"{start}/{end}" if start and end else start or (f"../{end}" if end else None)
        organiser, parent = obj.get("organization_id"), obj.get("parent_id")
        attendees = obj.get("attendees") or []
        return self.structure(
            where,
            {
                "type": "event",
                **base,
                "kind": kind,
                "title": obj.get("name"),
                "note": obj.get("description"),
                "date": date,
                "place": {"name": obj["location"]} if obj.get("location") else None,
                "organisers": [self.ids.ref("organizations", str(organiser))] if organiser else [],
                "participants": [
                    {"agent": self.ids.ref("persons", str(a.get("id"))), "roles": ["attendee"]}
                    for a in attendees
                    if isinstance(a, Mapping)
                ],
                "part_of": self.ids.ref("events", str(parent)) if parent else None,
            },
        )

    def speech(self, where: str, obj: Mapping[str, Any]) -> Entity:
        base = self._base("speeches", obj)
        kind_text = obj.get("type") or "speech"
        kind = "statement"
        if kind_text in StatementKind._labels:
            kind = kind_text
        else:
            base["extensions"]["x-popolo:type"] = kind_text
        creator, audience, event = (
            obj.get("creator_id"),
            obj.get("audience_id"),
            obj.get("event_id"),
        )
        return self.structure(
            where,
            {
                "type": "statement",
                **base,
                "kind": kind,
                "speakers": [self.ids.ref("persons", str(creator))] if creator else [],
                # A Popolo speech is a transcript's turn: its text is the full text.
                "attribution": Attribution.FULL_TEXT.value,
                "text": obj.get("text"),
                "capacity": obj.get("role"),
                "attribution_note": obj.get("attribution_text"),
                "addressees": [self.ids.ref("persons", str(audience))] if audience else [],
                "event": self.ids.ref("events", str(event)) if event else None,
                "date": obj.get("date"),
            },
        )

    def motion(
        self, where: str, obj: Mapping[str, Any], vote_event: Mapping[str, Any] | None
    ) -> Entity:
        base = self._base("motions", obj)
        creator, session = obj.get("creator_id"), obj.get("legislative_session_id")
        result = obj.get("result")
        statuses: list[dict[str, Any]] = []
        if result in ("pass", "fail"):
            statuses.append({"status": "adopted" if result == "pass" else "rejected"})
        elif result is not None:
            base["extensions"]["x-popolo:result"] = result
        if vote_event is not None:
            base["extensions"]["x-popolo:vote_event"] = dict(vote_event)
        return self.structure(
            where,
            {
                "type": "proposal",
                **base,
                "text": obj.get("text"),
                "proposers": [self.ids.ref("persons", str(creator))] if creator else [],
                "event": self.ids.ref("events", str(session)) if session else None,
                "date": obj.get("date"),
                "statuses": statuses,
            },
        )


def _other_names(obj: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {k: n[k] for k in ("name", "note") if n.get(k) is not None}
        for n in obj.get("other_names") or []
        if isinstance(n, Mapping)
    ]
