"""The indexes behind queries and navigation, built once per record on first use.

Every index maps a key (an id, a type, an agent, an event, a topic, a kind) to the
ascending positions of the entities in the record that have it, so that a query
starts from the shortest list of candidates instead of scanning the record. Dates
are kept per class in lists sorted by their earliest possible day, searched with
``bisect``; each position's date bounds, class and kind are also kept in flat
arrays, so that a filter applied to candidates reads an array, not the objects.

The functions that say what an entity's agents, event, topics and date are
(:func:`agent_roles`, :func:`event_of`, :func:`topics_of`, :func:`span_of`) are
the ones both the index builder and the query filters use, so that an indexed
answer and a filter applied entity by entity cannot disagree.
"""

from __future__ import annotations

import threading
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Final, NamedTuple

import attrs

from ._gc import paused
from .dates import Date, parse_bounds
from .model import (
    Agent,
    Document,
    Entity,
    Event,
    Group,
    Membership,
    Organization,
    Person,
    Post,
    Proposal,
    Source,
    State,
    Statement,
)

__all__ = [
    "BY_ROLES",
    "NO_END",
    "NO_START",
    "Index",
    "Span",
    "agent_roles",
    "date_of",
    "event_of",
    "normalize",
    "span_of",
    "span_of_dates",
    "text_of",
    "topics_of",
]

#: Day number before every day a date can have (see :func:`communique.dates.day_number`),
#: standing for an open or unknown start.
NO_START: Final = -(2**62)
#: Day number after every day a date can have, standing for an open or unknown end.
NO_END: Final = 2**62

#: The roles in which an agent is the author of an entity: ``Query.by`` looks at these.
BY_ROLES: Final = frozenset(
    {"speaker", "proposer", "organiser", "co_organiser", "host", "publisher", "author", "adopter"}
)

# An approximate date ("2020-03~") may lie a little outside its bounds: one unit of
# its precision on each side. An uncertain one ("2020-03?") is kept to its bounds
# (it is the value that is in doubt, not its width), but neither is ever certain.
_APPROXIMATE_MARGIN: Final = {"day": 1, "month": 31, "year": 366}

# Dates spanning more days than this (and open intervals) are kept apart from the
# sorted list, so that a bisect on the earliest day only needs to look this far back.
_NARROW: Final = 400


class Span(NamedTuple):
    """An entity's date as day ordinals: the bounds it has and the bounds it may have.

    ``lower``/``upper`` are the stated bounds (``NO_START``/``NO_END`` when open);
    ``low``/``high`` widen them for approximate dates; ``certain`` is false when the
    date is marked uncertain or approximate.
    """

    lower: int
    upper: int
    low: int
    high: int
    certain: bool

    def inside(self, low: int, high: int, *, certain: bool) -> bool:
        """Whether the date falls in the days ``low..high``: certainly, or possibly."""
        if certain:
            return self.certain and self.lower >= low and self.upper <= high
        return self.low <= high and self.high >= low

    @property
    def sort_key(self) -> tuple[int, int]:
        # A partial date sorts at its first day, after the more precise dates that
        # start on that day (the narrower upper bound first).
        return (self.lower, self.upper)


def span_of_dates(start: Date | None, end: Date | None) -> Span | None:
    """The span from the start of ``start`` to the end of ``end``; ``None`` when both
    are unknown. A single date is ``span_of_dates(date, date)``."""
    if start is None and end is None:
        return None
    lower, upper, certain, low_margin, high_margin = NO_START, NO_END, True, 0, 0
    if start is not None:
        p = parse_bounds(start.edtf)
        if p.low is not None:
            lower = p.low
        certain = not (p.uncertain or p.approximate)
        if p.approximate:
            low_margin = _APPROXIMATE_MARGIN.get(p.precision, 0)
    if end is not None:
        q = parse_bounds(end.edtf)
        if q.high is not None:
            upper = q.high
        certain = certain and not (q.uncertain or q.approximate)
        if q.approximate:
            high_margin = _APPROXIMATE_MARGIN.get(q.precision, 0)
    low = lower - low_margin if lower != NO_START else NO_START
    high = upper + high_margin if upper != NO_END else NO_END
    return Span(lower, upper, max(low, NO_START), min(high, NO_END), certain)


