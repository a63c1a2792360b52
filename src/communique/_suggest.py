"""What a misspelt name was probably meant to be.

One idea of "close" for the names a user types in a record (fields, for now): a
suggestion that is far from what was written misleads more than none.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Final

__all__ = ["did_you_mean"]

# The similarity (difflib's ratio, 0 to 1) a name must reach to be suggested:
# 'speaker' and 'speakers' are 0.93 apart, 'rol' and 'roles' 0.75, while 'venue'
# and 'evidence' (0.62) are not the same word.
CLOSE: Final = 0.7


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``choices``, or ``""`` when
    none is close.

    >>> did_you_mean("speaker", ["speakers", "date", "text"])
    "; did you mean 'speakers'?"
    >>> did_you_mean("venue", ["evidence", "date"])
    ''
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=CLOSE)
    return f"; did you mean {close[0]!r}?" if close else ""
