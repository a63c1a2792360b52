"""Facts, the spans they stand on, and the registry of the recognisers that find them."""

from __future__ import annotations

import datetime as _dt
import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final, NamedTuple, TypeAlias, Union

from attrs import field, frozen

from ..dates import Date
from ..model import Entity, Event

if TYPE_CHECKING:
    from ..record import Record

__all__ = [
    "Context",
    "DraftError",
    "Fact",
    "Recogniser",
    "Recognisers",
    "Region",
    "Span",
    "event_of",
    "recognisers",
]


class DraftError(ValueError):
    """A recogniser broke the rules of drafting: a fact without a span, or a span
    that is not where its quote is in the text."""


def _check_offsets(instance: Span, _: object, value: int) -> None:
    if not isinstance(value, int) or value < 0:
        raise DraftError(f"a span needs non-negative offsets, not {value!r}")


@frozen
class Span:
    """A stretch of the drafted text: ``text[start:end] == quote``.

    >>> Span(0, 2, "On")
    Span(start=0, end=2, quote='On')
    >>> Span(3, 3, "")
    Traceback (most recent call last):
    ...
    communique.draft._core.DraftError: a span must quote some text: (3, 3, '')
    """

    start: int = field(validator=_check_offsets)
    end: int = field(validator=_check_offsets)
    quote: str

    def __attrs_post_init__(self) -> None:
        if not self.quote.strip() or self.end - self.start != len(self.quote):
            raise DraftError(f"a span must quote some text: {(self.start, self.end, self.quote)!r}")

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``, trimmed of surrounding white space."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return cls(start, end, text[start:end])

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


class Region(NamedTuple):
    """A stretch of the text to look in, which may be empty (a span may not)."""

    start: int
    end: int


#: What a fact says: an entity of the record, or a date found in the text.
Value: TypeAlias = Union[Entity, Date]


def _check_confidence(_: object, __: object, value: float) -> None:
    if not 0.0 < value <= 1.0:
        raise DraftError(f"a confidence is in (0, 1], not {value!r}")


@frozen(kw_only=True)
class Fact:
    """One thing a recogniser found: its value, the span it stands on, how sure.

    The span is required: a fact cannot be made without the text it rests on.
    ``recogniser`` is filled in by the registry with the name of the recogniser
    that yielded the fact.
    """

    value: Value
    span: Span = field()
    confidence: float = field(validator=_check_confidence)
    recogniser: str = ""

    @span.validator
    def _has_span(self, _: object, value: object) -> None:
        if not isinstance(value, Span):
            raise DraftError(f"a fact needs the Span of text it rests on, not {value!r}")

    @property
    def kind(self) -> str:
        """The type tag of the entity, or ``"date"``."""
        return "date" if isinstance(self.value, Date) else self.value.tag


_SENTENCE: Final = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'\u201d]?|\n|$)")


class Context:
    """What a recogniser sees: the text, what it is anchored to, and the facts found
    so far by the recognisers that ran before it."""

    def __init__(
        self,
        text: str,
        *,
        published: Date | None,
        publisher: str | None,
        source: str,
        known: Record | None,
        language: str,
    ) -> None:
        self.text = text
        self.published = published
        self.publisher = publisher
        self.source = source
        self.known = known
        self.language = language
        self.facts: list[Fact] = []

    @property
    def anchor(self) -> _dt.date | None:
        """The day relative dates count from: the publication date when it is a day."""
        published = self.published
        if published is not None and published.precision == "day" and published.lower_day:
            if 1 <= published.lower_day <= _dt.date.max.toordinal():
                return published.lower
        return None

    def span(self, start: int, end: int) -> Span:
        """The span of the text between two offsets, trimmed."""
        return Span.of(self.text, start, end)

    def sentences(self) -> Iterator[Span]:
        """The sentences of the text (a line break also ends one)."""
        for m in _SENTENCE.finditer(self.text):
            if m.group().strip():
                yield self.span(m.start(), m.end())

    def sentence_at(self, offset: int) -> Span:
        """The sentence that holds an offset."""
        for sentence in self.sentences():
            if sentence.start <= offset < sentence.end:
                return sentence
        return self.span(0, len(self.text))

    def of_kind(self, *kinds: str) -> list[Fact]:
        """The facts found so far whose value is of these kinds (type tags, ``date``)."""
        return [f for f in self.facts if f.kind in kinds]

    def within(self, span: Span | Region, *kinds: str) -> list[Fact]:
        """The facts of these kinds whose span lies inside ``span``, in text order."""
        found = [
            f for f in self.of_kind(*kinds) if span.start <= f.span.start and f.span.end <= span.end
        ]
        return sorted(found, key=lambda f: f.span.start)


