"""What downstream data looks like to code that does not know all of it.

Two things travel with an entity beyond the fields of its class: extension
values (``"x-newsroom:confidence": 0.92``, in :attr:`~communique.Entity.extensions`)
and, when a lenient converter read a type it does not know as its base, the
original type and the fields the base lacks (kept under :data:`ORIGINAL`, so that
dumping writes the document back as it was read).

An exporter to a format that cannot carry some of this reports it, never drops
it silently: :func:`not_carried` lists what a target leaves out, as problems.

>>> import communique as cq
>>> person = cq.Person(id="person:x", name="X", extensions={"x-newsroom:confidence": 0.92})
>>> [str(p) for p in not_carried(person, cq.Person, target="Popolo")]
["<data>: person:x $.x-newsroom:confidence: Popolo cannot carry the extension 'x-newsroom:confidence'; it is left out"]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from .errors import Problem
from .model import Entity
from .model._base import JsonValue

__all__ = ["ORIGINAL", "RESERVED_PREFIX", "kept_fields", "not_carried", "original_type"]

#: The extension key under which a lenient converter keeps what an unknown
#: type's data says beyond its base: ``{"type", "base", "fields", "keys"}``.
ORIGINAL: Final = "x-communique:original"

#: Extension keys of the library's own namespace; data cannot use them.
RESERVED_PREFIX: Final = "x-communique:"


def original_type(entity: Entity) -> str | None:
    """The type tag an entity was written with, when a lenient converter read it
    as a base class because it did not know that tag; otherwise ``None``.

    >>> import communique as cq
    >>> conv = cq.Converter(unknown_types="base")
    >>> event = conv.structure_entity({"type": "parliament:hearing", "base": "event",
    ...                                "id": "event:h", "kind": "session", "committee": "org:c"})
    >>> type(event).__name__, original_type(event)
    ('Event', 'parliament:hearing')
    """
    holder = entity.extensions.get(ORIGINAL)
    if isinstance(holder, dict):
        tag = holder.get("type")
        if isinstance(tag, str):
            return tag
    return None


def kept_fields(entity: Entity) -> Mapping[str, JsonValue]:
    """The fields of an unknown type that its base lacks, as they were read."""
    holder = entity.extensions.get(ORIGINAL)
    if isinstance(holder, dict):
        fields = holder.get("fields")
        if isinstance(fields, dict):
            return fields
    return {}


def not_carried(
    entity: Entity,
    carried: type[Entity] | Iterable[str],
    *,
    target: str,
    carries_extensions: bool = False,
) -> list[Problem]:
    """What of ``entity`` an export to ``target`` leaves out, one problem each.

    ``carried`` is the class whose fields the export maps (an exporter that knows
    events passes :class:`~communique.Event`, and a hearing's extra fields are
    reported) or the names of the fields it maps. Fields left at their default
    are not reported. Every extension value is, unless the target
    ``carries_extensions``; the original type and the kept fields of an entity
    read leniently always are.
    """
    names = {a.name for a in attrs.fields(carried)} if isinstance(carried, type) else set(carried)
    out: list[Problem] = []

    def problem(key: str, what: str) -> None:
        out.append(
            Problem(
                code="not-exported",
                message=f"{target} cannot carry {what}; it is left out",
                path=f"$.{key}",
                entity=entity.id,
            )
        )

    cls = type(entity)
    for a in attrs.fields(cls):
        if a.name in names or a.name == "extensions":
            continue
        value = getattr(entity, a.name)
        default = a.default
        factory = getattr(default, "factory", None)
        if callable(factory):  # an attrs Factory: the default is what it makes
            default = factory()
        if value != default:
            problem(a.name, f"the field {a.name!r} of type {cls.tag!r}")
    for key in sorted(entity.extensions):
        if key == ORIGINAL:
            tag = original_type(entity)
            problem("type", f"the type {tag!r} (read as {cls.tag!r})")
            for name in kept_fields(entity):
                problem(name, f"the field {name!r} of type {tag!r}")
        elif not carries_extensions:
            problem(key, f"the extension {key!r}")
    return out
