"""Pages generated from the library itself each time the documentation is built.

- ``_generated/api.md``: an autodoc entry for every name in ``communique.__all__``,
  grouped by what it is, so that a new public name cannot be left out;
- ``format.md`` (kept in the repository, so that it reads without a build): the
  format reference: the document layout, every type tag with its fields, every
  vocabulary with its terms, labels and meanings; ``python
  docs/_ext/communique_docs.py`` writes it and a test checks that it is current;
- ``_generated/schema.md``: the JSON Schema;
- ``_generated/arrow_tables.md``: the tables of the Arrow and Parquet export, each
  with the classes whose rows it holds and its columns.

Nothing here is written by hand: the model, the registry and ``communique.vocab``
are the only sources.
"""

from __future__ import annotations

import enum
import inspect
import json
import pkgutil
import re
import sys
from pathlib import Path
from typing import Any

import attrs
from sphinx.application import Sphinx

import communique
from communique.registry import default_registry
from communique.vocab import Term, entries, used_in, vocabularies, vocabulary_name

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
        if obj is communique.Meaning:
            return "extend"  # a declaration of classes, not a value in files
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
    # A constant is loaded from its module on first use, so its ``#:`` comment is
    # there, not in the package: the text is taken from where it is written.
    lines = "\n".join(f"   {line}".rstrip() for line in _data_doc(name))
    return f".. py:data:: communique.{name}\n\n{lines}"


def _data_doc(name: str) -> list[str]:
    """The ``#:`` comment of a public constant, from the module that defines it."""
    from sphinx.pycode import ModuleAnalyzer

    modules = ["communique"]
    modules += [m.name for m in pkgutil.walk_packages(communique.__path__, "communique.")]
    for module in modules:
        found = ModuleAnalyzer.for_module(module).find_attr_docs().get(("", name))
        if found:
            return [line for line in found if line.strip()]
    raise LookupError(f"communique.{name} has no #: comment where it is defined")


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


def _type_text(cls: type, attribute: attrs.Attribute[Any]) -> str:
    # The annotation as written: attribute.type is the text until something calls
    # attrs.resolve_types, and a type afterwards; the page must not depend on that.
    written = next(
        (
            inspect.get_annotations(base)[attribute.name]
            for base in cls.__mro__
            if attribute.name in inspect.get_annotations(base)
        ),
        attribute.type,
    )
    text = written if isinstance(written, str) else getattr(written, "__name__", repr(written))
    text = text.replace("|", "or")
    # A field that takes a vocabulary links to its terms.
    for vocabulary in vocabularies().values():
        name = vocabulary_name(vocabulary)
        text = re.sub(rf"\b{vocabulary.__name__}\b", f"[{name}](#{name})", text)
    return text


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
        rows.append(f"| {name} | {_type_text(cls, attribute)} | {_default(attribute)} | {refs} |")
    return rows


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return " ".join(doc.split("\n\n")[0].split())


def format_page() -> str:
    """The format reference, as Markdown that reads on its own (docs/format.md)."""
    out = [
        "# Format reference",
        "",
        "<!-- Generated from the library by `python docs/_ext/communique_docs.py`;"
        " a test checks that it is current. Do not edit by hand. -->",
        "",
        "What a record file holds: the document, every type of entity with its fields, the "
        "values inside entities, and every vocabulary with its terms and what each means. "
        "This page is made from the model itself, so it is never behind it. From the "
        "command line, `communique vocab` lists the vocabularies, `communique vocab NAME` "
        "prints the terms of one (with those a downstream package adds), `communique new "
        "KIND` prints a skeleton to start a record, and `communique schema` prints the JSON "
        "Schema.",
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
        "namespaced keys of the entity itself (`x-project:name`). Dates are EDTF text "
        "(`2020-03-04`, `2020-03`, `2017`, `2019/2020`, `2020-03-04?`), or a mapping with "
        "`edtf`, `inferred`, `phrase` and `basis` for a date worked out rather than stated.",
        "",
        "## Type tags",
        "",
        "| tag | class | what it is |",
        "| --- | --- | --- |",
    ]
    tags = [(tag, cls) for tag, cls in default_registry if ":" not in tag]
    for tag, cls in tags:
        out.append(f"| [`{tag}`](#{tag}) | `cq.{cls.__name__}` | {_summary(cls)} |")
    out.append("")
    for tag, cls in tags:
        out += [f"### `{tag}`", "", _summary(cls), "", *_fields_table(cls), ""]
    out += ["## Values inside entities", ""]
    for name in communique.model.__all__:
        obj = getattr(communique.model, name)
        if (
            isinstance(obj, type)
            and attrs.has(obj)
            and not issubclass(obj, communique.Entity)
            and obj is not communique.Meaning  # declared by classes, not written in files
        ):
            out += [f"### {name}", "", _summary(obj), "", *_fields_table(obj), ""]
    out += [
        "## Vocabularies",
        "",
        "Open vocabularies take the terms below and namespaced terms that downstream "
        "code declares (`Term.extend`, such as `parliament:hearing`); closed vocabularies "
        "take exactly these values. `communique vocab NAME` prints the same table.",
        "",
        "| vocabulary | | Python | what it is |",
        "| --- | --- | --- | --- |",
    ]
    named = [(vocabulary_name(v), v) for v in vocabularies().values()]
    for name, vocabulary in named:
        opened = "open" if issubclass(vocabulary, Term) else "closed"
        out.append(
            f"| [`{name}`](#{name}) | {opened} | `cq.{vocabulary.__name__}` "
            f"| {_summary(vocabulary)} |"
        )
    out.append("")
    for name, vocabulary in named:
        opened = "open" if issubclass(vocabulary, Term) else "closed"
        used = ", ".join(f"`{path}`" for path in used_in(vocabulary) if ":" not in path)
        out += [
            f"### `{name}`",
            "",
            f"{_summary(vocabulary)} A {opened} vocabulary (`cq.{vocabulary.__name__}`)"
            + (f", used in {used}." if used else "."),
            "",
            "| term | label | meaning |",
            "| --- | --- | --- |",
        ]
        out += [
            f"| `{e.value}` | {e.label} | {e.meaning} |"
            for e in entries(vocabulary)
            if not e.downstream
        ]
        out.append("")
    return "\n".join(out)


