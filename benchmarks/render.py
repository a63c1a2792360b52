"""How long `communique.render` takes to write the site of a large record.

The record is the benchmarks' generated corpus (``corpus.py``: sources with their
text, statements quoting them, events with many participants, proposals with
responses), loaded once; only the rendering is timed, by the clock and in CPU time
(user and system time of the process and its worker processes: the work done,
whatever else shares the cores). Prints the pages and bytes written, the time
``validate()`` alone takes (the site lists its problems), and the size of the index
page, which stays the same however large the record (the lists are paginated)::

    PYTHONPATH=src python benchmarks/render.py              # 100,000 entities
    PYTHONPATH=src python benchmarks/render.py --size 10000
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate, jsonl_bytes

import communique as cq


def _cpu() -> float:
    """User and system time of this process and of its finished children (the
    workers that write the pages of a large record)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="entities in the record")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    record = cq.loads(jsonl_bytes(generate(args.size, args.seed)), format="jsonl")
    print(
        f"record: {len(record):,} entities, generated and loaded in "
        f"{time.perf_counter() - started:.1f} s"
    )

    started, cpu = time.perf_counter(), _cpu()
    problems = record.validate()
    print(
        f"validate() alone: {time.perf_counter() - started:.1f} s "
        f"({_cpu() - cpu:.1f} s CPU), {len(problems)} problems"
    )

    folder = Path(tempfile.mkdtemp(prefix="communique-render-"))
    try:
        started, cpu = time.perf_counter(), _cpu()
        index = cq.render(record, folder / "site")
        elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
        files = [p for p in index.parent.rglob("*") if p.is_file()]
        pages = sum(1 for p in files if p.suffix == ".html")
        size = sum(p.stat().st_size for p in files)
        print(
            f"rendered in {elapsed:.1f} s ({cpu:.1f} s CPU): {pages:,} pages, {len(files):,} files, "
            f"{size / 1e6:,.0f} MB"
        )
        print(
            f"index page: {index.stat().st_size / 1e3:,.0f} kB; "
            f"search index: {(index.parent / 'assets' / 'search-index.js').stat().st_size / 1e6:,.1f} MB"
        )
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
