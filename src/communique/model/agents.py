"""Agents: the people, organisations, states and unnamed groups that take part."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import converters, field, frozen

from ..dates import Date
from ..vocab import MembershipStatus, OrganizationKind
from ._base import Entity, Evidence, Meaning, check_country, check_language, refs
from ._convert import Keeps, keeping, nonempty_terms

__all__ = [
    "Agent",
    "Group",
    "Membership",
    "MembershipRule",
    "Name",
    "Organization",
    "Person",
    "Post",
    "State",
]


def _statuses(values: Iterable[str]) -> tuple[MembershipStatus, ...]:
    return nonempty_terms(
        MembershipStatus, values, "a group defined by membership needs at least one status"
    )


keeping(_statuses, Keeps(MembershipStatus, many=True, nonempty=True))


@frozen(kw_only=True, weakref_slot=False)
class Name:
    """Another name of an agent: a translation, a former name, a short form."""

    name: str
    language: str | None = field(default=None, validator=check_language)
    note: str | None = None


@frozen(kw_only=True, weakref_slot=False)
class Post:
    """A post a person holds or held: a title in an organisation or a state.

    ``former`` marks a post the source calls past ("former Defence Minister") when
    its dates are not known; ``former_as_of`` is the day the source calls it so
    (most often the source's date), before which the post ended, so that it is not
    possibly held on or after that day (see :meth:`communique.Record.held_post_on`).
    """

    title: str
    organization: str | None = field(
        default=None, metadata=refs("Organization", "State", role="employer")
    )
    start: Date | None = None
    end: Date | None = None
    former: bool = False
    former_as_of: Date | None = None
    evidence: tuple[Evidence, ...] = ()


@frozen(kw_only=True)
class Agent(Entity):
    """Anyone who can take part, speak, propose or respond."""

    tag = "agent"
    meaning = Meaning(texts=("name", "other_names.name"))

    name: str
    other_names: tuple[Name, ...] = ()


@frozen(kw_only=True)
class Person(Agent):
    """A person, with the posts they hold or held over time.

    A person the source does not name ("a reporter", "Q" in a transcript) is a
    person of their own, ``unnamed``, with what the source calls them as ``name``
    and the outlet or body they are with, where known, as ``affiliation``.

    >>> Person(id="person:vladimir-norov", name="Vladimir Norov",
    ...        posts=(Post(title="Secretary-General", organization="org:sco"),)).posts[0].title
    'Secretary-General'
    """

    tag = "person"

    honorific: str | None = None
    posts: tuple[Post, ...] = ()
    unnamed: bool = False
    affiliation: str | None = field(
        default=None, metadata=refs("Organization", "State", role="affiliation")
    )


@frozen(kw_only=True)
class Organization(Agent):
    """An organisation: an intergovernmental body, an institute, a government, a movement."""

    tag = "organization"
    meaning = Meaning(dates=("founded",), texts=("name", "acronym", "other_names.name"))

    kind: OrganizationKind | None = field(
        default=None, converter=converters.optional(OrganizationKind)
    )
    acronym: str | None = None
    parent: str | None = field(
        default=None, metadata=refs("Organization", "State", acyclic=True, role="parent")
    )
    country: str | None = field(default=None, validator=check_country)
    founded: Date | None = None
    dissolved: Date | None = None


@frozen(kw_only=True)
class State(Agent):
    """A sovereign state, with its ISO 3166-1 alpha-2 code."""

    tag = "state"

    country: str = field(validator=check_country)


@frozen(kw_only=True)
class Group(Agent):
    """An unnamed collective ("experts from Austrian research centres").

    ``members`` links the agents it is known to be made of, ``drawn_from`` the
    bodies or states its members come from or represent. A group defined by a
    standing in a body ("the observer states of the organisation") says so in
    ``defined_by``; :meth:`communique.Record.group_members` resolves it on a day
    from the record's memberships.
    """

    tag = "group"

    members: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="member"))
    drawn_from: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="drawn_from"))
    country: str | None = field(default=None, validator=check_country)
    defined_by: MembershipRule | None = None


@frozen(kw_only=True, weakref_slot=False)
class MembershipRule:
    """Who belongs to a group defined by a standing in a body: the agents whose
    membership of ``organization`` has one of ``statuses`` ("the observer states":
    the organisation and ``observer``).

    >>> MembershipRule(organization="org:sco", statuses=("observer",)).statuses[0].label
    'Observer'
    """

    organization: str = field(metadata=refs("Organization", role="body"))
    statuses: tuple[MembershipStatus, ...] = field(converter=_statuses)


@frozen(kw_only=True)
class Membership(Entity):
    """An agent's standing in a body over a period: member, observer, dialogue partner.

    A change of status is a new membership; ``started_by`` and ``ended_by`` name the
    events (an accession, a withdrawal) that began or ended it.
    """

    tag = "membership"
    meaning = Meaning(dates=("start", "end"))

    member: str = field(metadata=refs("Agent", role="member"))
    organization: str = field(metadata=refs("Organization", role="body"))
    status: MembershipStatus = field(converter=MembershipStatus)
    start: Date | None = None
    end: Date | None = None
    started_by: str | None = field(default=None, metadata=refs("Event"))
    ended_by: str | None = field(default=None, metadata=refs("Event"))
