"""The indexes behind queries and navigation, built once per record on first use.

Every index maps a key (an id, a type, an agent, an event, a topic, a kind) to the
ascending positions of the entities in the record that have it, so that a query
starts from the shortest list of candidates instead of scanning the record. Dates
are kept per class in lists sorted by their earliest possible day, searched with
``bisect``; each position's date bounds, class and kind are also kept in flat
arrays, so that a filter applied to candidates reads an array, not the objects.

What an entity's agents, event, topics, text and date are is read from what its
class declares, through :mod:`communique.model` (:func:`~communique.model.agent_roles`,
:func:`~communique.model.event_of`, :func:`~communique.model.topics_of`,
:func:`~communique.model.text_of`, :func:`~communique.model.date_of`), which both
the index builder and the query filters use, so that an indexed answer and a filter
applied entity by entity cannot disagree.
"""

from __future__ import annotations

import threading
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
    Entity,
    Event,
    Group,
    Person,
    Post,
    Proposal,
    Statement,
    date_of,
    event_of,
    text_of,
    topics_of,
)
from .model._meaning import (
    Lookup,
    agent_fields,
    event_fields,
    has_nested_agents,
    meaning_of,
    more_agent_collector,
)

__all__ = [
    "BY_ROLES",
    "NO_END",
    "NO_START",
    "Index",
    "Span",
    "span_of",
    "span_of_dates",
]

#: Day number before every day a date can have (see :func:`communique.dates.day_number`),
#: standing for an open or unknown start.
NO_START: Final = -(2**62)
#: Day number after every day a date can have, standing for an open or unknown end.
NO_END: Final = 2**62

#: The roles of a participation in which an agent made an event (organised,
#: hosted or spoke at it): ``Query.by`` looks at these, and at the roles of the
#: fields declared ``refs(..., author=True)`` (a statement's speakers, a
#: proposal's proposers, a source's publisher, ...).
BY_ROLES: Final = frozenset({"speaker", "organiser", "co_organiser", "host"})

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


def span_of(entity: Entity, lookup: Lookup) -> Span | None:
    """The date span of an entity (see :func:`communique.model.date_of`, which
    says where an entity without a date of its own takes one from), or ``None``
    when undated."""
    dates = date_of(entity, lookup)
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


# -- the index ---------------------------------------------------------------------


def _merge(lists: Iterable[Sequence[int]]) -> list[int]:
    chosen = [x for x in lists if x]
    if not chosen:
        return []
    if len(chosen) == 1:
        return list(chosen[0])
    return sorted(set().union(*chosen))


# Positions are kept in arrays of C ints (4 bytes each), not in lists of Python
# ints (8 bytes a pointer and 28 an int object): a record of a million entities
# would otherwise spend hundreds of MB on its indexes. Day numbers reach past
# what 4 bytes hold (EDTF years beyond 9999, and the open bounds): 8 bytes each.
_POS: Final = "i"
_DAY: Final = "q"


def _positions() -> array[int]:
    return array(_POS)


@attrs.frozen
class _Run:
    """Dated entities sorted by their earliest possible day (``lows``)."""

    lows: array[int]
    positions: array[int]


def _run(lows: array[int], positions: array[int]) -> _Run:
    """The positions sorted by their earliest days ``lows``."""
    # A stable sort by earliest day keeps the positions of one day ascending.
    order = sorted(range(len(lows)), key=lows.__getitem__)
    return _Run(array(_DAY, [lows[k] for k in order]), array(_POS, [positions[k] for k in order]))


@attrs.frozen
class _Dates:
    """The dated entities of one class: those whose date is certain and those marked
    uncertain or approximate, each sorted by earliest day, and apart, the open-ended
    or long dates (``wide``). No date in the runs spans more than ``max_span`` days,
    so a range only needs checking at its edges."""

    sure: _Run
    doubtful: _Run
    wide: array[int]
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
            return r.positions[start:safe].tolist() + [
                p for p in r.positions[safe:stop] if upper[p] <= high
            ]
        found: list[int] = []
        for r in (self.sure, self.doubtful):
            # Starting in the range, a date meets it; starting before, it meets it
            # only if it ends in it, and it starts at most max_span days before.
            stop = bisect_right(r.lows, high)
            inside = min(stop, bisect_left(r.lows, low))
            if low != NO_START:
                start = min(inside, bisect_left(r.lows, low - self.max_span))
                found += [p for p in r.positions[start:inside] if high_at[p] >= low]
            found += r.positions[inside:stop].tolist()
        return found


