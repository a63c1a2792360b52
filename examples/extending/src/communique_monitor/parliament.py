"""Parliamentary hearings: an event a committee holds, with the witnesses it hears."""

from __future__ import annotations

from typing import Final

import attrs

import communique as cq

__all__ = ["COMMITTEE", "HEARING", "RAPPORTEUR", "Hearing"]

#: The event kind of a hearing, the organisation kind of a committee and the
#: role of the member who reports on the matter heard.
HEARING: Final = cq.EventKind.extend(
    "parliament:hearing",
    "Parliamentary hearing",
    "A sitting at which a parliamentary committee hears witnesses.",
)
COMMITTEE: Final = cq.OrganizationKind.extend(
    "parliament:committee", "Parliamentary committee", "A committee of a parliament."
)
RAPPORTEUR: Final = cq.ParticipantRole.extend(
    "parliament:rapporteur", "Rapporteur", "The member who reports to the committee on the matter."
)


@attrs.frozen(kw_only=True)
class Hearing(cq.Event):
    """A hearing held by a parliamentary committee.

    ``committee`` is the organisation holding it, ``witnesses`` the agents it
    heard, ``examines`` the documents before it, and ``follows`` an earlier
    hearing of the same inquiry.

    Its meaning is declared with its fields, as the library's own classes declare
    theirs: the committee is the hearing's organiser and the witnesses are
    witnesses (so ``record.events.by(committee)`` and ``involving(witness)`` find
    it); it is dated as an event is, and its inquiry is part of its text (so
    ``mentioning`` finds it by the inquiry's name).

    >>> Hearing(id="event:h", committee="org:c").kind.label
    'Parliamentary hearing'
    """

    meaning = attrs.evolve(cq.Event.meaning, texts=(*cq.Event.meaning.texts, "inquiry"))

    kind: cq.EventKind = attrs.field(default=HEARING, converter=cq.EventKind)
    committee: str = attrs.field(metadata=cq.refs("Organization", role="organiser"))
    inquiry: str | None = None
    witnesses: tuple[str, ...] = attrs.field(default=(), metadata=cq.refs("Agent", role="witness"))
    examines: tuple[str, ...] = attrs.field(default=(), metadata=cq.refs("Document"))
    follows: str | None = attrs.field(default=None, metadata=cq.refs("parliament:hearing"))
