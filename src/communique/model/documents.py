"""Documents and sources: the texts cited and the published items facts come from."""

from __future__ import annotations

from attrs import Attribute, converters, field, frozen

from ..dates import Date
from ..errors import FieldError
from ..vocab import DocumentKind, DocumentRelation, DocumentStatus, ProvisionRole, SourceKind
from ._base import Check, Entity, Evidence, Meaning, check_language, check_languages, refs
from .agents import Name

__all__ = ["Document", "DocumentLink", "Provision", "Source"]


@frozen(kw_only=True, weakref_slot=False)
class DocumentLink:
    """How a document relates to another one: it is based on it, amends,
    supersedes or implements it, closely follows its text (see
    :class:`~communique.vocab.DocumentRelation`).

    >>> DocumentLink(relation="supersedes", document="document:plan-2016").relation.label
    'Supersedes'
    """

    relation: DocumentRelation = field(converter=DocumentRelation)
    document: str = field(metadata=refs("Document"))
    evidence: tuple[Evidence, ...] = ()


@frozen(kw_only=True)
class Document(Entity):
    """A document: a charter, convention, strategy, roadmap, resolution, declaration.

    A joint declaration is a document (the adopted text, with its parties) and, as a
    separate :class:`~communique.Statement`, what its collective author declared;
    the statement's ``document`` names the document that is its text.
    ``revises`` names the earlier version this one replaces; ``based_on``, the
    documents and statements it was drawn up from (a programme formulated from joint
    addresses, a resolution from a report). A UN document symbol goes in
    ``identifiers`` with the scheme ``un-symbol``.

    As a structured text: ``short_title`` and ``other_titles`` (a declaration known
    by a second name); ``period``, the period it applies to as an EDTF interval
    (``2021/2025`` for a plan of action); its numbered paragraphs are
    :class:`Provision` entities that name it; an annex or part is a document of its
    own, ``part_of`` this one, with its ``label`` ("Annex II"); ``relations`` to
    other documents (it amends, supersedes, implements one...); ``in_force``, the
    date it entered into force, and ``in_force_condition``, what its entry into
    force depends on; its ``depositary`` and its ``authentic_languages`` (BCP 47).

    >>> from communique import Date
    >>> plan = Document(id="document:plan", title="Plan of Action 2021-2025", kind="action_plan",
    ...                 short_title="Plan of Action", period=Date("2021/2025"),
    ...                 authentic_languages=("en", "fr"))
    >>> plan.period.edtf, plan.authentic_languages
    ('2021/2025', ('en', 'fr'))
    """

    tag = "document"
    meaning = Meaning(
        dates=("adopted",),
        event=("adopted_at",),
        texts=("title", "acronym", "short_title", "other_titles.name", "label"),
        topics=("topics",),
    )

    title: str
    kind: DocumentKind = field(converter=DocumentKind)
    acronym: str | None = None
    status: DocumentStatus | None = field(
        default=None, converter=converters.optional(DocumentStatus)
    )
    adopted: Date | None = None
    adopted_at: str | None = field(default=None, metadata=refs("Event"))
    adopted_by: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="adopter", author=True))
    parties: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="party"))
    revises: str | None = field(default=None, metadata=refs("Document", acyclic=True))
    based_on: tuple[str, ...] = field(default=(), metadata=refs("Document", "Statement"))
    language: str | None = field(default=None, validator=check_language)
    url: str | None = None
    topics: tuple[str, ...] = ()
    short_title: str | None = None
    other_titles: tuple[Name, ...] = ()
    period: Date | None = None
    part_of: str | None = field(default=None, metadata=refs("Document", acyclic=True))
    label: str | None = None
    relations: tuple[DocumentLink, ...] = ()
    in_force: Date | None = None
    in_force_condition: str | None = None
    depositary: str | None = field(default=None, metadata=refs("Agent", role="depositary"))
    authentic_languages: tuple[str, ...] = field(default=(), validator=check_languages)


@frozen(kw_only=True)
class Provision(Entity):
    """A numbered paragraph or provision of a document, which statements and other
    entities can refer to by its id.

    ``number`` is as the document writes it ("3", "PP2", "5 (b)"); ``role`` says
    whether it is preambular or operative (:class:`~communique.vocab.ProvisionRole`);
    ``lead_verb`` is the word it opens with ("Welcoming", "Decides"). A
    subparagraph is ``part_of`` its paragraph. It takes its date and its event from
    its document; :meth:`communique.Record.provisions_of` lists a document's
    provisions in order.

    >>> p = Provision(id="provision:res-1-op-2", document="document:res-1", number="2",
    ...               role="operative", lead_verb="Decides",
    ...               text="Decides to convene a high-level meeting in 2026;")
    >>> p.role.label, p.lead_verb
    ('Operative', 'Decides')
    """

    tag = "provision"
    meaning = Meaning(date_from=("document",), event=("document",), texts=("text", "number"))

    document: str = field(metadata=refs("Document"))
    number: str | None = None
    role: ProvisionRole | None = field(default=None, converter=converters.optional(ProvisionRole))
    lead_verb: str | None = None
    text: str | None = None
    part_of: str | None = field(default=None, metadata=refs("Provision", acyclic=True))


@Check.of("text_file")
def _check_text_file(_: object, attribute: Attribute[str | None], value: str | None) -> None:
    # No file name holds a NUL: Python refuses to open one (a ValueError, not an
    # OSError), so it is refused here, where it is read.
    if value is not None and "\x00" in value:
        raise FieldError(attribute.name, "a file name cannot hold a NUL character (U+0000)")


@frozen(kw_only=True)
class Source(Entity):
    """A published item that facts come from: a press release, an article, a transcript.

    The text is given inline (``text``) or in a file beside the record
    (``text_file``, a path relative to the record file), never both. Offsets of
    :class:`~communique.Evidence` count characters in that text.
    """

    tag = "source"
    meaning = Meaning(dates=("date",), texts=("title", "text"))

    title: str | None = None
    kind: SourceKind | None = field(default=None, converter=converters.optional(SourceKind))
    publisher: str | None = field(default=None, metadata=refs("Agent", role="publisher", author=True))
    authors: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="author", author=True))
    date: Date | None = None
    url: str | None = None
    language: str | None = field(default=None, validator=check_language)
    text: str | None = None
    text_file: str | None = field(default=None, validator=_check_text_file)
