"""A record: a set of entities that refer to each other by id."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar, overload

import attrs

from ._arguments import days, id_of
from ._index import Index
from ._navigate import (
    MEMBER_STATUSES,
    OPPOSITION,
    SUPPORT,
    Participant,
    due_within,
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
from ._text_files import MAX_BYTES as TEXT_MAX_BYTES
from ._text_files import TextFiles, TextRead
from .errors import Problem
from .model import (
    Agent,
    Commitment,
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
    Provision,
    Reaction,
    Relation,
    Source,
    State,
    Statement,
)
from .model._meaning import with_evidence
from .query import DateLike, Query, Ref
from .vocab import DocumentRelation, ProvisionRole, RelationLevel, Stance, VotePosition

__all__ = ["Record"]

E = TypeVar("E", bound=Entity)


class Record:
    """The entities of a record, resolved by id and queried by type.

    A record can be shared between threads. Its entities are immutable, and what it
    builds on first use (the selection of each type, the source texts it reads) is
    built idempotently: threads that build the same entry at once compute equal
    values and either is kept, so no lock is needed and no reader sees half of one.

    ``text_dirs`` is the folder of the file that defined each source (by id), which
    its ``text_file`` is relative to; a text file is read only inside that folder,
    or inside one of ``text_roots`` when they are given, and only up to
    ``max_text_bytes`` (``None``: no bound). ``origins`` is where each entity was
    read, as the loaders give it (:func:`communique.load` builds records with it),
    so that :meth:`validate` places its problems in the files. None of these is
    part of the record's value.

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
        text_roots: Iterable[str | os.PathLike[str]] | None = None,
        max_text_bytes: int | None = TEXT_MAX_BYTES,
        origins: Origins | None = None,
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
        self._text_files = TextFiles(
            dict(text_dirs or {}), TextFiles.resolved_roots(text_roots), max_text_bytes
        )
        self._texts: dict[str, TextRead] = {}
        # Where each entity was read, when the record was loaded from text: what
        # places the problems validate() finds. Not part of the record's value.
        self._origins = origins

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

    def query_index(self) -> Index:
        """The indexes behind queries and navigation, built on first use, once.

        For the library's own query and navigation code: what it holds may change
        from one release to the next.

        :meta private:
        """
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
        return Query(self, of=cls)

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
        found = self.get(id_of(event), Event)
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
        index = self.query_index()
        event_id = self.get(id_of(event), Event).id
        if nested:
            ids = index.descendants(event_id)[1:]
            return self.events.with_id(*ids) if ids else Query(self, ())
        return picked(self, index.parts.get(event_id, ()), Event)

    def parent_of(self, event: Ref) -> Event | None:
        """The event this one is part of, or ``None``."""
        found = self.get(id_of(event), Event)
        return self.get(found.part_of, Event) if found.part_of is not None else None

    def sideline_events_of(self, event: Ref) -> Query[Event]:
        """The events held on the sidelines of this one."""
        index = self.query_index()
        event_id = self.get(id_of(event), Event).id
        return picked(self, index.sidelines.get(event_id, ()), Event)

    def statements_at(self, event: Ref) -> Query[Statement]:
        """The statements made at an event or at any of its parts."""
        return self.statements.at(self.get(id_of(event), Event))

    def proposals_made_at(self, event: Ref) -> Query[Proposal]:
        """The proposals put forward at an event or at any of its parts."""
        return self.proposals.made_at(self.get(id_of(event), Event))

    # statements

    def speakers_of(self, statement: Ref) -> list[Agent]:
        """Who made a statement (a collective author is one agent)."""
        return [self.get(a, Agent) for a in self.get(id_of(statement), Statement).speakers]

    def replies_to(self, statement: Ref) -> Query[Statement]:
        """The statements that reply to this one (the answers to a question)."""
        index = self.query_index()
        statement_id = self.get(id_of(statement), Statement).id
        return picked(self, index.replies.get(statement_id, ()), Statement)

    def proposals_made_in(self, statement: Ref) -> Query[Proposal]:
        """The proposals a statement put forward."""
        index = self.query_index()
        statement_id = self.get(id_of(statement), Statement).id
        return picked(self, index.made_in.get(statement_id, ()), Proposal)

    # proposals

    def proposers_of(self, proposal: Ref) -> list[Agent]:
        """Who put a proposal forward."""
        return [self.get(a, Agent) for a in self.get(id_of(proposal), Proposal).proposers]

    def parties_to(self, proposal: Ref) -> list[Agent]:
        """Who would act on a proposal."""
        return [self.get(a, Agent) for a in self.get(id_of(proposal), Proposal).parties]

    def responses_to(self, proposal: Ref) -> dict[Stance, list[Agent]]:
        """Who responded to a proposal, grouped by stance, in the record's order."""
        grouped: dict[Stance, list[Agent]] = {}
        for response in self.get(id_of(proposal), Proposal).responses:
            agents = grouped.setdefault(response.stance, [])
            agent = self.get(response.agent, Agent)
            if agent not in agents:
                agents.append(agent)
        return grouped

    # reactions: how agents received anything

    def reactions_to(self, entity: Ref) -> Query[Reaction]:
        """The reactions whose target is this entity (any entity: a commitment, a
        statement, a document, an event, a proposal), in the record's order.

        >>> import communique as cq
        >>> record = cq.load("examples/leaders_joint_statement/record.yaml")
        >>> [r.stance.label for r in record.reactions_to("commitment:water-facility")]
        ['Welcome', 'Concern']
        """
        target = self.get(id_of(entity)).id
        return self.of_type(Reaction).filter(lambda r: r.target == target)

    def stances_on(self, entity: Ref) -> dict[Stance, list[Agent]]:
        """Who took which stance towards an entity, grouped by stance, in the
        record's order: a proposal's responses first, then the reactions to it."""
        found = self.get(id_of(entity))
        grouped = self.responses_to(found) if isinstance(found, Proposal) else {}
        for reaction in self.reactions_to(found):
            agents = grouped.setdefault(reaction.stance, [])
            agent = self.get(reaction.agent, Agent)
            if agent not in agents:
                agents.append(agent)
        return grouped

    def supporters_of(self, entity: Ref, *, responses_only: bool = False) -> list[Agent]:
        """Who supported an entity: the agents whose response to a proposal, or
        whose reaction to anything, is support (fully, generally or on conditions),
        a welcome, an endorsement or appreciation, and who voted in favour of a
        proposal (the stances first, then the votes, each agent once); with
        ``responses_only``, the stances alone."""
        return self._stance(entity, SUPPORT, VotePosition.IN_FAVOUR, responses_only)

    def opponents_of(self, entity: Ref, *, responses_only: bool = False) -> list[Agent]:
        """Who opposed an entity: opposition, condemnation or rejection in a
        response or a reaction, and a vote against a proposal (a veto included);
        with ``responses_only``, the stances alone."""
        return self._stance(entity, OPPOSITION, VotePosition.AGAINST, responses_only)

    def _stance(
        self, entity: Ref, wanted: frozenset[str], position: VotePosition, responses_only: bool
    ) -> list[Agent]:
        found = stances(self.stances_on(entity), wanted)
        target = self.get(id_of(entity))
        decision = target.decision if isinstance(target, Proposal) else None
        if responses_only or decision is None:
            return found
        for vote in decision.votes:
            if vote.position is position:
                agent = self.get(vote.agent, Agent)
                if agent not in found:
                    found.append(agent)
        return found

    # commitments

    def commitments_by(self, agent: Ref, *, via_groups: bool = False) -> Query[Commitment]:
        """The commitments an agent undertook (with ``via_groups``, also those of a
        group it is a member of: the leaders who "commit to ...").

        >>> import communique as cq
        >>> record = cq.load("examples/leaders_joint_statement/record.yaml")
        >>> record.commitments_by("state:valdoria").ids()
        ['commitment:valdoria-contribution']
        >>> record.commitments_by("person:irena-sokal", via_groups=True).ids()
        ['commitment:water-facility']
        """
        return self.of_type(Commitment).involving(
            agent, roles=("committer",), via_groups=via_groups
        )

    def commitments_implemented_by(
        self, agent: Ref, *, via_groups: bool = False
    ) -> Query[Commitment]:
        """The commitments an agent is named to carry out (an agency, a programme)."""
        return self.of_type(Commitment).involving(
            agent, roles=("implementer",), via_groups=via_groups
        )

    def commitments_due(
        self, start: DateLike | None, end: DateLike | None, *, certain: bool = False
    ) -> Query[Commitment]:
        """The commitments due from the first day of ``start`` to the last day of
        ``end`` (``None`` leaves a side open): those whose deadline (``due``, or the
        end of a ``due`` period) possibly falls within, or with ``certain``,
        certainly does. A deadline "by the end of 2027" (``2027-12``) is due in 2027.

        >>> import communique as cq
        >>> record = cq.load("examples/leaders_joint_statement/record.yaml")
        >>> "commitment:water-facility" in record.commitments_due("2027", "2027").ids()
        True
        """
        low, high = days(start)[0], days(end)[1]
        return self.of_type(Commitment).filter(
            lambda c: c.due is not None and due_within(c.due, low, high, certain=certain)
        )

    # agents

    def posts_of(
        self, person: Ref, on: DateLike | None = None, *, certain: bool = False
    ) -> list[Post]:
        """The posts a person holds or held; with ``on``, those held on that day
        (possibly, or with ``certain``, certainly: see :meth:`held_post_on`)."""
        found = self.get(id_of(person), Person)
        if on is None:
            return list(found.posts)
        low, high = days(on)
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
        index = self.query_index()
        wanted = title_key(title)
        low, high = days(on)
        people: list[Person] = []
        for position, post in index.posts.get(id_of(organization), ()):
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

    # documents and transcripts

    def turns_of(self, event: Ref) -> Query[Statement]:
        """The turns of an event's transcript in order: the statements made at it
        (or at its parts) that have a ``turn``, by turn, then in the record's order."""
        return self.statements_at(event).filter(lambda s: s.turn is not None).order_by("turn")

    def provisions_of(self, document: Ref, *, role: str | None = None) -> Query[Provision]:
        """The numbered paragraphs of a document in the record's order; with
        ``role``, only those of that role (``"preamble"``, ``"operative"``)."""
        found = self.of_type(Provision).where(document=self.get(id_of(document), Document).id)
        return found.where(role=ProvisionRole(role)) if role is not None else found

    def annexes_of(self, document: Ref) -> Query[Document]:
        """The annexes and parts of a document: the documents ``part_of`` it."""
        return self.documents.where(part_of=self.get(id_of(document), Document).id)

    def related_documents(
        self, document: Ref, relation: str | None = None
    ) -> list[tuple[DocumentRelation, Document]]:
        """The documents a document relates to through its ``relations`` (those it
        amends, supersedes, implements...), with each relation; with ``relation``,
        only those of that kind."""
        found = self.get(id_of(document), Document)
        wanted = DocumentRelation(relation) if relation is not None else None
        return [
            (link.relation, self.get(link.document, Document))
            for link in found.relations
            if wanted is None or link.relation == wanted
        ]

    # time

    def timeline(self, agent: Ref | None = None, *, via_groups: bool = False) -> Query[Entity]:
        """The dated entities of the record (or those an agent is involved in, with
        ``via_groups`` also through the groups it is a member of), in date order:
        see :mod:`communique.query` for where partial dates go."""
        index = self.query_index()
        ordered = index.timeline()
        if agent is None:
            return Query(self, (index.entities[i] for i in ordered))
        agents = index.with_groups((id_of(agent),)) if via_groups else (id_of(agent),)
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

        return group_members(self, self.get(id_of(group), Group), on, certain=certain)

    def relations_of(self, agent: Ref, on: DateLike | None = None) -> list[Relation]:
        """The relations (partnerships, alliances, diplomatic relations,
        affiliations) an agent is a party to; with ``on``, those possibly running
        on that day."""
        found = self.of_type(Relation).involving(agent, roles=("party",))
        if on is None:
            return list(found)
        low, high = days(on)
        return [r for r in found if held(r.start, r.end, low, high, certain=False, former=False)]

    def relation_level(self, relation: Ref, on: DateLike) -> RelationLevel | None:
        """The level a relation had on a day: the last level it reached on or
        before it, or ``None`` before its first level or outside its period."""
        from ._over_time import relation_level

        return relation_level(self.get(id_of(relation), Relation), on)

    def resolve_relative_dates(self) -> Record:
        """A copy of the record in which every relative date (one with
        ``relative_to``: "next month", "the day before") is worked out again from
        the date of what it is relative to, so that correcting an anchor's date
        corrects the dates that count from it."""
        from ._over_time import resolve_relative_dates

        entities = resolve_relative_dates(self)
        return self if entities is None else self._read_alike(entities)

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

        return self._read_alike([with_evidence(e, fill) for e in self._entities])

    def _read_alike(self, entities: list[Entity]) -> Record:
        """A record of ``entities`` (these, changed, in the same order) that reads
        its text files from the same folders and places problems in the same files."""
        files = self._text_files
        return Record(
            entities,
            text_dirs=files.folders,
            text_roots=files.roots,
            max_text_bytes=files.max_bytes,
            origins=self._origins,
        )

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

        origins = self._origins
        problems = validate(self, origins.unread if origins is not None else frozenset())
        if origins is not None and problems:
            return origins.locate(problems, self._entities)
        return problems
