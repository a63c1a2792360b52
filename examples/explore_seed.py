"""Explore the seed record: what happened, who took part, what was said and proposed."""

from __future__ import annotations

from pathlib import Path

import communique as cq
from communique.summary import when, with_article

SEED = Path(__file__).resolve().parent / "sco_aies_roundtable" / "record.yaml"


def main() -> None:
    record = cq.load(SEED)
    print(f"{len(record)} entities; problems: {len(record.validate())}")

    for source in record.sources:
        publisher = record.get(source.publisher, cq.Agent).name if source.publisher else "?"
        print(f"source {source.id} ({source.kind}), published by {publisher}")

    for event in record.events.order_by(lambda e: str(e.date.lower) if e.date else "~"):
        date = event.date
        how = f" (inferred from {date.phrase!r})" if date is not None and date.inferred else ""
        print(f"\nevent {event.id}: {event.title}")
        print(f"  {when(date)}{how}, {with_article(event.kind.label.lower())}")
        for part in event.participants:
            agent = record.get(part.agent, cq.Agent)
            roles = ", ".join(role.label.lower() for role in part.roles)
            print(f"  {roles}: {agent.name}")

    print()
    for person in record.people:
        for post in person.posts:
            where = record.get(post.organization, cq.Agent).name if post.organization else ""
            print(f"{person.name}: {post.title}, {where}".rstrip(", "))

    for organization in record.organizations:
        parent = organization.parent
        parent = f", part of {record.get(parent, cq.Agent).name}" if parent else ""
        print(f"organization {organization.name}{parent}")

    print(f"\n{len(record.statements)} statements, {len(record.proposals)} proposals")
    for statement in record.statements:
        speakers = " and ".join(record.get(s, cq.Agent).name for s in statement.speakers)
        print(f"- {speakers} ({statement.attribution.value}): {statement.text}")


if __name__ == "__main__":
    main()
