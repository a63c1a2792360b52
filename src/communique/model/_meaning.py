"""What an entity means, read from what its class declares: the agents it names and
their roles, its date (its own, or one it takes from another entity), the event it
happened at, its text, its topics, its references and its evidence.

The declarations are the ``refs(...)`` metadata of the fields (with the role of an
agent) and the :class:`~communique.model.Meaning` of the class. This module is the
one walk over them: the query index, validation, the command line, the exports and
the summaries all ask it, so that they cannot disagree, and a downstream class that
declares its meaning the same way is read like the library's own.
"""

from __future__ import annotations

import enum
import typing
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, Final, NamedTuple, TypeVar

import attrs

from ..dates import Date
from ._base import Entity, Evidence, Meaning
from ._filling import subclasses

__all__ = [
    "ANCHOR",
    "Found",
    "Lookup",
    "Reference",
    "agent_fields",
    "agent_roles",
    "author_roles",
    "bounds_of",
    "date_of",
    "declared",
    "event_fields",
    "event_of",
    "evidence_of",
    "has_nested_agents",
    "holds_fields",
    "meaning_of",
    "more_agent_collector",
    "more_agent_roles",
    "normalize",
    "references",
    "replaced",
    "rewritten",
    "text_of",
    "texts",
    "topics_of",
    "walk",
    "with_evidence",
]

_V = TypeVar("_V")

#: Finds an entity of the record by its id, or ``None``: ``record.find``.
Lookup = Callable[[str], "Entity | None"]


# -- the plan of a class: its reference fields and the fields that hold values -------


class _Step(NamedTuple):
    """One field of a class on the way to its references: a reference field
    (``ref``) or a field holding values that have references (their plan is looked
    up by each value's own class)."""

    name: str
    ref: bool
    # For a reference to agents: the role they play, or the field holding the roles.
    role: str | None
    role_from: str | None
    # For a field of values: the classes its type allows (None: not known).
    values: tuple[type, ...] | None


_Plan = tuple[_Step, ...]


def _is_value_class(hint: object) -> bool:
    return isinstance(hint, type) and attrs.has(hint) and not issubclass(hint, Date)


def _value_classes(hint: object) -> list[type]:
    """The attrs classes (other than dates) a type hint lets a field hold."""
    if _is_value_class(hint):
        return [typing.cast(type, hint)]
    return [c for arg in typing.get_args(hint) if arg is not Ellipsis for c in _value_classes(arg)]


def _refers_to_agents(targets: tuple[object, ...]) -> bool:
    # Imported here: the registry imports the model.
    from ..registry import ref_target
    from .agents import Agent

    for target in targets:
        try:
            cls = ref_target(typing.cast("str | type", target))
        except LookupError:
            continue  # a tag not registered yet names no agent class known now
        if issubclass(cls, Agent):
            return True
    return False


@cache
def _plan(cls: type) -> _Plan:
    """The fields of ``cls`` that are references or hold values with references."""
    try:
        hints: dict[str, Any] | None = typing.get_type_hints(cls)
    except (NameError, TypeError):
        hints = None  # a class defined in a function: its values are looked at one by one
    steps: list[_Step] = []
    for a in attrs.fields(cls):
        targets = a.metadata.get("refs")
        hint = hints.get(a.name) if hints is not None else None
        if targets:
            role, role_from = a.metadata.get("role"), a.metadata.get("role_from")
            if role is None and role_from is None and _refers_to_agents(tuple(targets)):
                role = a.name
            steps.append(_Step(a.name, True, role, role_from, None))
            continue
        values = tuple(_value_classes(hint)) if hints is not None else None
        if values is None or any(_plan(c) or _subclassed(c) for c in values):
            steps.append(_Step(a.name, False, None, None, values))
    return tuple(steps)


@cache
def _agent_plan(cls: type) -> _Plan:
    """The steps of :func:`_plan` that lead to agents: the references to agents and
    the fields whose values may hold some (a participation, a response, a post)."""
    return tuple(
        s
        for s in _plan(cls)
        if (s.ref and (s.role is not None or s.role_from is not None))
        or (not s.ref and (s.values is None or any(map(_may_name_agents, s.values))))
    )


