"""What the query and navigation methods make of their arguments: an entity or its
id, and a date as the first and last day it can mean."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from ._index import NO_END, NO_START
from .dates import Date, parse_bounds

if TYPE_CHECKING:
    from .query import DateLike, Ref

__all__ = ["days", "id_of"]


def id_of(ref: Ref) -> str:
    """The id of an entity given as itself or as its id."""
    return ref if isinstance(ref, str) else ref.id


def days(value: DateLike | None) -> tuple[int, int]:
    """The first and last day ordinals a date can mean (open ends unbounded)."""
    if value is None:
        return NO_START, NO_END
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.toordinal(), value.toordinal()
    parsed = parse_bounds(value.edtf if isinstance(value, Date) else value)
    return (
        parsed.low if parsed.low is not None else NO_START,
        parsed.high if parsed.high is not None else NO_END,
    )
