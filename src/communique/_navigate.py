"""The helpers of navigation (the :class:`~communique.Record` methods that follow
references), and :class:`Participant`, the resolved participation they answer with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final, TypeVar

from attrs import frozen

from ._arguments import days
from ._index import Span, span_of_dates
from .dates import Date
from .model import (
    Agent,
    Entity,
    Membership,
    Participation,
)
from .model._meaning import normalize
from .query import DateLike, Query
from .vocab import AttendanceMode, Stance

if TYPE_CHECKING:
    from .record import Record

__all__ = [
    "MEMBER_STATUSES",
    "OPPOSITION",
    "SUPPORT",
    "Participant",
    "due_within",
    "held",
    "picked",
    "running",
    "stances",
    "title_key",
]

E = TypeVar("E", bound=Entity)

#: The stances that count as support in :meth:`communique.Record.supporters_of`.
SUPPORT = frozenset(
    {"support", "general_support", "conditional_support", "welcome", "endorsement", "appreciation"}
)
#: The stances that count as opposition in :meth:`communique.Record.opponents_of`.
OPPOSITION = frozenset({"opposition", "condemnation", "rejection"})
#: The membership statuses that :meth:`communique.Record.members_of` counts by default.
MEMBER_STATUSES = frozenset({"member", "founding_member", "permanent_member", "elected_member"})

_NOT_LETTERS: Final = re.compile(r"[\W_]+")


def title_key(title: str) -> str:
    """A post's title folded for comparison: case, accents, hyphens, spaces and
    punctuation left out.

    >>> title_key("Secretary-General") == title_key("secretary  general")
    True
    """
    return _NOT_LETTERS.sub("", normalize(title))


@frozen(kw_only=True)
class Participant:
    """An agent taking part in an event, resolved: who, in which roles, for whom.

    ``participation`` is the record's own :class:`~communique.Participation`, or
    ``None`` for an organiser the event names only among its ``organisers``.
    """

    agent: Agent
    roles: tuple[str, ...]
    on_behalf_of: Agent | None = None
    capacity: str | None = None
    attendance: AttendanceMode | None = None
    participation: Participation | None = None


def held(
    start: Date | None, end: Date | None, low: int, high: int, *, certain: bool, former: bool
) -> bool:
    """Whether a period from ``start`` to ``end`` covers the days ``low..high``
    (see :meth:`communique.Record.held_post_on` for what is possible and certain)."""
    first: Span | None = span_of_dates(start, start) if start is not None else None
    last: Span | None = span_of_dates(end, end) if end is not None else None
    if certain:
        if first is None or not first.certain or first.upper > low:
            return False
        if last is None:
            return not former
        return last.certain and last.lower >= high
    starts_in_time = first is None or first.low <= high
    ends_in_time = last is None or last.high >= low
    return starts_in_time and ends_in_time


def due_within(due: Date, low: int, high: int, *, certain: bool) -> bool:
    """Whether a commitment's deadline falls within the days ``low..high``: the
    date itself, or the end of a period (``2026/2030`` is due by the end of 2030);
    possibly (its days overlap them) or ``certain`` (they lie within)."""
    edtf = due.edtf.split("/")[-1] if due.is_interval else due.edtf
    if edtf in ("", "..") or edtf.startswith("["):
        return False  # an open or unknown end: no deadline to place
    try:
        end = Date(edtf=edtf)
    except ValueError:
        return False
    first, last = end.lower_day, end.upper_day
    if first is None or last is None:
        return False
    if certain:
        return low <= first and last <= high
    return first <= high and last >= low


def picked(record: Record, positions: Iterable[int], cls: type[E]) -> Query[E]:
    entities = record.query_index().entities
    return Query(record, [e for i in positions if isinstance(e := entities[i], cls)])


def stances(grouped: dict[Stance, list[Agent]], stances: frozenset[str]) -> list[Agent]:
    agents: list[Agent] = []
    for stance, group in grouped.items():
        if stance in stances:
            agents.extend(a for a in group if a not in agents)
    return agents


def running(memberships: Query[Membership], on: DateLike | None, certain: bool) -> list[Membership]:
    if on is None:
        return list(memberships)
    low, high = days(on)
    return [
        m for m in memberships if held(m.start, m.end, low, high, certain=certain, former=False)
    ]
