"""Catalogue cases of hostile input: work that must stay bounded, files a record
must not reach, and changes that must not pass in silence.

Listed in ``docs/bad-input.md`` (``test_catalogue.py`` keeps the page and the
cases in step). Every case that could hang or exhaust memory, were it to
regress, runs in a separate process with a memory cap and a deadline
(:func:`capped`), so that a regression fails its test instead of the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: The cases of this module, by the name ``docs/bad-input.md`` lists them under.
CASES = {
    "json-10000-bad-entities",
    "yaml-10000-bad-entities",
}


def capped(code: str, *args: str, seconds: int = 60, cwd: Path | None = None) -> str:
    """Run Python ``code`` (given ``args`` as ``sys.argv[1:]``) in a process with
    1 GiB of address space and ``seconds`` to finish; its standard output."""
    runner = (
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))\n" + textwrap.dedent(code)
    )
    result = subprocess.run(
        [sys.executable, "-c", runner, *args],
        capture_output=True,
        text=True,
        timeout=seconds,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        cwd=cwd,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


# -- placing problems is linear in the size of the file ---------------------------


def _bad_people(n: int) -> dict[str, object]:
    return {
        "communique": "1.0",
        "entities": [
            {"type": "person", "id": f"person:p{i}", "name": f"P {i}", "nickname": "x"}
            for i in range(n)
        ],
    }


_PLACES = """
    import sys
    import communique as cq
    result = cq.load(sys.argv[1], errors="collect")
    for p in result.problems:
        print(p.code, p.path, p.line, p.column, sep="\\t")
"""


@pytest.mark.parametrize(
    ("name", "suffix"), [("json-10000-bad-entities", ".json"), ("yaml-10000-bad-entities", ".yaml")]
)
def test_ten_thousand_bad_entities_are_placed_in_bounded_time(
    name: str, suffix: str, tmp_path: Path
) -> None:
    from communique.formats import yaml as yaml_format

    document = _bad_people(10_000)
    path = tmp_path / f"bad{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
        # Each entity takes 6 lines after the 3 of the head; "nickname" is its 5th.
        line_of = lambda i: 3 + 6 * i + 5  # noqa: E731
    else:
        path.write_text(yaml_format.dumps(document), encoding="utf-8")
        # Each entity takes 4 lines after the 2 of the head; "nickname" is its 4th.
        line_of = lambda i: 2 + 4 * i + 4  # noqa: E731
    rows = capped(_PLACES, str(path)).splitlines()
    assert len(rows) == 10_000
    for i in (0, 1, 4_999, 9_999):
        assert rows[i].split("\t") == [
            "unknown-field",
            f"$.entities[{i}].nickname",
            str(line_of(i)),
            "7" if suffix == ".json" else "3",
        ]
