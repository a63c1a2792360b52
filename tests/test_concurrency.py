"""A record loaded once is read and queried from many threads at once, with the same
answers as from one thread.

The model is immutable; what a record builds lazily (its per-type selections, the
source texts it reads from files) is built idempotently: two threads that build
the same entry at once compute equal values, and either may be kept. These tests
start every thread on a cold record at the same moment, with the interpreter
switching threads as often as it can, so that the builds overlap.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import communique as cq
from communique.testing import records

THREADS = 8
SEED = Path(__file__).resolve().parent.parent / "examples" / "sco_aies_roundtable" / "record.yaml"


@pytest.fixture(autouse=True)
def switch_often() -> Iterator[None]:
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def answers(record: cq.Record) -> dict[str, Any]:
    """Everything one reader asks of a record, as plain values."""
    out: dict[str, Any] = {}
    for cls in (
        cq.Entity,
        cq.Agent,
        cq.Person,
        cq.Organization,
        cq.Event,
        cq.Statement,
        cq.Proposal,
        cq.Document,
        cq.Source,
        cq.Membership,
        cq.Group,
        cq.State,
    ):
        out[f"of_type:{cls.__name__}"] = record.of_type(cls).ids()
    out["events"] = [(e.id, e.kind) for e in record.events]
    out["statements"] = [(s.id, s.speakers) for s in record.statements.order_by(lambda s: s.id)]
    out["get"] = [record.get(e.id) for e in record.entities]
    out["texts"] = [record.text_of(s.id) for s in record.sources]
    out["validate"] = record.validate()
    out["located"] = record.locate_evidence().entities
    # Questions answered from the indexes built on the first of them.
    agents = record.of_type(cq.Agent).ids()
    out["involving"] = {a: record.of_type(cq.Entity).involving(a).ids() for a in agents}
    out["by"] = {a: record.statements.by(a).ids() for a in agents}
    out["at"] = {e.id: record.of_type(cq.Entity).at(e.id).ids() for e in record.events}
    out["between"] = record.of_type(cq.Entity).between("2019", "2021", certain=False).ids()
    out["dumps"] = [cq.dumps(record, fmt) for fmt in cq.FORMATS]
    return out


def run_together(work: Callable[[], dict[str, Any]]) -> list[dict[str, Any]]:
    """Run ``work`` in many threads released at the same moment; every result."""
    barrier = threading.Barrier(THREADS)
    results: list[dict[str, Any] | BaseException] = [RuntimeError("did not run")] * THREADS

    def thread(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            results[index] = exc

    threads = [threading.Thread(target=thread, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    failures = [r for r in results if isinstance(r, BaseException)]
    assert failures == []
    return [r for r in results if not isinstance(r, BaseException)]


def test_type_questions_build_only_the_positions_by_type() -> None:
    record = cq.load(SEED)
    assert record.events.count() > 0
    built = record.query_index().__dict__
    assert "by_class" in built
    assert "by_agent" not in built
    assert record.statements.by("person:vladimir-norov").count() > 0
    assert "by_agent" in built
    # Each facet is built by the first question that needs it, and only it.
    assert "dates" not in built
    assert record.statements.between("2020-01-01", "2020-12-31").count() > 0
    assert "dates" in built
    assert "by_topic" not in built


def test_the_seed_record_from_many_threads() -> None:
    expected = answers(cq.load(SEED))
    assert expected["texts"][0] is not None  # its text is read from a file, lazily
    shared = cq.load(SEED)
    for result in run_together(lambda: answers(shared)):
        assert result == expected
    # The caches the threads built give the same answers afterwards.
    assert answers(shared) == expected


def test_a_folder_record_reads_its_source_texts_once_per_answer(tmp_path: Path) -> None:
    text = "The Secretary-General said that the roundtable was useful. " * 50
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    record_file = tmp_path / "record.yaml"
    record_file.write_text(
        'communique: "1.0"\nentities:\n'
        + "".join(
            f"- {{type: source, id: 'source:s{i}', text_file: article.txt}}\n" for i in range(20)
        ),
        encoding="utf-8",
    )
    shared = cq.load(record_file)
    results = run_together(lambda: {"texts": [shared.text_of(f"source:s{i}") for i in range(20)]})
    assert all(r == {"texts": [text] * 20} for r in results)


@settings(max_examples=10)
@given(record=records(max_size=12))
def test_generated_records_from_many_threads(record: cq.Record) -> None:
    expected = answers(cq.Record(record.entities))
    shared = cq.Record(record.entities)
    for result in run_together(lambda: answers(shared)):
        assert result == expected
