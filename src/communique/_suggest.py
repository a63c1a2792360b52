""" "Did you mean": suggestions for a misspelt id or name, offered only when one is close.

Comparing a missing id with each of a record's ids costs seconds on a big record
(and more for a long id). A typo leaves either the start or the end of an id as
it was, so the ids that sort next to it, forwards or read backwards, are the
candidates (:class:`IdIndex`); only those few are compared.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Iterable
from typing import Final

__all__ = ["MAX_SUGGESTED_CHARS", "IdIndex", "close_ids", "close_names"]

#: Text longer than this is no typo of a name: no suggestion is looked for.
MAX_SUGGESTED_CHARS: Final = 200

# How many ids on each side of the missing one, in each order, are compared.
_NEIGHBOURS: Final = 24


def close_names(wanted: str, known: Iterable[str], n: int = 1) -> list[str]:
    """The known names close to ``wanted`` (at most ``n``), the closest first.

    >>> close_names("persn", ["person", "organization", "state"])
    ['person']
    """
    if len(wanted) > MAX_SUGGESTED_CHARS:
        return []
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
    if len(wanted) > MAX_SUGGESTED_CHARS:
        return []
    candidates = list(known)
    prefix, colon, slug = wanted.partition(":")
    if colon:
        slugs = {k.partition(":")[2]: k for k in candidates if k.startswith(prefix + ":")}
        found = difflib.get_close_matches(slug, list(slugs), n=n, cutoff=0.75)
        if found:
            return [slugs[s] for s in found]
    return difflib.get_close_matches(wanted, candidates, n=n, cutoff=0.85)


class IdIndex:
    """The ids of a record, sorted forwards and backwards, for suggestions.

    >>> IdIndex(["org:sco", "org:unodc", "person:vladimir-norov"]).close_to("person:vladimir-norow")
    ['person:vladimir-norov']
    >>> IdIndex(["org:un", "org:eu"]).close_to("org:xyz")
    []
    """

    def __init__(self, ids: Iterable[str]) -> None:
        self._forward = sorted(ids)
        self._backward = sorted(i[::-1] for i in self._forward)
        self._prefixes = sorted({i.partition(":")[0] for i in self._forward})

    def close_to(self, wanted: str, n: int = 3) -> list[str]:
        """Up to ``n`` ids close to ``wanted``, best first (see :func:`close_ids`)."""
        if len(wanted) > MAX_SUGGESTED_CHARS:
            return []
        candidates = set(_around(self._forward, wanted))
        candidates.update(i[::-1] for i in _around(self._backward, wanted[::-1]))
        prefix, colon, slug = wanted.partition(":")
        if colon and prefix not in self._prefixes:
            # A misspelt prefix sorts away from its ids: look where the closest prefix puts it.
            for near in difflib.get_close_matches(prefix, self._prefixes, n=1, cutoff=0.6):
                candidates.update(_around(self._forward, f"{near}:{slug}"))
        return close_ids(wanted, sorted(candidates), n=n)


def _around(ordered: list[str], wanted: str) -> list[str]:
    at = bisect_left(ordered, wanted)
    return ordered[max(0, at - _NEIGHBOURS) : at + _NEIGHBOURS]
