"""communique.draft.documents: documents by title, by description, and mentioned again."""

from __future__ import annotations

import communique as cq
from communique.draft import Draft


def test_titled_documents_and_their_status(seed_draft: Draft) -> None:
    convention = seed_draft.record.get("document:convention-on-countering-extremism", cq.Document)
    assert (convention.kind, convention.status) == ("convention", "open_for_signature")


def test_its_charter_is_the_charter_of_the_body_named(seed_draft: Draft) -> None:
    charter = seed_draft.record.get(
        "document:charter-of-the-shanghai-cooperation-organisation", cq.Document
    )
    assert charter.kind == "charter"


def test_described_documents_with_year_and_status(seed_draft: Draft) -> None:
    roadmap = seed_draft.record.get(
        "document:roadmap-endorsed-at-its-summit-in-bishkek-in", cq.Document
    )
    assert roadmap.status == "endorsed"
    assert roadmap.adopted is not None
    assert roadmap.adopted.edtf == "2019"


def test_a_later_mention_is_the_same_document(seed_draft: Draft, invented: Draft) -> None:
    quotes = [
        f.span.quote
        for f in seed_draft.facts_of("document:agreement-between-the-united-states-and-the-taliban")
    ]
    assert quotes == ["agreement between\xa0the United States and the Taliban", "agreement"]
    strategy = invented.record.get("document:new-strategy-on-water-resources", cq.Document)
    assert strategy.status == "adopted"
    assert strategy.adopted is not None
    assert (strategy.adopted.edtf, strategy.adopted.phrase) == ("2031-09-28", "Two weeks earlier")
    assert strategy.adopted_by == ("org:kazakh-government",)
