"""A deterministic generator of realistic communique entities, as plain data,
one at a time: a million of them are written in constant memory.

The mix follows what records of diplomatic activity hold: for every source, a
few people with the posts they hold, organisations, events with participants
in several roles, and statements with evidence quoted from the source. The same
``n`` and ``seed`` always give the same entities, in the same order.

    python benchmarks/io_corpus.py 1000 > sample.jsonl
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from typing import Any

_GIVEN = (
    "Anna",
    "Vladimir",
    "Li",
    "Fatima",
    "Jonas",
    "Aigerim",
    "Rashid",
    "Elena",
    "Kenji",
    "Maria",
)
_FAMILY = (
    "Norov",
    "Schmidt",
    "Wang",
    "Karimova",
    "Berg",
    "Nurlanovna",
    "Aliyev",
    "Popescu",
    "Sato",
)
_TITLES = (
    "Secretary-General",
    "Deputy Director",
    "Minister of Foreign Affairs",
    "Ambassador",
    "Head of Unit",
)
_EVENT_KINDS = ("meeting", "roundtable", "summit", "session", "press_conference", "talks", "forum")
_ROLES = ("host", "chair", "speaker", "participant", "delegate", "observer", "moderator")
_STATEMENT_KINDS = ("speech", "remarks", "statement", "reported_speech", "answer", "commitment")
_TOPICS = (
    "security",
    "drug-trafficking",
    "trade",
    "connectivity",
    "climate",
    "terrorism",
    "health",
)
_WORDS = (
    "cooperation",
    "regional",
    "security",
    "stability",
    "dialogue",
    "partnership",
    "development",
    "counter",
    "terrorism",
    "trafficking",
    "connectivity",
    "economic",
    "initiative",
    "mutual",
    "trust",
    "sustainable",
    "joint",
    "efforts",
    "framework",
)

#: Of every 10 entities: 1 source, 2 people, 1 organisation, 2 events, 4 statements.
_PATTERN = ("source", "person", "person", "organization", "event", "event") + ("statement",) * 4


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2001, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def entities(n: int, seed: int = 20200304) -> Iterator[dict[str, Any]]:
    """``n`` entities as plain data, ready for ``json`` or ``orjson``."""
    rng = random.Random(seed)
    for i in range(n):
        block = i // len(_PATTERN)
        source = f"source:s{block}"
        kind = _PATTERN[i % len(_PATTERN)]
        people = (f"person:p{block}-a", f"person:p{block}-b")
        if kind == "source":
            yield {
                "type": "source",
                "id": source,
                "title": _sentence(rng, 6),
                "kind": "press_release",
                "publisher": f"org:o{block}",
                "date": _date(rng),
                "url": f"https://example.org/news/{block}",
                "language": "en",
            }
        elif kind == "person":
            which = people[0] if i % len(_PATTERN) == 1 else people[1]
            yield {
                "type": "person",
                "id": which,
                "name": f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}",
                "posts": [
                    {
                        "title": rng.choice(_TITLES),
                        "organization": f"org:o{block}",
                        "start": str(rng.randint(2001, 2020)),
                        "evidence": [{"source": source, "quote": _sentence(rng, 5)}],
                    }
                ],
                "identifiers": [{"scheme": "wikidata", "value": f"Q{1000 + i}"}],
            }
        elif kind == "organization":
            yield {
                "type": "organization",
                "id": f"org:o{block}",
                "name": f"Organisation {block}",
                "acronym": f"O{block % 1000}",
                "kind": "intergovernmental_organization",
            }
        elif kind == "event":
            yield {
                "type": "event",
                "id": f"event:e{i}",
                "kind": rng.choice(_EVENT_KINDS),
                "title": _sentence(rng, 7),
                "date": _date(rng),
                "place": {"name": "Secretariat", "locality": "Beijing", "country": "CN"},
                "organisers": [f"org:o{block}"],
                "participants": [
                    {"agent": agent, "roles": [rng.choice(_ROLES)]} for agent in people
                ],
                "topics": [rng.choice(_TOPICS), rng.choice(_TOPICS)],
                "evidence": [{"source": source, "quote": _sentence(rng, 8)}],
            }
        else:
            yield {
                "type": "statement",
                "id": f"statement:t{i}",
                "kind": rng.choice(_STATEMENT_KINDS),
                "speakers": [people[i % 2]],
                "attribution": "reported",
                "text": _sentence(rng, 25),
                "reported_by": f"org:o{block}",
                "event": f"event:e{block * len(_PATTERN) + 4}",
                "date": _date(rng),
                "topics": [rng.choice(_TOPICS)],
                "evidence": [
                    {"source": source, "quote": _sentence(rng, 12), "start": 10, "end": 90}
                ],
            }


if __name__ == "__main__":
    import orjson

    out = sys.stdout.buffer
    for entity in entities(int(sys.argv[1])):
        out.write(orjson.dumps(entity, option=orjson.OPT_APPEND_NEWLINE))
