"""The HTML tables notebooks show for an entity, a record and a query."""

from __future__ import annotations

from html.parser import HTMLParser

import communique as cq
from communique._html import MAX_ROWS

# Markup in every place a record holds text: a name, a note, an extension value
# and the words of a query.
MARKUP = '<script>alert("x")</script> & <b>bold</b>'
PERSON = cq.Person(
    id="person:x",
    name=MARKUP,
    note="a <i>note</i>",
    extensions={"x-test:html": ["<img src=x onerror=alert(1)>", {"k": "<u>"}]},
)


class _Table(HTMLParser):
    """The tags of an HTML fragment, and the text of each cell and caption."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.cells: list[str] = []
        self.caption = ""
        self._open: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in ("td", "th", "caption"):
            self._open = tag
            if tag != "caption":
                self.cells.append("")
        elif tag == "br" and self._open in ("td", "th"):
            self.cells[-1] += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "caption"):
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open == "caption":
            self.caption += data
        elif self._open is not None:
            self.cells[-1] += data


TABLE_TAGS = {"table", "caption", "thead", "tbody", "tr", "th", "td", "br"}


def test_an_entity_shows_its_fields_with_every_value_escaped() -> None:
    html = PERSON._repr_html_()
    table = _Table(html)
    # Only the table's own tags: the markup in the values is text.
    assert table.tags <= TABLE_TAGS
    assert "<script>" not in html
    assert "<img" not in html
    assert table.caption == "person person:x"
    pairs = dict(zip(table.cells[::2], table.cells[1::2], strict=True))
    assert pairs["id"] == "person:x"
    assert pairs["name"] == MARKUP
    assert pairs["note"] == "a <i>note</i>"
    assert pairs["x-test:html"] == "<img src=x onerror=alert(1)>\nk: <u>"


def test_an_entity_shows_nested_values_as_the_file_writes_them(seed: cq.Record) -> None:
    event = seed.get("event:2020-03-04-sco-aies-roundtable")
    pairs = dict(zip(*[iter(_Table(event._repr_html_()).cells)] * 2, strict=True))
    assert pairs["kind"] == "roundtable"
    assert pairs["organisers"] == "org:sco-secretariat\norg:aies"
    assert pairs["date"].startswith("edtf: 2020-03-04; inferred: true; phrase: On 4 March")
    assert "agent: person:vladimir-norov; roles: speaker" in pairs["participants"]


def test_a_record_shows_its_entities_and_counts_by_type(seed: cq.Record) -> None:
    table = _Table(seed._repr_html_())
    assert table.tags <= TABLE_TAGS
    assert table.caption.startswith(f"Record of {len(seed)} entities (")
    assert f"{seed.statements.count()} statement" in table.caption
    header, rows = table.cells[:4], table.cells[4:]
    assert header == ["id", "type", "date", "label"]
    first = seed.entities[0]
    assert rows[:2] == [first.id, "source"]
    # The first rows, and how many more there are.
    assert len(rows) == 4 * MAX_ROWS + 1
    assert rows[-1] == f"… and {len(seed) - MAX_ROWS} more"
    # A query of the record shows each entity's date and label.
    events = _Table(seed.events._repr_html_()).cells
    roundtable = events.index("event:2020-03-04-sco-aies-roundtable")
    assert events[roundtable + 1 : roundtable + 4] == [
        "event",
        "2020-03-04",
        "The SCO's role in promoting peace and security",
    ]
    accession = events.index("event:2017-india-pakistan-sco-accession")
    assert events[accession + 2] == "2017-01-01/2017-12-31"


def test_a_query_shows_its_results_and_what_was_asked() -> None:
    record = cq.Record(
        [PERSON, cq.Person(id="person:y", name="Y"), cq.Organization(id="org:z", name=MARKUP)]
    )
    query = record.people.mentioning("<b>")
    html = query._repr_html_()
    table = _Table(html)
    assert table.tags <= TABLE_TAGS
    assert table.caption == f"{query!r}: 1 entities"
    assert table.cells[4:] == ["person:x", "person", "", MARKUP]
    assert "<b>" not in html.replace("<br>", "")
    empty = _Table(record.events._repr_html_())
    assert (empty.caption, empty.cells) == (
        "<Query Event>: 0 entities",
        ["id", "type", "date", "label"],
    )
