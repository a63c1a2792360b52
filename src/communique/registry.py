"""Type tags: which model class a ``"type"`` in the data stands for.

The library's own classes are registered in :data:`default_registry`. Downstream
code keeps a :class:`Registry` of its own, a :meth:`~Registry.child` of the
default one, registers its subclasses there and builds a
:class:`~communique.converter.Converter` over it:

>>> import attrs, communique as cq
>>> @attrs.frozen(kw_only=True)
... class Inquiry(cq.Event):
...     rapporteur: str | None = attrs.field(default=None, metadata=cq.refs("Person"))
>>> registry = cq.default_registry.child()
>>> _ = registry.register(Inquiry, "example:inquiry")
>>> registry.get("example:inquiry") is Inquiry, "example:inquiry" in cq.default_registry
(True, False)
>>> registry.bases_of(Inquiry)
['event']

:func:`communique.register` registers in the default registry instead, for
plain use in a script.

What a registry holds is all a description of the format needs: iterating it
gives ``(tag, class)`` pairs, and an entity of a class is written as
``"type"`` (its tag), ``"base"`` for a downstream class (:meth:`Registry.bases_of`,
one tag as text or several as a list), the class's attrs fields, and extension
keys ``x-project:name`` with JSON values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final, TypeVar, overload

import attrs

from . import model
from .model import CORE_TYPES, Entity
from .model._filling import subclasses

__all__ = ["Registry", "default_registry", "ref_target", "register"]

E = TypeVar("E", bound=Entity)

_CORE_TAG: Final = re.compile(r"[a-z][a-z_]*")
_DOWNSTREAM_TAG: Final = re.compile(r"[a-z][a-z0-9-]*:[a-z][a-z0-9_-]*")
# Keys with a meaning of their own in an entity's data: a field cannot take them.
_RESERVED_FIELDS: Final = frozenset(("type", "base"))
_MODEL_CLASSES: Final[dict[str, type]] = {
    name: getattr(model, name) for name in model.__all__ if isinstance(getattr(model, name), type)
}


def is_downstream_tag(tag: str) -> bool:
    """Whether ``tag`` is a namespaced tag (``"parliament:hearing"``), not the library's."""
    return ":" in tag


class Registry:
    """A mapping from type tags to entity classes, consulted at structuring time,
    so that classes registered after a converter was made are still found.

    A registry made by :meth:`child` sees every tag of its parent and adds its
    own without touching the parent: two programs in one process can each hold
    the registry they need.

    >>> from communique import default_registry
    >>> default_registry.get("person").__name__
    'Person'
    >>> "statement" in default_registry
    True
    """

    def __init__(self, parent: Registry | None = None) -> None:
        self._parent = parent
        self._classes: dict[str, type[Entity]] = {}

    @overload
    def register(self, cls: type[E], tag: str, *, core: bool = False) -> type[E]: ...
    @overload
    def register(self, cls: str) -> Callable[[type[E]], type[E]]: ...
    def register(
        self, cls: type[E] | str, tag: str | None = None, *, core: bool = False
    ) -> type[E] | Callable[[type[E]], type[E]]:
        """Register ``cls`` under ``tag``; ``registry.register("ns:name")`` is the
        same as a class decorator.

        Downstream tags are namespaced (``"parliament:hearing"``) so that two
        packages cannot collide. A class has one tag: registering it in another
        registry takes the same tag.
        """
        if isinstance(cls, str):
            tag_ = cls

            def decorate(c: type[E]) -> type[E]:
                return self.register(c, tag_)

            return decorate
        if tag is None:
            raise TypeError("register(cls, tag) needs a tag")
        pattern = _CORE_TAG if core else _DOWNSTREAM_TAG
        if not pattern.fullmatch(tag):
            raise ValueError(
                f"type tag {tag!r} must be namespaced like 'project:name'"
                if not core
                else f"core type tag {tag!r} must be a plain lowercase word"
            )
        _check_class(cls)
        known = self.get(tag)
        if known is not None and known is not cls:
            raise ValueError(f"type tag {tag!r} is already registered for {known.__qualname__}")
        if cls.__dict__.get("tag", tag) != tag:
            raise ValueError(f"{cls.__qualname__} already carries the tag {cls.tag!r}")
        cls.tag = tag
        self._classes[tag] = cls
        return cls

    def get(self, tag: str) -> type[Entity] | None:
        """The class registered under ``tag`` here or in a parent, or ``None``."""
        cls = self._classes.get(tag)
        if cls is None and self._parent is not None:
            return self._parent.get(tag)
        return cls

    def tags(self) -> list[str]:
        """Every registered tag, the library's first."""
        inherited = self._parent.tags() if self._parent is not None else []
        return inherited + [t for t in self._classes if t not in inherited]

    def classes(self) -> list[type[Entity]]:
        """Every registered class, in the order of :meth:`tags`."""
        return [cls for _, cls in self]

    def __iter__(self) -> Iterator[tuple[str, type[Entity]]]:
        """``(tag, class)`` pairs, in the order of :meth:`tags`."""
        for tag in self.tags():
            cls = self.get(tag)
            assert cls is not None
            yield tag, cls

    def __len__(self) -> int:
        return len(self.tags())

    def __contains__(self, tag: object) -> bool:
        return isinstance(tag, str) and self.get(tag) is not None

    def is_registered(self, cls: type) -> bool:
        """Whether ``cls`` itself (not only a base of it) is registered here."""
        tag = cls.__dict__.get("tag")
        return isinstance(tag, str) and self.get(tag) is cls

    def bases_of(self, cls: type[Entity]) -> list[str]:
        """The tags of the registered classes ``cls`` derives from, nearest first,
        down to the first of the library's own: what a reader that does not know
        ``cls`` can read its data as. Empty for the library's classes.

        This is what dumps write as ``"base"`` beside a downstream ``"type"``.
        """
        if not is_downstream_tag(cls.tag):
            return []
        out: list[str] = []
        for ancestor in cls.__mro__[1:]:
            if isinstance(ancestor, type) and self.is_registered(ancestor):
                out.append(ancestor.__dict__["tag"])
                if not is_downstream_tag(out[-1]):
                    break
        return out

    def child(self) -> Registry:
        """A registry that knows everything this one knows, and can add more
        without touching it."""
        return Registry(self)


