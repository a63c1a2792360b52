"""What an entity refers to, found through the ``refs`` metadata the model declares.

Generic over attrs fields, so downstream subclasses and their reference fields are
followed like the library's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import attrs

from .dates import Date
from .model import Document, Entity, Membership, Organization

__all__ = ["dated", "references", "rewritten", "texts"]


@cache
def _fields(cls: Any) -> tuple[tuple[str, bool], ...]:
    return tuple((a.name, bool(a.metadata.get("refs"))) for a in attrs.fields(cls))


def _walk(value: object, path: str) -> Iterator[tuple[str, object, bool]]:
    """(path, value, is a reference) for every field value below an attrs instance."""
    cls: Any = type(value)
    for name, is_ref in _fields(cls):
        item = getattr(value, name)
        here = f"{path}.{name}"
        items = enumerate(item) if isinstance(item, tuple) else ((None, item),)
        for index, element in items:
            where = here if index is None else f"{here}[{index}]"
            yield where, element, is_ref
            if attrs.has(type(element)) and not isinstance(element, Date):
                yield from _walk(element, where)


def references(entity: Entity) -> Iterator[tuple[str, str]]:
    """(field path, id) for every id the entity refers to, in field order."""
    for path, value, is_ref in _walk(entity, "$"):
        if is_ref and isinstance(value, str):
            yield path, value


# How to reach every reference of a class: (field, shape, plan of the value inside)
# for the fields that are references ("one", "many") or hold values that have some
# ("obj", "objs"). Only those fields are visited.
_Plan = tuple[tuple[str, str, "_Plan | None"], ...]


@cache
def _reference_plan(cls: Any) -> _Plan:
    import typing

    plan: list[tuple[str, str, _Plan | None]] = []
    hints = typing.get_type_hints(cls)
    for a in attrs.fields(cls):
        if not a.init:
            continue
        hint = hints[a.name]
        args = [t for t in typing.get_args(hint) if t is not type(None) and t is not Ellipsis]
        many = typing.get_origin(hint) is tuple
        if a.metadata.get("refs"):
            plan.append((a.name, "many" if many else "one", None))
            continue
        inner = args[0] if len(args) == 1 else hint
        if isinstance(inner, type) and attrs.has(inner) and inner is not Date:
            sub = _reference_plan(inner)
            if sub:
                plan.append((a.name, "objs" if many else "obj", sub))
    return tuple(plan)


def _plan_of(value: object) -> _Plan:
    # The value's own class: a subclass may add references.
    cls: Any = type(value)
    return _reference_plan(cls)


def _rewrite(value: Any, plan: _Plan, ids: dict[str, str]) -> Any:
    changes: dict[str, Any] = {}
    for name, shape, _ in plan:
        item = getattr(value, name)
        if item is None:
            continue
        if shape == "one":
            new = ids.get(item, item)
        elif shape == "many":
            new = tuple(ids.get(i, i) for i in item)
            new = item if new == item else new
        elif shape == "obj":
            new = _rewrite(item, _plan_of(item), ids)
        else:
            parts = tuple(_rewrite(i, _plan_of(i), ids) for i in item)
            new = item if all(a is b for a, b in zip(parts, item, strict=True)) else parts
        if new is not item:
            changes[name] = new
    return attrs.evolve(value, **changes) if changes else value


def rewritten(value: Any, ids: dict[str, str]) -> Any:
    """``value`` (an entity or a value inside one) with every reference to a key of
    ``ids`` changed to its value; the same object when nothing changes."""
    if not ids:
        return value
    return _rewrite(value, _plan_of(value), ids)


_NOT_TEXT = frozenset({"id", "evidence", "identifiers", "extensions"})


def texts(entity: Entity) -> Iterator[str]:
    """Every piece of free text of an entity (names, titles, text, notes, topics),
    not its id, references or evidence."""
    cls: Any = type(entity)
    for name, is_ref in _fields(cls):
        if is_ref or name in _NOT_TEXT:
            continue
        value = getattr(entity, name)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, str):
                yield str(item)
            elif attrs.has(type(item)) and not isinstance(item, Date):
                for _, inner, inner_ref in _walk(item, "$"):
                    if isinstance(inner, str) and not inner_ref:
                        yield str(inner)


def dated(entity: Entity) -> tuple[int | None, int | None] | None:
    """The earliest and latest day an entity is dated to, as day numbers (see
    :func:`communique.dates.day_number`), or ``None`` if it has no date.

    Events, statements, proposals and sources have a ``date``; a document is dated
    by its adoption, a membership by its period, an organisation by its founding.
    """
    date = getattr(entity, "date", None)
    if isinstance(date, Date):
        return date.lower_day, date.upper_day
    if isinstance(entity, Document) and entity.adopted is not None:
        return entity.adopted.lower_day, entity.adopted.upper_day
    if isinstance(entity, Membership) and (entity.start or entity.end):
        lower = entity.start.lower_day if entity.start else None
        upper = entity.end.upper_day if entity.end else None
        return lower, upper
    if isinstance(entity, Organization) and entity.founded is not None:
        return entity.founded.lower_day, entity.founded.upper_day
    return None
