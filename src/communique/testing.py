"""Hypothesis strategies for the model, for this library's tests and for downstream ones.

Every strategy is derived from the model itself: the attrs fields and their type
hints, the vocabularies, the ``refs`` metadata that says which fields hold ids,
and the type registry. A class registered downstream with
:func:`communique.register` gets strategies too, with no code of its own.

>>> from hypothesis import given, settings
>>> import communique as cq
>>> from communique.testing import records
>>> @settings(max_examples=5, database=None)
... @given(records())
... def test_round_trip(record):
...     assert cq.loads(cq.dumps(record, "yaml"), "yaml") == record
>>> test_round_trip()

:func:`records` with ``consistent=True`` (the default) builds records that
:meth:`~communique.Record.validate` accepts: every reference resolves to an
entity of the right type, ids are unique, every evidence quote sits at its span
in a generated source text, and periods do not end before they start.
:func:`records_with_problem` plants exactly one problem in such a record.

Needs the ``testing`` extra (``pip install communique[testing]``), which brings
Hypothesis.
"""

from __future__ import annotations

import datetime as _dt
import enum
import string
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from decimal import Decimal
from functools import cache
from typing import Any, Final, TypeVar

import attrs
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ._coherence import CONTRARY_STATUSES, carries
from ._numbers import INT_MAX, INT_MIN
from ._validate import inside_grapheme
from .dates import Date
from .errors import Problem
from .model import (
    IDENTIFIER_SCHEMES,
    Check,
    Decision,
    Entity,
    Event,
    Evidence,
    Identifier,
    JsonValue,
    Membership,
    Participation,
    Proposal,
    Quantity,
    Source,
    Statement,
    StatusChange,
    Tally,
    Vote,
)
from .model._meaning import ANCHOR
from .model.agents import MembershipRule
from .record import Record
from .registry import Registry, default_registry, ref_target
from .vocab import MembershipStatus, Outcome, ParticipantRole, Qualifier, Term, VotePosition

__all__ = [
    "PROBLEM_KINDS",
    "dates",
    "entities",
    "extensions",
    "ids",
    "json_values",
    "records",
    "records_with_problem",
    "register_field_strategy",
    "texts",
    "values",
]

T = TypeVar("T")
E = TypeVar("E", bound=Entity)

_SLUG_FIRST: Final = string.ascii_letters + string.digits
_SLUG_REST: Final = _SLUG_FIRST + "._~:/+-"

#: The kinds of problem :func:`records_with_problem` can plant.
PROBLEM_KINDS: Final = (
    "dangling-reference",
    "duplicate-id",
    "evidence-mismatch",
    "end-before-start",
    "empty-required",
    "reference-cycle",
    "double-vote",
    "veto-not-against",
    "tally-ballots-mismatch",
    "outcome-contradicts-tally",
    "status-contradicts-outcome",
    "evidence-unchecked",
)


# -- leaves -------------------------------------------------------------------


@cache
def texts(*, min_size: int = 0, max_size: int = 16) -> SearchStrategy[str]:
    """Any text a file can carry: every Unicode character but lone surrogates
    (which no UTF-8 file can hold), control characters and line breaks included."""
    return st.text(st.characters(codec="utf-8"), min_size=min_size, max_size=max_size)


@cache
def _slugs(max_size: int = 12) -> SearchStrategy[str]:
    return st.builds(
        lambda first, rest: first + rest,
        st.sampled_from(_SLUG_FIRST),
        st.text(st.sampled_from(_SLUG_REST), max_size=max_size),
    )


@cache
def _prefixes() -> SearchStrategy[str]:
    word = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
    return st.one_of(word, st.builds(lambda a, b: f"{a}:{b}", word, word))


@cache
def ids(prefix: str | None = None) -> SearchStrategy[str]:
    """Valid entity ids (``person:vladimir-norov``), with the given type prefix or any."""
    prefixes = st.just(prefix) if prefix is not None else _prefixes()
    return st.builds(lambda p, s: f"{p}:{s}", prefixes, _slugs())


def _render(day: _dt.date, precision: str, qualifier: str) -> str:
    text = {
        "year": f"{day.year:04d}",
        "month": f"{day.year:04d}-{day.month:02d}",
        "day": day.isoformat(),
    }[precision]
    return text + qualifier


# Rarer EDTF forms that only the ``edtf`` package reads: a few, since each costs a
# slow parse the first time it is seen.
_RARE_EDTF: Final = ("2020-21", "2020-XX", "-0044", "2004-06~-11")


_DAYS: Final = st.dates(min_value=_dt.date(1, 1, 1), max_value=_dt.date(9999, 12, 31))
_PRECISIONS: Final = st.sampled_from(("day", "month", "year"))
_QUALIFIERS: Final = st.sampled_from(("", "", "", "?", "~", "%"))
_SHAPES: Final = st.sampled_from(("single", "single", "interval", "open", "time", "rare"))
_ZONES: Final = st.sampled_from(("", "Z", "+02:00", "-05"))
_OPEN: Final = st.sampled_from(("..", ""))


