"""Typical questions over a generated record of 1,000,000 entities, answered three ways.

- **query**: the communique query API (indexes built once per record, on first use);
- **scan**: a naive linear scan over the same Python objects;
- **duckdb**: DuckDB over the same data loaded into tables (through Arrow), with
  ART indexes on the id and agent columns.

Each question is answered by all three, their answers are checked to be the same,
and the median time of each is printed with the ratios. Run from the repository root:

    PYTHONPATH=src python benchmarks/query.py            # 1,000,000 entities
    PYTHONPATH=src python benchmarks/query.py --scale 0.1  # a tenth, to try it quickly
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, Final

import duckdb
import pyarrow as pa

import communique as cq
from communique import (
    Date,
    Document,
    Event,
    Membership,
    Organization,
    Participation,
    Person,
    Post,
    Proposal,
    Response,
    State,
    Statement,
)
from communique.model._base import is_region
from communique.vocab import Attribution, EventKind, ParticipantRole, Stance, StatementKind

DAY0 = dt.date(2010, 1, 1)
DAYS = 14 * 365
EVENT_KINDS = [
    EventKind(k)
    for k in (
        "meeting",
        "roundtable",
        "summit",
        "session",
        "conference",
        "forum",
        "talks",
        "briefing",
        "visit",
        "signing",
    )
]
ROLES = [ParticipantRole(r) for r in ("chair", "speaker", "attendee", "delegate", "host")]
STATEMENT_KINDS = [StatementKind(k) for k in ("speech", "remarks", "reported_speech", "answer")]
STANCES = [Stance(s) for s in ("support", "general_support", "opposition", "reservation")]
TITLES = ["Secretary-General", "Minister of Foreign Affairs", "Ambassador", "Director"]
SUPPORT = {"support", "general_support", "conditional_support"}
TEXTS = [
    "The parties discussed cooperation in security and the economy.",
    "He drew attention to threats and challenges affecting common interests.",
    "She called for a political settlement and an inclusive peace process.",
    "The minister stressed the importance of connectivity and trade.",
]


# -- the corpus ------------------------------------------------------------------------


def build(total: int, seed: int = 7) -> list[cq.Entity]:
    """A deterministic corpus of ``total`` entities made with the model classes."""
    rng = random.Random(seed)
    n_people = total // 50
    n_orgs = total // 400
    n_states = max(1, min(200, total // 5000))
    n_events = total * 15 // 100
    n_statements = total * 60 // 100
    n_proposals = total * 20 // 100
    n_documents = total * 2 // 100
    n_memberships = total - (
        n_people + n_orgs + n_states + n_events + n_statements + n_proposals + n_documents
    )
    people = [f"person:p{i}" for i in range(n_people)]
    orgs = [f"org:o{i}" for i in range(n_orgs)]
    topics = [f"topic-{i}" for i in range(200)]
    # Dates are shared between entities, as a loader's cache would share them.
    days = [Date((DAY0 + dt.timedelta(days=d)).isoformat()) for d in range(DAYS)]
    months = {}
    years = {}
    entities: list[cq.Entity] = []
    half = n_people // 2
    for i, pid in enumerate(people):
        # Person i holds title i % 4 in org (i // 4) % n_orgs; the first half from
        # 2015-01 to 2019-12, the second half from 2020-01 with no end.
        org = orgs[(i // 4) % n_orgs]
        start, end = (Date("2015-01"), Date("2019-12")) if i < half else (Date("2020-01"), None)
        entities.append(
            Person(
                id=pid,
                name=f"Person {i}",
                posts=(Post(title=TITLES[i % 4], organization=org, start=start, end=end),),
            )
        )
    entities += [Organization(id=o, name=f"Organisation {i}") for i, o in enumerate(orgs)]
    states = [f"state:s{i}" for i in range(n_states)]
    # Two-letter codes the region registry knows, in a fixed order.
    codes = [c for a in range(26) for b in range(26) if is_region(c := chr(65 + a) + chr(65 + b))]
    entities += [
        State(id=s, name=f"State {i}", country=codes[i % len(codes)]) for i, s in enumerate(states)
    ]
    event_ids = [f"event:e{k}" for k in range(n_events)]
    event_people: list[tuple[str, ...]] = []
    for k, eid in enumerate(event_ids):
        d = k * DAYS // n_events
        roll = rng.random()
        if roll < 0.05:
            day = DAY0 + dt.timedelta(days=d)
            text = f"{day.year}-{day.month:02d}"
            date = months.setdefault(text, Date(text))
        elif roll < 0.07:
            text = str((DAY0 + dt.timedelta(days=d)).year)
            date = years.setdefault(text, Date(text))
        elif roll < 0.09:
            date = Date(days[d].edtf + "?")
        else:
            date = days[d]
        who = tuple(rng.sample(people, 3))
        event_people.append(who)
        entities.append(
            Event(
                id=eid,
                kind=EVENT_KINDS[k % len(EVENT_KINDS)],
                date=date,
                organisers=(orgs[rng.randrange(n_orgs)],),
                participants=tuple(
                    Participation(agent=p, roles=(ROLES[(k + j) % len(ROLES)],))
                    for j, p in enumerate(who)
                ),
                part_of=event_ids[k - 1] if k and k % 10 == 0 else None,
                topics=(topics[k % 200],),
            )
        )
    statement_ids = [f"statement:s{i}" for i in range(n_statements)]
    for i, sid in enumerate(statement_ids):
        k = i * n_events // n_statements
        entities.append(
            Statement(
                id=sid,
                kind=STATEMENT_KINDS[i % 4],
                speakers=(event_people[k][i % 3],),
                attribution=Attribution.REPORTED,
                event=event_ids[k],
                replies_to=statement_ids[i - 1] if i % 10 == 9 else None,
                topics=(topics[(i * 7) % 200],),
                text=TEXTS[i % 4],
            )
        )
    for i in range(n_proposals):
        s = i * n_statements // n_proposals
        k = s * n_events // n_statements
        entities.append(
            Proposal(
                id=f"proposal:q{i}",
                text=TEXTS[i % 4],
                proposers=(event_people[k][s % 3],),
                parties=(orgs[rng.randrange(n_orgs)], orgs[rng.randrange(n_orgs)]),
                statement=statement_ids[s],
                responses=(
                    Response(agent=people[rng.randrange(n_people)], stance=STANCES[i % 4]),
                    Response(agent=orgs[rng.randrange(n_orgs)], stance=STANCES[(i + 1) % 4]),
                ),
                topics=(topics[i % 200],),
            )
        )
    for i in range(n_documents):
        entities.append(
            Document(
                id=f"document:d{i}",
                title=f"Document {i}",
                kind="declaration",
                adopted=days[rng.randrange(DAYS)],
                adopted_by=(orgs[rng.randrange(n_orgs)],),
            )
        )
    for i in range(n_memberships):
        entities.append(
            Membership(
                id=f"membership:m{i}",
                member=states[i % n_states],
                organization=orgs[i % n_orgs],
                status="member",
                start=years.setdefault(str(2000 + i % 20), Date(str(2000 + i % 20))),
            )
        )
    assert len(entities) == total, len(entities)
    return entities


# -- the same data in DuckDB ----------------------------------------------------------------


def _bounds(date: Date | None) -> tuple[dt.date | None, dt.date | None, bool]:
    if date is None:
        return None, None, False
    return date.lower, date.upper, not (date.uncertain or date.approximate)


def load_duckdb(record: cq.Record) -> duckdb.DuckDBPyConnection:
    """Tables of the record, with each statement's and proposal's event and date
    resolved at load time (as a relational export would), and indexes on ids and agents."""
    tables: dict[str, dict[str, list[Any]]] = {
        name: {c: [] for c in cols}
        for name, cols in {
            "events": ("pos", "id", "kind", "part_of", "lo", "hi", "certain"),
            "event_agents": ("pos", "id", "agent", "role"),
            "statements": ("pos", "id", "event", "lo", "hi", "certain"),
            "statement_agents": ("pos", "id", "agent", "role"),
            "proposals": ("pos", "id", "event", "lo", "hi", "certain"),
            "proposal_agents": ("pos", "id", "agent", "role"),
            "responses": ("pos", "proposal", "agent", "stance"),
            "topics": ("pos", "id", "topic"),
            "posts": (
                "pos",
                "person",
                "organization",
                "title",
                "start_lo",
                "start_hi",
                "end_lo",
                "end_hi",
                "former",
            ),
        }.items()
    }

    def add(table: str, *values: Any) -> None:
        for column, value in zip(tables[table], values, strict=True):
            tables[table][column].append(value)

    find = record.find
    for pos, e in enumerate(record):
        if isinstance(e, Event):
            lo, hi, certain = _bounds(e.date)
            add("events", pos, e.id, str(e.kind), e.part_of, lo, hi, certain)
            for o in e.organisers:
                add("event_agents", pos, e.id, o, "organiser")
            for p in e.participants:
                for r in p.roles:
                    add("event_agents", pos, e.id, p.agent, str(r))
            for t in e.topics:
                add("topics", pos, e.id, t)
        elif isinstance(e, Statement):
            event = e.event
            if event is None and e.replies_to is not None:
                parent = find(e.replies_to)
                event = parent.event if isinstance(parent, Statement) else None
            found = find(event) if event else None
            lo, hi, certain = _bounds(e.date or (found.date if isinstance(found, Event) else None))
            add("statements", pos, e.id, event, lo, hi, certain)
            for a in e.speakers:
                add("statement_agents", pos, e.id, a, "speaker")
            for t in e.topics:
                add("topics", pos, e.id, t)
        elif isinstance(e, Proposal):
            statement = find(e.statement) if e.statement else None
            event = e.event or (statement.event if isinstance(statement, Statement) else None)
            found = find(event) if event else None
            lo, hi, certain = _bounds(e.date or (found.date if isinstance(found, Event) else None))
            add("proposals", pos, e.id, event, lo, hi, certain)
            for a in e.proposers:
                add("proposal_agents", pos, e.id, a, "proposer")
            for a in e.parties:
                add("proposal_agents", pos, e.id, a, "party")
            for r in e.responses:
                add("proposal_agents", pos, e.id, r.agent, "responder")
                add("responses", pos, e.id, r.agent, str(r.stance))
            for t in e.topics:
                add("topics", pos, e.id, t)
        elif isinstance(e, Person):
            for p in e.posts:
                s_lo, s_hi, _ = _bounds(p.start)
                e_lo, e_hi, _ = _bounds(p.end)
                add("posts", pos, e.id, p.organization, p.title, s_lo, s_hi, e_lo, e_hi, p.former)
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    for name, columns in tables.items():
        arrow = pa.table(columns)  # noqa: F841  (read by DuckDB's replacement scan)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM arrow")
    for table, column in [
        ("events", "id"),
        ("statements", "id"),
        ("proposals", "id"),
        ("event_agents", "agent"),
        ("statement_agents", "agent"),
        ("proposal_agents", "agent"),
        ("statements", "event"),
        ("events", "part_of"),
        ("topics", "topic"),
        ("responses", "proposal"),
        ("posts", "organization"),
    ]:
        con.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")
    return con


def sql(con: duckdb.DuckDBPyConnection, query: str, *params: object) -> Callable[[], list[str]]:
    def run() -> list[str]:
        return [row[0] for row in con.execute(query, list(params)).fetchall()]

    return run


# -- the questions -------------------------------------------------------------------------


def questions(
    record: cq.Record, con: duckdb.DuckDBPyConnection, rng: random.Random
) -> list[tuple[str, str, Callable[[], object], Callable[[], object], Callable[[], object]]]:
    entities = record.entities
    find = record.find
    statements_ = [e for e in entities if isinstance(e, Statement)]
    events_ = [e for e in entities if isinstance(e, Event)]
    proposals_ = [e for e in entities if isinstance(e, Proposal)]
    person = rng.choice([e for e in entities if isinstance(e, Person)]).id
    org = rng.choice([e for e in entities if isinstance(e, Organization)]).id
    statement = rng.choice(statements_).id
    replied = rng.choice([s.replies_to for s in statements_ if s.replies_to is not None])
    assert replied is not None
    parent = rng.choice([e.part_of for e in events_ if e.part_of is not None])
    proposal = rng.choice(proposals_).id
    day = "2021-05-04"
    d = dt.date(2021, 5, 4)
    assert parent is not None
    y0, y1 = dt.date(2020, 1, 1), dt.date(2020, 12, 31)
    q0, q1 = dt.date(2019, 1, 1), dt.date(2019, 3, 31)
    topic = "topic-42"

    def statement_date(s: Statement) -> Date | None:
        if s.date is not None:
            return s.date
        event = s.event
        if event is None and s.replies_to is not None:
            replied = find(s.replies_to)
            event = replied.event if isinstance(replied, Statement) else None
        found = find(event) if event else None
        return found.date if isinstance(found, Event) else None

    def proposal_date(p: Proposal) -> Date | None:
        if p.date is not None:
            return p.date
        s = find(p.statement) if p.statement else None
        return statement_date(s) if isinstance(s, Statement) else None

    def certainly_in(date: Date | None, lo: dt.date, hi: dt.date) -> bool:
        return (
            date is not None
            and not (date.uncertain or date.approximate)
            and date.lower is not None
            and date.upper is not None
            and lo <= date.lower
            and date.upper <= hi
        )

    def scan_point() -> list[str]:
        return [e.id for e in entities if e.id == statement][:1]

    def scan_by() -> list[str]:
        return [e.id for e in entities if isinstance(e, Statement) and person in e.speakers]

    def scan_chair() -> list[str]:
        return [
            e.id
            for e in entities
            if isinstance(e, Event)
            and any(p.agent == person and "chair" in p.roles for p in e.participants)
        ]

    def scan_involving_in_2020() -> list[str]:
        return [
            e.id
            for e in entities
            if isinstance(e, Proposal)
            and (org in e.proposers or org in e.parties or any(r.agent == org for r in e.responses))
            and certainly_in(proposal_date(e), y0, y1)
        ]

    def scan_at() -> list[str]:
        at = {parent} | {e.id for e in entities if isinstance(e, Event) and e.part_of == parent}
        return [e.id for e in entities if isinstance(e, Statement) and e.event in at]

    def scan_on() -> list[str]:
        return [e.id for e in entities if isinstance(e, Event) and certainly_in(e.date, d, d)]

    def scan_kind_between() -> list[str]:
        return [
            e.id
            for e in entities
            if isinstance(e, Event) and e.kind == "summit" and certainly_in(e.date, q0, q1)
        ]

    def scan_topic_year() -> list[str]:
        return [
            e.id
            for e in entities
            if isinstance(e, Statement)
            and topic in e.topics
            and certainly_in(statement_date(e), dt.date(2018, 1, 1), dt.date(2018, 12, 31))
        ]

    def scan_post() -> list[str]:
        when = dt.date(2020, 3, 4)
        return [
            e.id
            for e in entities
            if isinstance(e, Person)
            and any(
                p.organization == org
                and p.title == "Secretary-General"
                and (p.start is None or p.start.lower is None or p.start.lower <= when)
                and (p.end is None or p.end.upper is None or p.end.upper >= when)
                for p in e.posts
            )
        ]

    def scan_supporters() -> list[str]:
        found = next(e for e in entities if e.id == proposal)
        assert isinstance(found, Proposal)
        return [r.agent for r in found.responses if r.stance in SUPPORT]

    def scan_replies() -> list[str]:
        return [e.id for e in entities if isinstance(e, Statement) and e.replies_to == replied]

    order = " ORDER BY pos"
    return [
        (
            "point",
            "a statement by id",
            lambda: record.statements.with_id(statement).ids(),
            scan_point,
            sql(con, "SELECT id FROM statements WHERE id = ?", statement),
        ),
        (
            "point",
            "record.get(id)",
            lambda: [record.get(statement).id],
            scan_point,
            sql(con, "SELECT id FROM statements WHERE id = ?", statement),
        ),
        (
            "agent",
            "statements by a person",
            lambda: record.statements.by(person).ids(),
            scan_by,
            sql(
                con,
                "SELECT id FROM statement_agents WHERE agent = ? AND role = 'speaker'" + order,
                person,
            ),
        ),
        (
            "agent",
            "events a person chaired",
            lambda: record.events.involving(person, roles=["chair"]).ids(),
            scan_chair,
            sql(
                con,
                "SELECT id FROM event_agents WHERE agent = ? AND role = 'chair'" + order,
                person,
            ),
        ),
        (
            "agent",
            "proposals involving an org in 2020",
            lambda: record.proposals.involving(org).between("2020-01-01", "2020-12-31").ids(),
            scan_involving_in_2020,
            sql(
                con,
                "SELECT p.id FROM proposals p WHERE p.id IN (SELECT id FROM proposal_agents"
                " WHERE agent = ?) AND p.certain AND p.lo >= DATE '2020-01-01'"
                " AND p.hi <= DATE '2020-12-31'" + order,
                org,
            ),
        ),
        (
            "agent",
            "who held a post on a day",
            lambda: [p.id for p in record.held_post_on(org, "Secretary-General", "2020-03-04")],
            scan_post,
            sql(
                con,
                "SELECT person FROM posts WHERE organization = ? AND title = 'Secretary-General'"
                " AND (start_lo IS NULL OR start_lo <= DATE '2020-03-04')"
                " AND (end_hi IS NULL OR end_hi >= DATE '2020-03-04')" + order,
                org,
            ),
        ),
        (
            "navigation",
            "supporters of a proposal",
            lambda: [a.id for a in record.supporters_of(proposal)],
            scan_supporters,
            sql(
                con,
                "SELECT agent FROM responses WHERE proposal = ? AND stance IN"
                " ('support', 'general_support', 'conditional_support')" + order,
                proposal,
            ),
        ),
        (
            "navigation",
            "replies to a statement",
            lambda: record.replies_to(replied).ids(),
            scan_replies,
            _replies_sql(con, replied),
        ),
        (
            "event",
            "statements at an event and its parts",
            lambda: record.statements.at(parent).ids(),
            scan_at,
            sql(
                con,
                "SELECT id FROM statements WHERE event = ? OR event IN"
                " (SELECT id FROM events WHERE part_of = ?)" + order,
                parent,
                parent,
            ),
        ),
        (
            "date",
            "events on a day",
            lambda: record.events.on(day).ids(),
            scan_on,
            sql(con, "SELECT id FROM events WHERE certain AND lo >= ? AND hi <= ?" + order, d, d),
        ),
        (
            "date",
            "summits in a quarter",
            lambda: record.events.of_kind("summit").between("2019-01-01", "2019-03-31").ids(),
            scan_kind_between,
            sql(
                con,
                "SELECT id FROM events WHERE kind = 'summit' AND certain AND lo >= ? AND hi <= ?"
                + order,
                q0,
                q1,
            ),
        ),
        (
            "topic",
            "statements on a topic in a year",
            lambda: record.statements.about(topic).between("2018-01-01", "2018-12-31").ids(),
            scan_topic_year,
            sql(
                con,
                "SELECT s.id FROM statements s WHERE s.id IN (SELECT id FROM topics WHERE topic = ?)"
                " AND s.certain AND s.lo >= DATE '2018-01-01' AND s.hi <= DATE '2018-12-31'"
                + order,
                topic,
            ),
        ),
    ]


def _replies_sql(con: duckdb.DuckDBPyConnection, statement: str) -> Callable[[], list[str]]:
    # The replies_to column is not in the statements table above; keep it in its own.
    return sql(con, "SELECT id FROM replies WHERE replies_to = ? ORDER BY pos", statement)


# -- timing --------------------------------------------------------------------------------


def per_call(fn: Callable[[], object], budget: float) -> float:
    """The median time of a call of ``fn``, over as many calls as fit in ``budget``
    (at least one)."""
    times: list[float] = []
    spent = 0.0
    while not times or spent < budget:
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        spent += times[-1]
    return statistics.median(times)


def medians(fns: Sequence[Callable[[], object]], rounds: int, budget: float) -> list[float]:
    """The median over ``rounds`` of each function's time per call. The functions take
    turns within each round, so that a machine shared with other work slows them alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for fn, found in zip(fns, times, strict=True):
            found.append(per_call(fn, budget))
    return [statistics.median(t) for t in times]