def date_of(
    entity: Entity, lookup: Callable[[str], Entity | None], event_id: str | None = None
) -> tuple[Date | None, ...]:
    """The dates an entity is dated by, as ``(date,)`` or ``(start, end)``; ``()`` when
    it has none. A statement or proposal without a date of its own takes the date of
    the event it was made at (``lookup`` resolves ids; ``event_id``, when given, is
    that event, already found by :func:`event_of`)."""
    if isinstance(entity, Membership):
        return (entity.start, entity.end) if entity.start or entity.end else ()
    if isinstance(entity, Document):
        return (entity.adopted,) if entity.adopted is not None else ()
    own = getattr(entity, "date", None)
    if isinstance(own, Date):
        return (own,)
    if isinstance(entity, (Statement, Proposal)):
        if event_id is None:
            event_id = event_of(entity, lookup)
        found = lookup(event_id) if event_id is not None else None
        if isinstance(found, Event) and found.date is not None:
            return (found.date,)
    return ()


def span_of(
    entity: Entity, lookup: Callable[[str], Entity | None], event_id: str | None = None
) -> Span | None:
    """The date span of an entity (see :func:`date_of`), or ``None`` when undated."""
    dates = date_of(entity, lookup, event_id)
    if not dates:
        return None
    first = dates[0]
    if len(dates) == 1 and first is not None:
        return _span_of_day(first.edtf)
    return span_of_dates(first, dates[-1])


@lru_cache(maxsize=65536)
def _span_of_day(edtf: str) -> Span | None:
    # Corpora repeat their dates; a Span depends only on the EDTF text.
    date = Date(edtf)
    return span_of_dates(date, date)


def event_of(entity: Entity, lookup: Callable[[str], Entity | None]) -> str | None:
    """The event an entity happened at: its own ``event`` (``part_of`` for an event,
    ``adopted_at`` for a document), or for a statement or proposal without one, the
    event of the statement it belongs to (``part_of``, ``replies_to``, ``statement``)."""
    if isinstance(entity, Event):
        return entity.part_of
    if isinstance(entity, Document):
        return entity.adopted_at
    seen: set[str] = set()
    current: Entity | None = entity
    while current is not None and current.id not in seen:
        seen.add(current.id)
        own = getattr(current, "event", None)
        if isinstance(own, str):
            return own
        if isinstance(current, Proposal):
            parent = current.statement
        elif isinstance(current, Statement):
            parent = current.part_of or current.replies_to
        else:
            return None
        current = lookup(parent) if parent is not None else None
    return None


_TOPIC_FIELDS: dict[type[Entity], tuple[str, ...]] = {}


def topics_of(entity: Entity) -> tuple[str, ...]:
    """The topics an entity is about: its ``topics``, and the ids in ``about``."""
    cls = type(entity)
    names = _TOPIC_FIELDS.get(cls)
    if names is None:
        fields = {a.name for a in attrs.fields(cls)}
        names = _TOPIC_FIELDS[cls] = tuple(n for n in ("topics", "about") if n in fields)
    if len(names) == 1:
        found: tuple[str, ...] = getattr(entity, names[0])
        return found
    return tuple(v for n in names for v in getattr(entity, n))


# The fields of the core classes that name agents, and the role each gives them.
_AGENT_FIELDS: Final[Mapping[type, tuple[tuple[str, str], ...]]] = {
    Event: (("organisers", "organiser"),),
    Statement: (("speakers", "speaker"), ("addressees", "addressee"), ("reported_by", "reporter")),
    Proposal: (("proposers", "proposer"), ("cosponsors", "cosponsor"), ("parties", "party")),
    Document: (("adopted_by", "adopter"), ("parties", "party")),
    Source: (("publisher", "publisher"), ("authors", "author")),
    Membership: (("member", "member"), ("organization", "body")),
    Group: (("members", "member"), ("drawn_from", "drawn_from")),
    Organization: (("parent", "parent"),),
    Person: (),
    State: (),
}
_AGENT_CLASSES: Final = frozenset({"Agent", "Person", "Organization", "State", "Group"})


_PLANS: dict[type[Entity], tuple[tuple[str, str], ...]] = {}


def _agent_plan(cls: type[Entity]) -> tuple[tuple[str, str], ...]:
    """Which fields of ``cls`` name agents and in what role: the core class's own
    fields, then any field a downstream subclass adds that refers to agents (its role
    is the field's name)."""
    plan = _PLANS.get(cls)
    if plan is None:
        base = next((c for c in cls.__mro__ if c in _AGENT_FIELDS), None)
        found = list(_AGENT_FIELDS[base]) if base is not None else []
        known = {a.name for a in attrs.fields(base)} if base is not None else set()
        for a in attrs.fields(cls):
            if a.name not in known and _AGENT_CLASSES.intersection(a.metadata.get("refs", ())):
                found.append((a.name, a.name))
        plan = _PLANS[cls] = tuple(found)
    return plan