@st.composite
def _edtf(draw: st.DrawFn) -> str:
    shape = draw(_SHAPES)
    if shape == "single":
        return _render(draw(_DAYS), draw(_PRECISIONS), draw(_QUALIFIERS))
    if shape == "time":
        moment = draw(st.times()).replace(microsecond=0)
        return f"{draw(_DAYS).isoformat()}T{moment.isoformat()}{draw(_ZONES)}"
    if shape == "rare":
        return draw(st.sampled_from(_RARE_EDTF))
    first, second = sorted((draw(_DAYS), draw(_DAYS)))
    start = _render(first, draw(_PRECISIONS), draw(_QUALIFIERS))
    end = _render(second, draw(_PRECISIONS), draw(_QUALIFIERS))
    if shape == "open":
        open_end = draw(_OPEN)
        return f"{open_end}/{end}" if draw(st.booleans()) else f"{start}/{open_end}"
    return f"{start}/{end}"


@cache
def dates() -> SearchStrategy[Date]:
    """EDTF dates of every shape the model reads (days, months, years, qualified,
    intervals, open intervals, times, a few rare forms), stated or inferred."""
    return st.builds(
        Date,
        _edtf(),
        inferred=st.booleans(),
        phrase=st.none() | texts(max_size=20),
        basis=st.none() | texts(max_size=20),
    )


@cache
def json_values() -> SearchStrategy[JsonValue]:
    """Values an extension field can carry: what JSON holds, with integers that fit
    in 64 bits and finite numbers."""
    leaves: SearchStrategy[JsonValue] = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(INT_MIN, INT_MAX),
        st.floats(allow_nan=False, allow_infinity=False),
        texts(max_size=20),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(texts(max_size=8), inner, max_size=3),
        ),
        max_leaves=6,
    )


@cache
def extensions() -> SearchStrategy[dict[str, JsonValue]]:
    """Namespaced extension mappings (``{"x-newsroom:confidence": 0.92}``)."""
    lower = string.ascii_lowercase
    keys = st.builds(
        lambda a, b, c, d: f"x-{a}{b}:{c}{d}",
        st.sampled_from(lower),
        st.text(st.sampled_from(lower + string.digits + "-"), max_size=6),
        st.sampled_from(string.ascii_letters + "_"),
        st.text(st.sampled_from(string.ascii_letters + string.digits + "_.-"), max_size=8),
    )
    return st.dictionaries(keys, json_values(), max_size=2)


def _countries() -> SearchStrategy[str]:
    return st.sampled_from(("AT", "CN", "RU", "KZ", "US", "GB", "QA", "IN", "SU", "EU", "XK"))


def _languages() -> SearchStrategy[str]:
    return st.sampled_from(("en", "ru", "zh", "zh-Hans", "de-AT", "es-419", "ar", "kk"))


def _currencies() -> SearchStrategy[str]:
    return st.text(st.sampled_from(string.ascii_uppercase), min_size=3, max_size=3)


def _decimals() -> SearchStrategy[Decimal]:
    return st.decimals(allow_nan=False, allow_infinity=False)


def _counts() -> SearchStrategy[int]:
    return st.integers(0, 1000)


@cache
def _identifiers() -> SearchStrategy[Identifier]:
    """Identifiers of the known schemes, each with a value of its shape, and of
    other schemes with any text."""
    known = [
        st.builds(Identifier, scheme=st.just(scheme), value=st.from_regex(shape, fullmatch=True))
        for scheme, shape in IDENTIFIER_SCHEMES.items()
    ]
    other = st.builds(
        Identifier,
        scheme=texts().filter(lambda scheme: scheme not in IDENTIFIER_SCHEMES),
        value=texts(),
    )
    return st.one_of(other, *known)


# Validators narrow a field beyond its type hint; each check the model declares
# (by its name) has a strategy that only makes values it accepts. Another check
# gets values from its pattern or its minimum.
_BY_CHECK: Final[dict[str, Callable[[], SearchStrategy[Any]]]] = {
    "id": ids,
    "ids": lambda: st.lists(ids(), max_size=1).map(tuple),
    "country": _countries,
    "currency": _currencies,
    "extensions": extensions,
    "language": _languages,
    "count": _counts,
    "languages": lambda: st.lists(_languages(), max_size=2, unique=True).map(tuple),
    # No file name holds a NUL (the check refuses one).
    "text_file": lambda: st.one_of(st.none(), texts().filter(lambda t: "\x00" not in t)),
    "ordinal": lambda: st.integers(1, INT_MAX),
    "time": lambda: st.from_regex(
        r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?", fullmatch=True
    ),
    "time_zone": lambda: st.sampled_from(
        ("Z", "+01:00", "-05:30", "Europe/Vienna", "America/New_York", "UTC")
    ),
}


