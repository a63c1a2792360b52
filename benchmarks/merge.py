"""Time and peak memory of ``cq.merge`` on two generated records of N entities each.

The first record is ``corpus.generate(N, seed=1)``. The second is another curator's
view of overlapping events: half its entities are the first record's (most with
the same id and content; 5% dated to another day, so conflicts; 5% under an id of
its own that shares a Wikidata identifier with the first's, so matches by
identifier, with references to them rewritten), the other half come from
``corpus.generate(N // 2, seed=2)`` under ids of their own (states excepted, which
both records share). Each size runs in a fresh subprocess, so that its peak
memory is its own; the records are built before the clock starts.

    PYTHONPATH=src python benchmarks/merge.py                      # 10k, 100k, 500k
    PYTHONPATH=src python benchmarks/merge.py --sizes 10000 100000

Not a timed test: the figures are printed for benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _renamed(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [_renamed(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _renamed(v, names) for k, v in value.items()}
    return value


def second_view(first: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """The second record's data (see the module's docstring). The entities it takes
    under ids of their own get a Wikidata identifier in ``first`` too."""
    from corpus import generate

    r = random.Random(2)
    out: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    shared = [d for d in first if r.random() < 0.5][: size // 2]
    for n, data in enumerate(shared):
        roll = r.random()
        if roll < 0.05 and data["type"] in {"person", "organization", "document", "event"}:
            qid = {"scheme": "wikidata", "value": f"Q9{n:08d}"}
            data["identifiers"] = [*data.get("identifiers", []), qid]  # the first's too
            copy = dict(data)
            names[data["id"]] = copy["id"] = data["id"] + "-b"
            out.append(copy)
        elif roll < 0.10 and isinstance(data.get("date"), str) and len(data["date"]) == 10:
            day = "28" if data["date"][8:] != "28" else "27"
            out.append({**data, "date": data["date"][:8] + day})  # another day: a conflict
        else:
            out.append(data)
    out = _renamed(out, names)
    extra = generate(size - len(out), seed=2)
    own = {d["id"]: d["id"] + "-s2" for d in extra if d["type"] != "state"}
    taken = {d["id"] for d in out}
    out.extend(d for d in _renamed(extra, own) if d["id"] not in taken)
    return out


CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from merge import build
import communique as cq

a, b = build(int(sys.argv[1]))
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()
before = rss()
start, cpu = time.perf_counter(), time.process_time()
result = cq.merge(a, b)
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({
    "size": int(sys.argv[1]), "a": len(a), "b": len(b), "merged": len(result.record),
    "matched": sum(1 for m in result.matches if m.replaced),
    "conflicts": len(result.conflicts), "candidates": len(result.candidates),
    "wall": wall, "cpu": cpu, "inputs_mb": before / 2**20, "peak_mb": peak / 2**20,
}))
"""


def build(size: int) -> tuple[Any, Any]:
    """The two records of ``size`` entities each."""
    from corpus import generate

    import communique as cq

    first = generate(size, seed=1)
    second = second_view(first, size)  # gives some of the first's entities an identifier
    convert = cq.default_converter.structure_entity
    return cq.Record(map(convert, first)), cq.Record(map(convert, second))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 500_000])
    args = parser.parse_args()
    print(f"{'each':>9} {'merged':>9} {'matched':>8} {'conflicts':>9} {'candidates':>10} "
          f"{'wall':>8} {'cpu':>8} {'inputs':>9} {'peak':>9}")  # fmt: skip
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(size), str(HERE)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        f = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{f['size']:>9,} {f['merged']:>9,} {f['matched']:>8,} {f['conflicts']:>9,} "
            f"{f['candidates']:>10,} {f['wall']:>7.1f}s {f['cpu']:>7.1f}s "
            f"{f['inputs_mb']:>6,.0f} MB {f['peak_mb']:>6,.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
