"""The types a user's checker sees are part of the API: ``mypy --strict`` must accept
each file of ``tests/typing/``, with its ``assert_type`` statements, and the lines it
expects to be rejected must be (an ignore that is not needed is an error)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parent.parent
TYPING = sorted((ROOT / "tests" / "typing").glob("*.py"))


def test_every_api_has_a_typing_file() -> None:
    assert {p.name for p in TYPING} >= {"query_types.py", "io_types.py"}


@pytest.mark.parametrize("path", TYPING, ids=lambda p: p.name)
def test_api_types_check_under_strict_mypy(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    # The tests' own helpers (the shared downstream class) are found too.
    monkeypatch.setenv("MYPYPATH", os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]))
    stdout, stderr, status = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--strict",
            "--warn-unused-ignores",
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            str(path),
        ]
    )
    assert status == 0, stdout + stderr
    assert "Success" in stdout
