"""From facts to a record: one entity per id, its evidence from the facts' spans,
its confidence and recogniser as namespaced extension values, in reading order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from ..dates import Date
from ..model import Entity, Event, Evidence, Organization, Person, Source
from ._core import Fact
from ._text import slug

__all__ = ["CONFIDENCE", "MAX_EVIDENCE", "RECOGNISER", "assemble"]

#: The extension keys a drafted entity carries.
CONFIDENCE: Final = "x-draft:confidence"
RECOGNISER: Final = "x-draft:recogniser"
#: How many mentions of an entity become its evidence: the first few are enough to check it.
MAX_EVIDENCE: Final = 3
_ORDER: Final = (
    "source",
    "organization",
    "state",
    "person",
    "group",
    "event",
    "document",
    "statement",
    "proposal",
)


def _merged(first: Entity, other: Entity) -> Entity:
    if isinstance(first, Person) and isinstance(other, Person):
        posts = first.posts + tuple(p for p in other.posts if p not in first.posts)
        return attrs.evolve(first, posts=posts)
    if isinstance(first, Event) and isinstance(other, Event):
        # A later mention of the event ("opened the roundtable") says who else took part.
        known = {p.agent for p in first.participants}
        more = tuple(p for p in other.participants if p.agent not in known)
        return attrs.evolve(first, participants=first.participants + more)
    return first


def _name_of(ident: str) -> str:
    words = ident.split(":", 1)[-1].split("-")
    return " ".join(w.upper() if len(w) <= 4 else w.capitalize() for w in words)


def assemble(facts: Iterable[Fact], source: Source, known_ids: frozenset[str]) -> list[Entity]:
    """The entities the facts make, each with the evidence of its first mentions."""
    entities: dict[str, Entity] = {}
    spans: dict[str, list[Fact]] = {}
    for fact in facts:
        if isinstance(fact.value, Date):
            continue
        entity = fact.value
        if entity.id in known_ids:
            continue  # linked to the known record, which has it already
        if entity.id in entities:
            entities[entity.id] = _merged(entities[entity.id], entity)
        else:
            entities[entity.id] = entity
        spans.setdefault(entity.id, []).append(fact)
    drafted: list[Entity] = [source]
    for ident, entity in entities.items():
        found = spans[ident]
        evidence: list[Evidence] = []
        for fact in found:
            quote = Evidence(
                source=source.id, quote=fact.span.quote, start=fact.span.start, end=fact.span.end
            )
            if quote not in evidence and len(evidence) < MAX_EVIDENCE:
                evidence.append(quote)
        best = max(found, key=lambda f: f.confidence)
        extensions = {
            **entity.extensions,
            CONFIDENCE: round(best.confidence, 2),
            RECOGNISER: best.recogniser,
        }
        drafted.append(attrs.evolve(entity, evidence=tuple(evidence), extensions=extensions))
    present = {e.id for e in drafted} | known_ids
    if source.publisher is not None and source.publisher not in present:
        drafted.append(
            Organization(
                id=source.publisher,
                name=_name_of(source.publisher),
                note="The publisher the draft was given; the text does not name it. Check its name.",
            )
        )

    def order(entity: Entity) -> tuple[int, int]:
        rank = _ORDER.index(entity.tag) if entity.tag in _ORDER else len(_ORDER)
        first = (
            entity.evidence[0].start
            if entity.evidence and entity.evidence[0].start is not None
            else -1
        )
        return rank, first

    return sorted(drafted, key=order)


def source_id(text: str, published: Date | None) -> str:
    """An id for the drafted text: its publication date and first words."""
    head = slug(text, 5)
    return f"source:{published.edtf}-{head}" if published is not None else f"source:{head}"