def _may_name_agents(cls: type) -> bool:
    return bool(_agent_plan(cls)) or _subclassed(cls)


def _agent_plan_of(value: object) -> _Plan:
    return _plan_by_class(_AGENT_PLANS, _agent_plan, value)


_AGENT_PLANS: dict[type, _Plan] = {}


def _plan_by_class(
    plans: dict[type, _Plan], make: Callable[[type], _Plan], value: object
) -> _Plan:
    # Asked for every value on the way: a dict by class, not attrs.has each time.
    cls: type = type(value)
    plan = plans.get(cls)
    if plan is None:
        plan = plans[cls] = make(cls) if _is_value_class(cls) else ()
    return plan


def _subclassed(cls: type) -> bool:
    # A field of a value class may hold a subclass of it, which may add references.
    return bool(subclasses(cls))


def _plan_of(value: object) -> _Plan:
    return _plan_by_class(_PLANS, _plan, value)


_PLANS: dict[type, _Plan] = {}


def meaning_of(cls: type) -> Meaning:
    """What a class declares its fields mean (``cls.meaning``); nothing for a class
    that is not an entity."""
    found = getattr(cls, "meaning", None)
    return found if isinstance(found, Meaning) else _NOTHING


_NOTHING: Final = Meaning()


# -- agents ------------------------------------------------------------------------


def agent_roles(entity: Entity) -> list[tuple[str, str]]:
    """Every ``(agent id, role)`` of an entity, as its fields declare them
    (``refs("Agent", role=...)``): speakers, proposers, organisers, each participant
    in each of their roles, responders, voters, publishers, members...

    >>> from communique import Statement
    >>> agent_roles(Statement(id="statement:s", kind="remarks", attribution="reported",
    ...                       speakers=("person:a",), reported_by="org:b"))
    [('person:a', 'speaker'), ('org:b', 'reporter')]
    """
    found: list[tuple[str, str]] = []
    _collector_of(entity)(entity, found)
    return found


_Collect = Callable[[Any, list[tuple[str, str]]], None]


def _compiled(plan: _Plan) -> _Collect:
    """A function that adds to a list the (agent, role) pairs a value's fields name,
    by ``plan``: written out as Python for the plan, with the values inside it (a
    participation, a vote) read in line, since the index runs it for every event,
    person and proposal of a record and a loop over the steps took half again as
    long as the hand-written code it replaces."""
    constants: dict[str, object] = {"_Enum": enum.Enum, "_collector_of": _collector_of}
    lines = ["def collect(v, found):", *_lines(plan, "v", "    ", constants), "    pass"]
    exec("\n".join(lines), constants)  # noqa: S102 - made from attrs field names only
    return typing.cast(_Collect, constants["collect"])


def _lines(plan: _Plan, var: str, indent: str, constants: dict[str, object]) -> list[str]:
    out: list[str] = []
    for name, ref, role, role_from, values in plan:
        k = len(constants)
        x = f"x{k}"
        # Field names are attrs field names: identifiers.
        out += [f"{indent}{x} = {var}.{name}", f"{indent}if {x}:"]
        inner = indent + "    "
        if ref and role is not None:
            constants[f"R{k}"] = role
            out.append(f"{inner}if type({x}) is str: found.append(({x}, R{k}))")
            out.append(f"{inner}else: found.extend([(a, R{k}) for a in {x}])")
        elif ref:
            constants[f"F{k}"] = role_from
            out += [
                f"{inner}h = getattr({var}, F{k})",
                f"{inner}if type(h) is not tuple: h = () if h is None else (h,)",
                f"{inner}if h and isinstance(h[0], _Enum): h = [r.value for r in h]",
                f"{inner}if type({x}) is str: found.extend([({x}, str(r)) for r in h])",
                f"{inner}else:",
                f"{inner}    for a in {x}: found.extend([(a, str(r)) for r in h])",
            ]
        else:
            e = f"e{k}"
            out.append(f"{inner}for {e} in ({x} if type({x}) is tuple else ({x},)):")
            only = values[0] if values is not None and len(values) == 1 else None
            if only is not None and not _subclassed(only):
                # The one class the field holds: its fields read here.
                constants[f"C{k}"] = only
                out.append(f"{inner}    if type({e}) is C{k}:")
                out += _lines(_agent_plan(only), e, inner + "        ", constants)
                out.append(f"{inner}        pass")
                out.append(f"{inner}    else: _collector_of({e})({e}, found)")
            else:
                out.append(f"{inner}    _collector_of({e})({e}, found)")
    return out


