"""Loading and dumping: formats, gzip, folders, streams, errors, atomic writes."""

from __future__ import annotations

import gzip
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

import communique as cq
import communique._io as cq_io
from communique.converter import Converter
from communique.formats import json as json_format

SEED = Path(__file__).resolve().parent.parent / "examples" / "sco_aies_roundtable" / "record.yaml"

FORMATS = [*cq.FORMATS, *(f"{fmt}.gz" for fmt in cq.FORMATS)]
PERSON_A = '{"type": "person", "id": "person:a", "name": "A"}'
PERSON_B = '{"type": "person", "id": "person:b", "name": "B"}'


def document(*entities: str) -> str:
    return '{"communique": "1.0", "entities": [\n' + ",\n".join(entities) + "\n]}\n"


def raises(data: str | bytes, format: str = "json", **options: object) -> cq.LoadError:
    with pytest.raises(cq.LoadError) as info:
        cq.loads(data, format, **options)  # type: ignore[call-overload]
    return info.value


def fails(kind: type[cq.LoadError], path: Path, **options: object) -> cq.LoadError:
    with pytest.raises(kind) as info:
        cq.load(path, **options)  # type: ignore[call-overload]
    return info.value


def texts(error: cq.LoadError) -> list[str]:
    return [str(p) for p in error.problems]


def people(n: int) -> list[cq.Entity]:
    return [cq.Person(id=f"person:p{i}", name=f"Person {i}") for i in range(n)]


