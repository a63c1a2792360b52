"""Relations between agents over time: partnerships and their level, alliances,
diplomatic relations, the affiliation of one body to another."""

from __future__ import annotations

from attrs import field, frozen

from ..dates import Date
from ..vocab import RelationKind, RelationLevel
from ._base import Entity, Evidence, Meaning, refs

__all__ = ["LevelChange", "Relation"]


@frozen(kw_only=True, weakref_slot=False)
class LevelChange:
    """The level a relation reached (a dialogue partnership raised to a strategic
    partnership), when, and at which event."""

    level: RelationLevel = field(converter=RelationLevel)
    date: Date | None = None
    event: str | None = field(default=None, metadata=refs("Event"))
    evidence: tuple[Evidence, ...] = ()


@frozen(kw_only=True)
class Relation(Entity):
    """A relation between agents that holds over a period: a partnership, an
    alliance, diplomatic relations, the affiliation of one body to another.

    ``parties`` are the agents it joins; for an ``affiliation`` the first is
    affiliated to the second. It runs from ``start`` to ``end``, and
    ``started_by`` and ``ended_by`` name the events that began or ended it (the
    signing of a joint declaration, a severance). Its ``levels`` are the levels it
    was raised or lowered to, in order: :meth:`communique.Record.relation_level`
    says which held on a day.

    >>> relation = Relation(
    ...     id="relation:asean-australia", kind="partnership",
    ...     parties=("org:asean", "state:au"),
    ...     levels=(LevelChange(level="dialogue_partnership", date=Date("1974")),
    ...             LevelChange(level="comprehensive_strategic_partnership", date=Date("2021"))),
    ... )
    >>> relation.levels[-1].level.label
    'Comprehensive strategic partnership'
    """

    tag = "relation"
    meaning = Meaning(dates=("start", "end"), texts=("title",))

    kind: RelationKind = field(converter=RelationKind)
    parties: tuple[str, ...] = field(metadata=refs("Agent", nonempty=True, role="party"))
    title: str | None = None
    start: Date | None = None
    end: Date | None = None
    started_by: str | None = field(default=None, metadata=refs("Event"))
    ended_by: str | None = field(default=None, metadata=refs("Event"))
    levels: tuple[LevelChange, ...] = ()
