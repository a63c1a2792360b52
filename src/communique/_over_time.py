"""Questions asked of what changes over time: whether an event was held or is
still to come, the level of a relation on a day, the members of a group defined
by a standing, and relative dates worked out again from their anchors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._arguments import days
from ._navigate import held, running
from .dates import Date, DateError
from .model import Agent, Entity, Event, Group, Post, Relation
from .model._meaning import date_of, replaced
from .query import DateLike, Query
from .vocab import EventStatus, MembershipStatus, RelationLevel

if TYPE_CHECKING:
    from .record import Record

__all__ = [
    "PLANNED_STATUSES",
    "group_members",
    "held_events",
    "planned_events",
    "post_held",
    "relation_level",
    "resolve_relative_dates",
]

#: The statuses of an event that is still to come.
PLANNED_STATUSES: Final = frozenset(
    {EventStatus.ANNOUNCED, EventStatus.PLANNED, EventStatus.SCHEDULED, EventStatus.POSTPONED}
)


def held_events(record: Record) -> Query[Event]:
    """The events that took place: those recorded with no status, or whose last
    status is ``held``."""
    return record.events.filter(lambda e: e.status is EventStatus.HELD)


def planned_events(record: Record) -> Query[Event]:
    """The events still to come: announced, planned, scheduled or postponed."""
    return record.events.filter(lambda e: e.status in PLANNED_STATUSES)


def post_held(post: Post, low: int, high: int, *, certain: bool) -> bool:
    """Whether a post is held (possibly, or certainly) on the days ``low..high``:
    as :func:`communique._navigate.held` says, and, for a post the source calls
    former as of a day, never on or after that day."""
    if post.former_as_of is not None:
        before = post.former_as_of.upper_day
        if before is not None and low >= before:
            return False
    return held(post.start, post.end, low, high, certain=certain, former=post.former)


def relation_level(relation: Relation, on: DateLike) -> RelationLevel | None:
    """The level a relation had on a day: the last of its ``levels`` reached on or
    before that day (possibly: a level dated only by its year counts from the
    year's start), or ``None`` before the first or outside the relation's period."""
    low, high = days(on)
    if not held(relation.start, relation.end, low, high, certain=False, former=False):
        return None
    found: RelationLevel | None = None
    for change in relation.levels:
        since = change.date.lower_day if change.date is not None else None
        if since is None or since <= high:
            found = change.level
    return found


def group_members(
    record: Record, group: Group, on: DateLike | None, *, certain: bool
) -> list[Agent]:
    """The members of a group: those it names, and for a group defined by a
    standing in a body, the agents whose membership of that standing runs on the
    day (every such agent without ``on``)."""
    found: list[Agent] = [record.get(m, Agent) for m in group.members]
    rule = group.defined_by
    if rule is None:
        return found
    wanted: frozenset[MembershipStatus] = frozenset(rule.statuses)
    memberships = record.memberships.involving(rule.organization, roles=("body",)).filter(
        lambda m: m.status in wanted
    )
    for membership in running(memberships, on, certain):
        agent = record.get(membership.member, Agent)
        if agent not in found:
            found.append(agent)
    return found


#: How many times relative dates are worked out again, at most: enough for a chain
#: of dates each relative to the next.
_ROUNDS: Final = 8


def resolve_relative_dates(record: Record) -> list[Entity] | None:
    """The entities of the record with every date relative to another entity
    (``relative_to``) worked out again from that entity's date, so that a
    corrected anchor corrects the dates that count from it; ``None`` when none
    changes. A date whose anchor is missing or undated is kept as it is
    (validation reports a missing anchor)."""
    from .record import Record

    current = record
    for _ in range(_ROUNDS):
        entities = [_resolved(e, current) for e in current.entities]
        if all(a is b for a, b in zip(entities, current.entities, strict=True)):
            break
        current = Record(entities)
    return None if current is record else list(current.entities)


def _resolved(value: Any, record: Record) -> Any:
    return replaced(value, Date, lambda date: _resolve(date, record))


def _resolve(date: Date, record: Record) -> Date:
    if date.relative_to is None:
        return date
    anchor = record.find(date.relative_to)
    if anchor is None:
        return date
    dates = date_of(anchor, record.find)
    first = dates[0] if dates else None
    if first is None or first is date:
        return date
    try:
        return date.resolved(first)
    except DateError:
        return date  # an anchor with no known start: nothing to count from
