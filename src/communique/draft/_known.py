"""Linking drafted entities to a known record: the same name, the known id."""

from __future__ import annotations

from typing import Any

import attrs

from ..model import Entity
from ..record import Record
from ._core import Fact

__all__ = ["link"]


def _names(entity: Entity) -> set[str]:
    names = {getattr(entity, a, None) for a in ("name", "title", "acronym")}
    names |= {n.name for n in getattr(entity, "other_names", ())}
    cleaned = {" ".join(n.split()).lower() for n in names if isinstance(n, str) and n}
    return {n.removeprefix("the ") for n in cleaned}


def _relinked(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, tuple):
        return tuple(_relinked(v, ids) for v in value)
    if attrs.has(type(value)):
        changes = {}
        for a in attrs.fields(type(value)):
            if a.init:
                old = getattr(value, a.name)
                new = _relinked(old, ids)
                if new is not old and new != old:
                    changes[a.name] = new
        return attrs.evolve(value, **changes) if changes else value
    return value


def link(facts: list[Fact], known: Record) -> list[Fact]:
    """The facts with every drafted entity the known record has by name (a name,
    title, acronym or other name, for an entity of the same type) given its known
    id, and every reference to it too."""
    index: dict[tuple[str, str], str] = {}
    for entity in known:
        for name in _names(entity):
            index.setdefault((entity.tag, name), entity.id)
    ids: dict[str, str] = {}
    for fact in facts:
        value = fact.value
        if isinstance(value, Entity) and value.id not in known:
            for name in sorted(_names(value)):
                target = index.get((value.tag, name))
                if target is not None:
                    ids[value.id] = target
                    break
    if not ids:
        return facts
    return [attrs.evolve(f, value=_relinked(f.value, ids)) for f in facts]
