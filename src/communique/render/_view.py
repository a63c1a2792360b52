"""An entity's fields as the templates show them: a small tree of plain values.

Generic over attrs fields and the ``refs`` metadata, so a downstream subclass shows
its own fields, references and nested values as the library's own do.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any, Final

import attrs

from ..dates import Date
from ..model import Entity, Evidence
from ..record import Record
from ..summary import label

__all__ = ["Node", "entity_file", "fields", "readable"]

#: A node of the tree: a dict with ``k`` saying its kind (text, term, date, ref,
#: quote, object, list) and the values the template of that kind shows.
Node = dict[str, Any]

_SAFE: Final = re.compile(r"[^a-z0-9.-]")


def entity_file(entity_id: str) -> str:
    """The file name of an entity's page: the id with ``:`` written ``~`` and every
    other character outside ``a-z 0-9 . -`` written ``_`` and its hex code, so that
    no two ids share a file, even on a file system that ignores case.

    >>> entity_file("person:vladimir-norov"), entity_file("doc:UN/A_1")
    ('person~vladimir-norov.html', 'doc~_55_4e_2f_41_5f1.html')
    """
    return _SAFE.sub(lambda m: "~" if m[0] == ":" else f"_{ord(m[0]):02x}", entity_id) + ".html"


def readable(name: str) -> str:
    """A field's name as a heading: ``on_behalf_of`` is "on behalf of"."""
    return name.replace("_", " ")


@cache
def _plan(cls: Any) -> tuple[tuple[str, bool, object], ...]:
    plan = []
    for a in attrs.fields(cls):
        factory = getattr(a.default, "factory", None)
        default = factory() if callable(factory) else a.default
        plan.append((a.name, bool(a.metadata.get("refs")), default))
    return tuple(plan)


_HIDDEN: Final = frozenset({"id", "evidence", "text"})


class Viewer:
    """Turns values into nodes for the pages of one record; ``root`` leads from a
    page to the site's root, ``quote_of`` gives the number of the evidence at an
    (entity id, field path)."""

    def __init__(self, record: Record, root: str, quote_of: Mapping[tuple[str, str], int]) -> None:
        self.record = record
        self.root = root
        self.quote_of = quote_of
        self.entity = ""

    def ref(self, entity_id: str) -> Node:
        target = self.record.find(entity_id)
        if target is None:
            return {"k": "ref", "id": entity_id, "href": None, "label": entity_id, "type": None}
        return {
            "k": "ref",
            "id": entity_id,
            "href": f"{self.root}e/{entity_file(entity_id)}",
            "label": label(target, self.record),
            "type": target.tag,
        }

    def value(self, value: object, is_ref: bool, path: str) -> Node:
        if isinstance(value, tuple):
            return {
                "k": "list",
                "items": [self.value(v, is_ref, f"{path}[{i}]") for i, v in enumerate(value)],
            }
        if is_ref and isinstance(value, str):
            return self.ref(value)
        if isinstance(value, Date):
            return {
                "k": "date",
                "edtf": value.edtf,
                "lower": value.lower,
                "upper": value.upper,
                "phrase": value.phrase,
                "inferred": value.inferred,
                "basis": value.basis,
                "uncertain": value.uncertain,
                "approximate": value.approximate,
            }
        if isinstance(value, Evidence):
            return {"k": "quote", "n": self.quote_of.get((self.entity, path)), "quote": value.quote}
        if isinstance(value, enum.Enum) or hasattr(value, "label"):
            raw = value.value if isinstance(value, enum.Enum) else str(value)
            shown = getattr(value, "label", None) or str(raw).replace("_", " ").capitalize()
            return {"k": "term", "v": str(raw), "label": shown}
        if isinstance(value, bool):
            return {"k": "text", "v": "yes" if value else "no"}
        if isinstance(value, Decimal):
            return {"k": "text", "v": f"{value:,f}" if value == value.to_integral() else str(value)}
        if isinstance(value, Mapping):
            return {"k": "text", "v": json.dumps(dict(value), ensure_ascii=False, sort_keys=True)}
        if attrs.has(type(value)):
            return {
                "k": "object",
                "type": type(value).__name__,
                "rows": self.rows(value, path, hide=frozenset()),
            }
        return {"k": "text", "v": str(value)}

    def rows(self, value: Any, path: str, hide: frozenset[str]) -> list[tuple[str, str, Node]]:
        """(heading, anchor, node) for every field that differs from its default."""
        out = []
        cls: Any = type(value)
        for name, is_ref, default in _plan(cls):
            if name in hide:
                continue
            item = getattr(value, name)
            if item is None or item == default:
                continue
            here = f"{path}.{name}"
            anchor = "f-" + _SAFE.sub("-", here[2:].lower())
            out.append((readable(name), anchor, self.value(item, is_ref, here)))
        return out


def fields(viewer: Viewer, entity: Entity) -> list[tuple[str, str, Node]]:
    """The rows of an entity's page, without its id, its evidence (listed apart) and
    its text (shown as a block)."""
    viewer.entity = entity.id
    return viewer.rows(entity, "$", _HIDDEN)
