"""The writer of the site: every page from its template, the assets, the search index.

The site is written into a fresh folder beside the target and moved into place
when complete, so that a failed render leaves no half-written site.
"""

from __future__ import annotations

import gc
import itertools
import json
import math
import multiprocessing as mp
import os
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs
import jinja2
from markupsafe import Markup

from ..dates import Date, day_text
from ..errors import Problem
from ..model import Entity, Event, Proposal, Source, Statement, date_of
from ..record import Record
from ..summary import label
from . import _html, _svg
from ._quotes import Quote, pieces, quotes
from ._view import Viewer, entity_file
from ._walk import walk

__all__ = ["MARKER", "write_site"]

#: The file that marks a folder as a site this module wrote (and may replace).
MARKER: Final = ".communique-site"

_TIMELINE_MAX: Final = 200
# Records from this size have their entity pages written by forked processes.
_PARALLEL_FROM: Final = 5000
_WORKERS: Final = 4
_CITED_MAX: Final = 200
_SOURCES_SHOWN: Final = 20
_GRAPH_EVENTS: Final = 30
_GRAPH_AGENTS: Final = 90


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("communique._render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # the package's templates do not change while it runs
    )
    env.filters["page"] = lambda entity_id: "e/" + entity_file(entity_id)
    return env


def _safe(name: str) -> str:
    return entity_file(name)[: -len(".html")]


def _write(path: Path, text: str) -> None:
    # One open and one write: a site of a large record is a hundred thousand files.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(descriptor, data) :]
    finally:
        os.close(descriptor)


def _script_json(value: object) -> str:
    # Inside <script>, "</" would end the element: escape "<" as JSON allows.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