class _Grouped:
    """Positions grouped by a key (an id), as a map from the key to its positions
    in ascending order: the keys sorted in a list, searched by bisection, and the
    positions of all keys one after the other in one array. A record of a million
    entities keeps hundreds of thousands of such groups, mostly of one position,
    which as a dict of lists would take ten times the memory."""

    __slots__ = ("_keys", "_positions", "_starts")

    def __init__(self, keys: list[str], starts: array[int], positions: array[int]) -> None:
        self._keys, self._starts, self._positions = keys, starts, positions

    def get(self, key: str, default: Sequence[int] = ()) -> Sequence[int]:
        """The positions of ``key`` (``default`` when it has none)."""
        keys = self._keys
        k = bisect_left(keys, key)
        if k == len(keys) or keys[k] != key:
            return default
        return self._positions[self._starts[k] : self._starts[k + 1]]

    def __getitem__(self, key: str) -> Sequence[int]:
        found = self.get(key, _MISSING)
        if found is _MISSING:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        keys = self._keys
        k = bisect_left(keys, key) if isinstance(key, str) else len(keys)
        return k < len(keys) and keys[k] == key

    def __len__(self) -> int:
        return len(self._keys)


# No group is this object: it tells a missing key from an empty group.
_MISSING: Final[Sequence[int]] = array(_POS)


class _Grouper:
    """Collects the positions of each key, then makes them a :class:`_Grouped`."""

    def __init__(self) -> None:
        self.groups: defaultdict[str, array[int]] = defaultdict(_positions)

    def add(self, key: str, position: int) -> None:
        self.groups[key].append(position)

    def done(self) -> _Grouped:
        groups = self.groups
        keys = sorted(groups)
        starts = _positions()
        grouped = _positions()
        for key in keys:
            starts.append(len(grouped))
            positions = groups[key]
            # Positions come in record order unless a pass visits class by class.
            if len(positions) > 1 and positions != array(_POS, sorted(positions)):
                positions = array(_POS, sorted(positions))
            grouped.extend(positions)
        starts.append(len(grouped))
        groups.clear()
        return _Grouped(keys, starts, grouped)

    def as_dict(self) -> dict[str, array[int]]:
        """The groups as a dict: for few keys, found faster than by bisection."""
        return {k: v if len(v) < 2 else array(_POS, sorted(v)) for k, v in self.groups.items()}


