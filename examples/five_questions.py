"""Answer five questions about the seed record with the query API."""

from __future__ import annotations

from pathlib import Path

import communique as cq

SEED = Path(__file__).resolve().parent / "sco_aies_roundtable" / "record.yaml"
NOROV = "person:vladimir-norov"


def main() -> None:
    record = cq.load(SEED)
    name = {agent.id: agent.name for agent in record.agents}

    print("1. What post does Vladimir Norov hold, and in which body?")
    norov = record.get(NOROV, cq.Person)
    for post in norov.posts:
        print(f"   {post.title} of {name.get(post.organization or '', 'no body named')}")

    print("2. Which events did he take part in, and when?")
    took_part = record.events.filter(lambda e: any(p.agent == NOROV for p in e.participants))
    for event in took_part.order_by(lambda e: e.id):
        print(f"   {event.date}  {event.title or event.id}")

    print("3. Which bodies belong to the SCO?")
    for organization in record.organizations.where(parent="org:sco"):
        print(f"   {organization.name}")

    print("4. What is Mr Norov reported to have said?")
    said = record.statements.filter(lambda s: NOROV in s.speakers)
    print(f"   {said.count()} statement(s)")
    for statement in said:
        print(f"   - ({statement.kind.label}) {statement.text}")

    print("5. What was proposed at events he attended, and who supported it?")
    events = set(took_part.ids())
    proposed = record.proposals.filter(lambda p: p.event in events)
    print(f"   {proposed.count()} proposal(s)")
    for proposal in proposed:
        backers = [name.get(r.agent, r.agent) for r in proposal.responses if "support" in r.stance]
        print(f"   - {proposal.title or proposal.text}")
        print(f"     supported by: {', '.join(backers) or 'no one recorded'}")


if __name__ == "__main__":
    main()
