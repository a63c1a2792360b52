"""Reactions: an agent's stance towards anything in the record, and where it was
expressed."""

from __future__ import annotations

from attrs import field, frozen

from ..dates import Date
from ..vocab import Stance
from ._base import Entity, Meaning, refs

__all__ = ["Reaction"]


@frozen(kw_only=True)
class Reaction(Entity):
    """How an agent received something: "the leaders welcomed the initiative", "the
    delegation noted with concern the report", "they condemned the attack",
    "expressed appreciation for the hospitality".

    ``agent`` takes the ``stance`` (a :class:`~communique.vocab.Stance`: support,
    welcome, appreciation, noted, concern, condemnation, opposition, ...) towards
    ``target``, any entity of the record: a statement, a commitment, a document,
    an event, a proposal, another agent. ``statement`` is where it was expressed
    (the joint statement, or a paragraph of it), ``event`` where it was expressed
    aloud; ``date`` is when, else the statement's or the event's date. ``text``
    keeps the words of the reaction ("welcomed the initiative"). A proposal's own
    ``responses`` stay where they are; :meth:`communique.Record.supporters_of`
    reads both.

    >>> Reaction(
    ...     id="reaction:leaders-welcome-facility",
    ...     agent="group:summit-leaders",
    ...     stance="welcome",
    ...     target="commitment:water-facility",
    ... ).stance.label
    'Welcome'
    """

    tag = "reaction"
    meaning = Meaning(
        dates=("date",),
        date_from=("statement", "event"),
        event=("event", "statement"),
        texts=("text",),
    )

    agent: str = field(metadata=refs("Agent", role="reactor", author=True))
    stance: Stance = field(converter=Stance)
    target: str = field(metadata=refs("Entity"))
    text: str | None = None
    statement: str | None = field(default=None, metadata=refs("Statement"))
    event: str | None = field(default=None, metadata=refs("Event"))
    date: Date | None = None
