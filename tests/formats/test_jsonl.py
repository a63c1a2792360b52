"""JSON Lines: lines read within their limit, blank lines refused."""

from __future__ import annotations

import io

import communique as cq
from communique.formats import jsonl


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
