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

from .errors import Problem
from .formats import json as json_format
from .formats import yaml as yaml_format
from .model import Entity

__all__ = ["NOWHERE", "Origins", "Source"]

#: ``place`` of an entity whose file gives no cheap place (a document read whole).
NOWHERE: Final = -1


class Source(Protocol):
    """A file an entity was read from."""

    @property
    def name(self) -> str | None: ...

    @property
    def fmt(self) -> str: ...


# What to place: the steps of a path within an entity, the entity's place in its
# file and its index among the file's entities.
_Request = tuple[tuple[str | int, ...], int, int]
_Where = tuple[int, int | None] | None


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
                (json_format.path_steps(problems[n].path), self.place_at[p], self.index_at[p])
                for n, p in items
            ]
            for (number, _), where in zip(items, self._places(source, requests), strict=True):
                line, column = where if where is not None else (None, None)
                out[number] = problems[number].located(file=source.name, line=line, column=column)
        return out

    def _places(self, source: Source, requests: list[_Request]) -> list[_Where]:
        if source.fmt == "jsonl":
            # The line of JSON Lines is known without the text; the column is not.
            data = self._read(source) if any(steps for steps, _, _ in requests) else None
            if data is None:
                return [(place, None) if place > 0 else None for _, place, _ in requests]
            return self._in_lines(data, requests)
        data = self._read(source)
        if data is None:
            # The file is gone or changed, or the text given in memory is not kept.
            return [None] * len(requests)
        if source.fmt == "json":
            return self._in_document(data, requests)
        try:
            root = yaml_format.compose(data.decode("utf-8"))
        except (UnicodeDecodeError, yaml_format.YAMLError):
            return [None] * len(requests)
        return [
            yaml_format.place_in(root, ("entities", index, *steps)) for steps, _, index in requests
        ]

    def _in_lines(self, data: bytes, requests: list[_Request]) -> list[_Where]:
        lines = data.split(b"\n")
        out: list[_Where] = []
        for steps, number, _ in requests:
            if not 0 < number <= len(lines):
                out.append(None)
                continue
            where = json_format.locate(lines[number - 1], steps)
            out.append((number, where[1] if where and where[0] == 1 else None))
        return out

    def _in_document(self, data: bytes, requests: list[_Request]) -> list[_Where]:
        places = json_format.DocumentPlaces(data)
        # In the order of the elements, so that the text is read once, forward.
        order = sorted(range(len(requests)), key=lambda k: requests[k][2])
        out: list[_Where] = [None] * len(requests)
        for k in order:
            steps, _, index = requests[k]
            if index >= 0:
                out[k] = places.in_element(index, steps)
        return out
