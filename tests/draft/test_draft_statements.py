"""communique.draft.statements: direct quotes, reported speech, excerpts, commitments."""

from __future__ import annotations

import communique as cq
from communique.draft import Draft


def by_kind(drafted: Draft, kind: str) -> list[cq.Statement]:
    return [s for s in drafted.record.statements if s.kind == kind]


def test_a_direct_quote_is_the_words_in_quotation_marks(invented: Draft) -> None:
    (quote,) = by_kind(invented, "quote")
    assert quote.attribution == cq.Attribution.DIRECT_QUOTE
    assert quote.speakers == ("person:daniyar-seitov",)
    assert quote.reported_by is None
    assert quote.text == "We are ready to share our experience with the whole region"


def test_reported_speech_is_attributed_to_the_publisher(invented: Draft) -> None:
    reported = by_kind(invented, "reported_speech")
    assert [s.speakers for s in reported] == [("person:lena-marsh",), ("person:daniyar-seitov",)]
    assert {s.attribution for s in reported} == {cq.Attribution.REPORTED}
    assert {s.reported_by for s in reported} == {"org:asean"}
    assert reported[0].event == "event:2031-10-12-meeting"


def test_commitments_are_statements_of_that_kind(invented: Draft, seed_draft: Draft) -> None:
    speakers = [s.speakers for s in by_kind(invented, "commitment")]
    assert speakers == [("group:sides",), ("group:sides",), ("state:kz",)]
    assert {s.speakers for s in by_kind(seed_draft, "commitment")} == {
        ("org:eu",),
        ("org:taliban",),
    }


def test_excerpts_of_a_speech_are_parts_of_it(seed_draft: Draft) -> None:
    (speech,) = by_kind(seed_draft, "speech")
    assert speech.speakers == ("person:vladimir-norov",)
    parts = [s for s in seed_draft.record.statements if s.part_of == speech.id]
    assert len(parts) >= 15
    assert {s.speakers for s in parts} == {("person:vladimir-norov",)}
    (welcome,) = by_kind(seed_draft, "welcome_speech")
    assert welcome.speakers == ("person:werner-fasslabend",)
