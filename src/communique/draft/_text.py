"""Small helpers the recognisers share: slugs, names, and agent look-ups."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from ..model import Agent, Entity
from ._core import Context, Fact, Region, Span

__all__ = ["agents_in", "slug", "speaker_before"]

_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 6) -> str:
    """An id slug of the first ``limit`` words of ``text``: ``'vladimir-norov'``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _NOT_SLUG.sub(" ", ascii_text.lower()).split()
    return "-".join(words[:limit]) or "x"


def agents_in(context: Context, span: Span | Region, *, outermost: bool = False) -> list[Fact]:
    """The agent facts inside a span, in text order, one per entity; with
    ``outermost``, not those named inside another ("SCO" in "SCO Secretary-General
    Vladimir Norov")."""
    seen: set[str] = set()
    found = []
    inside = context.within(span, "person", "organization", "state", "group")
    for fact in inside:
        if outermost and any(
            o is not fact
            and o.span.start <= fact.span.start
            and fact.span.end <= o.span.end
            and o.span != fact.span
            for o in inside
        ):
            continue
        assert isinstance(fact.value, Entity)
        if fact.value.id not in seen:
            seen.add(fact.value.id)
            found.append(fact)
    return found


def speaker_before(context: Context, span: Span, offset: int) -> Agent | None:
    """The agent that is the subject of a clause: the last agent mentioned between
    the start of ``span`` and ``offset``; for a pronoun, the last person before."""
    head = context.text[span.start : offset]
    candidates = [
        f
        for f in context.of_kind("person", "organization", "state", "group")
        if span.start <= f.span.start and f.span.end <= offset
    ]
    candidates.sort(key=lambda f: (f.span.end, -f.span.start))
    if candidates:
        value = candidates[-1].value
        return value if isinstance(value, Agent) else None
    if re.match(r"\s*(?:He|She)\b", head):
        people = [f for f in context.of_kind("person") if f.span.end <= span.start]
        if people:
            value = people[-1].value
            return value if isinstance(value, Agent) else None
    return None
