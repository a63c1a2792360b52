from __future__ import annotations

import re

import pytest

import communique as cq
from communique import (
    DocumentKind,
    EventKind,
    OrganizationKind,
    ParticipantRole,
    Stance,
    StatementKind,
    Term,
)
from communique.vocab import entries, vocabularies, vocabulary_name


def test_terms_are_text_with_labels() -> None:
    kind = EventKind("press_conference")
    assert kind == "press_conference"
    assert kind.label == "Press conference"


def test_typo_suggests_the_close_term() -> None:
    with pytest.raises(ValueError, match="did you mean 'speaker'"):
        ParticipantRole("speakr")


def test_downstream_terms_must_be_namespaced() -> None:
    with pytest.raises(ValueError, match="namespaced"):
        Stance.extend("lukewarm", "Lukewarm")
    term = Stance.extend("newsroom:lukewarm", "Lukewarm")
    assert Stance("newsroom:lukewarm") == term
    assert term.label == "Lukewarm"
    with pytest.raises(ValueError, match="already declared"):
        Stance.extend("newsroom:lukewarm", "Tepid")


@pytest.mark.parametrize(
    ("vocabulary", "term", "label", "typo", "suggestion"),
    [
        (EventKind, "vocab-test:hearing", "Hearing", "roundtabel", "roundtable"),
        (StatementKind, "vocab-test:leak", "Leak", "remakrs", "remarks"),
        (ParticipantRole, "vocab-test:rapporteur", "Rapporteur", "speakr", "speaker"),
        (Stance, "vocab-test:qualified_support", "Qualified support", "suport", "support"),
        (DocumentKind, "vocab-test:white_paper", "White paper", "tready", "treaty"),
        (OrganizationKind, "vocab-test:committee", "Committee", "ministri", "ministry"),
    ],
)
def test_each_open_vocabulary_takes_downstream_terms_and_still_refuses_typos(
    vocabulary: type[Term], term: str, label: str, typo: str, suggestion: str
) -> None:
    added = vocabulary.extend(term, label)
    assert vocabulary(term) == added
    assert vocabulary(term).label == label
    assert vocabulary.is_known(term)
    assert term in list(vocabulary.terms())
    with pytest.raises(ValueError, match=f"did you mean '{suggestion}'"):
        vocabulary(typo)
    with pytest.raises(ValueError, match="is not a known"):
        vocabulary(term + "x")


def test_downstream_terms_reach_the_model_through_the_converter() -> None:
    EventKind.extend("vocab-test:sitting", "Sitting")
    event = cq.default_converter.structure_entity(
        {"type": "event", "id": "event:s", "kind": "vocab-test:sitting"}
    )
    assert isinstance(event, cq.Event)
    assert event.kind.label == "Sitting"


def test_an_undeclared_term_is_only_kept_when_namespaced() -> None:
    kept = EventKind._undeclared("elsewhere:sitting")
    assert kept == "elsewhere:sitting"
    assert kept.label == "elsewhere:sitting"
    assert EventKind(kept) is kept
    assert not EventKind.is_known("elsewhere:sitting")
    with pytest.raises(ValueError, match="did you mean 'roundtable'"):
        EventKind._undeclared("roundtabel")


def test_every_term_of_every_vocabulary_has_a_label_and_a_one_line_meaning() -> None:
    for vocabulary in vocabularies().values():
        for entry in entries(vocabulary):
            if entry.downstream:
                continue
            assert entry.label, (vocabulary, entry.value)
            assert entry.meaning.endswith("."), (vocabulary, entry.value)
            assert "\n" not in entry.meaning, entry
            assert len(entry.meaning) <= 90, entry


def test_closed_vocabularies_have_labels_and_meanings_too() -> None:
    assert cq.Attribution.REPORTED.label == "Reported"
    assert cq.Attribution.REPORTED.meaning.startswith("Reported by the source")
    assert cq.AttendanceMode("online") is cq.AttendanceMode.ONLINE


def test_each_vocabulary_has_a_distinct_kebab_case_name() -> None:
    names = [vocabulary_name(v) for v in vocabularies().values()]
    assert names[:3] == ["event-kind", "participant-role", "statement-kind"]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names)


def test_a_downstream_meaning_is_kept_and_not_lost_by_declaring_again() -> None:
    term = EventKind.extend("vocab-test:inquiry", "Inquiry", "An inquiry by a committee.")
    EventKind.extend("vocab-test:inquiry", "Inquiry")
    assert term.meaning == "An inquiry by a committee."
    with pytest.raises(ValueError, match=r"already declared to mean 'An inquiry by a committee\.'"):
        EventKind.extend("vocab-test:inquiry", "Inquiry", "A hearing.")
    entry = next(e for e in entries(EventKind) if e.value == "vocab-test:inquiry")
    assert (entry.label, entry.downstream) == ("Inquiry", True)
