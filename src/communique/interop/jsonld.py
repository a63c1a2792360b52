"""schema.org JSON-LD: events, people, organisations, memberships, statements
(as ``Quotation``), documents and sources.

The context is embedded in the document (:data:`CONTEXT`), so a JSON-LD
processor needs no network to expand it. Ids become IRIs under a base
(``urn:communique:`` unless another is given). The parts that need a role
(a participant's roles at an event, a post held, a membership's status) use
schema.org's ``Role`` pattern: the role node sits between the two things and
carries ``roleName``, ``startDate`` and ``endDate``. What schema.org cannot
carry is listed in ``losses``.

>>> import communique as cq
>>> export = to_jsonld(cq.Record([cq.Person(id="person:a", name="A")]))
>>> export.data
{'@context': {'@vocab': 'http://schema.org/'}, '@graph': [{'@id': 'urn:communique:person:a', '@type': 'Person', 'name': 'A'}]}
"""

from __future__ import annotations

from typing import Final

from ..converter import Converter
from ..model import (
    Document,
    Entity,
    Event,
    Group,
    JsonValue,
    Membership,
    Organization,
    Person,
    Source,
    State,
    Statement,
)
from ..record import Record
from ..vocab import AttendanceMode
from ._loss import Coverage, Export, Loss, plain_dates

__all__ = ["CONTEXT", "DEFAULT_BASE", "to_jsonld"]

#: The JSON-LD context written into every document: schema.org as the vocabulary.
CONTEXT: Final[dict[str, JsonValue]] = {"@vocab": "http://schema.org/"}

#: Where communique ids become IRIs unless another base is given.
DEFAULT_BASE: Final = "urn:communique:"

_TARGET: Final = "schema.org"
_ATTENDANCE: Final = {
    AttendanceMode.IN_PERSON: "http://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "http://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.HYBRID: "http://schema.org/MixedEventAttendanceMode",
}

Node = dict[str, JsonValue]


def to_jsonld(
    record: Record, *, base: str = DEFAULT_BASE, converter: Converter | None = None
) -> Export[dict[str, JsonValue]]:
    """The record as one schema.org JSON-LD document (``@context`` and ``@graph``),
    and what schema.org could not carry."""
    writer = _Writer(record, base)
    losses: list[Loss] = []
    graph: list[JsonValue] = []
    for entity in record.entities:
        cov = Coverage(entity, _TARGET, converter)
        nodes = writer.entity(entity, cov)
        if nodes is None:
            losses.append(
                Loss(entity=entity.id, path="$", reason=f"{_TARGET} has no {type(entity).__name__}")
            )
            continue
        node = nodes[0]
        writer.common(entity, node, cov)
        graph.extend(nodes)
        losses.extend(cov.losses())
    return Export(data={"@context": dict(CONTEXT), "@graph": graph}, losses=tuple(losses))


