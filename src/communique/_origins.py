"""Where each entity of a loaded record was read, so that the problems found in it
later (by :meth:`communique.Record.validate`) name their file, line and column.

Kept small: three numbers an entity (which file, where in it, which element). The
files are read again only when there are problems to place, each file once for all
of its problems.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Final, Protocol

from . import formats
from ._paths import path_steps
from .errors import Problem
from .model import Entity

__all__ = ["NOWHERE", "Origins", "Source"]

#: ``place`` of an entity whose file gives no cheap place (a document read whole).
NOWHERE: Final = -1


class Source(Protocol):
    """A file an entity was read from."""

    @property
    def name(self) -> str | None: ...

    @property
    def fmt(self) -> str:
        """The name of its format (without ``.gz``), in the table of formats."""
        ...


# What to place: the steps of a path within an entity, the entity's place in its
# file and its index among the file's entities.
_Request = formats.Request
_Where = formats.Where


class Origins:
    """For each entity of a record (by its position): its file, its place there (the
    line of JSON Lines, the byte offset of an element of a JSON document read
    incrementally, or :data:`NOWHERE`) and its index among the file's entities.

    ``sources`` may be replaced by copies that no longer hold text given in memory
    (see ``communique._io``); ``read`` gives a source's bytes again, or ``None``."""

    def __init__(self, sources: Sequence[Source], read: Callable[[Source], bytes | None]) -> None:
        self.sources = list(sources)
        self._read = read
        self.source_at = array("I")
        self.place_at = array("q")
        self.index_at = array("q")
        #: The ids of entities the sources define but that could not be read:
        #: their problems were reported where they are, and a reference to one of
        #: them is not also a dangling reference.
        self.unread: set[str] = set()

    def add(self, source: int, place: int | None, index: int) -> None:
        """Record where the next entity of the record was read."""
        self.source_at.append(source)
        self.place_at.append(NOWHERE if place is None else place)
        self.index_at.append(index)

    def extend(self, source: int, places: Sequence[int] | None, start: int, count: int) -> None:
        """Record where the next ``count`` entities of the record were read: one
        after another from ``sources[source]``, at ``places`` (``None``: nowhere),
        the first of them the ``start``-th entity of the file."""
        self.source_at.extend(array("I", (source,)) * count)
        self.place_at.extend(array("q", (NOWHERE,)) * count if places is None else places)
        self.index_at.extend(range(start, start + count))

    def where(self, source: int, place: int | None, index: int) -> tuple[int | None, str]:
        """The line where an entity read from ``sources[source]`` starts (or
        ``None``), and that place in words: ``file:line`` or ``file (entity n)``."""
        found = self._places(
            self.sources[source], [((), NOWHERE if place is None else place, index)]
        )[0]
        name = self.sources[source].name or "<data>"
        if found is None:
            return None, f"{name} (entity {index + 1})"
        return found[0], f"{name}:{found[0]}"

    def where_at(self, position: int) -> tuple[int | None, str]:
        """:meth:`where` of the entity at ``position`` in the record."""
        place = self.place_at[position]
        return self.where(
            self.source_at[position],
            None if place == NOWHERE else place,
            self.index_at[position],
        )

    def locate(self, problems: list[Problem], entities: Sequence[Entity]) -> list[Problem]:
        """The problems, each about an entity of the record (``entities``, in the
        order they were added) and not yet placed, with the file, line and column of
        the value it is about (or of its entity)."""
        positions: dict[str, int] = {}
        for at, entity in enumerate(entities):
            positions.setdefault(entity.id, at)
        wanted: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for number, problem in enumerate(problems):
            if problem.file is not None or problem.entity is None:
                continue
            position = positions.get(problem.entity)
            if position is not None and position < len(self.source_at):
                wanted[self.source_at[position]].append((number, position))
        out = list(problems)
        for source_number, items in wanted.items():
            source = self.sources[source_number]
            requests = [
                (path_steps(problems[n].path), self.place_at[p], self.index_at[p]) for n, p in items
            ]
            for (number, _), where in zip(items, self._places(source, requests), strict=True):
                line, column = where if where is not None else (None, None)
                out[number] = problems[number].located(file=source.name, line=line, column=column)
        return out

    def _places(self, source: Source, requests: list[_Request]) -> list[_Where]:
        # The format places its problems, reading the file again only if it must.
        place = formats.lookup(source.fmt).place
        if place is None:
            return [None] * len(requests)
        return place(lambda: self._read(source), requests)
