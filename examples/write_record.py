"""Write a new record in Python, check it, and save it as YAML and JSON.

Usage: python write_record.py [FOLDER]   (default: a new temporary folder)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import communique as cq

TEXT = (
    "Vienna, 12 May 2020. The Secretary-General of the SCO, Vladimir Norov, met the "
    "President of the AIES, Werner Fasslabend. Mr Norov proposed regular joint seminars."
)


SOURCE = "source:note-2020-05-12"


def quote(words: str) -> tuple[cq.Evidence, ...]:
    """Evidence for a fact: the words of the source that state it."""
    return (cq.Evidence(source=SOURCE, quote=words),)


def build() -> cq.Record:
    release = cq.Source(id=SOURCE, kind="news_article", text=TEXT)
    sco = cq.Organization(id="org:sco", name="Shanghai Cooperation Organisation", acronym="SCO")
    aies = cq.Organization(
        id="org:aies",
        name="Austrian Institute for European and Security Policy",
        acronym="AIES",
        kind="research_institute",
        country="AT",
    )
    norov = cq.Person(
        id="person:vladimir-norov",
        name="Vladimir Norov",
        posts=(cq.Post(title="Secretary-General", organization=sco.id),),
        evidence=quote("the SCO, Vladimir Norov"),
    )
    fasslabend = cq.Person(
        id="person:werner-fasslabend",
        name="Werner Fasslabend",
        posts=(cq.Post(title="President", organization=aies.id),),
        evidence=quote("President of the AIES, Werner Fasslabend"),
    )
    meeting = cq.Event(
        id="event:2020-05-12-norov-fasslabend",
        kind="bilateral_meeting",
        date=cq.Date("2020-05-12"),
        place=cq.Place(name="Vienna", country="AT"),
        participants=(
            cq.Participation(agent=norov.id, roles=("participant",), on_behalf_of=sco.id),
            cq.Participation(agent=fasslabend.id, roles=("host",), on_behalf_of=aies.id),
        ),
        evidence=quote("met the President of the AIES"),
    )
    seminars = cq.Proposal(
        id="proposal:joint-seminars",
        text="regular joint seminars",
        proposers=(norov.id,),
        parties=(sco.id, aies.id),
        event=meeting.id,
        evidence=quote("Mr Norov proposed regular joint seminars"),
    )
    return cq.Record([release, sco, aies, norov, fasslabend, meeting, seminars])


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    record = build().locate_evidence()
    problems = record.validate()
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)
    for name in ("meeting.yaml", "meeting.json"):
        cq.dump(record, folder / name)
        assert cq.load(folder / name) == record
        print(f"wrote {len(record)} entities to {folder / name}")


if __name__ == "__main__":
    main()
