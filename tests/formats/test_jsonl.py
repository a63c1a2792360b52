"""JSON Lines: lines read within their limit, blank lines refused."""

from __future__ import annotations

import io
import json
import tracemalloc
from typing import Any

import orjson
import pytest

import communique as cq
from communique.converter import default_converter
from communique.formats import Reading, Run, jsonl


def lines(data: bytes, limit: int = 10) -> list[tuple[int, bytes | str]]:
    out: list[tuple[int, bytes | str]] = []
    for number, line in jsonl.lines(io.BytesIO(data), file="f.jsonl", max_line_bytes=limit):
        out.append((number, str(line) if isinstance(line, cq.Problem) else line))
    return out


def test_lines_are_numbered_without_their_ending() -> None:
    assert lines(b"[1]\r\n[2]\n[3]") == [(1, b"[1]"), (2, b"[2]"), (3, b"[3]")]
    assert lines(b"") == []


def test_a_line_of_exactly_the_limit_is_read_and_a_longer_one_is_skipped() -> None:
    data = b"0123456789\n" + b"x" * 25 + b"\n" + b"[1]\n" + b"y" * 11
    assert lines(data) == [
        (1, b"0123456789"),
        (2, "f.jsonl:2: $: the line is longer than 10 bytes; raise max_line_bytes"),
        (3, b"[1]"),
        (4, "f.jsonl:4: $: the line is longer than 10 bytes; raise max_line_bytes"),
    ]


def test_blank_lines_are_problems() -> None:
    assert lines(b"[1]\n \t\r\n[2]\n") == [
        (1, b"[1]"),
        (2, "f.jsonl:2:1: $: a blank line; JSON Lines holds one JSON value on every line"),
        (3, b"[2]"),
    ]


def test_write_puts_one_compact_line_per_entity() -> None:
    written: list[bytes] = []
    jsonl.write(written.append, [{"type": "person", "name": "Ä"}, {"type": "state", "id": "s:1"}])
    assert written == [
        '{"type":"person","name":"Ä"}\n'.encode(),
        b'{"type":"state","id":"s:1"}\n',
    ]


def test_values_come_in_order_with_the_problem_of_each_line_on_its_line() -> None:
    # Enough lines for several batches, with problems of every kind among them.
    good = {n: b'{"n": %d}' % n for n in range(1, 201)}
    bad = {
        1: b'{"n": 1, "n": 1}',
        jsonl._BATCH_LINES: b"[1,",
        jsonl._BATCH_LINES + 1: b"   ",
        77: b"x" * 40,
        200: b'{"n": 99999999999999999999}',
    }
    data = b"\n".join(bad.get(n, good[n]) for n in good)
    batches = list(jsonl.values(io.BytesIO(data), file="f.jsonl", max_line_bytes=32))
    assert max(map(len, batches)) == jsonl._BATCH_LINES
    seen = [item for batch in batches for item in batch]
    assert [number for number, _, _ in seen] == list(good)
    for number, text, value in seen:
        if number in bad:
            problems = value.problems if isinstance(value, cq.ParseError) else [value]
            assert [(p.file, p.line) for p in problems] == [("f.jsonl", number)]
        else:
            assert (text, value) == (good[number], {"n": number})


# -- blocks of lines ---------------------------------------------------------------


class _Trickle(io.RawIOBase):
    """A stream that gives at most ``piece`` bytes a read."""

    def __init__(self, data: bytes, piece: int) -> None:
        self._data, self._at, self._piece = data, 0, piece

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        taken = self._data[self._at : self._at + min(self._piece, len(buffer))]
        buffer[: len(taken)] = taken
        self._at += len(taken)
        return len(taken)


def _person(n: int, **more: object) -> bytes:
    return orjson.dumps({"type": "person", "id": f"person:p{n}", "name": f"P {n}", **more})


def _many_lines() -> tuple[bytes, list[int]]:
    """3,000 lines (several blocks), with a blank line, an unknown key and another
    writer's spacing among them, the last without a newline; and the numbers of the
    lines of entities that refer to nothing."""
    lines = [_person(n) for n in range(1, 3001)]
    lines[999] = b""
    lines[1999] = _person(2000, nickname="Pat")
    lines[2499] = json.dumps(json.loads(lines[2499])).encode()
    dangling = [3, 1500, 2501, 3000]
    for n in dangling:
        lines[n - 1] = _person(n, affiliation="org:nowhere")
    return b"\n".join(lines), dangling


def _read(stream: Any, limit: int = 1 << 26) -> tuple[list[tuple[str, int]], list[tuple[int, str]]]:
    """The ids and lines of the entities a reader gives, and the lines and codes
    of its problems."""
    reading = Reading(file="f.jsonl", converter=default_converter, max_line_bytes=limit)
    entities: list[tuple[str, int]] = []
    problems: list[tuple[int, str]] = []
    for item in jsonl.read_entities(stream, reading):
        if isinstance(item, list):
            problems.extend((p.line or 0, p.code) for p in item)
            continue
        for entity, place, _ in item.items() if isinstance(item, Run) else [item]:
            entities.append((entity.id, place or 0))
    return entities, problems


@pytest.mark.parametrize("piece", [None, 7, 1000])
def test_lines_read_in_blocks_keep_their_numbers_and_their_problems(piece: int | None) -> None:
    data, _ = _many_lines()
    stream = io.BytesIO(data) if piece is None else io.BufferedReader(_Trickle(data, piece))
    entities, problems = _read(stream)
    assert problems == [(1000, "syntax"), (2000, "unknown-field")]
    assert entities == [(f"person:p{n}", n) for n in range(1, 3001) if n not in (1000, 2000)]


def test_lines_in_another_key_order_among_blocks_keep_their_numbers() -> None:
    # A line in ten not as communique writes it: blocks are seldom taken whole.
    lines = [_person(n) for n in range(1, 3001)]
    for n in range(5, 3001, 10):
        lines[n - 1] = orjson.dumps({"name": "P", "id": f"person:p{n}", "type": "person"})
    entities, problems = _read(io.BytesIO(b"\n".join(lines) + b"\n"))
    assert problems == []
    assert entities == [(f"person:p{n}", n) for n in range(1, 3001)]


def test_problems_found_after_the_load_are_placed_at_their_lines() -> None:
    data, dangling = _many_lines()
    result = cq.loads(data, "jsonl", errors="collect")
    assert len(result.record) == 2998
    assert [p.line for p in result.record.validate()] == dangling


def test_a_line_longer_than_the_limit_is_skipped_without_being_held() -> None:
    long = b'{"type":"person","id":"person:long","name":"' + b"x" * (4 << 20) + b'"}'
    data = b"\n".join([_person(1), long, _person(3)]) + b"\n"
    stream = _Trickle(data, 1 << 16)
    tracemalloc.start()
    try:
        entities, problems = _read(io.BufferedReader(stream), limit=1000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problems == [(2, "too-large")]
    assert entities == [("person:p1", 1), ("person:p3", 3)]
    assert peak < 1 << 20  # the line of 4 MiB was never held
