"""Drafting a record from a text: every fact found with the span it rests on.

:func:`draft` runs the registered :data:`recognisers` (dates, states,
organisations, people, groups, documents, events, statements, proposals: one
module per family) over a text and assembles what they find into a
:class:`~communique.Record` for a curator to check. Each drafted entity carries
the evidence of its first mentions and, as extension values, the confidence and
the name of the recogniser that found it.

>>> import communique as cq
>>> text = ("On 12 May, OSCE Secretary-General Anna Keller visited Vienna. "
...         "Ms Keller said that the OSCE would open an office there.")
>>> drafted = cq.draft(text, published="2031-05-14", publisher="org:osce")
>>> drafted.record.get("person:anna-keller", cq.Person).posts[0].title
'Secretary-General'
>>> [str(d.value.edtf) for d in drafted.dates]
['2031-05-12']
>>> drafted.record.validate()
[]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from attrs import frozen

from ..dates import Date
from ..model import Source
from ._assemble import CONFIDENCE, RECOGNISER, assemble, source_id
from ._core import Context, DraftError, Fact, Recogniser, Recognisers, Span, recognisers
from ._known import link

if TYPE_CHECKING:
    from ..record import Record

__all__ = [
    "CONFIDENCE",
    "RECOGNISER",
    "Context",
    "Draft",
    "DraftError",
    "Fact",
    "Recogniser",
    "Recognisers",
    "Span",
    "draft",
    "recognisers",
]


@frozen
class Draft:
    """A drafted record and the facts it was made from.

    ``record`` holds a :class:`~communique.Source` for the text and the entities
    found; ``facts`` every fact with its span, recogniser and confidence, in the
    order found, dates included (they are fields of events and documents in the
    record).
    """

    record: Record
    facts: tuple[Fact, ...]

    @property
    def dates(self) -> tuple[Fact, ...]:
        """The facts that are dates, in text order."""
        return tuple(
            sorted((f for f in self.facts if f.kind == "date"), key=lambda f: f.span.start)
        )

    def facts_of(self, entity_id: str) -> tuple[Fact, ...]:
        """The facts about one entity: each mention, with its recogniser and confidence."""
        return tuple(
            f for f in self.facts if f.kind != "date" and getattr(f.value, "id", None) == entity_id
        )


def _known(known: Record | str | Path | None) -> Record | None:
    if known is None:
        return None
    if isinstance(known, (str, Path)):
        from .._io import load

        return load(known)
    return known


def draft(
    text: str,
    *,
    published: Date | str | None = None,
    publisher: str | None = None,
    known: Record | str | Path | None = None,
    language: str = "en",
    using: Recognisers | None = None,
) -> Draft:
    """Draft a record from ``text``: a source for it and the entities found.

    ``published`` (a :class:`~communique.Date` or EDTF text) anchors relative dates
    ("last May", "4 March"); ``publisher`` is the id of the agent that published the
    text, to whom reported speech is attributed. ``known`` is a record (or a file or
    folder of records) whose organisations are recognised by name, acronym and other
    names and linked by their ids; its entities are not repeated in the draft.
    ``using`` is a registry of recognisers (default: :data:`recognisers`).
    """
    if language != "en":
        raise ValueError(
            f"drafting reads English only for now, not {language!r}: register recognisers for it"
        )
    when = Date(published) if isinstance(published, str) else published
    record_known = _known(known)
    source = Source(
        id=source_id(text, when), publisher=publisher, date=when, language=language, text=text
    )
    context = Context(
        text,
        published=when,
        publisher=publisher,
        source=source.id,
        known=record_known,
        language=language,
    )
    facts = (using or recognisers).run(context)
    if record_known is not None:
        facts = link(facts, record_known)
    known_ids = frozenset(e.id for e in record_known) if record_known is not None else frozenset()
    from ..record import Record

    return Draft(Record(assemble(facts, source, known_ids)), tuple(facts))