def _check_class(cls: object) -> None:
    if not (isinstance(cls, type) and issubclass(cls, Entity)):
        raise TypeError(f"{cls!r} is not a subclass of communique.Entity")
    if "__attrs_attrs__" not in cls.__dict__:
        # A plain subclass of an attrs class inherits its fields and silently
        # ignores its own annotations.
        raise TypeError(
            f"{cls.__qualname__} must be an attrs class: decorate it with @attrs.frozen"
        )
    for a in attrs.fields(cls):
        if a.name in _RESERVED_FIELDS:
            raise ValueError(f"{cls.__qualname__} cannot have a field named {a.name!r}")
        for target in a.metadata.get("refs", ()):
            # A namespaced target is a tag that may be registered later; any
            # other name must be one of the model's classes, checked now.
            if isinstance(target, str) and ":" not in target and target not in _MODEL_CLASSES:
                raise ValueError(
                    f"{cls.__qualname__}.{a.name} refers to {target!r}, which is neither "
                    "a model class name nor a namespaced type tag"
                )


def ref_target(target: str | type) -> type:
    """The class a ``refs(...)`` target names: a model class name (``"Agent"``),
    a registered type tag (``"parliament:hearing"``) or a class itself."""
    if isinstance(target, type):
        return target
    found = _MODEL_CLASSES.get(target)
    if found is not None:
        return found
    if ":" in target:
        # Tags are set on classes when they are registered, in any registry.
        pending = [Entity]
        while pending:
            cls = pending.pop()
            if cls.__dict__.get("tag") == target:
                return cls
            pending.extend(subclasses(cls))
    raise LookupError(
        f"refs target {target!r} is neither a model class name nor the tag of a registered class"
    )


#: The registry of the library's own type tags, and of those registered with
#: :func:`communique.register`.
default_registry: Final = Registry()
for _cls in CORE_TYPES:
    default_registry.register(_cls, _cls.tag, core=True)


@overload
def register(cls: type[E], tag: str) -> type[E]: ...
@overload
def register(cls: str) -> Callable[[type[E]], type[E]]: ...
def register(cls: type[E] | str, tag: str | None = None) -> type[E] | Callable[[type[E]], type[E]]:
    """Register a downstream subclass under its own namespaced tag in the default
    registry; usable as a call or as a decorator.

    >>> import attrs, communique as cq
    >>> @cq.register("example:hearing")
    ... @attrs.frozen(kw_only=True)
    ... class Hearing(cq.Event):
    ...     committee: str | None = None
    >>> Hearing.tag, cq.default_registry.get("example:hearing") is Hearing
    ('example:hearing', True)
    """
    if isinstance(cls, str):
        return default_registry.register(cls)
    if tag is None:
        raise TypeError("register(cls, tag) needs a tag")
    return default_registry.register(cls, tag)