_COLLECTORS: dict[type, _Collect] = {}
_MORE_COLLECTORS: dict[type, _Collect] = {}


def _collector_of(value: object) -> _Collect:
    """The collector of every (agent, role) pair of a value's class."""
    cls: type = type(value)
    found = _COLLECTORS.get(cls)
    if found is None:
        found = _COLLECTORS[cls] = _compiled(_agent_plan_of(value))
    return found


def _roles(held: object) -> list[str]:
    """The roles a ``role_from`` field holds: one or several; terms are text, the
    members of an enum give their value."""
    values = held if type(held) is tuple else () if held is None else (held,)
    if values and isinstance(values[0], enum.Enum):
        return [str(getattr(v, "value", v)) for v in values]
    return [str(v) for v in values]


@cache
def author_roles(cls: type) -> frozenset[str]:
    """The roles of the fields of ``cls`` whose agents made an entity of it
    (``refs(..., author=True)``): what :meth:`communique.Query.by` looks at."""
    return frozenset(
        s.role for s in _plan(cls) if s.ref and s.role is not None and _is_author(cls, s.name)
    )


def _is_author(cls: type, name: str) -> bool:
    return bool(attrs.fields_dict(cls)[name].metadata.get("author"))


def agent_fields(cls: type) -> tuple[tuple[str, str], ...]:
    """The ``(field, role)`` pairs of the fields of ``cls`` itself (not of the
    values inside it) that name agents in one declared role: what an index reads
    directly. The rest of :func:`agent_roles` is in :func:`more_agent_roles`."""
    return tuple((s.name, s.role) for s in _agent_plan(cls) if s.ref and s.role is not None)


def has_nested_agents(cls: type) -> bool:
    """Whether entities of ``cls`` may name agents other than through
    :func:`agent_fields`: in values inside them, or with roles read from a field."""
    return any(not s.ref or s.role is None for s in _agent_plan(cls))


def more_agent_roles(entity: Entity, found: list[tuple[str, str]]) -> None:
    """Add to ``found`` the pairs of :func:`agent_roles` that :func:`agent_fields`
    does not give: those inside values (participants, responders, voters,
    employers) and those whose roles a field holds."""
    more_agent_collector(type(entity))(entity, found)


def more_agent_collector(cls: type) -> Callable[[Any, list[tuple[str, str]]], None]:
    """The function that :func:`more_agent_roles` calls for entities of ``cls``,
    for a caller that reads many of them."""
    collect = _MORE_COLLECTORS.get(cls)
    if collect is None:
        collect = _MORE_COLLECTORS[cls] = _compiled(_more_plan(cls))
    return collect


@cache
def _more_plan(cls: type) -> _Plan:
    return tuple(s for s in _agent_plan(cls) if not (s.ref and s.role is not None))


# -- dates -------------------------------------------------------------------------


def _own_dates(entity: Entity) -> tuple[Date | None, ...]:
    names = type(entity).meaning.dates
    if len(names) == 1:
        date = getattr(entity, names[0])
        return (date,) if isinstance(date, Date) else ()
    if names:
        start, end = getattr(entity, names[0]), getattr(entity, names[1])
        return (start, end) if start is not None or end is not None else ()
    return ()


