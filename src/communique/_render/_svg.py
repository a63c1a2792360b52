"""The two drawings of the index page, written as SVG by hand: a timeline where a
date that is a day, a month, a year or a range is a bar as long as its bounds, and
a graph of who took part in which event.

Both are plain elements with links (``<a href>``) and ``<title>`` tooltips, so they
need no script and no library at view time.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Sequence

from attrs import frozen
from markupsafe import Markup, escape

__all__ = ["Bar", "Node", "graph", "timeline"]

_ROW = 18
_LABEL = 300
_PLOT = 560
_AXIS = 24


@frozen
class Bar:
    """An item of the timeline: from the first to the last day its date can mean."""

    label: str
    href: str
    lane: str
    lower: _dt.date
    upper: _dt.date
    exact: bool
    uncertain: bool
    title: str


def _attrs(**values: object) -> str:
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
        for name, value in values.items()
    )


def _el(tag: str, body: str = "", **values: object) -> str:
    return f"<{tag}{_attrs(**values)}>{body}</{tag}>" if body else f"<{tag}{_attrs(**values)}/>"


def _svg(width: int, height: int, body: list[str], label: str) -> Markup:
    head = _attrs(
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        role="img",
        aria_label=label,
    )
    # Every text and attribute value in ``body`` went through escape() in _el.
    return Markup(f"<svg{head}>{''.join(body)}</svg>")  # noqa: S704


def _ticks(first: _dt.date, last: _dt.date) -> list[_dt.date]:
    """Year starts, or month starts when the span is short, at most about twelve."""
    days = (last - first).days
    if days > 3 * 365:
        step = max(1, (last.year - first.year) // 10)
        return [_dt.date(y, 1, 1) for y in range(first.year + 1, last.year + 1, step)]
    months = []
    y, m = first.year, first.month
    while True:
        m += 1
        if m > 12:
            y, m = y + 1, 1
        day = _dt.date(y, m, 1)
        if day > last:
            break
        months.append(day)
    step = max(1, len(months) // 12)
    return months[::step]


def timeline(bars: Sequence[Bar]) -> Markup:
    """One row a bar, in the order given, on a scale from the earliest lower bound
    to the latest upper bound. A bar shorter than three pixels is drawn three wide;
    one whose date is not a single known day is drawn as a range (``class="range"``),
    and dashed when uncertain or approximate.

    >>> d = _dt.date(2020, 3, 4)
    >>> svg = timeline([Bar("Roundtable", "e/x.html", "event", d, d, True, False, "2020-03-04")])
    >>> svg.count("<rect"), 'href="e/x.html"' in svg
    (1, True)
    """
    if not bars:
        return Markup("")
    first = min(b.lower for b in bars)
    last = max(b.upper for b in bars) + _dt.timedelta(days=1)
    total = max(1, (last - first).days)

    def x(day: _dt.date) -> float:
        return _LABEL + _PLOT * (day - first).days / total

    width, height = _LABEL + _PLOT + 10, _AXIS + _ROW * len(bars) + 6
    body = []
    for tick in _ticks(first, last):
        label = str(tick.year) if tick.month == 1 else tick.strftime("%b %Y")
        body.append(
            _el(
                "line",
                x1=f"{x(tick):.1f}",
                x2=f"{x(tick):.1f}",
                y1=_AXIS - 6,
                y2=height,
                class_="tick",
            )
        )
        body.append(_el("text", str(escape(label)), x=f"{x(tick):.1f}", y=12, class_="tick-label"))
    for row, bar in enumerate(bars):
        top = _AXIS + row * _ROW
        left = x(bar.lower)
        span = max(3.0, x(bar.upper + _dt.timedelta(days=1)) - left)
        kind = "exact" if bar.exact else "range"
        classes = f"bar {bar.lane} {kind}" + (" uncertain" if bar.uncertain else "")
        title = _el("title", str(escape(f"{bar.label} ({bar.title})")))
        rect = _el(
            "rect",
            title,
            x=f"{left:.1f}",
            y=top + 3,
            width=f"{span:.1f}",
            height=_ROW - 6,
            rx=2,
            class_=classes,
        )
        text = _el(
            "text",
            str(escape(_short(bar.label, 46))),
            x=4,
            y=top + _ROW - 5,
            class_=f"row-label {bar.lane}",
        )
        body.append(_el("a", text + rect, href=bar.href))
    return _svg(width, height, body, "timeline")


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@frozen
class Node:
    """An agent or an event of the graph."""

    key: str
    label: str
    href: str


def _order(
    left: Sequence[Node], right: Sequence[Node], edges: Sequence[tuple[str, str]]
) -> list[Node]:
    """``left`` ordered by the mean position of the nodes of ``right`` it is joined
    to (the barycentre heuristic), which keeps lines from crossing where it can."""
    place = {n.key: i for i, n in enumerate(right)}
    joined: dict[str, list[int]] = defaultdict(list)
    for a, b in edges:
        if b in place:
            joined[a].append(place[b])

    def key(item: tuple[int, Node]) -> tuple[float, int]:
        index, node = item
        seen = joined.get(node.key)
        return (sum(seen) / len(seen) if seen else float(len(right)), index)

    return [n for _, n in sorted(enumerate(left), key=key)]


def graph(
    agents: Sequence[Node], events: Sequence[Node], edges: Sequence[tuple[str, str]]
) -> Markup:
    """Agents in a column on the left, events on the right in the order given, and a
    line for each (agent key, event key) edge. Agents are placed beside the events
    they took part in.

    >>> svg = graph([Node("a", "Norov", "e/a.html")], [Node("e", "Roundtable", "e/e.html")], [("a", "e")])
    >>> svg.count("<line"), svg.count("<circle"), svg.count("<rect")
    (1, 1, 1)
    """
    if not events:
        return Markup("")
    ordered = _order(agents, events, edges)
    step_a, step_e = 20, max(20, 20 * len(ordered) // max(1, len(events)))
    height = max(len(ordered) * step_a, len(events) * step_e) + 20
    ax, ex, width = 250, 560, 960
    ya = {n.key: 20 + i * step_a for i, n in enumerate(ordered)}
    ye = {
        n.key: 20 + i * step_e + (height - 20 - len(events) * step_e) // 2
        for i, n in enumerate(events)
    }
    body = [
        _el("line", x1=ax, y1=ya[a], x2=ex, y2=ye[e], class_="edge", data_agent=a, data_event=e)
        for a, e in edges
        if a in ya and e in ye
    ]
    for node in ordered:
        y = ya[node.key]
        mark = _el(
            "circle", _el("title", str(escape(node.label))), cx=ax, cy=y, r=5, class_="agent"
        )
        text = _el(
            "text", str(escape(_short(node.label, 36))), x=ax - 10, y=y + 4, class_="agent-label"
        )
        body.append(_el("a", mark + text, href=node.href))
    for node in events:
        y = ye[node.key]
        mark = _el(
            "rect",
            _el("title", str(escape(node.label))),
            x=ex - 6,
            y=y - 6,
            width=12,
            height=12,
            class_="event",
        )
        text = _el(
            "text", str(escape(_short(node.label, 60))), x=ex + 12, y=y + 4, class_="event-label"
        )
        body.append(_el("a", mark + text, href=node.href))
    return _svg(width, height, body, "who took part in which event")