def schema_page() -> str:
    """The JSON Schema of the format, for the documentation site."""
    return "\n".join(
        [
            "# The JSON Schema",
            "",
            "The format of the {doc}`format reference </format>` as a JSON Schema "
            "(`communique schema` prints it):",
            "",
            "```json",
            json.dumps(communique.json_schema(), indent=2, ensure_ascii=False),
            "```",
            "",
        ]
    )


def _write(path: Path, text: str) -> None:
    # Rewriting an unchanged page would make Sphinx rebuild it each time.
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


FORMAT_PAGE = Path(__file__).resolve().parent.parent / "format.md"


_DATE_PARTS = ("_lower", "_upper", "_low", "_high", "_certain", "_inferred")


def _columns(names: list[str]) -> str:
    # A date's seven columns read as one: `date*`.
    known = set(names)
    dated = {n for n in names if all(n + p in known for p in _DATE_PARTS)}
    parts = {n + p for n in dated for p in _DATE_PARTS}
    return ", ".join(f"`{n}*`" if n in dated else f"`{n}`" for n in names if n not in parts)


def _first_sentence(cls: type) -> str:
    doc = inspect.getdoc(cls) or cls.__name__
    return re.split(r"(?<=[a-z)])\. ", " ".join(doc.split("\n\n")[0].split()))[0].rstrip(".")


def arrow_tables_page() -> str:
    """The tables of the Arrow export, made from the registry and the model, so that
    a new type of entity or value is listed with its columns."""
    from communique.interop.arrow import table_layout

    out = [
        "| table | one row per | columns |",
        "| --- | --- | --- |",
        "| `entities` | entity | `id`, `type`, `table` (its family table), `ordinal` (its place "
        "in the record), `json` (its canonical JSON: the lossless route back) |",
        "| `extensions` | extension value | `entity`, `key`, `value` (JSON text) |",
    ]
    for name, (classes, columns) in table_layout().items():
        if any(issubclass(c, communique.Entity) for c in classes):
            tags = [str(getattr(c, "tag", c.__name__)) for c in classes]
            what = " or ".join(tags) if len(tags) < 3 else ", ".join(tags[:-1]) + " or " + tags[-1]
        else:
            what = " / ".join(_first_sentence(c) for c in classes)
        out.append(f"| `{name}` | {what} | {_columns(columns)} |")
    return "\n".join(out) + "\n"


def generate(app: Sphinx) -> None:
    folder = Path(app.srcdir) / "_generated"
    _write(folder / "api.md", api_page())
    _write(folder / "arrow_tables.md", arrow_tables_page())
    _write(folder / "schema.md", schema_page())
    # The format reference is kept in the repository, to be read without a build.
    _write(Path(app.srcdir) / "format.md", format_page())


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def main(argv: list[str]) -> int:
    """Write docs/format.md, or with ``--check`` say whether it is current."""
    text = format_page()
    current = FORMAT_PAGE.read_text(encoding="utf-8") if FORMAT_PAGE.exists() else ""
    if "--check" in argv:
        if current != text:
            print(f"{FORMAT_PAGE} is not current: run python docs/_ext/communique_docs.py")
            return 1
        return 0
    _write(FORMAT_PAGE, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
