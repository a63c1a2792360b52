"""No module of the package reaches into another module's private names.

A name that starts with one underscore belongs to the module (or the class) that
defines it. Other modules import private *modules* (``from . import _html``) and
the public names they hold, never ``from x import _name``; and they read ``_name``
attributes only of the classes their own module defines (a class reading its own
slots on another instance of itself), never of an imported module or another
module's objects.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "communique"

# The documented methods of named tuples: public API despite the underscore,
# which keeps them apart from the fields.
NAMED_TUPLE_API = frozenset({"_asdict", "_field_defaults", "_fields", "_make", "_replace"})


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _package_of(path: Path, root: Path) -> tuple[str, ...]:
    # A module's package, which ``from . import`` names (an __init__'s is its own).
    return path.relative_to(root).parts[:-1]


def _is_module(root: Path, package: tuple[str, ...], name: str) -> bool:
    folder = root.joinpath(*package, name)
    return folder.with_suffix(".py").is_file() or (folder / "__init__.py").is_file()


def _defined_here(tree: ast.Module) -> set[str]:
    """The private names the classes of this module define: methods, class
    attributes, slots, and attributes set on ``self`` or ``cls``."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found.add(item.name)
                targets = (
                    item.targets
                    if isinstance(item, ast.Assign)
                    else [item.target]
                    if isinstance(item, ast.AnnAssign)
                    else []
                )
                for target in targets:
                    if isinstance(target, ast.Name):
                        found.add(target.id)
                        if target.id == "__slots__" and item.value is not None:
                            found.update(
                                c.value
                                for c in ast.walk(item.value)
                                if isinstance(c, ast.Constant) and isinstance(c.value, str)
                            )
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("self", "cls")
        ):
            found.add(node.attr)
    return found


def reaches(source: str, path: Path, root: Path) -> list[str]:
    """Each place where the module at ``path`` (inside the package folder
    ``root``) reaches into another module's private names."""
    tree = ast.parse(source)
    package = _package_of(path, root)
    found: list[str] = []
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                if node.module:
                    base += tuple(node.module.split("."))
                local = True
            else:
                parts = (node.module or "").split(".")
                local = parts[0] == root.name
                base = tuple(parts[1:])
            for alias in node.names:
                submodule = local and _is_module(root, base, alias.name)
                if submodule:
                    modules.add(alias.asname or alias.name)
                elif _private(alias.name):
                    found.append(f"{node.lineno}: from {node.module or '.'} import {alias.name}")
    defined = _defined_here(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and _private(node.attr)):
            continue
        if node.attr in NAMED_TUPLE_API:
            continue
        base = node.value
        if isinstance(base, ast.Name) and base.id in modules:
            found.append(f"{node.lineno}: {base.id}.{node.attr}")
        elif isinstance(base, ast.Name) and base.id in ("self", "cls"):
            continue
        elif node.attr not in defined:
            found.append(f"{node.lineno}: {ast.unparse(base)}.{node.attr}")
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_scan_sees_every_module() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in _modules()}
    assert {"record.py", "query.py", "model/_base.py", "formats/json.py"} <= names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_reaches_into_another_modules_privates(path: Path) -> None:
    assert reaches(path.read_text(encoding="utf-8"), path, PACKAGE) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .query import _days\n", ["1: from query import _days"]),
        ("from ..model._base import _check_id\n", ["1: from model._base import _check_id"]),
        ("from communique.query import _days\n", ["1: from communique.query import _days"]),
        ("from . import _origins\n_origins._private()\n", ["2: _origins._private"]),
        ("import json\njson._default_decoder\n", ["2: json._default_decoder"]),
        ("def f(record):\n    return record._origins\n", ["2: record._origins"]),
        ("def f(q):\n    return q._record._index()\n", ["2: q._record._index", "2: q._record"]),
        # Private modules and what they make public; a class's own names.
        ("from . import _origins\nfrom ._origins import Origins\n", []),
        ("from .formats import _scan\n", []),
        (
            "class A:\n    __slots__ = ('_x',)\n    def same(self, other):\n"
            "        return other._x\n",
            [],
        ),
        ("from typing import NamedTuple\ndef f(t):\n    return t._replace(a=1)\n", []),
    ],
)
def test_the_scan_finds_what_it_looks_for(source: str, expected: list[str]) -> None:
    assert reaches(source, PACKAGE / "record.py", PACKAGE) == expected
