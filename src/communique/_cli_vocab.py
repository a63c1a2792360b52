"""``communique vocab``: the vocabularies and their terms, with labels and meanings.

Everything shown comes from :mod:`communique.vocab`, where each term is declared
once with its label and meaning.
"""

from __future__ import annotations

import difflib
import importlib
import json
import re
from collections.abc import Iterable

import attrs

from .vocab import Term, Vocabulary, entries, used_in, vocabularies, vocabulary_name

__all__ = [
    "UnknownVocabulary",
    "by_name",
    "find",
    "import_modules",
    "listing",
    "terms_text",
]


class UnknownVocabulary(LookupError):
    """A name that is no vocabulary's; the message says what was meant, when it can."""


def by_name() -> dict[str, Vocabulary]:
    """Every vocabulary by its kebab-case name, in the order of :func:`vocabularies`."""
    return {vocabulary_name(v): v for v in vocabularies().values()}


def _normal(name: str) -> str:
    # "EventKind", "event_kind", "event kind", "organisation-kind" and "event-kinds"
    # are all ways of writing one name.
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", "-", name.strip())
    text = re.sub(r"[\s_]+", "-", text).lower().replace("organisation", "organization")
    return text


def find(name: str) -> tuple[Vocabulary, str | None]:
    """The vocabulary called ``name``, and a note when ``name`` was a close
    misspelling taken to mean it; :class:`UnknownVocabulary` otherwise."""
    known = by_name()
    normal = _normal(name)
    for candidate in (normal, normal.removesuffix("s")):
        if candidate in known:
            return known[candidate], None
    close = difflib.get_close_matches(normal, list(known), n=3, cutoff=0.75)
    if len(close) == 1:
        return known[close[0]], f"no vocabulary {name!r}; showing {close[0]!r}"
    if close:
        hint = f"; did you mean {' or '.join(map(repr, close))}?"
    else:
        homes = [vocabulary_name(v) for v in known.values() if _has_term(v, name)]
        hint = (
            f"; {name!r} is a term of {', '.join(homes)}"
            if homes
            else f"; known: {', '.join(known)}"
        )
    raise UnknownVocabulary(f"no vocabulary {name!r}{hint}")


def _has_term(vocabulary: Vocabulary, value: str) -> bool:
    return any(entry.value == value for entry in entries(vocabulary))


def _summary(vocabulary: Vocabulary) -> str:
    doc = vocabulary.__doc__ or ""
    return " ".join(doc.split("\n\n")[0].split())


def _is_open(vocabulary: Vocabulary) -> bool:
    return issubclass(vocabulary, Term)


def _columns(rows: Iterable[tuple[str, ...]]) -> list[str]:
    table = list(rows)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]) - 1)]
    return [
        "  ".join([*(row[i].ljust(w) for i, w in enumerate(widths)), row[-1]]).rstrip()
        for row in table
    ]


def listing(output: str = "text") -> str:
    """Every vocabulary: its name, whether it is open, its number of terms and
    what it is; as text, or as JSON Lines (``output="jsonl"``)."""
    known = by_name()
    if output == "jsonl":
        return "".join(
            json.dumps(
                {
                    "name": name,
                    "open": _is_open(v),
                    "terms": len(entries(v)),
                    "about": _summary(v),
                },
                ensure_ascii=False,
            )
            + "\n"
            for name, v in known.items()
        )
    rows = [("VOCABULARY", "", "TERMS", "WHAT IT IS")]
    rows += [
        (
            name,
            "open" if _is_open(v) else "closed",
            str(len(entries(v))),
            _summary(v),
        )
        for name, v in known.items()
    ]
    return (
        "\n".join(_columns(rows))
        + "\n\n'communique vocab NAME' prints the terms of one, with their meanings.\n"
        "Open vocabularies also take namespaced terms a downstream package declares.\n"
    )


def terms_text(vocabulary: Vocabulary, output: str = "text") -> str:
    """The terms of one vocabulary with their labels and meanings, downstream terms
    declared in this process included; as text or as JSON Lines."""
    found = entries(vocabulary)
    if output == "jsonl":
        return "".join(
            json.dumps(attrs.asdict(entry), ensure_ascii=False) + "\n" for entry in found
        )
    name = vocabulary_name(vocabulary)
    kind = "open" if _is_open(vocabulary) else "closed"
    lines = [f"{name} ({kind}): {_summary(vocabulary)}"]
    used = used_in(vocabulary)
    if used:
        lines.append(f"Used in: {', '.join(used)}")
    if _is_open(vocabulary):
        lines.append("Downstream packages add namespaced terms (project:name) with Term.extend.")
    else:
        lines.append("Closed: it takes exactly these values.")
    lines.append("")
    rows = [("TERM", "LABEL", "MEANING")]
    rows += [(e.value, e.label, e.meaning or "(no meaning given)") for e in found]
    lines += _columns(rows)
    return "\n".join(lines) + "\n"


def import_modules(names: Iterable[str]) -> None:
    """Import downstream modules, so that the terms they declare are shown."""
    for module in names:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise UnknownVocabulary(f"--import {module}: {exc}") from None
