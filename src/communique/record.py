"""A record: a set of entities that refer to each other by id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar, overload

import attrs

from .errors import Problem
from .model import (
    Agent,
    Document,
    Entity,
    Event,
    Evidence,
    Group,
    Membership,
    Organization,
    Person,
    Proposal,
    Source,
    State,
    Statement,
)
from .query import Query

__all__ = ["Record"]

E = TypeVar("E", bound=Entity)


class Record:
    """The entities of a record, resolved by id and queried by type.

    A record can be shared between threads. Its entities are immutable, and what it
    builds on first use (the selection of each type, the source texts it reads) is
    built idempotently: threads that build the same entry at once compute equal
    values and either is kept, so no lock is needed and no reader sees half of one.

    >>> import communique as cq
    >>> record = cq.Record([cq.Organization(id="org:sco", name="Shanghai Cooperation Organisation")])
    >>> record.get("org:sco").name
    'Shanghai Cooperation Organisation'
    >>> record.organizations.ids()
    ['org:sco']
    """

    __slots__ = ("_by_id", "_by_type", "_entities", "_text_dirs", "_texts")

    def __init__(
        self,
        entities: Iterable[Entity] = (),
        *,
        text_dirs: Mapping[str, Path] | None = None,
    ) -> None:
        self._entities: tuple[Entity, ...] = tuple(entities)
        by_id: dict[str, Entity] = {}
        for entity in self._entities:
            by_id.setdefault(entity.id, entity)
        self._by_id = by_id
        self._by_type: dict[type, tuple[Entity, ...]] = {}
        # Where each source's text file is to be found: the folder of the file
        # that defined it. Not part of the record's value.
        self._text_dirs: dict[str, Path] = dict(text_dirs or {})
        self._texts: dict[str, str | None] = {}

    # -- the value ----------------------------------------------------------

    @property
    def entities(self) -> tuple[Entity, ...]:
        """Every entity, in the order they were given."""
        return self._entities

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities)

    def __len__(self) -> int:
        return len(self._entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return self._entities == other._entities

    def __hash__(self) -> int:
        return hash(self._entities)

    def __repr__(self) -> str:
        return f"<Record of {len(self._entities)} entities>"

    # -- lookup -------------------------------------------------------------

    @overload
    def get(self, entity_id: str) -> Entity: ...
    @overload
    def get(self, entity_id: str, cls: type[E]) -> E: ...
    def get(self, entity_id: str, cls: type[Entity] = Entity) -> Entity:
        """The entity with this id; ``KeyError`` saying so if there is none, or
        ``TypeError`` if it is not a ``cls``."""
        entity = self._by_id.get(entity_id)
        if entity is None:
            import difflib

            close = difflib.get_close_matches(entity_id, list(self._by_id), n=3)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise KeyError(f"no entity with id {entity_id!r} in the record{hint}")
        if not isinstance(entity, cls):
            raise TypeError(f"{entity_id!r} is a {type(entity).__name__}, not a {cls.__name__}")
        return entity

    def find(self, entity_id: str) -> Entity | None:
        """The entity with this id, or ``None``."""
        return self._by_id.get(entity_id)

    def of_type(self, cls: type[E]) -> Query[E]:
        """A query over the entities that are instances of ``cls`` (subclasses included)."""
        found = self._by_type.get(cls)
        if found is None:
            found = tuple(e for e in self._entities if isinstance(e, cls))
            self._by_type[cls] = found
        return Query(self, found)  # type: ignore[arg-type]

    @property
    def events(self) -> Query[Event]:
        return self.of_type(Event)

    @property
    def statements(self) -> Query[Statement]:
        return self.of_type(Statement)

    @property
    def proposals(self) -> Query[Proposal]:
        return self.of_type(Proposal)

    @property
    def agents(self) -> Query[Agent]:
        return self.of_type(Agent)

    @property
    def people(self) -> Query[Person]:
        return self.of_type(Person)

    @property
    def organizations(self) -> Query[Organization]:
        return self.of_type(Organization)

    @property
    def states(self) -> Query[State]:
        return self.of_type(State)

    @property
    def groups(self) -> Query[Group]:
        return self.of_type(Group)

    @property
    def memberships(self) -> Query[Membership]:
        return self.of_type(Membership)

    @property
    def documents(self) -> Query[Document]:
        return self.of_type(Document)

    @property
    def sources(self) -> Query[Source]:
        return self.of_type(Source)

    # -- source texts and evidence --------------------------------------------

    def text_of(self, source_id: str) -> str | None:
        """The text of a source: inline, or read from its text file; ``None`` when
        the record does not have it."""
        if source_id in self._texts:
            return self._texts[source_id]
        source = self._by_id.get(source_id)
        text: str | None = None
        if isinstance(source, Source):
            if source.text is not None:
                text = source.text
            elif source.text_file is not None:
                folder = self._text_dirs.get(source_id)
                if folder is not None:
                    try:
                        text = (folder / source.text_file).read_text(encoding="utf-8")
                    except (OSError, UnicodeDecodeError):
                        text = None
        self._texts[source_id] = text
        return text

    def locate_evidence(self) -> Record:
        """A copy of the record in which every evidence quote given without a span
        has the span where it occurs once in its source's text."""

        def fill(value: Any) -> Any:
            if isinstance(value, Evidence):
                if value.start is None and value.end is None:
                    text = self.text_of(value.source)
                    if text is not None and text.count(value.quote) == 1:
                        start = text.index(value.quote)
                        return attrs.evolve(value, start=start, end=start + len(value.quote))
                return value
            if isinstance(value, tuple):
                return tuple(fill(v) for v in value)
            if attrs.has(type(value)):
                changes = {}
                for a in attrs.fields(type(value)):
                    if not a.init:
                        continue
                    old = getattr(value, a.name)
                    new = fill(old)
                    if new is not old:
                        changes[a.name] = new
                return attrs.evolve(value, **changes) if changes else value
            return value

        entities = [fill(e) for e in self._entities]
        return Record(entities, text_dirs=self._text_dirs)

    # -- checks -------------------------------------------------------------

    def validate(self) -> list[Problem]:
        """Every problem in the record: duplicate ids, dangling and mistyped
        references, evidence whose quote is not at its span in the source text,
        quotes that are missing or ambiguous, periods that end before they start."""
        from ._validate import validate

        return validate(self)
