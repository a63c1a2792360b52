"""Commitments: undertakings by agents, who carries them out, by when, on what
condition, and where they stand over time."""

from __future__ import annotations

from attrs import field, frozen

from ..dates import Date
from ..vocab import CommitmentStatus
from ._base import Entity, Evidence, Meaning, refs
from .quantities import Quantity

__all__ = ["Commitment", "CommitmentStatusChange"]


@frozen(kw_only=True, weakref_slot=False)
class CommitmentStatusChange:
    """The status a commitment reached (announced, under way, fulfilled, lapsed, ...),
    when, and where that is said."""

    status: CommitmentStatus = field(converter=CommitmentStatus)
    date: Date | None = None
    event: str | None = field(default=None, metadata=refs("Event"))
    statement: str | None = field(default=None, metadata=refs("Statement"))
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


@frozen(kw_only=True)
class Commitment(Entity):
    """An undertaking: "we commit to ...", "the United States will ... through its
    development agency", "both sides agreed to set up a joint committee by the end
    of the year".

    Not a proposal (which others act on): those who undertake it are its
    ``committers`` (one agent, several, or a collective such as the group of
    leaders), and it is carried out by its ``implementers`` (named agencies, bodies,
    programmes), which may be others. ``text`` is what is undertaken; ``due`` is by
    when: a deadline (``2027-12``, "by the end of 2027") or a period
    (``2026/2030``, "over the next five years"); ``condition`` the condition the
    text attaches ("subject to their constitutional processes"). It was made in a
    ``statement`` (or a paragraph of one, a statement ``part_of`` it), carried by a
    ``document`` and made at an ``event``; ``date`` is when, else the statement's
    or the event's date. ``statuses`` follow it over time; ``quantities`` hold the
    amounts it pledges. How others received it is recorded as
    :class:`~communique.Reaction` entities whose ``target`` is the commitment.

    >>> commitment = Commitment(
    ...     id="commitment:water-facility",
    ...     text="to establish a regional water-security facility",
    ...     committers=("group:summit-leaders",),
    ...     implementers=("org:regional-development-agency",),
    ...     due=Date(edtf="2027-12", phrase="by the end of 2027"),
    ...     condition="subject to their respective budgetary procedures",
    ...     statuses=(CommitmentStatusChange(status="announced"),),
    ... )
    >>> commitment.statuses[0].status.label
    'Announced'
    """

    tag = "commitment"
    meaning = Meaning(
        dates=("date",),
        date_from=("statement", "event"),
        event=("event", "statement"),
        texts=("title", "text"),
        topics=("topics",),
    )

    text: str
    title: str | None = None
    committers: tuple[str, ...] = field(metadata=refs("Agent", nonempty=True, role="committer", author=True))
    implementers: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="implementer"))
    beneficiaries: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="beneficiary"))
    due: Date | None = None
    condition: str | None = None
    statement: str | None = field(default=None, metadata=refs("Statement"))
    document: str | None = field(default=None, metadata=refs("Document"))
    event: str | None = field(default=None, metadata=refs("Event"))
    date: Date | None = None
    topics: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    statuses: tuple[CommitmentStatusChange, ...] = ()