def date_of(entity: Entity, lookup: Lookup | None = None) -> tuple[Date | None, ...]:
    """The dates an entity is dated by, as ``(date,)`` or ``(start, end)`` (either
    may be ``None``, not both); ``()`` when it has none.

    The fields of its class's :attr:`Meaning.dates <communique.model.Meaning.dates>`
    date it. Without a date of its own, and given ``lookup`` (``record.find``), it
    takes the date of the entities its ``date_from`` fields name, in order, each
    with its own date or the one it takes in turn: a statement that is part of a
    dated statement has that statement's date, one made at an event the event's.
    No entity is visited twice, so a cycle of links ends.

    >>> from communique import Date, Event, Record, Statement
    >>> record = Record([
    ...     Event(id="event:e", kind="meeting", date=Date("2020-03-04")),
    ...     Statement(id="statement:s", kind="remarks", attribution="reported",
    ...               speakers=("person:a",), event="event:e"),
    ... ])
    >>> said = record.get("statement:s")
    >>> date_of(said), [d.edtf for d in date_of(said, record.find)]
    ((), ['2020-03-04'])
    """
    own = _own_dates(entity)
    if own or lookup is None or not type(entity).meaning.date_from:
        return own
    # Depth first, in the order the fields are declared; an explicit stack, as
    # links can be long chains (the paragraphs of a declaration, part of each other).
    seen: set[str] = set()
    stack: list[Entity] = [entity]
    while stack:
        current = stack.pop()
        if current.id in seen:
            continue
        seen.add(current.id)
        own = _own_dates(current)
        if own:
            return own
        linked = []
        for name in meaning_of(type(current)).date_from:
            target_id = getattr(current, name, None)
            if isinstance(target_id, str) and target_id not in seen:
                target = lookup(target_id)
                if target is not None:
                    linked.append(target)
        stack += reversed(linked)
    return ()


def bounds_of(entity: Entity, lookup: Lookup | None = None) -> tuple[int | None, int | None] | None:
    """The earliest and latest day of :func:`date_of`, as day numbers (see
    :func:`communique.dates.day_number`; ``None`` for an open end), or ``None`` if
    the entity is undated."""
    dates = date_of(entity, lookup)
    if not dates:
        return None
    first, last = dates[0], dates[-1]
    return (
        first.lower_day if first is not None else None,
        last.upper_day if last is not None else None,
    )


# -- events ------------------------------------------------------------------------


@cache
def _event_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """(field, whether it names the event itself) for each field of the class's
    :attr:`Meaning.event <communique.model.Meaning.event>`."""
    from ..registry import ref_target
    from .events import Event

    def names_events(target: str | type) -> bool:
        try:
            return issubclass(ref_target(target), Event)
        except LookupError:
            return False  # a tag not registered yet names no event class known now

    found = []
    for name in typing.cast("type[Entity]", cls).meaning.event:
        targets = attrs.fields_dict(cls)[name].metadata.get("refs", ())
        found.append((name, any(names_events(t) for t in targets)))
    return tuple(found)


def event_of(entity: Entity, lookup: Lookup) -> str | None:
    """The id of the event an entity happened at, as its class's
    :attr:`Meaning.event <communique.model.Meaning.event>` says: the event an event
    is part of, the one a document was adopted at, the one a statement was made at
    or else the one of the statement it is part of or replies to.

    The fields are tried in order, and a field that leads to another entity is
    followed to its end before the next is tried; no entity is visited twice."""
    seen = {entity.id}
    stack: list[tuple[Entity, int]] = [(entity, 0)]
    while stack:
        current, at = stack.pop()
        fields = event_fields(type(current))
        while at < len(fields):
            name, direct = fields[at]
            at += 1
            value = getattr(current, name, None)
            if not isinstance(value, str):
                continue
            if direct:
                return value
            found = lookup(value) if value not in seen else None
            if found is not None:
                seen.add(value)
                stack += [(current, at), (found, 0)]
                break
    return None


def event_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """(field, whether it names the event itself rather than an entity to ask)
    for each field that says which event entities of ``cls`` happened at."""
    return _event_fields(cls)


# -- text and topics -----------------------------------------------------------------


def texts(entity: Entity) -> list[str]:
    """The pieces of an entity's text, in the order its class's
    :attr:`Meaning.texts <communique.model.Meaning.texts>` declares them."""
    found: list[str] = []
    for name in type(entity).meaning.texts:
        head, _, rest = name.partition(".")
        value = getattr(entity, head, None)
        for item in value if isinstance(value, tuple) else (value,):
            text = getattr(item, rest, None) if rest else item
            if isinstance(text, str):
                found.append(text)
    return found


