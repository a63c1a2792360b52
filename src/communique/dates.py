"""Honest dates: EDTF text with bounds, and whether the date was stated or inferred.

A :class:`Date` keeps the Extended Date/Time Format text it was written in
(``2020-03-04``, ``2020-03``, ``2017``, ``2019-06?``, ``~2018``, ``2019/2020``,
``../2020-02``) and exposes the earliest and latest calendar days it can mean, for
sorting and filtering. The common forms are parsed by a fast path; every other
EDTF form (seasons, unspecified digits, sets, long years) goes through the
``edtf`` package, which is exact but slow.

>>> d = Date("2020-03")
>>> d.lower, d.upper
(datetime.date(2020, 3, 1), datetime.date(2020, 3, 31))
>>> Date("2020-03-04", inferred=True, phrase="4 March").precision
'day'
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from functools import lru_cache
from typing import Final, NamedTuple

from attrs import field, frozen

from ._shown import shown

__all__ = ["MAX_DATE_CHARS", "Date", "DateError", "parse_bounds"]

#: The longest text given to the ``edtf`` package, whose parse time grows with the
#: text (a set of 2,000 years takes it 40 s): enough for any single date or
#: interval, with times and zones, and for a set of a dozen years.
MAX_DATE_CHARS: Final = 64


class DateError(ValueError):
    """Raised for text that is not a valid EDTF date or for an impossible date."""


class _Parsed(NamedTuple):
    lower: _dt.date | None
    upper: _dt.date | None
    precision: str
    uncertain: bool
    approximate: bool
    interval: bool


_SIMPLE: Final = re.compile(
    r"(?P<y>-?\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}(?::\d{2})?)?)?)?)?(?P<q>[?~%])?"
)


def _simple(text: str) -> _Parsed | None:
    m = _SIMPLE.fullmatch(text)
    if m is None:
        return None
    year = int(m["y"])
    if not 1 <= year <= 9999:
        return None  # outside datetime's range: the edtf package handles it
    q = m["q"]
    if m["d"] is not None:
        month, day = int(m["m"]), int(m["d"])
        try:
            day_ = _dt.date(year, month, day)
        except ValueError:
            raise DateError(f"{text!r} is not a real calendar day") from None
        if "T" in text:
            _check_time(text)
        return _Parsed(day_, day_, "day", q in ("?", "%"), q in ("~", "%"), False)
    if m["m"] is not None:
        month = int(m["m"])
        if not 1 <= month <= 12:
            return None  # 21-41 are EDTF seasons and quarters
        last = calendar.monthrange(year, month)[1]
        return _Parsed(
            _dt.date(year, month, 1),
            _dt.date(year, month, last),
            "month",
            q in ("?", "%"),
            q in ("~", "%"),
            False,
        )
    return _Parsed(
        _dt.date(year, 1, 1),
        _dt.date(year, 12, 31),
        "year",
        q in ("?", "%"),
        q in ("~", "%"),
        False,
    )


def _check_time(text: str) -> None:
    time = text.split("T", 1)[1][:8]
    hh, mm, ss = (int(p) for p in time.split(":"))
    if hh > 23 or mm > 59 or ss > 59:
        raise DateError(f"{text!r} has an impossible time of day")


def _from_struct(value: object) -> _dt.date | None:
    year = getattr(value, "tm_year", None)
    if year is None:  # the edtf package answers +/-inf for open ends
        return None
    year = min(max(int(year), 1), 9999)
    month: int = value.tm_mon  # type: ignore[attr-defined]
    day: int = value.tm_mday  # type: ignore[attr-defined]
    return _dt.date(year, month, day)


def _fallback(text: str) -> _Parsed:
    if len(text) > MAX_DATE_CHARS:
        raise DateError(
            f"{shown(text)} is not a valid EDTF date: {len(text)} characters, "
            f"longer than any date this library reads (at most {MAX_DATE_CHARS})"
        )
    from edtf import parse_edtf  # imported late: it is slow to import and rarely needed
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        raise DateError(f"{shown(text)} is not a valid EDTF date") from None
    except (ValueError, OverflowError) as exc:
        raise DateError(f"{text!r} is not a valid EDTF date: {exc}") from None
    lower, upper = _from_struct(parsed.lower_strict()), _from_struct(parsed.upper_strict())
    name = type(parsed).__name__
    return _Parsed(
        lower,
        upper,
        "interval" if "Interval" in name else "other",
        "?" in text or "%" in text,
        "~" in text or "%" in text,
        "Interval" in name,
    )


def _side(text: str) -> _Parsed | None:
    """One end of an interval: a simple date, an open end or an unknown end."""
    if text in ("", ".."):
        return _Parsed(None, None, "open", False, False, False)
    return _simple(text)


@lru_cache(maxsize=65536)
def parse_bounds(text: str) -> _Parsed:
    """Parse EDTF text once; the answer is cached because corpora repeat dates."""
    if not isinstance(text, str) or not text or text != text.strip():
        raise DateError(f"{shown(text)} is not a valid EDTF date")
    simple = _simple(text)
    if simple is not None:
        return simple
    if text.count("/") == 1:
        start_text, end_text = text.split("/")
        start, end = _side(start_text), _side(end_text)
        if start is not None and end is not None and (start_text or end_text):
            if start_text in ("", "..") and end_text in ("", ".."):
                raise DateError(f"{text!r} has no known end at all")
            if start.lower and end.upper and start.lower > end.upper:
                raise DateError(f"{text!r} ends before it starts")
            return _Parsed(
                start.lower,
                end.upper,
                "interval",
                start.uncertain or end.uncertain,
                start.approximate or end.approximate,
                True,
            )
    return _fallback(text)


def _edtf_text(value: str) -> str:
    parse_bounds(value)
    return value


@frozen(slots=True, kw_only=False)
class Date:
    """A date as EDTF text, with whether it was stated in the source or inferred.

    ``inferred`` dates keep the ``phrase`` they were worked out from ("last May",
    "4 March") and, in ``basis``, how (for example "year from the publication date").
    """

    edtf: str = field(converter=_edtf_text)
    inferred: bool = field(default=False, kw_only=True)
    phrase: str | None = field(default=None, kw_only=True)
    basis: str | None = field(default=None, kw_only=True)

    @property
    def lower(self) -> _dt.date | None:
        """The earliest day the date can mean; ``None`` for an open or unknown start."""
        return parse_bounds(self.edtf).lower

    @property
    def upper(self) -> _dt.date | None:
        """The latest day the date can mean; ``None`` for an open or unknown end."""
        return parse_bounds(self.edtf).upper

    @property
    def precision(self) -> str:
        """``day``, ``month``, ``year``, ``interval`` or ``other`` (rarer EDTF forms)."""
        return parse_bounds(self.edtf).precision

    @property
    def uncertain(self) -> bool:
        """Whether the EDTF text marks the date as uncertain (``?`` or ``%``)."""
        return parse_bounds(self.edtf).uncertain

    @property
    def approximate(self) -> bool:
        """Whether the EDTF text marks the date as approximate (``~`` or ``%``)."""
        return parse_bounds(self.edtf).approximate

    @property
    def is_interval(self) -> bool:
        return parse_bounds(self.edtf).interval

    @property
    def is_exact(self) -> bool:
        """A single known day, neither uncertain nor approximate."""
        p = parse_bounds(self.edtf)
        return p.precision == "day" and not (p.uncertain or p.approximate)

    def __str__(self) -> str:
        return self.edtf