class _Writer:
    def __init__(self, record: Record, base: str) -> None:
        self.record = record
        self.base = base

    def ref(self, entity_id: str) -> Node:
        return {"@id": self.base + entity_id}

    def refs(self, ids: tuple[str, ...]) -> list[JsonValue]:
        return [self.ref(i) for i in ids]

    def entity(self, entity: Entity, cov: Coverage) -> list[Node] | None:
        if isinstance(entity, Person):
            return [self.person(entity, cov)]
        if isinstance(entity, (Organization, State, Group)):
            return [self.organization(entity, cov)]
        if isinstance(entity, Membership):
            return self.membership(entity, cov)
        if isinstance(entity, Event):
            return [self.event(entity, cov)]
        if isinstance(entity, Statement):
            return [self.quotation(entity, cov)]
        if isinstance(entity, (Document, Source)):
            return [self.work(entity, cov)]
        return None

    def common(self, entity: Entity, node: Node, cov: Coverage) -> None:
        identifiers: list[JsonValue] = [
            {"@type": "PropertyValue", "propertyID": i.scheme, "value": i.value}
            for i in entity.identifiers
        ]
        _put(node, "identifier", identifiers)
        cov.carry("$.identifiers")
        _put(node, "description", entity.note)
        cov.carry("$.note")
        cov.lose("$.evidence", f"{_TARGET} has no place for evidence quotes and spans")

    def dates(self, node: Node, cov: Coverage, path: str, date: object, single: str) -> None:
        """A date as one property (``single``) or, for an interval, ``startDate``
        and ``endDate``."""
        from ..dates import Date

        if not isinstance(date, Date):
            return
        plain = plain_dates(date)
        fits = plain is not None and (plain[1] is None or single == "startDate")
        cov.carry_date(path, date, fits)
        if plain is None or not fits:
            return
        node[single] = plain[0]
        if plain[1] is not None:
            node["endDate"] = plain[1]

    def person(self, person: Person, cov: Coverage) -> Node:
        node: Node = {"@id": self.base + person.id, "@type": "Person", "name": person.name}
        _put(node, "honorificPrefix", person.honorific)
        _put(node, "alternateName", [n.name for n in person.other_names])
        cov.carry(
            "$.name",
            "$.honorific",
            *(f"$.other_names[{i}].name" for i in range(len(person.other_names))),
        )
        roles: list[JsonValue] = []
        for index, post in enumerate(person.posts):
            path = f"$.posts[{index}]"
            role: Node = {"@type": "OrganizationRole", "roleName": post.title}
            if post.organization is not None:
                role["memberOf"] = self.ref(post.organization)
            self.dates(role, cov, f"{path}.start", post.start, "startDate")
            self.dates(role, cov, f"{path}.end", post.end, "endDate")
            roles.append(role)
            cov.carry(f"{path}.title", f"{path}.organization")
            if post.former and post.end is None:
                cov.lose(f"{path}.former", f"{_TARGET} cannot say a role is past without its end")
        _put(node, "memberOf", roles)
        return node

    def organization(self, agent: Organization | State | Group, cov: Coverage) -> Node:
        kind = "Country" if isinstance(agent, State) else "Organization"
        node: Node = {"@id": self.base + agent.id, "@type": kind, "name": agent.name}
        names: list[JsonValue] = [n.name for n in agent.other_names]
        cov.carry("$.name", *(f"$.other_names[{i}].name" for i in range(len(agent.other_names))))
        if isinstance(agent, Organization):
            if agent.acronym:
                names.insert(0, agent.acronym)
            _put(node, "additionalType", agent.kind.label if agent.kind else None)
            cov.carry("$.acronym", "$.kind")
            if agent.parent is not None:
                node["parentOrganization"] = self.ref(agent.parent)
                cov.carry("$.parent")
            self.dates(node, cov, "$.founded", agent.founded, "foundingDate")
            self.dates(node, cov, "$.dissolved", agent.dissolved, "dissolutionDate")
        if isinstance(agent, Group):
            _put(node, "member", self.refs(agent.members))
            cov.carry("$.members")
        country = agent.country
        if country is not None:
            if isinstance(agent, State):
                node["identifier"] = [
                    {"@type": "PropertyValue", "propertyID": "iso3166-1", "value": country}
                ]
            else:
                node["address"] = {"@type": "PostalAddress", "addressCountry": country}
            cov.carry("$.country")
        _put(node, "alternateName", names)
        return node

    def membership(self, m: Membership, cov: Coverage) -> list[Node]:
        role: Node = {
            "@id": self.base + m.id,
            "@type": "OrganizationRole",
            "roleName": str(m.status),
            "member": self.ref(m.member),
        }
        self.dates(role, cov, "$.start", m.start, "startDate")
        self.dates(role, cov, "$.end", m.end, "endDate")
        cov.carry("$.member", "$.organization", "$.status")
        # The organisation points at the role, which points at the member.
        return [role, {**self.ref(m.organization), "member": self.ref(m.id)}]

    def event(self, event: Event, cov: Coverage) -> Node:
        node: Node = {
            "@id": self.base + event.id,
            "@type": "Event",
            "name": event.title or event.kind.label,
            "additionalType": event.kind.label,
        }
        cov.carry("$.title", "$.kind")
        _put(node, "about", event.subject)
        cov.carry("$.subject")
        self.dates(node, cov, "$.date", event.date, "startDate")
        if event.place is not None:
            place: Node = {"@type": "Place", "name": event.place.name}
            address: Node = {"@type": "PostalAddress"}
            _put(address, "addressLocality", event.place.locality)
            _put(address, "addressCountry", event.place.country)
            if len(address) > 1:
                place["address"] = address
            node["location"] = place
            cov.carry("$.place.name", "$.place.locality", "$.place.country")
        if event.attendance is not None:
            node["eventAttendanceMode"] = {"@id": _ATTENDANCE[event.attendance]}
            cov.carry("$.attendance")
        _put(node, "organizer", self.refs(event.organisers))
        cov.carry("$.organisers")
        attendees: list[JsonValue] = []
        for index, part in enumerate(event.participants):
            path = f"$.participants[{index}]"
            role: Node = {
                "@type": "Role",
                "roleName": [str(r) for r in part.roles],
                "attendee": self.ref(part.agent),
            }
            attendees.append(role)
            cov.carry(f"{path}.agent", f"{path}.roles")
        _put(node, "attendee", attendees)
        if event.part_of is not None:
            node["superEvent"] = self.ref(event.part_of)
            cov.carry("$.part_of")
        _put(node, "keywords", list(event.topics))
        cov.carry("$.topics")
        return node

    def quotation(self, statement: Statement, cov: Coverage) -> Node:
        node: Node = {"@id": self.base + statement.id, "@type": "Quotation"}
        _put(node, "text", statement.text)
        _put(node, "creator", self.refs(statement.speakers))
        _put(node, "spokenByCharacter", self.refs(statement.speakers))
        _put(node, "inLanguage", statement.language)
        _put(node, "genre", statement.kind.label)
        if statement.event is not None:
            node["recordedAt"] = self.ref(statement.event)
        _put(node, "about", self.refs(statement.about))
        _put(node, "citation", self.refs(statement.cites))
        _put(node, "keywords", list(statement.topics))
        if statement.part_of is not None:
            node["isPartOf"] = self.ref(statement.part_of)
        self.dates(node, cov, "$.date", statement.date, "dateCreated")
        cov.carry(
            "$.text",
            "$.speakers",
            "$.language",
            "$.kind",
            "$.event",
            "$.about",
            "$.cites",
            "$.topics",
            "$.part_of",
        )
        cov.lose("$.attribution", f"{_TARGET} cannot say whether the words are quoted or reported")
        return node

    def work(self, item: Document | Source, cov: Coverage) -> Node:
        node: Node = {"@id": self.base + item.id, "@type": "CreativeWork"}
        _put(node, "name", item.title)
        _put(node, "url", item.url)
        _put(node, "inLanguage", item.language)
        cov.carry("$.title", "$.url", "$.language")
        if isinstance(item, Document):
            _put(node, "genre", item.kind.label)
            _put(node, "isBasedOn", self.refs(item.based_on))
            self.dates(node, cov, "$.adopted", item.adopted, "dateCreated")
            cov.carry("$.kind", "$.based_on")
        else:
            if item.publisher is not None:
                node["publisher"] = self.ref(item.publisher)
            _put(node, "author", self.refs(item.authors))
            _put(node, "genre", item.kind.label if item.kind else None)
            _put(node, "text", item.text)
            self.dates(node, cov, "$.date", item.date, "datePublished")
            cov.carry("$.publisher", "$.authors", "$.kind", "$.text")
        return node


def _put(node: Node, key: str, value: JsonValue) -> None:
    if value is not None and value not in ([], ""):
        node[key] = value