class _Site:
    def __init__(self, record: Record, out: Path, page_size: int) -> None:
        self.record = record
        self.out = out
        self.page_size = page_size
        self.env = _environment()
        self.templates: dict[str, jinja2.Template] = {}
        self.problems = record.validate()
        self.labels = {e.id: label(e, record) for e in record.entities}
        self.tags = {e.id: e.tag for e in record.entities}
        walks = [(entity, walk(entity)) for entity in record.entities]
        self.quotes = quotes(record, self.problems, ((e, w[0]) for e, w in walks))
        self.quote_of = {(q.entity.id, q.path): q.number for q in self.quotes}
        self.quotes_of: dict[str, list[Quote]] = defaultdict(list)
        self.quotes_in: dict[str, list[Quote]] = defaultdict(list)
        for q in self.quotes:
            self.quotes_of[q.entity.id].append(q)
            self.quotes_in[q.evidence.source].append(q)
        self.cited_by: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entity, (_, refs) in walks:
            for path, target in refs:
                self.cited_by[target].append((entity.id, path))
        self.problems_of: dict[str | None, list[Problem]] = defaultdict(list)
        for problem in self.problems:
            self.problems_of[problem.entity].append(problem)
        self.by_tag: dict[str, list[Entity]] = defaultdict(list)
        for entity in record.entities:
            self.by_tag[entity.tag].append(entity)

    def write(self, name: str, template: str, **context: Any) -> None:
        root = "../" * name.count("/")
        found = self.templates.get(template)
        if found is None:
            found = self.templates[template] = self.env.get_template(template)
        _write(self.out / name, found.render(root=root, **context))

    def lists(self) -> dict[str, list[str]]:
        """The file of each page of each type's list, by type tag."""
        return {
            tag: [
                f"l/{_safe(tag)}-{n + 1}.html"
                for n in range(max(1, math.ceil(len(group) / self.page_size)))
            ]
            for tag, group in sorted(self.by_tag.items())
        }

    def run(self) -> None:
        for folder in ("e", "l", "assets"):
            (self.out / folder).mkdir()
        self.assets()
        lists = self.lists()
        problem_pages = [
            f"l/problems-{n + 1}.html"
            for n in range(math.ceil(len(self.problems) / self.page_size))
        ]
        sources = list(self.record.sources)
        self.write(
            "index.html",
            "index.html",
            title="Record",
            total=len(self.record),
            counts=[(tag, len(self.by_tag[tag]), pages[0]) for tag, pages in lists.items()],
            problems=self.problems[:50],
            problem_count=len(self.problems),
            problem_pages=problem_pages,
            quote_count=len(self.quotes),
            sources=[self.ref(e.id) for e in sources[:_SOURCES_SHOWN]],
            source_count=len(sources),
            source_list=lists.get("source", [""])[0],
            timeline=self.timeline(),
            graph=self.graph(),
        )
        for tag, pages in lists.items():
            group = self.by_tag[tag]
            for n, name in enumerate(pages):
                chunk = group[n * self.page_size : (n + 1) * self.page_size]
                self.write(
                    name,
                    "list.html",
                    title=f"{tag} ({len(group)})",
                    rows=[(self.ref(e.id), _date_text(e, self.record)) for e in chunk],
                    pages=pages,
                    current=n,
                )
        for n, name in enumerate(problem_pages):
            self.write(
                name,
                "problems.html",
                title=f"Problems ({len(self.problems)})",
                problems=self.problems[n * self.page_size : (n + 1) * self.page_size],
                pages=problem_pages,
                current=n,
            )
        self.entity_pages()
        (self.out / MARKER).write_text("written by communique render\n", encoding="utf-8")

    def entity_pages(self) -> None:
        """A page per entity: in forked worker processes when the record is large and
        the machine has cores to spare, since each page is independent of the others."""
        count = len(self.record)
        workers = min(_WORKERS, os.cpu_count() or 1)
        if count < _PARALLEL_FROM or workers < 2 or "fork" not in mp.get_all_start_methods():
            self.entity_range(0, count)
            return
        _FORKED["site"] = self
        # The record and the site's indexes are kept out of the collector's passes
        # while the workers run: a pass writes to every object it walks, which in a
        # forked worker copies every page of memory the record lies in. Left alone if
        # the program froze objects itself, as unfreezing would release those too.
        freeze = gc.get_freeze_count() == 0
        if freeze:
            gc.freeze()
        try:
            step = math.ceil(count / (workers * 4))
            with mp.get_context("fork").Pool(workers) as pool:
                pool.starmap(
                    _entity_range, [(i, min(i + step, count)) for i in range(0, count, step)]
                )
        finally:
            if freeze:
                gc.unfreeze()
            del _FORKED["site"]

    def entity_range(self, start: int, stop: int) -> None:
        viewer = Viewer(self.labels, self.tags, "../", self.quote_of)
        entities = self.record.entities
        for index in range(start, stop):
            self.entity(entities[index], viewer)

    def ref(self, entity_id: str, root: str = "") -> dict[str, Any]:
        tag = self.tags.get(entity_id)
        return {
            "id": entity_id,
            "href": f"{root}e/{entity_file(entity_id)}" if tag is not None else None,
            "label": self.labels[entity_id] if tag is not None else entity_id,
            "type": tag,
        }

    def entity(self, entity: Entity, viewer: Viewer) -> None:
        # The name or title the heading shows whole is not repeated below it.
        whole = label(entity, self.record, width=1 << 20)
        rows = _html.field_rows(
            row
            for row in viewer.fields(entity)
            if not (row[0] in ("name", "title") and row[2] == escape(whole))
        )
        cited_by = self.cited_by.get(entity.id, ())
        context: dict[str, Any] = {
            "entity": entity,
            "title": label(entity, self.record, width=120),
            "rows": rows,
            "text": getattr(entity, "text", None) if not isinstance(entity, Source) else None,
            "quotes": self.quote_items(self.quotes_of.get(entity.id, ())),
            "cited_by": Markup(  # noqa: S704 (escaped by viewer.ref and escape)
                "".join(
                    f"<li>{viewer.ref(other)} <code>{escape(path)}</code></li>"
                    for other, path in cited_by[:_CITED_MAX]
                )
            ),
            "cited_shown": min(len(cited_by), _CITED_MAX),
            "cited_count": len(cited_by),
            "problems": self.problems_of.get(entity.id, []),
            "source_text": None,
        }
        if isinstance(entity, Source):
            text = self.record.text_of(entity.id)
            inside = self.quotes_in.get(entity.id, [])
            if text is not None:
                context["source_text"] = _html.source_text(pieces(text, inside))
            views = [self.quote_view(q) for q in inside]
            context["in_source"] = _html.quote_rows(views)
            context["in_source_count"] = len(inside)
            context["quote_data"] = _script_json({str(v["n"]): v for v in views})
        self.write(f"e/{entity_file(entity.id)}", "entity.html", **context)

    def quote_items(self, found: Sequence[Quote]) -> Markup:
        """The list items of an entity's evidence, each linking into its source."""
        items = []
        for q in found:
            tag = self.tags.get(q.evidence.source)
            page = f"../e/{entity_file(q.evidence.source)}"
            name = escape(self.labels.get(q.evidence.source, q.evidence.source))
            if tag is not None and q.highlighted:
                where = (
                    f'<a class="to-source" href="{page}#q-{q.number}">in {name} '
                    f"at {q.start}..{q.end}</a>"
                )
            elif tag is not None:
                where = f'<a href="{page}">in {name}</a>, not found in its text'
            else:
                where = f'in <span class="ref dangling">{name}</span>'
            note = (
                f'<br><span class="note">{escape(q.evidence.note)}</span>'
                if q.evidence.note
                else ""
            )
            problems = "".join(f'<p class="problem">{escape(p.message)}</p>' for p in q.problems)
            bad = ' class="bad"' if q.problems else ""
            items.append(
                f'<li id="ev-{q.number}"{bad}>'
                f'<span class="number">#{q.number}</span><div>'
                f"<blockquote>{escape(q.evidence.quote)}</blockquote>"
                f'<p class="meta">for <code>{escape(q.field)}</code>, {where}{note}</p>'
                f"{problems}</div></li>"
            )
        # Every text above went through escape().
        return Markup("".join(items))  # noqa: S704

    def quote_view(self, q: Quote) -> dict[str, Any]:
        """What a source's page shows of a quote, in its table and its data."""
        return {
            "n": q.number,
            "entity": self.ref(q.entity.id, "../"),
            "field": q.field,
            "quote": q.evidence.quote,
            "note": q.evidence.note,
            "source": self.ref(q.evidence.source, "../"),
            "highlighted": q.highlighted,
            "span": f"{q.start}..{q.end}" if q.highlighted else None,
            "problems": [p.message for p in q.problems],
        }

    def timeline(self) -> Any:
        bars: list[tuple[_svg.Bar, str]] = []
        for entity in self.record.entities:
            if not isinstance(entity, (Event, Statement, Proposal)):
                continue
            # A statement without a date of its own is drawn at its event's.
            dates = date_of(entity, self.record.find)
            date = dates[0] if len(dates) == 1 else None
            if date is None or date.lower_day is None or date.upper_day is None:
                continue
            if not (date.lower_day >= _FIRST_DAY and date.upper_day <= _LAST_DAY):
                continue  # the timeline draws the years 1 to 9999 only
            lower, upper = date.lower, date.upper
            assert lower is not None
            assert upper is not None
            lane = _lane(entity)
            # An event still to come (or called off) is marked: it did not take place.
            planned = isinstance(entity, Event) and bool(entity.statuses)
            note = (
                f" ({entity.status.label.lower()})" if isinstance(entity, Event) and planned else ""
            )
            bar = _svg.Bar(
                label=label(entity, self.record) + note,
                href="e/" + entity_file(entity.id),
                lane=lane,
                lower=lower,
                upper=upper,
                exact=date.is_exact,
                uncertain=date.uncertain or date.approximate,
                title=_date_phrase(date),
            )
            bars.append((bar, entity.tag))
        bars.sort(key=lambda b: (b[0].lower, b[0].upper, _LANES.index(b[0].lane), b[1]))
        shown = self.grouped(bars)
        return {
            "svg": _svg.timeline(shown[:_TIMELINE_MAX]),
            "shown": min(len(shown), _TIMELINE_MAX),
            "total": len(shown),
        }

    def grouped(self, bars: list[tuple[_svg.Bar, str]]) -> list[_svg.Bar]:
        """Runs of more than three bars of one type and the same dates as one bar,
        labelled with their count and linked to the list of that type."""
        out: list[_svg.Bar] = []
        lists = self.lists()
        for (lane, _, _, tag), run in itertools.groupby(
            bars, key=lambda b: (b[0].lane, b[0].lower, b[0].upper, b[1])
        ):
            group = [bar for bar, _ in run]
            if len(group) <= 3:
                out.extend(group)
                continue
            noun = f"{len(group)} {lane}s"
            out.append(
                attrs.evolve(
                    group[0],
                    label=noun,
                    href=lists[tag][0],
                    title=f"{group[0].title}: {noun}",
                )
            )
        return out

    def graph(self) -> Any:
        events = [e for e in self.record.entities if isinstance(e, Event)]
        edges: dict[str, list[str]] = {}
        for event in events:
            agents = [*event.organisers, *(p.agent for p in event.participants)]
            edges[event.id] = [a for a in dict.fromkeys(agents) if a in self.record]
        chosen = sorted(events, key=lambda e: -len(edges[e.id]))[:_GRAPH_EVENTS]
        chosen = [e for e in events if e in chosen and edges[e.id]]
        chosen.sort(
            key=lambda e: (
                e.date.lower_day if e.date and e.date.lower_day is not None else _FAR_DAY,
            )
        )
        degree = Counter(a for e in chosen for a in edges[e.id])
        agents = [a for a, _ in degree.most_common(_GRAPH_AGENTS)]
        kept = set(agents)
        pairs = [(a, e.id) for e in chosen for a in edges[e.id] if a in kept]
        svg = _svg.graph(
            [
                _svg.Node(a, self.ref(a)["label"], self.ref(a)["href"])
                for a in sorted(agents, key=lambda a: self.ref(a)["label"])
            ],
            [_svg.Node(e.id, label(e, self.record), "e/" + entity_file(e.id)) for e in chosen],
            pairs,
        )
        return {"svg": svg, "events": len(chosen), "total": sum(1 for e in events if edges[e.id])}

    def assets(self) -> None:
        static = resources.files("communique._render").joinpath("static")
        for item in static.iterdir():
            if item.is_file():
                (self.out / "assets" / item.name).write_bytes(item.read_bytes())
        index = [
            [e.id, label(e, self.record), e.tag, "e/" + entity_file(e.id)]
            for e in self.record.entities
        ]
        (self.out / "assets" / "search-index.js").write_text(
            # A script, not a JSON file to fetch: browsers refuse fetch() on file:// pages.
            "window.communiqueIndex = " + _script_json(index) + ";\n",
            encoding="utf-8",
        )


