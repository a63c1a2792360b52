"""What the no-silent-loss checks of ``communique.formats.json.loads`` cost.

orjson keeps the last of two equal keys and turns integers beyond 64 bits into
floats without a word. ``loads`` parses with orjson, then runs cheap checks in C
(count the colons, search for long digit runs); only text they flag is parsed
again, exactly, by the standard library with hooks. This compares, on the same
realistic entities (``benchmarks/io_corpus.py``):

- ``orjson.loads`` alone (fast, but loses data silently);
- ``communique.formats.json.loads`` (orjson and the cheap checks), one text at
  a time, and ``loads_many`` over batches of lines as the JSON Lines loader
  reads them (the checks made once per batch);
- the standard library with an ``object_pairs_hook`` and number hooks on every
  value (the exact check, always);
- and, for scale, turning the parsed data into model objects.

CPU time (``time.process_time``), best of several runs, with the garbage
collector on (what users get) and off (the parsers alone: with it on, the
collector's passes over the millions of new objects dominate).

    python benchmarks/json_checks.py [--entities 100000]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from io_corpus import entities

from communique.converter import default_converter
from communique.formats import json as json_format
from communique.formats import jsonl as jsonl_format


def best(run: Callable[[], object], repeat: int, *, collector: bool) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        if not collector:
            gc.disable()
        try:
            start = time.process_time()
            run()
            times.append(time.process_time() - start)
        finally:
            gc.enable()
    return min(times)


def exact(data: bytes) -> object:
    """The standard library with the hooks of the exact check (private, on purpose)."""
    return json.loads(
        data,
        object_pairs_hook=json_format._object,
        parse_int=json_format._int,
        parse_float=json_format._float,
    )


def _batches(lines: list[bytes]) -> list[object]:
    size = jsonl_format._BATCH_LINES
    out: list[object] = []
    for start in range(0, len(lines), size):
        batch = lines[start : start + size]
        out += json_format.loads_many(batch, origins=[(1, 1)] * len(batch))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    n, repeat = args.entities, args.repeat
    data = list(entities(n))
    lines = [orjson.dumps(e) for e in data]
    document = orjson.dumps({"communique": "1.0", "entities": data}, option=orjson.OPT_INDENT_2)
    print(f"{n:,} entities; document {len(document) / 2**20:.0f} MiB; best of {repeat} runs")
    print(f"python {sys.version.split()[0]}, orjson {orjson.__version__}\n")

    rows = [
        ("orjson.loads, per line", lambda: [orjson.loads(x) for x in lines]),
        ("formats.json.loads, per line", lambda: [json_format.loads(x) for x in lines]),
        ("formats.json.loads_many, batches", lambda: _batches(lines)),
        ("stdlib json + hooks, per line", lambda: [exact(x) for x in lines]),
        ("orjson.loads, document", lambda: orjson.loads(document)),
        ("formats.json.loads, document", lambda: json_format.loads(document)),
        ("stdlib json + hooks, document", lambda: exact(document)),
        ("structure into the model", lambda: [default_converter.structure_entity(e) for e in data]),
    ]
    print(f"{'':32} {'us/entity, collector on':>24} {'off':>6}")
    for name, run in rows:
        times = repeat if not name.startswith("structure") else 1
        on = best(run, times, collector=True) / n * 1e6
        off = best(run, times, collector=False) / n * 1e6
        print(f"{name:32} {on:24.2f} {off:6.2f}")


if __name__ == "__main__":
    main()
