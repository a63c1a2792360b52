"""Queries over the entities of a record: chainable, lazy and typed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .model import Entity

if TYPE_CHECKING:
    from .record import Record

__all__ = ["Query", "QueryError"]

T = TypeVar("T", bound=Entity)


class QueryError(LookupError):
    """``one()`` found no entity, or more than one."""


class Query(Generic[T]):
    """A lazy selection of entities of one type from a record.

    Each filter returns a new query; nothing is computed until it is iterated.

    >>> import communique as cq
    >>> record = cq.load("examples/sco_aies_roundtable/record.yaml")
    >>> record.organizations.where(acronym="SCO").one().name
    'Shanghai Cooperation Organisation'
    """

    __slots__ = ("_items", "_record")

    def __init__(self, record: Record, items: Iterable[T]) -> None:
        self._record = record
        self._items = items

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __len__(self) -> int:
        return self.count()

    def __bool__(self) -> bool:
        return self.first() is not None

    def __repr__(self) -> str:
        return f"<Query {self.ids()!r}>"

    def count(self) -> int:
        """How many entities the query selects."""
        items = self._items
        if isinstance(items, (tuple, list)):
            return len(items)
        return sum(1 for _ in self)

    def first(self) -> T | None:
        """The first entity, or ``None``."""
        return next(iter(self), None)

    def one(self) -> T:
        """The single entity selected; :class:`QueryError` when there is none or several."""
        found = list(self._limited(2))
        if len(found) != 1:
            raise QueryError(
                "expected exactly one entity, found "
                + ("none" if not found else f"several: {', '.join(self.ids())}")
            )
        return found[0]

    def _limited(self, n: int) -> Iterator[T]:
        for index, item in enumerate(self):
            if index >= n:
                return
            yield item

    def ids(self) -> list[str]:
        """The ids of the selected entities, in order."""
        return [e.id for e in self]

    def filter(self, predicate: Callable[[T], bool]) -> Query[T]:
        """Keep the entities for which ``predicate`` is true."""
        return Query(self._record, _Filtered(self._items, predicate))

    def where(self, **fields: Any) -> Query[T]:
        """Keep the entities whose fields equal the given values."""

        def matches(entity: T) -> bool:
            return all(getattr(entity, name, _MISSING) == value for name, value in fields.items())

        return self.filter(matches)

    def order_by(self, key: Callable[[T], Any], *, reverse: bool = False) -> Query[T]:
        """The same entities sorted by ``key`` (a stable sort)."""
        return Query(self._record, sorted(self, key=key, reverse=reverse))


_MISSING = object()


class _Filtered(Generic[T]):
    """A filtered view that can be iterated again and again: a generator could be
    iterated once only, so counting a query would have emptied it."""

    __slots__ = ("_items", "_predicate")

    def __init__(self, items: Iterable[T], predicate: Callable[[T], bool]) -> None:
        self._items = items
        self._predicate = predicate

    def __iter__(self) -> Iterator[T]:
        predicate = self._predicate
        return (e for e in self._items if predicate(e))
