"""Merging records of the same events from several sources.

:func:`merge` brings records together into one: one entity per real-world thing,
the evidence of every source kept, every disagreement reported. Two entities are
one when they have the same id, share an external identifier (same scheme and
value) and class, or a curator judged them the same (see
:mod:`communique.judgements`). Names that match after normalisation, with
compatible types and dates, make *candidates* only: :func:`candidates` lists
them for a curator, whose judgement the next merge replays.

A merged entity keeps one id (a preferred source's, else the one the most
inputs use, else the first in order) and lists the ids it replaced in
:attr:`~communique.Entity.replaces`, which ``record.get`` resolves; references in
every entity are rewritten to the kept id. Values combine as ``_combine`` says;
a conflict keeps the value of the first ``prefer`` source that gives one, or
without a preference is recorded on the entity as a
:class:`~communique.Dispute`. The result does not depend on the order of the
inputs.

>>> import communique as cq
>>> a = cq.Record([cq.Person(id="person:norov", name="Vladimir Norov",
...     identifiers=(cq.Identifier(scheme="wikidata", value="Q123"),))])
>>> b = cq.Record([cq.Person(id="person:vladimir-norov", name="Vladimir Norov", honorific="Mr",
...     identifiers=(cq.Identifier(scheme="wikidata", value="Q123"),))])
>>> result = cq.merge(a, b)
>>> [(m.id, m.replaced, m.reasons) for m in result.matches]
[('person:norov', ('person:vladimir-norov',), ('identifier wikidata:Q123',))]
>>> result.record.get("person:vladimir-norov").honorific
'Mr'
"""

from __future__ import annotations

import os
import typing
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from . import _combine
from ._blocking import blocked_pairs, score
from .judgements import Judgement, latest, read_judgements
from .model import Entity, Source
from .model._meaning import rewritten
from .record import Record
from .vocab import Verdict

__all__ = [
    "Candidate",
    "Conflict",
    "Match",
    "MergeError",
    "MergeResult",
    "Side",
    "candidates",
    "merge",
]

#: One value of a :class:`Conflict`: the value as JSON text, the ids and sources
#: that give it, and their evidence.
Side = _combine.Side


def _canonical_order(records: Sequence[Record]) -> list[Record]:
    """The inputs in an order of their own content, so that the merge does not
    depend on the order it was given them in."""
    keyed = [(tuple(e.id for e in r), r) for r in records]
    ids = [k for k, _ in keyed]
    if len(set(ids)) == len(ids):
        return [r for _, r in sorted(keyed, key=lambda kr: kr[0])]
    from ._io import dumps

    return sorted(records, key=lambda r: (tuple(e.id for e in r), dumps(r, format="jsonl")))


E = typing.TypeVar("E", bound=Entity)


class MergeError(ValueError):
    """The records cannot be merged: one id names entities of two different types."""


@attrs.frozen(kw_only=True)
class Match:
    """Entities that became one: the id kept, the ids it replaced, and why."""

    id: str
    replaced: tuple[str, ...]
    reasons: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Conflict:
    """A field on which the merged versions disagree.

    ``sides`` holds each value (as JSON text) with the ids and sources that give it
    and their evidence; ``kept`` is the value the merged entity holds; ``preferred``
    is the preferred source that settled it, or ``None`` when the field is left
    disputed (and listed in the entity's ``disputes``).
    """

    entity: str
    field: str
    sides: tuple[Side, ...]
    kept: str
    preferred: str | None

    @property
    def resolved(self) -> bool:
        """Whether a preferred source settled it."""
        return self.preferred is not None

    def __str__(self) -> str:
        values = "; ".join(
            f"{s.value} from {', '.join(s.sources) or ', '.join(s.ids)}" for s in self.sides
        )
        how = f"kept {self.kept} ({self.preferred} preferred)" if self.preferred else "disputed"
        return f"{self.entity} {self.field}: {values}; {how}"


@attrs.frozen(kw_only=True)
class Candidate:
    """Two entities that may be one: their ids, a score from 0 to 1, why, both
    entities (with their evidence), and the judgement in force on them, if any."""

    a: Entity
    b: Entity
    score: float
    reason: str
    judgement: Judgement | None = None


@attrs.frozen(kw_only=True)
class MergeResult:
    """What :func:`merge` made: the merged record, the matches made, the conflicts
    found, the candidates left for a curator and the links a judgement refused."""

    record: Record
    matches: tuple[Match, ...]
    conflicts: tuple[Conflict, ...]
    candidates: tuple[Candidate, ...]
    kept_apart: tuple[tuple[str, str, str], ...] = ()

    @property
    def unresolved(self) -> tuple[Conflict, ...]:
        """The conflicts no preferred source settled."""
        return tuple(c for c in self.conflicts if not c.resolved)


