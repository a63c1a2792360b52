"""Paths into JSON data (tuples of keys and indexes), for tests that change one
value of an entity's data or add a key to one of its objects."""

from __future__ import annotations

from typing import Any


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value inside ``value``, depth first (not its own)."""
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += paths(item, (*prefix, index))
    return out


def at(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` in ``data``."""
    for step in path:
        data = data[step]
    return data


def dict_paths(value: Any) -> list[tuple[Any, ...]]:
    """The path of every object in ``value``, its own (``()``) first if it is one."""
    return [p for p in [(), *paths(value)] if isinstance(at(value, p), dict)]
