"""Suggestions for a misspelt id or name, offered only when one is close."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["close_ids", "close_names"]


def close_names(wanted: str, known: Iterable[str], n: int = 1) -> list[str]:
    """The known names close to ``wanted`` (at most ``n``), the closest first.

    >>> close_names("persn", ["person", "organization", "state"])
    ['person']
    """
    return difflib.get_close_matches(wanted, list(known), n=n, cutoff=0.75)


def close_ids(wanted: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known ids close to ``wanted``, the closest first.

    Ids share their type prefix (``org:``), which would make every short id look
    like every other: ids of the same prefix are compared by their slugs.

    >>> ids = ["org:un", "org:eu", "person:vladimir-norov"]
    >>> close_ids("person:vladimir-norow", ids), close_ids("org:xyz", ids)
    (['person:vladimir-norov'], [])
    >>> close_ids("persn:vladimir-norov", ids)
    ['person:vladimir-norov']
    """
    candidates = list(known)
    prefix, colon, slug = wanted.partition(":")
    if colon:
        slugs = {k.partition(":")[2]: k for k in candidates if k.startswith(prefix + ":")}
        found = difflib.get_close_matches(slug, list(slugs), n=n, cutoff=0.75)
        if found:
            return [slugs[s] for s in found]
    return difflib.get_close_matches(wanted, candidates, n=n, cutoff=0.85)
