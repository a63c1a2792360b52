"""``communique match`` and ``communique merge``, run in a subprocess on the seed and
the guest institute's news item of the same roundtable."""

from __future__ import annotations

import json
from pathlib import Path

import communique as cq
from clirun import MODULE, ROOT, SEED, run

ITEM = ROOT / "examples" / "aies_news_item"
SCO_SOURCE = "source:sco-2020-03-04-aies-roundtable"


def test_match_lists_the_candidates_with_each_sides_evidence() -> None:
    done = run(MODULE, "match", SEED, ITEM / "record.yaml")
    assert done.returncode == 0, done.stderr
    assert "1.00  person:norov-vladimir  ~  person:vladimir-norov" in done.stdout
    assert "source:aies-2020-03-sco-roundtable-news: " in done.stdout
    assert f"{SCO_SOURCE}: " in done.stdout
    assert "5 candidate pairs" in done.stderr
    as_lines = run(MODULE, "match", SEED, ITEM / "record.yaml", "--format", "jsonl")
    pairs = [json.loads(line) for line in as_lines.stdout.splitlines()]
    assert {(p["a"], p["b"]) for p in pairs} >= {("org:aies", "org:aies-vienna")}
    assert all(set(p["evidence"]) == {p["a"], p["b"]} for p in pairs)


def test_merge_writes_the_record_prints_the_conflict_and_exits_1_while_it_is_open(
    tmp_path: Path,
) -> None:
    out = tmp_path / "merged" / "merged.yaml"
    out.parent.mkdir()
    judgements = ITEM / "judgements.jsonl"
    done = run(MODULE, "merge", SEED, ITEM / "record.yaml", "--judgements", judgements, "-o", out)
    assert done.returncode == 1, done.stderr
    assert "disputed  event:2020-03-04-sco-aies-roundtable $.participants" in done.stdout
    assert '["moderator"]' in done.stdout
    assert '["speaker"]' in done.stdout
    merged = cq.load(out)
    # Written elsewhere, the sources' text files are still found: validation is clean.
    assert merged.validate() == []
    assert sorted(merged.people.ids()) == [
        "person:anna-reiter", "person:fasslabend", "person:norov-vladimir"
    ]  # fmt: skip
    settled = run(
        MODULE, "merge", SEED, ITEM / "record.yaml", "--judgements", judgements,
        "-o", out, "--prefer", SCO_SOURCE,
    )  # fmt: skip
    assert settled.returncode == 0, settled.stderr
    assert "resolved  event:2020-03-04-sco-aies-roundtable" in settled.stdout
    assert cq.load(out).get("event:aies-2020-03-sco-roundtable").id == (
        "event:2020-03-04-sco-aies-roundtable"
    )


def test_merge_refuses_one_id_of_two_types(tmp_path: Path) -> None:
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text('{"type": "person", "id": "x:a", "name": "A"}\n')
    b.write_text('{"type": "organization", "id": "x:a", "name": "A"}\n')
    done = run(MODULE, "merge", a, b, "-o", tmp_path / "out.yaml")
    assert done.returncode == 1
    assert "x:a: cannot merge" in done.stderr
    assert not (tmp_path / "out.yaml").exists()
