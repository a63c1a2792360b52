"""Reading a rendered site back: the links, ids and highlighted quotes of its pages,
parsed with the standard library's HTML parser, and the evidence a record holds."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import attrs

import communique as cq

LINKING = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")}


class Page(HTMLParser):
    """The ids, the links and the highlighted pieces (``mark.ev``) of one page."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.marks: list[tuple[tuple[int, ...], str, str]] = []  # (quotes, classes, text)
        self.failing: set[int] = set()
        self._mark: list[str] | None = None
        self._mark_attrs: tuple[tuple[int, ...], str] = ((), "")
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attributes}
        if "id" in values:
            self.ids.add(values["id"])
        for element, name in LINKING:
            if tag == element and name in values:
                self.links.append(values[name])
        if tag == "mark" and "ev" in values.get("class", "").split():
            numbers = tuple(int(n) for n in values["data-ev"].split())
            self.failing.update(int(n) for n in values.get("data-bad", "").split())
            self._mark, self._mark_attrs = [], (numbers, values["class"])

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self._mark.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None:
            numbers, classes = self._mark_attrs
            self.marks.append((numbers, classes, "".join(self._mark)))
            self._mark = None

    def quoted(self) -> dict[int, str]:
        """The text each highlighted quote covers, by its number."""
        covered: dict[int, str] = {}
        for numbers, _, text in self.marks:
            for n in numbers:
                covered[n] = covered.get(n, "") + text
        return covered


def pages(site: Path) -> Iterator[Page]:
    for path in sorted(site.rglob("*.html")):
        yield Page(path)


def broken_links(site: Path) -> list[str]:
    """Every link of every page that leads to no file, or to no element of its page."""
    parsed = {page.path.resolve(): page for page in pages(site)}
    broken = []
    for page in parsed.values():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                broken.append(f"{page.path}: {link} leaves the site")
                continue
            target = (
                (page.path.parent / unquote(parts.path)).resolve()
                if parts.path
                else page.path.resolve()
            )
            if not target.is_file():
                broken.append(f"{page.path}: {link} leads to no file")
            elif parts.fragment and parts.fragment not in parsed[target].ids:
                broken.append(f"{page.path}: {link} leads to no element {parts.fragment!r}")
    return broken


def evidence_in(record: cq.Record, source_id: str) -> list[cq.Evidence]:
    """Every evidence of the record drawn from the source, found by walking the model."""
    found: list[cq.Evidence] = []

    def walk(value: object) -> None:
        if isinstance(value, cq.Evidence):
            if value.source == source_id:
                found.append(value)
        elif isinstance(value, tuple):
            for item in value:
                walk(item)
        elif attrs.has(type(value)) and not isinstance(value, cq.Date):
            for field in attrs.fields(type(value)):
                walk(getattr(value, field.name))

    for entity in record.entities:
        walk(entity)
    return found