class Index:
    """The indexes of one record's entities. The positions by id and by class are
    built with it; each facet (kinds, agents, events, topics, links, dates) in a pass
    of its own on the first question that needs it. Read-only afterwards, except for
    caches of derived lists, which are safe to fill from several threads (a dict
    assignment is atomic, and two threads can only compute the same value)."""

    by_kind: dict[str, array[int]]
    kind_at: list[str | None]
    by_agent: dict[str, dict[str, array[int]]]
    by_event: _Grouped
    event_at: list[str | None]
    by_topic: dict[str, dict[type, array[int]]]
    parts: dict[str, array[int]]
    sidelines: dict[str, array[int]]
    replies: _Grouped
    made_in: _Grouped
    posts: dict[str, list[tuple[int, Post]]]
    lower: array[int]
    upper: array[int]
    low: array[int]
    high: array[int]
    certain: bytearray
    dates: dict[type, _Dates]

    def __init__(
        self, entities: Sequence[Entity], by_id: Mapping[str, Entity] | None = None
    ) -> None:
        # Reentrant: building the dates reads the events facet, which may be built
        # then, under the same lock.
        self._lock = threading.RLock()
        # The build makes many small lists and tuples, all kept; with the
        # collector on, it would walk the whole record again and again meanwhile.
        with paused():
            self._build(entities, by_id)

    def __getattr__(self, name: str) -> object:
        # Called only for an attribute not set yet: one of the facets.
        builder = _FACETS.get(name)
        if builder is None:
            raise AttributeError(name)
        with self._lock:
            if name not in self.__dict__:
                with paused():
                    builder(self)
        return self.__dict__[name]

    def _build(self, entities: Sequence[Entity], by_id: Mapping[str, Entity] | None) -> None:
        self.entities = entities
        if by_id is None:
            first: dict[str, Entity] = {}
            for entity in entities:
                first.setdefault(entity.id, entity)
            by_id = first
        # The record's own map finds an entity by its id; positions are found in
        # a hash table of positions (open addressing, linear probing), which a
        # million ids fill in 8 MB where a dict of ints would take 70.
        self.by_id = by_id
        size = 8
        while size < 2 * len(entities):
            size *= 2
        mask = self._mask = size - 1
        table = self._table = array(_POS, [-1]) * size
        duplicates: dict[str, list[int]] = {}
        by_class: dict[type, array[int]] = {}
        # Each position's class as a small code, so that a type check on candidates
        # reads one array instead of touching every candidate object.
        codes: dict[type, int] = {}
        class_at = array("H", bytes(2 * len(entities)))
        for i, entity in enumerate(entities):
            entity_id = entity.id
            slot = hash(entity_id) & mask
            while (j := table[slot]) != -1:
                if entities[j].id == entity_id:
                    duplicates.setdefault(entity_id, [j]).append(i)
                    break
                slot = (slot + 1) & mask
            else:
                table[slot] = i
            cls = type(entity)
            code = codes.get(cls)
            if code is None:
                code = codes[cls] = len(codes)
                by_class[cls] = _positions()
            by_class[cls].append(i)
            class_at[i] = code
        self.duplicates = duplicates
        self.by_class = by_class
        self.codes = codes
        self.class_at = class_at
        self._of_type: dict[type, list[int]] = {}
        self._texts: list[str] | None = None
        self._timeline: list[int] | None = None
        self._groups: dict[str, list[str]] | None = None

    # -- the facets, each built in a pass of its own -------------------------------

    def _build_kinds(self) -> None:
        by_kind: dict[str, array[int]] = defaultdict(_positions)
        kind_at: list[str | None] = [None] * len(self.entities)
        for i, entity in enumerate(self.entities):
            kind = getattr(entity, "kind", None)
            if isinstance(kind, str):
                by_kind[kind].append(i)
                kind_at[i] = kind
        self.kind_at = kind_at
        # Each facet is complete when it is set: a thread that finds one set
        # (without the lock) reads it whole.
        self.by_kind = dict(by_kind)

    def _build_agents(self) -> None:
        # Built role by role (a field gives one role to all its agents), then
        # turned around to agent by agent.
        by_role: dict[str, defaultdict[str, array[int]]] = {}
        more: list[tuple[str, str]] = []
        plans: dict[
            type,
            tuple[
                tuple[tuple[str, defaultdict[str, array[int]]], ...],
                Callable[[Entity, list[tuple[str, str]]], None] | None,
            ],
        ] = {}
        for i, entity in enumerate(self.entities):
            cls = type(entity)
            found = plans.get(cls)
            if found is None:
                plan = tuple(
                    (name, by_role.setdefault(role, defaultdict(_positions)))
                    for name, role in agent_fields(cls)
                )
                collect = more_agent_collector(cls) if has_nested_agents(cls) else None
                found = plans[cls] = (plan, collect)
            # The fields that give one role to all their agents are read here
            # rather than through agent_roles (which gives the same pairs), to
            # save a list of tuples for each entity.
            for name, agents in found[0]:
                value = getattr(entity, name)
                if not value:
                    continue
                for agent in (value,) if isinstance(value, str) else value:
                    positions = agents[agent]
                    if not positions or positions[-1] != i:
                        positions.append(i)
            if found[1] is not None:
                found[1](entity, more)
                for agent, role in more:
                    held = by_role.get(role)
                    if held is None:
                        held = by_role[role] = defaultdict(_positions)
                    positions = held[agent]
                    if not positions or positions[-1] != i:
                        positions.append(i)
                more.clear()
        by_agent: dict[str, dict[str, array[int]]] = {}
        for role, agents in by_role.items():
            for agent, positions in agents.items():
                roles = by_agent.get(agent)
                if roles is None:
                    roles = by_agent[agent] = {}
                roles[role] = positions
        self.by_agent = by_agent

    def _build_events(self) -> None:
        by_event = _Grouper()
        entities = self.entities
        event_at: list[str | None] = [None] * len(entities)
        lookup = self.by_id.get  # as self.find, without a call in Python
        # Class by class, each read as event_of reads it.
        for cls, positions in self.by_class.items():
            fields = event_fields(cls)
            if not fields:
                continue  # event_of finds no event on it
            first, direct = fields[0]
            for i in positions:
                entity = entities[i]
                # An entity that names its event (most do) needs no walk.
                event = getattr(entity, first) if direct else None
                if event is None and (len(fields) > 1 or not direct):
                    # Most walks end at the first entity they lead to (a
                    # proposal's statement names its event): read there, and
                    # the whole walk asked only for the others.
                    found = _event_in_two_steps(entity, fields, lookup)
                    event = event_of(entity, lookup) if found is _LONGER else found
                if event is not None:
                    by_event.add(event, i)
                    event_at[i] = event
        self.event_at = event_at
        self.by_event = by_event.done()

    def _build_topics(self) -> None:
        # Topics are kept per class: a topic is shared by events, statements,
        # proposals and documents, and a query asks for one of them.
        by_topic: dict[str, dict[type, array[int]]] = {}
        entities = self.entities
        for cls, positions in self.by_class.items():
            if not meaning_of(cls).topics:
                continue
            for i in positions:
                topics = topics_of(entities[i])
                if not topics:
                    continue
                for topic in set(topics) if len(topics) > 1 else topics:
                    per_class = by_topic.get(topic)
                    if per_class is None:
                        per_class = by_topic[topic] = {}
                    found = per_class.get(cls)
                    if found is None:
                        found = per_class[cls] = _positions()
                    found.append(i)
        self.by_topic = by_topic

    def _build_links(self) -> None:
        parts, sidelines, replies, made_in = _Grouper(), _Grouper(), _Grouper(), _Grouper()
        posts: dict[str, list[tuple[int, Post]]] = defaultdict(list)
        entities = self.entities
        for cls, positions in self.by_class.items():
            if issubclass(cls, Event):
                for i in positions:
                    event = entities[i]
                    assert isinstance(event, Event)
                    if event.part_of is not None:
                        parts.add(event.part_of, i)
                    if event.sidelines_of is not None:
                        sidelines.add(event.sidelines_of, i)
            elif issubclass(cls, Statement):
                for i in positions:
                    replied = entities[i].replies_to  # type: ignore[attr-defined]
                    if replied is not None:
                        replies.add(replied, i)
            elif issubclass(cls, Proposal):
                for i in positions:
                    statement = entities[i].statement  # type: ignore[attr-defined]
                    if statement is not None:
                        made_in.add(statement, i)
            elif issubclass(cls, Person):
                for i in positions:
                    for post in entities[i].posts:  # type: ignore[attr-defined]
                        if post.organization is not None:
                            posts[post.organization].append((i, post))
        # The classes were visited one after the other: put each list back in
        # record order.
        # Parts are few (one event in ten at most) and looked up once for each
        # level of an event's tree.
        self.parts, self.sidelines = parts.as_dict(), sidelines.as_dict()
        self.replies, self.made_in = replies.done(), made_in.done()
        self.posts = {k: sorted(v, key=_first) if len(v) > 1 else v for k, v in posts.items()}

    def _build_dates(self) -> None:
        entities = self.entities
        n = len(entities)
        lookup = self.by_id.get  # as self.find, without a call in Python
        duplicates = self.duplicates
        # Each position's date as day ordinals (see Span); an undated entity gets
        # bounds no range can meet, and is never certain.
        lower = array(_DAY, [NO_END + 1]) * n
        upper = array(_DAY, [NO_START - 1]) * n
        low = array(_DAY, lower)
        high = array(_DAY, upper)
        certain = bytearray(n)
        dates: dict[type, _Dates] = {}
        # The span date_of finds for an entity, by id, once each (see _linked_span).
        spans: dict[str, object] = {}
        for cls, positions in self.by_class.items():
            read, links = _reader(cls)
            if read is _undated and not links:
                continue
            names = meaning_of(cls).dates
            own = names[0] if len(names) == 1 else None
            # The narrow dates, certain and not, apart (see _Dates).
            sure_lows: array[int] = array(_DAY)
            sure: array[int] = _positions()
            doubtful_lows: array[int] = array(_DAY)
            doubtful: array[int] = _positions()
            wide: array[int] = _positions()
            max_span = 0
            for i in positions:
                entity = entities[i]
                span: Span | None
                if own is not None:
                    # One field dates the class (most do): read here.
                    date = getattr(entity, own)
                    span = (
                        _span_of_day(date.edtf)
                        if date is not None and isinstance(date, Date)
                        else None
                    )
                else:
                    span = read(entity)
                if span is not None:
                    # Kept for the entities that take their date from this one.
                    entity_id = entity.id
                    if not duplicates or entity_id not in duplicates:
                        spans[entity_id] = span
                elif links:
                    entity_id = entity.id
                    if duplicates and entity_id in duplicates:
                        # Not (or not only) the entity its id finds: walked on its own.
                        span = span_of(entity, lookup)
                    else:
                        # Most take the date of an entity already met (the statements
                        # of one event): read from the spans known, else found by
                        # _linked_span, which knows them too.
                        got: object = None
                        for name in links:
                            target = getattr(entity, name)
                            if target is None:
                                continue
                            got = spans.get(target, _UNKNOWN)
                            if got is not None:
                                break
                        if got is _UNKNOWN or got is _CYCLE:
                            got = _linked_span(entity, links, spans, lookup)
                        if got is _CYCLE:
                            # On or through a cycle of links: date_of's walk decides.
                            span = span_of(entity, lookup)
                        else:
                            span = got  # type: ignore[assignment]
                            spans[entity_id] = span
                if span is None:
                    continue
                lower[i], upper[i], first, last, certain[i] = span
                low[i], high[i] = first, last
                if first == NO_START or last == NO_END or last - first > _NARROW:
                    wide.append(i)
                    continue
                if last - first > max_span:  # noqa: PLR1730 - max() is a call per date
                    max_span = last - first
                if span.certain:
                    sure_lows.append(first)
                    sure.append(i)
                else:
                    doubtful_lows.append(first)
                    doubtful.append(i)
            if sure or doubtful or wide:
                dates[cls] = _Dates(
                    sure=_run(sure_lows, sure),
                    doubtful=_run(doubtful_lows, doubtful),
                    wide=wide,
                    max_span=max_span,
                )
        self.lower, self.upper, self.low, self.high, self.certain = lower, upper, low, high, certain
        self.dates = dates

    # -- lookups ---------------------------------------------------------------

    def find(self, entity_id: str) -> Entity | None:
        return self.by_id.get(entity_id)

    def position(self, entity_id: str) -> int | None:
        """The position of the first entity with this id, or ``None``."""
        table, mask, entities = self._table, self._mask, self.entities
        slot = hash(entity_id) & mask
        while (i := table[slot]) != -1:
            if entities[i].id == entity_id:
                return i
            slot = (slot + 1) & mask
        return None

    def with_ids(self, ids: Iterable[str]) -> list[int]:
        found: list[int] = []
        for entity_id in ids:
            if entity_id in self.duplicates:
                found.extend(self.duplicates[entity_id])
            elif (i := self.position(entity_id)) is not None:
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
        lists: list[array[int]] = []
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
            # Each position's span is in the arrays: its sort key (Span.sort_key)
            # is its lower and upper bounds.
            lower, upper = self.lower, self.upper
            dated: list[int] = []
            for d in self.dates.values():
                dated += d.sure.positions
                dated += d.doubtful.positions
                dated += d.wide
            ordered = sorted(dated, key=lambda i: (lower[i], upper[i], i))
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
        """The folded text of every entity (see :func:`~communique.model.text_of`), built
        on first use."""
        texts = self._texts
        if texts is None:
            texts = [text_of(e) for e in self.entities]
            self._texts = texts
        return texts


