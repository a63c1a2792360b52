"""Candidate pairs for merging: blocking keys from names and dates, then a score.

Entities are compared only within a block (same class and the same name key, or
for an event, the same kind and month), never all pairs. Names
are normalised with normality (case, accents, transliteration, punctuation and
hyphens), titles and honorifics are dropped and the words sorted, so "Vladimir
Norov", "Norov, Vladimir" and "H.E. Vladimir Norov" share a key; a second key of
the words' first four letters catches spelling variants ("Norow"). rapidfuzz
scores the pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Final

from .dates import Date, calendar_day
from .model import Agent, Document, Entity, Event, Source, bounds_of

__all__ = ["MAX_BLOCK", "blocked_pairs", "name_key", "names_of", "score"]

#: A block larger than this is too common a key to tell anything apart (a name
#: like "Secretariat" in a large corpus): its pairs are not proposed.
MAX_BLOCK: Final = 50

# Words that say what someone is called, not who they are.
_TITLES: Final = frozenset((
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "madam", "h", "e",
    "his", "her", "excellency", "hon", "honourable", "honorable", "ambassador", "president",
    "minister", "secretary", "general", "gen",
))  # fmt: skip


def _needs_extra(error: ImportError) -> ImportError:
    return ImportError(
        f"matching names needs the 'merge' extra ({error.name} is missing): "
        "pip install 'communique[merge]'"
    )


@lru_cache(maxsize=65536)
def _words(name: str) -> tuple[str, ...]:
    # Imported on first use: normality brings ICU, which not every user needs.
    try:
        from normality import normalize
    except ImportError as error:
        raise _needs_extra(error) from error
    text = normalize(name, lowercase=True, latinize=True) or ""
    return tuple(sorted(w for w in text.split() if w not in _TITLES)) or tuple(sorted(text.split()))


def name_key(name: str) -> str:
    """The key two names share when they match after normalisation.

    >>> name_key("Vladimir Norov") == name_key("NOROV, Vladimir") == name_key("H.E. Vladimir Norov")
    True
    >>> name_key("Secretary-General") == name_key("Secretary General")
    True
    """
    return " ".join(_words(name))


def names_of(entity: Entity) -> list[str]:
    """The names an entity is known by: an agent's name, other names and acronym,
    a document's title and acronym, an event's or a source's title."""
    names: list[str] = []
    if isinstance(entity, Agent):
        names.append(entity.name)
        names.extend(n.name for n in entity.other_names)
    if isinstance(entity, (Document, Event, Source)) and entity.title:
        names.append(entity.title)
    acronym = getattr(entity, "acronym", None)
    if isinstance(acronym, str):
        names.append(acronym)
    return names


def _month(date: Date | None) -> str | None:
    # Only a date known to the month or closer blocks by its month.
    if date is None or date.lower_day is None or date.upper_day is None:
        return None
    if date.upper_day - date.lower_day > 31:
        return None
    year, month, _ = calendar_day(date.lower_day)
    return f"{year:04d}-{month:02d}"


def keys(entity: Entity) -> Iterator[str]:
    """The blocking keys of an entity (prefixed by its class, so that only entities
    of one class meet)."""
    cls = type(entity).__name__
    for name in names_of(entity):
        words = _words(name)
        if words:
            yield f"{cls}|n|{' '.join(words)}"
            yield f"{cls}|p|{' '.join(w[:4] for w in words)}"
    if isinstance(entity, Event):
        month = _month(entity.date)
        if month is not None:
            yield f"{cls}|d|{entity.kind}|{month}"


def _compatible_dates(a: Entity, b: Entity) -> bool:
    da, db = bounds_of(a), bounds_of(b)
    if da is None or db is None:
        return True
    (al, au), (bl, bu) = da, db
    if al is not None and bu is not None and bu < al:
        return False
    return not (bl is not None and au is not None and au < bl)


def score(a: Entity, b: Entity) -> tuple[float, str] | None:
    """How alike two entities of one block are (0 to 1) and why; ``None`` when their
    types or dates cannot be of one thing."""
    if type(a) is not type(b) or not _compatible_dates(a, b):
        return None
    try:
        from rapidfuzz import fuzz
    except ImportError as error:
        raise _needs_extra(error) from error
    if isinstance(a, Event) and isinstance(b, Event) and a.kind != b.kind:
        return None
    best, why = 0.0, ""
    for x in names_of(a):
        for y in names_of(b):
            value = fuzz.token_sort_ratio(name_key(x), name_key(y)) / 100
            if value > best:
                best, why = value, f"names {x!r} and {y!r}"
    if isinstance(a, Event) and isinstance(b, Event) and not (a.title and b.title):
        # No two titles to compare: the same kind in the same month, dates compatible.
        return 0.7, f"both {a.kind} events in {_month(a.date) or _month(b.date)}"
    return (best, why) if best >= 0.85 else None


def blocked_pairs(entities: Iterable[tuple[int, Entity]]) -> Iterator[tuple[Entity, Entity]]:
    """Each pair of entities from different inputs (the ``int``) that share a block key,
    once; pairs in blocks larger than :data:`MAX_BLOCK` are left out."""
    blocks: dict[str, list[tuple[int, Entity]]] = {}
    for origin, entity in entities:
        for key in set(keys(entity)):
            blocks.setdefault(key, []).append((origin, entity))
    seen: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for i, (oa, a) in enumerate(members):
            for ob, b in members[i + 1 :]:
                if oa == ob or a.id == b.id:
                    continue
                pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if pair not in seen:
                    seen.add(pair)
                    yield (a, b) if a.id < b.id else (b, a)
