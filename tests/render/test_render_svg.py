"""The timeline and the graph of the index page, drawn as SVG."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from communique._render._svg import Bar, Node, graph, timeline

SVG = "{http://www.w3.org/2000/svg}"


def _bar(label: str, lower: str, upper: str, *, exact: bool = True, unsure: bool = False) -> Bar:
    return Bar(
        label=label,
        href=f"e/{label}.html",
        lane="event",
        lower=dt.date.fromisoformat(lower),
        upper=dt.date.fromisoformat(upper),
        exact=exact,
        uncertain=unsure,
        title=lower,
    )


def test_a_bar_is_as_long_as_its_bounds_and_marked_by_how_sure_it_is() -> None:
    svg = ET.fromstring(
        timeline(
            [
                _bar("day", "2020-01-01", "2020-01-01"),
                _bar("year", "2020-01-01", "2020-12-31", exact=False),
                _bar("month", "2020-03-01", "2020-03-31", exact=False, unsure=True),
            ]
        )
    )
    rects = {r.findtext(f"{SVG}title"): r for r in svg.iter(f"{SVG}rect")}
    day, year, month = (
        rects[f"{name} ({date})"]
        for name, date in (("day", "2020-01-01"), ("year", "2020-01-01"), ("month", "2020-03-01"))
    )
    assert float(day.get("width", 0)) == 3.0  # a day in a year is drawn three pixels wide
    assert float(year.get("width", 0)) > 500
    assert 40 < float(month.get("width", 0)) < 50  # 31 days of 366
    assert float(month.get("x", 0)) > float(year.get("x", 0))
    assert day.get("class") == "bar event exact"
    assert year.get("class") == "bar event range"
    assert month.get("class") == "bar event range uncertain"
    assert [a.get("href") for a in svg.iter(f"{SVG}a")] == [
        "e/day.html",
        "e/year.html",
        "e/month.html",
    ]


def test_labels_are_escaped() -> None:
    svg = timeline([_bar('<b>"&', "2020-01-01", "2020-01-01")])
    assert "<b>" not in svg
    assert ET.fromstring(svg).find(f".//{SVG}text[@class='row-label event']") is not None


def test_nothing_to_draw_is_no_drawing() -> None:
    assert timeline([]) == ""
    assert graph([Node("a", "A", "a.html")], [], []) == ""


def test_the_graph_joins_agents_to_events_and_places_them_beside_their_events() -> None:
    agents = [Node(k, k.upper(), f"e/{k}.html") for k in ("late", "early", "both")]
    events = [Node(k, k, f"e/{k}.html") for k in ("first", "second")]
    edges = [("late", "second"), ("early", "first"), ("both", "first"), ("both", "second")]
    svg = ET.fromstring(graph(agents, events, edges))
    lines = list(svg.iter(f"{SVG}line"))
    assert sorted((e.get("data-agent"), e.get("data-event")) for e in lines) == sorted(edges)
    heights = {c.findtext(f"{SVG}title"): float(c.get("cy", 0)) for c in svg.iter(f"{SVG}circle")}
    # the barycentre order: with the first event, with both, with the second
    assert heights["EARLY"] < heights["BOTH"] < heights["LATE"]
    assert len(list(svg.iter(f"{SVG}rect"))) == 2
