"""The command line is a layer on the public API: it reads with ``cq.load`` and
``cq.loads``, and reaches into no other module's private names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import communique._cli_common
import communique.cli

# The command, and what its commands share (reading the record named on the command line).
SOURCES = [
    Path(module.__file__).read_text(encoding="utf-8")
    for module in (communique.cli, communique._cli_common)
    if module.__file__ is not None
]


def test_the_command_line_imports_no_private_name() -> None:
    imported = [
        alias.name
        for source in SOURCES
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    ]
    assert "load" in imported
    assert "loads" in imported
    private = [n for n in imported if n.startswith("_") and not n.startswith("__")]
    assert private == []


def test_the_command_line_reaches_into_no_private_attribute() -> None:
    reached = [
        f"{node.value.id}.{node.attr}"
        for source in SOURCES
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id not in {"self", "cls"}
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
    ]
    assert reached == []


def test_the_files_of_a_folder_go_by_suffix_as_load_reads_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.jsonl").write_text('{"type": "person", "id": "person:a", "name": "A"}\n')
    assert communique.cli.main(["validate", str(tmp_path)]) == 0
    assert communique.cli.main(["validate", str(tmp_path), "--from-format", "jsonl"]) == 2
    said = capsys.readouterr().err
    assert "--from-format applies to one file; the files of a folder go by suffix" in said
