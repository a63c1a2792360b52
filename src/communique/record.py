"""A record: a set of entities that refer to each other by id."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar, overload

import attrs

from ._index import Index
from ._navigate import (
    MEMBER_STATUSES,
    OPPOSITION,
    SUPPORT,
    Participant,
    held,
    picked,
    running,
    stances,
    title_key,
)
from ._origins import Origins
from ._over_time import post_held
from ._shown import shown
from ._suggest import IdIndex
from ._text_files import TextFiles, TextRead
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
    Post,
    Proposal,
    Relation,
    Source,
    State,
    Statement,
)
from .model._meaning import with_evidence
from .query import DateLike, Query, Ref, _days, _id
from .vocab import RelationLevel, Stance, VotePosition

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

    __slots__ = (
        "_built",
        "_by_id",
        "_entities",
        "_id_index",
        "_lock",
        "_origins",
        "_text_files",
        "_texts",
    )

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
        # The ids merged entities replaced resolve to them; a live id comes first.
        for entity in self._entities:
            for old in entity.replaces:
                by_id.setdefault(old, entity)
        self._by_id = by_id
        # The indexes behind queries and navigation, built on first use, once, even
        # when several threads ask at the same time.
        self._built: Index | None = None
        # The sorted ids behind the suggestions of get(), built on the first miss.
        self._id_index: IdIndex | None = None
        self._lock = threading.Lock()
        # Where each source's text file is to be found (the folder of the file
        # that defined it), where it may lead, and how much of it is read. Not
        # part of the record's value.
        self._text_files = TextFiles(dict(text_dirs or {}))
        self._texts: dict[str, TextRead] = {}
        # Where each entity was read, when the record was loaded from text: what
        # places the problems validate() finds. Not part of the record's value.
        self._origins: Origins | None = None

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

    def _repr_html_(self) -> str:
        """The record as an HTML table, for notebooks: its entities (the first
        rows) and how many there are of each type."""
        from ._html import entities_html

        counts: dict[str, int] = {}
        for entity in self._entities:
            counts[type(entity).tag] = counts.get(type(entity).tag, 0) + 1
        by_type = ", ".join(f"{n} {tag}" for tag, n in sorted(counts.items()))
        caption = f"Record of {len(self._entities)} entities" + (f" ({by_type})" if by_type else "")
        return entities_html(self._entities, self, caption)

    @property
    def text_dirs(self) -> Mapping[str, Path]:
        """The folder each source's ``text_file`` is read from (the folder of the
        file that defined the source), by source id; not part of the record's value."""
        return dict(self._text_files.folders)

    # -- lookup -------------------------------------------------------------

    @overload
    def get(self, entity_id: str) -> Entity: ...
    @overload
    def get(self, entity_id: str, cls: type[E]) -> E: ...
    def get(self, entity_id: str, cls: type[Entity] = Entity) -> Entity:
        """The entity with this id, or the merged entity that replaced it (see
        :attr:`Entity.replaces`); ``KeyError`` saying so if there is none, or
        ``TypeError`` if it is not a ``cls``."""
        entity = self._by_id.get(entity_id)
        if entity is None:
            close = self._ids().close_to(entity_id) if isinstance(entity_id, str) else []
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise KeyError(f"no entity with id {shown(entity_id)} in the record{hint}")
        if not isinstance(entity, cls):
            raise TypeError(f"{entity_id!r} is a {type(entity).__name__}, not a {cls.__name__}")
        return entity

    def _ids(self) -> IdIndex:
        # Built on the first miss, idempotently (see the class): equal either way.
        built = self._id_index
        if built is None:
            built = self._id_index = IdIndex(self._by_id)
        return built

    def find(self, entity_id: str) -> Entity | None:
        """The entity with this id, or ``None``."""
        return self._by_id.get(entity_id)

    def _index(self) -> Index:
        built = self._built
        if built is None:
            with self._lock:
                built = self._built
                if built is None:
                    built = Index(self._entities, self._by_id)
                    self._built = built
        return built

    def of_type(self, cls: type[E]) -> Query[E]:
        """A query over the entities that are instances of ``cls``, subclasses
        included (a downstream subclass of :class:`Event` is in ``record.events``)."""
        return Query._of_type(self, cls)

    @property
    def events(self) -> Query[Event]:
        """Every event, as a query."""
        return self.of_type(Event)

    @property
    def statements(self) -> Query[Statement]:
        """Every statement, as a query."""
        return self.of_type(Statement)

    @property
    def proposals(self) -> Query[Proposal]:
        """Every proposal, as a query."""
        return self.of_type(Proposal)

    @property
    def agents(self) -> Query[Agent]:
        """Every agent (people, organisations, states, groups), as a query."""
        return self.of_type(Agent)

    @property
    def people(self) -> Query[Person]:
        """Every person, as a query."""
        return self.of_type(Person)

    @property
    def organizations(self) -> Query[Organization]:
        """Every organisation, as a query."""
        return self.of_type(Organization)

    @property
    def states(self) -> Query[State]:
        """Every state, as a query."""
        return self.of_type(State)

    @property
    def groups(self) -> Query[Group]:
        """Every unnamed group, as a query."""
        return self.of_type(Group)

    @property
    def memberships(self) -> Query[Membership]:
        """Every membership, as a query."""
        return self.of_type(Membership)

    @property
    def documents(self) -> Query[Document]:
        """Every document, as a query."""
        return self.of_type(Document)

    @property
    def sources(self) -> Query[Source]:
        """Every source, as a query."""
        return self.of_type(Source)

    # -- navigation: following references --------------------------------------
    #
    # Each takes an entity or its id and answers with the entities it is linked to,
    # resolved; a reference the record cannot resolve raises the KeyError of get().

    # events

    def participants_of(self, event: Ref) -> list[Participant]:
        """Who took part in an event and in which roles, in the record's order; the
        organisers it names only as ``organisers`` come last, as organisers."""
        found = self.get(_id(event), Event)
        people: list[Participant] = []
        listed: set[str] = set()
        for part in found.participants:
            listed.add(part.agent)
            people.append(
                Participant(
                    agent=self.get(part.agent, Agent),
                    roles=tuple(str(r) for r in part.roles),
                    on_behalf_of=(
                        self.get(part.on_behalf_of, Agent) if part.on_behalf_of else None
                    ),
                    capacity=part.capacity,
                    attendance=part.attendance,
                    participation=part,
                )
            )
        for organiser in found.organisers:
            if organiser not in listed:
                listed.add(organiser)
                people.append(Participant(agent=self.get(organiser, Agent), roles=("organiser",)))
        return people

    def parts_of(self, event: Ref, *, nested: bool = False) -> Query[Event]:
        """The events that are part of this one (with ``nested``, at any depth)."""
        index = self._index()
        event_id = self.get(_id(event), Event).id
        if nested:
            ids = index.descendants(event_id)[1:]
            return self.events.with_id(*ids) if ids else Query(self, ())
        return picked(self, index.parts.get(event_id, ()), Event)

    def parent_of(self, event: Ref) -> Event | None:
        """The event this one is part of, or ``None``."""
        found = self.get(_id(event), Event)
        return self.get(found.part_of, Event) if found.part_of is not None else None

    def sideline_events_of(self, event: Ref) -> Query[Event]:
        """The events held on the sidelines of this one."""
        index = self._index()
        event_id = self.get(_id(event), Event).id
        return picked(self, index.sidelines.get(event_id, ()), Event)

    def statements_at(self, event: Ref) -> Query[Statement]:
        """The statements made at an event or at any of its parts."""
        return self.statements.at(self.get(_id(event), Event))

    def proposals_made_at(self, event: Ref) -> Query[Proposal]:
        """The proposals put forward at an event or at any of its parts."""
        return self.proposals.made_at(self.get(_id(event), Event))

    # statements

    def speakers_of(self, statement: Ref) -> list[Agent]:
        """Who made a statement (a collective author is one agent)."""
        return [self.get(a, Agent) for a in self.get(_id(statement), Statement).speakers]

    def replies_to(self, statement: Ref) -> Query[Statement]:
        """The statements that reply to this one (the answers to a question)."""
        index = self._index()
        statement_id = self.get(_id(statement), Statement).id
        return picked(self, index.replies.get(statement_id, ()), Statement)

    def proposals_made_in(self, statement: Ref) -> Query[Proposal]:
        """The proposals a statement put forward."""
        index = self._index()
        statement_id = self.get(_id(statement), Statement).id
        return picked(self, index.made_in.get(statement_id, ()), Proposal)

    # proposals

    def proposers_of(self, proposal: Ref) -> list[Agent]:
        """Who put a proposal forward."""
        return [self.get(a, Agent) for a in self.get(_id(proposal), Proposal).proposers]

    def parties_to(self, proposal: Ref) -> list[Agent]:
        """Who would act on a proposal."""
        return [self.get(a, Agent) for a in self.get(_id(proposal), Proposal).parties]

    def responses_to(self, proposal: Ref) -> dict[Stance, list[Agent]]:
        """Who responded to a proposal, grouped by stance, in the record's order."""
        grouped: dict[Stance, list[Agent]] = {}
        for response in self.get(_id(proposal), Proposal).responses:
            agents = grouped.setdefault(response.stance, [])
            agent = self.get(response.agent, Agent)
            if agent not in agents:
                agents.append(agent)
        return grouped

    def supporters_of(self, proposal: Ref, *, responses_only: bool = False) -> list[Agent]:
        """Who supported a proposal, fully, generally or on conditions, and who voted
        in favour of it (the responses first, then the votes, each agent once);
        with ``responses_only``, the responses alone."""
        return self._stance(proposal, SUPPORT, VotePosition.IN_FAVOUR, responses_only)

    def opponents_of(self, proposal: Ref, *, responses_only: bool = False) -> list[Agent]:
        """Who opposed a proposal, and who voted against it (a veto included); with
        ``responses_only``, the responses alone."""
        return self._stance(proposal, OPPOSITION, VotePosition.AGAINST, responses_only)

    def _stance(
        self, proposal: Ref, wanted: frozenset[str], position: VotePosition, responses_only: bool
    ) -> list[Agent]:
        found = stances(self.responses_to(proposal), wanted)
        decision = self.get(_id(proposal), Proposal).decision
        if responses_only or decision is None:
            return found
        for vote in decision.votes:
            if vote.position is position:
                agent = self.get(vote.agent, Agent)
                if agent not in found:
                    found.append(agent)
        return found

    # agents

    def posts_of(
        self, person: Ref, on: DateLike | None = None, *, certain: bool = False
    ) -> list[Post]:
        """The posts a person holds or held; with ``on``, those held on that day
        (possibly, or with ``certain``, certainly: see :meth:`held_post_on`)."""
        found = self.get(_id(person), Person)
        if on is None:
            return list(found.posts)
        low, high = _days(on)
        return [p for p in found.posts if post_held(p, low, high, certain=certain)]

    def held_post_on(
        self, organization: Ref, title: str, on: DateLike, *, certain: bool = False
    ) -> list[Person]:
        """Who held the post ``title`` in an organisation on a day: "who was SCO
        Secretary-General on 4 March 2020". Titles are compared ignoring case,
        accents, hyphens, spaces and punctuation ("Secretary-General" is
        "Secretary General" and "secretary general").

        A post (like a membership) is held over a period. On a day, it is *possibly*
        held (the default) when its start is not known to be after that day and its
        end not known to be before; it is *certainly* held (``certain=True``) when
        its start is given and certainly on or before the day and its end certainly
        on or after it. An end that is not given means the post still runs, except
        for a post marked ``former``, which ended at a date the record does not know
        and so is never certainly held; one ``former_as_of`` a day (the day the
        source calls it former) is not even possibly held on or after that day. A
        record seldom dates posts, hence the default.

        >>> import communique as cq
        >>> record = cq.load("examples/sco_aies_roundtable/record.yaml")
        >>> [p.name for p in record.held_post_on("org:sco", "Secretary-General", "2020-03-04")]
        ['Vladimir Norov']
        """
        index = self._index()
        wanted = title_key(title)
        low, high = _days(on)
        people: list[Person] = []
        for position, post in index.posts.get(_id(organization), ()):
            person = index.entities[position]
            if (
                isinstance(person, Person)
                and title_key(post.title) == wanted
                and post_held(post, low, high, certain=certain)
                and person not in people
            ):
                people.append(person)
        return people

    def memberships_of(
        self, agent: Ref, on: DateLike | None = None, *, certain: bool = False
    ) -> list[Membership]:
        """An agent's memberships in bodies; with ``on``, those running on that day
        (possibly, or certainly: see :meth:`held_post_on`)."""
        return running(self.memberships.involving(agent, roles=("member",)), on, certain)

    def members_of(
        self,
        organization: Ref,
        on: DateLike | None = None,
        *,
        status: Iterable[str] | None = MEMBER_STATUSES,
        certain: bool = False,
    ) -> list[Agent]:
        """The members of a body: by default its full members (the standings in
        ``MEMBER_STATUSES``: member, founding member), not its observers or dialogue
        partners; with ``status``, the agents of these standings (``("observer",)``),
        and with ``status=None``, of every standing. With ``on``, those whose
        membership runs on that day."""
        memberships = self.memberships.involving(organization, roles=("body",))
        if status is not None:
            wanted = frozenset(status)
            memberships = memberships.filter(lambda m: m.status in wanted)
        members: list[Agent] = []
        for m in running(memberships, on, certain):
            agent = self.get(m.member, Agent)
            if agent not in members:
                members.append(agent)
        return members

    # time

    def timeline(self, agent: Ref | None = None, *, via_groups: bool = False) -> Query[Entity]:
        """The dated entities of the record (or those an agent is involved in, with
        ``via_groups`` also through the groups it is a member of), in date order:
        see :mod:`communique.query` for where partial dates go."""
        index = self._index()
        ordered = index.timeline()
        if agent is None:
            return Query(self, (index.entities[i] for i in ordered))
        agents = index.with_groups((_id(agent),)) if via_groups else (_id(agent),)
        involved = set(index.with_agents(agents, None))
        return Query(self, (index.entities[i] for i in ordered if i in involved))

    # -- what changes over time ---------------------------------------------------

    def held_events(self) -> Query[Event]:
        """The events that took place: recorded with no status, or whose last
        status is ``held`` (see :attr:`communique.Event.status`)."""
        from ._over_time import held_events

        return held_events(self)

    def planned_events(self) -> Query[Event]:
        """The events still to come: whose last status is announced, planned,
        scheduled or postponed, not those held or cancelled."""
        from ._over_time import planned_events

        return planned_events(self)

    def group_members(
        self, group: Ref, on: DateLike | None = None, *, certain: bool = False
    ) -> list[Agent]:
        """The members of a group: those it names and, for a group defined by a
        standing in a body (``defined_by``: "the observer states"), the agents
        whose membership of that standing runs on the day ``on`` (possibly, or
        certainly: see :meth:`held_post_on`).

        >>> import communique as cq
        >>> record = cq.Record([
        ...     cq.Organization(id="org:o", name="O"),
        ...     cq.State(id="state:at", name="Austria", country="AT"),
        ...     cq.Membership(id="membership:at", member="state:at", organization="org:o",
        ...                   status="observer", start=cq.Date("2019"), end=cq.Date("2021")),
        ...     cq.Group(id="group:observers", name="the observer states",
        ...              defined_by=cq.MembershipRule(organization="org:o", statuses=("observer",))),
        ... ])
        >>> [a.name for a in record.group_members("group:observers", "2020-05-01")]
        ['Austria']
        >>> record.group_members("group:observers", "2023-05-01")
        []
        """
        from ._over_time import group_members

        return group_members(self, self.get(_id(group), Group), on, certain=certain)

    def relations_of(self, agent: Ref, on: DateLike | None = None) -> list[Relation]:
        """The relations (partnerships, alliances, diplomatic relations,
        affiliations) an agent is a party to; with ``on``, those possibly running
        on that day."""
        found = self.of_type(Relation).involving(agent, roles=("party",))
        if on is None:
            return list(found)
        low, high = _days(on)
        return [r for r in found if held(r.start, r.end, low, high, certain=False, former=False)]

    def relation_level(self, relation: Ref, on: DateLike) -> RelationLevel | None:
        """The level a relation had on a day: the last level it reached on or
        before it, or ``None`` before its first level or outside its period."""
        from ._over_time import relation_level

        return relation_level(self.get(_id(relation), Relation), on)

    def resolve_relative_dates(self) -> Record:
        """A copy of the record in which every relative date (one with
        ``relative_to``: "next month", "the day before") is worked out again from
        the date of what it is relative to, so that correcting an anchor's date
        corrects the dates that count from it."""
        from ._over_time import resolve_relative_dates

        return resolve_relative_dates(self)

    # -- source texts and evidence --------------------------------------------

    def text_of(self, source_id: str) -> str | None:
        """The text of a source: inline, or read from its text file; ``None`` when
        the record does not have it (:meth:`text_problem` says why).

        A text file is read only inside the folder of the file that defined the
        source (or the folders ``load`` was given as ``text_roots``), only if it
        is a regular file no larger than ``max_bytes``, and exactly as its UTF-8
        bytes say: newlines are not translated and a byte order mark is kept."""
        return self._text(source_id).text

    def text_problem(self, source_id: str) -> Problem | None:
        """What is wrong with a source's text file, as a problem of the source at
        ``$.text_file`` (not yet placed in a file), or ``None``."""
        read = self._text(source_id)
        if read.code is None or read.message is None:
            return None
        return Problem(code=read.code, message=read.message, path="$.text_file", entity=source_id)

    def _text(self, source_id: str) -> TextRead:
        known = self._texts.get(source_id)
        if known is not None:
            return known
        source = self._by_id.get(source_id)
        read = TextRead(None)
        if isinstance(source, Source):
            if source.text is not None:
                read = TextRead(source.text)
            elif source.text_file is not None:
                read = self._text_files.read(source_id, source.text_file)
        self._texts[source_id] = read
        return read

    def locate_evidence(self) -> Record:
        """A copy of the record in which every evidence quote given without a span
        has the span where it occurs once in its source's text."""

        def fill(evidence: Evidence) -> Evidence:
            if evidence.start is None and evidence.end is None:
                text = self.text_of(evidence.source)
                if text is not None and text.count(evidence.quote) == 1:
                    start = text.index(evidence.quote)
                    return attrs.evolve(evidence, start=start, end=start + len(evidence.quote))
            return evidence

        entities = [with_evidence(e, fill) for e in self._entities]
        located = Record(entities)
        located._text_files = self._text_files
        # The same entities in the same order, read from the same files.
        located._origins = self._origins
        return located

    # -- checks -------------------------------------------------------------

    def validate(self) -> list[Problem]:
        """Every problem in the record: duplicate ids, dangling and mistyped
        references, evidence whose quote is not at its span in the source text,
        quotes that are missing or ambiguous, periods that end before they start,
        and values that cannot be true together (a tally and its ballots or its
        outcome, a veto in favour, a vote cast twice, a status contrary to the
        decision, links such as ``part_of`` that come back in a cycle, a statement
        without speaker). Each problem has a ``severity``: ``"warning"`` for what
        could not be checked (evidence on a source without text, an ambiguous
        quote), ``"error"`` otherwise.

        A record loaded from files (or text) places each problem in them: its
        ``file``, ``line`` and ``column`` are those of the value it is about."""
        from ._validate import validate

        problems = validate(self)
        if self._origins is not None and problems:
            return self._origins.locate(problems, self._entities)
        return problems
