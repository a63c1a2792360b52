"""Combining the versions of one entity, field by field, for :func:`communique.merge`.

Equal values merge; a value and its absence combine into the value; lists are
unioned (participations by agent, posts by organisation and title, names by
name); a date inside another is the narrower; two roles lists where one holds
the other combine into the larger; an agent's second name becomes one of its
other names. Anything else is a conflict: both values, with their sources, are
handed to :class:`Conflicts`, which keeps the preferred source's value or marks
the field as disputed.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable, Hashable, Sequence
from functools import cache
from typing import Any

import attrs
import orjson

from ._blocking import name_key
from .converter import default_converter
from .dates import Date
from .model import Agent, Claim, Dispute, Entity, Evidence, Name, Participation, Post
from .vocab import Term

__all__ = ["Conflicts", "Side", "Version", "combine", "json_text"]


def json_text(value: object) -> str:
    """A value as canonical JSON text: what claims and conflicts show."""
    return orjson.dumps(default_converter.unstructure(value), option=orjson.OPT_SORT_KEYS).decode()


@attrs.frozen
class Side:
    """One value of a conflict: the value, where it came from and its evidence."""

    value: str
    ids: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@attrs.frozen
class Version:
    """One input's entity (or a value inside it), with the sources it rests on."""

    value: Any
    ids: tuple[str, ...]
    sources: frozenset[str]
    evidence: tuple[Evidence, ...]

    def inner(self, value: Any) -> Version:
        """A value inside this one: its own evidence, if it has some, says where it is from."""
        own = getattr(value, "evidence", None)
        if isinstance(own, tuple) and own and all(isinstance(e, Evidence) for e in own):
            return Version(value, self.ids, frozenset(e.source for e in own), own)
        return Version(value, self.ids, self.sources, self.evidence)


@attrs.define
class Conflicts:
    """Settles the conflicts of one entity: the preferred source's value, or a dispute."""

    prefer: Sequence[str]
    found: list[tuple[str, list[Side], str, str | None]] = attrs.Factory(list)
    disputes: list[Dispute] = attrs.Factory(list)

    def settle(self, path: str, versions: list[Version]) -> Any:
        sides: dict[str, Side] = {}
        values: dict[str, Any] = {}
        for v in versions:
            text = json_text(v.value)
            values.setdefault(text, v.value)
            old = sides.get(text)
            if old is None:
                sides[text] = Side(text, v.ids, tuple(sorted(v.sources)), v.evidence)
            else:
                sides[text] = Side(
                    text,
                    tuple(sorted({*old.ids, *v.ids})),
                    tuple(sorted({*old.sources, *v.sources})),
                    _union(old.evidence, v.evidence),
                )
        ordered = [sides[t] for t in sorted(sides)]
        for source in self.prefer:
            chosen = [s for s in ordered if source in s.sources]
            if len(chosen) == 1:
                self.found.append((path, ordered, chosen[0].value, source))
                return values[chosen[0].value]
        # No preference settles it: a value is kept (the first in JSON order, so
        # that the input order does not matter) and the field is marked disputed.
        self.found.append((path, ordered, ordered[0].value, None))
        self.disputes.append(
            Dispute(
                field=path,
                claims=tuple(Claim(value=s.value, sources=s.sources) for s in ordered),
            )
        )
        return values[ordered[0].value]


def _union(*groups: Sequence[Any]) -> tuple[Any, ...]:
    out: dict[Any, None] = {}
    for group in groups:
        for item in group:
            out.setdefault(item, None)
    return tuple(out)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_scalar_term(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, (Term, enum.Enum))


# How the items of a list are told apart, for the lists whose items are merged
# item by item rather than kept side by side.
_KEYS: dict[type, Callable[[Any], Hashable]] = {
    Participation: lambda p: p.agent,
    Post: lambda p: (p.organization, name_key(p.title)),
    Name: lambda n: n.name,
}


def combine(cls: type, path: str, versions: list[Version], conflicts: Conflicts) -> Any:
    """One value of ``cls`` (an attrs class) from several versions of it."""
    first = versions[0].value
    if all(v.value == first for v in versions[1:]):
        return first
    kwargs: dict[str, Any] = {}
    hints = _hints(cls)
    for a in attrs.fields(cls):
        if not a.init:
            continue
        here = f"{path}.{a.name}"
        field_versions = [attrs.evolve(v, value=getattr(v.value, a.name)) for v in versions]
        kwargs[a.name] = _field(
            cls, a.name, hints[a.name], here, field_versions, conflicts=conflicts
        )
    if issubclass(cls, Agent):
        kwargs = _names(kwargs, versions, conflicts)
    return cls(**kwargs)


