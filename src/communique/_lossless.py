"""Whether JSON text was read without loss, told by a few passes over its bytes
in C: the checks :mod:`communique.formats.json` makes of what orjson read, and
:mod:`communique._mirror` of what msgspec read (the colons alone: its fields
refuse a number that does not fit as they are made), before trusting it.

Both parsers keep the last of two equal keys in an object, silently; every key
in JSON is followed by exactly one colon outside strings, and both write every
colon inside a string as it is, so a text and the parser's writing of what it
read have different numbers of colons when a key was dropped (unless a colon
was escaped, ``\\u003a``, which is rare and only costs the exact check).
Numbers that may not fit a 64-bit integer or float are long runs of digits or
three-digit exponents, found by substring search after mapping each digit to
``0``.
"""

from __future__ import annotations

from typing import Final

__all__ = ["colons_differ", "long_numbers"]

# The translation that lets plain substring searches find the number literals
# that may not fit: every digit becomes 0, every exponent mark e, and signs are
# left out (so that one search finds an exponent with or without its sign; digits
# that come together only by it are a false alarm, which costs the exact check).
_NUMBER_SHAPE: Final = bytes.maketrans(b"123456789E", b"000000000e")
_SIGNS: Final = b"+-"
# 19 digits in a row: an integer at or beyond 2**63 (or a literal long enough to
# lose precision as a float); a three-digit exponent: a float that may overflow
# or round to zero.
_LONG_NUMBERS: Final = (b"0" * 19, b"0e000")


def colons_differ(raw: bytes, written: bytes) -> bool:
    """Whether a key of ``raw`` may be missing from ``written``, a parser's
    writing of what it read of ``raw``."""
    return raw.count(b":") != written.count(b":") or b"\\u003" in raw


def long_numbers(raw: bytes) -> bool:
    """Whether ``raw`` may hold a number that does not fit."""
    shape = raw.translate(_NUMBER_SHAPE, _SIGNS)
    return _LONG_NUMBERS[0] in shape or _LONG_NUMBERS[1] in shape
