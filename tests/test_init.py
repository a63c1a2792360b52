"""The public API: every name in ``communique.__all__`` is documented."""

from __future__ import annotations

import inspect
import pkgutil
from functools import cache

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