# The site a forked worker writes pages of (inherited, not pickled).
_FORKED: dict[str, _Site] = {}


def _entity_range(start: int, stop: int) -> None:
    _FORKED["site"].entity_range(start, stop)


# Day numbers: the first and last days a timeline bar can be drawn on (its scale
# counts in datetime.date), and a day after every date, for sorting.
_FIRST_DAY: Final = 1
_LAST_DAY: Final = Date("9999").upper_day or 0
_FAR_DAY: Final = 2**62
_LANES: Final = ("event", "proposal", "commitment", "statement")


def _lane(entity: Event | Statement | Proposal) -> str:
    if isinstance(entity, Event):
        return "event"
    if isinstance(entity, Proposal):
        return "proposal"
    return "commitment" if entity.kind == "commitment" else "statement"


def _date_phrase(date: Date) -> str:
    text = date.edtf
    low, high = date.lower_day, date.upper_day
    if low != high:
        text += f", {day_text(low) if low is not None else None} to "
        text += f"{day_text(high) if high is not None else None}"
    if date.phrase:
        text += f', "{date.phrase}"'
    if date.inferred:
        text += ", inferred"
    return text


def _date_text(entity: Entity, record: Record) -> str:
    # The date the entity has, or takes from another (a statement's event's).
    dates = date_of(entity, record.find)
    return "/".join(d.edtf if d is not None else ".." for d in dates)


def _check_target(folder: Path) -> None:
    if folder.exists():
        if not folder.is_dir():
            raise FileExistsError(f"{folder}: exists and is not a folder")
        if any(folder.iterdir()) and not (folder / MARKER).exists():
            raise FileExistsError(
                f"{folder}: a folder with other files in it; render into a new or empty "
                "folder, or one a previous render wrote"
            )


def write_site(record: Record, folder: Path, *, page_size: int) -> Path:
    folder = Path(folder)
    _check_target(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        _Site(record, temporary, page_size).run()
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(temporary, folder)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    # mkdtemp makes the folder private; a site is to be read by others too.
    folder.chmod(0o755)
    return folder / "index.html"