def _for_check(validator: object) -> SearchStrategy[Any] | None:
    if not isinstance(validator, Check):
        return None
    known = _BY_CHECK.get(validator.name)
    if known is not None:
        return known()
    if validator.pattern is not None:
        return st.from_regex(validator.pattern, fullmatch=True)
    if validator.minimum is not None:
        return st.integers(min_value=validator.minimum, max_value=validator.minimum + 1000)
    return None


_FIELD_STRATEGIES: dict[tuple[type, str], Callable[[], SearchStrategy[Any]]] = {
    # A participation needs at least one role (its converter says so).
    (Participation, "roles"): lambda: st.lists(_terms(ParticipantRole), min_size=1, max_size=3).map(
        tuple
    ),
    # A group defined by membership needs at least one status.
    (MembershipRule, "statuses"): lambda: st.lists(
        _terms(MembershipStatus), min_size=1, max_size=2
    ).map(tuple),
}


def register_field_strategy(
    cls: type, name: str, strategy: Callable[[], SearchStrategy[Any]]
) -> None:
    """Use ``strategy()`` for field ``name`` of ``cls`` and its subclasses, where the
    field's type hint says less than its validator (a downstream code format, say).

    >>> import attrs, hypothesis.strategies as st
    >>> @attrs.frozen(kw_only=True)
    ... class Seat:
    ...     row: str = attrs.field(validator=attrs.validators.matches_re(r"[A-Z]"))
    >>> register_field_strategy(Seat, "row", lambda: st.sampled_from("ABC"))
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None)
    ... @given(values(Seat))
    ... def test_seat(seat):
    ...     assert seat.row in "ABC"
    >>> test_seat()
    """
    _FIELD_STRATEGIES[(cls, name)] = strategy
    # Strategies already built for that class must be built again.
    _for_field.cache_clear()
    _fields.cache_clear()
    _values_of.cache_clear()


def _terms(cls: type[Term]) -> SearchStrategy[Any]:
    # Read at draw time, so that terms declared downstream later are drawn too.
    return st.deferred(lambda: st.sampled_from(list(cls.terms())))


# -- the walk over the model ----------------------------------------------------


def _target_classes(names: Sequence[str]) -> tuple[type, ...]:
    # A target is a model class's name or a registered type tag (a downstream
    # class refers to another by its tag).
    return tuple(ref_target(name) for name in names)


@attrs.define
class _Context:
    """What the entities of the consistent record being drawn may refer to."""

    pool: list[tuple[str, type[Entity]]]
    texts: dict[str, str]

    def ids_of(self, targets: tuple[type, ...]) -> list[str]:
        return [i for i, cls in self.pool if issubclass(cls, targets)]


# The record being drawn, read by the strategies for references and evidence, so
# that those strategies are built once per class rather than once per record.
_CONTEXT: ContextVar[_Context | None] = ContextVar("communique_testing_context", default=None)


def _list_max(depth: int) -> int:
    # Sequences hold at most two items, and one below the top level: records stay
    # small enough for Hypothesis to draw quickly, and nesting still reaches every
    # level of the model.
    return 2 if depth == 0 else 1


