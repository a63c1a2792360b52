"""Handing a record on: as JSON Lines for a pipeline, and as the core model alone
for tools that know nothing of this package."""

from __future__ import annotations

import os

import attrs

import communique as cq
from communique.extension import not_carried

from . import converter, registry

__all__ = ["to_core", "write_jsonl"]


def write_jsonl(record: cq.Record, path: str | os.PathLike[str]) -> None:
    """Write one entity a line, this package's types included (with their ``base``)."""
    cq.dump(record, path, format="jsonl", converter=converter)


def to_core(record: cq.Record) -> tuple[cq.Record, list[cq.Problem]]:
    """The record with each of this package's entities made into the library class
    it derives from, and a problem for every field that leaves out.

    Extension values are part of the core model, so they are kept.
    """
    entities: list[cq.Entity] = []
    problems: list[cq.Problem] = []
    for entity in record:
        base = _core_class(type(entity))
        if base is type(entity):
            entities.append(entity)
            continue
        problems.extend(not_carried(entity, base, target="the core model", carries_extensions=True))
        names = [a.name for a in attrs.fields(base) if a.init]
        entities.append(base(**{name: getattr(entity, name) for name in names}))
    return cq.Record(entities), problems


def _core_class(cls: type[cq.Entity]) -> type[cq.Entity]:
    # The last of the registered bases is the library's own class.
    bases = registry.bases_of(cls)
    core = registry.get(bases[-1]) if bases else cls
    assert core is not None
    return core
