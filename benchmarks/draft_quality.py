"""How good a first draft is: each example's text drafted and compared with its record.

Every folder of ``examples/`` that holds a record (``*.yaml``) whose source has its
text in a file beside it is an example. Its text is drafted with
``communique.draft`` (the publisher and the publication date taken from the
record's source; when the source has no date, the date of the event the text
opens with, as a curator would pass ``--published``), and the draft is compared
with the record written by hand, kind by kind:

- people, organisations, states, documents: matched by name (names, other names,
  acronyms, titles), or by overlapping evidence when one name (of two words or more)
  is part of the other
  (for documents, when they are of the same kind: a text often describes a
  document rather than giving its title);
- events: the same kind, and overlapping evidence or the same date;
- dates: every date with its phrase in the record, matched by value and place;
- statements, proposals, commitments (statements of kind ``commitment``):
  overlapping evidence (for statements, with a speaker in common).

Precision is the share of drafted items that match an item of the record, recall
the share of the record's items that a drafted item matches. Not a timed test:
the seconds are printed for orientation, per article after one warm-up draft.

    PYTHONPATH=src python benchmarks/draft_quality.py
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

import communique as cq
from communique.draft import Draft

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "people": (0.9, 0.9),
    "organisations": (0.9, 0.9),
    "states": (0.9, 0.9),
    "documents": (0.9, 0.9),
    "events": (0.9, 0.8),
    "dates": (0.9, 0.8),
    "statements": (0.9, 0.6),
    "proposals": (0.9, 0.6),
    "commitments": (0.9, 0.6),
}
Span = tuple[int, int]


#: The kinds of source the drafter is made for: news items, not meeting records,
#: transcripts or joint statements, which other examples encode by hand.
DRAFTED_KINDS = frozenset({"press_release", "news_article"})


def examples(root: Path = ROOT / "examples") -> Iterator[tuple[Path, cq.Record, cq.Source, str]]:
    """Each example record with the news item (press release, article) whose text
    it was written from."""
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.yaml")):
            if "text_file:" not in path.read_text(encoding="utf-8"):
                continue  # a record with no text of its own to draft from
            record = cq.load(path).locate_evidence()
            for source in record.sources:
                text = record.text_of(source.id)
                if source.kind not in DRAFTED_KINDS:
                    continue
                if source.text_file is not None and text is not None:
                    yield path, record, source, text


def _norm(name: str) -> str:
    name = " ".join(name.replace("\u2019", "'").split()).lower()
    return re.sub(r"^the ", "", name)


def _names(entity: Any) -> set[str]:
    names = {
        getattr(entity, "name", None),
        getattr(entity, "title", None),
        getattr(entity, "acronym", None),
    }
    names |= {n.name for n in getattr(entity, "other_names", ())}
    return {_norm(n) for n in names if n}


def _spans(entity: cq.Entity) -> list[Span]:
    return [(e.start, e.end) for e in entity.evidence if e.start is not None and e.end is not None]


def _overlap(a: Iterable[Span], b: Iterable[Span]) -> bool:
    bs = list(b)
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in bs)


def _same_agent(a: cq.Entity, b: cq.Entity) -> bool:
    na, nb = _names(a), _names(b)
    if na & nb:
        return True
    return _overlap(_spans(a), _spans(b)) and any(
        _within(x, y) or _within(y, x) for x in na for y in nb
    )


def _within(short: str, long: str) -> bool:
    """Whether a name of two words or more is a part of another: "afghan government"."""
    return len(short.split()) >= 2 and f" {short} " in f" {long} "


def _speakers(record: cq.Record, statement: cq.Statement) -> set[str]:
    names: set[str] = set()
    for ident in statement.speakers:
        found = record.find(ident)
        names |= _names(found) if found is not None else {ident}
    return names


def _dates(record: cq.Record, text: str) -> list[tuple[str, Span]]:
    """Every date of the record with a phrase, at each place its phrase is in the text."""
    found: set[tuple[str, str]] = set()

    def walk(value: Any) -> None:
        if isinstance(value, cq.Date):
            if value.phrase:
                found.add((value.edtf, value.phrase))
        elif isinstance(value, (tuple, list)):
            for v in value:
                walk(v)
        elif attrs.has(type(value)):
            for a in attrs.fields(type(value)):
                walk(getattr(value, a.name))

    for entity in record:
        walk(entity)
    located = []
    for edtf, phrase in sorted(found):
        pattern = re.compile(r"\s+".join(map(re.escape, phrase.split())))
        located.extend((edtf, (m.start(), m.end())) for m in pattern.finditer(text))
    return located


def _score(
    drafted: list[Any], gold: list[Any], same: Callable[[Any, Any], bool]
) -> tuple[int, int, int, int]:
    hit_d = sum(any(same(d, g) for g in gold) for d in drafted)
    hit_g = sum(any(same(d, g) for d in drafted) for g in gold)
    return hit_d, len(drafted), hit_g, len(gold)


def compare(draft: Draft, gold: cq.Record, text: str) -> dict[str, tuple[int, int, int, int]]:
    """For each kind: drafted items matched, drafted items, record items matched, record items."""
    mine = draft.record
    rows: dict[str, tuple[int, int, int, int]] = {}
    for kind, cls in (
        ("people", cq.Person),
        ("organisations", cq.Organization),
        ("states", cq.State),
    ):
        rows[kind] = _score(list(mine.of_type(cls)), list(gold.of_type(cls)), _same_agent)

    def same_document(d: cq.Document, g: cq.Document) -> bool:
        return _same_agent(d, g) or (d.kind == g.kind and _overlap(_spans(d), _spans(g)))

    rows["documents"] = _score(list(mine.documents), list(gold.documents), same_document)

    def same_event(d: cq.Event, g: cq.Event) -> bool:
        same_date = d.date is not None and g.date is not None and d.date.edtf == g.date.edtf
        return d.kind == g.kind and (_overlap(_spans(d), _spans(g)) or same_date)

    rows["events"] = _score(list(mine.events), list(gold.events), same_event)
    drafted_dates = [
        (str(f.value.edtf), (f.span.start, f.span.end))
        for f in draft.dates
        if isinstance(f.value, cq.Date)
    ]
    rows["dates"] = _score(
        drafted_dates, _dates(gold, text), lambda d, g: d[0] == g[0] and _overlap([d[1]], [g[1]])
    )

    def same_statement(d: cq.Statement, g: cq.Statement) -> bool:
        return _overlap(_spans(d), _spans(g)) and bool(_speakers(mine, d) & _speakers(gold, g))

    rows["statements"] = _score(list(mine.statements), list(gold.statements), same_statement)
    rows["proposals"] = _score(
        list(mine.proposals), list(gold.proposals), lambda d, g: _overlap(_spans(d), _spans(g))
    )
    commitments = [s for s in mine.statements if s.kind == "commitment"]
    promised = [s for s in gold.statements if s.kind == "commitment"]
    rows["commitments"] = _score(commitments, promised, lambda d, g: _overlap(_spans(d), _spans(g)))
    return rows


def _published(source: cq.Source, record: cq.Record) -> cq.Date | None:
    if source.date is not None:
        return source.date
    dated = [e for e in record.events if e.date is not None and _spans(e)]
    return min(dated, key=lambda e: _spans(e)[0][0]).date if dated else None


def main() -> int:
    totals: dict[str, list[int]] = {kind: [0, 0, 0, 0] for kind in TARGETS}
    met = True
    for path, record, source, text in examples():
        published = _published(source, record)
        started = time.perf_counter()
        cq.draft(text, published=published, publisher=source.publisher)  # warm-up: imports, caches
        first = time.perf_counter() - started
        started = time.perf_counter()
        drafted = cq.draft(text, published=published, publisher=source.publisher)
        seconds = time.perf_counter() - started
        problems = drafted.record.validate()
        print(
            f"{path.relative_to(ROOT)}: {len(text):,} characters drafted in {seconds:.2f} s "
            f"({first:.2f} s the first time in the process, with dateparser's start-up), "
            f"{len(drafted.record)} entities, {len(problems)} validation problems"
        )
        for kind, row in compare(drafted, record, text).items():
            totals[kind] = [a + b for a, b in zip(totals[kind], row, strict=True)]
        met = met and not problems and seconds < 1.0
    print()
    print(
        f"{'kind':<14}{'drafted':>9}{'record':>8}{'precision':>11}{'recall':>8}   target (p, r)  met"
    )
    print("-" * 70)
    for kind, (hit_d, n_d, hit_g, n_g) in totals.items():
        precision = hit_d / n_d if n_d else 1.0
        recall = hit_g / n_g if n_g else 1.0
        p_target, r_target = TARGETS[kind]
        ok = precision >= p_target and recall >= r_target
        met = met and ok
        print(
            f"{kind:<14}{n_d:>9}{n_g:>8}{precision:>11.2f}{recall:>8.2f}   {p_target:.1f}, {r_target:.1f}       {'yes' if ok else 'NO'}"
        )
    print()
    print("every target met" if met else "some targets are not met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
