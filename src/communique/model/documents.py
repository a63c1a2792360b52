"""Documents and sources: the texts cited and the published items facts come from."""

from __future__ import annotations

from attrs import Attribute, converters, field, frozen

from ..dates import Date
from ..errors import FieldError
from ..vocab import DocumentKind, DocumentStatus, SourceKind
from ._base import Entity, Meaning, check_language, refs

__all__ = ["Document", "Source"]


@frozen(kw_only=True)
class Document(Entity):
    """A document: a charter, convention, strategy, roadmap, resolution, declaration.

    A joint declaration is a document (the adopted text, with its parties) and, as a
    separate :class:`~communique.Statement`, what its collective author declared.
    ``revises`` names the earlier version this one replaces; ``based_on``, the
    documents and statements it was drawn up from (a programme formulated from joint
    addresses, a resolution from a report). A UN document symbol goes in
    ``identifiers`` with the scheme ``un-symbol``.
    """

    tag = "document"
    meaning = Meaning(
        dates=("adopted",), event=("adopted_at",), texts=("title", "acronym"), topics=("topics",)
    )

    title: str
    kind: DocumentKind = field(converter=DocumentKind)
    acronym: str | None = None
    status: DocumentStatus | None = field(
        default=None, converter=converters.optional(DocumentStatus)
    )
    adopted: Date | None = None
    adopted_at: str | None = field(default=None, metadata=refs("Event"))
    adopted_by: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="adopter"))
    parties: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="party"))
    revises: str | None = field(default=None, metadata=refs("Document", acyclic=True))
    based_on: tuple[str, ...] = field(default=(), metadata=refs("Document", "Statement"))
    language: str | None = field(default=None, validator=check_language)
    url: str | None = None
    topics: tuple[str, ...] = ()


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
    publisher: str | None = field(default=None, metadata=refs("Agent", role="publisher"))
    authors: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="author"))
    date: Date | None = None
    url: str | None = None
    language: str | None = field(default=None, validator=check_language)
    text: str | None = None
    text_file: str | None = field(default=None, validator=_check_text_file)
