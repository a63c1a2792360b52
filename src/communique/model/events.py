"""Events: meetings, roundtables, summits, sessions, press conferences, signings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

from attrs import Attribute, converters, field, frozen

from .._shown import shown
from ..dates import Date
from ..errors import FieldError
from ..vocab import AttendanceMode, EventKind, EventStatus, ParticipantRole, Sitting
from ._base import Check, Entity, Evidence, Identifier, Meaning, check_country, refs
from ._convert import Keeps, keeping, nonempty_terms
from .agents import Name
from .qualifiers import Tone

__all__ = ["Event", "EventStatusChange", "Participation", "Place"]


def _roles(values: Iterable[str]) -> tuple[ParticipantRole, ...]:
    return nonempty_terms(ParticipantRole, values, "a participation needs at least one role")


keeping(_roles, Keeps(ParticipantRole, many=True, nonempty=True))


@frozen(kw_only=True, weakref_slot=False)
class Place:
    """Where an event took place. ``country`` is an ISO 3166-1 alpha-2 code.

    ``organization`` names the body whose premises or seat the place is ("at the
    Secretariat", "at the headquarters of the organisation"); ``inferred`` marks a
    place the source does not state but the record works out (as on dates), and
    ``other_names`` its other names ("the Hofburg", "the Congress Centre").
    """

    name: str
    locality: str | None = None
    country: str | None = field(default=None, validator=check_country)
    identifiers: tuple[Identifier, ...] = ()
    organization: str | None = field(
        default=None, metadata=refs("Organization", "State", role="premises")
    )
    inferred: bool = False
    other_names: tuple[Name, ...] = ()


@frozen(kw_only=True, weakref_slot=False)
class Participation:
    """An agent's part in an event: roles, on whose behalf, in which capacity, how.

    ``capacity`` names the post the agent took part in, for a person holding several.
    """

    agent: str = field(metadata=refs("Agent", role_from="roles"))
    roles: tuple[ParticipantRole, ...] = field(converter=_roles)
    on_behalf_of: str | None = field(default=None, metadata=refs("Agent", role="represented"))
    capacity: str | None = None
    attendance: AttendanceMode | None = field(
        default=None, converter=converters.optional(AttendanceMode)
    )
    evidence: tuple[Evidence, ...] = ()


@frozen(kw_only=True, weakref_slot=False)
class EventStatusChange:
    """The status an event reached (announced, scheduled, held, postponed,
    cancelled), when, and where the record says so."""

    status: EventStatus = field(converter=EventStatus)
    date: Date | None = None
    evidence: tuple[Evidence, ...] = ()


@Check.of("ordinal", minimum=1)
def _check_ordinal(_: object, attribute: Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise FieldError(attribute.name, f"{shown(value)} is not an ordinal: it must be 1 or more")


# A time of day: hours and minutes, seconds optional.
_TIME: Final = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?")
# A UTC offset (+01:00, -05:30, Z) or an IANA zone name (Europe/Vienna).
_OFFSET_ZONE: Final = re.compile(r"Z|[+-](?:0[0-9]|1[0-4]):[0-5][0-9]")
_ZONE_NAME: Final = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*")


@Check.of("time", pattern=_TIME)
def _check_time(_: object, attribute: Attribute[Any], value: str | None) -> None:
    if value is not None and not (isinstance(value, str) and _TIME.fullmatch(value)):
        raise FieldError(
            attribute.name, f"{shown(value)} is not a time of day such as '08:30' or '15:05:30'"
        )


@Check.of("time_zone", pattern=re.compile(f"{_OFFSET_ZONE.pattern}|{_ZONE_NAME.pattern}"))
def _check_zone(_: object, attribute: Attribute[Any], value: str | None) -> None:
    if value is None:
        return
    if isinstance(value, str) and _OFFSET_ZONE.fullmatch(value):
        return
    if isinstance(value, str) and _ZONE_NAME.fullmatch(value) and _known_zone(value):
        return
    raise FieldError(
        attribute.name,
        f"{shown(value)} is not a time zone: write an IANA zone name ('Europe/Vienna') "
        "or a UTC offset ('+01:00', 'Z')",
    )


def _known_zone(name: str) -> bool:
    import zoneinfo  # imported on first use: only events with a time zone need it

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


@frozen(kw_only=True)
class Event(Entity):
    """Something that happened: a gathering, an adoption, an accession, a signing.

    An event can be a part of another (``part_of``: the online part of a roundtable,
    a session of a summit) or held on its sidelines (``sidelines_of``).
    ``atmosphere`` says how it went, as the source describes it ("friendly",
    "business-like"), each with its evidence.

    An event recorded with no ``statuses`` was held. One that was announced,
    scheduled, postponed or cancelled says so in ``statuses``, in the order the
    changes came, so that an announced meeting does not read as one that took
    place (:attr:`status`, :meth:`communique.Record.held_events`,
    :meth:`communique.Record.planned_events`).

    An event of a series (:class:`~communique.EventSeries`: an annual summit, the
    sessions of an assembly) names it in ``series``, with its ``ordinal`` ("the
    45th": 45; "the first-ever": 1). An institution's own identifiers are kept as
    it gives them: the ``session`` ("78"), the ``meeting_number`` (9123), the
    ``organ`` that met (a committee, the council in plenary) and the ``sitting``
    (morning, afternoon). ``time`` is the local time of day ("08:30") and
    ``time_zone`` the zone it is in (an IANA name, "Europe/Vienna", or an offset).

    >>> from communique import Date
    >>> event = Event(
    ...     id="event:2020-03-04-sco-aies-roundtable",
    ...     kind="roundtable",
    ...     date=Date("2020-03-04", inferred=True, phrase="On 4 March"),
    ...     participants=(Participation(agent="person:vladimir-norov", roles=("speaker",)),),
    ... )
    >>> event.kind.label, event.date.inferred
    ('Roundtable', True)
    """

    tag = "event"
    meaning = Meaning(
        dates=("date",), event=("part_of",), texts=("title", "subject"), topics=("topics",)
    )

    kind: EventKind = field(converter=EventKind)
    title: str | None = None
    subject: str | None = None
    date: Date | None = None
    place: Place | None = None
    attendance: AttendanceMode | None = field(
        default=None, converter=converters.optional(AttendanceMode)
    )
    organisers: tuple[str, ...] = field(
        default=(), metadata=refs("Agent", role="organiser", author=True)
    )
    participants: tuple[Participation, ...] = ()
    part_of: str | None = field(default=None, metadata=refs("Event", acyclic=True))
    sidelines_of: str | None = field(default=None, metadata=refs("Event"))
    topics: tuple[str, ...] = ()
    atmosphere: tuple[Tone, ...] = ()
    statuses: tuple[EventStatusChange, ...] = ()
    series: str | None = field(default=None, metadata=refs("EventSeries"))
    ordinal: int | None = field(default=None, validator=_check_ordinal)
    session: str | None = None
    meeting_number: int | None = field(default=None, validator=_check_ordinal)
    organ: str | None = field(default=None, metadata=refs("Organization", role="organ"))
    sitting: Sitting | None = field(default=None, converter=converters.optional(Sitting))
    time: str | None = field(default=None, validator=_check_time)
    time_zone: str | None = field(default=None, validator=_check_zone)

    @property
    def status(self) -> EventStatus:
        """Where the event stands: the last of its ``statuses``, or ``held`` for an
        event recorded with none.

        >>> Event(id="event:e", kind="meeting").status.label
        'Held'
        >>> Event(id="event:e", kind="meeting",
        ...       statuses=(EventStatusChange(status="announced"),)).status.label
        'Announced'
        """
        return self.statuses[-1].status if self.statuses else EventStatus.HELD
