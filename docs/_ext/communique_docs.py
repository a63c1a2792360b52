"""Pages generated from the library itself each time the documentation is built.

- ``_generated/api.md``: an autodoc entry for every name in ``communique.__all__``,
  grouped by what it is, so that a new public name cannot be left out;
- ``_generated/format.md``: the format reference: the document layout, every type
  tag with its fields, every vocabulary with its terms and labels, and the JSON
  Schema when the installed library provides one.

Nothing here is written by hand: the model, the registry and ``vocabularies()``
are the only sources.
"""

from __future__ import annotations

import enum
import inspect
import json
from pathlib import Path
from typing import Any

import attrs
from sphinx.application import Sphinx

import communique
from communique.registry import default_registry
from communique.vocab import Term, vocabularies

GROUPS: list[tuple[str, str]] = [
    ("Loading and dumping", "io"),
    ("The record and its queries", "record"),
    ("Entities", "entity"),
    ("Values inside entities", "value"),
    ("Dates", "date"),
    ("Vocabularies", "vocab"),
    ("Errors", "error"),
    ("Extending and converting", "extend"),
    ("Constants and types", "data"),
]


def _group(name: str, obj: object) -> str:
    if name in {"load", "loads", "dump", "dumps", "iter_load"}:
        return "io"
    if name in {"Record", "Query", "QueryError"}:
        return "record"
    if name in {"Date", "DateError"}:
        return "date"
    if isinstance(obj, type):
        if issubclass(obj, communique.Entity):
            return "entity"
        if issubclass(obj, (Term, enum.Enum)):
            return "vocab"
        if issubclass(obj, Exception):
            return "error"
        if attrs.has(obj):
            return "value"
        return "extend"
    if callable(obj) or name.startswith("default_"):
        return "extend"
    return "data"


def _directive(name: str, obj: object) -> str:
    if isinstance(obj, type):
        return f".. autoclass:: communique.{name}"
    if inspect.isfunction(obj):
        return f".. autofunction:: communique.{name}"
    return f".. autodata:: communique.{name}\n   :no-value:"


def api_page() -> str:
    by_group: dict[str, list[str]] = {key: [] for _, key in GROUPS}
    for name in communique.__all__:
        obj = getattr(communique, name)
        by_group[_group(name, obj)].append(name)
    out = [
        "# API reference",
        "",
        "Every public name of `communique`, as `import communique as cq` gives it, "
        "documented from its docstring.",
        "",
        "```{eval-rst}",
        ".. automodule:: communique",
        "   :no-members:",
        "```",
        "",
    ]
    for title, key in GROUPS:
        names = by_group[key]
        if not names:
            continue
        out += [f"## {title}", "", "```{eval-rst}"]
        for name in names:
            out.append(_directive(name, getattr(communique, name)))
            out.append("")
        out += ["```", ""]
    return "\n".join(out)


def _type_text(attribute: attrs.Attribute[Any]) -> str:
    kind = attribute.type
    text = kind if isinstance(kind, str) else getattr(kind, "__name__", repr(kind))
    return text.replace("|", "or")


def _default(attribute: attrs.Attribute[Any]) -> str:
    if attribute.default is attrs.NOTHING:
        return "required"
    default = attribute.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return "optional"
    return "optional" if default in (None, (), False) else f"default `{default!r}`"


def _fields_table(cls: type) -> list[str]:
    rows = ["| field | type | | refers to |", "| --- | --- | --- | --- |"]
    for attribute in attrs.fields(cls):
        if not attribute.init:
            continue
        name = "*extension keys*" if attribute.name == "extensions" else f"`{attribute.name}`"
        refs = ", ".join(attribute.metadata.get("refs", ()))
        rows.append(f"| {name} | {_type_text(attribute)} | {_default(attribute)} | {refs} |")
    return rows


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return " ".join(doc.split("\n\n")[0].split())


def format_page() -> str:
    out = [
        "# Format reference",
        "",
        "This page is generated from the model each time the documentation is built.",
        "",
        "## The document",
        "",
        f"A record in JSON or YAML is one mapping with the format version "
        f'(`communique: "{communique.FORMAT_VERSION}"`) and its `entities`, a list. '
        "In JSON Lines, each line is one entity. Every entity carries its type tag in "
        '`"type"` and its id in `"id"`; entities refer to each other by id.',
        "",
        "```json",
        json.dumps(
            {
                "communique": communique.FORMAT_VERSION,
                "entities": [
                    {
                        "type": "organization",
                        "id": "org:sco",
                        "name": "Shanghai Cooperation Organisation",
                    }
                ],
            },
            indent=2,
        ),
        "```",
        "",
        "Fields left at their default are not written. Extension values are written as "
        "namespaced keys of the entity itself (`x-project:name`).",
        "",
        "## Type tags",
        "",
        "| tag | class | what it is |",
        "| --- | --- | --- |",
    ]
    tags = list(default_registry)
    for tag, cls in tags:
        out.append(f"| `{tag}` | {{py:class}}`~communique.{cls.__name__}` | {_summary(cls)} |")
    out.append("")
    for tag, cls in tags:
        out += [f"### `{tag}`", "", _summary(cls), "", *_fields_table(cls), ""]
    out += ["## Values inside entities", ""]
    for name in communique.model.__all__:
        obj = getattr(communique.model, name)
        if isinstance(obj, type) and attrs.has(obj) and not issubclass(obj, communique.Entity):
            out += [f"### {name}", "", _summary(obj), "", *_fields_table(obj), ""]
    out += [
        "## Vocabularies",
        "",
        "Open vocabularies take the terms below and namespaced terms that downstream "
        "code declares (`Term.extend`); closed vocabularies take exactly these values.",
        "",
    ]
    for name, vocabulary in vocabularies().items():
        opened = issubclass(vocabulary, Term)
        out += [
            f"### {name} ({'open' if opened else 'closed'})",
            "",
            _summary(vocabulary),
            "",
            "| term | label |",
            "| --- | --- |",
        ]
        if issubclass(vocabulary, Term):
            out += [f"| `{term}` | {term.label} |" for term in vocabulary.terms()]
        else:
            out += [
                f"| `{member.value}` | {member.name.replace('_', ' ').capitalize()} |"
                for member in vocabulary
            ]
        out.append("")
    schema = _json_schema()
    if schema is not None:
        out += [
            "## The JSON Schema",
            "",
            "The same format as a JSON Schema (`communique schema` prints it):",
            "",
            "```json",
            json.dumps(schema, indent=2, ensure_ascii=False),
            "```",
            "",
        ]
    return "\n".join(out)


def _json_schema() -> object | None:
    try:
        from communique.schema import json_schema  # type: ignore[import-not-found]
    except ImportError:
        return None
    schema: object = json_schema()
    return schema


def _write(path: Path, text: str) -> None:
    # Rewriting an unchanged page would make Sphinx rebuild it each time.
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def generate(app: Sphinx) -> None:
    folder = Path(app.srcdir) / "_generated"
    _write(folder / "api.md", api_page())
    _write(folder / "format.md", format_page())


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
