"""Records that cannot be true (or cannot be checked), built with the public API.

Each case is listed, with its code, in ``docs/bad-input.md``; ``test_coherence.py``
checks that :meth:`communique.Record.validate` finds exactly its problem.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

import communique as cq


@attrs.frozen
class Case:
    name: str
    build: Callable[[], list[cq.Entity]]
    code: str
    entity: str
    path: str
    message: str
    severity: str = "error"


def _states() -> list[cq.Entity]:
    return [
        cq.State(id="state:a", name="A", country="AT"),
        cq.State(id="state:b", name="B", country="RU"),
    ]


def _decided(**decision: object) -> list[cq.Entity]:
    return [
        *_states(),
        cq.Proposal(
            id="proposal:p",
            text="to adopt the draft",
            proposers=("state:a",),
            decision=cq.Decision(method="recorded_vote", **decision),  # type: ignore[arg-type]
        ),
    ]


def _in_favour(**more: object) -> cq.Vote:
    return cq.Vote(agent="state:a", position="in_favour", **more)  # type: ignore[arg-type]


CASES = [
    Case(
        "tally-beside-a-contrary-ballot",
        lambda: _decided(
            outcome="adopted",
            tally=cq.Tally(in_favour=10, against=0, abstaining=0),
            votes=(cq.Vote(agent="state:a", position="against"),),
        ),
        "tally-ballots-mismatch",
        "proposal:p",
        "$.decision.tally.against",
        "the tally counts 0 against, but 1 of the votes listed are against",
    ),
    Case(
        "adopted-on-a-losing-tally",
        lambda: _decided(outcome="adopted", tally=cq.Tally(in_favour=0, against=10, abstaining=0)),
        "outcome-contradicts-tally",
        "proposal:p",
        "$.decision.outcome",
        "the outcome is adopted, but the tally 0-10-0",
    ),
    Case(
        "adopted-without-two-thirds",
        lambda: _decided(
            outcome="adopted",
            majority="two_thirds",
            tally=cq.Tally(in_favour=6, against=4, abstaining=0),
        ),
        "outcome-contradicts-tally",
        "proposal:p",
        "$.decision.outcome",
        "does not carry it by the rule: two-thirds majority",
    ),
    Case(
        "adopted-despite-a-veto",
        lambda: _decided(
            outcome="adopted",
            votes=(_in_favour(), cq.Vote(agent="state:b", position="against", veto=True)),
        ),
        "outcome-contradicts-tally",
        "proposal:p",
        "$.decision.outcome",
        "the outcome is adopted, but votes[1] is a veto by 'state:b'",
    ),
    Case(
        "veto-in-favour",
        lambda: _decided(outcome="vetoed", votes=(_in_favour(veto=True),)),
        "veto-not-against",
        "proposal:p",
        "$.decision.votes[0].veto",
        "'state:a' casts a veto with a vote in_favour: a veto is a vote against",
    ),
    Case(
        "one-state-voting-twice",
        lambda: _decided(
            outcome="deferred",
            votes=(_in_favour(), cq.Vote(agent="state:a", position="against")),
        ),
        "double-vote",
        "proposal:p",
        "$.decision.votes[1].agent",
        "'state:a' votes twice: at votes[0] (in_favour) and here (against)",
    ),
    Case(
        "status-against-outcome",
        lambda: [
            *_states(),
            cq.Proposal(
                id="proposal:p",
                text="to adopt the draft",
                proposers=("state:a",),
                statuses=(cq.StatusChange(status="rejected"),),
                decision=cq.Decision(method="consensus", outcome="adopted"),
            ),
        ],
        "status-contradicts-outcome",
        "proposal:p",
        "$.statuses[0].status",
        "the status is rejected but the decision's outcome is adopted",
    ),
    Case(
        "event-part-of-itself",
        lambda: [cq.Event(id="event:a", kind="meeting", part_of="event:a")],
        "reference-cycle",
        "event:a",
        "$.part_of",
        "part_of names the entity itself",
    ),
    Case(
        "events-part-of-each-other",
        lambda: [
            cq.Event(id="event:a", kind="meeting", part_of="event:b"),
            cq.Event(id="event:b", kind="meeting", part_of="event:a"),
        ],
        "reference-cycle",
        "event:a",
        "$.part_of",
        "following part_of comes back to this entity: event:a -> event:b -> event:a",
    ),
    Case(
        "statement-replying-to-itself",
        lambda: [
            *_states(),
            cq.Statement(
                id="statement:s",
                kind="answer",
                speakers=("state:a",),
                attribution="reported",
                replies_to="statement:s",
            ),
        ],
        "reference-cycle",
        "statement:s",
        "$.replies_to",
        "replies_to names the entity itself",
    ),
    Case(
        "organisation-parent-cycle",
        lambda: [
            cq.Organization(id="org:a", name="A", parent="org:b"),
            cq.Organization(id="org:b", name="B", parent="org:c"),
            cq.Organization(id="org:c", name="C", parent="org:a"),
        ],
        "reference-cycle",
        "org:a",
        "$.parent",
        "org:a -> org:b -> org:c -> org:a",
    ),
    Case(
        "document-revising-itself",
        lambda: [cq.Document(id="document:d", title="D", kind="charter", revises="document:d")],
        "reference-cycle",
        "document:d",
        "$.revises",
        "revises names the entity itself",
    ),
    Case(
        "dissolved-before-founded",
        lambda: [
            cq.Organization(
                id="org:o", name="O", founded=cq.Date("2001"), dissolved=cq.Date("1990")
            )
        ],
        "end-before-start",
        "org:o",
        "$.dissolved",
        "dissolved (1990) before it was founded (2001)",
    ),
    Case(
        "statement-without-speaker",
        lambda: [
            cq.Statement(id="statement:s", kind="remarks", speakers=(), attribution="reported")
        ],
        "empty-required",
        "statement:s",
        "$.speakers",
        "speakers is empty: a Statement needs at least one",
    ),
    Case(
        "proposal-without-proposer",
        lambda: [cq.Proposal(id="proposal:p", text="to meet again", proposers=())],
        "empty-required",
        "proposal:p",
        "$.proposers",
        "proposers is empty: a Proposal needs at least one",
    ),
    Case(
        "evidence-on-a-source-without-text",
        lambda: [
            cq.Source(id="source:s"),
            cq.Person(
                id="person:x",
                name="X",
                evidence=(cq.Evidence(source="source:s", quote="nowhere", start=5, end=7),),
            ),
        ],
        "evidence-unchecked",
        "person:x",
        "$.evidence[0].quote",
        "the quote 'nowhere' cannot be checked: 'source:s' has no text in the record",
        severity="warning",
    ),
]
