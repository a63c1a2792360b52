"""The evidence of a record as the site shows it: each quote numbered, with the
entity and field it supports, the span it covers in its source's text and the
problems validation found with it; and a source's text cut where quotes begin and
end, so that overlapping quotes can all be highlighted."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Final

from attrs import frozen

from ..errors import Problem
from ..model import Entity, Evidence
from ..record import Record
from ._walk import walk

__all__ = ["Piece", "Quote", "pieces", "quotes"]

_LAST_EVIDENCE: Final = re.compile(r"\.evidence\[\d+\]$")


@frozen
class Quote:
    """One piece of evidence: ``number`` counts the evidence of the whole record in
    the order the entities and their fields give it."""

    number: int
    entity: Entity
    path: str
    evidence: Evidence
    start: int | None
    end: int | None
    problems: tuple[Problem, ...]

    @property
    def field(self) -> str:
        """The field the quote supports, as a path below the entity
        (``participants[2]``), or "the entity" for the entity itself."""
        return _LAST_EVIDENCE.sub("", self.path).removeprefix("$").removeprefix(".") or "the entity"

    @property
    def highlighted(self) -> bool:
        return self.start is not None


def quotes(
    record: Record,
    problems: Sequence[Problem],
    evidence: Iterable[tuple[Entity, Sequence[tuple[str, Evidence]]]] | None = None,
) -> list[Quote]:
    """Every evidence of the record, with its span in the source text where the text
    is at hand: the span it gives, or where its quote occurs once when it gives none.
    A span that falls outside the text is not highlighted. ``evidence`` is each
    entity's evidence with its path, when already found (:func:`._walk.walk`)."""
    by_entity: dict[str | None, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_entity[problem.entity].append(problem)
    if evidence is None:
        evidence = ((e, walk(e)[0]) for e in record.entities)
    found: list[Quote] = []
    for entity, entity_evidence in evidence:
        entity_problems = by_entity.get(entity.id, [])
        for path, value in entity_evidence:
            text = record.text_of(value.source)
            start, end = _span(value, text)
            mine = tuple(
                p for p in entity_problems if p.path == path or p.path.startswith(path + ".")
            )
            found.append(Quote(len(found), entity, path, value, start, end, mine))
    return found


def _span(evidence: Evidence, text: str | None) -> tuple[int | None, int | None]:
    if text is None:
        return None, None
    if evidence.start is not None and evidence.end is not None:
        if 0 <= evidence.start <= evidence.end <= len(text):
            return evidence.start, evidence.end
        return None, None
    if evidence.quote and text.count(evidence.quote) == 1:
        start = text.index(evidence.quote)
        return start, start + len(evidence.quote)
    return None, None


@frozen
class Piece:
    """A stretch of a source's text: ``text`` and the quotes covering it (none for
    text no quote covers), ``opens``, the quotes that begin where it begins, and
    ``failing``, those of the covering quotes that validation finds wrong."""

    text: str
    covering: tuple[int, ...]
    opens: tuple[int, ...]
    failing: tuple[int, ...]


def pieces(text: str, quoted: Iterable[Quote]) -> list[Piece]:
    """``text`` cut at every start and end of the quotes, each piece with the quotes
    that cover it. An empty quote becomes an empty piece of its own."""
    spans = [q for q in quoted if q.start is not None and q.end is not None]
    starts: dict[int, list[Quote]] = defaultdict(list)
    ends: dict[int, list[Quote]] = defaultdict(list)
    for q in spans:
        assert q.start is not None
        assert q.end is not None
        starts[q.start].append(q)
        ends[q.end].append(q)
    cuts = sorted({0, len(text), *starts, *ends})
    active: dict[int, Quote] = {}
    out: list[Piece] = []
    for here, after in zip(cuts, [*cuts[1:], None], strict=True):
        for q in ends.get(here, ()):
            active.pop(q.number, None)
        opening = starts.get(here, [])
        empty = [q for q in opening if q.end == here]
        for q in empty:
            out.append(Piece("", (q.number,), (q.number,), (q.number,) if q.problems else ()))
        opening = [q for q in opening if q.end != here]
        for q in opening:
            active[q.number] = q
        if after is None:
            break
        covering = tuple(sorted(active))
        out.append(
            Piece(
                text[here:after],
                covering,
                tuple(q.number for q in opening),
                tuple(n for n in covering if active[n].problems),
            )
        )
    return out
