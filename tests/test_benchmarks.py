"""The benchmark suite runs, at a tiny size, so that it cannot rot.

No time is asserted here (timings belong to ``benchmarks/run.py``); what is
asserted is that the corpus is what it claims to be, and that communique and the
peers decode it to the same entities and write the same bytes back.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402
import run  # noqa: E402

import communique as cq  # noqa: E402


@pytest.fixture(scope="module")
def entities() -> list[dict[str, Any]]:
    return corpus.generate(400, seed=3)


def test_the_corpus_is_deterministic_and_sized() -> None:
    assert corpus.jsonl_bytes(corpus.generate(150, 5)) == corpus.jsonl_bytes(
        corpus.generate(150, 5)
    )
    assert corpus.generate(150, 5) != corpus.generate(150, 6)
    assert len(corpus.generate(150, 5)) == 150
    assert len(corpus.generate(5000, 1)) == 5000


def test_the_corpus_has_what_the_benchmarks_claim(entities: list[dict[str, Any]]) -> None:
    kinds = Counter(e["type"] for e in entities)
    assert set(kinds) == {
        "source", "state", "organization", "group", "person", "document", "event",
        "membership", "statement", "proposal",
    }  # fmt: skip
    events = [e for e in entities if e["type"] == "event"]
    assert all(3 <= len(e["participants"]) <= 30 for e in events)
    assert max(len(e["participants"]) for e in events) > 20
    statements = [e for e in entities if e["type"] == "statement"]
    assert all(e["evidence"] for e in statements)
    proposals = [e for e in entities if e["type"] == "proposal"]
    assert any(p.get("responses") for p in proposals)
    assert any(p.get("decision", {}).get("votes") for p in proposals)
    assert all(p["posts"] for p in entities if p["type"] == "person")
    dates = [e["date"] for e in events + statements]
    assert any(isinstance(d, dict) and d["inferred"] for d in dates)
    assert any(isinstance(d, str) and len(d) == 7 for d in dates)  # a month
    assert any(isinstance(d, str) and len(d) == 4 for d in dates)  # a year


def test_the_corpus_is_a_valid_record_in_every_format(entities: list[dict[str, Any]]) -> None:
    record = cq.loads(corpus.jsonl_bytes(entities), format="jsonl")
    assert record.validate() == []
    assert cq.loads(corpus.document_bytes(entities), format="json") == record
    assert cq.loads(corpus.yaml_text(entities), format="yaml") == record


def test_the_suite_runs_and_the_libraries_agree(capsys: pytest.CaptureFixture[str]) -> None:
    every = run.main(["--size", "60", "--repeat", "1", "--rounds", "2"])
    assert every is not None
    assert set(every) == set(corpus.SHAPES)
    benches = ("jsonl-load", "other-jsonl-load", "json-load", "jsonl-dump", "yaml-load")
    for results in every.values():
        assert results.checks == {
            "entities": {"communique": 60, "msgspec": 60, "pydantic": 60},
            "same ids": True,
            "same bytes written": True,
            "other writers' text read the same": True,
        }
        for bench in (*benches, "record-index"):
            assert set(results.figures[bench]) >= set(run.LIBRARIES)
        assert set(results.figures["record-every-index"]) == {"communique"}
        for bench in ("memory-retained", "memory-peak"):
            assert all(results.figures[bench][name] > 0 for name in run.LIBRARIES)
        assert len(run.verdicts(results)) == len(run.TARGETS)
    printed = capsys.readouterr().out
    assert "x msgspec" in printed
    assert "x pydantic" in printed
    assert "JSON Lines bytes -> validated objects" in printed
    assert "curated corpus" in printed
    assert "least of 2 rounds" in printed
    assert "other writers' JSON Lines <= 1.3x its own JSON Lines" in printed
    assert "MET" in printed or "MISSED" in printed
    assert "msgspec 0." in printed  # the versions are reported


def test_the_curated_corpus_has_the_shape_of_a_curated_record() -> None:
    entities = corpus.generate(400, seed=3, shape="curated")
    suite = corpus.generate(400, seed=3)
    assert Counter(e["type"] for e in entities) == Counter(e["type"] for e in suite)
    with_evidence = [e for e in entities if e["type"] != "source" and e.get("evidence")]
    assert len(with_evidence) > 0.75 * sum(e["type"] != "source" for e in entities)
    parts = [p for e in entities for p in e.get("participants", ())]
    assert sum(bool(p.get("evidence")) for p in parts) > 0.7 * len(parts)
    dates = [e["date"] for e in entities if "date" in e]
    assert sum(isinstance(d, dict) and "phrase" in d for d in dates) > 0.6 * len(dates)
    assert any(isinstance(d, dict) and "/" in d["edtf"] for d in dates)  # bounds
    assert any("\u00a0" in q["quote"] for e in entities for q in e.get("evidence", ()))
    record = cq.loads(corpus.jsonl_bytes(entities), format="jsonl")
    assert record.validate() == []
    # Written back, the same bytes: what the dump benchmark compares against.
    assert cq.dumps(record, format="jsonl").encode() == corpus.jsonl_bytes(entities)
    other = corpus.other_writers_jsonl(entities)
    assert b"\\u00a0" in other
    assert all(
        line.endswith(b'"type": "' + e["type"].encode() + b'"}')
        for line, e in zip(other.splitlines(), entities, strict=True)
    )  # keys reversed, spaced
    assert cq.loads(other, format="jsonl") == record


@pytest.mark.parametrize("peer", ["msgspec", "pydantic"])
def test_the_peers_refuse_what_communique_refuses(peer: str) -> None:
    module = run._peer(peer)
    good = b'{"type":"person","id":"person:x","name":"X"}\n'
    assert len(module.load_lines(good)) == 1
    for bad in (
        b'{"type":"person","id":"person:x","name":7}\n',  # no coercion
        b'{"type":"person","id":"person:x","name":"X","nickname":"Y"}\n',  # unknown field
        b'{"type":"person","id":"Not an id","name":"X"}\n',  # pattern
        b'{"type":"event","id":"event:x","kind":"roundtabel"}\n',  # vocabulary
    ):
        with pytest.raises(cq.LoadError):
            cq.loads(bad, format="jsonl")
        with pytest.raises(Exception):  # noqa: B017, PT011 - each peer has its own error
            module.load_lines(bad)


def test_the_merge_benchmark_merges_what_it_claims() -> None:
    import merge as merge_benchmark  # benchmarks/merge.py

    first, second = merge_benchmark.build(600)
    assert len(first) == 600
    assert 0.4 * 600 < len({e.id for e in first} & {e.id for e in second}) <= 300
    result = cq.merge(first, second)
    assert any(
        m.replaced and m.reasons[-1].startswith("identifier wikidata:") for m in result.matches
    )
    assert any(c.field == "$.date" for c in result.conflicts)
    assert len(result.record) < len(first) + len(second)


def test_the_query_benchmark_builds_its_corpus_and_measures_each_facet(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import query

    record = cq.Record(query.build(2000))
    assert len(record) == 2000
    query.index_cost(record)
    printed = capsys.readouterr().out
    for facet in ("ids, classes", *query.FACETS, "total"):
        assert f"\n{facet} " in printed
    assert set(query.FACETS.values()) <= set(record.query_index().__dict__)


def test_the_query_benchmark_judges_the_index_target_at_a_million_only() -> None:
    import query

    assert query.judge_index(1_000_000, 4.9, 149.0).endswith("MET")
    assert query.judge_index(1_000_000, 5.1, 149.0).endswith("MISSED")
    assert query.judge_index(1_000_000, 4.9, 151.0).endswith("MISSED")
    assert query.judge_index(2000, 0.1, 1.0).endswith("not judged at 2,000")
    assert query.judge_index(1_000_000, 4.9, None).endswith("memory not measured on this system")


def test_the_import_benchmark_prints_its_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    import import_time

    assert import_time.main(["--runs", "1"]) == 0
    assert "import communique: " in capsys.readouterr().out