def agent_roles(entity: Entity) -> list[tuple[str, str]]:
    """Every ``(agent id, role)`` of an entity: speakers, proposers, organisers, each
    participant in each of their roles, responders, voters, publishers, members...

    >>> from communique import Statement
    >>> agent_roles(Statement(id="statement:s", kind="remarks", attribution="reported",
    ...                       speakers=("person:a",), reported_by="org:b"))
    [('person:a', 'speaker'), ('org:b', 'reporter')]
    """
    found: list[tuple[str, str]] = []
    for name, role in _agent_plan(type(entity)):
        value = getattr(entity, name)
        if isinstance(value, str):
            found.append((value, role))
        elif value:
            found.extend([(agent, role) for agent in value])
    if isinstance(entity, Event):
        for part in entity.participants:
            agent = part.agent
            found.extend([(agent, str(r)) for r in part.roles])
            if part.on_behalf_of is not None:
                found.append((part.on_behalf_of, "represented"))
    elif isinstance(entity, Proposal):
        found.extend([(r.agent, "responder") for r in entity.responses])
        if entity.decision is not None:
            if entity.decision.body is not None:
                found.append((entity.decision.body, "decider"))
            found.extend([(v.agent, "voter") for v in entity.decision.votes])
    elif isinstance(entity, Person):
        found.extend([(p.organization, "employer") for p in entity.posts if p.organization])
    return found


# -- text -----------------------------------------------------------------------

_TEXT_FIELDS: Final = ("name", "title", "subject", "text", "acronym")