def _undated(entity: Entity) -> Span | None:
    return None


def _reader(cls: type) -> tuple[Callable[[Entity], Span | None], tuple[str, ...]]:
    """The function that reads the span of the date an entity of ``cls`` has of its
    own (``None`` when it has none), and the fields it takes one from otherwise."""
    found = _READERS.get(cls)
    if found is None:
        meaning = meaning_of(cls)
        names = meaning.dates
        read: Callable[[Entity], Span | None]
        if len(names) == 1:
            name = names[0]

            def read(entity: Entity) -> Span | None:
                date = getattr(entity, name)
                return _span_of_day(date.edtf) if isinstance(date, Date) else None

        elif names:
            first, last = names

            def read(entity: Entity) -> Span | None:
                # A period: its start and its end (see span_of).
                return span_of_dates(getattr(entity, first), getattr(entity, last))

        else:
            read = _undated
        found = _READERS[cls] = (read, meaning.date_from)
    return found


_READERS: dict[type, tuple[Callable[[Entity], Span | None], tuple[str, ...]]] = {}

# What _linked_span keeps for an id besides its span (or None, when undated): that
# it is being looked at, or that its answer depends on the walk that reaches it.
_UNKNOWN: Final = object()
_BUSY: Final = object()
_CYCLE: Final = object()


