"""The how-to on extending runs as written, and prints what it says it prints."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PAGE = ROOT / "docs" / "extending.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
PRINTED = re.compile(r"^\s*print\(.*\)  # (.+)$", re.M)


def test_the_page_has_code_to_run() -> None:
    assert len(BLOCK.findall(PAGE.read_text(encoding="utf-8"))) >= 5


def test_every_python_block_runs_and_prints_what_its_comments_say(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The blocks run in order in one namespace, from the repository's root, as a
    # reader pasting them into one session would.
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "extending_page"}
    for number, code in enumerate(BLOCK.findall(PAGE.read_text(encoding="utf-8")), start=1):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"{PAGE.name}, block {number}", "exec"), namespace)  # noqa: S102
        printed = out.getvalue().splitlines()
        for expected in PRINTED.findall(code):
            assert any(line.startswith(expected) for line in printed), (number, expected, printed)