def _unwrap_optional(hint: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = len(args) < len(typing.get_args(hint))
        inner = args[0] if len(args) == 1 else typing.Union[tuple(args)]
        return inner, optional
    return hint, False


_OPTIONAL_IDS: Final = st.none() | ids()


def _refs(
    targets: tuple[type, ...], shape: str, depth: int, nonempty: bool = False
) -> SearchStrategy[Any]:
    """Ids for a reference field: any ids, or in a consistent record the ids of its
    entities of the target classes. ``shape`` is ``one``, ``optional`` or ``many``;
    ``nonempty`` makes a list of at least one id."""
    least = 1 if nonempty else 0

    @st.composite
    def refs(draw: st.DrawFn) -> Any:
        ctx = _CONTEXT.get()
        if ctx is None:
            one: SearchStrategy[str] = ids()
            if shape == "optional":
                return draw(_OPTIONAL_IDS)
        else:
            found = ctx.ids_of(targets)
            if not found:
                # Nothing to point at: an optional field stays empty, and a value
                # that needs the reference cannot be made.
                assume(shape != "one" and not nonempty)
                return () if shape == "many" else None
            one = st.sampled_from(found)
        if shape == "many":
            return tuple(draw(st.lists(one, min_size=least, max_size=max(least, _list_max(depth)))))
        if shape == "optional":
            return draw(st.none() | one)
        return draw(one)

    return refs()


@cache
def _for_field(
    owner: type, attribute: attrs.Attribute[Any], consistent: bool, depth: int
) -> SearchStrategy[Any]:
    for klass in owner.__mro__:
        custom = _FIELD_STRATEGIES.get((klass, attribute.name))
        if custom is not None:
            return custom()
    hint, optional = _unwrap_optional(attribute.type)
    targets = _target_classes(attribute.metadata.get("refs", ()))
    if targets:
        shape = "many" if typing.get_origin(hint) is tuple else "optional" if optional else "one"
        return _refs(targets, shape, depth, bool(attribute.metadata.get("nonempty")))
    known = _for_check(attribute.validator)
    inner = known if known is not None else _for_type(hint, consistent, depth)
    return st.none() | inner if optional else inner


def _relative_dates(depth: int) -> SearchStrategy[Date]:
    """Dates relative to an entity ("next month", "the day before"): in a
    consistent record relative to one of its events, sources, documents or
    statements, or none when it has none yet."""

    @st.composite
    def relative(draw: st.DrawFn) -> Date:
        anchor = draw(
            _refs(_target_classes(typing.cast("Sequence[str]", ANCHOR.targets)), "optional", depth)
        )
        date = draw(dates())
        if anchor is None:
            return date
        offset = draw(st.none() | st.sampled_from(("P1M", "-P1D", "P0D", "P2Y", "P1W", "-P3M")))
        return attrs.evolve(date, inferred=True, relative_to=anchor, offset=offset)

    return relative()


def _for_type(hint: Any, consistent: bool, depth: int) -> SearchStrategy[Any]:
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item,) = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return st.lists(_for_type(item, consistent, depth), max_size=_list_max(depth)).map(tuple)
    if origin is typing.Union or origin is types.UnionType:
        return st.one_of(*(_for_type(a, consistent, depth) for a in typing.get_args(hint)))
    if hint is str:
        return texts()
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(INT_MIN, INT_MAX)
    if hint is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if hint is Decimal:
        return _decimals()
    if hint is Date:
        return dates() | _relative_dates(depth)
    if isinstance(hint, type) and issubclass(hint, Term):
        return _terms(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if hint is Evidence and consistent:
        return _evidence()
    if hint is Identifier:
        return _identifiers()
    if isinstance(hint, type) and attrs.has(hint) and not issubclass(hint, Entity):
        return _values(hint, consistent, depth + 1)
    return st.from_type(hint)


def _build(cls: type[T], consistent: bool) -> Callable[[dict[str, Any]], T]:
    def build(kwargs: dict[str, Any]) -> T:
        if consistent:
            for first, last in (("start", "end"), ("founded", "dissolved")):
                start, end = kwargs.get(first), kwargs.get(last)
                if isinstance(start, Date) and isinstance(end, Date) and _inverted(start, end):
                    kwargs[first], kwargs[last] = end, start
            if issubclass(cls, Decision):
                _coherent_decision(kwargs)
            if issubclass(cls, Statement) and isinstance(kwargs.get("text"), str):
                # A gap falls within the statement's text.
                end = len(kwargs["text"])
                kwargs["gaps"] = tuple(
                    attrs.evolve(g, at=min(g.at, end)) if g.at is not None else g
                    for g in kwargs.get("gaps", ())
                )
            if issubclass(cls, Proposal) and isinstance(kwargs.get("decision"), Decision):
                contrary = CONTRARY_STATUSES.get(kwargs["decision"].outcome, frozenset())
                kwargs["statuses"] = tuple(
                    change for change in kwargs["statuses"] if change.status not in contrary
                )
        # What the model requires across fields, consistent record or not.
        if issubclass(cls, Quantity):
            _whole_quantity(kwargs)
        if issubclass(cls, Tally) and all(v is None for v in kwargs.values()):
            kwargs["in_favour"] = 0  # a tally gives at least one count
        try:
            return cls(**kwargs)
        except (ValueError, TypeError):
            if cls.__module__.startswith("communique."):
                raise  # the strategies must only draw what the model accepts
            # A downstream validator these strategies do not know refused the
            # values: draw again. register_field_strategy() makes that cheap.
            assume(False)
            raise

    return build


_POSITIONS: Final = (
    (VotePosition.IN_FAVOUR, "in_favour"),
    (VotePosition.AGAINST, "against"),
    (VotePosition.ABSTAINING, "abstaining"),
    (VotePosition.NOT_VOTING, "not_voting"),
)


def _whole_quantity(kwargs: dict[str, Any]) -> None:
    """Make the drawn values of a quantity one the model takes: a range with its
    low and high in order and no value, anything else with its value alone, and a
    currency or a unit, not both."""
    numbers = [kwargs.get(name) for name in ("value", "low", "high")]
    drawn = sorted(n for n in numbers if n is not None) or [Decimal(0)]
    if Qualifier(kwargs["qualifier"]) is Qualifier.RANGE:
        kwargs.update(value=None, low=drawn[0], high=drawn[-1])
    else:
        kwargs.update(value=drawn[0], low=None, high=None)
    if kwargs.get("currency") is not None:
        kwargs["unit"] = None


def _coherent_decision(kwargs: dict[str, Any]) -> None:
    """Make the drawn values of a decision agree: one vote per agent, vetoes only
    against, a tally that counts at least the ballots listed, and an outcome that
    follows the tally and the vetoes."""
    votes: list[Vote] = []
    seen: set[str] = set()
    for vote in kwargs.get("votes", ()):
        if vote.agent not in seen:
            seen.add(vote.agent)
            veto = vote.veto and vote.position is VotePosition.AGAINST
            votes.append(attrs.evolve(vote, veto=veto))
    kwargs["votes"] = tuple(votes)
    tally = kwargs.get("tally")
    if isinstance(tally, Tally) and votes:
        changes = {}
        for position, name in _POSITIONS:
            given = getattr(tally, name)
            listed = sum(1 for v in votes if v.position is position)
            if given is not None and listed > given:
                changes[name] = listed
        tally = attrs.evolve(tally, **changes)
        kwargs["tally"] = tally
    outcome, vetoed = kwargs["outcome"], any(v.veto for v in votes)
    if Outcome(outcome) is Outcome.ADOPTED and vetoed:
        kwargs["outcome"] = Outcome.VETOED
    elif isinstance(tally, Tally):
        passes = carries(tally, kwargs.get("majority"))
        if Outcome(outcome) is Outcome.ADOPTED and passes is False:
            kwargs["outcome"] = Outcome.REJECTED
        elif Outcome(outcome) is Outcome.REJECTED and passes is True:
            kwargs["outcome"] = Outcome.ADOPTED


def _inverted(start: Date, end: Date) -> bool:
    low, high = start.lower_day, end.upper_day
    return low is not None and high is not None and high < low


@cache
def _fields(
    cls: type, consistent: bool, skip: frozenset[str] = frozenset(), depth: int = 0
) -> SearchStrategy[dict[str, Any]]:
    out: dict[str, SearchStrategy[Any]] = {}
    for attribute in attrs.fields(attrs.resolve_types(cls)):
        if attribute.init and attribute.name not in skip:
            out[attribute.name] = _for_field(cls, attribute, consistent, depth)
    return st.fixed_dictionaries(out)


@cache
def _values_of(cls: Any, consistent: bool, depth: int) -> SearchStrategy[Any]:
    return _fields(cls, consistent, frozenset(), depth).map(_build(cls, consistent))


def _values(cls: type[T], consistent: bool, depth: int = 0) -> SearchStrategy[T]:
    klass: Any = cls
    return typing.cast(SearchStrategy[T], _values_of(klass, consistent, depth))


def values(cls: type[T]) -> SearchStrategy[T]:
    """Instances of a model value class (:class:`~communique.Evidence`,
    :class:`~communique.Participation`, :class:`~communique.Post`, ...) or of any
    attrs class built from the same kinds of field."""
    return _values(cls, False)


_NOTES: Final = st.none() | texts(max_size=10)


@st.composite
def _evidence_in_context(draw: st.DrawFn) -> Evidence:
    ctx = _CONTEXT.get()
    assume(ctx is not None and ctx.texts)
    assert ctx is not None
    source = draw(st.sampled_from(sorted(ctx.texts)))
    text = ctx.texts[source]
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 30)))
    # A consistent span starts and ends at the edges of characters (a combining
    # mark stays with what it combines with): widened to them.
    while inside_grapheme(text, start):
        start -= 1
    while inside_grapheme(text, end):
        end += 1
    quote = text[start:end]
    note = draw(_NOTES)
    if text.count(quote) == 1 and draw(st.booleans()):
        # A quote that occurs once may go without its span, as in hand-written YAML.
        return Evidence(source=source, quote=quote, note=note)
    return Evidence(source=source, quote=quote, start=start, end=end, note=note)


