"""The table of formats: a format registered from outside the package is read and
written by ``cq.load``, ``cq.dump`` and their kin, as the built-in ones are."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import orjson
import pytest

import communique as cq
from communique.converter import Converter, EntityError
from communique.formats import Item, Reading, Run, format_names, lookup
from communique.formats import json as json_format

# JSON text sequences (RFC 7464): each entity after a record separator.
_RS = b"\x1e"


def _read(stream: IO[bytes], reading: Reading) -> Iterator[Item]:
    for index, chunk in enumerate(stream.read().split(_RS)[1:]):
        try:
            value = json_format.loads(chunk, file=reading.file)
            yield reading.converter.structure_entity(value), None, index
        except cq.ParseError as exc:
            yield list(exc.problems)
        except EntityError as exc:
            yield [p.located(file=reading.file) for p in exc.problems]


def _write(put: Callable[[bytes], object], entities: Iterable[cq.Entity], conv: Converter) -> None:
    for entity in entities:
        put(_RS + orjson.dumps(conv.unstructure_entity(entity)) + b"\n")


JSON_SEQ = cq.register_format(
    cq.FileFormat(name="json-seq", suffixes=(".json-seq",), read=_read, write=_write)
)


def test_a_registered_format_is_known_by_its_name_and_its_suffix() -> None:
    assert lookup("json-seq") is JSON_SEQ
    assert "json-seq" in format_names()
    assert "json-seq.gz" in format_names(compressed=True)
    assert cq.format_of("corpus/2020.JSON-SEQ.gz") == "json-seq.gz"


@pytest.mark.parametrize("name", ["record.json-seq", "record.json-seq.gz"])
def test_load_and_dump_go_through_a_registered_format(
    seed: cq.Record, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    cq.dump(seed, path)
    data = path.read_bytes()
    text = gzip.decompress(data) if name.endswith(".gz") else data
    assert text.startswith(_RS)
    assert text.count(_RS) == len(seed)
    assert cq.load(path) == seed
    assert list(cq.iter_load(path)) == list(seed)
    assert cq.loads(cq.dumps(seed, "json-seq"), "json-seq") == seed


def test_a_registered_format_reports_problems_with_its_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json-seq"
    path.write_bytes(_RS + b'{"type": "person", "id": "person:a"}\n' + _RS + b"{\n")
    result = cq.load(path, errors="collect")
    assert [(p.code, p.file) for p in result.problems] == [
        ("missing-field", str(path)),
        ("syntax", str(path)),
    ]
    # A format without a way to place problems names the file of each.
    record = cq.Record([cq.Organization(id="org:a", name="A", parent="org:missing")])
    cq.dump(record, path)
    problems = cq.load(path).validate()
    assert problems
    assert {(p.file, p.line) for p in problems} == {(str(path), None)}
    # gzip data under a plain suffix is said to be so, with the name that reads it.
    path.write_bytes(gzip.compress(b""))
    [problem] = cq.load(path, errors="collect").problems
    assert (problem.setting, problem.expected) == ("format", "json-seq.gz")


def test_a_name_or_a_suffix_is_one_format_s_only() -> None:
    with pytest.raises(ValueError, match="registered already"):
        cq.register_format(cq.FileFormat(name="json", suffixes=(".j",), read=_read, write=_write))
    with pytest.raises(ValueError, match="stands for 'jsonl' already"):
        cq.register_format(
            cq.FileFormat(name="lines", suffixes=(".ndjson",), read=_read, write=_write)
        )
    with pytest.raises(ValueError, match=r"lower-case text starting with '\.'"):
        cq.FileFormat(name="x", suffixes=("X",), read=_read, write=_write)
    assert cq.register_format(JSON_SEQ) is JSON_SEQ  # the same format again


def _read_together(stream: IO[bytes], reading: Reading) -> Iterator[Item]:
    # Every entity structured first and handed over as one run (no places).
    chunks = stream.read().split(_RS)[1:]
    structure = reading.converter.structure_entity
    yield Run([structure(json_format.loads(chunk)) for chunk in chunks], None, 0)


JSON_SEQ_RUN = cq.register_format(
    cq.FileFormat(
        name="json-seq-run", suffixes=(".json-seq-run",), read=_read_together, write=_write
    )
)


def test_a_reader_may_hand_over_its_entities_in_runs(seed: cq.Record, tmp_path: Path) -> None:
    path = tmp_path / "record.json-seq-run"
    cq.dump(seed, path)
    assert cq.load(path) == seed
    assert list(cq.iter_load(path)) == list(seed)
    # Within a run, an id twice is told as among single items, by the entity's index.
    people = [cq.Person(id="person:a", name="A"), cq.Person(id="person:b", name="B")]
    twice = cq.Record(people)
    cq.dump(twice, path)
    path.write_bytes(
        path.read_bytes() + _RS + b'{"type": "person", "id": "person:a", "name": "Z"}\n'
    )
    result = cq.load(path, errors="collect")
    assert list(result.record) == people
    [problem] = result.problems
    assert problem.code == "duplicate-id"
    assert f"at {path} (entity 1) and at {path} (entity 3)" in problem.message
