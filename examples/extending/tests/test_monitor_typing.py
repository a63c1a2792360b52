"""The downstream code passes mypy --strict against communique's published types."""

from __future__ import annotations

from pathlib import Path

import communique_monitor
import pytest
from mypy import api

import communique

PACKAGE = Path(communique_monitor.__file__).resolve().parent
CONFIG = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_the_package_passes_mypy_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Both packages are found where they are imported from, installed or not.
    search = [Path(communique.__file__).resolve().parent.parent, PACKAGE.parent]
    monkeypatch.setenv("MYPYPATH", ":".join(str(p) for p in search))
    stdout, stderr, status = api.run(
        [
            "--strict",
            "--config-file",
            str(CONFIG),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--no-incremental",
            "-p",
            "communique_monitor",
        ]
    )
    assert (status, stderr) == (0, ""), stdout
    assert stdout.startswith("Success: no issues found")


def test_mypy_sees_the_package_types_through_the_core_queries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A wrong use is an error: the types a downstream author sees are checked.
    search = [Path(communique.__file__).resolve().parent.parent, PACKAGE.parent]
    monkeypatch.setenv("MYPYPATH", ":".join(str(p) for p in search))
    script = tmp_path / "use.py"
    script.write_text(
        "import communique as cq\n"
        "import communique_monitor as monitor\n"
        "record = monitor.load('record.yaml')\n"
        "for s in monitor.confident(record, 0.5):\n"
        "    reveal_type(s.confidence)\n"
        "treaty = record.get('document:x', monitor.Treaty)\n"
        "reveal_type(treaty.ratifications)\n"
        "treaty.stage_of(3)\n",
        encoding="utf-8",
    )
    stdout, _, status = api.run(
        [
            "--strict",
            "--config-file",
            str(CONFIG),
            "--cache-dir",
            str(tmp_path / "cache"),
            str(script),
        ]
    )
    assert status == 1
    # mypy 1 writes builtin types with their module, mypy 2 without.
    lines = [
        line.split(": ", 1)[1].replace("builtins.", "")
        for line in stdout.splitlines()
        if line.startswith(str(script))
    ]
    assert lines == [
        'note: Revealed type is "float"',
        'note: Revealed type is "tuple[communique_monitor.treaties.RatificationStep, ...]"',
        'error: Argument 1 to "stage_of" of "Treaty" has incompatible type "int"; expected "str"  [arg-type]',
    ]
