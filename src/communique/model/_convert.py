"""What the converters of model fields leave as they are.

A field's converter runs whenever a model object is made. The fast path of
loading (:mod:`communique._fast`) has already made each value of its final type,
so it asks :func:`keeps` which values a converter would return unchanged and
calls the converter only for other values: the object is the same either way.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import NamedTuple, TypeVar

from attrs import converters

from ..vocab import Term

__all__ = ["Keeps", "keeping", "keeps", "nonempty_terms"]


class Keeps(NamedTuple):
    """The values a converter returns as they are: instances of ``cls`` (exactly
    that class), ``None`` too if ``optional``, or, if ``many``, tuples of them
    (as the same items in a tuple of its own), non-empty ones only if ``nonempty``."""

    cls: type
    optional: bool = False
    many: bool = False
    nonempty: bool = False


_KEPT: dict[object, Keeps] = {}
# Every converter attrs.converters.optional makes runs this code, over one
# free variable: the converter it wraps.
_OPTIONAL = converters.optional(str).__code__


def keeping(converter: Callable[..., object], keeps: Keeps) -> None:
    """Declare what ``converter`` (a function of the model) leaves unchanged."""
    _KEPT[converter] = keeps


def keeps(converter: object) -> Keeps | None:
    """What ``converter`` leaves unchanged, if that is known.

    A vocabulary or enum class used as a converter returns an instance of itself
    as it is (:class:`~communique.vocab.Term`, :class:`enum.Enum`), and
    ``attrs.converters.optional`` of one returns ``None`` too as it is.
    """
    if isinstance(converter, type):
        if issubclass(converter, Term) and converter.__new__ is Term.__new__:
            return Keeps(converter)
        if issubclass(converter, enum.Enum):
            return Keeps(converter)
        return None
    if getattr(converter, "__code__", None) is _OPTIONAL:
        (cell,) = getattr(converter, "__closure__", None) or (None,)
        inner = keeps(cell.cell_contents) if cell is not None else None
        if inner is not None and not inner.many and not inner.optional:
            return inner._replace(optional=True)
        return None
    try:
        return _KEPT.get(converter)
    except TypeError:  # an unhashable converter is none of ours
        return None


T = TypeVar("T", bound=Term)


def nonempty_terms(cls: type[T], values: Iterable[str], message: str) -> tuple[T, ...]:
    """The terms of ``cls`` that ``values`` name, one at least (else ``ValueError``
    with ``message``): the body of a converter of a field holding one or more terms
    (a participation's roles), which declares with :func:`keeping` that it keeps
    ``Keeps(cls, many=True, nonempty=True)``. A named function each, as attrs'
    type checking plugin reads converters."""
    terms = tuple(map(cls, values))
    if not terms:
        raise ValueError(message)
    return terms
