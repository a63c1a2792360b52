"""Statements: what agents said or wrote, and how the source attributes it."""

from __future__ import annotations

from attrs import converters, field, frozen

from ..dates import Date
from ..vocab import AnswerStatus, Attribution, StatementKind
from ._base import Entity, Meaning, check_count, check_language, refs
from .money import Money
from .qualifiers import Style
from .quantities import Quantity
from .transcripts import Gap

__all__ = ["Statement"]


@frozen(kw_only=True)
class Statement(Entity):
    """Something said or written by one or several speakers.

    ``attribution`` keeps how the source gives it: only text in quotation marks is a
    ``direct_quote``; "Mr Norov said that ..." is ``reported`` by the publisher, who
    is ``reported_by``. A joint declaration has its collective author as speaker. An
    excerpt of a speech is ``part_of`` the speech; an answer ``replies_to`` a question.
    ``text`` is ``None`` when the content is not known (say, a turn left untranslated).

    In a transcript, ``turn`` is the statement's place in the order of turns of its
    event (:meth:`communique.Record.turns_of` lists them in order); an answer that
    declines or puts off the question says so in ``answer_status``; ``gaps`` marks
    what the transcript could not render (an inaudible word); ``interpreted_by``
    names the interpreters who rendered it. ``manner`` qualifies how it was made
    ("jointly", "firmly"), and ``document`` names the document that is its text (a
    joint statement issued as a text is both).

    >>> said = Statement(
    ...     id="statement:norov-goals",
    ...     kind="reported_speech",
    ...     speakers=("person:vladimir-norov",),
    ...     attribution="reported",
    ...     reported_by="org:sco-secretariat",
    ...     text="Mr Norov told the attendees about the goals and principles of the SCO.",
    ... )
    >>> said.attribution
    <Attribution.REPORTED: 'reported'>
    """

    tag = "statement"
    meaning = Meaning(
        dates=("date",),
        date_from=("part_of", "event", "replies_to", "document"),
        event=("event", "part_of", "replies_to"),
        texts=("text",),
        topics=("topics", "about"),
    )

    kind: StatementKind = field(converter=StatementKind)
    speakers: tuple[str, ...] = field(metadata=refs("Agent", nonempty=True, role="speaker", author=True))
    attribution: Attribution = field(converter=Attribution)
    text: str | None = None
    language: str | None = field(default=None, validator=check_language)
    capacity: str | None = None
    reported_by: str | None = field(default=None, metadata=refs("Agent", role="reporter"))
    event: str | None = field(default=None, metadata=refs("Event"))
    date: Date | None = None
    addressees: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="addressee"))
    replies_to: str | None = field(default=None, metadata=refs("Statement", acyclic=True))
    part_of: str | None = field(default=None, metadata=refs("Statement", acyclic=True))
    about: tuple[str, ...] = field(default=(), metadata=refs("Entity"))
    cites: tuple[str, ...] = field(default=(), metadata=refs("Document"))
    topics: tuple[str, ...] = ()
    amounts: tuple[Money, ...] = ()
    translated: bool | None = None
    attribution_note: str | None = None
    turn: int | None = field(default=None, validator=check_count)
    answer_status: AnswerStatus | None = field(
        default=None, converter=converters.optional(AnswerStatus)
    )
    gaps: tuple[Gap, ...] = ()
    interpreted_by: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="interpreter"))
    manner: tuple[Style, ...] = ()
    document: str | None = field(default=None, metadata=refs("Document"))
    quantities: tuple[Quantity, ...] = ()
