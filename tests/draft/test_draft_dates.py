"""communique.draft.dates: absolute and relative dates, with their phrase and anchor."""

from __future__ import annotations

import pytest

import communique as cq


def dates(text: str, published: str | None = "2020-03-04") -> list[tuple[str, str, bool]]:
    drafted = cq.draft(text, published=published)
    found = []
    for fact in drafted.dates:
        assert isinstance(fact.value, cq.Date)
        assert fact.value.phrase == fact.span.quote
        found.append((fact.span.quote, fact.value.edtf, fact.value.inferred))
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It was signed on 29 February 2020 in Doha.",
            ("on 29 February 2020", "2020-02-29", False),
        ),
        ("Adopted on July 17, 2019, it was revised.", ("on July 17, 2019", "2019-07-17", False)),
        ("The talks of March 2019 were long.", ("March 2019", "2019-03", False)),
        ("India joined in 2017.", ("in 2017", "2017", False)),
        ("On 4 March, the Secretary-General spoke.", ("On 4 March", "2020-03-04", True)),
        ("They met last May.", ("last May", "2019-05", True)),
        ("They will meet in June of this year.", ("in June of this year", "2020-06", True)),
        ("The ministers met on Monday.", ("on Monday", "2020-03-02", True)),
        ("The summit opens tomorrow.", ("tomorrow", "2020-03-05", True)),
        ("They will meet next May.", ("next May", "2020-05", True)),
    ],
)
def test_a_date_and_its_phrase(text: str, expected: tuple[str, str, bool]) -> None:
    assert dates(text) == [expected]


def test_a_relative_date_keeps_its_anchor() -> None:
    drafted = cq.draft("They met last May.", published="2020-03-04")
    (fact,) = drafted.dates
    assert isinstance(fact.value, cq.Date)
    assert fact.value.basis == "counted from the publication date, 2020-03-04"


def test_earlier_and_later_count_from_the_date_before_them() -> None:
    text = "The accord was signed on 10 June 2019. Two weeks earlier, the talks had ended."
    assert dates(text) == [
        ("on 10 June 2019", "2019-06-10", False),
        ("Two weeks earlier", "2019-05-27", True),
    ]
    drafted = cq.draft(text, published="2020-03-04")
    relative = drafted.dates[1].value
    assert isinstance(relative, cq.Date)
    assert relative.basis == "counted from the date before it in the text, 2019-06-10"


def test_without_an_anchor_a_relative_date_is_not_guessed() -> None:
    assert dates("On 4 March they met; last May they had not.", published=None) == []


def test_numbers_are_not_years_without_a_preposition() -> None:
    assert dates("Over 2000 delegates came; 600 documents were adopted.") == []