def _linked_span(
    entity: Entity, links: tuple[str, ...], spans: dict[str, object], lookup: Lookup
) -> object:
    """The span of the date :func:`~communique.model.date_of` finds for ``entity``,
    which has none of its own, through the entities its ``links`` fields name:
    the first of them, in order, that has one, its own or one found the same way.

    Each entity's span is found once and kept in ``spans`` by id. That gives
    date_of's answer except where links make a cycle: date_of never visits an
    entity twice in one walk, so what an entity on a cycle finds depends on where
    the walk started. An id met again while it is being looked at is such a cycle:
    the ids being looked at are then kept as ``_CYCLE`` and ``_CYCLE`` is returned,
    for the caller to ask date_of; an entity whose walk meets a ``_CYCLE`` id is
    on one too. An explicit stack, as links can be long chains (the paragraphs of
    a declaration, part of each other)."""
    # Frames: the entity, its links, the next link to look at, the id kept for it
    # (None for ``entity``, which the caller keeps).
    stack: list[tuple[Entity, tuple[str, ...], int, str | None]] = [(entity, links, 0, None)]
    found: object = None  # the answer of the frame last done
    while stack:
        current, names, at, kept = stack[-1]
        deeper: tuple[Entity, tuple[str, ...], int, str | None] | None = None
        while found is None and at < len(names):
            target = getattr(current, names[at])
            at += 1
            if not isinstance(target, str):
                continue
            found = spans.get(target, _UNKNOWN)
            if found is _UNKNOWN:
                linked = lookup(target)
                if linked is None:
                    found = spans[target] = None
                    continue
                read, more = _reader(type(linked))
                found = read(linked)
                if found is None and more:
                    spans[target] = _BUSY
                    deeper = (linked, more, 0, target)
                    break
                spans[target] = found
            elif found is _BUSY or found is _CYCLE:
                for frame in stack:
                    if frame[3] is not None:
                        spans[frame[3]] = _CYCLE
                return _CYCLE
        if deeper is not None:
            stack[-1] = (current, names, at, kept)
            stack.append(deeper)
            continue
        stack.pop()
        if kept is not None:
            spans[kept] = found
    return found


