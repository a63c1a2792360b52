"""Peak memory of ``cq.iter_load`` over a million entities: it should stay flat.

Generates a JSON Lines file of realistic entities with ``benchmarks/io_corpus.py``,
and the same entities as JSON documents: one entity a line, as ``cq.dump``
writes it (indented), and minified on one line. Then, in a fresh subprocess
for each file, iterates ``cq.iter_load`` over it and reports the peak resident
set size after 1,000, 100,000 and 1,000,000 entities. Memory is flat when the
peak at 1M is about the peak at 100k.

    python benchmarks/iter_load_memory.py                 # 1,000,000 entities
    python benchmarks/iter_load_memory.py --entities 200000 --keep /tmp/corpus

Not a timed test: the seconds (wall clock, and CPU time of the process) are
printed for orientation only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from io_corpus import entities

ROOT = Path(__file__).resolve().parent.parent

# Run in a subprocess so that nothing the parent allocated counts.
CHILD = r"""
import json, resource, sys, time
import communique as cq

path, marks = sys.argv[1], {int(m) for m in sys.argv[2].split(",")}

def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20

start, cpu = time.perf_counter(), time.process_time()
count = 0
for entity in cq.iter_load(path):
    count += 1
    if count in marks:
        print(json.dumps({
            "entities": count,
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "rss_mib": round(rss_mib(), 1),
            "seconds": round(time.perf_counter() - start, 1),
            "cpu_seconds": round(time.process_time() - cpu, 1),
        }), flush=True)
print(json.dumps({"total": count}), flush=True)
"""


DUMP = "import sys, communique as cq; cq.dump(cq.iter_load(sys.argv[1]), sys.argv[2])"


def _write_document(path: Path, n: int, head: bytes, separator: bytes, tail: bytes) -> None:
    """The ``n`` entities as a JSON document, one compact entity after another."""
    with path.open("wb") as out:
        out.write(head)
        for i, entity in enumerate(entities(n)):
            out.write((separator if i else b"") + orjson.dumps(entity))
        out.write(tail)


def generate(folder: Path, n: int) -> tuple[Path, ...]:
    lines = folder / f"corpus-{n}.jsonl"
    document = folder / f"corpus-{n}.json"
    minified = folder / f"corpus-{n}.min.json"
    dumped = folder / f"corpus-{n}.dumped.json"
    if not lines.exists():
        with lines.open("wb") as out:
            for entity in entities(n):
                out.write(orjson.dumps(entity, option=orjson.OPT_APPEND_NEWLINE))
    if not document.exists():
        _write_document(document, n, b'{"communique": "1.0", "entities": [\n', b",\n", b"\n]}\n")
    if not minified.exists():
        # One line, no whitespace: each element's end is found by scanning it.
        _write_document(minified, n, b'{"communique":"1.0","entities":[', b",", b"]}")
    if not dumped.exists():
        # As communique writes it: indented, streamed from the JSON Lines file.
        subprocess.run(
            [sys.executable, "-c", DUMP, str(lines), str(dumped)],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            check=True,
        )
    return lines, document, dumped, minified


def measure(path: Path, marks: list[int]) -> list[dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), ",".join(map(str, marks))],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    total = rows.pop()
    assert total == {"total": marks[-1]}, total
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="a folder to keep (and reuse) the files in")
    args = parser.parse_args()
    n = args.entities
    marks = sorted({1_000, min(100_000, n), n})
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        files = generate(folder, n)
        print(f"generated {n:,} entities in {time.perf_counter() - started:.0f} s")
        print(f"python {sys.version.split()[0]}, {os.uname().sysname} {os.uname().machine}")
        for path in files:
            size = path.stat().st_size / 2**20
            print(f"\niter_load {path.name} ({size:,.0f} MiB)")
            print(
                f"{'entities':>10} {'peak RSS MiB':>13} {'RSS MiB':>8} {'seconds':>8} {'CPU s':>6}"
            )
            for row in measure(path, marks):
                print(
                    f"{row['entities']:>10,} {row['peak_rss_mib']:>13.1f} "
                    f"{row['rss_mib']:>8.1f} {row['seconds']:>8.1f} {row['cpu_seconds']:>6.1f}"
                )


if __name__ == "__main__":
    main()
