"""Time to load N bad entities, each with an unknown field, in every format.

Placing a problem (its file, line and column) must cost the same whatever the
size of the file, so the time to load N bad entities should grow linearly with
N in a JSON document, a YAML file and JSON Lines alike. For each N, writes the
N entities in each format (a JSON document as ``cq.dump`` writes it, and
minified on one line; YAML; JSON Lines), loads each with ``errors="collect"``,
``errors="raise"`` and ``iter_load(errors="collect")``, checks that every entity
gave one problem with a line, and prints the seconds, the ratio to JSON Lines
and the growth from the previous N.

    python benchmarks/bad_input_scaling.py                      # N = 1,000, 10,000, 100,000
    python benchmarks/bad_input_scaling.py --sizes 1000,10000

Not a timed test: the figures go to ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

import communique as cq
from communique.formats import yaml as yaml_format


def bad_entities(n: int) -> list[dict[str, object]]:
    """N people, each with a field a person does not have."""
    return [
        {"type": "person", "id": f"person:p{i}", "name": f"Person {i}", "nickname": f"p{i}"}
        for i in range(n)
    ]


def write(folder: Path, n: int) -> dict[str, Path]:
    entities = bad_entities(n)
    document = {"communique": "1.0", "entities": entities}
    files = {
        "json": folder / f"bad-{n}.json",
        "json (one line)": folder / f"bad-{n}-minified.json",
        "yaml": folder / f"bad-{n}.yaml",
        "jsonl": folder / f"bad-{n}.jsonl",
    }
    files["json"].write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2))
    files["json (one line)"].write_bytes(orjson.dumps(document))
    files["yaml"].write_text(yaml_format.dumps(document), encoding="utf-8")
    files["jsonl"].write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in entities))
    return files


def collect(path: Path) -> int:
    result = cq.load(path, errors="collect")
    return _checked(result.problems)


def raise_(path: Path) -> int:
    try:
        cq.load(path)
    except cq.LoadError as error:
        return _checked(error.problems)
    raise AssertionError("loaded a bad file")


def stream(path: Path) -> int:
    with cq.iter_load(path, errors="collect") as entities:
        for _ in entities:
            pass
        return _checked(entities.problems)


def _checked(problems: tuple[cq.Problem, ...] | list[cq.Problem]) -> int:
    assert all(p.code == "unknown-field" and p.line is not None for p in problems)
    return len(problems)


WAYS: dict[str, Callable[[Path], int]] = {
    'load(errors="collect")': collect,
    'load(errors="raise")': raise_,
    'iter_load(errors="collect")': stream,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'way':28} {'format':16} {'N':>8} {'seconds':>9} {'/ jsonl':>8} {'growth':>7}")
    previous: dict[tuple[str, str], float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            files = write(Path(folder), n)
            for way, load in WAYS.items():
                times: dict[str, float] = {}
                for fmt, path in files.items():
                    started = time.perf_counter()
                    found = load(path)
                    times[fmt] = time.perf_counter() - started
                    assert found == n, (fmt, way, found)
                for fmt, seconds in times.items():
                    ratio = seconds / times["jsonl"]
                    before = previous.get((way, fmt))
                    growth = f"{seconds / before:6.1f}x" if before else ""
                    previous[(way, fmt)] = seconds
                    print(f"{way:28} {fmt:16} {n:>8,} {seconds:9.3f} {ratio:7.2f}x {growth:>7}")


if __name__ == "__main__":
    main()