def _names(kwargs: dict[str, Any], versions: list[Version], conflicts: Conflicts) -> dict[str, Any]:
    # An agent called two ways is one agent with two names: the second is kept
    # among its other names, not reported as a conflict.
    names = sorted({v.value.name for v in versions})
    if len(names) < 2:
        return kwargs
    kept = names[0]
    for source in conflicts.prefer:
        preferred = sorted({v.value.name for v in versions if source in v.sources})
        if preferred:
            kept = preferred[0]
            break
    known = {n.name for n in kwargs["other_names"]}
    extra = tuple(Name(name=n) for n in names if n != kept and n not in known)
    return {**kwargs, "name": kept, "other_names": (*kwargs["other_names"], *extra)}


def _field(
    owner: type, name: str, hint: Any, path: str, versions: list[Version], *, conflicts: Conflicts
) -> Any:
    values = [v.value for v in versions]
    first = values[0]
    if all(v == first for v in values[1:]):
        return first
    if name == "name" and issubclass(owner, Agent):
        return first  # settled by _names
    if name == "extensions":
        return _extensions(path, versions, conflicts)
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item,) = [t for t in typing.get_args(hint) if t is not Ellipsis]
        return _list(item, name, path, versions, conflicts)
    present = [v for v in versions if v.value is not None]
    if len(present) == 1 or all(v.value == present[0].value for v in present[1:]):
        return present[0].value
    if all(isinstance(v.value, Date) for v in present):
        narrow = _narrowest([v.value for v in present])
        if narrow is not None:
            return narrow
    kinds = {type(v.value) for v in present}
    if len(kinds) == 1:
        (kind,) = kinds
        if attrs.has(kind) and kind is not Date:
            return combine(kind, path, [v.inner(v.value) for v in present], conflicts)
    return conflicts.settle(path, present)


def _narrowest(dates: list[Date]) -> Date | None:
    """The date every other one contains, if there is one: "2020-03" and
    "2020-03-04" are one date, told more exactly by the second."""
    bounds = [(d, d.lower_day, d.upper_day) for d in dates]
    if any(low is None or high is None for _, low, high in bounds):
        return None
    inner, in_low, in_high = min(bounds, key=lambda b: (b[2] - b[1], json_text(b[0])))  # type: ignore[operator]
    for d, low, high in bounds:
        if not (low <= in_low and in_high <= high):  # type: ignore[operator]
            return None
        if d != inner and (low, high) == (in_low, in_high):
            # The same days told two ways (stated and inferred, another phrase or
            # basis): neither is more exact, so keeping one would drop the other.
            return None
    return inner


def _list(
    item: Any, name: str, path: str, versions: list[Version], conflicts: Conflicts
) -> tuple[Any, ...]:
    if _is_scalar_term(item):
        # A list of terms is one answer (the roles someone had): one list
        # holding the other is the same answer told more fully.
        sets = [frozenset(v.value) for v in versions if v.value]
        largest = max(sets, key=len, default=frozenset())
        if all(s <= largest for s in sets):
            return next(v.value for v in versions if frozenset(v.value) == largest)
        return tuple(conflicts.settle(path, [v for v in versions if v.value]))
    key = _KEYS.get(item) if isinstance(item, type) else None
    if key is None:
        return _union(*(v.value for v in versions))
    groups: dict[Hashable, list[Version]] = {}
    for v in versions:
        for element in v.value:
            groups.setdefault(key(element), []).append(v.inner(element))
    out = []
    for index, members in enumerate(groups.values()):
        out.append(combine(item, f"{path}[{index}]", members, conflicts))
    return tuple(out)


def _extensions(path: str, versions: list[Version], conflicts: Conflicts) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in sorted({k for v in versions for k in v.value}):
        present = [attrs.evolve(v, value=v.value[key]) for v in versions if key in v.value]
        texts = {json_text(v.value) for v in present}
        out[key] = (
            present[0].value if len(texts) == 1 else conflicts.settle(f"{path}.{key}", present)
        )
    return out


def entity_versions(entity: Entity, ids: tuple[str, ...], fallback: frozenset[str]) -> Version:
    """An input's entity as a version: its sources are those of its evidence, or when
    it has none, every source of its input."""
    sources = frozenset(e.source for e in entity.evidence) or fallback
    return Version(entity, ids, sources, entity.evidence)
