""" "Did you mean" for ids: candidates from a sorted index, not a scan of every id.

Comparing a missing id with each of a record's ids costs seconds on a big record
(and more for a long id). A typo leaves either the start or the end of an id as
it was, so the ids that sort next to it, forwards or read backwards, are the
candidates; only those few are compared.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Iterable
from typing import Final

__all__ = ["MAX_SUGGESTED_CHARS", "IdIndex"]

#: Text longer than this is no typo of a name: no suggestion is looked for.
MAX_SUGGESTED_CHARS: Final = 200

# How many ids on each side of the missing one, in each order, are compared.
_NEIGHBOURS: Final = 24


class IdIndex:
    """The ids of a record, sorted forwards and backwards, for suggestions.

    >>> IdIndex(["org:sco", "org:unodc", "person:vladimir-norov"]).close_to("person:vladimir-norow")
    ['person:vladimir-norov']
    """

    def __init__(self, ids: Iterable[str]) -> None:
        self._forward = sorted(ids)
        self._backward = sorted(i[::-1] for i in self._forward)

    def close_to(self, wanted: str, n: int = 3) -> list[str]:
        """Up to ``n`` ids close to ``wanted``, best first."""
        if len(wanted) > MAX_SUGGESTED_CHARS:
            return []
        candidates = set(_around(self._forward, wanted))
        candidates.update(i[::-1] for i in _around(self._backward, wanted[::-1]))
        return difflib.get_close_matches(wanted, sorted(candidates), n=n)


def _around(ordered: list[str], wanted: str) -> list[str]:
    at = bisect_left(ordered, wanted)
    return ordered[max(0, at - _NEIGHBOURS) : at + _NEIGHBOURS]