def normalize(text: str) -> str:
    """Text folded for matching: case folded, accents and other marks removed,
    runs of white space made one space.

    >>> normalize("  Fasslabend  GRÜSST\\nBrüssel ")
    'fasslabend grusst brussel'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


def text_of(entity: Entity) -> str:
    """The words of an entity that ``mentioning`` searches: names, titles, subject,
    text, acronym, and other names, folded by :func:`normalize`."""
    parts = [v for n in _TEXT_FIELDS if isinstance(v := getattr(entity, n, None), str)]
    if isinstance(entity, Agent):
        parts.extend(n.name for n in entity.other_names)
    return normalize("\n".join(parts))


# -- the index ---------------------------------------------------------------------


def _merge(lists: Iterable[Sequence[int]]) -> list[int]:
    chosen = [x for x in lists if x]
    if not chosen:
        return []
    if len(chosen) == 1:
        return list(chosen[0])
    return sorted(set().union(*chosen))


@attrs.frozen
class _Run:
    """Dated entities sorted by their earliest possible day (``lows``)."""

    lows: list[int]
    positions: list[int]


@attrs.frozen
class _Dates:
    """The dated entities of one class: those whose date is certain and those marked
    uncertain or approximate, each sorted by earliest day, and apart, the open-ended
    or long dates (``wide``). No date in the runs spans more than ``max_span`` days,
    so a range only needs checking at its edges."""

    sure: _Run
    doubtful: _Run
    wide: list[int]
    max_span: int

    def count(self, low: int, high: int, *, certain: bool) -> int:
        runs = (self.sure,) if certain else (self.sure, self.doubtful)
        reach = low if certain or low == NO_START else low - self.max_span
        return len(self.wide) + sum(
            bisect_right(r.lows, high) - bisect_left(r.lows, reach) for r in runs
        )

    def select(
        self, low: int, high: int, *, certain: bool, upper: array[int], high_at: array[int]
    ) -> list[int]:
        """Positions in the runs whose date falls in days ``low..high``; the wide
        dates are left to the caller."""
        if certain:
            # Starting in the range, a date ends in it unless it starts within
            # max_span days of its end: only those need their end checked.
            r = self.sure
            start, stop = bisect_left(r.lows, low), bisect_right(r.lows, high)
            safe = max(start, min(stop, bisect_right(r.lows, high - self.max_span)))
            return r.positions[start:safe] + [p for p in r.positions[safe:stop] if upper[p] <= high]
        found: list[int] = []
        for r in (self.sure, self.doubtful):
            # Starting in the range, a date meets it; starting before, it meets it
            # only if it ends in it, and it starts at most max_span days before.
            stop = bisect_right(r.lows, high)
            inside = min(stop, bisect_left(r.lows, low))
            if low != NO_START:
                start = min(inside, bisect_left(r.lows, low - self.max_span))
                found += [p for p in r.positions[start:inside] if high_at[p] >= low]
            found += r.positions[inside:stop]
        return found


class Index:
    """The indexes of one record's entities. The positions by id and by class are
    built with it; the others (agents, events, topics, kinds, dates, links) in one
    pass on the first question that needs any of them. Read-only afterwards,
    except for caches of derived lists, which are safe to fill from several threads
    (a dict assignment is atomic, and two threads can only compute the same value)."""

    by_kind: dict[str, list[int]]
    by_agent: dict[str, dict[str, list[int]]]
    by_event: dict[str, list[int]]
    by_topic: dict[str, dict[type, list[int]]]
    parts: dict[str, list[int]]
    sidelines: dict[str, list[int]]
    replies: dict[str, list[int]]
    made_in: dict[str, list[int]]
    posts: dict[str, list[tuple[int, Post]]]
    event_at: list[str | None]
    kind_at: list[str | None]
    lower: array[int]
    upper: array[int]
    low: array[int]
    high: array[int]
    certain: bytearray
    dates: dict[type, _Dates]

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._lock = threading.Lock()
        # The build makes many small lists and tuples, all kept; with the
        # collector on, it would walk the whole record again and again meanwhile.
        with paused():
            self._build(entities)

    def __getattr__(self, name: str) -> object:
        # Called only for an attribute not set yet: one of the facets.
        if name not in _FACETS:
            raise AttributeError(name)
        with self._lock:
            if name not in self.__dict__:
                with paused():
                    self._build_facets()
        return self.__dict__[name]

    def _build(self, entities: Sequence[Entity]) -> None:
        self.entities = entities
        position: dict[str, int] = {}
        duplicates: dict[str, list[int]] = {}
        for i, entity in enumerate(entities):
            if entity.id in position:
                duplicates.setdefault(entity.id, [position[entity.id]]).append(i)
            else:
                position[entity.id] = i
        self.position = position
        self.duplicates = duplicates
        by_class: dict[type, list[int]] = defaultdict(list)
        # Each position's class as a small code, so that a type check on candidates
        # reads one array instead of touching every candidate object.
        codes: dict[type, int] = {}
        class_at = array("H", bytes(2 * len(entities)))
        for i, entity in enumerate(entities):
            cls = type(entity)
            by_class[cls].append(i)
            code = codes.get(cls)
            if code is None:
                code = codes[cls] = len(codes)
            class_at[i] = code
        self.by_class = dict(by_class)
        self.codes = codes
        self.class_at = class_at
        self._of_type: dict[type, list[int]] = {}
        self._texts: list[str] | None = None
        self._timeline: list[int] | None = None
        self._groups: dict[str, list[str]] | None = None

    def _build_facets(self) -> None:
        entities = self.entities
        n = len(entities)
        by_kind: dict[str, list[int]] = defaultdict(list)
        by_agent: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        by_event: dict[str, list[int]] = defaultdict(list)
        by_topic: dict[str, dict[type, list[int]]] = defaultdict(lambda: defaultdict(list))
        parts: dict[str, list[int]] = defaultdict(list)
        sidelines: dict[str, list[int]] = defaultdict(list)
        replies: dict[str, list[int]] = defaultdict(list)
        made_in: dict[str, list[int]] = defaultdict(list)
        posts: dict[str, list[tuple[int, Post]]] = defaultdict(list)
        dated: dict[type, list[tuple[int, int]]] = defaultdict(list)
        wide: dict[type, list[int]] = defaultdict(list)
        event_at: list[str | None] = [None] * n
        kind_at: list[str | None] = [None] * n
        # Each position's date as day ordinals (see Span); an undated entity gets
        # bounds no range can meet, and is never certain.
        lower = array("l", bytes(8 * n)) if n else array("l")
        upper = array("l", lower)
        low = array("l", lower)
        high = array("l", lower)
        certain = bytearray(n)
        lookup = self.find

        for i, entity in enumerate(entities):
            cls = type(entity)
            kind = getattr(entity, "kind", None)
            if isinstance(kind, str):
                by_kind[kind].append(i)
                kind_at[i] = kind
            for agent, role in agent_roles(entity):
                roles = by_agent[agent][role]
                if not roles or roles[-1] != i:
                    roles.append(i)
            event = event_of(entity, lookup)
            if event is not None:
                by_event[event].append(i)
                event_at[i] = event
            topics = topics_of(entity)
            if topics:
                for topic in set(topics) if len(topics) > 1 else topics:
                    by_topic[topic][cls].append(i)
            if isinstance(entity, Event):
                if entity.part_of is not None:
                    parts[entity.part_of].append(i)
                if entity.sidelines_of is not None:
                    sidelines[entity.sidelines_of].append(i)
            elif isinstance(entity, Statement):
                if entity.replies_to is not None:
                    replies[entity.replies_to].append(i)
            elif isinstance(entity, Proposal):
                if entity.statement is not None:
                    made_in[entity.statement].append(i)
            elif isinstance(entity, Person):
                for post in entity.posts:
                    if post.organization is not None:
                        posts[post.organization].append((i, post))
            span = span_of(entity, lookup, event)
            if span is None:
                lower[i], upper[i], low[i], high[i] = NO_END + 1, -1, NO_END + 1, -1
            else:
                lower[i], upper[i], low[i], high[i], certain[i] = span
                if span.low == NO_START or span.high == NO_END or span.high - span.low > _NARROW:
                    wide[cls].append(i)
                else:
                    dated[cls].append((span.low, i))

        self.by_kind = dict(by_kind)
        self.by_agent = {a: dict(r) for a, r in by_agent.items()}
        self.by_event = dict(by_event)
        # Topics are kept per class: a topic is shared by events, statements,
        # proposals and documents, and a query asks for one of them.
        self.by_topic = {t: dict(c) for t, c in by_topic.items()}
        self.parts = dict(parts)
        self.sidelines = dict(sidelines)
        self.replies = dict(replies)
        self.made_in = dict(made_in)
        self.posts = dict(posts)
        self.event_at = event_at
        self.kind_at = kind_at
        self.lower, self.upper, self.low, self.high, self.certain = lower, upper, low, high, certain
        dates: dict[type, _Dates] = {}
        for cls in set(dated) | set(wide):
            pairs = sorted(dated.get(cls, ()))
            sure = [x for x in pairs if certain[x[1]]]
            doubtful = [x for x in pairs if not certain[x[1]]]
            dates[cls] = _Dates(
                sure=_Run([x[0] for x in sure], [x[1] for x in sure]),
                doubtful=_Run([x[0] for x in doubtful], [x[1] for x in doubtful]),
                wide=wide.get(cls, []),
                max_span=max((high[x[1]] - x[0] for x in pairs), default=0),
            )
        # Each facet is complete when it is set: a thread that finds one set
        # (without the lock) reads it whole.
        self.dates = dates

    # -- lookups ---------------------------------------------------------------

    def find(self, entity_id: str) -> Entity | None:
        i = self.position.get(entity_id)
        return self.entities[i] if i is not None else None

    def with_ids(self, ids: Iterable[str]) -> list[int]:
        found: list[int] = []
        for entity_id in ids:
            if entity_id in self.duplicates:
                found.extend(self.duplicates[entity_id])
            elif (i := self.position.get(entity_id)) is not None:
                found.append(i)
        return sorted(set(found))

    def of_type(self, cls: type) -> list[int]:
        """Positions of the instances of ``cls`` and of its subclasses, in order."""
        found = self._of_type.get(cls)
        if found is None:
            found = _merge(v for k, v in self.by_class.items() if issubclass(k, cls))
            self._of_type[cls] = found
        return found

    def only(self, positions: list[int], cls: type) -> list[int]:
        """The positions among ``positions`` that hold instances of ``cls``."""
        wanted = {code for k, code in self.codes.items() if issubclass(k, cls)}
        if len(wanted) == len(self.codes):
            return positions
        class_at = self.class_at
        return [p for p in positions if class_at[p] in wanted]

    def of_kind(self, kinds: Iterable[str]) -> list[int]:
        return _merge(self.by_kind.get(k, ()) for k in kinds)

    def with_agents(self, agents: Iterable[str], roles: frozenset[str] | None) -> list[int]:
        lists: list[list[int]] = []
        for agent in agents:
            by_role = self.by_agent.get(agent, {})
            lists.extend(v for r, v in by_role.items() if roles is None or r in roles)
        return _merge(lists)

    def count_agents(self, agents: Iterable[str], roles: frozenset[str] | None) -> int:
        total = 0
        for agent in agents:
            by_role = self.by_agent.get(agent, {})
            total += sum(len(v) for r, v in by_role.items() if roles is None or r in roles)
        return total

    def descendants(self, event_id: str) -> list[str]:
        """The event and every event that is part of it, at any depth."""
        found, queue = [event_id], [event_id]
        seen = {event_id}
        while queue:
            for i in self.parts.get(queue.pop(), ()):
                child = self.entities[i].id
                if child not in seen:
                    seen.add(child)
                    found.append(child)
                    queue.append(child)
        return found

    def count_at_events(self, events: Iterable[str], *, parts: bool) -> int:
        keys = [k for e in events for k in (self.descendants(e) if parts else (e,))]
        return sum(len(self.by_event.get(k, ())) for k in keys)

    def at_events(self, events: Iterable[str], *, parts: bool) -> list[int]:
        keys: list[str] = []
        for event in events:
            keys.extend(self.descendants(event) if parts else (event,))
        return _merge(self.by_event.get(k, ()) for k in keys)

    def about(self, topics: Iterable[str], cls: type) -> list[int]:
        """Positions of the instances of ``cls`` with one of these topics."""
        return _merge(
            v for t in topics for k, v in self.by_topic.get(t, {}).items() if issubclass(k, cls)
        )

    def count_about(self, topics: Iterable[str], cls: type) -> int:
        return sum(
            len(v)
            for t in topics
            for k, v in self.by_topic.get(t, {}).items()
            if issubclass(k, cls)
        )

    def _dates_of(self, cls: type) -> list[_Dates]:
        return [d for k, d in self.dates.items() if issubclass(k, cls)]

    def count_dated(self, cls: type, low: int, high: int, *, certain: bool) -> int:
        """An upper bound of the number of :meth:`dated` positions, by bisection."""
        return sum(d.count(low, high, certain=certain) for d in self._dates_of(cls))

    def dated(self, cls: type, low: int, high: int, *, certain: bool) -> list[int]:
        """Positions of the instances of ``cls`` whose date falls in days ``low..high``."""
        found: list[int] = []
        for d in self._dates_of(cls):
            found += d.select(low, high, certain=certain, upper=self.upper, high_at=self.high)
            found += self.keep_dated(d.wide, low, high, certain=certain)
        found.sort()
        return found

    def keep_dated(
        self, positions: Iterable[int], low: int, high: int, *, certain: bool
    ) -> list[int]:
        """The positions whose date falls in days ``low..high`` (see :meth:`Span.inside`)."""
        if certain:
            ok, lower, upper = self.certain, self.lower, self.upper
            return [p for p in positions if ok[p] and lower[p] >= low and upper[p] <= high]
        low_at, high_at = self.low, self.high
        return [p for p in positions if low_at[p] <= high and high_at[p] >= low]

    def timeline(self) -> list[int]:
        """Positions of every dated entity, earliest first (see :attr:`Span.sort_key`)."""
        ordered = self._timeline
        if ordered is None:
            entities, lookup = self.entities, self.find
            keys: dict[int, tuple[int, int]] = {}
            for d in self.dates.values():
                for i in d.sure.positions + d.doubtful.positions + d.wide:
                    span = span_of(entities[i], lookup)
                    if span is not None:
                        keys[i] = span.sort_key
            ordered = sorted(keys, key=lambda i: (keys[i], i))
            self._timeline = ordered
        return ordered

    def with_groups(self, agents: Iterable[str]) -> frozenset[str]:
        """The agents and every group that has one of them among its ``members``,
        at any depth (a group of groups), so that a joint statement of a group
        counts for its members."""
        groups = self._groups
        if groups is None:
            groups = {}
            for i in self.of_type(Group):
                group = self.entities[i]
                assert isinstance(group, Group)
                for member in group.members:
                    groups.setdefault(member, []).append(group.id)
            self._groups = groups
        found = set(agents)
        queue = list(found)
        while queue:
            for group_id in groups.get(queue.pop(), ()):
                if group_id not in found:
                    found.add(group_id)
                    queue.append(group_id)
        return frozenset(found)

    def texts(self) -> list[str]:
        """The folded text of every entity (see :func:`text_of`), built on first use."""
        texts = self._texts
        if texts is None:
            texts = [text_of(e) for e in self.entities]
            self._texts = texts
        return texts


# The indexes built on the first question that needs one of them: those declared
# on the class, and set by Index._build_facets.
_FACETS: Final = frozenset(Index.__annotations__)
