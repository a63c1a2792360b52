"""Exporting the mixed record: JSON Lines, and the core model with what it leaves out."""

from __future__ import annotations

import json
from pathlib import Path

import communique_monitor as monitor
from communique_monitor.export import to_core, write_jsonl

import communique as cq

RECORD = Path(__file__).resolve().parent.parent / "record.yaml"


def test_json_lines_carry_every_entity_with_its_type_and_base(tmp_path: Path) -> None:
    record = monitor.load(RECORD)
    path = tmp_path / "record.jsonl"
    write_jsonl(record, path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(record)
    typed = {line["id"]: (line["type"], line.get("base")) for line in lines}
    assert typed["event:2021-05-11-convention-hearing"] == ("parliament:hearing", "event")
    assert typed["document:cross-border-crime-convention"] == ("treaties:treaty", "document")
    assert typed["statement:officials-favour-monitoring"] == (
        "newsroom:extracted-statement",
        "statement",
    )
    assert typed["org:aies"] == ("organization", None)
    assert [s["kind"] for s in lines[10]["ratifications"]] == [
        "signature",
        "ratification",
        "accession",
    ]
    assert monitor.load(path) == record


def test_the_core_export_reports_every_field_it_leaves_out() -> None:
    record = monitor.load(RECORD)
    core, problems = to_core(record)
    assert [type(e).__name__ for e in core][9:13] == ["Event", "Document", "Statement", "Statement"]
    assert [(p.entity, p.path) for p in problems] == [
        ("event:2021-05-11-convention-hearing", "$.committee"),
        ("event:2021-05-11-convention-hearing", "$.witnesses"),
        ("event:2021-05-11-convention-hearing", "$.examines"),
        ("document:cross-border-crime-convention", "$.ratifications"),
        ("statement:officials-favour-monitoring", "$.confidence"),
        ("statement:officials-favour-monitoring", "$.model"),
    ]
    assert {p.code for p in problems} == {"not-exported"}
    # What is left is plain communique, read back by the library's own converter.
    assert cq.loads(cq.dumps(core)) == core
    assert core.get("person:markus-huber").extensions == {"x-newsroom:link-confidence": 0.97}
    assert core.validate() == []
