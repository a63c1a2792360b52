"""The public API: every name in ``communique.__all__`` is documented."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from functools import cache

import pytest
from sphinx.pycode import ModuleAnalyzer

import communique as cq


@cache
def attribute_docs() -> set[str]:
    """The names that have a ``#:`` comment or a docstring after their assignment,
    in any module of the package (where Sphinx finds the docs of data)."""
    names: set[str] = set()
    modules = ["communique"] + [
        m.name for m in pkgutil.walk_packages(cq.__path__, prefix="communique.")
    ]
    for module in modules:
        try:
            docs = ModuleAnalyzer.for_module(module).find_attr_docs()
        except Exception:  # noqa: BLE001 - a module without source has no attribute docs
            continue
        names.update(name for (_, name), lines in docs.items() if "".join(lines).strip())
    return names


def test_every_public_name_has_a_docstring() -> None:
    missing = []
    for name in cq.__all__:
        obj = getattr(cq, name)
        if inspect.isclass(obj) or inspect.isfunction(obj) or inspect.ismodule(obj):
            doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else obj.__doc__
            if not (doc and doc.strip()):
                missing.append(name)
        elif name not in attribute_docs():
            missing.append(name)
    assert missing == []


def test_every_public_name_is_reachable_and_the_same_as_in_its_module() -> None:
    for name, module in cq._LAZY.items():
        found = getattr(cq, name)
        assert found is getattr(importlib.import_module(module, "communique"), name)
    assert set(cq._LAZY) | {"__version__"} == set(cq.__all__)
    assert cq.vocab.StatementKind is cq.StatementKind
    with pytest.raises(AttributeError, match="no_such_name"):
        cq.no_such_name  # noqa: B018


def test_importing_the_package_loads_no_module_of_its_own() -> None:
    # Heavy modules (the model classes, the converter, loaders, drafting) are
    # loaded by the first name that needs them, not by `import communique`.
    code = (
        "import sys, communique\n"
        "print(sorted(m for m in sys.modules if m.startswith('communique.')))\n"
        "communique.Statement\n"
        "print('communique.model' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "True"