def rss_mb() -> float | None:
    """The resident memory of this process in MB, where /proc tells it (Linux)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
    except OSError:
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


# One attribute of each facet of the index, each built by the first question that
# needs it (see communique._index): reading it builds the facet.
FACETS = {
    "kinds": "by_kind",
    "agents": "by_agent",
    "events": "by_event",
    "topics": "by_topic",
    "links": "parts",
    "dates": "dates",
}


def index_cost(record: cq.Record) -> tuple[float, float | None]:
    """Build the record's indexes, the positions by id and class first, then each
    facet, and print the time and the growth of resident memory of each and in all."""
    print("index          build time   memory")
    rows: list[tuple[str, float, float | None]] = []

    def timed(name: str, build: Callable[[], object]) -> None:
        gc.collect()
        before = rss_mb()
        t = time.perf_counter()
        build()
        took = time.perf_counter() - t
        after = rss_mb()
        grown = after - before if before is not None and after is not None else None
        rows.append((name, took, grown))
        shown = f"{grown:7,.0f} MB" if grown is not None else "      ? MB"
        print(f"{name:<14} {took:8.2f} s {shown}")

    timed("ids, classes", record.query_index)
    index = record.query_index()
    for name, attribute in FACETS.items():
        timed(name, lambda attribute=attribute: getattr(index, attribute))
    took = sum(r[1] for r in rows)
    grown = None if any(r[2] is None for r in rows) else sum(r[2] or 0.0 for r in rows)
    shown = f"{grown:7,.0f} MB" if grown is not None else "      ? MB"
    print(f"{'total':<14} {took:8.2f} s {shown}  (once per record)")
    return took, grown


# The target for the indexes of a record of a million entities: every facet built, in
# all, within this time and this growth of memory.
TARGET_ENTITIES: Final = 1_000_000
TARGET_SECONDS: Final = 5.0
TARGET_MB: Final = 150.0


def judge_index(entities: int, took: float, grown: float | None) -> str:
    """Whether the index cost meets the target, in a line."""
    target = f"<= {TARGET_SECONDS:g} s and <= {TARGET_MB:g} MB at {TARGET_ENTITIES:,} entities"
    if entities != TARGET_ENTITIES:
        return f"target {target}: not judged at {entities:,}"
    if grown is None:
        return f"target {target}: memory not measured on this system"
    met = took <= TARGET_SECONDS and grown <= TARGET_MB
    return f"target {target}: {took:.2f} s, {grown:,.0f} MB  {'MET' if met else 'MISSED'}"


def fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:8.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:8.2f} ms"
    return f"{seconds:8.2f} s "


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 1,000,000 entities")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of each question")
    args = parser.parse_args(argv)
    total = int(1_000_000 * args.scale)

    print(f"Python {sys.version.split()[0]}, duckdb {duckdb.__version__}, {os.cpu_count()} cpus")
    t = time.perf_counter()
    gc.disable()  # a bulk build of small objects; the collector is back on for the questions
    entities = build(total)
    gc.enable()
    record = cq.Record(entities)
    gc.collect()
    print(f"corpus: {len(record):,} entities built in {time.perf_counter() - t:.1f} s")

    print(judge_index(len(record), *index_cost(record)))

    t = time.perf_counter()
    con = load_duckdb(record)
    replies = [
        (i, e.id, e.replies_to)
        for i, e in enumerate(record)
        if isinstance(e, Statement) and e.replies_to is not None
    ]
    replies_table = pa.table(  # noqa: F841  (read by DuckDB's replacement scan)
        {
            "pos": [r[0] for r in replies],
            "id": [r[1] for r in replies],
            "replies_to": [r[2] for r in replies],
        }
    )
    con.execute("CREATE TABLE replies AS SELECT * FROM replies_table")
    con.execute("CREATE INDEX replies_to ON replies (replies_to)")
    print(f"duckdb tables loaded and indexed in {time.perf_counter() - t:.1f} s")

    rows = []
    for group, name, query, scan, db in questions(record, con, random.Random(11)):
        answers = [sorted(map(str, f())) for f in (query, scan, db)]  # type: ignore[call-overload]
        if not (answers[0] == answers[1] == answers[2]):
            raise SystemExit(f"answers differ for {name!r}: {answers}")
        q, s, d = medians((query, scan, db), rounds=args.rounds, budget=0.05)
        rows.append((group, name, len(answers[0]), q, s, d))

    print()
    header = f"{'question':<38} {'answer':>6} {'query':>11} {'scan':>11} {'duckdb':>11} {'scan/query':>11} {'duckdb/query':>13}"
    print(header)
    print("-" * len(header))
    for group, name, size, q, s, d in rows:
        print(
            f"{group + ': ' + name:<38} {size:>6} {fmt(q):>11} {fmt(s):>11} {fmt(d):>11}"
            f" {s / q:>10,.0f}x {d / q:>12,.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
