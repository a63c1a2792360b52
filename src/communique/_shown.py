"""Values shown in messages, cut when long, so that a message stays short
whatever the input: a 10 MB id gives a message of a line, not of 10 MB."""

from __future__ import annotations

import reprlib
from typing import Final

__all__ = ["LIMIT", "shown"]

#: The most characters of a text shown in a message.
LIMIT: Final = 80

_REPR: Final = reprlib.Repr()
_REPR.maxstring = LIMIT
_REPR.maxother = LIMIT


def shown(value: object, limit: int = LIMIT) -> str:
    """``repr(value)``, or for a long text its start and end with its length.

    >>> shown("person:x")
    "'person:x'"
    >>> shown("x" * 1000, 20)
    "'xxxxxxxxxxxxxx...xxxxx' (1000 characters)"
    """
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        tail = max(limit // 4, 1)
        cut = value[: limit - tail - 1] + "..." + value[-tail:]
        return f"{cut!r} ({len(value)} characters)"
    return _REPR.repr(value)
