"""Series of events: an annual summit, regular ministerial meetings, the sessions
of an assembly."""

from __future__ import annotations

from attrs import converters, field, frozen

from ..dates import Date
from ..vocab import EventKind, Recurrence
from ._base import Entity, Meaning, refs
from .agents import Name

__all__ = ["EventSeries"]


@frozen(kw_only=True)
class EventSeries(Entity):
    """Events that recur under one name: an annual summit since 2009, the regular
    meetings of foreign ministers, the sessions of an assembly.

    Each event of the series names it in its ``series`` and gives its ``ordinal``
    ("the 45th summit"); the series says how often they recur (``recurrence``),
    what kind of events they are, who organises them and ``since`` when.

    >>> series = EventSeries(id="series:council-meetings", title="Meetings of the Council",
    ...                      recurrence="regular", organisers=("org:council",))
    >>> series.recurrence.label
    'Regular'
    """

    tag = "event_series"
    meaning = Meaning(dates=("since",), texts=("title", "other_names.name"))

    title: str
    other_names: tuple[Name, ...] = ()
    kind: EventKind | None = field(default=None, converter=converters.optional(EventKind))
    recurrence: Recurrence | None = field(default=None, converter=converters.optional(Recurrence))
    organisers: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="organiser"))
    since: Date | None = None