def normalize(text: str) -> str:
    """Text folded for matching: case folded, accents and other marks removed,
    runs of white space made one space.

    >>> normalize("  Fasslabend  GRÜSST\\nBrüssel ")
    'fasslabend grusst brussel'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


def text_of(entity: Entity) -> str:
    """The words of an entity that :meth:`communique.Query.mentioning` searches:
    its :func:`texts` (names, titles, subject, text, acronym, other names), folded
    by :func:`normalize`."""
    return normalize("\n".join(texts(entity)))


def topics_of(entity: Entity) -> tuple[str, ...]:
    """The topics an entity is about: the values of its class's
    :attr:`Meaning.topics <communique.model.Meaning.topics>` fields (a statement's
    ``topics``, and the ids in ``about``)."""
    names = type(entity).meaning.topics
    if len(names) == 1:
        found: tuple[str, ...] = getattr(entity, names[0])
        return found
    return tuple(v for n in names for v in getattr(entity, n))


# -- every value: references, evidence --------------------------------------------


class Reference(NamedTuple):
    """A field's declaration as :func:`walk` gives it: the field's name and the
    ``refs`` targets (empty for a field that holds no ids)."""

    name: str
    targets: tuple[str | type, ...]


@cache
def _fields(cls: type) -> tuple[Reference, ...]:
    return tuple(Reference(a.name, tuple(a.metadata.get("refs", ()))) for a in attrs.fields(cls))


def holds_fields(cls: type) -> bool:
    """Whether values of ``cls`` have fields to walk (a date is a value of its own);
    asked for every value of every entity, and ``attrs.has`` is not cheap."""
    return _holds_fields(cls)


@cache
def _holds_fields(cls: type) -> bool:
    return attrs.has(cls) and not issubclass(cls, Date)


Found = list[tuple[str, object, Reference]]

#: What a relative date's ``relative_to`` may name: an entity with a date of its own.
ANCHOR: Final = Reference("relative_to", ("Event", "Source", "Document", "Statement"))


def walk(value: object, path: str = "$") -> Found:
    """(path, value, its field) for every field value below an attrs instance (an
    entity) that is not ``None``, each item of a tuple on its own, in field order: the one walk over
    every value that validation, :func:`references` and :func:`evidence_of` read.
    Collected in one list rather than yielded level by level through generators,
    which cost more than the checks on records of a hundred thousand."""
    found: Found = []
    _walk(value, path, found)
    return found


def _walk(value: object, path: str, found: Found) -> None:
    cls: type = type(value)
    for ref in _fields(cls):
        item = getattr(value, ref.name)
        if item is None:
            continue
        here = f"{path}.{ref.name}"
        if type(item) is tuple:
            for index, element in enumerate(item):
                where = f"{here}[{index}]"
                found.append((where, element, ref))
                if holds_fields(type(element)):
                    _walk(element, where, found)
        else:
            found.append((here, item, ref))
            if holds_fields(type(item)):
                _walk(item, here, found)
            elif type(item) is Date and item.relative_to is not None:
                # A date is a value of its own, but what it is relative to is a reference.
                found.append((f"{here}.relative_to", item.relative_to, ANCHOR))


def references(entity: Entity) -> Iterator[tuple[str, str]]:
    """(field path, id) for every id the entity refers to, in field order.

    >>> from communique import Statement
    >>> list(references(Statement(id="statement:s", kind="remarks", attribution="reported",
    ...                           speakers=("person:a",), event="event:e")))
    [('$.speakers[0]', 'person:a'), ('$.event', 'event:e')]
    """
    for path, value, ref in walk(entity):
        if ref.targets and type(value) is str:
            yield path, value


def evidence_of(entity: Entity) -> list[tuple[str, Evidence]]:
    """(field path, evidence) for every piece of evidence in the entity, its own
    and that of the values inside it (a participation, a post, a response).

    Only the fields that can hold values are visited (evidence refers to its
    source, so a field that can hold evidence is in the plan of references)."""
    found: list[tuple[str, Evidence]] = []
    _evidence(entity, "$", found)
    return found


def _evidence(value: object, path: str, found: list[tuple[str, Evidence]]) -> None:
    for step in _plan_of(value):
        if step.ref:
            continue
        item = getattr(value, step.name)
        if item is None or item == ():
            continue
        here = f"{path}.{step.name}"
        for where, element in (
            ((f"{here}[{i}]", e) for i, e in enumerate(item))
            if type(item) is tuple
            else ((here, item),)
        ):
            if isinstance(element, Evidence):
                found.append((where, element))
            else:
                _evidence(element, where, found)


@cache
def declared(cls: type, key: str) -> tuple[str, ...]:
    """The fields of ``cls`` whose ``refs(...)`` says ``key`` (``"acyclic"``,
    ``"nonempty"``)."""
    return tuple(a.name for a in attrs.fields(cls) if a.metadata.get(key))


def with_evidence(value: Any, change: Callable[[Evidence], Evidence]) -> Any:
    """``value`` (an entity or a value inside one) with each piece of evidence in it
    replaced by ``change(evidence)``; the same object when nothing changes."""
    return replaced(value, Evidence, change)


def replaced(value: Any, kind: type[_V], change: Callable[[_V], _V]) -> Any:
    """``value`` (an entity or a value inside one) with each value of class ``kind``
    in it (evidence, a date) replaced by ``change(it)``; the same object when
    nothing changes."""
    if isinstance(value, kind):
        return change(value)
    if type(value) is tuple:
        items = tuple(replaced(v, kind, change) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if holds_fields(type(value)):
        changes = {}
        for a in attrs.fields(type(value)):
            if not a.init:
                continue
            old = getattr(value, a.name)
            new = replaced(old, kind, change)
            if new is not old:
                changes[a.name] = new
        return attrs.evolve(value, **changes) if changes else value
    return value


def rewritten(value: Any, ids: dict[str, str]) -> Any:
    """``value`` (an entity or a value inside one) with every reference to a key of
    ``ids`` changed to its value; the same object when nothing changes."""
    if not ids:
        return value
    return _rewrite_anchors(_rewrite(value, _plan_of(value), ids), ids)


@cache
def _dated_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that may hold a date, or values that may (a post's
    ``former_as_of``, a status change's ``date``): where a relative date's anchor
    can be."""
    try:
        hints = typing.get_type_hints(cls)
    except (NameError, TypeError):
        return tuple(a.name for a in attrs.fields(cls))
    return tuple(a.name for a in attrs.fields(cls) if _may_hold_dates(hints.get(a.name)))


