"""Type tags: which model class a ``"type"`` in the data stands for.

The library's own classes are registered in :data:`default_registry`. Downstream
code registers its subclasses there with :func:`communique.register`, or keeps a
:class:`Registry` of its own and builds a :class:`~communique.converter.Converter`
over it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final, TypeVar, overload

from .model import (
    Document,
    Entity,
    Event,
    Group,
    Membership,
    Organization,
    Person,
    Proposal,
    Source,
    State,
    Statement,
)

__all__ = ["Registry", "default_registry", "register"]

E = TypeVar("E", bound=Entity)

_CORE_TAG: Final = re.compile(r"[a-z][a-z_]*")
_DOWNSTREAM_TAG: Final = re.compile(r"[a-z][a-z0-9-]*:[a-z][a-z0-9_-]*")


class Registry:
    """A mapping from type tags to entity classes, consulted at structuring time,
    so that classes registered after a converter was made are still found.

    >>> from communique import default_registry
    >>> default_registry.get("person").__name__
    'Person'
    >>> "statement" in default_registry
    True
    """

    def __init__(self, parent: Registry | None = None) -> None:
        self._parent = parent
        self._classes: dict[str, type[Entity]] = {}

    def register(self, cls: type[E], tag: str, *, core: bool = False) -> type[E]:
        """Register ``cls`` under ``tag``. Downstream tags are namespaced
        (``"parliament:hearing"``) so that two packages cannot collide."""
        pattern = _CORE_TAG if core else _DOWNSTREAM_TAG
        if not pattern.fullmatch(tag):
            raise ValueError(
                f"type tag {tag!r} must be namespaced like 'project:name'"
                if not core
                else f"core type tag {tag!r} must be a plain lowercase word"
            )
        if not (isinstance(cls, type) and issubclass(cls, Entity)):
            raise TypeError(f"{cls!r} is not a subclass of communique.Entity")
        known = self.get(tag)
        if known is not None and known is not cls:
            raise ValueError(f"type tag {tag!r} is already registered for {known.__qualname__}")
        if cls.__dict__.get("tag", tag) != tag:
            raise ValueError(f"{cls.__qualname__} already carries the tag {cls.tag!r}")
        cls.tag = tag
        self._classes[tag] = cls
        return cls

    def get(self, tag: str) -> type[Entity] | None:
        cls = self._classes.get(tag)
        if cls is None and self._parent is not None:
            return self._parent.get(tag)
        return cls

    def tags(self) -> list[str]:
        """Every registered tag, the library's first."""
        inherited = self._parent.tags() if self._parent is not None else []
        return inherited + [t for t in self._classes if t not in inherited]

    def __iter__(self) -> Iterator[tuple[str, type[Entity]]]:
        for tag in self.tags():
            cls = self.get(tag)
            assert cls is not None
            yield tag, cls

    def __contains__(self, tag: object) -> bool:
        return isinstance(tag, str) and self.get(tag) is not None

    def child(self) -> Registry:
        """A registry that knows everything this one knows, and can add more
        without touching it."""
        return Registry(self)


#: The registry of the library's own type tags, and of those registered with
#: :func:`communique.register`.
default_registry: Final = Registry()
for _cls in (
    Person,
    Organization,
    State,
    Group,
    Membership,
    Event,
    Statement,
    Proposal,
    Document,
    Source,
):
    default_registry.register(_cls, _cls.tag, core=True)


@overload
def register(cls: type[E], tag: str) -> type[E]: ...
@overload
def register(cls: str) -> Callable[[type[E]], type[E]]: ...
def register(cls: type[E] | str, tag: str | None = None) -> type[E] | Callable[[type[E]], type[E]]:
    """Register a downstream subclass under its own namespaced tag in the default
    registry; usable as a call or as a decorator.

    >>> import attrs, communique as cq
    >>> @cq.register("parliament:hearing")
    ... @attrs.frozen(kw_only=True)
    ... class Hearing(cq.Event):
    ...     committee: str | None = None
    >>> Hearing.tag
    'parliament:hearing'
    """
    if isinstance(cls, str):
        tag_ = cls

        def decorate(c: type[E]) -> type[E]:
            return default_registry.register(c, tag_)

        return decorate
    if tag is None:
        raise TypeError("register(cls, tag) needs a tag")
    return default_registry.register(cls, tag)
