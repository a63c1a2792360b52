"""Fuzzing the loaders: whatever bytes come in, every loader ends in a record or a
``LoadError``, within a deadline.

Random bytes, and valid documents (the seed record and generated records, in each
format) mutated byte by byte or by swapping values for values of the wrong type,
go to a worker process (``loader_worker.py``) that runs ``loads`` (bytes and text),
``load`` and ``iter_load`` in every format. The worker is killed when an input
takes longer than :data:`DEADLINE`, and its memory is capped. A record that loads
must also dump and load back equal.

The atheris harness in ``fuzz/`` runs the same check for hours; what it finds is
added to ``test_fuzz_regressions.py``.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import communique as cq
from communique.testing import records

HERE = Path(__file__).resolve().parent
#: Seconds one input may take in all the loaders together.
DEADLINE = 20.0


class Worker:
    """A loader worker process, restarted after a crash or a hang."""

    def __init__(self, command: list[str] | None = None, deadline: float = DEADLINE) -> None:
        self._command = command or [sys.executable, str(HERE / "loader_worker.py")]
        self._deadline = deadline
        self._process: subprocess.Popen[bytes] | None = None

    def run(self, data: bytes) -> dict[str, str]:
        """Each loader's outcome for ``data``; ``{"all": "hang ..."}`` past the deadline."""
        if self._process is None or self._process.poll() is not None:
            env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"))
            self._process = subprocess.Popen(
                self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
            )
        process = self._process
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            process.stdin.write(len(data).to_bytes(4, "big") + data)
            process.stdin.flush()
        except BrokenPipeError:
            pass  # the worker died: reported below
        ready, _, _ = select.select([process.stdout], [], [], self._deadline)
        if not ready:
            self.close()
            return {"all": f"hang: no answer within {self._deadline} s"}
        line = process.stdout.readline()
        if not line:
            code = process.wait()
            self.close()
            return {"all": f"crash: the worker died with exit code {code}"}
        answer: dict[str, str] = json.loads(line)
        return answer

    def close(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.communicate()
            self._process = None


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    w = Worker()
    yield w
    w.close()


def check(worker: Worker, data: bytes) -> None:
    outcomes = worker.run(data)
    bad = {name: how for name, how in outcomes.items() if how not in ("record", "load-error")}
    assert not bad, f"input {data[:200]!r}...: {bad}"


# -- inputs -----------------------------------------------------------------------


SEED = HERE.parent / "examples" / "sco_aies_roundtable" / "record.yaml"


def _seed_documents() -> list[bytes]:
    record = cq.load(SEED)
    # The seed's source text lives in a file beside it; inline it so that the
    # documents stand alone.
    return [cq.dumps(record, fmt).encode("utf-8") for fmt in cq.FORMATS]


SEEDS = _seed_documents()


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A valid document: the seed's, or a generated record's, in any format."""
    fmt = draw(st.sampled_from(cq.FORMATS))
    if draw(st.booleans()):
        return draw(st.sampled_from(SEEDS))
    return cq.dumps(draw(records(max_size=4)), fmt).encode("utf-8")


# Pieces of syntax that reach the corners of each parser: YAML keys, anchors,
# aliases, tags, block scalars and directives; JSON escapes and numbers.
TOKENS = [
    b"? ",
    b": ",
    b"- ",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!python/object:os.system ",
    b"!x ",
    b"!!binary ",
    b"|\n",
    b">-\n",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b'"',
    b"'",
    b"#",
    b"\t",
    b"\r",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\\u0000",
    b"\\ud800",
    b"1e999",
    b"-0",
    b"0x1F",
    b".nan",
    b"99999999999999999999",
    b"null",
    b"true",
    b'"type": "person"',
    b"x-a:b: ",
]


@st.composite
def byte_mutations(draw: st.DrawFn) -> bytes:
    """A valid document with bytes deleted, inserted, flipped or repeated, or a
    piece of syntax put in."""
    data = bytearray(draw(documents()))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(("delete", "insert", "flip", "repeat", "token")))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
    return bytes(data)


WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=10),
    st.just([]),
    st.just({}),
    st.just([[[[]]]]),
    st.just({"type": "person"}),
    st.just(2**64),
    st.just(-(2**70)),
    st.just("2020-02-30"),
    st.just("person:"),
    st.just("x-a:b"),
)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*here, index))


def _set(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _set(value[head], rest, new)}
    copy = list(value)
    copy[head] = _set(copy[head], rest, new)
    return copy


@st.composite
def value_mutations(draw: st.DrawFn) -> bytes:
    """A valid document with values swapped for values of another type, keys renamed
    or added, written back in its format."""
    fmt = draw(st.sampled_from(("json", "yaml")))
    data: Any = yaml.safe_load(draw(st.sampled_from(SEEDS[:1])))
    if draw(st.booleans()):
        data = orjson.loads(cq.dumps(draw(records(max_size=4)), "json"))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(data))))
        op = draw(st.sampled_from(("wrong-type", "rename", "add-key")))
        if op == "wrong-type":
            data = _set(data, path, draw(WRONG))
        elif path and isinstance(path[-1], str):
            parent = path[:-1]
            holder = data
            for step in parent:
                holder = holder[step]
            key = path[-1]
            changed = dict(holder)
            if op == "rename":
                changed[key + draw(st.sampled_from(("s", "_", "X")))] = changed.pop(key)
            else:
                changed[draw(st.text(max_size=8))] = draw(WRONG)
            data = _set(data, parent, changed)
    try:
        if fmt == "json":
            return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
        return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    except (TypeError, ValueError, OverflowError):
        # Not every mutation can be written (a 2**70 in JSON): send it as YAML text.
        return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")


# -- the properties -----------------------------------------------------------------


@given(data=st.binary(max_size=4096))
def test_random_bytes(worker: Worker, data: bytes) -> None:
    check(worker, data)


@given(data=byte_mutations())
def test_byte_mutations_of_valid_documents(worker: Worker, data: bytes) -> None:
    check(worker, data)


@given(data=value_mutations())
def test_value_mutations_of_valid_documents(worker: Worker, data: bytes) -> None:
    check(worker, data)


def test_a_valid_document_loads_and_a_broken_one_is_a_load_error(worker: Worker) -> None:
    assert set(worker.run(SEEDS[0]).values()) == {"record", "load-error"}
    assert set(worker.run(b"{").values()) == {"load-error"}
    assert set(worker.run(SEEDS[2]).values()) >= {"record"}


def test_the_worker_catches_a_hang() -> None:
    sleeper = Worker([sys.executable, "-c", "import time; time.sleep(60)"], deadline=1.0)
    try:
        assert sleeper.run(b"x") == {"all": "hang: no answer within 1.0 s"}
    finally:
        sleeper.close()


def test_the_worker_catches_a_crash() -> None:
    dying = Worker([sys.executable, "-c", "import sys; sys.exit(3)"])
    assert dying.run(b"x") == {"all": "crash: the worker died with exit code 3"}
