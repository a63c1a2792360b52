"""A record loaded from files places the problems that validate() finds in them:
the file, and the line and column of the value each is about."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given

import communique as cq
from communique.formats import json as json_format
from communique.testing import records_with_problem

DANGLING = "org:nowhere"


def _record(n: int) -> cq.Record:
    # Every fifth event names an organiser that is not in the record.
    entities: list[cq.Entity] = [cq.Organization(id="org:here", name="Here")]
    for i in range(n):
        organiser = DANGLING if i % 5 == 3 else "org:here"
        entities.append(
            cq.Event(
                id=f"event:e{i}", kind="meeting", title=f"Meeting {i}", organisers=(organiser,)
            )
        )
    return cq.Record(entities)


def _places_of(text: str, needle: str) -> list[tuple[int, int]]:
    """Line and column (from 1) of each writing of ``needle`` in ``text``."""
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        at = line.find(needle)
        while at >= 0:
            out.append((number, at + 1))
            at = line.find(needle, at + 1)
    return out


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".yaml", ".jsonl.gz", ".json.gz"])
def test_each_problem_is_placed_at_its_value(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"record{suffix}"
    cq.dump(_record(40), path)
    problems = cq.load(path).validate()
    assert len(problems) == 8
    assert {p.file for p in problems} == {str(path)}
    text = cq.dumps(_record(40), format=suffix.removesuffix(".gz").lstrip("."))
    quoted = json.dumps(DANGLING) if suffix != ".yaml" else DANGLING
    assert sorted((p.line, p.column) for p in problems) == _places_of(text, quoted)


def test_problems_in_a_folder_name_the_file_of_their_entity(tmp_path: Path) -> None:
    record = _record(10)
    half = len(record) // 2
    cq.dump(cq.Record(record.entities[:half]), tmp_path / "a.jsonl")
    cq.dump(cq.Record(record.entities[half:]), tmp_path / "b.yaml")
    problems = cq.load(tmp_path).validate()
    files = {p.entity: Path(p.file or "").name for p in problems}
    assert files == {"event:e3": "a.jsonl", "event:e8": "b.yaml"}
    assert all(p.line is not None for p in problems)


def test_a_file_changed_since_the_load_is_not_read_for_places(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    cq.dump(_record(10), path)
    record = cq.load(path)
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    problems = record.validate()
    assert [(p.file, p.line, p.column) for p in problems] == [(str(path), None, None)] * 2


def test_text_given_in_memory_is_not_kept(tmp_path: Path) -> None:
    text = cq.dumps(_record(10), format="jsonl")
    problems = cq.loads(text, format="jsonl", file="given.jsonl").validate()
    # The line of JSON Lines is known without the text; the column is not.
    assert [(p.file, p.line, p.column) for p in problems] == [
        ("given.jsonl", 5, None),
        ("given.jsonl", 10, None),
    ]
    document = cq.loads(cq.dumps(_record(10)), format="json").validate()
    assert [(p.line, p.column) for p in document] == [(None, None)] * 2


def test_a_record_made_in_code_has_nothing_to_place() -> None:
    problems = _record(10).validate()
    assert [(p.file, p.line) for p in problems] == [(None, None)] * 2


def test_a_dump_written_over_the_file_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    cq.dump(_record(10), path)
    record = cq.load(path)
    stat = path.stat()
    cq.dump(_record(12), path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time, other size
    assert {p.line for p in record.validate()} == {5, 10}  # JSON Lines lines are kept
    assert {p.column for p in record.validate()} == {None}


def test_a_record_with_its_evidence_located_still_places_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(
        'communique: "1.0"\n'
        "entities:\n"
        "  - type: source\n"
        "    id: source:s\n"
        "    text: The Secretary-General met the press.\n"
        "  - type: person\n"
        "    id: person:p\n"
        "    name: P\n"
        "    evidence:\n"
        "      - {source: source:s, quote: met the press}\n"
        "    posts:\n"
        "      - {title: Secretary-General, organization: org:nowhere}\n",
        encoding="utf-8",
    )
    located = cq.load(path).locate_evidence()
    assert located.get("person:p").evidence[0].start == len("The Secretary-General ")
    (problem,) = located.validate()
    assert (problem.file, problem.line, problem.path) == (str(path), 12, "$.posts[0].organization")


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".yaml"])
@given(planted=records_with_problem("dangling-reference"))
def test_a_dangling_reference_is_placed_on_the_line_that_writes_it(
    suffix: str, planted: tuple[cq.Record, cq.Problem]
) -> None:
    record, expected = planted
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"record{suffix}"
        cq.dump(record, path)
        lines = path.read_text(encoding="utf-8").split("\n")
        problems = cq.load(path).validate()
    assert [(p.code, p.entity, p.path) for p in problems] == [
        (expected.code, expected.entity, expected.path)
    ]
    (problem,) = problems
    assert problem.file == str(path)
    assert problem.line is not None
    assert problem.column is not None
    # Placed at the key of a single reference, at the item of a list of them.
    last = json_format.path_steps(expected.path)[-1]
    at = lines[problem.line - 1][problem.column - 1 :]
    if isinstance(last, str):
        assert at.startswith((f'"{last}"', f"{last}:"))
    else:
        dangling = problem.message.split("'")[1]
        assert at.lstrip("'\"").startswith(dangling)


def test_a_reference_to_an_entity_that_could_not_be_read_is_not_reported_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(
        'communique: "1.0"\n'
        "entities:\n"
        "  - {type: person, id: 'person:a', name: 7}\n"
        "  - {type: statement, id: 'statement:s', kind: speech, attribution: direct_quote,"
        " speakers: ['person:a']}\n"
        "  - {type: statement, id: 'statement:t', kind: speech, attribution: direct_quote,"
        " speakers: ['person:zz']}\n"
    )
    loaded = cq.load(path, errors="collect")
    assert [(p.code, p.entity) for p in loaded.problems] == [("wrong-type", "person:a")]
    # The copy with evidence located keeps where its entities were read.
    for record in (loaded.record, loaded.record.locate_evidence()):
        found = record.validate()
        assert [(p.code, p.entity, p.line) for p in found] == [
            ("dangling-reference", "statement:t", 5)
        ]
