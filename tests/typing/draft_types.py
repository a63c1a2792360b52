"""Typed use of drafting, checked by ``mypy --strict`` (see ``tests/test_typing.py``).

Each ``assert_type`` states the type a user's checker must infer; each
``# type: ignore[...]`` marks a line the checker must reject.
"""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import assert_type

import communique as cq
from communique.draft import Context, Fact, Span, recognisers


def drafting(text: str, known: cq.Record) -> None:
    drafted = cq.draft(text, published="2020-03-04", publisher="org:sco", known=known)
    assert_type(drafted, cq.Draft)
    assert_type(drafted.record, cq.Record)
    assert_type(drafted.facts, tuple[Fact, ...])
    assert_type(drafted.dates, tuple[Fact, ...])
    assert_type(drafted.facts[0].span, Span)
    assert_type(drafted.facts[0].value, cq.Entity | cq.Date)
    cq.draft(text, published=20200304)  # type: ignore[arg-type]


def recognising() -> None:
    mine = recognisers.child()

    @mine.register("example:nothing")
    def nothing(context: Context) -> Iterator[Fact]:
        yield Fact(value=cq.Group(id="group:x", name="X"), span=context.span(0, 1), confidence=1.0)

    Fact(value=cq.Group(id="group:x", name="X"), confidence=1.0)  # type: ignore[call-arg]