# -- formats ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips_the_seed_by_suffix(
    seed: cq.Record, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"record.{fmt}"
    cq.dump(seed, path)
    assert cq.load(path) == seed
    assert list(cq.iter_load(path)) == list(seed.entities)
    if fmt.endswith(".gz"):
        assert path.read_bytes()[:2] == b"\x1f\x8b"


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_argument_overrides_the_suffix(seed: cq.Record, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "record.data"
    cq.dump(seed, path, format=fmt)
    assert cq.load(path, format=fmt) == seed
    assert list(cq.iter_load(path, format=fmt)) == list(seed.entities)


def test_format_of_names_the_suffixes() -> None:
    format_of = cq.format_of
    assert format_of("a/b.JSONL.GZ") == "jsonl.gz"
    assert format_of("x.yml") == "yaml"
    assert format_of("x.ndjson") == "jsonl"
    with pytest.raises(ValueError, match=r"cannot tell the format of 'x\.txt'"):
        format_of("x.txt")
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        cq.loads("", format="xml")


@pytest.mark.parametrize("fmt", cq.FORMATS)
def test_loads_reads_text_and_bytes(seed: cq.Record, fmt: str) -> None:
    text = cq.dumps(seed, fmt)
    assert cq.loads(text, fmt) == seed
    assert cq.loads(text.encode("utf-8"), fmt) == seed


def test_loads_reads_gzip_bytes(seed: cq.Record) -> None:
    packed = gzip.compress(cq.dumps(seed, "jsonl").encode("utf-8"))
    assert cq.loads(packed, "jsonl.gz") == seed
    with pytest.raises(ValueError, match="compressed formats are for files"):
        cq.dumps(seed, "json.gz")


def test_json_dump_is_the_whole_document_written_by_orjson(seed: cq.Record) -> None:
    # Written entity by entity, it must still be byte for byte the indented document.
    data = {
        "communique": "1.0",
        "entities": [cq.default_converter.unstructure_entity(e) for e in seed],
    }
    expected = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    assert cq.dumps(seed, "json").encode("utf-8") == expected
    empty = orjson.dumps(
        {"communique": "1.0", "entities": []},
        option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE,
    )
    assert cq.dumps(cq.Record(), "json").encode("utf-8") == empty


@pytest.mark.parametrize("fmt", FORMATS)
def test_dumps_are_deterministic(seed: cq.Record, tmp_path: Path, fmt: str) -> None:
    first, second = tmp_path / f"a.{fmt}", tmp_path / "other" / f"b.{fmt}"
    second.parent.mkdir()
    cq.dump(seed, first)
    cq.dump(cq.load(first), second)
    assert first.read_bytes() == second.read_bytes()


def test_gzip_header_has_no_name_and_no_time(seed: cq.Record, tmp_path: Path) -> None:
    path = tmp_path / "named.json.gz"
    cq.dump(seed, path)
    header = path.read_bytes()[:10]
    assert header[3] & 0x08 == 0  # FNAME flag
    assert header[4:8] == b"\0\0\0\0"  # MTIME
    assert gzip.decompress(path.read_bytes()).decode("utf-8") == cq.dumps(seed, "json")


def test_dump_takes_a_stream_of_entities(seed: cq.Record, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    cq.dump(seed, source)
    target = tmp_path / "out.json.gz"
    cq.dump(cq.iter_load(source), target)
    assert cq.load(target) == seed


@pytest.mark.parametrize("fmt", FORMATS)
def test_dump_to_a_binary_stream_writes_the_bytes_a_file_gets(
    seed: cq.Record, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"record.{fmt}"
    cq.dump(seed, path)
    out = io.BytesIO()
    out.write(b"before:")  # what the stream held is kept: the dump goes after it
    cq.dump(seed, out, format=fmt)
    assert out.getvalue() == b"before:" + path.read_bytes()
    assert not out.closed  # the caller's to close
    if not fmt.endswith(".gz"):
        assert out.getvalue()[len(b"before:") :].decode("utf-8") == cq.dumps(seed, fmt)


def test_dump_to_a_stream_needs_a_binary_stream_and_a_format(seed: cq.Record) -> None:
    with pytest.raises(TypeError, match=r"not to StringIO: pass a binary stream"):
        cq.dump(seed, io.StringIO(), format="json")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"no suffix to tell the format by: pass format="):
        cq.dump(seed, io.BytesIO())


def test_a_dump_to_a_stream_refused_halfway_writes_nothing(seed: cq.Record) -> None:
    # As a file is replaced only once it is complete, a stream sees nothing of a
    # dump that stops: here an entity the formats cannot write back, the third.
    bad = cq.Person(id="person:bad", name=None)  # type: ignore[arg-type]
    entities = [*list(seed)[:2], bad, *list(seed)[2:]]
    for fmt in ("json", "jsonl", "yaml", "jsonl.gz"):
        out = io.BytesIO()
        with pytest.raises(ValueError, match="person:bad"):
            cq.dump(entities, out, format=fmt)
        assert out.getvalue() == b"", fmt
        with pytest.raises(RuntimeError, match="the disk is on fire"):
            cq.dump(failing(seed), out, format=fmt)
        assert out.getvalue() == b"", fmt


class Trickle(io.RawIOBase):
    """A raw stream that takes at most a few bytes a write, as a pipe may."""

    def __init__(self) -> None:
        self.taken = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        piece = bytes(memoryview(data))[:7]  # type: ignore[arg-type]
        self.taken += piece
        return len(piece)


def test_a_dump_to_a_stream_is_whole_however_the_stream_takes_it(
    seed: cq.Record, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = cq.dumps(seed, "jsonl").encode("utf-8")
    trickle = Trickle()
    cq.dump(seed, trickle, format="jsonl")  # type: ignore[arg-type]
    assert bytes(trickle.taken) == expected
    # Beyond what is held in memory, the dump goes through a temporary file first.
    monkeypatch.setattr(cq_io, "_SPOOL_BYTES", 100)
    monkeypatch.setattr(cq_io, "_COPY_BYTES", 64)
    out = io.BytesIO()
    cq.dump(seed, out, format="jsonl")
    assert out.getvalue() == expected
    trickle = Trickle()
    cq.dump(seed, trickle, format="jsonl")  # type: ignore[arg-type]
    assert bytes(trickle.taken) == expected


# -- atomic dumps -----------------------------------------------------------------


def failing(entities: cq.Record) -> Iterator[cq.Entity]:
    """The entities, until the third fails to come."""
    for number, entity in enumerate(entities, start=1):
        if number == 3:
            raise RuntimeError("the disk is on fire")
        yield entity


class FailingConverter(Converter):
    """Fails to write the third entity (YAML writes through unstructure_entity)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def unstructure_entity(self, entity: cq.Entity) -> dict[str, object]:
        self.calls += 1
        if self.calls == 3:
            raise RuntimeError("the disk is on fire")
        return super().unstructure_entity(entity)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_dump_that_fails_midway_leaves_the_old_file_and_no_temporary(
    seed: cq.Record, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"record.{fmt}"
    cq.dump(cq.Record(people(2)), path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError, match="the disk is on fire"):
        cq.dump(failing(seed), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"record.{fmt}"]
    if fmt.startswith("yaml"):
        with pytest.raises(RuntimeError, match="the disk is on fire"):
            cq.dump(seed, path, converter=FailingConverter())
        assert path.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == [f"record.{fmt}"]


def test_a_write_that_fails_leaves_the_old_file(
    seed: cq.Record, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "record.jsonl"
    cq.dump(cq.Record(people(2)), path)
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left on device"):
        cq.dump(seed, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["record.jsonl"]


def test_dump_keeps_the_permissions_of_the_file_it_replaces(
    seed: cq.Record, tmp_path: Path
) -> None:
    path = tmp_path / "record.json"
    cq.dump(seed, path)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    path.chmod(0o640)
    cq.dump(seed, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_json_lines_dump_writes_as_the_entities_come(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    note = "x" * 50_000
    written: list[int] = []

    def entities() -> Iterator[cq.Entity]:
        for i in range(10):
            if i == 9:
                # Before the last entity exists, most of the file is on disk already.
                (temporary,) = [p for p in tmp_path.iterdir() if ".communique-tmp-" in p.name]
                written.append(temporary.stat().st_size)
            yield cq.Person(id=f"person:p{i}", name="P", note=note)

    cq.dump(entities(), path)
    assert written[0] > 7 * 50_000
    assert len(cq.load(path)) == 10


# -- folders ----------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_folder_loads_every_record_file_below_it(seed: cq.Record, tmp_path: Path) -> None:
    write(tmp_path / "seed" / "article.txt", (SEED.parent / "article.txt").read_text("utf-8"))
    cq.dump(seed, tmp_path / "seed" / "record.yaml")
    (tmp_path / "more" / "deeper").mkdir(parents=True)
    cq.dump(cq.Record(people(3)), tmp_path / "more" / "deeper" / "people.jsonl.gz")
    write(tmp_path / "more" / "notes.txt", "not a record")
    write(tmp_path / ".hidden" / "broken.json", "{")
    write(tmp_path / ".broken.json", "{")
    record = cq.load(tmp_path)
    assert len(record) == len(seed) + 3
    assert record.get("person:p2").name == "Person 2"
    # The source's text file is found beside the file that defines the source.
    assert record.validate() == []
    assert record.text_of("source:sco-2020-03-04-aies-roundtable") == seed.text_of(
        "source:sco-2020-03-04-aies-roundtable"
    )
    assert record.text_of("source:sco-2020-03-04-aies-roundtable") is not None
    # Files are read in sorted order of their paths: more/ before seed/.
    assert [e.id for e in cq.iter_load(tmp_path)][:3] == [
        "person:p0",
        "person:p1",
        "person:p2",
    ]


def test_an_entity_repeated_identically_is_merged(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", f"{PERSON_A}\n{PERSON_B}\n")
    write(tmp_path / "b.json", document('{"id": "person:a", "name": "A", "type": "person"}'))
    record = cq.load(tmp_path)
    assert [e.id for e in record] == ["person:a", "person:b"]


def test_an_id_defined_twice_differently_names_both_files_and_lines(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", f"{PERSON_B}\n{PERSON_A}\n")
    write(
        tmp_path / "b.yaml",
        'communique: "1.0"\nentities:\n  - type: person\n    id: person:b\n    name: B\n'
        "  - type: person\n    id: person:a\n    name: Another A\n",
    )
    with pytest.raises(cq.DuplicateIdError) as info:
        cq.load(tmp_path)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.yaml"
    assert texts(info.value) == [
        f"{b}:6: person:a $.id: the id 'person:a' is defined twice with different content: "
        f"at {a}:2 and at {b}:6"
    ]
    result = cq.load(tmp_path, errors="collect")
    assert result.record.get("person:a").name == "A"  # the first definition is kept
    assert [p.code for p in result.problems] == ["duplicate-id"]


def test_ids_within_a_run_of_good_lines_are_told_as_one_a_line(tmp_path: Path) -> None:
    # Lines that all read straight are taken together; an id among them defined
    # twice is told as when each line is taken alone: the same entity twice is
    # kept once, other content is a duplicate-id naming both lines.
    same = write(tmp_path / "same.jsonl", f"{PERSON_A}\n{PERSON_B}\n{PERSON_A}\n")
    assert [e.id for e in cq.load(same)] == ["person:a", "person:b"]
    other = '{"type": "person", "id": "person:a", "name": "Z"}'
    path = write(tmp_path / "other.jsonl", f"{PERSON_A}\n{PERSON_B}\n{other}\n")
    error = fails(cq.DuplicateIdError, path)
    assert texts(error) == [
        f"{path}:3: person:a $.id: the id 'person:a' is defined twice with different content: "
        f"at {path}:1 and at {path}:3"
    ]
    # And the same in a later run.
    others = "".join(f'{{"type": "person", "id": "person:p{i}", "name": "P"}}\n' for i in range(40))
    path = write(tmp_path / "later.jsonl", f"{PERSON_A}\n{others}{other}\n")
    error = fails(cq.DuplicateIdError, path)
    assert texts(error) == [
        f"{path}:42: person:a $.id: the id 'person:a' is defined twice with different content: "
        f"at {path}:1 and at {path}:42"
    ]


def test_entities_read_in_runs_are_placed_at_their_own_lines(tmp_path: Path) -> None:
    # More lines than one run holds, each entity at its line: a problem found after
    # the load names the line of its entity, in the first run, in a later one, and
    # among lines read one by one (an escaped colon: those lines are not read
    # straight, and go one at a time).
    def person(i: int, **more: str) -> bytes:
        return orjson.dumps({"type": "person", "id": f"person:p{i}", "name": "P", **more})

    lines = [person(i) for i in range(100)]
    lines[40] = rb'{"type":"person","id":"person:p40","name":"P","note":"a\u003ab"}'
    for at in (2, 45, 90):
        lines[at] = person(at, affiliation="org:nowhere")
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    record = cq.load(path)
    assert [e.id for e in record] == [f"person:p{i}" for i in range(100)]
    assert record.get("person:p40").note == "a:b"
    problems = record.validate()
    assert [(p.entity, p.line) for p in problems] == [
        ("person:p2", 3),
        ("person:p45", 46),
        ("person:p90", 91),
    ]


def test_a_stream_closed_in_a_run_gives_no_more(tmp_path: Path) -> None:
    path = write(tmp_path / "r.jsonl", f"{PERSON_A}\n{PERSON_B}\n")
    stream = cq.iter_load(path)
    assert next(stream).id == "person:a"
    stream.close()
    assert list(stream) == []


def test_an_id_twice_in_a_json_document_names_its_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.json",
        document(PERSON_A, PERSON_B, '{"type": "person", "id": "person:a", "name": "Z"}'),
    )
    error = fails(cq.DuplicateIdError, path)
    assert texts(error) == [
        f"{path}:4: person:a $.id: the id 'person:a' is defined twice with different content: "
        f"at {path}:2 and at {path}:4"
    ]


def test_format_argument_is_refused_for_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format= applies to one file"):
        cq.load(tmp_path, format="json")


def test_collect_keeps_the_good_files_of_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "good.jsonl", f"{PERSON_A}\n")
    bad = write(tmp_path / "bad.json", '{"communique": "1.0", "entities": [}')
    result = cq.load(tmp_path, errors="collect")
    assert [e.id for e in result.record] == ["person:a"]
    assert [str(p) for p in result.problems] == [
        f"{bad}:1:36: $: not valid JSON: expected a value, found '}}'"
    ]
    assert not result.ok
    with pytest.raises(cq.ParseError):
        result.or_raise()


def test_a_missing_file_is_a_load_error(tmp_path: Path) -> None:
    error = fails(cq.LoadError, tmp_path / "nothing.json")
    assert texts(error) == [f"{tmp_path / 'nothing.json'}: $: No such file or directory"]


# -- streaming ---------------------------------------------------------------------


def test_iter_load_yields_before_it_reads_the_rest(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.json",
        '{"communique": "1.0", "entities": [' + PERSON_A + ", " + PERSON_B + ", oops",
    )
    stream = cq.iter_load(path)
    assert next(stream).id == "person:a"
    assert next(stream).id == "person:b"
    with pytest.raises(cq.ParseError) as info:
        next(stream)
    assert texts(info.value) == [
        f"{path}:1:138: $.entities[2]: not valid JSON: unexpected character, expected a JSON value"
    ]


def test_iter_load_of_json_lines_is_lazy(tmp_path: Path) -> None:
    path = write(tmp_path / "r.jsonl", f"{PERSON_A}\n{{broken\n")
    with cq.iter_load(path) as stream:
        assert next(stream).id == "person:a"
        with pytest.raises(cq.ParseError, match=":2:2: \\$: not valid JSON"):
            next(stream)


def test_iter_load_collect_passes_over_bad_entities(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.json",
        document(PERSON_A, '{"type": "person", "id": "person:x"}', "[1]", PERSON_B),
    )
    stream = cq.iter_load(path, errors="collect")
    assert [e.id for e in stream] == ["person:a", "person:b"]
    assert [str(p) for p in stream.problems] == [
        f"{path}:3:1: person:x $.name: required field missing",
        f"{path}:4:1: $.entities[2]: an entity must be a mapping, found a list",
    ]


def test_iter_load_over_small_chunks_agrees_with_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entities = [
        cq.Person(id="person:u", name='Ünïcödé "quoted" [bracket] {brace} \\ back'),
        cq.Person(id="person:b", name="B", note="line\nbreak", extensions={"x-a:n": [[{}], []]}),
        *people(5),
    ]
    for fmt in ("json", "jsonl"):
        path = tmp_path / f"r.{fmt}"
        cq.dump(entities, path)
        monkeypatch.setattr(json_format.DocumentReader, "chunk_size", 7)
        assert list(cq.iter_load(path)) == entities
        assert list(cq.load(path)) == entities


def test_errors_are_located_across_chunk_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_format.DocumentReader, "chunk_size", 5)
    path = write(
        tmp_path / "r.json",
        document(PERSON_A, '{"type": "event", "id": "event:e", "kind": "meeting",\n "date": 2020}'),
    )
    expected = [
        f"{path}:4:2: event:e $.date: expected an EDTF date as text "
        "(\"2020-03-04\") or a mapping with 'edtf', found an integer"
    ]
    # Read whole by load, element by element by iter_load: the same problem, placed alike.
    assert texts(fails(cq.StructureError, path)) == expected
    stream = cq.iter_load(path, errors="collect")
    assert [e.id for e in stream] == ["person:a"]
    assert [str(p) for p in stream.problems] == expected


# -- errors: located, together, collected ---------------------------------------------


def test_a_problem_names_file_line_column_path_expected_and_found(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.json",
        document(
            PERSON_A,
            PERSON_B,
            '{"type": "person", "id": "person:c", "name": "C"}',
            '{"type": "event", "id": "event:e", "kind": "meeting",\n  "date": 2020}',
        ),
    )
    error = fails(cq.StructureError, path)
    assert (error.file, error.line, error.column, error.path) == (
        str(path),
        6,
        3,
        "$.date",
    )
    (problem,) = error.problems
    assert problem.expected == "an EDTF date as text (\"2020-03-04\") or a mapping with 'edtf'"
    assert problem.found == "an integer"
    assert problem.entity == "event:e"


def test_several_problems_in_one_file_are_reported_together() -> None:
    error = raises(
        document(
            '{"type": "person", "id": "person:a", "name": 5}',
            '{"type": "person", "id": "person:b", "nam": "B"}',
        )
    )
    assert str(error) == (
        "3 problems:\n"
        "  <data>:2:38: person:a $.name: expected text, found an integer\n"
        "  <data>:3:38: person:b $.nam: unknown field 'nam' for type 'person'; "
        "did you mean 'name'?\n"
        "  <data>:3:1: person:b $.name: required field missing"
    )


def test_yaml_problems_are_located() -> None:
    error = raises(
        'communique: "1.0"\nentities:\n  - type: person\n    id: person:a\n    name: [A]\n',
        "yaml",
    )
    assert texts(error) == ["<data>:5:5: person:a $.name: expected text, found a list"]


def test_record_level_problems_are_located() -> None:
    error = raises('{"communique": "2.0",\n "entities": [], "extra": 1}')
    assert texts(error) == [
        "<data>:1:2: $.communique: expected 'communique: \"1.0\"', found '2.0'",
        "<data>:2:18: $.extra: unknown field 'extra' in a record; "
        "a record has 'communique' and 'entities'",
    ]
    assert texts(raises('{"communique": "1.0"}')) == [
        "<data>:1:1: $.entities: a record needs 'entities', a list of entities"
    ]
    assert texts(raises('{"communique": "1.0", "entities": {}}')) == [
        "<data>:1:23: $.entities: 'entities' must be a list"
    ]
    assert texts(raises("[]")) == [
        "<data>:1:1: $: a record is an object with 'communique' and 'entities', found an array"
    ]


def test_collect_costs_one_entity_per_bad_line() -> None:
    lines = [PERSON_A, '{"type": "person", "id": "person:x", "name": 1}', "{bad", PERSON_B]
    result = cq.loads("\n".join(lines) + "\n", "jsonl", errors="collect")
    assert [e.id for e in result.record] == ["person:a", "person:b"]
    assert [str(p) for p in result.problems] == [
        "<data>:2:38: person:x $.name: expected text, found an integer",
        "<data>:3:2: $: not valid JSON: unexpected character, expected a string key",
    ]


def test_a_line_cut_short_is_placed_on_its_own_line() -> None:
    cut = PERSON_A[:-1]
    assert texts(raises(f"{PERSON_B}\r\n{cut}\r\n{PERSON_B}\n", "jsonl")) == [
        f"<data>:2:{len(cut) + 1}: $: not valid JSON: unexpected end of data"
    ]


def test_collect_of_a_json_document_keeps_the_good_entities() -> None:
    result = cq.loads(
        document(PERSON_A, '{"type": "person", "id": "person:x", "name": "X", "name": "Y"}'),
        errors="collect",
    )
    assert [e.id for e in result.record] == ["person:a"]
    assert [p.code for p in result.problems] == ["duplicate-key"]
    assert cq.loads(document(PERSON_A), errors="collect").ok


def test_errors_must_be_raise_or_collect() -> None:
    with pytest.raises(ValueError, match="errors must be 'raise' or 'collect', not 'ignore'"):
        cq.loads("", errors="ignore")  # type: ignore[call-overload]


def test_load_error_survives_pickling() -> None:
    import pickle

    error = raises("{")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is cq.ParseError
    assert again.problems == error.problems


# -- no silent loss: each bad input, with its exact message ------------------------------


def test_duplicate_keys_are_refused_in_every_format() -> None:
    assert texts(
        raises(document('{"type": "person", "id": "person:a",\n "name": "A", "name": "B"}'))
    ) == ["<data>:3:15: $.entities[0].name: duplicate key 'name' (first at line 3, column 2)"]
    assert texts(raises('{"type": "person", "id": "person:a", "id": "person:b"}', "jsonl")) == [
        "<data>:1:38: $.id: duplicate key 'id' (first at line 1, column 20)"
    ]
    assert texts(raises('{"communique": "1.0", "entities": [], "entities": []}')) == [
        "<data>:1:39: $.entities: duplicate key 'entities'"
    ]
    assert texts(
        raises('communique: "1.0"\nentities:\n  - type: person\n    type: person\n', "yaml")
    ) == ["<data>:4:5: $: duplicate key 'type'"]


def test_a_duplicate_key_written_with_an_escape_is_found() -> None:
    # "\u0069d" is "id": the colon count alone would not see it, the escape check does.
    error = raises(
        '{"type": "person", "id": "person:a", "\\u0069d": "person:b", "name": "A"}', "jsonl"
    )
    assert texts(error) == ["<data>:1:38: $.id: duplicate key 'id' (first at line 1, column 20)"]


def test_unknown_fields_name_the_field_and_the_type() -> None:
    error = raises('{"type": "event", "id": "event:e", "kind": "meeting", "colour": 1}', "jsonl")
    assert texts(error) == [
        "<data>:1:55: event:e $.colour: unknown field 'colour' for type 'event'"
    ]


@pytest.mark.parametrize(
    ("tag", "shown"),
    [
        ("!!python/object:os.system", "tag:yaml.org,2002:python/object:os.system"),
        ("!!python/object/apply:os.system", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("!!python/name:os.system", "tag:yaml.org,2002:python/name:os.system"),
        ("!!binary", "tag:yaml.org,2002:binary"),
        ("!custom", "!custom"),
    ],
)
def test_yaml_tags_that_construct_objects_are_refused(tag: str, shown: str) -> None:
    error = raises(f'communique: "1.0"\nentities:\n  - {tag} x\n', "yaml")
    assert texts(error) == [f"<data>:3:5: $: the tag {shown!r} is not allowed"]


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        ("18446744073709551616", "the integer 18446744073709551616 does not fit in 64 bits"),
        ("9223372036854775808", "the integer 9223372036854775808 does not fit in 64 bits"),
        ("-9223372036854775809", "the integer -9223372036854775809 does not fit in 64 bits"),
        ("1e-400", "the number 1e-400 is too small for a 64-bit float: it would be 0"),
        ("1" * 25, "the integer 1111111111111111111111111 does not fit in 64 bits"),
    ],
)
def test_numbers_that_do_not_fit_are_refused(literal: str, message: str) -> None:
    line = '{"type": "person", "id": "person:a", "name": "A", "x-a:n": ' + literal + "}"
    assert texts(raises(line, "jsonl")) == [f"<data>:1:51: $.x-a:n: {message}"]
    assert texts(raises(document(line))) == [f"<data>:2:51: $.entities[0].x-a:n: {message}"]


def test_edge_numbers_that_fit_are_kept() -> None:
    line = (
        '{"type": "person", "id": "person:a", "name": "A", '
        '"x-a:n": [9223372036854775807, -9223372036854775808, 1e308, 5e-324, 1e100, 0e-999]}'
    )
    (person,) = cq.loads(line, "jsonl")
    assert person.extensions["x-a:n"] == [2**63 - 1, -(2**63), 1e308, 5e-324, 1e100, 0.0]


@pytest.mark.parametrize("literal", ["-1e400", "1.5E+309", "1" * 5000])
def test_floats_that_overflow_are_refused(literal: str) -> None:
    # orjson reads integers beyond 64 bits as floats, and refuses infinite ones itself.
    line = '{"type": "person", "id": "person:a", "name": "A", "x-a:n": ' + literal + "}"
    assert texts(raises(line, "jsonl")) == ["<data>:1:60: $: a number too large for a 64-bit float"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e400", "the number 1e400 is too large for a 64-bit float"),
        (".inf", ".inf is not a finite number, and JSON cannot hold it"),
        ("-.Inf", "-.Inf is not a finite number, and JSON cannot hold it"),
        (".nan", ".nan is not a finite number, and JSON cannot hold it"),
        ("1e-400", "the number 1e-400 is too small for a 64-bit float: it would be 0"),
        ("18446744073709551616", "the integer 18446744073709551616 does not fit in 64 bits"),
        ("0x8000000000000000", "the integer 0x8000000000000000 does not fit in 64 bits"),
    ],
)
def test_yaml_numbers_that_do_not_fit_are_refused(value: str, message: str) -> None:
    text = f'communique: "1.0"\nentities:\n  - type: person\n    x-a:n: {value}\n'
    assert texts(raises(text, "yaml")) == [f"<data>:4:12: $: {message}"]


def test_invalid_utf8_is_refused_where_it_is() -> None:
    data = document(PERSON_A, '{"type": "person", "id": "person:b", "name": "B?"}').encode()
    data = data.replace(b"B?", b"B\xff")
    for fmt in ("json", "yaml"):
        assert texts(raises(data, fmt)) == [
            "<data>:3:48: $.entities[1]: not valid UTF-8: byte 0xff"
            if fmt == "json"
            else "<data>:3:48: $: not valid UTF-8: byte 0xff"
        ]
    assert texts(raises(b'{"a": "\xc3"}\n', "jsonl")) == [
        "<data>:1:8: $: not valid UTF-8: byte 0xc3"
    ]


def test_lone_surrogates_are_refused() -> None:
    escaped = '{"type": "person", "id": "person:a", "name": "\\ud800"}'
    assert texts(raises(escaped, "jsonl")) == [
        "<data>:1:47: $: not valid JSON: no low surrogate in string"
    ]
    assert texts(raises(document(escaped))) == [
        "<data>:2:47: $.entities[0]: not valid JSON: no low surrogate in string"
    ]
    raw = '{"type": "person", "id": "person:a", "name": "\ud800"}'
    for fmt in cq.FORMATS:
        assert texts(raises(raw, fmt)) == [
            "<data>:1:47: $: the text holds a lone surrogate (U+D800), which is not a character"
        ]
    yaml_escape = 'communique: "1.0"\nentities:\n  - name: "\\ud800"\n'
    assert texts(raises(yaml_escape, "yaml")) == [
        "<data>:3:14: $: while parsing a quoted scalar found invalid Unicode character escape code"
    ]


@pytest.mark.parametrize("fmt", cq.FORMATS)
def test_ten_thousand_levels_of_nesting_are_a_load_error(fmt: str, tmp_path: Path) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    if fmt == "json":
        text = '{"communique": "1.0", "entities": [' + deep + "]}"
        expected = [
            "<data>:1:1061: $.entities[0]: arrays and objects nest more than 1024 levels deep"
        ]
    elif fmt == "jsonl":
        text = deep + "\n"
        expected = ["<data>:1:1026: $: arrays and objects nest more than 1024 levels deep"]
    else:
        text = 'communique: "1.0"\nentities: ' + deep + "\n"
        expected = ["<data>:2:1010: $: collections nest too deeply (libyaml allows 1000 levels)"]
    assert texts(raises(text, fmt)) == expected
    path = write(tmp_path / f"deep.{fmt}", text)
    with pytest.raises(cq.ParseError):
        cq.load(path)
    with pytest.raises(cq.ParseError):
        list(cq.iter_load(path))


def test_deep_nesting_within_the_limit_is_not_a_recursion_error() -> None:
    # orjson reads 1024 levels but writes only 255: the exact check takes over.
    line = (
        '{"type": "person", "id": "person:a", "name": "A", "x-a:n": ' + "[" * 900 + "]" * 900 + "}"
    )
    error = raises(line, "jsonl")
    assert [p.code for p in error.problems] == ["invalid-value"]
    assert error.problems[0].message == "extension value is nested too deeply"


def test_a_line_longer_than_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    long = '{"type": "person", "id": "person:l", "name": "' + "L" * 1000 + '"}'
    path = write(tmp_path / "r.jsonl", f"{PERSON_A}\n{long}\n{PERSON_B}\n")
    result = cq.load(path, max_line_bytes=200, errors="collect")
    assert [e.id for e in result.record] == ["person:a", "person:b"]
    assert [str(p) for p in result.problems] == [
        f"{path}:2: $: the line is longer than 200 bytes; raise max_line_bytes"
    ]
    stream = cq.iter_load(path, max_line_bytes=200)
    assert next(stream).id == "person:a"
    with pytest.raises(cq.ParseError, match="longer than 200 bytes"):
        next(stream)


def test_an_entity_longer_than_the_limit_in_a_json_document(tmp_path: Path) -> None:
    long = '{"type": "person", "id": "person:l", "name": "' + "L" * 1000 + '"}'
    path = write(tmp_path / "r.json", document(PERSON_A, long, PERSON_B))
    stream = cq.iter_load(path, max_line_bytes=200)
    assert next(stream).id == "person:a"
    with pytest.raises(cq.ParseError) as info:
        next(stream)
    assert texts(info.value) == [
        f"{path}:3:1: $: a value longer than 200 bytes; raise max_line_bytes"
    ]


def test_a_file_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "r.yaml", "# " + "x" * 500 + "\n")
    error = fails(cq.ParseError, path, max_bytes=100)
    assert texts(error) == [
        f"{path}: $: the file is larger than 100 bytes; raise max_bytes, or read it with iter_load"
    ]
    assert texts(raises(b" " * 200, "json", max_bytes=100)) == [
        "<data>: $: the file is larger than 100 bytes; raise max_bytes, or read it with iter_load"
    ]


def test_a_document_read_whole_in_pieces_is_held_to_the_limit_to_the_byte(
    tmp_path: Path,
) -> None:
    # Longer than the pieces a whole read takes (1 MiB): read in several.
    note = "n" * (3 << 20)
    data = orjson.dumps(
        {
            "communique": "1.0",
            "entities": [{"type": "organization", "id": "org:a", "name": "A", "note": note}],
        }
    )
    path = tmp_path / "r.json"
    path.write_bytes(data)
    for limit in (len(data), None):
        (entity,) = cq.load(path, max_bytes=limit).entities
        assert entity.note == note
    assert texts(fails(cq.ParseError, path, max_bytes=len(data) - 1)) == [
        f"{path}: $: the file is larger than {len(data) - 1} bytes; raise max_bytes, "
        "or read it with iter_load"
    ]


def test_a_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.json.gz"
    path.write_bytes(gzip.compress(b" " * 50_000_000))
    assert path.stat().st_size < 100_000
    with pytest.raises(cq.ParseError, match="larger than 1000000 bytes"):
        cq.load(path, max_bytes=1_000_000)


def test_damaged_gzip_is_a_load_error(tmp_path: Path) -> None:
    plain = write(tmp_path / "plain.json.gz", document(PERSON_A))
    assert texts(fails(cq.ParseError, plain)) == [
        f"{plain}: $: not a valid gzip stream: Not a gzipped file (b'{{\"')"
    ]
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(gzip.compress(f"{PERSON_A}\n".encode())[:-12])
    assert [p.code for p in cq.load(truncated, errors="collect").problems] == ["not-gzip"]
    hidden = tmp_path / "packed.jsonl"
    hidden.write_bytes(gzip.compress(f"{PERSON_A}\n".encode()))
    assert texts(fails(cq.ParseError, hidden)) == [
        f"{hidden}: $: the data is gzip-compressed; name the file .jsonl.gz "
        "or pass format='jsonl.gz'"
    ]


def test_json_lines_blank_lines_and_line_endings() -> None:
    assert len(cq.loads(f"{PERSON_A}\r\n{PERSON_B}\r\n", "jsonl")) == 2
    assert len(cq.loads(f"{PERSON_A}\n{PERSON_B}", "jsonl")) == 2
    assert len(cq.loads("", "jsonl")) == 0
    assert texts(raises(f"{PERSON_A}\n\n{PERSON_B}\n", "jsonl")) == [
        "<data>:2:1: $: a blank line; JSON Lines holds one JSON value on every line"
    ]


def test_empty_and_truncated_documents() -> None:
    assert texts(raises("")) == ["<data>:1:1: $: not valid JSON: the file is empty"]
    assert texts(raises('{"communique": "1.0", "entities": [')) == [
        "<data>:1:36: $: not valid JSON: expected a value, found the end of the file"
    ]
    assert texts(raises('{"communique": "1.0", "entities": [' + PERSON_A)) == [
        "<data>:1:85: $: not valid JSON: expected ',' or ']', found the end of the file"
    ]
    assert texts(raises('{"communique": "1.0", "entities": []} []')) == [
        "<data>:1:39: $: not valid JSON: trailing characters, found '['"
    ]
    assert texts(raises('{"communique": "1.0", "entities": [' + PERSON_A + ",]}")) == [
        "<data>:1:86: $: not valid JSON: a trailing comma before ']'"
    ]


@pytest.mark.parametrize("suffix", [".jsonl", ".json.gz", ".yaml"])
def test_progress_counts_the_bytes_of_the_files_as_they_are_read(
    tmp_path: Path, suffix: str
) -> None:
    record = cq.Record(
        [cq.Organization(id=f"org:o{n}", name=f"Organisation {n}") for n in range(2000)]
    )
    path = tmp_path / f"record{suffix}"
    cq.dump(record, path)
    size = path.stat().st_size
    for read in (
        lambda progress: cq.load(path, progress=progress),
        lambda progress: cq.Record(cq.iter_load(path, progress=progress)),
        lambda progress: cq.loads(path.read_bytes(), cq.format_of(path), progress=progress),
    ):
        told: list[tuple[int, int]] = []
        assert read(lambda done, total, told=told: told.append((done, total))) == record
        assert len(told) > 1  # a file is read a piece at a time
        assert [total for _, total in told] == [size] * len(told)
        done = [n for n, _ in told]
        assert done == sorted(done)
        assert done[-1] == size


def test_progress_counts_every_file_of_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", f"{PERSON_A}\n")
    write(tmp_path / "b" / "b.json", document(PERSON_B))
    size = (tmp_path / "a.jsonl").stat().st_size + (tmp_path / "b" / "b.json").stat().st_size
    told: list[tuple[int, int]] = []
    result = cq.load(tmp_path, errors="collect", progress=lambda *n: told.append(n))
    assert result.files == (str(tmp_path / "a.jsonl"), str(tmp_path / "b" / "b.json"))
    assert told[-1] == (size, size)


@pytest.mark.parametrize("fmt", cq.FORMATS)
def test_one_style_of_location_for_problems_of_reading_and_of_validate(
    tmp_path: Path, fmt: str
) -> None:
    # A bad date (found while reading) and a dangling reference (found by
    # validate()) are both named by their entity and the path within it.
    record = cq.Record(
        [
            cq.Event(id="event:a", kind="meeting", date=cq.Date("2020-03-04")),
            cq.Event(
                id="event:b",
                kind="meeting",
                participants=(cq.Participation(agent="person:nobody", roles=("host",)),),
            ),
        ]
    )
    path = tmp_path / f"record.{fmt}"
    path.write_text(cq.dumps(record, fmt).replace("2020-03-04", "2020-03-32"), encoding="utf-8")
    result = cq.load(path, errors="collect")
    [read] = result.problems
    [checked] = result.record.validate()
    assert (read.code, read.entity, read.path) == ("invalid-value", "event:a", "$.date")
    assert (checked.code, checked.entity, checked.path) == (
        "dangling-reference",
        "event:b",
        "$.participants[0].agent",
    )
    text = path.read_text(encoding="utf-8")
    assert read.line == line_of(text, "2020-03-32")
    assert checked.line == line_of(text, "person:nobody")
    # Read an element at a time, a JSON document places its problems the same way.
    stream = cq.iter_load(path, errors="collect")
    assert [e.id for e in stream] == ["event:b"]
    assert [(p.entity, p.path, p.line) for p in stream.problems] == [
        ("event:a", "$.date", read.line)
    ]


def line_of(text: str, needle: str) -> int:
    """The line (from 1) where ``needle`` occurs in ``text``."""
    return text[: text.index(needle)].count("\n") + 1