@cache
def _evidence() -> SearchStrategy[Evidence]:
    return _evidence_in_context()


def _concrete(cls: type[E], registry: Registry) -> list[type[E]]:
    return [c for _, c in registry if issubclass(c, cls)]


def entities(
    cls: type[E] = Entity,  # type: ignore[assignment]
    *,
    registry: Registry | None = None,
) -> SearchStrategy[E]:
    """Entities of ``cls``: of every registered class that is ``cls`` or one of its
    subclasses (so ``entities(cq.Agent)`` draws people, organisations, states and
    groups, and downstream classes registered under their own tags).

    Their references are valid ids but need not resolve; see :func:`records`.
    """
    reg = registry if registry is not None else default_registry

    def make() -> SearchStrategy[E]:
        classes = _concrete(cls, reg)
        if not classes:
            raise ValueError(f"no registered class is a {cls.__name__}")
        return st.one_of(*(_values(c, False) for c in classes))

    return st.deferred(make)


_SOURCE_TEXT: Final = frozenset(("id", "text", "text_file"))
_ID_ONLY: Final = frozenset(("id",))


def _entity_in(ctx: _Context, cls: type[E], entity_id: str) -> SearchStrategy[E]:
    """An entity of a consistent record, with its id (and a source its text) fixed."""
    if issubclass(cls, Source):
        fixed: dict[str, Any] = {"id": entity_id, "text": ctx.texts[entity_id], "text_file": None}
        skip = _SOURCE_TEXT
    else:
        fixed, skip = {"id": entity_id}, _ID_ONLY
    klass: Any = cls
    return _fields(klass, True, skip).map(lambda kw: _build(cls, True)({**kw, **fixed}))


