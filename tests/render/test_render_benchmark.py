"""benchmarks/render.py runs, at a tiny size, so that it cannot rot (no time asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_render_benchmark_runs_and_reports_what_it_wrote() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "render.py"), "--size", "300"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "record: 300 entities" in result.stdout
    pages = re.search(r"rendered in .* s CPU\): ([\d,]+) pages", result.stdout)
    assert pages is not None, result.stdout
    assert int(pages[1].replace(",", "")) > 300  # a page per entity, the index and the lists
