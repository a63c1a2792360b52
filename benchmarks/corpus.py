"""A deterministic generator of realistic corpora for the benchmarks.

``generate(size, seed)`` returns ``size`` entities as plain data, written the way
communique writes them (``"type"`` first, then ``"id"``, the class's own fields,
and ``identifiers``, ``evidence`` and ``note`` last; defaults left out), so that
the bytes of a corpus are the bytes every library under test must load and dump.

The mix follows what a corpus of diplomatic records holds: sources with their text,
states, organisations, unnamed groups, people with the posts they hold or held,
documents, events with 3 to 30 participants, memberships, statements with
evidence quoted from their source, and proposals with responses, status changes
and recorded votes. Dates are exact, partial (a month, a year), uncertain, or
inferred from a phrase of the source. The same size and seed always give the same
corpus::

    python benchmarks/corpus.py 1000 --seed 7 > corpus.jsonl

``generate(size, seed, shape="curated")`` gives the same entities reworked into the
shape of a record curated by hand from its sources (the seed record,
``examples/sco_aies_roundtable/record.yaml``): evidence quoted with its offsets on
most entities, posts and participations, some of it with a note; most dates given
with the phrase of the source and the basis of the reading, some as intervals
(bounds); notes on many entities; quotes and names with no-break spaces and curly
quotation marks, as press releases have them.

``other_writers_jsonl(entities)`` writes the same entities as many other tools write
JSON (the standard library's ``json.dumps`` defaults: a space after ``:`` and ``,``,
``\\uXXXX`` escapes for every character beyond ASCII) with the keys of every object in
reverse order.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from typing import Any

import orjson

__all__ = [
    "SHAPES",
    "document_bytes",
    "generate",
    "jsonl_bytes",
    "other_writers_jsonl",
    "yaml_text",
]

#: The shapes of corpus :func:`generate` makes.
SHAPES = ("suite", "curated")

Data = dict[str, Any]

_COUNTRIES = [
    ("AT", "Austria"), ("CN", "China"), ("RU", "Russia"), ("IN", "India"), ("PK", "Pakistan"),
    ("KZ", "Kazakhstan"), ("KG", "Kyrgyzstan"), ("TJ", "Tajikistan"), ("UZ", "Uzbekistan"),
    ("IR", "Iran"), ("BY", "Belarus"), ("MN", "Mongolia"), ("AF", "Afghanistan"),
    ("TR", "Turkey"), ("AZ", "Azerbaijan"), ("AM", "Armenia"), ("KH", "Cambodia"),
    ("NP", "Nepal"), ("LK", "Sri Lanka"), ("DE", "Germany"), ("FR", "France"),
    ("GB", "United Kingdom"), ("US", "United States"), ("JP", "Japan"), ("KR", "South Korea"),
    ("BR", "Brazil"), ("ZA", "South Africa"), ("EG", "Egypt"), ("NG", "Nigeria"),
    ("ET", "Ethiopia"), ("KE", "Kenya"), ("MX", "Mexico"), ("AR", "Argentina"),
    ("CL", "Chile"), ("IT", "Italy"), ("ES", "Spain"), ("PL", "Poland"), ("SE", "Sweden"),
    ("NO", "Norway"), ("FI", "Finland"), ("CH", "Switzerland"), ("BE", "Belgium"),
    ("NL", "Netherlands"), ("SA", "Saudi Arabia"), ("AE", "United Arab Emirates"),
    ("QA", "Qatar"), ("ID", "Indonesia"), ("MY", "Malaysia"), ("VN", "Viet Nam"),
    ("TH", "Thailand"), ("PH", "Philippines"), ("AU", "Australia"), ("CA", "Canada"),
]  # fmt: skip
_FIRST = [
    "Vladimir", "Anna", "Li", "Sergei", "Maria", "Rashid", "Elena", "Zhang", "Aigul",
    "Thomas", "Fatima", "Olga", "Jamshid", "Kerstin", "Arjun", "Nadia", "Bakhyt", "Hiroshi",
    "Ingrid", "Omar", "Laila", "Pavel", "Wang", "Dilnoza", "Karl", "Sofia", "Amir", "Chen",
]  # fmt: skip
_LAST = [
    "Norov", "Schmidt", "Wei", "Ivanov", "Petrova", "Khan", "Karimova", "Ming", "Tokayeva",
    "Gruber", "Haidari", "Sokolova", "Rakhimov", "Lindqvist", "Mehta", "Aliyeva", "Sultanov",
    "Tanaka", "Berg", "Farouk", "Nazarova", "Kuznetsov", "Jun", "Yusupova", "Huber", "Rossi",
]  # fmt: skip
_ORG_FORMS = [
    ("Institute for {} Studies", "research_institute"),
    ("Ministry of {}", "ministry"),
    ("{} Cooperation Organisation", "intergovernmental_organization"),
    ("Centre for {} Policy", "research_institute"),
    ("{} Forum", "forum"),
    ("Permanent Mission on {}", "diplomatic_mission"),
    ("Council on {}", "permanent_body"),
    ("{} Secretariat", "secretariat"),
]  # fmt: skip
_THEMES = [
    "Security", "Energy", "Trade", "Migration", "Climate", "Health", "Transport", "Water",
    "Drug Control", "Digital Economy", "Counter-Terrorism", "Culture", "Education", "Finance",
]  # fmt: skip
_TOPICS = [
    "security", "counter-terrorism", "drug-trafficking", "trade", "energy", "climate",
    "connectivity", "health", "education", "tourism", "finance", "agriculture", "water",
]  # fmt: skip
_POSTS = [
    "Secretary-General", "Minister of Foreign Affairs", "Deputy Minister", "Ambassador",
    "Director", "Permanent Representative", "Head of Department", "Senior Fellow",
    "Defence Minister", "Special Envoy", "Chair of the Board", "Spokesperson",
]  # fmt: skip
_EVENT_KINDS = [
    "meeting", "bilateral_meeting", "multilateral_meeting", "roundtable", "summit", "session",
    "conference", "forum", "seminar", "talks", "consultations", "press_conference", "briefing",
]  # fmt: skip
_ROLES = ["host", "chair", "speaker", "attendee", "participant", "delegate", "moderator",
          "observer", "questioner", "respondent"]  # fmt: skip
_STATEMENT_KINDS = ["speech", "remarks", "statement", "reported_speech", "quote", "question",
                    "answer", "commitment", "position", "assessment", "appeal"]  # fmt: skip
_ATTRIBUTIONS = ["direct_quote", "reported", "paraphrase", "summary"]
_STANCES = ["support", "general_support", "conditional_support", "opposition", "abstention",
            "reservation", "neutral", "noted"]  # fmt: skip
_PROPOSAL_STATUSES = ["proposed", "under_consideration", "endorsed", "adopted", "rejected"]
_DOCUMENT_KINDS = ["charter", "convention", "agreement", "memorandum", "strategy", "roadmap",
                   "programme", "action_plan", "resolution", "draft_resolution", "declaration",
                   "joint_statement", "report"]  # fmt: skip
_DOCUMENT_STATUSES = ["draft", "adopted", "signed", "in_force"]
_MEMBERSHIP_STATUSES = ["member", "founding_member", "observer", "dialogue_partner", "guest"]
_SOURCE_KINDS = ["press_release", "news_article", "transcript", "official_record"]
_VERBS = ["stressed", "noted", "underlined", "welcomed", "proposed", "called for", "recalled",
          "expressed support for", "reaffirmed", "pointed out"]  # fmt: skip
_OBJECTS = [
    "closer cooperation in countering drug trafficking",
    "the importance of dialogue between research centres",
    "joint projects in the field of transport connectivity",
    "an expert working group on energy security",
    "the exchange of information on terrorist threats",
    "a roadmap for trade facilitation until 2025",
    "the role of the organisation in promoting peace and stability",
    "regular consultations at the level of deputy ministers",
    "support for the peace process in Afghanistan",
    "a network of universities for joint degree programmes",
]  # fmt: skip
_PHRASES = [("On {day} {month}", "the year is not stated; taken from the publication date"),
            ("last {month}", "resolved against the publication date of the source"),
            ("in early {month}", "the day is not stated")]  # fmt: skip
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]  # fmt: skip

# Share of each kind of entity in a corpus (states are added up to the list above).
_MIX = [
    ("source", 0.04),
    ("organization", 0.06),
    ("group", 0.02),
    ("person", 0.18),
    ("document", 0.05),
    ("event", 0.15),
    ("membership", 0.05),
    ("statement", 0.30),
    ("proposal", 0.13),
]


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-").replace("--", "-")


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.sources: list[tuple[str, str, list[tuple[int, int]]]] = []
        self.ids: dict[str, list[str]] = {}

    def pick(self, kind: str) -> str:
        return self.rng.choice(self.ids[kind])

    def sample(self, kind: str, k: int) -> list[str]:
        pool = self.ids[kind]
        return self.rng.sample(pool, min(k, len(pool)))

    def agent(self) -> str:
        return self.pick(self.rng.choice(("person", "person", "person", "organization", "state")))

    def body(self) -> str:
        return self.pick(self.rng.choice(("organization", "state")))

    def day(self, year_from: int = 2015, year_to: int = 2024) -> str:
        r = self.rng
        return f"{r.randint(year_from, year_to)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"

    def date(self) -> str | Data:
        """Exact, partial, uncertain or inferred, in the proportions of real sources."""
        r = self.rng
        choice = r.random()
        if choice < 0.55:
            return self.day()
        if choice < 0.70:
            return f"{r.randint(2015, 2024)}-{r.randint(1, 12):02d}"
        if choice < 0.78:
            return str(r.randint(2005, 2024))
        if choice < 0.83:
            return self.day() + r.choice("?~")
        month = r.randint(1, 12)
        day = r.randint(1, 28)
        phrase, basis = r.choice(_PHRASES)
        return {
            "edtf": f"{r.randint(2015, 2024)}-{month:02d}-{day:02d}",
            "inferred": True,
            "phrase": phrase.format(day=day, month=_MONTHS[month - 1]),
            "basis": basis,
        }

    def evidence(self, k: int) -> list[Data]:
        out = []
        for _ in range(k):
            source, text, spans = self.rng.choice(self.sources)
            start, end = self.rng.choice(spans)
            out.append({"source": source, "quote": text[start:end], "start": start, "end": end})
        return out

    def sentence(self) -> str:
        r = self.rng
        name = f"{r.choice(_FIRST)} {r.choice(_LAST)}"
        return f"{name} {r.choice(_VERBS)} {r.choice(_OBJECTS)}."

    # -- one function per kind of entity ----------------------------------------------

    def source(self, n: int) -> Data:
        r = self.rng
        sentences = [self.sentence() for _ in range(r.randint(6, 16))]
        text = " ".join(sentences)
        spans, offset = [], 0
        for s in sentences:
            spans.append((offset, offset + len(s)))
            offset += len(s) + 1
        sid = f"source:{n:06d}-{r.choice(_SOURCE_KINDS).replace('_', '-')}"
        self.sources.append((sid, text, spans))
        data: Data = {"type": "source", "id": sid, "title": f"{r.choice(_THEMES)} briefing {n}"}
        data["kind"] = r.choice(_SOURCE_KINDS)
        if self.ids.get("organization"):
            data["publisher"] = self.pick("organization")
        data["date"] = self.day()
        data["url"] = f"https://example.org/news/{n}"
        data["language"] = "en"
        data["text"] = text
        return data

    def state(self, code: str, name: str) -> Data:
        return {"type": "state", "id": f"state:{code.lower()}", "name": name, "country": code}

    def organization(self, n: int) -> Data:
        r = self.rng
        form, kind = r.choice(_ORG_FORMS)
        theme = r.choice(_THEMES)
        name = form.format(theme)
        data: Data = {"type": "organization", "id": f"org:{_slug(name)}-{n}", "name": name}
        data["kind"] = kind
        if r.random() < 0.5:
            data["acronym"] = "".join(w[0] for w in name.split() if w[0].isupper())
        if r.random() < 0.3 and self.ids.get("organization"):
            data["parent"] = self.pick("organization")
        if r.random() < 0.6:
            data["country"] = r.choice(_COUNTRIES)[0]
        if r.random() < 0.4:
            data["founded"] = str(r.randint(1950, 2015))
        return data

    def group(self, n: int) -> Data:
        r = self.rng
        country, name = r.choice(_COUNTRIES)
        data: Data = {
            "type": "group",
            "id": f"group:experts-{n}",
            "name": f"experts from research centres of {name}",
        }
        data["drawn_from"] = self.sample("organization", r.randint(1, 3))
        data["country"] = country
        data["evidence"] = self.evidence(1)
        return data

    def person(self, n: int) -> Data:
        r = self.rng
        first, last = r.choice(_FIRST), r.choice(_LAST)
        data: Data = {
            "type": "person",
            "id": f"person:{_slug(first)}-{_slug(last)}-{n}",
            "name": f"{first} {last}",
        }
        if r.random() < 0.3:
            data["honorific"] = r.choice(("Mr", "Ms", "Dr", "H.E."))
        posts = []
        for _ in range(r.randint(1, 3)):
            post: Data = {"title": r.choice(_POSTS), "organization": self.body()}
            if r.random() < 0.5:
                post["start"] = self.date()
            if r.random() < 0.25:
                post["former"] = True
            if r.random() < 0.3:
                post["evidence"] = self.evidence(1)
            posts.append(post)
        data["posts"] = posts
        if r.random() < 0.2:
            data["identifiers"] = [{"scheme": "wikidata", "value": f"Q{r.randint(1000, 99999999)}"}]
        return data

    def document(self, n: int) -> Data:
        r = self.rng
        kind = r.choice(_DOCUMENT_KINDS)
        theme = r.choice(_THEMES)
        data: Data = {
            "type": "document",
            "id": f"document:{kind.replace('_', '-')}-{n}",
            "title": f"{kind.replace('_', ' ').capitalize()} on {theme}",
            "kind": kind,
        }
        data["status"] = r.choice(_DOCUMENT_STATUSES)
        if r.random() < 0.6:
            data["adopted"] = self.date()
        data["adopted_by"] = self.sample("organization", r.randint(1, 2))
        data["parties"] = self.sample("state", r.randint(2, 8))
        data["language"] = "en"
        data["topics"] = r.sample(_TOPICS, r.randint(1, 3))
        if kind in ("resolution", "draft_resolution"):
            symbol = f"A/RES/{r.randint(60, 79)}/{r.randint(1, 300)}"
            data["identifiers"] = [{"scheme": "un-symbol", "value": symbol}]
        return data

    def event(self, n: int) -> Data:
        r = self.rng
        kind = r.choice(_EVENT_KINDS)
        theme = r.choice(_THEMES)
        data: Data = {
            "type": "event",
            "id": f"event:{n:06d}-{kind.replace('_', '-')}",
            "kind": kind,
            "title": f"{kind.replace('_', ' ').capitalize()} on {theme}",
        }
        data["date"] = self.date()
        country, name = r.choice(_COUNTRIES)
        data["place"] = {
            "name": f"Conference centre of {name}",
            "locality": name,
            "country": country,
        }
        if r.random() < 0.5:
            data["attendance"] = r.choice(("in_person", "online", "hybrid"))
        data["organisers"] = self.sample("organization", r.randint(1, 2))
        participants = []
        for agent in self.sample("person", r.randint(3, 30)):
            part: Data = {"agent": agent, "roles": r.sample(_ROLES, r.randint(1, 2))}
            if r.random() < 0.4:
                part["on_behalf_of"] = self.body()
            if r.random() < 0.3:
                part["capacity"] = r.choice(_POSTS)
            if r.random() < 0.1:
                part["evidence"] = self.evidence(1)
            participants.append(part)
        data["participants"] = participants
        events = self.ids.get("event")
        if events and r.random() < 0.15:
            data["part_of"] = r.choice(events)
        data["topics"] = r.sample(_TOPICS, r.randint(1, 3))
        data["evidence"] = self.evidence(r.randint(0, 2))
        return data

    def membership(self, n: int) -> Data:
        r = self.rng
        data: Data = {
            "type": "membership",
            "id": f"membership:{n:06d}",
            "member": self.pick("state"),
            "organization": self.pick("organization"),
            "status": r.choice(_MEMBERSHIP_STATUSES),
            "start": str(start := r.randint(1996, 2020)),
        }
        if r.random() < 0.2:
            data["end"] = self.day(start + 1, 2024)
        if r.random() < 0.3:
            data["started_by"] = self.pick("event")
        return data

    def statement(self, n: int) -> Data:
        r = self.rng
        kind = r.choice(_STATEMENT_KINDS)
        attribution = r.choice(_ATTRIBUTIONS)
        speakers = [self.pick("person")] if r.random() < 0.9 else self.sample("state", 2)
        data: Data = {
            "type": "statement",
            "id": f"statement:{n:06d}",
            "kind": kind,
            "speakers": speakers,
            "attribution": attribution,
            "text": " ".join(self.sentence() for _ in range(r.randint(1, 3))),
            "language": "en",
        }
        if attribution == "reported":
            data["reported_by"] = self.pick("organization")
        data["event"] = self.pick("event")
        data["date"] = self.date()
        statements = self.ids.get("statement")
        if kind == "answer" and statements:
            data["replies_to"] = r.choice(statements)
        data["topics"] = r.sample(_TOPICS, r.randint(1, 2))
        if r.random() < 0.05:
            data["translated"] = False
        data["evidence"] = self.evidence(r.randint(1, 2))
        return data

    def proposal(self, n: int) -> Data:
        r = self.rng
        data: Data = {
            "type": "proposal",
            "id": f"proposal:{n:06d}",
            "text": f"to establish {r.choice(_OBJECTS)}",
            "proposers": self.sample("state", r.randint(1, 3)),
        }
        if r.random() < 0.3:
            data["cosponsors"] = self.sample("state", r.randint(1, 6))
        data["parties"] = self.sample("organization", r.randint(1, 2))
        data["event"] = self.pick("event")
        if self.ids.get("statement") and r.random() < 0.6:
            data["statement"] = self.pick("statement")
        data["date"] = self.date()
        data["topics"] = r.sample(_TOPICS, r.randint(1, 2))
        data["statuses"] = [
            {"status": s, "date": self.day()} for s in _PROPOSAL_STATUSES[: r.randint(1, 3)]
        ]
        responses = []
        for agent in self.sample("state", r.randint(0, 10)):
            response: Data = {"agent": agent, "stance": r.choice(_STANCES)}
            if r.random() < 0.5:
                response["date"] = self.day()
            if r.random() < 0.3:
                response["evidence"] = self.evidence(1)
            responses.append(response)
        if responses:
            data["responses"] = responses
        if r.random() < 0.3:
            votes = [
                {
                    "agent": s,
                    "position": r.choice(("in_favour", "in_favour", "against", "abstaining")),
                }
                for s in self.sample("state", r.randint(5, 15))
            ]
            counts = [
                sum(v["position"] == p for v in votes)
                for p in ("in_favour", "against", "abstaining")
            ]
            data["decision"] = {
                "method": "recorded_vote",
                "outcome": "adopted" if counts[0] > counts[1] else "rejected",
                "body": self.pick("organization"),
                "date": self.day(),
                "tally": {"in_favour": counts[0], "against": counts[1], "abstaining": counts[2]},
                "votes": votes,
            }
        if r.random() < 0.15:
            amount = f"{r.randint(1, 900) * 10_000}.00"
            data["amounts"] = [{"value": amount, "currency": r.choice(("USD", "EUR", "CNY"))}]
        data["evidence"] = self.evidence(1)
        return data


def generate(size: int, seed: int = 0, shape: str = "suite") -> list[Data]:
    """``size`` entities of every kind (at least one of each), as plain data, in
    one of the :data:`SHAPES`."""
    if shape not in SHAPES:
        raise ValueError(f"no shape {shape!r}: one of {', '.join(SHAPES)}")
    g = _Curated(seed) if shape == "curated" else _Generator(seed)
    counts = {kind: max(1, round(size * share)) for kind, share in _MIX}
    n_states = min(len(_COUNTRIES), max(2, size // 50))
    counts["statement"] += size - n_states - sum(counts.values())
    out: list[Data] = []

    def add(kind: str, make: Callable[[int], Data]) -> None:
        for n in range(counts[kind]):
            data = make(n)
            g.ids.setdefault(kind, []).append(data["id"])
            out.append(data)

    for code, name in _COUNTRIES[:n_states]:
        out.append(g.state(code, name))
        g.ids.setdefault("state", []).append(out[-1]["id"])
    add("organization", g.organization)
    add("source", g.source)
    add("group", g.group)
    add("person", g.person)
    add("document", g.document)
    add("event", g.event)
    add("membership", g.membership)
    add("statement", g.statement)
    add("proposal", g.proposal)
    for data in out:  # leave out what the format leaves out: empty lists
        if data.get("evidence") == []:
            del data["evidence"]
    if shape == "curated":
        g.curate(out)
    return out


class _Curated(_Generator):
    """The generator of the curated shape: the same mix of entities, with sentences
    written as press releases write names and quotations, then reworked (see
    :meth:`curate`) with a random generator of its own."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.extra = random.Random(seed + 1_000_003)

    def sentence(self) -> str:
        r = self.rng
        title = r.choice(("Mr", "Ms", "Dr", "H.E."))
        name = f"{title}\u00a0{r.choice(_FIRST)}\u00a0{r.choice(_LAST)}"
        said = f"\u201c{r.choice(_OBJECTS)}\u201d" if r.random() < 0.4 else r.choice(_OBJECTS)
        return f"{name} {r.choice(_VERBS)} {said}."

    def quoted(self) -> Data:
        span = self.evidence(1)[0]
        r = self.extra
        if r.random() < 0.15:
            span["note"] = (
                f"The text names the speaker only as \u201c{r.choice(_POSTS)}\u201d here; "
                f"the name is given {r.randint(2, 40)} sentences earlier."
            )
        return span

    def phrased(self, date: object) -> object:
        """A date of the corpus as a curator records it: with the phrase it was read
        from and the basis of the reading, sometimes as bounds."""
        r = self.extra
        if isinstance(date, dict) or r.random() < 0.25:
            return date
        text = str(date).rstrip("?~")
        if r.random() < 0.2 and len(text) == 10:
            year, month, day = (int(x) for x in text.split("-"))
            later = f"{year}-{month:02d}-{min(28, day + r.randint(1, 9)):02d}"
            return {
                "edtf": f"{text}/{later}",
                "inferred": True,
                "phrase": "after the conclusion of the talks",
                "basis": "After the talks of the first day and no later than the "
                "closing session, which the source dates.",
            }
        phrase = "in " + text if len(text) == 4 else f"on {text}"
        return {"edtf": date, "phrase": phrase}

    def curate(self, entities: list[Data]) -> None:
        r = self.extra
        for data in entities:
            for key in ("date", "adopted", "founded", "start", "end"):
                if key in data:
                    data[key] = self.phrased(data[key])
            for post in data.get("posts", ()):
                if "start" in post:
                    post["start"] = self.phrased(post["start"])
                if "evidence" not in post and r.random() < 0.7:
                    post["evidence"] = [self.quoted()]
            for part in data.get("participants", ()):
                if "capacity" not in part and r.random() < 0.5:
                    part["capacity"] = r.choice(_POSTS)
                    if "evidence" in part:  # after the capacity, as communique writes it
                        part["evidence"] = part.pop("evidence")
                if "evidence" not in part and r.random() < 0.8:
                    part["evidence"] = [self.quoted() for _ in range(r.randint(1, 2))]
            for response in data.get("responses", ()):
                if "evidence" not in response and r.random() < 0.6:
                    response["evidence"] = [self.quoted()]
            # Evidence and a note come last in an entity, as communique writes them.
            if "evidence" not in data and data["type"] != "source" and r.random() < 0.85:
                data["evidence"] = [self.quoted() for _ in range(r.randint(1, 3))]
            if r.random() < 0.4:
                data["note"] = (
                    f"The text calls it only \u201c{r.choice(_THEMES)}\u201d; the full name "
                    f"is taken from the {r.choice(_SOURCE_KINDS).replace('_', ' ')} of "
                    f"{r.randint(1, 28)} {r.choice(_MONTHS)} {r.randint(2015, 2024)}."
                )


