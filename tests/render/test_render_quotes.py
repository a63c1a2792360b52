"""The evidence as the site shows it: numbered, placed in the text, cut into pieces."""

from __future__ import annotations

from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

import communique as cq
from communique._render._quotes import Quote, pieces, quotes

SOURCE = "source:s"
SEED_DIR = Path(__file__).resolve().parents[2] / "examples" / "sco_aies_roundtable"


def _quote(number: int, start: int | None, end: int | None, *, bad: bool = False) -> Quote:
    entity = cq.Organization(id="org:x", name="X")
    problems = (cq.Problem(code="evidence-mismatch", message="no"),) if bad else ()
    evidence = cq.Evidence(source=SOURCE, quote="q", start=start, end=end)
    return Quote(number, entity, "$.evidence[0]", evidence, start, end, problems)


def test_overlapping_quotes_cover_the_pieces_they_span() -> None:
    text = "abcdefghij"
    cut = pieces(text, [_quote(0, 1, 6), _quote(1, 4, 9), _quote(2, 4, 5)])
    assert [(p.text, p.covering, p.opens) for p in cut] == [
        ("a", (), ()),
        ("bcd", (0,), (0,)),
        ("e", (0, 1, 2), (1, 2)),
        ("f", (0, 1), ()),
        ("ghi", (1,), ()),
        ("j", (), ()),
    ]


def test_an_empty_quote_is_a_piece_of_its_own_and_a_failing_one_is_bad() -> None:
    cut = pieces("abc", [_quote(0, 1, 1), _quote(1, 2, 3, bad=True)])
    assert [(p.text, p.covering, p.failing) for p in cut] == [
        ("a", (), ()),
        ("", (0,), ()),
        ("b", (), ()),
        ("c", (1,), (1,)),
    ]


@given(
    st.text(min_size=0, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8),
)
def test_pieces_rebuild_the_text_and_each_quote_covers_its_span(
    text: str, spans: list[tuple[int, int]]
) -> None:
    quoted = [
        _quote(n, min(a, b), max(a, b)) for n, (a, b) in enumerate(spans) if max(a, b) <= len(text)
    ]
    cut = pieces(text, quoted)
    assert "".join(p.text for p in cut) == text
    for q in quoted:
        assert q.start is not None
        covered = "".join(p.text for p in cut if q.number in p.covering)
        assert covered == text[q.start : q.end]
        assert sum(q.number in p.opens for p in cut) == 1


def test_quotes_number_every_evidence_and_carry_their_problems(seed: cq.Record) -> None:
    found = quotes(seed, seed.validate())
    assert [q.number for q in found] == list(range(len(found)))
    assert all(q.highlighted and not q.problems for q in found)
    text = seed.text_of("source:sco-2020-03-04-aies-roundtable")
    assert text is not None
    assert all(text[q.start : q.end] == q.evidence.quote for q in found)

    event = seed.get("event:2020-03-04-sco-aies-roundtable", cq.Event)
    wrong = attrs.evolve(
        event.participants[0].evidence[0], quote="not what the text says at this place"
    )
    broken = attrs.evolve(
        event, participants=(attrs.evolve(event.participants[0], evidence=(wrong,)),)
    )
    record = cq.Record(
        [broken if e.id == event.id else e for e in seed.entities],
        text_dirs={"source:sco-2020-03-04-aies-roundtable": SEED_DIR},
    )
    bad = [q for q in quotes(record, record.validate()) if q.problems]
    assert [(q.entity.id, q.field) for q in bad] == [(event.id, "participants[0]")]
    assert bad[0].highlighted  # the span it gives is still shown, marked as failing
    assert "evidence-mismatch" in {p.code for p in bad[0].problems}
