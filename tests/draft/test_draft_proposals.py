"""communique.draft.proposals: listed proposals, proposal language, support."""

from __future__ import annotations

import communique as cq
from communique.draft import Draft


def test_the_items_of_a_list_of_proposals(seed_draft: Draft) -> None:
    listed = [p for p in seed_draft.record.proposals if p.proposers == ("group:participants",)]
    assert [p.text.split()[:2] for p in listed] == [
        ["to", "hold"],
        ["to", "promote"],
        ["to", "draft"],
        ["to", "exchange"],
    ]
    assert listed[1].parties == ("org:eu", "org:sco", "org:osce")
    assert listed[2].parties == ("org:unodc", "org:sco", "org:eu")
    status = listed[0].statuses[0]
    assert status.status == "proposed"
    quote = " ".join(status.evidence[0].quote.split())
    assert quote == "The participants made a number of specific proposals in this respect:"


def test_an_idea_and_who_supported_it(invented: Draft, seed_draft: Draft) -> None:
    (proposal,) = invented.record.proposals
    assert proposal.proposers == ("person:lena-marsh",)
    assert proposal.text == "to set up a joint working group on climate adaptation"
    assert [(r.agent, r.stance) for r in proposal.responses] == [("group:participants", "support")]
    idea = next(p for p in seed_draft.record.proposals if p.proposers == ("person:vladimir-norov",))
    assert [r.stance for r in idea.responses] == ["general_support"]


def test_proposal_language_names_the_proposer(seed_draft: Draft) -> None:
    texts = {p.text: p.proposers for p in seed_draft.record.proposals}
    sco = next(t for t in texts if t.startswith("that all interested countries"))
    assert texts[sco] == ("org:sco",)
    talks = next(t for t in texts if t.startswith("to start direct inclusive inter-Afghan talks"))
    assert texts[talks] == ("group:representatives-of-the-taliban",)


def test_items_agreed_to_are_commitments_not_proposals(invented: Draft) -> None:
    agreed = [s.text for s in invented.record.statements if s.kind == "commitment"]
    assert agreed[:2] == [
        "hold annual consultations on water security",
        "exchange experts between their research centres",
    ]
    assert all(not p.text.startswith(("hold", "exchange")) for p in invented.record.proposals)


def test_a_list_called_for_and_one_without_a_known_proposer() -> None:
    text = (
        "On 3 May, the OSCE called for:\n"
        "1. a ceasefire along the border;\n"
        "2. the return of the monitors.\n"
        "It was also proposed:\n"
        "- a hotline between the capitals.\n"
        "Nothing else was agreed.\n"
    )
    drafted = cq.draft(text, published="2031-05-04")
    found = [(p.proposers, p.text) for p in drafted.record.proposals]
    assert found == [
        (("org:osce",), "a ceasefire along the border"),
        (("org:osce",), "the return of the monitors"),
        ((), "a hotline between the capitals"),
    ]
    # The one thing left for the curator is said by validation: who proposed it.
    assert [(p.code, p.entity, p.path) for p in drafted.record.validate()] == [
        ("empty-required", "proposal:3-a-hotline-between-the-capitals", "$.proposers")
    ]
