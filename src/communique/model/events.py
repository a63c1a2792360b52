"""Events: meetings, roundtables, summits, sessions, press conferences, signings."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import converters, field, frozen

from ..dates import Date
from ..vocab import AttendanceMode, EventKind, ParticipantRole
from ._base import Entity, Evidence, Identifier, Meaning, check_country, refs
from ._convert import Keeps, keeping
from .qualifiers import Tone

__all__ = ["Event", "Participation", "Place"]


def _roles(values: Iterable[str]) -> tuple[ParticipantRole, ...]:
    roles = tuple(map(ParticipantRole, values))
    if not roles:
        raise ValueError("a participation needs at least one role")
    return roles


keeping(_roles, Keeps(ParticipantRole, many=True, nonempty=True))


@frozen(kw_only=True)
class Place:
    """Where an event took place. ``country`` is an ISO 3166-1 alpha-2 code."""

    name: str
    locality: str | None = None
    country: str | None = field(default=None, validator=check_country)
    identifiers: tuple[Identifier, ...] = ()


@frozen(kw_only=True)
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


@frozen(kw_only=True)
class Event(Entity):
    """Something that happened: a gathering, an adoption, an accession, a signing.

    An event can be a part of another (``part_of``: the online part of a roundtable,
    a session of a summit) or held on its sidelines (``sidelines_of``).
    ``atmosphere`` says how it went, as the source describes it ("friendly",
    "business-like"), each with its evidence.

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
    organisers: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="organiser", author=True))
    participants: tuple[Participation, ...] = ()
    part_of: str | None = field(default=None, metadata=refs("Event", acyclic=True))
    sidelines_of: str | None = field(default=None, metadata=refs("Event"))
    topics: tuple[str, ...] = ()
    atmosphere: tuple[Tone, ...] = ()