def _prefix(cls: type[Entity]) -> str:
    # "parliament:hearing" gives ids like "parliament:hearing:x1"; core tags are words.
    return cls.tag.replace("_", "-")


def _required_targets(registry: Registry) -> list[type]:
    """The classes some required reference (a plain ``str`` field) points at,
    anywhere in the registered classes: a consistent record needs one of each."""
    seen: set[type] = set()
    found: list[type] = []

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for attribute in attrs.fields(attrs.resolve_types(cls)):
            hint = attribute.type
            for target in _target_classes(attribute.metadata.get("refs", ())):
                if hint is str and target not in found:
                    found.append(target)
            for inner in _attrs_classes_in(hint):
                visit(inner)

    for _, cls in registry:
        visit(cls)
    return found


def _attrs_classes_in(hint: Any) -> Iterator[type]:
    if isinstance(hint, type) and attrs.has(hint) and hint is not Date:
        yield hint
    for arg in typing.get_args(hint):
        yield from _attrs_classes_in(arg)


@st.composite
def _records(
    draw: st.DrawFn,
    consistent: bool,
    registry: Registry,
    min_size: int,
    max_size: int,
) -> Record:
    classes = _concrete(Entity, registry)
    if not consistent:
        anything = st.one_of(*(_values(c, False) for c in classes))
        return Record(draw(st.lists(anything, min_size=min_size, max_size=max_size)))
    chosen = list(draw(st.lists(st.sampled_from(classes), min_size=min_size, max_size=max_size)))
    # A source, so that evidence has a text to point into, and one entity of each
    # class some required reference points at.
    backbone: list[type[Entity]] = [Source]
    for target in _required_targets(registry):
        if not any(issubclass(c, target) for c in backbone + chosen):
            backbone.append(next(c for c in classes if issubclass(c, target)))
    plan = draw(st.permutations(backbone + chosen))
    slugs = draw(st.lists(_slugs(8), min_size=len(plan), max_size=len(plan), unique=True))
    pool = [(f"{_prefix(c)}:{s}", c) for c, s in zip(plan, slugs, strict=True)]
    source_texts = {
        entity_id: draw(texts(min_size=1, max_size=120))
        for entity_id, c in pool
        if issubclass(c, Source)
    }
    ctx = _Context(pool, source_texts)
    token = _CONTEXT.set(ctx)
    try:
        drawn = [draw(_entity_in(ctx, c, entity_id)) for entity_id, c in pool]
    finally:
        _CONTEXT.reset(token)
    return Record(_replacing_once(_acyclic(drawn)))


def _replacing_once(drawn: list[Entity]) -> list[Entity]:
    """The entities with each replaced id kept by the first that claims it, and only
    if no entity has it as its own id (what validate() asks)."""
    taken = {e.id for e in drawn}
    out = []
    for entity in drawn:
        kept = tuple(r for r in dict.fromkeys(entity.replaces) if r not in taken)
        taken.update(kept)
        out.append(entity if kept == entity.replaces else attrs.evolve(entity, replaces=kept))
    return out


def _acyclic(entities: list[Entity]) -> list[Entity]:
    """The entities with every link declared ``acyclic`` kept only where it points
    at an entity earlier in the record, so that no such link comes back."""
    place = {e.id: i for i, e in enumerate(entities)}
    out = []
    for i, entity in enumerate(entities):
        cls: Any = type(entity)
        cut: dict[str, Any] = {
            a.name: None
            for a in attrs.fields(cls)
            if a.metadata.get("acyclic")
            and isinstance(getattr(entity, a.name), str)
            and place.get(getattr(entity, a.name), -1) >= i
        }
        out.append(attrs.evolve(entity, **cut) if cut else entity)
    return out


