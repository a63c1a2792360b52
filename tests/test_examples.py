"""The scripts in ``examples/``: each runs, says what it is for, and prints the facts of
the record it works on."""

from __future__ import annotations

import ast
import csv
import re
import subprocess
import sys
from pathlib import Path

import yaml

import communique as cq
from clirun import ROOT, SEED, environment

EXAMPLES = ROOT / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def run(script: str, *args: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def raw_entities() -> list[dict[str, object]]:
    """The seed's entities as plain YAML, read without the library."""
    document = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    return list(document["entities"])


def test_each_script_starts_with_a_one_line_purpose() -> None:
    assert len(SCRIPTS) >= 4
    for script in SCRIPTS:
        doc = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8")))
        assert doc, script.name
        assert doc.splitlines()[0].endswith("."), script.name


def test_explore_seed(tmp_path: Path) -> None:
    out = run("explore_seed.py", cwd=tmp_path)
    entities = raw_entities()
    assert out.startswith(f"{len(entities)} entities; problems: 0\n")
    assert "event event:2020-03-04-sco-aies-roundtable: The SCO's role in promoting" in out
    assert "  on 4 March 2020 (inferred from 'On 4 March'), a roundtable\n" in out
    # The article and the preposition follow the words: no "on 2017, a accession".
    assert "  in 2017, an accession\n" in out
    assert "  on 17 July 2019, an adoption of a document\n" in out
    assert re.search(r"\n  [a-z, ]*speaker[a-z, ]*: Vladimir Norov\n", out)
    assert "Vladimir Norov: Secretary-General, Shanghai Cooperation Organisation" in out
    assert "organization SCO Secretariat, part of Shanghai Cooperation Organisation" in out
    statements = sum(1 for e in entities if e["type"] == "statement")
    assert f"\n{statements} statements," in out


def test_write_record(tmp_path: Path) -> None:
    out = run("write_record.py", tmp_path / "out", cwd=tmp_path)
    assert out.splitlines() == [
        f"wrote 7 entities to {tmp_path / 'out' / 'meeting.yaml'}",
        f"wrote 7 entities to {tmp_path / 'out' / 'meeting.json'}",
    ]
    record = cq.load(tmp_path / "out" / "meeting.yaml")
    assert record.validate() == []
    assert cq.load(tmp_path / "out" / "meeting.json") == record
    proposal = record.get("proposal:joint-seminars", cq.Proposal)
    assert proposal.proposers == ("person:vladimir-norov",)
    text = record.text_of("source:note-2020-05-12")
    assert text is not None
    for evidence in proposal.evidence:
        assert evidence.start is not None
        assert text[evidence.start : evidence.end] == evidence.quote


def test_five_questions(tmp_path: Path) -> None:
    out = run("five_questions.py", cwd=tmp_path)
    lines = out.splitlines()
    questions = [line for line in lines if line[:2] in {"1.", "2.", "3.", "4.", "5."}]
    assert len(questions) == 5
    assert "   Secretary-General of Shanghai Cooperation Organisation" in lines
    assert "   2020-03-04  The SCO's role in promoting peace and security" in lines
    assert "   SCO Secretariat" in lines
    said = sum(
        1
        for e in raw_entities()
        if e["type"] == "statement" and "person:vladimir-norov" in e["speakers"]  # type: ignore[operator]
    )
    assert f"   {said} statement(s)" in lines


def test_export_records(tmp_path: Path) -> None:
    out = run("export_records.py", tmp_path, cwd=tmp_path)
    seed = cq.load(SEED)
    assert cq.load(tmp_path / "record.jsonl") == seed
    assert cq.load(tmp_path / "record.yaml") == seed
    jsonl = (tmp_path / "record.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(jsonl) == len(raw_entities())
    with (tmp_path / "participations.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    norov = [
        row
        for row in rows
        if (row["event"], row["agent"])
        == ("event:2020-03-04-sco-aies-roundtable", "person:vladimir-norov")
    ]
    assert len(norov) == 1
    assert norov[0]["date"] == "2020-03-04"
    assert norov[0]["name"] == "Vladimir Norov"
    assert "speaker" in norov[0]["roles"].split(";")
    assert out.splitlines()[-1] == f"{len(raw_entities())} entities, {len(rows)} participation(s)"
