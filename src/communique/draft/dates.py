"""Dates, absolute and relative, read with dateparser's grammar of dates.

A regular expression finds the phrases that can be dates; dateparser says what
day, month or year each means, counted from an anchor: the publication date,
or for "two weeks earlier" the date named before it in the text. A date whose
year or day comes from the anchor is marked inferred, with its phrase and basis.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterator
from typing import Any, Final

from ..dates import Date
from ._core import Context, Fact, recognisers

__all__ = ["dates"]

_MONTH: Final = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WEEKDAY: Final = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER: Final = r"(?i:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"
_DAY: Final = r"\d{1,2}(?:st|nd|rd|th)?"
_FORMS: Final = (
    rf"{_DAY}\s+{_MONTH}(?:,?\s+\d{{4}})?",
    rf"{_MONTH}\s+{_DAY}(?:,\s*\d{{4}})?(?!\d)",
    rf"{_MONTH}\s+\d{{4}}",
    rf"{_MONTH}\s+of\s+(?:this|last|next)\s+year",
    rf"(?:last|next|this)\s+{_MONTH}",
    r"(?:last|next|this)\s+(?:week|month|year)",
    rf"{_NUMBER}\s+(?:days?|weeks?|months?|years?)\s+(?:earlier|later|ago|before|after)",
    r"yesterday|today|tomorrow",
    rf"{_WEEKDAY}",
    r"\d{4}",
)
_PHRASE: Final = re.compile(
    r"(?<![\w-])(?P<prep>(?:[Oo]n|[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Oo]f)\s+)?"
    r"(?P<date>" + "|".join(_FORMS) + r")(?![\w-])"
)
# A bare number is a year only after a preposition ("in 2017"), not "600 documents".
_BARE_YEAR: Final = re.compile(r"\d{4}")
_COUNTED_FROM_TEXT: Final = re.compile(r"\b(?:earlier|later|before|after)$")
_WORDS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
}  # fmt: skip


@functools.lru_cache(maxsize=64)
def _parser(base: _dt.date, prefer: str) -> Any:
    try:
        from dateparser.date import DateDataParser
    except ImportError:
        raise ImportError(
            "drafting reads dates with dateparser, in the 'draft' extra: "
            "pip install 'communique[draft]'"
        ) from None

    settings = {
        "RELATIVE_BASE": _dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


def _rewrite(phrase: str, anchor: _dt.date) -> tuple[str, str]:
    """The phrase in a form dateparser reads, and which way it points in time."""
    p = phrase.lower()
    m = re.fullmatch(rf"({_MONTH.lower()})\s+of\s+(this|last|next)\s+year", p)
    if m:
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
        return f"{m.group(1)} {year}", "current_period"
    m = re.fullmatch(rf"(last|next|this)\s+({_MONTH.lower()})", p)
    if m:
        return m.group(2), {"last": "past", "next": "future", "this": "current_period"}[m.group(1)]
    m = re.fullmatch(r"(\w+)\s+(days?|weeks?|months?|years?)\s+(earlier|later|ago|before|after)", p)
    if m:
        count = _WORDS.get(m.group(1)) or int(m.group(1))
        unit = m.group(2).rstrip("s") + "s"
        way = "ago" if m.group(3) in ("earlier", "ago", "before") else "in"
        return (f"{count} {unit} ago" if way == "ago" else f"in {count} {unit}"), "current_period"
    return phrase, "past"


def _edtf(day: _dt.datetime, period: str) -> str:
    if period == "year":
        return f"{day.year:04d}"
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.date().isoformat()


@recognisers.register("dates")
def dates(context: Context) -> Iterator[Fact]:
    """Dates with their phrase: "4 March 2020", "March 2020", "in 2017", and,
    counted from an anchor, "4 March", "last May", "June of this year", "two weeks
    earlier", "on Monday", "tomorrow"."""
    previous: _dt.date | None = None
    for m in _PHRASE.finditer(context.text):
        phrase = m.group("date")
        if _BARE_YEAR.fullmatch(phrase) and not m.group("prep"):
            continue
        if re.fullmatch(_WEEKDAY, phrase) and not m.group("prep"):
            continue
        from_text = bool(_COUNTED_FROM_TEXT.search(phrase.lower()))
        anchor = previous if from_text else context.anchor
        has_year = bool(re.search(r"\d{4}", phrase))
        if anchor is None and not has_year:
            continue  # a relative date with nothing to count from
        base = anchor or _dt.date(int(re.findall(r"\d{4}", phrase)[0]), 1, 1)
        rewritten, prefer = _rewrite(phrase, base)
        data = _parser(base, prefer).get_date_data(rewritten)
        if data.date_obj is None:
            continue
        period = data.period if data.period in ("day", "month", "year") else "day"
        if _BARE_YEAR.fullmatch(phrase):
            period = "year"
        edtf = _edtf(data.date_obj, period)
        inferred = not has_year
        basis = None
        if inferred:
            origin = "the date before it in the text" if from_text else "the publication date"
            basis = f"counted from {origin}, {base.isoformat()}"
        start = (
            m.start("prep")
            if m.group("prep") and m.group("prep").strip().lower() in ("on", "in")
            else m.start("date")
        )
        span = context.span(start, m.end("date"))
        yield Fact(
            value=Date(edtf, inferred=inferred, phrase=span.quote, basis=basis),
            span=span,
            confidence=0.95 if not inferred else 0.8 if not from_text else 0.7,
        )
        if period == "day":
            previous = data.date_obj.date()
