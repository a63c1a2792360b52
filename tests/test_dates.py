from __future__ import annotations

import datetime as dt

import pytest

from communique import Date, DateError


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("2020-03-04", dt.date(2020, 3, 4), dt.date(2020, 3, 4), "day"),
        ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29), "month"),
        ("2019-02", dt.date(2019, 2, 1), dt.date(2019, 2, 28), "month"),
        ("2017", dt.date(2017, 1, 1), dt.date(2017, 12, 31), "year"),
        ("2019/2020-03", dt.date(2019, 1, 1), dt.date(2020, 3, 31), "interval"),
        ("../2020-02-29", None, dt.date(2020, 2, 29), "interval"),
        ("2020-03-04/..", dt.date(2020, 3, 4), None, "interval"),
        ("2020-21", dt.date(2020, 3, 1), dt.date(2020, 5, 31), "other"),
        ("2020-XX", dt.date(2020, 1, 1), dt.date(2020, 12, 31), "other"),
        ("2020-03-04T10:30:00Z", dt.date(2020, 3, 4), dt.date(2020, 3, 4), "day"),
    ],
)
def test_bounds(text: str, lower: dt.date | None, upper: dt.date | None, precision: str) -> None:
    date = Date(text)
    assert (date.lower, date.upper, date.precision) == (lower, upper, precision)
    assert str(date) == text


@pytest.mark.parametrize(
    ("text", "uncertain", "approximate"),
    [
        ("2019-06?", True, False),
        ("2019~", False, True),
        ("2019%", True, True),
        ("2019", False, False),
    ],
)
def test_qualifiers(text: str, uncertain: bool, approximate: bool) -> None:
    date = Date(text)
    assert (date.uncertain, date.approximate) == (uncertain, approximate)
    assert date.is_exact is False


def test_exact_day_is_exact() -> None:
    assert Date("2020-03-04").is_exact


@pytest.mark.parametrize(
    "text",
    [
        "2020-02-30",
        "2019-13",
        "2020-03-04T25:00:00",
        "4 March 2020",
        "",
        " 2020",
        "2021/2020",
        "../..",
    ],
)
def test_impossible_or_malformed_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        Date(text)


def test_inferred_date_keeps_its_phrase() -> None:
    date = Date("2020-03-04", inferred=True, phrase="4 March", basis="year of publication")
    assert date.inferred
    assert date.phrase == "4 March"
    assert date != Date("2020-03-04")
