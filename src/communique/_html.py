"""HTML tables for notebooks: an entity, and the entities of a record or a query.

What a notebook shows of an object is its ``_repr_html_``. Every value is escaped:
the text of a record is data, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Final

from .dates import day_text
from .model import Entity, bounds_of

if TYPE_CHECKING:
    from .record import Record

__all__ = ["MAX_ROWS", "entities_html", "entity_html"]

#: The rows shown of a record or a query; the rest are counted.
MAX_ROWS: Final = 20

_LEFT: Final = ' style="text-align: left; vertical-align: top"'


def entity_html(entity: Entity) -> str:
    """A table of the fields of an entity, as a file writes them."""
    from .converter import default_converter

    data = default_converter.unstructure_entity(entity)
    rows = "".join(
        f"<tr><th{_LEFT}>{escape(str(key))}</th><td{_LEFT}>{_cell(value)}</td></tr>"
        for key, value in data.items()
        if key != "type"
    )
    caption = f"{type(entity).tag} {entity.id}"
    return f"<table><caption>{escape(caption)}</caption><tbody>{rows}</tbody></table>"


def _cell(value: object) -> str:
    """A value of a field: text, a list as one item a line, a mapping as
    ``key: value`` pairs."""
    if isinstance(value, list):
        return "<br>".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return escape("; ".join(f"{k}: {_plain(v)}" for k, v in value.items()))
    return escape(_plain(value))


def _plain(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return "{" + "; ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _when(entity: Entity, record: Record | None) -> str:
    # With the record at hand, an entity shows the date it takes from another.
    bounds = bounds_of(entity, record.find if record is not None else None)
    if bounds is None:
        return ""
    lower, upper = (day_text(d) if d is not None else None for d in bounds)
    if lower == upper:
        return str(lower)
    return f"{lower or '..'}/{upper or '..'}"


def entities_html(entities: Sequence[Entity], record: Record | None, caption: str) -> str:
    """A table of entities, one a row (id, type, date, label), the first
    :data:`MAX_ROWS` of them."""
    from .summary import label

    head = "".join(f"<th{_LEFT}>{name}</th>" for name in ("id", "type", "date", "label"))
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td{_LEFT}>{escape(text)}</td>"
            for text in (e.id, type(e).tag, _when(e, record), label(e, record, width=120))
        )
        + "</tr>"
        for e in entities[:MAX_ROWS]
    )
    more = len(entities) - MAX_ROWS
    if more > 0:
        rows += f'<tr><td colspan="4"{_LEFT}>… and {more} more</td></tr>'
    return (
        f"<table><caption>{escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
