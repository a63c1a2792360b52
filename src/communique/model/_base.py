"""What every entity shares: an id, external identifiers, evidence and extensions.

The value classes of the model (an evidence span, a participation, a vote, a
date) are declared ``weakref_slot=False``: a curated record holds a dozen of them
for each entity, and the weak-reference slot would cost eight bytes in each
(about 2% of what a loaded record keeps) for a use no value object has; being
frozen, they are compared and used as keys by their value. Entities keep theirs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Final, TypeAlias, Union

from attrs import Attribute, field, frozen

from .._shown import shown
from .._written import unwritable
from ..errors import FieldError

__all__ = [
    "EXTENSION_KEY_PATTERN",
    "ID_PATTERN",
    "IDENTIFIER_SCHEMES",
    "Check",
    "is_region",
    "Claim",
    "Dispute",
    "Entity",
    "Evidence",
    "Identifier",
    "JsonValue",
    "Meaning",
    "refs",
    # The validators of the fields other modules declare too (an id, a language, a country).
    "check_count",
    "check_country",
    "check_id",
    "check_language",
    "check_languages",
]

#: A value that JSON can carry, as found in extension fields.
JsonValue: TypeAlias = Union[None, bool, int, float, str, list["JsonValue"], dict[str, "JsonValue"]]

#: The shape of an entity id: a type prefix (``person``, or ``parliament:hearing``
#: downstream) and a slug, such as ``person:vladimir-norov``.
ID_PATTERN: Final = re.compile(
    r"[a-z][a-z0-9_-]*(?::[a-z][a-z0-9_-]*)?:[A-Za-z0-9][A-Za-z0-9._~:/+-]*"
)
#: The shape of an extension key: a namespace and a name, such as ``x-newsroom:confidence``.
EXTENSION_KEY_PATTERN: Final = re.compile(r"x-[a-z][a-z0-9-]*:[A-Za-z_][A-Za-z0-9_.-]*")

_Test: TypeAlias = "Callable[[Any, Attribute[Any], Any], None]"


class Check:
    """A field validator that says what it checks, so that the JSON Schema and
    generated test data (:mod:`communique.testing`) follow it.

    ``name`` is what it checks, in a word (``"id"``, ``"language"``);
    ``pattern`` is the shape every text it accepts has (it may check more, as
    the language check looks the tag up in the IANA registry); ``minimum`` is the
    least number it accepts. A downstream validator made with :meth:`of` gets
    its pattern into the JSON Schema with no other code.

    >>> import attrs
    >>> @Check.of("code", pattern=re.compile(r"[A-Z]{3}"))
    ... def check_code(_, attribute, value):
    ...     if not re.fullmatch(r"[A-Z]{3}", value):
    ...         raise ValueError(f"{attribute.name}: {value!r} is not a code")
    >>> @attrs.frozen
    ... class Seat:
    ...     code: str = attrs.field(validator=check_code)
    >>> Seat("ABC").code, check_code.pattern.pattern
    ('ABC', '[A-Z]{3}')
    """

    __slots__ = ("minimum", "name", "pattern", "test")

    def __init__(
        self,
        name: str,
        test: _Test,
        *,
        pattern: re.Pattern[str] | None = None,
        minimum: int | None = None,
    ) -> None:
        self.name = name
        self.test = test
        self.pattern = pattern
        self.minimum = minimum

    @classmethod
    def of(
        cls, name: str, *, pattern: re.Pattern[str] | None = None, minimum: int | None = None
    ) -> Callable[[_Test], Check]:
        """A decorator that makes a validator function a check of that name."""
        return lambda test: cls(name, test, pattern=pattern, minimum=minimum)

    def __call__(self, instance: Any, attribute: Attribute[Any], value: Any) -> None:
        self.test(instance, attribute, value)

    def __repr__(self) -> str:
        return f"Check({self.name!r})"


def refs(
    *targets: str | type,
    acyclic: bool = False,
    nonempty: bool = False,
    role: str | None = None,
    role_from: str | None = None,
    author: bool = False,
) -> dict[str, object]:
    """Field metadata saying that a field holds ids of entities of these classes.

    Validation follows it to report dangling and mistyped references. A target
    is a model class name (``"Agent"``, ``"Event"``), the type tag of a
    downstream class (``"parliament:hearing"``) or a class; subclasses match too.
    ``acyclic`` says that following the field from entity to entity never comes
    back (an event is not part of itself, even through others); ``nonempty``, that
    a list of ids needs at least one (a statement has a speaker). Validation
    reports a ``reference-cycle`` or an ``empty-required`` problem otherwise.

    Where the targets are agents, ``role`` names the part they play
    (``refs("Agent", role="speaker")``), which :meth:`communique.Query.involving`
    and :func:`communique.model.agent_roles` read; ``role_from`` names instead a
    field of the same value that holds the role or roles (a participation's ``roles``).
    A field that refers to agents and says neither gives them its own name as role.
    ``author`` says that its agents made the entity (a statement's speakers, a
    proposal's proposers): :meth:`communique.Query.by` finds it by them.

    >>> refs("Agent", role="speaker", nonempty=True, author=True)
    {'refs': ('Agent',), 'nonempty': True, 'role': 'speaker', 'author': True}
    """
    out: dict[str, object] = {"refs": targets}
    if acyclic:
        out["acyclic"] = True
    if nonempty:
        out["nonempty"] = True
    if role is not None and role_from is not None:
        raise ValueError("give a field's role or the field its roles are read from, not both")
    if role is not None:
        out["role"] = role
    if role_from is not None:
        out["role_from"] = role_from
    if author:
        out["author"] = True
    return out


def _check_dating(_: object, attribute: Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    if len(value) > 2:
        raise ValueError("an entity is dated by one field, or by a start and an end")


@frozen(kw_only=True, weakref_slot=False)
class Meaning:
    """What the fields of an entity class mean, beyond their types: which fields
    date an entity, where it takes a date from when it has none, which event it
    happened at, and which fields are its text and its topics.

    Each entity class declares it in its body (``meaning = Meaning(...)``), beside
    its fields, and subclasses inherit it. Everything that asks what an entity
    means (the query index, validation, the command line, the exports, the
    summaries) reads it through :mod:`communique.model` (:func:`date_of`,
    :func:`event_of`, :func:`text_of`, :func:`topics_of`, :func:`agent_roles`),
    so that a downstream class declared this way is indexed, shown and exported
    like the library's own.

    - ``dates``: the field that dates the entity (``("date",)``), or the fields of
      the start and the end of its period (``("start", "end")``).
    - ``date_from``: reference fields, in order, whose entity's date it takes when
      it has none of its own (a statement: the statement it is part of, then its
      event); followed from entity to entity, never twice to the same one.
    - ``event``: reference fields, in order, that say which event it happened at:
      a field that refers to events names it; any other (a statement's
      ``part_of``) leads to an entity whose event it is.
    - ``texts``: the fields of its text, searched by :meth:`communique.Query.mentioning`
      and shown as its label (the first one set); ``"other_names.name"`` reads the
      ``name`` of each value of ``other_names``.
    - ``topics``: the fields of the topics it is about.

    >>> Meaning(dates=("start", "end"), texts=("title",)).dates
    ('start', 'end')
    """

    dates: tuple[str, ...] = field(default=(), validator=_check_dating)
    date_from: tuple[str, ...] = ()
    event: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


@Check.of("id", pattern=ID_PATTERN)
def check_id(_: object, attribute: Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise FieldError(
            attribute.name,
            f"{shown(value)} is not a valid id: write a type prefix and a slug, like "
            "'person:vladimir-norov' or 'event:2020-03-04-roundtable'",
        )


# The shape of a BCP 47 tag (RFC 5646): subtags of letters and digits joined by
# hyphens, the first of letters (or x- and i- for private and grandfathered tags).
# It is what a JSON Schema can check; langcodes checks each subtag against the
# IANA registry.
_LANGUAGE_TAG: Final = re.compile(r"(?:[A-Za-z]{2,8}|[xXiI])(?:-[A-Za-z0-9]{1,8}){0,15}")


@functools.lru_cache(maxsize=4096)
def _is_language_tag(value: str) -> bool:
    if not _LANGUAGE_TAG.fullmatch(value):
        return False
    import langcodes  # imported on first use: its tables take a while to load

    try:
        return bool(langcodes.tag_is_valid(value))
    except (ValueError, LookupError):
        return False


@functools.lru_cache(maxsize=1024)
def is_region(code: str) -> bool:
    """Whether ``code`` is a two-letter region of the IANA registry: an ISO 3166-1
    alpha-2 code, assigned (``AT``), former (``SU``), exceptionally reserved
    (``EU``) or for private use (``XK``, used for Kosovo)."""
    return len(code) == 2 and code.isascii() and code.isupper() and _is_language_tag(f"und-{code}")


@Check.of("language", pattern=_LANGUAGE_TAG)
def check_language(_: object, attribute: Attribute[str | None], value: str | None) -> None:
    if value is not None and not (isinstance(value, str) and _is_language_tag(value)):
        raise FieldError(
            attribute.name,
            f"{shown(value)} is not a BCP 47 language tag such as 'en', 'ru', 'zh-Hans' or 'es-419'",
        )


@Check.of("languages", pattern=_LANGUAGE_TAG)
def check_languages(
    _: object, attribute: Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    for item in value:
        if not (isinstance(item, str) and _is_language_tag(item)):
            raise FieldError(
                attribute.name,
                f"{shown(item)} is not a BCP 47 language tag such as 'en', 'ru', 'zh-Hans' "
                "or 'es-419'",
            )


# The shape a JSON Schema checks; is_region checks the code against the registry.
@Check.of("country", pattern=re.compile(r"[A-Z]{2}"))
def check_country(_: object, attribute: Attribute[Any], value: str | None) -> None:
    if value is not None and not (isinstance(value, str) and is_region(value)):
        raise FieldError(
            attribute.name,
            f"{shown(value)} is not an ISO 3166-1 alpha-2 code such as 'AT' (assigned, former, "
            "reserved or for private use, as the IANA registry has them)",
        )


@Check.of("count", minimum=0)
def check_count(_: object, attribute: Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise FieldError(attribute.name, f"{value!r} is not a count: it must be 0 or more")


@Check.of("extensions")
def _check_extensions(
    _: object, attribute: Attribute[Mapping[str, JsonValue]], value: Mapping[str, JsonValue]
) -> None:
    for key, item in value.items():
        if not EXTENSION_KEY_PATTERN.fullmatch(key):
            # Named by its key, which is where a file writes it: a key of the entity.
            raise FieldError(
                str(key), f"extension key {shown(key)} must be namespaced like 'x-project:name'"
            )
        # What every format writes back equal: no NaN (JSON would write null), no
        # set or bytes, no integer beyond 64 bits.
        found = unwritable(item, f"$.{key}", null=True)
        if found is not None:
            raise FieldError(attribute.name, f"extension value {found[0]}: {found[1]}")


#: The identifier schemes the library knows, each with the shape of its values.
#: A value of a known scheme must have that shape (the JSON Schema says the same,
#: from this table); a scheme not listed here is accepted with any text.
IDENTIFIER_SCHEMES: Final[Mapping[str, re.Pattern[str]]] = {
    # A Wikidata item: Q and a number without leading zeros.
    "wikidata": re.compile(r"Q[1-9][0-9]*"),
    # ISO 3166-1 alpha-2, alpha-3 and numeric country codes; ISO 3166-2 subdivisions.
    "iso3166-1": re.compile(r"[A-Z]{2}"),
    "iso3166-1-alpha3": re.compile(r"[A-Z]{3}"),
    "iso3166-1-numeric": re.compile(r"[0-9]{3}"),
    "iso3166-2": re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}"),
    # An ISO 4217 currency code.
    "iso4217": re.compile(r"[A-Z]{3}"),
    # A UN document symbol: a series (A, S, E, ST, ...) and components joined by
    # slashes (A/RES/75/1, S/2020/123, A/C.3/74/L.25, E/CN.4/2005/L.10/Add.17),
    # and a year in brackets for Security Council resolutions (S/RES/2532 (2020)).
    "un-symbol": re.compile(r"[A-Z]{1,6}(?:/[A-Za-z0-9][A-Za-z0-9.*-]*)+(?: \([0-9]{4}\))?"),
    # An absolute http or https URL.
    "url": re.compile(r"https?://[^\s/?#]+(?:[/?#]\S*)?"),
    # ISNI, ORCID: sixteen digits (the last may be X); ORCID in groups of four.
    "isni": re.compile(r"[0-9]{15}[0-9X]"),
    "orcid": re.compile(r"[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]"),
    # A legal entity identifier (ISO 17442).
    "lei": re.compile(r"[A-Z0-9]{18}[0-9]{2}"),
}


def _check_identifier(instance: Identifier, attribute: Attribute[str], value: str) -> None:
    shape = IDENTIFIER_SCHEMES.get(instance.scheme)
    if shape is not None and not (isinstance(value, str) and shape.fullmatch(value)):
        raise FieldError(
            attribute.name,
            f"{value!r} is not a {instance.scheme} identifier (it must match {shape.pattern!r})",
        )


@frozen(kw_only=True, weakref_slot=False)
class Identifier:
    """An identifier of the entity in another system.

    ``scheme`` names the system (``wikidata``, ``iso3166-1``, ``un-symbol``, ``url``,
    ``isni``...), ``value`` is the identifier there. The value of a scheme in
    :data:`IDENTIFIER_SCHEMES` must have that scheme's shape; other schemes take
    any text.

    >>> Identifier(scheme="wikidata", value="Q1065").value
    'Q1065'
    >>> Identifier(scheme="wikidata", value="banana")
    Traceback (most recent call last):
    ...
    communique.errors.FieldError: 'banana' is not a wikidata identifier (it must match 'Q[1-9][0-9]*')
    """

    scheme: str
    value: str = field(validator=_check_identifier)


@frozen(kw_only=True, weakref_slot=False)
class Evidence:
    """Where in a source a fact is said: the source, the quoted text and its span.

    ``start`` and ``end`` are character offsets (Python string indices) into the
    source's text, so that ``text[start:end] == quote``. A hand-written record may
    give the quote alone; :meth:`communique.Record.locate_evidence` finds its span.

    >>> source = "On 4 March, SCO Secretary-General Vladimir Norov took part"
    >>> evidence = Evidence(source="source:release", quote="Vladimir Norov", start=34, end=48)
    >>> source[evidence.start : evidence.end] == evidence.quote
    True
    """

    source: str = field(metadata=refs("Source"))
    quote: str
    start: int | None = None
    end: int | None = None
    note: str | None = None


@Check.of("ids", pattern=ID_PATTERN)
def _check_ids(_: object, attribute: Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    for item in value:
        if not isinstance(item, str) or not ID_PATTERN.fullmatch(item):
            raise FieldError(attribute.name, f"{item!r} is not a valid id")


@frozen(kw_only=True, weakref_slot=False)
class Claim:
    """One value of a disputed field, with the sources that give it.

    ``value`` is the value as JSON text (``'"2020-03-05"'``, ``'["moderator"]'``), so
    that a value of any field has the same form.
    """

    value: str
    sources: tuple[str, ...] = field(default=(), metadata=refs("Source"))


@frozen(kw_only=True, weakref_slot=False)
class Dispute:
    """A field on which the sources merged into an entity disagree.

    ``field`` is the JSON path of the field in the entity (``$.date``,
    ``$.participants[1].roles``); ``claims`` lists every value given, the one the
    entity holds among them. Written by :func:`communique.merge` when no preferred
    source settles the disagreement, so that it is never settled in silence.

    >>> Dispute(field="$.date", claims=(Claim(value='"2020-03-04"'), Claim(value='"2020-03-05"')))
    Dispute(field='$.date', claims=(Claim(value='"2020-03-04"', sources=()), Claim(value='"2020-03-05"', sources=())))
    """

    field: str
    claims: tuple[Claim, ...]


@frozen(kw_only=True)
class Entity:
    """The base of every top-level entity of a record.

    Subclasses set ``tag``, the value of ``"type"`` in files. ``extensions`` holds
    namespaced values (``{"x-newsroom:confidence": 0.92}``) for data that does not
    justify a subclass; they are written as keys of the entity itself.

    An entity made by :func:`communique.merge` lists in ``replaces`` the ids of the
    entities it was merged from (``record.get(old_id)`` finds it), and in
    ``disputes`` the fields its sources disagree on.
    """

    tag: ClassVar[str] = "entity"
    #: What its fields mean (see :class:`Meaning`): nothing, for an entity as such.
    meaning: ClassVar[Meaning] = Meaning()

    id: str = field(validator=check_id)
    identifiers: tuple[Identifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None
    replaces: tuple[str, ...] = field(default=(), validator=_check_ids)
    disputes: tuple[Dispute, ...] = ()
    extensions: Mapping[str, JsonValue] = field(
        factory=dict, hash=False, validator=_check_extensions
    )

    def _repr_html_(self) -> str:
        """The entity as an HTML table of its fields as a file writes them, for
        notebooks."""
        from .._html import entity_html

        return entity_html(self)