def records(
    *,
    consistent: bool = True,
    registry: Registry | None = None,
    min_size: int = 0,
    max_size: int = 8,
) -> SearchStrategy[Record]:
    """Records of entities of every registered class.

    With ``consistent=True``, :meth:`~communique.Record.validate` finds nothing
    wrong: ids are unique, references resolve to entities of the types their
    fields name, each source has a text and every evidence quote is the text at
    its span (or occurs once in it, when the span is left out), and dated periods
    do not end before they start. ``min_size`` and ``max_size`` bound the entities
    drawn at random; a consistent record also holds a source and one entity of
    each class that a required reference points at.

    With ``consistent=False``, entities are drawn independently: any valid value
    in every field, references that need not resolve.
    """
    reg = registry if registry is not None else default_registry
    return st.deferred(lambda: _records(consistent, reg, min_size, max_size))


# -- planting one problem --------------------------------------------------------


Steps = tuple[str | int, ...]


def _sites(
    value: object, steps: Steps = ()
) -> Iterator[tuple[Steps, attrs.Attribute[Any], object]]:
    """Every field value below an attrs instance: its steps, its attribute, the value."""
    cls: Any = type(value)
    for attribute in attrs.fields(cls):
        item = getattr(value, attribute.name)
        here = (*steps, attribute.name)
        elements = list(enumerate(item)) if isinstance(item, tuple) else [(None, item)]
        for index, element in elements:
            at = here if index is None else (*here, index)
            yield at, attribute, element
            if attrs.has(type(element)) and not isinstance(element, Date):
                yield from _sites(element, at)


def _replace(value: Any, steps: Steps, new: object) -> Any:
    if not steps:
        return new
    head, rest = steps[0], steps[1:]
    if isinstance(head, int):
        items = list(value)
        items[head] = _replace(items[head], rest, new)
        return tuple(items)
    return attrs.evolve(value, **{head: _replace(getattr(value, head), rest, new)})


def _path(steps: Steps) -> str:
    return "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in steps)


@st.composite
def _planted(draw: st.DrawFn, kind: str, registry: Registry) -> tuple[Record, Problem]:
    record = draw(_records(True, registry, 0, 6))
    items = list(record.entities)
    if kind == "duplicate-id":
        copied = draw(st.sampled_from(items))
        items.insert(draw(st.integers(0, len(items))), copied)
        return Record(items), Problem(code=kind, message="", path="$.id", entity=copied.id)
    if kind == "dangling-reference":
        sites = [
            (i, steps)
            for i, e in enumerate(items)
            for steps, attribute, v in _sites(e)
            if attribute.metadata.get("refs") and isinstance(v, str)
        ]
        assume(sites)
        index, steps = draw(st.sampled_from(sites))
        missing = draw(ids("missing"))
        items[index] = _replace(items[index], steps, missing)
        return Record(items), Problem(
            code=kind, message="", path=_path(steps), entity=items[index].id
        )
    if kind == "evidence-mismatch":
        found = []
        for i, e in enumerate(items):
            for steps, _, v in _sites(e):
                if isinstance(v, Evidence) and v.start is not None and v.end is not None:
                    found.append((i, steps, v))
        assume(found)
        index, steps, evidence = draw(st.sampled_from(found))
        text = record.text_of(evidence.source) or ""
        assert evidence.start is not None
        assert evidence.end is not None
        shifts = [
            d
            for d in (1, -1)
            if evidence.start + d >= 0
            and text[evidence.start + d : evidence.end + d] != evidence.quote
            # Moved within characters, the span would have a second problem.
            and not inside_grapheme(text, evidence.start + d)
            and not inside_grapheme(text, evidence.end + d)
        ]
        assume(shifts)
        d = draw(st.sampled_from(shifts))
        moved = attrs.evolve(evidence, start=evidence.start + d, end=evidence.end + d)
        items[index] = _replace(items[index], steps, moved)
        return Record(items), Problem(
            code=kind, message="", path=_path((*steps, "quote")), entity=items[index].id
        )
    if kind == "end-before-start":
        periods = [
            (i, steps)
            for i, e in enumerate(items)
            for steps, _, v in [((), None, e), *_sites(e)]
            if _has_period(v)
        ]
        end_day = draw(st.dates(min_value=_dt.date(1, 1, 1), max_value=_dt.date(9998, 12, 31)))
        start_day = draw(
            st.dates(min_value=end_day + _dt.timedelta(days=1), max_value=_dt.date(9999, 12, 31))
        )
        start, end = Date(start_day.isoformat()), Date(end_day.isoformat())
        if periods:
            index, steps = draw(st.sampled_from(periods))
            owner = items[index]
            for target, new in (("start", start), ("end", end)):
                owner = _replace(owner, (*steps, target), new)
            items[index] = owner
            return Record(items), Problem(
                code=kind, message="", path=_path((*steps, "end")), entity=owner.id
            )
        # No period in the record: add a membership that ends before it starts.
        agent = draw(st.sampled_from(record.agents.ids()))
        body = draw(st.sampled_from(record.organizations.ids()))
        membership_id = f"membership:{draw(_slugs(8))}"
        assume(membership_id not in record)
        items.append(
            Membership(
                id=membership_id,
                member=agent,
                organization=body,
                status=MembershipStatus("member"),
                start=start,
                end=end,
            )
        )
        return Record(items), Problem(code=kind, message="", path="$.end", entity=membership_id)
    planted = _planted_entities(draw, kind, record)
    for entity in planted.entities:
        assume(entity.id not in record)
    return Record([*items, *planted.entities]), planted.problem


