"""Any text drafts into a record that validates: no recogniser can break a draft."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import communique as cq

WORDS = st.sampled_from(
    [
        "On", "4", "March", "2020", "in", "2019", "last", "May", "two", "weeks", "earlier",
        "SCO", "EU", "UN", "Secretary-General", "Foreign", "Minister", "Anna", "Keller", "Mr",
        "Keller", "said", "that", "noted", "the", "Convention", "on", "Water", "Institute",
        "for", "Peace", "(IFP)", "took", "part", "a", "roundtable", "summit", "Austrian",
        "participants", "proposed:", "\n\u2014", "\n-", "agreed", "to:", "pledged", "\u201c",
        "\u201d", '"', ",", ".", ";", "\n", "its", "strategy", "this", "agreement",
        "representatives", "of", "member", "states", "Excerpts", "from", "speech", "below:",
    ]
)  # fmt: skip


NO_PROPOSER = ("empty-required", "$.proposers")


@given(st.lists(WORDS, max_size=60).map(" ".join), st.sampled_from([None, "2020-03-04"]))
def test_any_text_drafts_into_a_record_that_validates(text: str, published: str | None) -> None:
    drafted = cq.draft(text, published=published, publisher="org:publisher")
    # A proposal drafted without a proposer it could name is left for the curator
    # to complete, and validation says so; nothing else may be wrong.
    left = [p for p in drafted.record.validate() if (p.code, p.path) != NO_PROPOSER]
    assert left == []
    for fact in drafted.facts:
        assert text[fact.span.start : fact.span.end] == fact.span.quote
