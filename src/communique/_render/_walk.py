"""One pass over an entity's fields collecting its evidence and its references, each
with its field path (``$.participants[0].evidence[1]``), as validation writes them.

It follows the ``refs`` metadata like :mod:`communique._links`, in one recursive
pass without generators: the site walks every entity of records of hundreds of
thousands, and this walk is most of the time spent outside the templates.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import attrs

from ..dates import Date
from ..model import Evidence

__all__ = ["Found", "walk"]

#: (evidence with their paths, references with their paths)
Found = tuple[list[tuple[str, Evidence]], list[tuple[str, str]]]


@cache
def _plan(cls: Any) -> tuple[tuple[str, bool], ...]:
    return tuple((a.name, bool(a.metadata.get("refs"))) for a in attrs.fields(cls))


@cache
def _nested(cls: type) -> bool:
    return attrs.has(cls) and not issubclass(cls, Date)


def walk(value: object) -> Found:
    """The evidence and the references below ``value`` (an entity), in field order."""
    found: Found = ([], [])
    _fields(value, "$", found)
    return found


def _fields(value: object, path: str, found: Found) -> None:
    cls: Any = type(value)
    for name, is_ref in _plan(cls):
        item = getattr(value, name)
        if item is None or item == ():
            continue
        if type(item) is tuple:
            for index, element in enumerate(item):
                _one(element, f"{path}.{name}[{index}]", is_ref, found)
        else:
            _one(item, f"{path}.{name}", is_ref, found)


def _one(item: object, path: str, is_ref: bool, found: Found) -> None:
    kind: Any = type(item)
    if kind is str:
        if is_ref:
            found[1].append((path, str(item)))
    elif isinstance(item, Evidence):
        found[0].append((path, item))
    elif _nested(kind):
        _fields(item, path, found)