@attrs.frozen
class _Planted:
    entities: tuple[Entity, ...]
    problem: Problem


def _planted_entities(draw: st.DrawFn, kind: str, record: Record) -> _Planted:
    """New entities that carry one coherence problem, added to a consistent record."""
    slug = draw(_slugs(8))
    agent = draw(st.sampled_from(record.agents.ids()))

    def proposal(**changes: Any) -> Proposal:
        fields: dict[str, Any] = {"proposers": (agent,), **changes}
        return Proposal(id=f"proposal:planted-{slug}", text="planted", **fields)

    def decided(outcome: str, **changes: Any) -> Proposal:
        return proposal(decision=Decision(method="recorded_vote", outcome=outcome, **changes))

    def problem(entity: Entity, path: str) -> Problem:
        return Problem(code=kind, message="", path=path, entity=entity.id)

    if kind == "empty-required":
        empty = proposal(proposers=())
        return _Planted((empty,), problem(empty, "$.proposers"))
    if kind == "reference-cycle":
        first, second = f"event:planted-{slug}-a", f"event:planted-{slug}-b"
        loop = draw(st.booleans())
        events = (
            Event(id=first, kind="meeting", part_of=first if loop else second),
            *(() if loop else (Event(id=second, kind="meeting", part_of=first),)),
        )
        return _Planted(events, problem(events[0], "$.part_of"))
    if kind == "double-vote":
        twice = decided(
            "deferred",
            votes=(Vote(agent=agent, position="in_favour"), Vote(agent=agent, position="against")),
        )
        return _Planted((twice,), problem(twice, "$.decision.votes[1].agent"))
    if kind == "veto-not-against":
        position = draw(st.sampled_from(("in_favour", "abstaining")))
        vetoed = decided("deferred", votes=(Vote(agent=agent, position=position, veto=True),))
        return _Planted((vetoed,), problem(vetoed, "$.decision.votes[0].veto"))
    if kind == "tally-ballots-mismatch":
        counted = decided(
            "adopted",
            tally=Tally(in_favour=draw(st.integers(1, 200)), against=0, abstaining=0),
            votes=(Vote(agent=agent, position="against"),),
        )
        return _Planted((counted,), problem(counted, "$.decision.tally.against"))
    if kind == "outcome-contradicts-tally":
        yes = draw(st.integers(0, 100))
        no = draw(st.integers(yes, 200))
        lost = decided("adopted", tally=Tally(in_favour=yes, against=no, abstaining=0))
        return _Planted((lost,), problem(lost, "$.decision.outcome"))
    if kind == "status-contradicts-outcome":
        contrary = proposal(
            statuses=(StatusChange(status="rejected"),),
            decision=Decision(method="consensus", outcome="adopted"),
        )
        return _Planted((contrary,), problem(contrary, "$.statuses[0].status"))
    if kind == "evidence-unchecked":
        source_id = f"source:planted-{slug}"
        textless = Source(id=source_id, evidence=(Evidence(source=source_id, quote="planted"),))
        return _Planted((textless,), problem(textless, "$.evidence[0].quote"))
    raise ValueError(f"unknown problem kind {kind!r}; known: {', '.join(PROBLEM_KINDS)}")


def _has_period(value: object) -> bool:
    if not attrs.has(type(value)) or isinstance(value, Date):
        return False
    cls: Any = type(value)
    names = {a.name: a for a in attrs.fields(cls)}
    return all(n in names and _unwrap_optional(names[n].type)[0] is Date for n in ("start", "end"))


def records_with_problem(
    kind: str, *, registry: Registry | None = None
) -> SearchStrategy[tuple[Record, Problem]]:
    """A consistent record with exactly one problem planted in it, and the problem
    :meth:`~communique.Record.validate` must report (its ``code``, ``entity`` and
    ``path``; the message is left empty). ``kind`` is one of :data:`PROBLEM_KINDS`:
    a reference changed to an id no entity has, an entity repeated, an evidence
    span moved by one character, a period made to end before it starts, or an
    entity added that breaks one coherence rule (a proposal without proposer,
    events that are part of each other, a vote cast twice, a veto in favour, a
    tally that counts fewer ballots than are listed, an outcome the tally does not
    carry, a status contrary to the outcome, evidence on a source without text)."""
    if kind not in PROBLEM_KINDS:
        raise ValueError(f"unknown problem kind {kind!r}; known: {', '.join(PROBLEM_KINDS)}")
    reg = registry if registry is not None else default_registry
    return _planted(kind, reg)
