"""The readable summary: articles and prepositions that follow the words."""

from __future__ import annotations

import pytest

import communique as cq
from communique.summary import when, with_article


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("accession", "an accession"),
        ("adoption of a document", "an adoption of a document"),
        ("summit", "a summit"),
        ("question-and-answer session", "a question-and-answer session"),
        ("intergovernmental organisation", "an intergovernmental organisation"),
        ("united nations body", "a united nations body"),
        ("unanimous decision", "a unanimous decision"),
        ("unofficial visit", "an unofficial visit"),
        ("european union", "a european union"),
        ("one-day seminar", "a one-day seminar"),
        ("hour-long briefing", "an hour-long briefing"),
        ("honorary consul", "an honorary consul"),
        ("SCO summit", "an SCO summit"),
        ("UN body", "a UN body"),
        ("EU strategy", "an EU strategy"),
        ("NGO", "an NGO"),
        ("", ""),
    ],
)
def test_with_article_follows_the_sound_of_the_first_word(phrase: str, expected: str) -> None:
    assert with_article(phrase) == expected


def test_every_event_kind_label_takes_the_right_article() -> None:
    for kind in cq.EventKind.terms():
        if ":" in kind:
            continue
        label = kind.label.lower()
        article = with_article(label).split()[0]
        assert article == ("an" if label[0] in "aeio" else "a"), label


@pytest.mark.parametrize(
    ("edtf", "expected"),
    [
        ("2020-03-04", "on 4 March 2020"),
        ("2020-03", "in March 2020"),
        ("2017", "in 2017"),
        ("2019/2020", "from 2019 to 2020"),
        ("2019-06-01/2019-06-30", "from 1 June 2019 to 30 June 2019"),
        ("../2020-02", "until February 2020"),
        ("2019-06/..", "since June 2019"),
        ("2018~", "around 2018"),
        ("2019-06?", "in June 2019 (uncertain)"),
        ("2020-03-04%", "around 4 March 2020 (uncertain)"),
        ("2020-21", "at 2020-21"),
    ],
)
def test_when_gives_the_preposition_the_precision_needs(edtf: str, expected: str) -> None:
    assert when(cq.Date(edtf)) == expected


def test_when_without_a_date() -> None:
    assert when(None) == "at an unknown date"
