from __future__ import annotations

import pytest

from communique import EventKind, ParticipantRole, Stance


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
