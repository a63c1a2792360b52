"""Queries over the entities of a record: chainable, lazy, typed and indexed.

A :class:`Query` is a description of a selection (a type and a list of filters);
nothing is looked at until it is iterated, counted or asked for its first element.
Then the filter whose index gives the fewest candidates is used to start from, and
the others are checked on those candidates only, so that a query costs a lookup
plus the size of its answer rather than a scan of the record.

>>> import communique as cq
>>> record = cq.load("examples/sco_aies_roundtable/record.yaml")
>>> record.events.involving("person:vladimir-norov").on("2020-03").ids()
['event:2020-03-04-sco-aies-roundtable', 'event:2020-03-04-sco-aies-roundtable-online-part']

**Dates.** Every date filter (:meth:`Query.on`, :meth:`Query.between`, :meth:`Query.before`,
:meth:`Query.after`) asks whether an entity's date falls within a range of days.
A date is a range of days itself (``2020-03`` is 1 to 31 March), so the answer can
be *certain* or only *possible*:

- ``certain=True`` (the default) keeps a date when every day it can mean lies in the
  range: ``2020-03`` is certainly between ``2020-01-01`` and ``2020-12-31``, but not
  certainly on ``2020-03-04``. A date marked uncertain (``2020-03-04?``) or
  approximate (``2020-03~``) is never certain, since the mark says the bounds
  themselves may be wrong. An open or unknown end (``2019/..``) is unbounded, so such
  a date is only certainly inside a range that is open on that side (``after``).
- ``certain=False`` keeps a date when some day it can mean lies in the range. An
  approximate day, month or year (``2020-03-04~``, ``2020-03~``, ``2020~``) may lie
  one day, month (31 days) or year (366 days) outside its bounds; an uncertain date,
  and the rarer forms (a qualifier on one component, a season), are taken at their
  bounds.

An entity's date is its ``date`` field; a statement or proposal without one takes
the date of the event it was made at (its own ``event``, or that of the speech it is
part of, the question it answers, the statement it was proposed in); a document's is its ``adopted`` date; a
membership's is the period from its ``start`` to its ``end``. Undated entities match
no date filter.

``order_by("date")`` sorts by the first day a date can mean, and among dates that
start on the same day puts the more precise first (``2020-03-01`` before ``2020-03``
before ``2020``); dates with an open start come first, undated entities last, and
ties keep the record's order.

**Cost.** The indexes are built once per record, on the first query, in one pass:
by id, type, kind, agent and role, event, topic, and date (per type, sorted by the
first possible day, searched by bisection). A lookup by id, agent, event, topic or
kind costs a dictionary access plus the size of its answer; a date range costs a
bisection plus the entities starting inside the range (or up to the longest date's
span before it, for ``certain=False``) plus the few open-ended or long dates, which
are kept apart. Text search (:meth:`Query.mentioning`), :meth:`Query.where` and
:meth:`Query.filter` have no index: they are applied to the candidates of the other
filters, and scan the type when alone.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar, Union

import attrs

from ._arguments import days, id_of
from ._index import BY_ROLES, NO_END, NO_START, Index, span_of
from .dates import Date
from .model import Entity, agent_roles, author_roles, event_of, text_of, topics_of
from .model._filling import subclasses
from .model._meaning import normalize

if TYPE_CHECKING:
    import pyarrow as pa
    from _typeshed import SupportsRichComparison

    from .converter import Converter
    from .record import Record

__all__ = ["BY_ROLES", "DateLike", "Query", "QueryError", "Ref"]

T = TypeVar("T", bound=Entity)

#: A day or a partial date: EDTF text (``"2020-03-04"``, ``"2020-03"``), a
#: :class:`datetime.date` or a :class:`~communique.Date`.
DateLike = Union[str, _dt.date, Date]
#: An entity, or its id.
Ref = Union[str, Entity]


class QueryError(LookupError):
    """``one()`` found no entity, or more than one."""


# -- filters -----------------------------------------------------------------------
#
# A filter says which entities it keeps entity by entity (``test``) and, when an
# index can answer it, which positions may match (``candidates``, ascending). The
# two must agree: ``test`` uses the same functions the index was built with.


class _Filter:
    __slots__ = ()
    #: Whether :meth:`candidates` gives instances of the class asked for only.
    typed = False

    def estimate(self, index: Index, cls: type) -> int | None:
        """At most how many candidates :meth:`candidates` gives, found cheaply;
        ``None`` when no index answers this filter."""
        return None

    def candidates(self, index: Index, cls: type) -> list[int]:
        """The ascending positions that may match (instances of ``cls`` or not)."""
        raise NotImplementedError

    def keep(self, positions: list[int], index: Index) -> list[int]:
        """The positions among ``positions`` that match."""
        entities = index.entities
        return [p for p in positions if self.test(entities[p], index)]

    def test(self, entity: Entity, index: Index) -> bool:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


class _WithId(_Filter):
    __slots__ = ("ids",)

    def __init__(self, ids: frozenset[str]) -> None:
        self.ids = ids

    def estimate(self, index: Index, cls: type) -> int:
        return len(self.ids)

    def candidates(self, index: Index, cls: type) -> list[int]:
        return index.with_ids(self.ids)

    def test(self, entity: Entity, index: Index) -> bool:
        return entity.id in self.ids

    def describe(self) -> str:
        return f"with_id({', '.join(map(repr, sorted(self.ids)))})"


class _OfKind(_Filter):
    __slots__ = ("kinds",)

    def __init__(self, kinds: frozenset[str]) -> None:
        self.kinds = kinds

    def estimate(self, index: Index, cls: type) -> int:
        return sum(len(index.by_kind.get(k, ())) for k in self.kinds)

    def candidates(self, index: Index, cls: type) -> list[int]:
        return index.of_kind(self.kinds)

    def keep(self, positions: list[int], index: Index) -> list[int]:
        kinds, kind_at = self.kinds, index.kind_at
        return [p for p in positions if kind_at[p] in kinds]

    def test(self, entity: Entity, index: Index) -> bool:
        kind = getattr(entity, "kind", None)
        return isinstance(kind, str) and kind in self.kinds

    def describe(self) -> str:
        return f"of_kind({', '.join(map(repr, sorted(self.kinds)))})"


class _WithAgent(_Filter):
    __slots__ = ("agents", "name", "roles")

    def __init__(self, name: str, agents: frozenset[str], roles: frozenset[str] | None) -> None:
        self.name, self.agents, self.roles = name, agents, roles

    def estimate(self, index: Index, cls: type) -> int:
        return index.count_agents(self.agents, self.roles)

    def candidates(self, index: Index, cls: type) -> list[int]:
        return index.with_agents(self.agents, self.roles)

    def keep(self, positions: list[int], index: Index) -> list[int]:
        return _intersect(positions, self.candidates(index, Entity))

    def test(self, entity: Entity, index: Index) -> bool:
        roles = self.roles
        return any(
            agent in self.agents and (roles is None or role in roles)
            for agent, role in agent_roles(entity)
        )

    def describe(self) -> str:
        roles = "" if self.name == "by" or self.roles is None else f", roles={sorted(self.roles)}"
        return f"{self.name}({', '.join(map(repr, sorted(self.agents)))}{roles})"


class _At(_Filter):
    __slots__ = ("events", "name", "parts", "targets")

    def __init__(self, name: str, events: frozenset[str], parts: bool) -> None:
        self.name, self.events, self.parts = name, events, parts
        self.targets: tuple[Index, set[str]] | None = None

    def _targets(self, index: Index) -> set[str]:
        # The events and their parts, found once per index rather than per entity.
        if self.targets is None or self.targets[0] is not index:
            found = set(self.events)
            if self.parts:
                found = {d for e in self.events for d in index.descendants(e)}
            self.targets = (index, found)
        return self.targets[1]

    def keep(self, positions: list[int], index: Index) -> list[int]:
        targets, event_at = self._targets(index), index.event_at
        return [p for p in positions if event_at[p] in targets]

    def estimate(self, index: Index, cls: type) -> int:
        return index.count_at_events(self.events, parts=self.parts)

    def candidates(self, index: Index, cls: type) -> list[int]:
        return index.at_events(self.events, parts=self.parts)

    def test(self, entity: Entity, index: Index) -> bool:
        return event_of(entity, index.find) in self._targets(index)

    def describe(self) -> str:
        return f"{self.name}({', '.join(map(repr, sorted(self.events)))})"


class _About(_Filter):
    __slots__ = ("topics",)
    typed = True

    def __init__(self, topics: frozenset[str]) -> None:
        self.topics = topics

    def estimate(self, index: Index, cls: type) -> int:
        return index.count_about(self.topics, cls)

    def candidates(self, index: Index, cls: type) -> list[int]:
        return index.about(self.topics, cls)

    def keep(self, positions: list[int], index: Index) -> list[int]:
        return _intersect(positions, self.candidates(index, Entity))

    def test(self, entity: Entity, index: Index) -> bool:
        return any(t in self.topics for t in topics_of(entity))

    def describe(self) -> str:
        return f"about({', '.join(map(repr, sorted(self.topics)))})"


class _Dated(_Filter):
    __slots__ = ("certain", "high", "label", "low")
    typed = True

    def __init__(self, label: str, low: int, high: int, certain: bool) -> None:
        self.label, self.low, self.high, self.certain = label, low, high, certain

    def estimate(self, index: Index, cls: type) -> int:
        return index.count_dated(cls, self.low, self.high, certain=self.certain)

    def candidates(self, index: Index, cls: type) -> list[int]:
        return index.dated(cls, self.low, self.high, certain=self.certain)

    def keep(self, positions: list[int], index: Index) -> list[int]:
        return index.keep_dated(positions, self.low, self.high, certain=self.certain)

    def test(self, entity: Entity, index: Index) -> bool:
        span = span_of(entity, index.find)
        return span is not None and span.inside(self.low, self.high, certain=self.certain)

    def describe(self) -> str:
        return self.label + (")" if self.certain else ", certain=False)")


class _Mentioning(_Filter):
    __slots__ = ("words",)

    def __init__(self, words: str) -> None:
        self.words = words

    def keep(self, positions: list[int], index: Index) -> list[int]:
        # The folded texts are made once per record, on the first text search.
        words, texts = self.words, index.texts()
        return [p for p in positions if words in texts[p]]

    def test(self, entity: Entity, index: Index) -> bool:
        return self.words in text_of(entity)

    def describe(self) -> str:
        return f"mentioning({self.words!r})"


class _Where(_Filter):
    __slots__ = ("fields",)

    def __init__(self, fields: dict[str, object]) -> None:
        self.fields = fields

    def test(self, entity: Entity, index: Index) -> bool:
        for name, wanted in self.fields.items():
            value = getattr(entity, name, _MISSING)
            if value is _MISSING:
                return False
            if not (value == wanted or (isinstance(value, enum.Enum) and value.value == wanted)):
                return False
        return True

    def describe(self) -> str:
        return f"where({', '.join(f'{k}={v!r}' for k, v in self.fields.items())})"


class _Predicate(_Filter):
    __slots__ = ("predicate",)

    def __init__(self, predicate: Callable[[Entity], bool]) -> None:
        self.predicate = predicate

    def test(self, entity: Entity, index: Index) -> bool:
        return bool(self.predicate(entity))

    def describe(self) -> str:
        return f"filter({getattr(self.predicate, '__name__', 'predicate')})"


_MISSING = object()


def _intersect(positions: list[int], others: list[int]) -> list[int]:
    """The positions also in ``others``: by a set of the shorter list, so the cost is
    the two lengths, not their product."""
    if len(others) < len(positions):
        wanted = set(others)
        return [p for p in positions if p in wanted]
    given = set(positions)
    return [p for p in others if p in given]


def _fields_of(cls: type) -> set[str]:
    """The attrs fields of ``cls`` and of every subclass known so far, so that
    ``where`` on a query of events can name a field a downstream event adds."""
    names: set[str] = set()
    stack = [cls]
    while stack:
        c = stack.pop()
        if attrs.has(c):
            names.update(a.name for a in attrs.fields(c))
        stack.extend(subclasses(c))
    return names


# -- the query ---------------------------------------------------------------------


class Query(Generic[T]):
    """A lazy selection of entities of one type from a record.

    Each method that filters or orders returns a new query; nothing is computed
    until the query is iterated, counted, or asked for :meth:`first`, :meth:`one`
    or :meth:`ids`. Results come in the record's order unless ordered otherwise.
    ``Query(record, of=cls)`` is ``record.of_type(cls)``; ``Query(record, items)``
    queries a given sequence of entities instead of a type.

    >>> import communique as cq
    >>> record = cq.load("examples/sco_aies_roundtable/record.yaml")
    >>> record.people.mentioning("NOROV").one().id
    'person:vladimir-norov'
    """

    __slots__ = ("_cls", "_filters", "_items", "_orders", "_record", "_result")

    def __init__(
        self, record: Record, items: Iterable[T] | None = None, *, of: type[T] | None = None
    ) -> None:
        self._record = record
        self._cls: type[Entity] = Entity if of is None else of
        self._items: tuple[T, ...] | None = None if items is None else tuple(items)
        self._filters: tuple[_Filter, ...] = ()
        self._orders: tuple[tuple[Callable[[T], SupportsRichComparison], bool], ...] = ()
        self._result: list[T] | None = None

    def _with(
        self,
        filter: _Filter | None = None,
        order: tuple[Callable[[T], SupportsRichComparison], bool] | None = None,
    ) -> Query[T]:
        query: Query[T] = Query(self._record, ())
        query._cls, query._items = self._cls, self._items
        query._filters = self._filters + ((filter,) if filter is not None else ())
        query._orders = self._orders + ((order,) if order is not None else ())
        return query

    # -- evaluation --------------------------------------------------------------

    def _plan(self, index: Index) -> tuple[list[int] | None, tuple[_Filter, ...]]:
        """Where to start (candidate positions, or ``None`` for the given items) and
        which filters remain to be applied to them."""
        if self._items is not None:
            return None, self._filters
        cls = self._cls
        chosen: _Filter | None = None
        smallest = len(index.of_type(cls))
        # Start from the filter whose index promises the fewest candidates; the
        # others (and the filters no index answers) are applied to those.
        for f in self._filters:
            estimate = f.estimate(index, cls)
            if estimate is not None and estimate < smallest:
                chosen, smallest = f, estimate
        if chosen is None:
            return index.of_type(cls), self._filters
        start = chosen.candidates(index, cls)
        if not chosen.typed:
            start = index.only(start, cls)
        return start, tuple(f for f in self._filters if f is not chosen)

    def _unordered(self) -> list[T]:
        """The selected entities in record order."""
        index = self._record.query_index()
        start, rest = self._plan(index)
        if start is None:
            assert self._items is not None
            return [e for e in self._items if all(f.test(e, index) for f in rest)]
        for f in rest:
            start = f.keep(start, index)
        entities = index.entities
        return [entities[p] for p in start]  # type: ignore[misc]  # instances of cls

    def _evaluate(self) -> list[T]:
        result = self._result
        if result is None:
            result = self._unordered()
            for key, reverse in self._orders:
                result.sort(key=key, reverse=reverse)
            self._result = result
        return result

    def __iter__(self) -> Iterator[T]:
        return iter(self._evaluate())

    def __len__(self) -> int:
        return self.count()

    def __bool__(self) -> bool:
        return self.first() is not None

    def __repr__(self) -> str:
        chain = "".join(f".{f.describe()}" for f in self._filters)
        source = self._cls.__name__ if self._items is None else f"{len(self._items)} entities"
        return f"<Query {source}{chain}>"

    def count(self) -> int:
        """How many entities the query selects."""
        return len(self._evaluate())

    def first(self) -> T | None:
        """The first entity selected (in the query's order), or ``None``."""
        if self._orders or self._result is not None:
            return next(iter(self._evaluate()), None)
        # Without an order, the first match is found without evaluating the rest.
        index = self._record.query_index()
        start, rest = self._plan(index)
        entities: Iterable[Entity]
        if start is None:
            assert self._items is not None
            entities = self._items
        else:
            entities = (index.entities[p] for p in start)
        for entity in entities:
            if all(f.test(entity, index) for f in rest):
                return entity  # type: ignore[return-value]  # an instance of cls
        return None

    def one(self) -> T:
        """The single entity selected; :class:`QueryError` saying what was asked when
        there is none or several."""
        found = self._evaluate()
        if len(found) == 1:
            return found[0]
        what = f"{self._cls.__name__}" + "".join(f".{f.describe()}" for f in self._filters)
        if not found:
            raise QueryError(f"expected exactly one entity for {what}, found none")
        shown = ", ".join(e.id for e in found[:5]) + (", ..." if len(found) > 5 else "")
        raise QueryError(f"expected exactly one entity for {what}, found {len(found)}: {shown}")

    def ids(self) -> list[str]:
        """The ids of the selected entities, in order."""
        return [e.id for e in self._evaluate()]

    def to_arrow(self, *, converter: Converter | None = None) -> pa.Table:
        """The selected entities as an Arrow table, in order: the rows of their
        family's table in :func:`communique.interop.to_arrow` (``statements``,
        ``events``, ``agents`` ...), with the same columns. Needs the ``arrow``
        extra; ``table.to_pandas()`` or ``polars.from_arrow(table)`` make it a
        DataFrame, and DuckDB queries it as it is.

        >>> import communique as cq
        >>> record = cq.load("examples/sco_aies_roundtable/record.yaml")
        >>> table = record.statements.by("person:vladimir-norov").to_arrow()
        >>> table.num_rows == record.statements.by("person:vladimir-norov").count()
        True
        >>> table.column("id")[0].as_py()
        'statement:norov-2020-03-04-speech'
        """
        from .interop.arrow import table_of

        return table_of(self._evaluate(), self._cls, converter=converter, record=self._record)

    def _repr_html_(self) -> str:
        """The selected entities as an HTML table, for notebooks (the first rows)."""
        from ._html import entities_html

        found = self._evaluate()
        return entities_html(found, self._record, f"{self!r}: {len(found)} entities")

    # -- filters -----------------------------------------------------------------

    def with_id(self, *ids: Ref) -> Query[T]:
        """Keep the entities with one of these ids."""
        return self._with(_WithId(frozenset(map(id_of, ids))))

    def of_kind(self, *kinds: str) -> Query[T]:
        """Keep the entities whose ``kind`` is one of these (``"roundtable"``, ``"speech"``)."""
        return self._with(_OfKind(frozenset(str(k) for k in kinds)))

    def _agents(self, agents: Iterable[Ref], via_groups: bool) -> frozenset[str]:
        ids = frozenset(map(id_of, agents))
        return self._record.query_index().with_groups(ids) if via_groups else ids

    def by(self, *agents: Ref, via_groups: bool = False) -> Query[T]:
        """Keep what these agents made: statements they spoke, proposals they put
        forward, events they organised, hosted or spoke at, sources they published or
        wrote, documents they adopted: the fields declared ``refs(..., author=True)``
        and the participations in the roles of ``communique.query.BY_ROLES``.
        With ``via_groups``, what a group they are members of made counts too (a
        joint statement of six presidents is among each president's statements).

        >>> import communique as cq
        >>> record = cq.Record([
        ...     cq.Person(id="person:a", name="A"),
        ...     cq.Group(id="group:ab", name="A and B", members=("person:a",)),
        ...     cq.Statement(id="statement:joint", kind="joint_statement",
        ...                  speakers=("group:ab",), attribution="full_text"),
        ... ])
        >>> record.statements.by("person:a").ids(), record.statements.by("person:a", via_groups=True).ids()
        ([], ['statement:joint'])
        """
        index = self._record.query_index()
        roles = BY_ROLES.union(*(author_roles(cls) for cls in index.by_class))
        return self._with(_WithAgent("by", self._agents(agents, via_groups), roles))

    def involving(
        self, *agents: Ref, roles: Iterable[str] | None = None, via_groups: bool = False
    ) -> Query[T]:
        """Keep the entities in which any of these agents has a part, in any role or,
        with ``roles``, in one of those (``"speaker"``, ``"proposer"``, ``"party"``,
        ``"responder"``, ``"member"``, a participant role such as ``"chair"``, ...).
        With ``via_groups``, a part that a group they are members of has counts too."""
        wanted = frozenset(str(r) for r in roles) if roles is not None else None
        return self._with(_WithAgent("involving", self._agents(agents, via_groups), wanted))

    def at(self, *events: Ref, parts: bool = True) -> Query[T]:
        """Keep what happened at these events: statements made, proposals put forward,
        documents adopted there, and events that are part of them. With ``parts``
        (the default) the parts of the events count too, at any depth."""
        return self._with(_At("at", frozenset(map(id_of, events)), parts))

    def made_at(self, *events: Ref, parts: bool = True) -> Query[T]:
        """The same as :meth:`at`; it reads better for proposals and statements."""
        return self._with(_At("made_at", frozenset(map(id_of, events)), parts))

    def about(self, *topics: Ref) -> Query[T]:
        """Keep the entities with one of these topics, or (for statements) about one
        of these entities."""
        return self._with(_About(frozenset(map(id_of, topics))))

    def mentioning(self, words: str) -> Query[T]:
        """Keep the entities whose name, title, subject or text contains ``words``,
        ignoring case, accents and runs of white space."""
        return self._with(_Mentioning(normalize(words)))

    def on(self, day: DateLike, *, certain: bool = True) -> Query[T]:
        """Keep the entities dated on this day (or within this month or year, for a
        partial date). See the module's notes on certainty."""
        low, high = days(day)
        return self._with(_Dated(f"on({str(day)!r}", low, high, certain))

    def between(
        self, start: DateLike | None, end: DateLike | None, *, certain: bool = True
    ) -> Query[T]:
        """Keep the entities dated from the first day of ``start`` to the last day of
        ``end``, both included; ``None`` leaves that side open."""
        low, high = days(start)[0], days(end)[1]
        label = f"between({str(start)!r}, {str(end)!r}"
        return self._with(_Dated(label, low, high, certain))

    def before(self, day: DateLike, *, certain: bool = True) -> Query[T]:
        """Keep the entities dated before the first day of ``day``."""
        return self._with(_Dated(f"before({str(day)!r}", NO_START, days(day)[0] - 1, certain))

    def after(self, day: DateLike, *, certain: bool = True) -> Query[T]:
        """Keep the entities dated after the last day of ``day``."""
        return self._with(_Dated(f"after({str(day)!r}", days(day)[1] + 1, NO_END, certain))

    def where(self, **fields: object) -> Query[T]:
        """Keep the entities whose fields equal the given values; an enum field also
        matches its value as text. A field no entity of the type can have is an error.

        >>> import communique as cq
        >>> record = cq.load("examples/sco_aies_roundtable/record.yaml")
        >>> record.organizations.where(acronym="SCO").ids()
        ['org:sco']
        """
        known = _fields_of(self._cls)
        unknown = sorted(set(fields) - known)
        if unknown:
            raise AttributeError(
                f"{self._cls.__name__} has no field {', '.join(map(repr, unknown))}"
            )
        return self._with(_Where(fields))

    def filter(self, predicate: Callable[[T], bool]) -> Query[T]:
        """Keep the entities for which ``predicate`` is true."""
        return self._with(_Predicate(predicate))  # type: ignore[arg-type]

    # -- order -------------------------------------------------------------------

    def order_by(
        self, key: str | Callable[[T], SupportsRichComparison], *, reverse: bool = False
    ) -> Query[T]:
        """The same entities sorted by ``key``: a function of the entity, a field name,
        or ``"date"`` for date order (see the module's notes). The sort is stable, so
        ``q.order_by(a).order_by(b)`` sorts by ``b``, then by ``a``. Entities with no
        value for a field sort last."""
        if key == "date":
            record = self._record

            def by_date(entity: T) -> tuple[int, int, int]:
                span = span_of(entity, record.query_index().find)
                return (0, *span.sort_key) if span is not None else (1, 0, 0)

            return self._with(order=(by_date, reverse))
        if isinstance(key, str):
            name = key
            if name not in _fields_of(self._cls):
                raise AttributeError(f"{self._cls.__name__} has no field {name!r}")

            def by_field(entity: T) -> tuple[bool, SupportsRichComparison]:
                value = getattr(entity, name, None)
                if isinstance(value, enum.Enum):
                    value = value.value
                return (value is None, value if value is not None else 0)

            return self._with(order=(by_field, reverse))
        return self._with(order=(key, reverse))
