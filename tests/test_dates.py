from __future__ import annotations

import datetime as dt

import pytest

import communique as cq
from communique import Date, DateError
from communique.dates import calendar_day, day_number


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


# -- the whole EDTF range: years before 1 and after 9999 ---------------------------


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("-0490", (-490, 1, 1), (-490, 12, 31)),
        ("0000", (0, 1, 1), (0, 12, 31)),
        ("-0044-03-15", (-44, 3, 15), (-44, 3, 15)),
        ("-0004-02", (-4, 2, 1), (-4, 2, 29)),  # a leap year, 5 BCE
        ("Y12345", (12345, 1, 1), (12345, 12, 31)),
        ("Y-12345", (-12345, 1, 1), (-12345, 12, 31)),
        ("-0490/0010", (-490, 1, 1), (10, 12, 31)),
        ("Y17E7", (170_000_000, 1, 1), (170_000_000, 12, 31)),
    ],
)
def test_years_outside_one_to_9999_keep_their_bounds(
    text: str, first: tuple[int, int, int], last: tuple[int, int, int]
) -> None:
    date = Date(text)
    assert date.lower_day is not None
    assert date.upper_day is not None
    assert (calendar_day(date.lower_day), calendar_day(date.upper_day)) == (first, last)
    with pytest.raises(DateError, match="beyond the years 1 to 9999"):
        _ = date.lower


def test_bounds_order_over_the_whole_range() -> None:
    texts = ["Y-12345", "-0490", "-0044-03-15", "0000", "0001", "2020-03", "9999-12", "Y12345"]
    days = [Date(t).lower_day for t in texts]
    assert days == sorted(days)
    assert len(set(days)) == len(days)


def test_day_numbers_agree_with_datetime_where_it_reaches() -> None:
    for day in (dt.date(1, 1, 1), dt.date(1582, 10, 15), dt.date(2020, 2, 29), dt.date.max):
        assert day_number(day.year, day.month, day.day) == day.toordinal()
        assert calendar_day(day.toordinal()) == (day.year, day.month, day.day)


def test_filters_answer_over_the_whole_range() -> None:
    record = cq.Record(
        [
            cq.Event(id="event:marathon", kind="other", date=Date("-0490")),
            cq.Event(id="event:first", kind="other", date=Date("0001")),
            cq.Event(id="event:far", kind="other", date=Date("Y12345")),
        ]
    )
    assert record.events.on("0001").ids() == ["event:first"]
    assert record.events.on("-0490").ids() == ["event:marathon"]
    assert record.events.before("0001").ids() == ["event:marathon"]
    assert record.events.after("9999").ids() == ["event:far"]
    assert record.events.order_by("date", reverse=True).ids() == [
        "event:far",
        "event:first",
        "event:marathon",
    ]


@pytest.mark.parametrize("text", ["-0000", "Y1E20", "-0490-02-29"])
def test_what_the_library_cannot_hold_is_a_date_error(text: str) -> None:
    with pytest.raises(DateError):
        Date(text)


@pytest.mark.parametrize(
    ("anchor", "offset", "expected"),
    [
        ("2024-01-31", "P1M", "2024-02"),  # a month later is a month
        ("2024-01-31", "P1D", "2024-02-01"),
        ("2024-03-01", "-P1D", "2024-02-29"),
        ("2024-12-30", "P1W", "2025-01-06"),
        ("2024-05-15", "-P1Y", "2023"),
        ("2024-05", "P1D", "2024-05"),  # no more precise than the anchor
        ("2024-05-15", None, "2024-05-15"),  # the anchor's own day
        ("2024-05-15", "P0D", "2024-05-15"),
    ],
)
def test_a_relative_date_is_worked_out_from_its_anchor(
    anchor: str, offset: str | None, expected: str
) -> None:
    date = Date("2000", inferred=True, relative_to="source:s", offset=offset)
    resolved = date.resolved(Date(anchor))
    assert resolved.edtf == expected
    assert (resolved.inferred, resolved.relative_to, resolved.offset) == (True, "source:s", offset)


def test_a_date_relative_to_nothing_cannot_be_resolved() -> None:
    with pytest.raises(DateError, match="not relative to anything"):
        Date("2020").resolved(Date("2021"))
    with pytest.raises(DateError, match="no known start"):
        Date("2020", inferred=True, relative_to="event:e").resolved(Date("../2021"))
