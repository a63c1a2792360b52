"""The time of ``import communique`` beside the import of its dependencies.

Each command runs in a fresh interpreter, the commands taking turns, and the median
CPU time (user + system, of the child process) of each is printed with its ratio to
the import of attrs, cattrs, orjson and yaml together. The target is at most 1.1x.
Public names are imported on first use, so the time of the first real use (the
model classes, the loaders) is printed too. Run from the repository root:

    PYTHONPATH=src python benchmarks/import_time.py
    PYTHONPATH=src python benchmarks/import_time.py --runs 30
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from collections.abc import Sequence

BASELINE = "import attrs, cattrs, orjson, yaml"
COMMANDS = {
    "python (nothing imported)": "pass",
    "attrs, cattrs, orjson, yaml": BASELINE,
    "import communique": "import communique",
    "first use: communique.Statement": "import communique; communique.Statement",
    "first use: communique.load": "import communique; communique.load",
}
TARGET = 1.1


def cpu_of(code: str) -> float:
    """The CPU time (user + system) of a fresh interpreter running ``code``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True, env=os.environ.copy())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command")
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, code in COMMANDS.items():
            times[name].append(cpu_of(code))
    median = {name: statistics.median(t) for name, t in times.items()}
    base = median["attrs, cattrs, orjson, yaml"]
    print(f"Python {sys.version.split()[0]}, median of {args.runs} runs, CPU time")
    print()
    for name, took in median.items():
        print(f"{name:<34} {took * 1e3:7.1f} ms  {took / base:5.2f}x")
    ratio = median["import communique"] / base
    met = "met" if ratio <= TARGET else "missed"
    print()
    print(f"import communique: {ratio:.2f}x the dependencies (target {TARGET}x: {met})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
