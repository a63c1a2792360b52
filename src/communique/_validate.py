"""The checks behind :meth:`communique.Record.validate`.

Every check walks the model generically, through the walk of
:mod:`communique.model._meaning` over attrs fields and the ``refs`` metadata the
model declares, so downstream subclasses are checked too.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from functools import cache
from typing import TYPE_CHECKING, Final

from ._coherence import check_coherence, grade
from ._shown import shown
from .dates import Date
from .errors import Problem
from .model import Entity, Evidence, Source
from .model._meaning import holds_fields, walk
from .registry import ref_target

if TYPE_CHECKING:
    from .record import Record

__all__ = ["inside_grapheme", "validate"]

# The most characters of a quote shown in a message: a sentence or two.
QUOTE: Final = 200

# Fields (of any model class) that hold a start and an end, checked for order.
_SPANS: Final = (("start", "end"),)


@cache
def _targets(targets: tuple[str | type, ...]) -> tuple[type, ...]:
    """The classes a field's ``refs`` targets name."""
    return tuple(ref_target(t) for t in targets)


def _check_replaced(record: Record, live: Counter[str]) -> Iterator[Problem]:
    """An id a merged entity replaced must name nothing else: no entity of the
    record, no other merged entity (``record.get`` would find only one)."""
    claimed: dict[str, str] = {}
    for entity in record.entities:
        for index, old in enumerate(entity.replaces):
            other = claimed.setdefault(old, entity.id)
            if old in live or other != entity.id:
                owner = "the id of an entity" if old in live else f"replaced by {other} too"
                yield Problem(
                    code="replaced-id-in-use",
                    message=f"{old!r} is {owner}",
                    path=f"$.replaces[{index}]",
                    entity=entity.id,
                )


def validate(record: Record, unread: Collection[str] = frozenset()) -> list[Problem]:
    """Every problem of the record; ``unread`` holds the ids of the entities its
    files named but could not be read (a reference to one is not reported again)."""
    problems: list[Problem] = []
    counts = Counter(e.id for e in record.entities)
    for entity_id, count in counts.items():
        if count > 1:
            problems.append(
                Problem(
                    code="duplicate-id",
                    message=f"the id is used by {count} entities",
                    path="$.id",
                    entity=entity_id,
                )
            )
    problems.extend(_check_replaced(record, counts))
    for entity in record.entities:
        problems.extend(_check_entity(record, entity, unread))
    # How the values fit together, and which problems are only warnings.
    problems.extend(check_coherence(record))
    return grade(problems)


def _check_entity(record: Record, entity: Entity, unread: Collection[str]) -> Iterator[Problem]:
    def problem(code: str, path: str, message: str) -> Problem:
        return Problem(code=code, message=message, path=path, entity=entity.id)

    if isinstance(entity, Source):
        yield from _check_source(record, entity, problem)
    yield from _check_order(entity, "$", problem)
    for path, value, field in walk(entity):
        if field.targets and isinstance(value, str):
            yield from _check_ref(
                record, value, _targets(field.targets), path, problem, unread=unread
            )
        if isinstance(value, Evidence):
            yield from _check_evidence(record, value, path, problem)
        elif holds_fields(type(value)):
            yield from _check_order(value, path, problem)


def _check_ref(
    record: Record,
    target_id: str,
    targets: tuple[type, ...],
    path: str,
    problem: Callable[[str, str, str], Problem],
    *,
    unread: Collection[str],
) -> Iterator[Problem]:
    target = record.find(target_id)
    if target is None:
        if target_id in unread:
            return  # its entity could not be read, and that was reported already
        yield problem(
            "dangling-reference", path, f"{shown(target_id)} refers to no entity of the record"
        )
    elif not isinstance(target, targets):
        wanted = " or ".join(t.__name__ for t in targets)
        yield problem(
            "wrong-reference-type",
            path,
            f"{shown(target_id)} is of type {type(target).__name__}, but this field refers to {wanted}",
        )


def _check_order(
    value: object, path: str, problem: Callable[[str, str, str], Problem]
) -> Iterator[Problem]:
    for start_name, end_name in _SPANS:
        start = getattr(value, start_name, None)
        end = getattr(value, end_name, None)
        if isinstance(start, Date) and isinstance(end, Date):
            low, high = start.lower_day, end.upper_day
            if low is not None and high is not None and high < low:
                yield problem(
                    "end-before-start",
                    f"{path}.{end_name}",
                    f"ends ({end.edtf}) before it starts ({start.edtf})",
                )


