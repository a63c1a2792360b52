"""What an export could not carry, said out loud."""

from __future__ import annotations

from typing import Generic, TypeVar

from attrs import frozen

__all__ = ["Export", "Loss"]

T = TypeVar("T")


@frozen(kw_only=True)
class Loss:
    """One thing the target format cannot carry: which entity, which field
    (a JSON path inside the entity), and why.

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