def jsonl_bytes(entities: list[Data]) -> bytes:
    """One entity a line, as communique writes JSON Lines."""
    return b"".join(orjson.dumps(e, option=orjson.OPT_APPEND_NEWLINE) for e in entities)


def document_bytes(entities: list[Data]) -> bytes:
    """The canonical JSON document, compact."""
    return orjson.dumps({"communique": "1.0", "entities": entities})


def _reversed_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _reversed_keys(value[k]) for k in reversed(value)}
    if isinstance(value, list):
        return [_reversed_keys(v) for v in value]
    return value


def other_writers_jsonl(entities: list[Data]) -> bytes:
    """The same entities as other tools write JSON Lines (see the module's text)."""
    import json

    return "".join(json.dumps(_reversed_keys(e)) + "\n" for e in entities).encode("ascii")


def yaml_text(entities: list[Data]) -> str:
    """The record as a YAML document, as a person would write it."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    document = {"communique": "1.0", "entities": entities}
    return yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="how many entities")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shape", choices=SHAPES, default="suite")
    parser.add_argument("--format", choices=("jsonl", "json", "yaml"), default="jsonl")
    args = parser.parse_args(argv)
    entities = generate(args.size, args.seed, args.shape)
    if args.format == "yaml":
        sys.stdout.write(yaml_text(entities))
    else:
        data = jsonl_bytes(entities) if args.format == "jsonl" else document_bytes(entities)
        sys.stdout.buffer.write(data)


if __name__ == "__main__":
    main()
