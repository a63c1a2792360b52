"""An entity's fields as HTML: references as links, dates with their bounds and
phrase, terms by their label, nested values (participations, posts, responses,
status changes) as small tables of their own.

Generic over attrs fields and the ``refs`` metadata, so a downstream subclass shows
its own fields, references and nested values as the library's own do. Written in
Python rather than as recursive template macros: it runs for every field of every
entity, and macros made it most of the time of a large site.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from html import escape
from typing import Any, Final

import attrs
from markupsafe import Markup

from ..dates import Date, day_text
from ..model import Entity, Evidence

__all__ = ["Viewer", "entity_file", "readable"]

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


@cache
def _is_object(cls: Any) -> bool:
    """Whether values of ``cls`` are shown as objects of their own fields (asked
    for every value of every entity: ``attrs.has`` is slow enough to matter)."""
    return attrs.has(cls)


_HIDDEN: Final = frozenset({"id", "evidence", "text"})


def date_html(date: Date) -> str:
    """A date: its EDTF text, its bounds when it is not one day, whether it is
    uncertain, approximate or inferred, and the phrase it was read from.

    >>> print(date_html(Date("2020-03", inferred=True, phrase="in March")))
    <span class="date"><code>2020-03</code> <span class="bounds">2020-03-01 to 2020-03-31</span> <q class="phrase">in March</q> <span class="flag inferred">inferred</span></span>
    """
    # Day numbers, shown as text, hold every year (datetime stops at 1 and 9999).
    low, high = date.lower_day, date.upper_day
    lower = day_text(low) if low is not None else None
    upper = day_text(high) if high is not None else None
    parts = [f"<code>{escape(date.edtf)}</code>"]
    if lower != upper:
        parts.append(f'<span class="bounds">{lower or "open"} to {upper or "open"}</span>')
    elif lower is not None and str(lower) != date.edtf:
        parts.append(f'<span class="bounds">{lower}</span>')
    unsure = date.uncertain or date.approximate
    if date.uncertain:
        parts.append('<span class="flag">uncertain</span>')
    if date.approximate:
        parts.append('<span class="flag">approximate</span>')
    if date.phrase:
        parts.append(f'<q class="phrase">{escape(date.phrase)}</q>')
    if date.inferred:
        parts.append('<span class="flag inferred">inferred</span>')
    shown = " ".join(parts)
    if date.inferred and date.basis:
        shown += f'<span class="basis">{escape(date.basis)}</span>'
    return f'<span class="date{" unsure" if unsure else ""}">{shown}</span>'


class Viewer:
    """Writes the fields of the entities of one record. ``labels`` names each
    entity and ``tags`` gives its type, ``root`` leads from a page to the site's
    root, and ``quote_of`` numbers the evidence at an (entity id, field path)."""

    def __init__(
        self,
        labels: Mapping[str, str],
        tags: Mapping[str, str],
        root: str,
        quote_of: Mapping[tuple[str, str], int],
    ) -> None:
        self.labels = labels
        self.tags = tags
        self.root = root
        self.quote_of = quote_of
        self.entity = ""
        self._refs: dict[str, str] = {}

    def ref(self, entity_id: str) -> str:
        """A link to the entity, by its name (written once for each id)."""
        html = self._refs.get(entity_id)
        if html is None:
            html = self._refs[entity_id] = self._ref(entity_id)
        return html

    def _ref(self, entity_id: str) -> str:
        tag = self.tags.get(entity_id)
        if tag is None:
            return f'<span class="ref dangling" title="no such entity">{escape(entity_id)}</span>'
        return (
            f'<a class="ref t-{escape(tag)}" href="{self.root}e/{entity_file(entity_id)}" '
            f'title="{escape(entity_id)}">{escape(self.labels[entity_id])}</a>'
        )

    def value(self, value: object, is_ref: bool, path: str) -> str:
        kind: Any = type(value)
        if kind is str:  # most values: names, texts, references
            return self.ref(value) if is_ref else escape(value)  # type: ignore[arg-type]
        if isinstance(value, tuple):
            items = [self.value(v, is_ref, f"{path}[{i}]") for i, v in enumerate(value)]
            first: Any = type(value[0]) if value else None
            if value and _is_object(first) and not isinstance(value[0], Evidence):
                return '<ol class="objects">' + "".join(f"<li>{i}</li>" for i in items) + "</ol>"
            return '<ul class="values">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
        if is_ref and isinstance(value, str):
            return self.ref(value)
        if isinstance(value, Date):
            return date_html(value)
        if isinstance(value, Evidence):
            n = self.quote_of.get((self.entity, path))
            return (
                f'<a class="quote-link" href="#ev-{n}" title="{escape(value.quote)}">quote {n}</a>'
            )
        if isinstance(value, enum.Enum) or hasattr(value, "label"):
            raw = str(value.value if isinstance(value, enum.Enum) else value)
            shown = getattr(value, "label", None) or raw.replace("_", " ").capitalize()
            return f'<span class="term" title="{escape(raw)}">{escape(shown)}</span>'
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, Decimal):
            return f"{value:,f}" if value == value.to_integral() else str(value)
        if isinstance(value, Mapping):
            return escape(json.dumps(dict(value), ensure_ascii=False, sort_keys=True))
        if _is_object(kind):
            rows = "".join(
                f"<dt>{heading}</dt><dd>{html}</dd>" for heading, html in self.rows(value, path)
            )
            return f'<dl class="object">{rows}</dl>'
        return escape(str(value))

    def rows(
        self, value: Any, path: str, hide: frozenset[str] = frozenset()
    ) -> list[tuple[str, str]]:
        """(heading, HTML) for every field that differs from its default."""
        out = []
        cls: Any = type(value)
        for name, is_ref, default in _plan(cls):
            if name in hide:
                continue
            item = getattr(value, name)
            if item is None or item == default:
                continue
            out.append((readable(name), self.value(item, is_ref, f"{path}.{name}")))
        return out

    def fields(self, entity: Entity) -> list[tuple[str, str, Markup]]:
        """The rows of an entity's page, without its id, its evidence (listed apart)
        and its text (shown as a block)."""
        self.entity = entity.id
        # Every value above went through escape(): the rows are markup.
        return [
            (heading, f"f-{heading.replace(' ', '-')}", Markup(html))  # noqa: S704
            for heading, html in self.rows(entity, "$", _HIDDEN)
        ]
