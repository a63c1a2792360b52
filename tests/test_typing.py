"""The types a user's checker sees are part of the API: ``mypy --strict`` must accept
``tests/typing/query_types.py``, with its ``assert_type`` statements and the lines it
expects to be rejected."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def test_query_api_types_check_under_strict_mypy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("MYPYPATH", str(ROOT / "src"))
    stdout, stderr, status = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--strict",
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            str(ROOT / "tests" / "typing" / "query_types.py"),
        ]
    )
    assert status == 0, stdout + stderr
    assert "Success" in stdout
