"""What an export could not carry, said out loud.

Exporters do not list by hand what they leave out: they say what they carried,
and :class:`Coverage` compares that with every value the entity holds (its
canonical data, downstream fields and extensions included), so that anything a
target has no place for, now or after the model grows, becomes a :class:`Loss`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from attrs import frozen

from ..converter import Converter, default_converter
from ..dates import Date
from ..model import Entity

__all__ = ["Coverage", "Export", "Loss", "plain_dates"]

T = TypeVar("T")

_PLAIN: re.Pattern[str] = re.compile(r"-?\d{4}(?:-\d{2}(?:-\d{2})?)?")


@frozen(kw_only=True)
class Loss:
    """One thing the target format cannot carry: which entity, which value (a
    JSON path inside the entity's data, ``$`` for the whole entity), and why.

    >>> print(Loss(entity="event:x", path="$.date.inferred", reason="Popolo has no inferred dates"))
    event:x $.date.inferred: Popolo has no inferred dates
    """

    entity: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.entity} {self.path}: {self.reason}"


@frozen(kw_only=True)
class Export(Generic[T]):
    """The result of an export: the data in the target's form and what it lost."""

    data: T
    losses: tuple[Loss, ...] = ()


def _leaves(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}")
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]")
    else:
        yield path


class Coverage:
    """Which values of one entity an export carried, and why the others were not."""

    def __init__(self, entity: Entity, target: str, converter: Converter | None = None) -> None:
        self.entity = entity
        self.target = target
        data = (converter or default_converter).unstructure_entity(entity)
        self.data: dict[str, Any] = data
        self._carried: set[str] = {"$.type", "$.id"}
        self._reasons: list[tuple[str, str]] = []

    def carry(self, *paths: str) -> None:
        """Say that the values at these paths (and everything below them) were carried."""
        self._carried.update(paths)

    def lose(self, path: str, reason: str) -> None:
        """Give the reason why values at ``path`` (and below) cannot be carried."""
        self._reasons.append((path, reason))

    def carry_date(self, path: str, date: Date | None, written: bool) -> None:
        """Account for a date: carried whole when written as it is, its
        inferred-date details always lost."""
        if date is None:
            return
        if not written:
            self.lose(path, f"{self.target} cannot hold the EDTF date {date.edtf!r} as it is")
            return
        if isinstance(self.data_at(path), str):
            self.carry(path)
        else:
            self.carry(f"{path}.edtf")
            self.lose(path, f"{self.target} cannot say that a date was inferred, nor from what")

    def data_at(self, path: str) -> Any:
        value: Any = self.data
        for step in re.findall(r"\.([^.\[]+)|\[(\d+)\]", path):
            key, index = step
            value = value[key] if key else value[int(index)]
        return value

    def losses(self) -> list[Loss]:
        out: list[Loss] = []
        for leaf in _leaves(self.data, "$"):
            if any(_under(leaf, p) for p in self._carried):
                continue
            reasons = [r for p, r in self._reasons if _under(leaf, p)]
            reason = reasons[-1] if reasons else f"{self.target} has no place for it"
            out.append(Loss(entity=self.entity.id, path=leaf, reason=reason))
        return out


def _under(leaf: str, prefix: str) -> bool:
    return leaf == prefix or leaf.startswith((f"{prefix}.", f"{prefix}["))


def plain_dates(date: Date | None) -> tuple[str, str | None] | None:
    """A date as ISO 8601 text a target can hold: ``(start, end)`` with ``end``
    for an interval, or ``None`` when the EDTF text has no such form (uncertain,
    approximate, seasons, sets, open ends...)."""
    if date is None:
        return None
    text = date.edtf
    if _PLAIN.fullmatch(text):
        return text, None
    if text.count("/") == 1:
        start, end = text.split("/")
        if _PLAIN.fullmatch(start) and _PLAIN.fullmatch(end):
            return start, end
    return None