class _Clusters:
    """Union-find over ids, refusing unions that a "different" judgement forbids."""

    def __init__(self, apart: dict[str, set[str]]) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.apart = apart

    def find(self, x: str) -> str:
        parent = self.parent
        root = parent.setdefault(x, x)
        while root != parent[root]:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        small, large = sorted((ra, rb), key=lambda r: len(self.members.get(r, (r,))))
        small_members = self.members.pop(small, [small])
        large_members = self.members.setdefault(large, [large])
        if self.apart:
            for member in small_members:
                if any(self.find(other) == large for other in self.apart.get(member, ())):
                    self.members[small] = small_members
                    return False
        self.parent[small] = large
        large_members.extend(small_members)
        return True

    def of(self, x: str) -> list[str]:
        return self.members.get(self.find(x), [x])


def _judgements(
    judgements: str | os.PathLike[str] | Iterable[Judgement] | None,
) -> dict[frozenset[str], Judgement]:
    if judgements is None:
        return {}
    if isinstance(judgements, (str, os.PathLike)):
        return latest(read_judgements(judgements))
    return latest(judgements)


def _identifier_key(scheme: str, value: str) -> tuple[str, str]:
    return scheme.strip().lower(), value.strip()


class _Inputs:
    """The inputs in their canonical order, each entity with the input it came from."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.records = _canonical_order(records)
        self.versions: dict[str, list[tuple[int, Entity]]] = {}
        for index, record in enumerate(self.records):
            for entity in record:
                self.versions.setdefault(entity.id, []).append((index, entity))
                for old in entity.replaces:
                    self.versions.setdefault(old, [])

    def entities(self) -> Iterator[tuple[int, Entity]]:
        for index, record in enumerate(self.records):
            for entity in record:
                yield index, entity


def _link(
    inputs: _Inputs, decided: dict[frozenset[str], Judgement]
) -> tuple[_Clusters, dict[str, list[str]], list[tuple[str, str, str]]]:
    apart: dict[str, set[str]] = {}
    for pair, judgement in decided.items():
        if judgement.decision is Verdict.DIFFERENT and len(pair) == 2:
            a, b = sorted(pair)
            apart.setdefault(a, set()).add(b)
            apart.setdefault(b, set()).add(a)
    clusters = _Clusters(apart)
    reasons: dict[str, list[str]] = {}
    refused: list[tuple[str, str, str]] = []

    def join(a: str, b: str, why: str) -> None:
        if clusters.find(a) == clusters.find(b):
            return
        if clusters.union(a, b):
            reasons.setdefault(a, []).append(why)
            reasons.setdefault(b, []).append(why)
        else:
            refused.append((a, b, why))

    # An earlier merge's entity stands for the ids it replaced.
    for entity_id, found in inputs.versions.items():
        for _, entity in found:
            for old in entity.replaces:
                join(entity_id, old, "replaced earlier")
    by_identifier: dict[tuple[str, str], list[Entity]] = {}
    for _, entity in inputs.entities():
        for identifier in entity.identifiers:
            key = _identifier_key(identifier.scheme, identifier.value)
            for other in by_identifier.setdefault(key, []):
                if type(other) is type(entity) and other.id != entity.id:
                    join(other.id, entity.id, f"identifier {key[0]}:{key[1]}")
                    break
            by_identifier[key].append(entity)
    for pair, judgement in decided.items():
        if judgement.decision is Verdict.SAME and len(pair) == 2:
            a, b = sorted(pair)
            if a in inputs.versions and b in inputs.versions:
                join(a, b, f"judged the same by {judgement.who} on {judgement.when}")
    return clusters, reasons, refused


def _candidates(
    inputs: _Inputs, clusters: _Clusters, decided: dict[frozenset[str], Judgement]
) -> list[Candidate]:
    out = []
    for a, b in blocked_pairs(inputs.entities()):
        if clusters.find(a.id) == clusters.find(b.id):
            continue
        judgement = decided.get(frozenset((a.id, b.id)))
        if judgement is not None and judgement.decision is Verdict.DIFFERENT:
            continue
        found = score(a, b)
        if found is not None:
            out.append(
                Candidate(a=a, b=b, score=round(found[0], 3), reason=found[1], judgement=judgement)
            )
    out.sort(key=lambda c: (-c.score, c.a.id, c.b.id))
    return out


def candidates(
    *records: Record,
    judgements: str | os.PathLike[str] | Iterable[Judgement] | None = None,
) -> list[Candidate]:
    """The pairs of entities from different records that may be one, best first:
    those that match by name after normalisation, of one type and with dates
    that agree, and that neither an id, an identifier nor a judgement already
    joined or a judgement kept apart (an ``unsure`` judgement is shown on its pair)."""
    decided = _judgements(judgements)
    inputs = _Inputs(records)
    clusters, _, _ = _link(inputs, decided)
    return _candidates(inputs, clusters, decided)


def _kept_id(members: list[str], inputs: _Inputs, preferred_inputs: set[int]) -> str:
    def rank(entity_id: str) -> tuple[bool, bool, int, str]:
        found = inputs.versions.get(entity_id, [])
        merged_before = any(e.replaces for _, e in found)
        preferred = any(i in preferred_inputs for i, _ in found)
        return (not preferred, not merged_before, -len(found), entity_id)

    return min(members, key=rank)


def _rewrite(value: E, kept: dict[str, str]) -> E:
    """``value`` with every reference in it to a replaced id pointing at the kept id."""
    return typing.cast(E, rewritten(value, kept))


def merge(
    *records: Record,
    judgements: str | os.PathLike[str] | Iterable[Judgement] | None = None,
    prefer: str | Sequence[str] | None = None,
) -> MergeResult:
    """Merge records into one, reporting every match and every conflict.

    ``judgements`` is a judgements file or the judgements themselves;
    ``prefer`` is a source id, or several in order, whose values settle conflicts.
    Raises :class:`MergeError` when one id names entities of different types.
    """
    prefer = (prefer,) if isinstance(prefer, str) else tuple(prefer or ())
    decided = _judgements(judgements)
    inputs = _Inputs(records)
    clusters, reasons, refused = _link(inputs, decided)

    sources_of: list[frozenset[str]] = [
        frozenset(e.id for e in r if isinstance(e, Source)) for r in inputs.records
    ]
    preferred_inputs = {i for i, s in enumerate(sources_of) if s & set(prefer)}
    kept: dict[str, str] = {}
    matches: list[Match] = []
    done: set[str] = set()
    for entity_id in inputs.versions:
        root = clusters.find(entity_id)
        if root in done:
            continue
        done.add(root)
        members = clusters.of(entity_id)
        present = [m for m in members if inputs.versions.get(m)]
        if len(members) == 1 and len(inputs.versions[entity_id]) < 2:
            continue
        keep = _kept_id(present or members, inputs, preferred_inputs)
        for m in members:
            if m != keep:
                kept[m] = keep
        why = sorted(set(reasons.get(keep, []) + [r for m in members for r in reasons.get(m, [])]))
        if any(len(inputs.versions.get(m, [])) > 1 for m in members):
            why.insert(0, "same id")
        matches.append(
            Match(
                id=keep, replaced=tuple(sorted(m for m in members if m != keep)), reasons=tuple(why)
            )
        )

    found_candidates = _candidates(inputs, clusters, decided)
    entities: list[Entity] = []
    conflicts: list[Conflict] = []
    emitted: set[str] = set()
    for _, entity in inputs.entities():
        keep = kept.get(entity.id, entity.id)
        if keep in emitted:
            continue
        emitted.add(keep)
        members = clusters.of(keep)
        versions = [(i, e) for m in members for (i, e) in inputs.versions.get(m, [])]
        versions.sort(key=lambda v: v[0])
        entities.append(
            _one(
                keep,
                versions=versions,
                kept=kept,
                sources_of=sources_of,
                prefer=prefer,
                conflicts=conflicts,
            )
        )
    matches.sort(key=lambda m: m.id)
    text_dirs: dict[str, Path] = {}
    for record in inputs.records:
        for source_id, folder in record.text_dirs.items():
            text_dirs.setdefault(kept.get(source_id, source_id), folder)
    return MergeResult(
        record=Record(entities, text_dirs=text_dirs),
        matches=tuple(matches),
        conflicts=tuple(conflicts),
        candidates=tuple(found_candidates),
        kept_apart=tuple(sorted(refused)),
    )


def _one(
    keep: str,
    *,
    versions: list[tuple[int, Entity]],
    kept: dict[str, str],
    sources_of: list[frozenset[str]],
    prefer: Sequence[str],
    conflicts: list[Conflict],
) -> Entity:
    """The merged entity of one cluster, its conflicts added to ``conflicts``."""
    if len(versions) == 1 and versions[0][1].id == keep:
        return _rewrite(versions[0][1], kept) if kept else versions[0][1]
    classes = {type(e) for _, e in versions}
    if len(classes) > 1:
        names = " and ".join(
            sorted(
                f"{c.__name__} ({', '.join(sorted({e.id for _, e in versions if type(e) is c}))})"
                for c in classes
            )
        )
        raise MergeError(
            f"{keep}: cannot merge a {names}: one id, or entities judged the same, of different types"
        )
    replaced = sorted(
        ({e.id for _, e in versions} | {r for _, e in versions for r in e.replaces}) - {keep}
    )
    ready = [
        (i, attrs.evolve(_rewrite(e, kept), id=keep, replaces=tuple(replaced))) for i, e in versions
    ]
    if len(ready) == 1:
        return ready[0][1]
    wanted = [
        _combine.entity_versions(e, (v.id,), sources_of[i])
        for (i, e), (_, v) in zip(ready, versions, strict=True)
    ]
    settled = _combine.Conflicts(prefer=prefer)
    merged = typing.cast(Entity, _combine.combine(type(ready[0][1]), "$", wanted, settled))
    for path, sides, value, preferred in settled.found:
        conflicts.append(
            Conflict(entity=keep, field=path, sides=tuple(sides), kept=value, preferred=preferred)
        )
    if settled.disputes:
        new = tuple(d for d in settled.disputes if d not in merged.disputes)
        merged = attrs.evolve(merged, disputes=(*merged.disputes, *new))
    return merged
