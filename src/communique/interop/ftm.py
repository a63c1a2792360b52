"""FollowTheMoney entities: people, organisations, public bodies, events with
their organisers and participants, memberships, posts and documents.

Built with the ``followthemoney`` package itself (the ``ftm`` extra). People
are ``Person``; organisations are ``Organization``, or ``PublicBody`` when their
kind is a public one, and states are ``PublicBody`` with their country; an
unnamed group is an ``Organization`` classified as a group. A participant's
roles at an event are an ``UnknownLink`` from the agent to the event carrying
the roles; a person's posts are a ``Position`` and its ``Occupancy``;
memberships are ``Membership`` with the status as role; documents are
``Document``. FtM drops values it cannot clean without a word: every value set
here is checked to be in the entity afterwards, and :class:`FtmLossError` is
raised if one is missing. What FtM has no place for is listed in ``losses``.

FtM ids allow letters, digits, dots and dashes only: :func:`ftm_id` gives the
FtM id of a communique id (``person:vladimir-norov`` becomes
``person.vladimir-norov``).
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Final

from ..converter import Converter
from ..model import (
    Agent,
    Document,
    Entity,
    Event,
    Group,
    Membership,
    Organization,
    Person,
    Proposal,
    Source,
    State,
    Statement,
)
from ..record import Record
from ._loss import Coverage, Export, Loss, plain_dates

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

__all__ = ["FtmLossError", "ftm_id", "to_ftm"]

_TARGET: Final = "FollowTheMoney"
_PUBLIC_KINDS: Final = frozenset(
    {
        "intergovernmental_organization",
        "supranational_union",
        "secretariat",
        "permanent_body",
        "un_body",
        "government",
        "ministry",
        "parliament",
        "diplomatic_mission",
    }
)
_READABLE: Final = re.compile(r"[0-9A-Za-z][0-9A-Za-z:-]*[0-9A-Za-z]")


class FtmLossError(ValueError):
    """FollowTheMoney dropped or changed a value while cleaning it."""


def _ftm() -> None:
    try:
        import followthemoney  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            "communique.interop.ftm needs followthemoney: install the 'ftm' extra "
            "(pip install 'communique[ftm]')"
        ) from exc


def ftm_id(entity_id: str, *parts: str) -> str:
    """The FollowTheMoney id for a communique id (and the parts of a derived
    entity, such as a post or a participation).

    >>> ftm_id("person:vladimir-norov")
    'person.vladimir-norov'
    >>> ftm_id("event:2020-03-04-roundtable", "participants", "0")
    'event.2020-03-04-roundtable.participants.0'
    """
    text = ":".join((entity_id, *parts))
    if "." not in text and _READABLE.fullmatch(text):
        # ':' only ever becomes '.', which the id did not contain: no two ids meet.
        return text.replace(":", ".")
    slug = re.sub(r"[^0-9A-Za-z-]+", ".", text).strip(".-") or "x"
    return f"{slug}.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


class _Builder:
    def __init__(self, record: Record, converter: Converter | None) -> None:
        from followthemoney import model

        self.model = model
        self.record = record
        self.converter = converter
        self.built: list[_Proxy] = []
        self.losses: list[Loss] = []

    def make(self, schema: str, entity_id: str, *parts: str) -> _Proxy:
        proxy = self.model.make_entity(schema)
        proxy.id = ftm_id(entity_id, *parts)
        built = _Proxy(proxy, entity_id)
        self.built.append(built)
        return built

    def exists(self, entity_id: str | None, cls: type[Entity] = Entity) -> bool:
        return entity_id is not None and isinstance(self.record.find(entity_id), cls)


class _Proxy:
    """A proxy that remembers every value set on it, to check none was lost."""

    def __init__(self, proxy: EntityProxy, entity: str) -> None:
        self.proxy = proxy
        self.entity = entity
        self.added: list[tuple[str, str]] = []

    def add(self, prop: str, value: str | None) -> None:
        if value is None or value == "":
            return
        self.proxy.add(prop, value)
        self.added.append((prop, value))

    def add_country(self, cov: Coverage, path: str, code: str | None) -> None:
        """Add a country code, or where FollowTheMoney does not know it (a code for
        private use, such as those of invented states), say it is lost."""
        if code is None:
            return
        self.proxy.add("country", code.lower())
        if code.lower() in self.proxy.get("country"):
            self.added.append(("country", code.lower()))
            cov.carry(path)
        else:
            cov.lose(path, f"FollowTheMoney knows no country {code!r}")

    def link(self, prop: str, entity_id: str | None) -> None:
        if entity_id is not None:
            self.add(prop, ftm_id(entity_id))

    def check(self) -> None:
        for prop, value in self.added:
            kept = self.proxy.get(prop)
            if value not in kept:
                raise FtmLossError(
                    f"{self.entity}: FollowTheMoney did not keep {value!r} in "
                    f"{self.proxy.schema.name}.{prop} (it holds {kept!r})"
                )


def to_ftm(record: Record, *, converter: Converter | None = None) -> Export[list[EntityProxy]]:
    """The record as FollowTheMoney entity proxies, and what FtM could not carry.

    >>> import communique as cq
    >>> record = cq.Record([
    ...     cq.Person(id="person:a", name="A"),
    ...     cq.Event(id="event:e", kind="meeting",
    ...              participants=(cq.Participation(agent="person:a", roles=("chair",)),))])
    >>> [(p.schema.name, p.id) for p in to_ftm(record).data]
    [('Person', 'person.a'), ('Event', 'event.e'), ('UnknownLink', 'event.e.participants.0')]
    """
    _ftm()
    from followthemoney.types import registry

    b = _Builder(record, converter)
    for entity in record.entities:
        if isinstance(entity, (Statement, Proposal, Source)):
            what = {Statement: "statements", Proposal: "proposals", Source: "sources"}
            name = next(v for k, v in what.items() if isinstance(entity, k))
            b.losses.append(Loss(entity=entity.id, path="$", reason=f"{_TARGET} has no {name}"))
            continue
        cov = Coverage(entity, _TARGET, converter)
        start = len(b.built)
        if isinstance(entity, Agent):
            main = _agent(b, entity, cov)
        elif isinstance(entity, Membership):
            main = _membership(b, entity, cov)
        elif isinstance(entity, Event):
            main = _event(b, entity, cov)
        elif isinstance(entity, Document):
            main = _document(b, entity, cov, registry.language.clean)
        else:
            b.losses.append(
                Loss(entity=entity.id, path="$", reason=f"{_TARGET} has no {type(entity).__name__}")
            )
            continue
        _provenance(b, entity, main, cov)
        for built in b.built[start:]:
            built.check()
        b.losses.extend(cov.losses())
    return Export(data=[built.proxy for built in b.built], losses=tuple(b.losses))


def _provenance(b: _Builder, entity: Entity, main: _Proxy, cov: Coverage) -> None:
    """Source URLs of the evidence, the note, and identifiers FtM has a property for."""
    for index, evidence in enumerate(entity.evidence):
        source = b.record.find(evidence.source)
        if isinstance(source, Source) and source.url:
            main.add("sourceUrl", source.url)
            cov.carry(f"$.evidence[{index}].source")
    cov.lose("$.evidence", f"{_TARGET} keeps a source URL, not the quote or its span")
    main.add("description", entity.note)
    cov.carry("$.note")
    for index, identifier in enumerate(entity.identifiers):
        prop = main.proxy.schema.get("wikidataId")
        if identifier.scheme != "wikidata" or prop is None:
            continue
        if prop.type.clean(identifier.value) is None:
            # Refused by FtM: listed as lost rather than aborting the export.
            cov.lose(
                f"$.identifiers[{index}]",
                f"{_TARGET} does not take {identifier.value!r} as a Wikidata id",
            )
            continue
        main.add("wikidataId", identifier.value)
        cov.carry(f"$.identifiers[{index}]")


def _agent(b: _Builder, agent: Agent, cov: Coverage) -> _Proxy:
    if isinstance(agent, Person):
        p = b.make("Person", agent.id)
        p.add("title", agent.honorific)
        cov.carry("$.honorific")
        for index in range(len(agent.posts)):
            _post(b, agent, index, cov)
    elif isinstance(agent, State):
        p = b.make("PublicBody", agent.id)
        p.add("classification", "state")
        p.add_country(cov, "$.country", agent.country)
    elif isinstance(agent, Organization):
        public = agent.kind is not None and agent.kind in _PUBLIC_KINDS
        p = b.make("PublicBody" if public else "Organization", agent.id)
        if agent.kind is not None:
            p.add("classification", agent.kind.label)
        p.add("abbreviation", agent.acronym)
        p.add_country(cov, "$.country", agent.country)
        if b.exists(agent.parent, Organization) or b.exists(agent.parent, State):
            p.link("parent", agent.parent)
            cov.carry("$.parent")
        for path, date, prop in (
            ("$.founded", agent.founded, "incorporationDate"),
            ("$.dissolved", agent.dissolved, "dissolutionDate"),
        ):
            p.add(prop, _single(cov, path, date))
        cov.carry("$.kind", "$.acronym")
    else:
        assert isinstance(agent, Group)
        p = b.make("Organization", agent.id)
        p.add("classification", "group")
        p.add_country(cov, "$.country", agent.country)
        for index, member in enumerate(agent.members):
            link = b.make("UnknownLink", agent.id, "members", str(index))
            link.link("subject", member)
            link.link("object", agent.id)
            link.add("role", "member")
        cov.carry("$.members")
    p.add("name", agent.name)
    for index, name in enumerate(agent.other_names):
        p.add("alias", name.name)
        cov.carry(f"$.other_names[{index}].name")
    cov.carry("$.name")
    return p


def _post(b: _Builder, person: Person, index: int, cov: Coverage) -> None:
    post = person.posts[index]
    path = f"$.posts[{index}]"
    position = b.make("Position", person.id, "posts", str(index))
    position.add("name", post.title)
    if b.exists(post.organization, Organization) or b.exists(post.organization, State):
        position.link("organization", post.organization)
        cov.carry(f"{path}.organization")
    occupancy = b.make("Occupancy", person.id, "posts", str(index), "occupancy")
    occupancy.link("holder", person.id)
    occupancy.add("post", position.proxy.id)
    occupancy.add("startDate", _single(cov, f"{path}.start", post.start))
    occupancy.add("endDate", _single(cov, f"{path}.end", post.end))
    if post.former:
        occupancy.add("status", "former")
        cov.carry(f"{path}.former")
    cov.carry(f"{path}.title")


def _single(cov: Coverage, path: str, date: object) -> str | None:
    from ..dates import Date

    if not isinstance(date, Date):
        return None
    plain = plain_dates(date)
    written = plain is not None and plain[1] is None
    cov.carry_date(path, date, written)
    return plain[0] if plain is not None and written else None


def _membership(b: _Builder, m: Membership, cov: Coverage) -> _Proxy:
    p = b.make("Membership", m.id)
    p.link("member", m.member)
    p.link("organization", m.organization)
    p.add("role", str(m.status))
    p.add("startDate", _single(cov, "$.start", m.start))
    p.add("endDate", _single(cov, "$.end", m.end))
    cov.carry("$.member", "$.organization", "$.status")
    return p


def _event(b: _Builder, event: Event, cov: Coverage) -> _Proxy:
    p = b.make("Event", event.id)
    p.add("name", event.title or event.kind.label)
    p.add("summary", event.subject)
    cov.carry("$.title", "$.subject")
    plain = plain_dates(event.date)
    cov.carry_date("$.date", event.date, plain is not None)
    if plain is not None and plain[1] is None:
        p.add("date", plain[0])
    elif plain is not None:
        p.add("startDate", plain[0])
        p.add("endDate", plain[1])
    if event.place is not None:
        p.add("location", ", ".join(x for x in (event.place.name, event.place.locality) if x))
        p.add_country(cov, "$.place.country", event.place.country)
        cov.carry("$.place.name", "$.place.locality")
    for agent in event.organisers:
        p.link("organizer", agent)
    cov.carry("$.organisers")
    for topic in event.topics:
        p.add("keywords", topic)
    cov.carry("$.topics")
    for index, part in enumerate(event.participants):
        path = f"$.participants[{index}]"
        p.link("involved", part.agent)
        link = b.make("UnknownLink", event.id, "participants", str(index))
        link.link("subject", part.agent)
        link.link("object", event.id)
        for role in part.roles:
            link.add("role", str(role))
        cov.carry(f"{path}.agent", f"{path}.roles")
        cov.lose(f"{path}.on_behalf_of", f"{_TARGET} links have no 'on behalf of'")
    return p


def _document(b: _Builder, doc: Document, cov: Coverage, language: object) -> _Proxy:
    p = b.make("Document", doc.id)
    p.add("title", doc.title)
    # FtM requires a file name; the URL's last part names the file when there is one.
    tail = doc.url.rstrip("/").rsplit("/", 1)[-1] if doc.url else ""
    p.add("fileName", tail or doc.title)
    p.add("sourceUrl", doc.url)
    p.add("date", _single(cov, "$.adopted", doc.adopted))
    if doc.language is not None and callable(language):
        code = language(doc.language)
        if isinstance(code, str):
            p.add("language", code)
            cov.carry("$.language")
    cov.carry("$.title", "$.url")
    return p
