"""Catalogue cases and round trips of the loaders' and interop's features.

Written against the public API (``docs/bad-input.md`` lists the cases): gzip files by
suffix, ``communique.interop.write_parquet``/``read_parquet``, a size limit on JSON
Lines lines, duplicate keys in JSON, one id defined differently in two files of a
folder, a path with nothing there, and JSON integers beyond 64 bits.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import communique as cq
from communique.testing import records

any_records = st.one_of(records(), records(consistent=False)).filter(
    # One id held twice is not a record the loaders give back: they refuse a second,
    # different definition and keep an identical one once (see the catalogue).
    lambda record: len({e.id for e in record}) == len(record)
)
# While a feature is missing its property fails on the first example: shrinking
# that failure would only cost time.
no_shrinking = settings(phases=(Phase.explicit, Phase.reuse, Phase.generate))
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("suffix", [".json.gz", ".jsonl.gz", ".yaml.gz"])
@no_shrinking
@given(record=any_records)
def test_gzip_round_trip(suffix: str, record: cq.Record) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"record{suffix}"
        cq.dump(record, path)
        assert path.read_bytes()[:2] == b"\x1f\x8b"  # really gzip
        assert cq.load(path) == record
        assert cq.Record(cq.iter_load(path)) == record


@no_shrinking
@given(record=any_records)
def test_parquet_round_trip(record: cq.Record) -> None:
    from communique.interop import read_parquet, write_parquet

    with tempfile.TemporaryDirectory() as folder:
        write_parquet(record, Path(folder) / "dataset")
        assert read_parquet(Path(folder) / "dataset") == record


LINE_BYTES = 200 * 1024 * 1024


def _huge_line(path: Path) -> None:
    """One JSON Lines entity of 200 MB, written in pieces (never whole in memory)."""
    chunk = "a" * (1024 * 1024)
    with path.open("w", encoding="utf-8") as stream:
        stream.write('{"type": "person", "id": "person:x", "name": "')
        for _ in range(LINE_BYTES // len(chunk)):
            stream.write(chunk)
        stream.write('"}\n')


_READER = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
    import communique as cq
    path, how, limit = sys.argv[1], sys.argv[2], sys.argv[3]
    options = {} if limit == "default" else {"max_line_bytes": int(limit)}
    try:
        if how == "load":
            cq.load(path, **options)
        else:
            for _ in cq.iter_load(path, **options):
                pass
    except cq.ParseError as error:
        p = error.problems[0]
        print(p.code, p.file, p.line, sep="\\t")
        print(p.message)
    else:
        print("loaded")
    # VmHWM, the peak of this program's own memory: ru_maxrss would also count the
    # parent's memory at the fork that started it.
    with open("/proc/self/status") as status:
        hwm = next(line for line in status if line.startswith("VmHWM:"))
    print(int(hwm.split()[1]) // 1024)
    """
)


@pytest.mark.parametrize("how", ["load", "iter_load"])
@pytest.mark.parametrize(
    ("limit", "message", "most_mib"),
    [
        # The default limit (64 MiB): refused, within the 1 GiB the process may use.
        ("default", "longer than 67108864 bytes", 1024),
        # A limit of 1 MiB: refused after reading about that much, so the process
        # stays near its baseline, far below the 200 MB line.
        ("1048576", "longer than 1048576 bytes", 120),
    ],
)
def test_jsonl_200_mb_line_is_refused_before_it_is_read_whole(
    how: str, limit: str, message: str, most_mib: int, tmp_path: Path
) -> None:
    path = tmp_path / "huge.jsonl"
    _huge_line(path)
    # In a process of its own, with 1 GiB of address space, so that its peak
    # resident memory is its own.
    result = subprocess.run(
        [sys.executable, "-c", _READER, str(path), how, limit],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    head, found, peak_mib = result.stdout.strip().split("\n")
    assert head == f"too-large\t{path}\t1"
    assert message in found
    assert int(peak_mib) < most_mib


def test_json_duplicate_key() -> None:
    text = '{"communique": "1.0",\n "entities": [\n  {"type": "person", "id": "person:x", "name": "X", "name": "Y"}]}'
    with pytest.raises(cq.ParseError) as info:
        cq.loads(text, "json")
    assert "duplicate key 'name'" in info.value.problems[0].message
    assert info.value.problems[0].line == 3


def test_json_duplicate_top_level_key() -> None:
    with pytest.raises(cq.ParseError, match="duplicate key 'entities'"):
        cq.loads('{"communique": "1.0", "entities": [], "entities": []}', "json")


def test_jsonl_duplicate_key() -> None:
    text = (
        '{"type": "person", "id": "person:x", "name": "X"}\n'
        '{"type": "person", "id": "person:y", "id": "person:z", "name": "Y"}\n'
    )
    with pytest.raises(cq.ParseError) as info:
        cq.loads(text, "jsonl")
    assert "duplicate key 'id'" in info.value.problems[0].message
    assert info.value.problems[0].line == 2


def test_folder_duplicate_id(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        'communique: "1.0"\nentities:\n- {type: person, id: "person:x", name: X}\n',
        encoding="utf-8",
    )
    (tmp_path / "b.json").write_text(
        '{"communique": "1.0", "entities": [{"type": "person", "id": "person:x", "name": "Y"}]}',
        encoding="utf-8",
    )
    with pytest.raises(cq.DuplicateIdError) as info:
        cq.load(tmp_path)
    message = str(info.value)
    assert "person:x" in message
    assert str(tmp_path / "a.yaml") in message
    assert str(tmp_path / "b.json") in message


@pytest.mark.parametrize("name", ["no_such_folder", "no_such_file.yaml"])
def test_missing_path(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with pytest.raises(cq.LoadError) as info:
        cq.load(path)
    [problem] = info.value.problems
    assert (problem.code, problem.file, problem.line) == ("unreadable", str(path), None)
    assert problem.message.lower().startswith("no such file or")
    assert str(info.value).startswith(f"{path}: $: ")
    with pytest.raises(cq.LoadError) as streamed:
        next(cq.iter_load(path))
    assert [p.code for p in streamed.value.problems] == ["unreadable"]
    # Collected, as any problem of reading is, beside an empty record.
    result = cq.load(path, errors="collect")
    assert (len(result.record), [p.code for p in result.problems]) == (0, ["unreadable"])
    stream = cq.iter_load(path, errors="collect")
    assert list(stream) == []
    assert [p.file for p in stream.problems] == [str(path)]


@pytest.mark.parametrize("number", ["18446744073709551616", "-9223372036854775809"])
def test_json_integer_beyond_64_bits(number: str) -> None:
    # The JSON parser reads these as floats; the value must not change silently.
    text = (
        '{"communique": "1.0", "entities": [{"type": "person", "id": "person:x", "name": "X", "x-a:b": '
        + number
        + "}]}"
    )
    with pytest.raises(cq.LoadError) as info:
        cq.loads(text, "json")
    assert info.value.problems[0].path in ("$", "$.entities[0].x-a:b")
