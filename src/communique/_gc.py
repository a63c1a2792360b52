"""Pausing the garbage collector while a load makes many objects at once.

Loading builds trees of new, immutable objects (entities, their values, tuples and
strings) that hold no reference cycles, so the cyclic collector has nothing to free
while a load runs; what it does cost is walking every young object again and again,
and whole-heap collections as the heap grows: a third or more of the time of a
bulk load. The collector is paused for the load and resumed after it, as it was.

What the load made is long-lived (a record is loaded to be used), so on resuming
it is moved to the oldest generation at once (:func:`gc.freeze` and
:func:`gc.unfreeze` move every tracked object there without walking them), as two
young collections would have moved it after walking it twice: the first
collection after a load no longer walks the whole record. The objects the program
held before are moved with it, which only changes when a cycle among them is
found, never whether it is. A program that froze objects itself (to share them
with forked workers) keeps them frozen: the move is skipped.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

__all__ = ["gc_paused", "paused"]

P = ParamSpec("P")
R = TypeVar("R")


class _Pause:
    """How many loads are running, and whether the collector was on before the first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.resume = False


_state = _Pause()


@contextmanager
def paused() -> Iterator[None]:
    """Pause the collector for the block; nested and concurrent uses resume it once,
    when the last of them ends, and only if it was on when the first began.

    >>> import gc
    >>> with paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    with _state.lock:
        if _state.depth == 0:
            _state.resume = gc.isenabled()
            gc.disable()
        _state.depth += 1
    try:
        yield
    finally:
        with _state.lock:
            _state.depth -= 1
            if _state.depth == 0 and _state.resume:
                if gc.get_freeze_count() == 0:
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()


def gc_paused(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with the collector paused (see :func:`paused`)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused():
            return fn(*args, **kwargs)

    return wrapper