_LONGER: Final = object()


def _event_in_two_steps(
    entity: Entity, fields: tuple[tuple[str, bool], ...], lookup: Lookup
) -> object:
    """The event :func:`event_of` finds when it is named by the entity or by the
    first entity it leads to; ``None`` when there is none; ``_LONGER`` when the
    walk goes further and must be asked."""
    for name, direct in fields:
        value = getattr(entity, name, None)
        if not isinstance(value, str):
            continue
        if direct:
            return value
        if value == entity.id:
            return _LONGER
        found = lookup(value)
        if found is None:
            continue
        inner = event_fields(type(found))
        if inner:
            first, names_event = inner[0]
            named = getattr(found, first, None)
            if names_event and isinstance(named, str):
                return named
        return _LONGER
    return None


def _first(pair: tuple[int, Post]) -> int:
    return pair[0]


# Which facet each attribute belongs to: the builder that sets it, run on first use.
_FACETS: Final[Mapping[str, Callable[[Index], None]]] = {
    **dict.fromkeys(("by_kind", "kind_at"), Index._build_kinds),
    "by_agent": Index._build_agents,
    **dict.fromkeys(("by_event", "event_at"), Index._build_events),
    "by_topic": Index._build_topics,
    **dict.fromkeys(("parts", "sidelines", "replies", "made_in", "posts"), Index._build_links),
    **dict.fromkeys(("lower", "upper", "low", "high", "certain", "dates"), Index._build_dates),
}