def _check_source(
    record: Record, source: Source, problem: Callable[[str, str, str], Problem]
) -> Iterator[Problem]:
    if source.text is not None and source.text_file is not None:
        yield problem("text-twice", "$.text_file", "give the text inline or in a file, not both")
    elif source.text_file is not None:
        found = record.text_problem(source.id)
        if found is not None:
            yield problem(found.code, found.path, found.message)


def _check_evidence(
    record: Record, evidence: Evidence, path: str, problem: Callable[[str, str, str], Problem]
) -> Iterator[Problem]:
    if not evidence.quote:
        yield problem("empty-quote", f"{path}.quote", "the quote is empty")
        return
    if (evidence.start is None) != (evidence.end is None):
        yield problem("half-span", path, "give both start and end, or neither")
        return
    if evidence.start is not None and evidence.end is not None:
        if not 0 <= evidence.start <= evidence.end:
            yield problem("bad-span", f"{path}.start", "the span must have 0 <= start <= end")
            return
    source = record.find(evidence.source)
    if not isinstance(source, Source):
        return  # reported as a reference problem
    text = record.text_of(source.id)
    if text is None:
        return  # no text at hand: nothing to check the quote against
    if evidence.start is not None and evidence.end is not None:
        found = text[evidence.start : evidence.end]
        if found == evidence.quote:
            yield from _check_boundaries(text, evidence.start, evidence.end, path, problem)
        else:
            where = text.find(evidence.quote)
            hint = f"; the quote is at {where}..{where + len(evidence.quote)}" if where >= 0 else ""
            yield problem(
                "evidence-mismatch",
                f"{path}.quote",
                f"the source text at {evidence.start}..{evidence.end} is {shown(found, QUOTE)}, "
                f"not the quote {shown(evidence.quote, QUOTE)}{hint}",
            )
        return
    count = text.count(evidence.quote)
    if count == 1:
        where = text.find(evidence.quote)
        yield from _check_boundaries(text, where, where + len(evidence.quote), path, problem)
    elif count == 0:
        yield problem(
            "quote-not-found",
            f"{path}.quote",
            f"the quote {shown(evidence.quote, QUOTE)} is not in the text of {shown(source.id)}",
        )
    elif count > 1:
        yield problem(
            "quote-ambiguous",
            f"{path}.quote",
            f"the quote {shown(evidence.quote, QUOTE)} occurs {count} times in {shown(source.id)}; "
            "lengthen it or give start and end",
        )


# Characters that never begin a user-perceived character (a grapheme cluster):
# Unicode's rules GB9 and GB9a keep them with what comes before. Emoji modifiers
# (skin tones) are Extend characters too, though their category is Sk.
_JOINS_BEFORE: Final = frozenset(("Mn", "Me", "Mc"))
_ZWJ: Final = "\u200d"


def inside_grapheme(text: str, at: int) -> bool:
    """Whether offset ``at`` of ``text`` falls inside one user-perceived character:
    before a combining mark, a zero-width joiner or an emoji modifier, or after a
    joiner, or between CR and LF. (Regional-indicator pairs and Hangul jamo
    sequences are not looked at.)"""
    if not 0 < at < len(text):
        return False
    after, before = text[at], text[at - 1]
    return (
        unicodedata.category(after) in _JOINS_BEFORE
        or after == _ZWJ
        or "\U0001f3fb" <= after <= "\U0001f3ff"
        or before == _ZWJ
        or (before == "\r" and after == "\n")
    )


def _check_boundaries(
    text: str, start: int, end: int, path: str, problem: Callable[[str, str, str], Problem]
) -> Iterator[Problem]:
    for name, at in (("start", start), ("end", end)):
        if inside_grapheme(text, at):
            joined = text[max(at - 1, 0) : at + 1]
            yield problem(
                "split-character",
                f"{path}.{name}",
                f"the span {start}..{end} {name}s inside a character: {joined!r} "
                f"(U+{ord(text[at]):04X} {unicodedata.name(text[at], 'unnamed')} "
                "belongs with what comes before it); move the span to the character's edge",
            )