def _may_hold_dates(hint: object) -> bool:
    if hint is Date:
        return True
    if _is_value_class(hint):
        return True  # a value class: its own fields are looked at in turn
    return any(_may_hold_dates(arg) for arg in typing.get_args(hint) if arg is not Ellipsis)


def _rewrite_anchors(value: Any, ids: dict[str, str]) -> Any:
    """``value`` with each relative date's ``relative_to`` rewritten as ``ids``
    says: a date is a value of its own, outside the plan of references."""
    if type(value) is Date:
        anchor = value.relative_to
        if anchor is not None and anchor in ids:
            return attrs.evolve(value, relative_to=ids[anchor])
        return value
    if type(value) is tuple:
        items = tuple(_rewrite_anchors(v, ids) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    cls: type = type(value)
    if not holds_fields(cls):
        return value
    changes = {}
    for name in _dated_fields(cls):
        old = getattr(value, name)
        if old is None or old == ():
            continue
        new = _rewrite_anchors(old, ids)
        if new is not old:
            changes[name] = new
    return attrs.evolve(value, **changes) if changes else value


def _rewrite(value: Any, plan: _Plan, ids: dict[str, str]) -> Any:
    changes: dict[str, Any] = {}
    for step in plan:
        item = getattr(value, step.name)
        if item is None:
            continue
        new: Any
        if step.ref:
            if type(item) is str:
                new = ids.get(item, item)
            else:
                new = tuple(ids.get(i, i) for i in item)
                new = item if new == item else new
        elif type(item) is tuple:
            parts = tuple(_rewrite(i, _plan_of(i), ids) for i in item)
            new = item if all(a is b for a, b in zip(parts, item, strict=True)) else parts
        else:
            new = _rewrite(item, _plan_of(item), ids)
        if new is not item:
            changes[step.name] = new
    return attrs.evolve(value, **changes) if changes else value