def event_of(context: Context, at: int) -> Event | None:
    """The event a statement was made at: the last gathering drafted before it."""
    before = [
        f for f in context.of_kind("event") if f.span.start <= at and isinstance(f.value, Event)
    ]
    gatherings = [
        f.value
        for f in before
        if isinstance(f.value, Event)
        and f.value.part_of is None
        and f.value.kind not in ("adoption", "signing", "accession")
    ]
    return gatherings[0] if gatherings else None


#: A recogniser: reads the context, yields facts.
Recogniser: TypeAlias = Callable[[Context], Iterable[Fact]]

_NAME: Final = re.compile(r"[a-z][a-z0-9_-]*(?::[a-z][a-z0-9_.-]*)?")


class Recognisers:
    """Named recognisers, run in the order they were registered.

    A downstream project adds its own (a publisher's layout, another language) to a
    :meth:`child` of :data:`recognisers`, with a namespaced name::

        >>> from communique.draft import Fact, recognisers
        >>> mine = recognisers.child()
        >>> @mine.register("example:nothing")
        ... def nothing(context):
        ...     return []
        >>> "example:nothing" in mine.names(), "example:nothing" in recognisers.names()
        (True, False)

    Running goes through :meth:`run`, which checks every fact a recogniser yields:
    it must be a :class:`Fact`, its span must quote the text where it says, and its
    value must be an entity or a date. A recogniser cannot add a fact otherwise.
    """

    def __init__(self, parent: Recognisers | None = None, *, modules: tuple[str, ...] = ()) -> None:
        self._own: dict[str, Recogniser] = {}
        self._parent = parent
        # Modules whose recognisers register here when first asked for: compiling
        # their patterns is left out of ``import communique``.
        self._modules = modules
        self._loaded = not modules

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            for module in self._modules:
                importlib.import_module(module)

    def register(self, name: str) -> Callable[[Recogniser], Recogniser]:
        """A decorator that registers a recogniser under ``name``."""
        if not _NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a recogniser name such as 'people' or 'x:layout'")

        def decorate(recogniser: Recogniser) -> Recogniser:
            self._load()
            if name in self.names():
                raise ValueError(f"a recogniser named {name!r} is registered already")
            self._own[name] = recogniser
            return recogniser

        return decorate

    def names(self) -> list[str]:
        """The names of the recognisers, in the order they run."""
        self._load()
        inherited = self._parent.names() if self._parent is not None else []
        # The families run in the order declared, however their modules were imported.
        order = {module: i for i, module in enumerate(self._modules)}
        own = sorted(self._own, key=lambda n: order.get(self._own[n].__module__, len(order)))
        return [*inherited, *own]

    def get(self, name: str) -> Recogniser:
        """The recogniser registered under ``name``."""
        self._load()
        if name in self._own:
            return self._own[name]
        if self._parent is not None:
            return self._parent.get(name)
        raise KeyError(name)

    def child(self) -> Recognisers:
        """A registry that runs these recognisers, then its own."""
        return Recognisers(self)

    def run(self, context: Context) -> list[Fact]:
        """Run every recogniser in order; each sees the facts of those before it."""
        for name in self.names():
            for fact in self.get(name)(context):
                context.facts.append(_checked(fact, name, context.text))
        return context.facts


def _checked(fact: object, name: str, text: str) -> Fact:
    if not isinstance(fact, Fact):
        raise DraftError(f"recogniser {name!r} yielded {fact!r}, not a Fact with its span")
    span = fact.span
    if text[span.start : span.end] != span.quote:
        raise DraftError(
            f"recogniser {name!r} gave the span {span.start}-{span.end} for "
            f"{span.quote!r}, which is not there in the text"
        )
    if not isinstance(fact.value, (Entity, Date)):
        raise DraftError(f"recogniser {name!r} yielded a fact of {fact.value!r}")
    return Fact(value=fact.value, span=span, confidence=fact.confidence, recogniser=name)


#: The recognisers of the library, English first; extend a :meth:`~Recognisers.child`.
recognisers: Final = Recognisers(
    modules=tuple(
        f"communique.draft.{family}"
        for family in ("dates", "agents", "documents", "events", "statements", "proposals")
    )
)
