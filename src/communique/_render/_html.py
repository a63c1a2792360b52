"""The repeated parts of an entity's page written as strings: its field rows, its
source text cut into highlighted pieces, and the table of the quotes in a source.

A template loop costs a few generator steps for every item it writes; a source's
text has hundreds of pieces and a site of a large record hundreds of thousands of
rows, so these parts are built here and the template places them whole. Every
text is escaped as the template's autoescape would (``markupsafe.escape``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from markupsafe import Markup, escape

from ._quotes import Piece

__all__ = ["field_rows", "quote_rows", "source_text"]


def field_rows(rows: Iterable[tuple[str, str, Markup]]) -> Markup:
    """The rows of an entity's list of fields, each a heading and its value."""
    return Markup(  # noqa: S704 (the value is markup, the rest escaped)
        "".join(
            f'<dt id="{escape(anchor)}">{escape(heading)}</dt><dd>{html}</dd>\n'
            for heading, anchor, html in rows
        )
    )


def source_text(pieces: Sequence[Piece]) -> Markup:
    """A source's text with each quoted piece marked with the quotes covering it."""
    out: list[str] = []
    for piece in pieces:
        for n in piece.opens:
            out.append(f'<a class="anchor" id="q-{n}"></a>')
        text = escape(piece.text)
        if not piece.covering:
            out.append(text)
            continue
        depth = min(len(piece.covering), 4)
        flags = (" bad" if piece.failing else "") + ("" if piece.text else " empty")
        bad = f' data-bad="{" ".join(map(str, piece.failing))}"' if piece.failing else ""
        out.append(
            f'<mark class="ev d{depth}{flags}" data-ev="{" ".join(map(str, piece.covering))}"'
            f'{bad} tabindex="0">{text}</mark>'
        )
    return Markup("".join(out))  # noqa: S704 (the text went through escape)


def quote_rows(views: Iterable[dict[str, Any]]) -> Markup:
    """The rows of the table of the quotes in a source (views from ``quote_view``)."""
    out: list[str] = []
    for q in views:
        n = q["n"]
        number = f'<a href="#q-{n}">{n}</a>' if q["highlighted"] else str(n)
        problems = "".join(f'<div class="problem">{escape(m)}</div>' for m in q["problems"])
        entity = q["entity"]
        out.append(
            f'<tr class="{"bad" if q["problems"] else ""}"><td>{number}</td>\n'
            f'<td><a href="{escape(entity["href"])}#ev-{n}">{escape(entity["label"])}</a></td>'
            f"<td><code>{escape(q['field'])}</code></td>\n"
            f"<td>{escape(q['quote'])}{problems}</td></tr>\n"
        )
    return Markup("".join(out))  # noqa: S704 (every text went through escape)
