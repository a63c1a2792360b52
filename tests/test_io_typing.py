"""The types a user's checker sees for loading and dumping are part of the API:
``mypy --strict`` must accept ``tests/typing/io_types.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def test_io_api_types_check_under_strict_mypy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("MYPYPATH", str(ROOT / "src"))
    stdout, stderr, status = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--strict",
            "--warn-unused-ignores",
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            str(ROOT / "tests" / "typing" / "io_types.py"),
        ]
    )
    assert status == 0, stdout + stderr
    assert "Success" in stdout
