"""Things that are neither agents nor documents but are named and referred to:
programmes, initiatives, funds, projects, trade routes."""

from __future__ import annotations

from attrs import converters, field, frozen

from ..dates import Date
from ..vocab import ThingKind
from ._base import Entity, Meaning, refs
from .agents import Name

__all__ = ["Thing"]


@frozen(kw_only=True)
class Thing(Entity):
    """A named thing that is neither an agent nor a document: a programme, an
    initiative, a fund, a trade route. It has an id, so that statements,
    proposals and reactions can refer to it, and ``other_names`` for its aliases
    and acronyms; ``run_by`` names the agents that run or fund it.

    >>> Thing(id="thing:green-corridor", name="Green Corridor Initiative",
    ...       kind="initiative", other_names=(Name(name="GCI"),)).kind.label
    'Initiative'
    """

    tag = "thing"
    meaning = Meaning(dates=("established",), texts=("name", "other_names.name"))

    name: str
    other_names: tuple[Name, ...] = ()
    kind: ThingKind | None = field(default=None, converter=converters.optional(ThingKind))
    run_by: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="operator"))
    established: Date | None = None
