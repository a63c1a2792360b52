"""The repository stands on its own: the data its tests read ships inside it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Written in two parts so that this file does not match its own search.
OUTSIDE = ("shared" + "/reference", "../" + "shared")
SCANNED = ("tests", "benchmarks", "fuzz", "docs", "examples", "src", ".ci")
SUFFIXES = {".py", ".md", ".toml", ".cfg", ".txt", ".yaml", ".sh", ""}


def _project_files() -> list[Path]:
    files = [ROOT / "Makefile", ROOT / "pyproject.toml", ROOT / "README.md"]
    for folder in SCANNED:
        for path in (ROOT / folder).rglob("*"):
            if (
                path.is_file()
                and path.suffix in SUFFIXES
                and "_build" not in path.parts
                and "data" not in path.relative_to(ROOT).parts[:2]
            ):
                files.append(path)
    return files


def test_no_file_of_the_project_reads_above_its_root() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {needle}"
        for path in _project_files()
        for needle in OUTSIDE
        if needle in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert found == []


def test_the_scan_sees_the_test_files() -> None:
    scanned = {p.relative_to(ROOT).as_posix() for p in _project_files()}
    assert "tests/interop/test_popolo.py" in scanned
    assert "Makefile" in scanned


@pytest.mark.parametrize("folder", ["popolo", "jsontestsuite"])
def test_reference_data_ships_with_its_licence_and_origin(folder: str) -> None:
    data = ROOT / "tests" / "data" / folder
    readme = (data / "README.md").read_text(encoding="utf-8")
    assert "commit" in readme
    assert "Licence" in readme
    assert any(p.name.startswith("LICENSE") for p in data.iterdir())
