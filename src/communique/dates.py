"""Honest dates: EDTF text with bounds, and whether the date was stated or inferred.

A :class:`Date` keeps the Extended Date/Time Format text it was written in
(``2020-03-04``, ``2020-03``, ``2017``, ``2019-06?``, ``~2018``, ``2019/2020``,
``../2020-02``) and exposes the earliest and latest calendar days it can mean, for
sorting and filtering. The common forms (years before 1 and after 9999 included:
``-0490``, ``Y12345``) are parsed by a fast path; every other EDTF form (seasons,
unspecified digits, sets, exponential years) goes through the ``edtf`` package,
which is exact but slow.

The bounds are day numbers (:attr:`Date.lower_day`, :attr:`Date.upper_day`) that
count days in the proleptic Gregorian calendar as :meth:`datetime.date.toordinal`
does (1 is 1 January of year 1), so that they order correctly over the whole EDTF
range: year 0 is 1 BCE and ``-0490`` is 491 BCE, as EDTF counts. :attr:`Date.lower`
and :attr:`Date.upper` give them as :class:`datetime.date` where that type can hold
them (years 1 to 9999), and raise :class:`DateError` rather than clamp where it
cannot.

>>> d = Date("2020-03")
>>> d.lower, d.upper
(datetime.date(2020, 3, 1), datetime.date(2020, 3, 31))
>>> Date("2020-03-04", inferred=True, phrase="4 March").precision
'day'
>>> Date("-0490").upper_day < Date("0001").lower_day < Date("Y12345").lower_day
True
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Final, NamedTuple

from attrs import field, frozen

from ._shown import shown

__all__ = [
    "EPOCH_DAY",
    "MAX_DATE_CHARS",
    "MAX_YEAR",
    "Date",
    "DateError",
    "calendar_day",
    "day_number",
    "day_text",
    "parse_bounds",
]

#: The longest text given to the ``edtf`` package, whose parse time grows with the
#: text (a set of 2,000 years takes it 40 s): enough for any single date or
#: interval, with times and zones, and for a set of a dozen years.
MAX_DATE_CHARS: Final = 64


class DateError(ValueError):
    """Raised for text that is not a valid EDTF date or for an impossible date."""


# The years a bound can have: far beyond any record, and small enough that day
# numbers stay well inside 64 bits (the indexes keep them in arrays of int64).
MAX_YEAR: Final = 10**12

# Day number of 1 January 1970, for day counts from the Unix epoch (Arrow's date32).
EPOCH_DAY: Final = 719163


def day_number(year: int, month: int, day: int) -> int:
    """The proleptic Gregorian day number of a calendar day in any year, as
    :meth:`datetime.date.toordinal` counts (1 is 0001-01-01; year 0 is 1 BCE).

    >>> day_number(2020, 3, 4) == __import__("datetime").date(2020, 3, 4).toordinal()
    True
    """
    # Days from the civil calendar (H. Hinnant's algorithm): years start in March,
    # so that the leap day is the last day of a year, and eras of 400 years repeat.
    y = year - (month <= 2)
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468 + EPOCH_DAY


def calendar_day(number: int) -> tuple[int, int, int]:
    """The (year, month, day) of a day number, for any year: the inverse of
    :func:`day_number`.

    >>> calendar_day(day_number(-490, 3, 1))
    (-490, 3, 1)
    """
    z = number - EPOCH_DAY + 719468
    era = z // 146097
    day_of_era = z - era * 146097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted + 2) // 5 + 1
    month = shifted + 3 if shifted < 10 else shifted - 9
    return year_of_era + era * 400 + (month <= 2), month, day


def day_text(number: int) -> str:
    """A day number as ISO 8601 text, for any year (``-0490-03-01``, ``12345-01-01``).

    >>> day_text(day_number(2020, 3, 4)), day_text(day_number(-490, 3, 1))
    ('2020-03-04', '-0490-03-01')
    """
    year, month, day = calendar_day(number)
    sign = "-" if year < 0 else ""
    return f"{sign}{abs(year):04d}-{month:02d}-{day:02d}"


def _month_days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _to_date(day: int | None, text: str) -> _dt.date | None:
    if day is None:
        return None
    if not _MIN_DAY <= day <= _MAX_DAY:
        raise DateError(
            f"{text!r} reaches beyond the years 1 to 9999 that datetime.date holds: "
            "use lower_day and upper_day, day numbers that hold every year"
        )
    return _dt.date.fromordinal(day)


_MIN_DAY: Final = 1
_MAX_DAY: Final = _dt.date.max.toordinal()


class _Parsed(NamedTuple):
    low: int | None
    high: int | None
    precision: str
    uncertain: bool
    approximate: bool
    interval: bool
    text: str

    @property
    def lower(self) -> _dt.date | None:
        return _to_date(self.low, self.text)

    @property
    def upper(self) -> _dt.date | None:
        return _to_date(self.high, self.text)


_SIMPLE: Final = re.compile(
    r"(-?\d{4})(?:-(\d{2})(?:-(\d{2})"
    r"(?:T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}(?::\d{2})?)?)?)?)?([?~%])?"
)
# EDTF writes a year of more than four digits with a Y (Y12345, Y-12345).
_LONG_YEAR: Final = re.compile(r"Y(-?[1-9]\d{4,})([?~%])?")


def _year_bounds(year: int, text: str) -> None:
    if not -MAX_YEAR <= year <= MAX_YEAR:
        raise DateError(f"{text!r} is beyond the years this library holds (-10^12 to 10^12)")


def _simple(text: str) -> _Parsed | None:
    m = _SIMPLE.fullmatch(text)
    if m is None:
        return _long_year(text) if text[:1] == "Y" else None
    y, mo, d, q = m.groups()
    year = int(y)
    uncertain, approximate = q in ("?", "%"), q in ("~", "%")
    if not 1 <= year <= 9999:
        return _far(text, year, mo, d, uncertain=uncertain, approximate=approximate)
    # Years 1 to 9999: datetime.date counts their days, in C.
    if d is not None:
        try:
            number = _dt.date(year, int(mo), int(d)).toordinal()
        except ValueError:
            raise DateError(f"{text!r} is not a real calendar day") from None
        if "T" in text:
            _check_time(text)
        return _Parsed(number, number, "day", uncertain, approximate, False, text)
    if mo is not None:
        month = int(mo)
        if not 1 <= month <= 12:
            return None  # 21-41 are EDTF seasons and quarters
        first = _dt.date(year, month, 1).toordinal()
        last = first + _month_days(year, month) - 1
        return _Parsed(first, last, "month", uncertain, approximate, False, text)
    first = _dt.date(year, 1, 1).toordinal()
    last = _dt.date(year, 12, 31).toordinal()
    return _Parsed(first, last, "year", uncertain, approximate, False, text)


def _far(
    text: str, year: int, mo: str | None, d: str | None, *, uncertain: bool, approximate: bool
) -> _Parsed | None:
    """A four-digit year outside 1 to 9999: 0000 (1 BCE) or a negative year."""
    if text.startswith("-0000"):
        raise DateError(f"{text!r} is not a valid EDTF date: year zero has no sign")
    if d is not None:
        month, day = int(mo or 0), int(d)
        if not (1 <= month <= 12 and 1 <= day <= _month_days(year, month)):
            raise DateError(f"{text!r} is not a real calendar day")
        if "T" in text:
            _check_time(text)
        number = day_number(year, month, day)
        return _Parsed(number, number, "day", uncertain, approximate, False, text)
    if mo is not None:
        month = int(mo)
        if not 1 <= month <= 12:
            return None  # seasons and quarters go to the edtf package
        first = day_number(year, month, 1)
        last = first + _month_days(year, month) - 1
        return _Parsed(first, last, "month", uncertain, approximate, False, text)
    return _Parsed(
        day_number(year, 1, 1),
        day_number(year, 12, 31),
        "year",
        uncertain,
        approximate,
        False,
        text,
    )


def _long_year(text: str) -> _Parsed | None:
    m = _LONG_YEAR.fullmatch(text)
    if m is None:
        return None
    year = int(m[1])
    _year_bounds(year, text)
    q = m[2]
    return _Parsed(
        day_number(year, 1, 1),
        day_number(year, 12, 31),
        "year",
        q in ("?", "%"),
        q in ("~", "%"),
        False,
        text,
    )


#: The furthest a time zone is from UTC: UTC+14:00 (Kiribati), and no zone is
#: further west than UTC-12:00; ±14:00 is the bound ISO 8601 and RFC 3339 users keep.
_MAX_OFFSET_MINUTES: Final = 14 * 60


def _check_time(text: str) -> None:
    time = text.split("T", 1)[1]
    hh, mm, ss = (int(p) for p in time[:8].split(":"))
    if hh > 23 or mm > 59 or ss > 59:
        raise DateError(f"{text!r} has an impossible time of day")
    offset = time[8:].rstrip("?~%")
    if offset[:1] in ("+", "-"):
        oh, om = int(offset[1:3]), int(offset[4:6] or 0)
        if om > 59 or oh * 60 + om > _MAX_OFFSET_MINUTES:
            raise DateError(f"{text!r} has an impossible time zone offset (beyond ±14:00)")


def _from_struct(value: object, text: str) -> int | None:
    year = getattr(value, "tm_year", None)
    if year is None:  # the edtf package answers +/-inf for open ends
        return None
    _year_bounds(int(year), text)
    month: int = value.tm_mon  # type: ignore[attr-defined]
    day: int = value.tm_mday  # type: ignore[attr-defined]
    return day_number(int(year), month, day)


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
    try:
        bounds = parsed.lower_strict(), parsed.upper_strict()
    except (ValueError, OverflowError) as exc:
        raise DateError(f"{text!r} has bounds this library cannot work out: {exc}") from None
    lower, upper = _from_struct(bounds[0], text), _from_struct(bounds[1], text)
    name = type(parsed).__name__
    return _Parsed(
        lower,
        upper,
        "interval" if "Interval" in name else "other",
        "?" in text or "%" in text,
        "~" in text or "%" in text,
        "Interval" in name,
        text,
    )


def _side(text: str) -> _Parsed | None:
    """One end of an interval: a simple date, an open end or an unknown end."""
    if text in ("", ".."):
        return _Parsed(None, None, "open", False, False, False, text)
    return _simple(text)


@lru_cache(maxsize=65536)
def parse_bounds(text: str) -> _Parsed:
    """Parse EDTF text once; the answer is cached because corpora repeat dates."""
    if not isinstance(text, str) or not text or text != text.strip():
        raise DateError(f"{shown(text)} is not a valid EDTF date")
    if not text.isascii():
        # EDTF is written with ASCII digits; Python's int() and \d would take
        # fullwidth or Arabic-Indic ones and change the text's meaning unseen.
        raise DateError(f"{shown(text)} is not a valid EDTF date: write it in ASCII digits (0-9)")
    simple = _simple(text)
    if simple is not None:
        return simple
    if text.count("/") == 1:
        start_text, end_text = text.split("/")
        start, end = _side(start_text), _side(end_text)
        if start is not None and end is not None and (start_text or end_text):
            if start_text in ("", "..") and end_text in ("", ".."):
                raise DateError(f"{text!r} has no known end at all")
            if start.low is not None and end.high is not None and start.low > end.high:
                raise DateError(f"{text!r} ends before it starts")
            return _Parsed(
                start.low,
                end.high,
                "interval",
                start.uncertain or end.uncertain,
                start.approximate or end.approximate,
                True,
                text,
            )
    return _fallback(text)


def _edtf_text(value: str) -> str:
    parse_bounds(value)
    return value


#: An ISO 8601 duration in whole years, months, weeks and days, with a sign for one
#: that goes back ("-P1D": the day before).
OFFSET_PATTERN: Final = re.compile(
    r"-?P(?=\d)(?:(\d{1,4})Y)?(?:(\d{1,5})M)?(?:(\d{1,5})W)?(?:(\d{1,6})D)?"
)
#: The shape of an id (see communique.model.Entity.id), checked here as dates come first.
ANCHOR_ID_PATTERN: Final = re.compile(
    r"[a-z][a-z0-9_-]*(?::[a-z][a-z0-9_-]*)?:[A-Za-z0-9][A-Za-z0-9._~:/+-]*"
)


def _check_offset(instance: Date, _: object, value: str | None) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not OFFSET_PATTERN.fullmatch(value):
        raise DateError(
            f"offset {shown(value)} is not an ISO 8601 duration in years, months, weeks "
            "or days such as 'P1M' (a month later), '-P1D' (the day before) or 'P0D'"
        )
    if instance.relative_to is None:
        raise DateError("a date with an offset needs relative_to: what the offset counts from")


def _check_anchor(instance: Date, _: object, value: str | None) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not ANCHOR_ID_PATTERN.fullmatch(value):
        raise DateError(f"relative_to {shown(value)} is not an id of an event or a source")
    if not instance.inferred:
        raise DateError(
            "a date relative to another is worked out, not stated: mark it inferred: true"
        )


def _shift(anchor: Date, offset: str | None) -> str:
    """The EDTF text of ``anchor`` moved by ``offset``, as precise as the offset's
    largest unit and no more precise than the anchor."""
    start = anchor.lower_day
    if start is None:
        raise DateError(f"{anchor.edtf!r} has no known start to count from")
    year, month, day = calendar_day(start)
    sign, unit = 1, "day"
    if offset is not None:
        m = OFFSET_PATTERN.fullmatch(offset)
        assert m is not None  # checked when the date was made
        sign = -1 if offset.startswith("-") else 1
        years, months, weeks, days = (int(g) if g else 0 for g in m.groups())
        unit = "year" if years else "month" if months else "day"
        if years and (months or weeks or days):
            unit = "month" if months else "day"
        total = (year * 12 + month - 1) + sign * (years * 12 + months)
        year, month = divmod(total, 12)
        month += 1
        day = min(day, _month_days(year, month))
        start = day_number(year, month, day) + sign * (weeks * 7 + days)
        year, month, day = calendar_day(start)
    precision = anchor.precision if anchor.precision in ("year", "month") else "day"
    order = ("year", "month", "day")
    unit = order[min(order.index(unit), order.index(precision))]
    sign_text = "-" if year < 0 else ""
    text = f"{sign_text}{abs(year):04d}"
    if unit != "year":
        text += f"-{month:02d}"
    if unit == "day":
        text += f"-{day:02d}"
    return text


@frozen(slots=True, kw_only=False, weakref_slot=False)
class Date:
    """A date as EDTF text, with whether it was stated in the source or inferred.

    ``inferred`` dates keep the ``phrase`` they were worked out from ("last May",
    "4 March") and, in ``basis``, how (for example "year from the publication date").

    A date relative to another ("next month", "the day before") keeps what it is
    relative to: ``relative_to`` is the id of the source whose date it counts from
    or of an event, and ``offset`` an ISO 8601 duration (``P1M``, ``-P1D``; none
    for the anchor's own date). ``edtf`` is then the date worked out from the
    anchor, and such a date is ``inferred``; :meth:`resolved` works it out again
    from the anchor's date, so that a corrected anchor corrects it
    (:meth:`communique.Record.resolve_relative_dates` does so for a whole record).

    >>> next_month = Date("2026-06", inferred=True, phrase="next month",
    ...                   relative_to="source:record", offset="P1M")
    >>> next_month.resolved(Date("2026-07-14")).edtf
    '2026-08'
    """

    edtf: str = field(converter=_edtf_text)
    inferred: bool = field(default=False, kw_only=True)
    phrase: str | None = field(default=None, kw_only=True)
    basis: str | None = field(default=None, kw_only=True)
    relative_to: str | None = field(default=None, kw_only=True, validator=_check_anchor)
    offset: str | None = field(default=None, kw_only=True, validator=_check_offset)

    def resolved(self, anchor: Date) -> Date:
        """This date worked out again from ``anchor``, the date of what it is
        relative to: the anchor moved by :attr:`offset`, as precise as the offset's
        unit (a month later is a month) and no more precise than the anchor.

        >>> Date("2020-03-03", inferred=True, phrase="the day before",
        ...      relative_to="event:e", offset="-P1D").resolved(Date("2020-03-01")).edtf
        '2020-02-29'
        """
        if self.relative_to is None:
            raise DateError(f"{self.edtf!r} is not relative to anything")
        edtf = _shift(anchor, self.offset)
        if edtf == self.edtf:
            return self
        return Date(
            edtf,
            inferred=True,
            phrase=self.phrase,
            basis=self.basis,
            relative_to=self.relative_to,
            offset=self.offset,
        )

    @property
    def lower(self) -> _dt.date | None:
        """The earliest day the date can mean; ``None`` for an open or unknown start.
        :class:`DateError` for a day outside the years 1 to 9999 (see :attr:`lower_day`)."""
        return parse_bounds(self.edtf).lower

    @property
    def upper(self) -> _dt.date | None:
        """The latest day the date can mean; ``None`` for an open or unknown end.
        :class:`DateError` for a day outside the years 1 to 9999 (see :attr:`upper_day`)."""
        return parse_bounds(self.edtf).upper

    @property
    def lower_day(self) -> int | None:
        """The earliest day the date can mean as a day number (see :func:`day_number`),
        for any year; ``None`` for an open or unknown start.

        >>> Date("-0490").lower_day < Date("0001-01-01").lower_day == 1
        True
        """
        return parse_bounds(self.edtf).low

    @property
    def upper_day(self) -> int | None:
        """The latest day the date can mean as a day number, for any year; ``None``
        for an open or unknown end."""
        return parse_bounds(self.edtf).high

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
