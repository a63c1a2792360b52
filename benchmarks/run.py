"""Run the benchmark suite: communique against msgspec and pydantic on the same schema.

    python benchmarks/run.py                 # the default size, about two minutes
    python benchmarks/run.py --size 200      # quicker, noisier
    python benchmarks/run.py --shape curated # one shape of corpus only
    python benchmarks/run.py --json out.json # also keep the figures

Every library loads and dumps the same bytes (a corpus from ``corpus.py``, in each
of its shapes: the suite's mix, and the same entities shaped like a curated record,
with evidence on most entities, dates with phrases and bounds, participations with
their evidence); times
are medians of repeated runs by :mod:`timeit`, with the garbage collector on, as
users run it, and are given per entity; the libraries take turns in a few rounds,
and each figure is the least of its rounds (``--rounds``), since work the machine
does besides only adds time. The clock is the process's CPU time, which
other programs on a shared machine disturb far less than elapsed time (``--clock
wall`` for elapsed time). Memory is measured in a fresh subprocess
per library with :mod:`tracemalloc`: what the loaded entities keep (``retained``)
and the most that loading them needed at once (``peak``). "Other writers' JSON" is
the same entities written as the standard library's ``json.dumps`` writes them
(spaces after separators, ``\\uXXXX`` escapes) with their keys in reverse order.
Each target of the performance work is printed with MET or MISSED.
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

import corpus  # noqa: E402

import communique as cq  # noqa: E402

LIBRARIES = ("communique", "msgspec", "pydantic")
DEFAULT_SIZE = 5000

# The targets of the performance work: communique's time (or memory) over the
# peer's may be at most this much. "communique" as the peer: its own figure on
# the text it writes itself (JSON Lines load).
TARGETS = {
    ("jsonl-load", "msgspec"): 2.0,
    ("jsonl-load", "pydantic"): 0.5,
    ("json-load", "msgspec"): 2.0,
    ("json-load", "pydantic"): 0.5,
    ("other-jsonl-load", "communique"): 1.3,
    ("jsonl-dump", "msgspec"): 2.0,
    ("memory-retained", "msgspec"): 1.05,
}


@dataclass
class Corpus:
    size: int
    seed: int
    entities: list[dict[str, Any]]
    jsonl: bytes = b""
    document: bytes = b""
    yaml: str = ""
    shape: str = "suite"
    other_jsonl: bytes = b""

    @classmethod
    def make(cls, size: int, seed: int, *, yaml: bool = True, shape: str = "suite") -> Corpus:
        entities = corpus.generate(size, seed, shape)
        return cls(
            size,
            seed,
            entities,
            corpus.jsonl_bytes(entities),
            corpus.document_bytes(entities),
            corpus.yaml_text(entities) if yaml else "",
            shape,
            corpus.other_writers_jsonl(entities),
        )


# -- what each library does for each benchmark ------------------------------------------


def _peer(name: str) -> Any:
    if name == "msgspec":
        from peers import msgspec_model as module
    else:
        from peers import pydantic_model as module
    return module


def _index(entities: list[Any]) -> tuple[dict[str, Any], dict[type, list[Any]]]:
    """What a user of a peer writes for a record: entities by id, and by type."""
    by_id = {e.id: e for e in entities}
    by_type: dict[type, list[Any]] = defaultdict(list)
    for e in entities:
        by_type[type(e)].append(e)
    return by_id, by_type


def _touch_indexes(record: cq.Record) -> int:
    """Build the indexes a user of a peer builds by hand: by id (at construction)
    and by type."""
    return sum(
        q.count()
        for q in (
            record.events,
            record.statements,
            record.proposals,
            record.people,
            record.organizations,
            record.states,
            record.groups,
            record.memberships,
            record.documents,
            record.sources,
        )
    )


def _every_index(entities: list[Any]) -> int:
    """Build every query index: by agent, event, topic, kind and date too, which a
    record builds on the first question that needs one of them."""
    record = cq.Record(entities)
    return _touch_indexes(record) + record.of_type(cq.Entity).involving("person:nobody").count()


def loaders(name: str) -> dict[str, Callable[[Corpus], Any]]:
    """For each benchmark, a function of the corpus that does it once."""
    if name == "communique":
        return {
            "jsonl-load": lambda c: cq.loads(c.jsonl, format="jsonl").entities,
            "other-jsonl-load": lambda c: cq.loads(c.other_jsonl, format="jsonl").entities,
            "json-load": lambda c: cq.loads(c.document, format="json"),
            "yaml-load": lambda c: cq.loads(c.yaml, format="yaml"),
        }
    peer = _peer(name)
    return {
        "jsonl-load": lambda c: peer.load_lines(c.jsonl),
        "other-jsonl-load": lambda c: peer.load_lines(c.other_jsonl),
        "json-load": lambda c: _index(peer.load_document(c.document)),
        "yaml-load": lambda c: _index(peer.load_yaml(c.yaml)),
    }


def load_objects(name: str, data: bytes) -> list[Any]:
    if name == "communique":
        return list(cq.loads(data, format="jsonl").entities)
    return list(_peer(name).load_lines(data))


def dumper(name: str) -> Callable[[Any], Any]:
    if name == "communique":
        return _communique_lines
    return _peer(name).dump_lines


def _communique_lines(entities: cq.Record | list[cq.Entity]) -> bytes:
    """The JSON Lines bytes of the entities, as the peers give theirs: dumped to a
    buffer in memory (``cq.dumps`` gives text, which costs a decode of its own)."""
    out = io.BytesIO()
    cq.dump(entities, out, format="jsonl")
    return out.getvalue()


def indexer(name: str) -> Callable[[list[Any]], Any]:
    if name == "communique":
        return lambda entities: _touch_indexes(cq.Record(entities))
    return _index


# -- measuring ------------------------------------------------------------------------


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
_settings = {"clock": "cpu"}


def median_time(fn: Callable[[], Any], repeat: int, *, collector: bool = True) -> float:
    """The median of ``repeat`` runs of ``fn``, in seconds, with the GC on (or off)."""
    setup = "import gc; gc.enable()" if collector else "import gc; gc.disable()"
    timer = timeit.Timer(fn, setup=setup, timer=CLOCKS[_settings["clock"]])
    return statistics.median(timer.repeat(repeat=repeat, number=1))


@dataclass
class Results:
    size: int
    seed: int
    repeat: int
    shape: str = "suite"
    rounds: int = 1
    # benchmark -> library -> seconds (or bytes) per entity
    figures: dict[str, dict[str, float]] = field(default_factory=dict)
    checks: dict[str, Any] = field(default_factory=dict)
    machine: dict[str, Any] = field(default_factory=dict)


def measure(c: Corpus, repeat: int, *, memory: bool = True, rounds: int = 3) -> Results:
    """Check that the libraries agree, then time each in a fresh process of its own,
    so that none pays for the objects of the others when the collector runs.

    The libraries take turns, ``rounds`` times, and each figure is the least of its
    rounds: other work on a shared machine only ever adds time, and a round it
    disturbs is one of several, for one library as for the others. YAML, which has
    no target and takes long, is timed in the first round only."""
    results = Results(c.size, c.seed, repeat, c.shape, rounds=rounds, machine=machine())
    objects = {name: load_objects(name, c.jsonl) for name in LIBRARIES}
    results.checks = check_equivalent(c, objects)
    del objects
    for turn in range(rounds):
        yaml = bool(c.yaml) and turn == 0
        for name in (*LIBRARIES, "PyYAML alone") if yaml else LIBRARIES:
            figures = _in_subprocess("--time-child", name, c, repeat, yaml=yaml)
            for bench, value in figures.items():
                row = results.figures.setdefault(bench, {})
                row[name] = min(value, row.get(name, value))
    if memory:
        for name in LIBRARIES:
            figures = _in_subprocess("--memory-child", name, c, repeat)
            results.figures.setdefault("memory-retained", {})[name] = figures["retained"]
            results.figures.setdefault("memory-peak", {})[name] = figures["peak"]
    return results


def _in_subprocess(
    mode: str, name: str, c: Corpus, repeat: int, *, yaml: bool | None = None
) -> dict[str, float]:
    command = [sys.executable, __file__, mode, name, "--size", str(c.size), "--seed", str(c.seed)]
    command += ["--repeat", str(repeat), "--clock", _settings["clock"], "--shape", c.shape]
    if not (bool(c.yaml) if yaml is None else yaml):
        command.append("--no-yaml")
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    figures: dict[str, float] = json.loads(out.stdout)
    return figures


def time_child(name: str, c: Corpus, repeat: int) -> None:
    """Time one library on every benchmark; print seconds per entity as JSON."""
    n = len(c.entities)
    # The YAML runs are long: fewer repeats keep the suite short.
    yaml_repeat = max(3, repeat // 2)
    figures: dict[str, float] = {}
    if name == "PyYAML alone":
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        figures["yaml-load"] = median_time(lambda: yaml.load(c.yaml, Loader=loader), yaml_repeat)
    else:
        for bench, fn in loaders(name).items():
            if bench == "yaml-load" and not c.yaml:
                continue
            times = yaml_repeat if bench == "yaml-load" else repeat
            figures[bench] = median_time(lambda fn=fn: fn(c), times)
        # The cost of the library's own work, without what the collector adds
        # (which grows with everything else the process holds).
        figures["jsonl-load-no-gc"] = median_time(
            lambda: load_objects(name, c.jsonl), repeat, collector=False
        )
        objects = load_objects(name, c.jsonl)
        dump = dumper(name)
        value = cq.Record(objects) if name == "communique" else objects
        figures["jsonl-dump"] = median_time(lambda: dump(value), repeat)
        index = indexer(name)
        figures["record-index"] = median_time(lambda: index(objects), repeat)
        if name == "communique":
            figures["record-every-index"] = median_time(lambda: _every_index(objects), repeat)
    print(json.dumps({bench: seconds / n for bench, seconds in figures.items()}))


def check_equivalent(c: Corpus, objects: dict[str, list[Any]]) -> dict[str, Any]:
    """The libraries decode the same entities and write the same bytes back."""
    ids = {name: [e.id for e in objs] for name, objs in objects.items()}
    expected = [e["id"] for e in c.entities]
    dumped = {
        "communique": dumper("communique")(cq.Record(objects["communique"])),
        "msgspec": dumper("msgspec")(objects["msgspec"]),
        "pydantic": dumper("pydantic")(objects["pydantic"]),
    }
    # Other writers' text holds the same entities: each library reads it to what
    # writes the corpus's own bytes.
    others = {name: load_objects(name, c.other_jsonl) for name in LIBRARIES}
    dumped_others = {
        "communique": dumper("communique")(cq.Record(others["communique"])),
        "msgspec": dumper("msgspec")(others["msgspec"]),
        "pydantic": dumper("pydantic")(others["pydantic"]),
    }
    checks = {
        "entities": {name: len(objs) for name, objs in objects.items()},
        "same ids": all(found == expected for found in ids.values()),
        "same bytes written": all(d == c.jsonl for d in dumped.values()),
        "other writers' text read the same": all(d == c.jsonl for d in dumped_others.values()),
    }
    if not all(v for k, v in checks.items() if k != "entities"):
        raise AssertionError(f"the libraries do not agree on the corpus: {checks}")
    return checks


def memory_child(name: str, size: int, seed: int, shape: str) -> None:
    import tracemalloc

    c = Corpus.make(size, seed, yaml=False, shape=shape)
    data, n = c.jsonl, len(c.entities)
    del c
    load_objects(name, corpus.jsonl_bytes(corpus.generate(50, seed + 1, shape)))  # warm up
    gc.collect()
    tracemalloc.start()
    objects = load_objects(name, data)
    gc.collect()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(objects) == n
    print(json.dumps({"retained": retained / n, "peak": peak / n}))


# -- reporting ------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in ("communique", "attrs", "cattrs", "orjson", "PyYAML", "msgspec", "pydantic"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = getattr(sys.modules.get(package.lower()), "__version__", "?")
    versions["communique"] = (
        versions["communique"] if versions["communique"] != "?" else "working tree"
    )
    import yaml

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "system": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "versions": versions,
    }


_LABELS = {
    "jsonl-load": "JSON Lines bytes -> validated objects",
    "jsonl-load-no-gc": "  the same, with the GC off",
    "other-jsonl-load": "  other writers' JSON Lines",
    "json-load": "JSON document -> validated record",
    "jsonl-dump": "objects -> JSON Lines bytes",
    "yaml-load": "YAML text -> validated record",
    "record-index": "record construction with indexes",
    "record-every-index": "  every query index too (no peer has one)",
    "memory-retained": "memory kept per loaded entity",
    "memory-peak": "peak memory while loading, per entity",
}


def _figure(bench: str, value: float) -> str:
    if bench.startswith("memory"):
        return f"{value:,.0f} B"
    return f"{value * 1e6:,.2f} us"


def verdicts(results: Results) -> list[tuple[str, float, float, bool]]:
    """Each target of :data:`TARGETS`: its label, the ratio found, the bound, and
    whether it is met."""
    out = []
    for (bench, peer), bound in TARGETS.items():
        row = results.figures.get(bench)
        if not row or "communique" not in row:
            continue
        if peer == "communique":
            base = results.figures["jsonl-load"]["communique"]
            label = f"{_LABELS[bench].strip()} <= {bound:g}x its own JSON Lines"
        elif peer in row:
            base = row[peer]
            label = f"{_LABELS[bench].strip()} <= {bound:g}x {peer}"
        else:
            continue
        ratio = row["communique"] / base
        out.append((label, ratio, bound, ratio <= bound))
    return out


def report(results: Results) -> str:
    m = results.machine
    lines = [
        f"communique benchmarks, {results.shape} corpus: {results.size} entities "
        f"(seed {results.seed}), median of {results.repeat} runs, least of "
        f"{results.rounds} round{'s' if results.rounds != 1 else ''}, GC on, "
        f"{m.get('clock', 'cpu')} time",
        f"machine: {m['cpu']}, {m['cores']} cores, {m['system']}",
        f"load average at the end: {', '.join(f'{x:.2f}' for x in m['load average'] or ())}",
        f"{m['python']}; libyaml: {'yes' if m['libyaml'] else 'no'}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items()),
        f"checks: {results.checks}",
        "",
    ]
    header = (
        f"{'per entity':<40} {'communique':>12} {'msgspec':>12} {'pydantic':>12}"
        f"  {'x msgspec':>10} {'x pydantic':>10}"
    )
    lines += [header, "-" * len(header)]
    for bench, label in _LABELS.items():
        row = results.figures.get(bench)
        if not row:
            continue
        ours = row["communique"]
        cells = [_figure(bench, row[name]) if name in row else "-" for name in LIBRARIES]
        ratios = [f"{ours / row[peer]:.2f}x" if peer in row else "-" for peer in LIBRARIES[1:]]
        lines.append(
            f"{label:<40} {cells[0]:>12} {cells[1]:>12} {cells[2]:>12}"
            f"  {ratios[0]:>10} {ratios[1]:>10}"
        )
        if bench == "yaml-load" and "PyYAML alone" in row:
            lines.append(
                f"{'  (of which PyYAML parsing alone)':<40} {_figure(bench, row['PyYAML alone']):>12}"
            )
    lines.append("")
    lines.append(
        "x msgspec, x pydantic: communique's time (or memory) over the peer's; lower is better."
    )
    lines.append("")
    lines.append(f"targets ({results.shape} corpus):")
    for label, ratio, _, met in verdicts(results):
        lines.append(f"  {label:<62} {ratio:>7.3f}x  {'MET' if met else 'MISSED'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Results] | None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help="entities in the corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (median)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="turns of the libraries, each figure the least of its rounds (default 3)",
    )
    parser.add_argument(
        "--shape",
        choices=(*corpus.SHAPES, "all"),
        default="all",
        help="the shape of corpus (default: each in turn)",
    )
    parser.add_argument("--no-yaml", action="store_true", help="leave out the YAML benchmark")
    parser.add_argument("--no-memory", action="store_true", help="leave out the memory benchmark")
    parser.add_argument(
        "--clock",
        choices=CLOCKS,
        default="cpu",
        help="cpu: the process's CPU time, steady on a shared machine (default); wall: elapsed",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--memory-child", choices=LIBRARIES, help=argparse.SUPPRESS)
    parser.add_argument(
        "--time-child", choices=(*LIBRARIES, "PyYAML alone"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    _settings["clock"] = args.clock
    shapes = corpus.SHAPES if args.shape == "all" else (args.shape,)
    if args.memory_child:
        memory_child(args.memory_child, args.size, args.seed, shapes[0])
        return None
    if args.time_child:
        child_corpus = Corpus.make(args.size, args.seed, yaml=not args.no_yaml, shape=shapes[0])
        time_child(args.time_child, child_corpus, args.repeat)
        return None
    started = time.perf_counter()
    every: dict[str, Results] = {}
    for shape in shapes:
        c = Corpus.make(args.size, args.seed, yaml=not args.no_yaml, shape=shape)
        results = measure(c, args.repeat, memory=not args.no_memory, rounds=args.rounds)
        results.machine["clock"] = args.clock
        results.machine["load average"] = os.getloadavg() if hasattr(os, "getloadavg") else None
        print(report(results))
        print()
        every[shape] = results
    print(f"(the suite took {time.perf_counter() - started:.0f} s)")
    if args.json:
        figures = {shape: results.__dict__ for shape, results in every.items()}
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n")
    return every


if __name__ == "__main__":
    main()
