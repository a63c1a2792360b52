"""A small scanner over JSON bytes: where a value ends, where the elements of a
document's array start, and the line and column of a path, all without building
the values skipped over.

Used to read a document a piece at a time and to place problems in a file; the
values themselves are parsed (and checked) by :mod:`communique.formats.json`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import orjson

__all__ = [
    "SPACE",
    "DocumentPlaces",
    "element_starts",
    "locate",
    "position",
    "skip_ws",
    "value_end",
]

_WS: Final = re.compile(rb"[ \t\n\r]*")
_STRING: Final = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_SCALAR: Final = re.compile(rb"[^ \t\n\r,\]}]*")
# Everything up to the next bracket outside a string (or up to the quote that
# opens a string not closed in the data), written as "plain (string plain)*" so
# that each byte has one way to match and the pattern never backtracks.
_PLAIN = rb'[^"\[\]{}]*'
_RUN: Final = re.compile(_PLAIN + rb'(?:"[^"\\]*(?:\\.[^"\\]*)*"' + _PLAIN + rb")*", re.DOTALL)
_QUOTE: Final = ord('"')
SPACE: Final = frozenset(b" \t\n\r")
_OPENING: Final = frozenset(b"[{")


def value_end(data: bytes, start: int) -> int:
    """Where the JSON value starting at ``start`` ends, or -1 if ``data`` ends first.

    Only brackets and strings are followed; the value itself is checked by the
    parser it is then given to. Memory and time are linear, whatever the depth.
    """
    first = data[start]
    if first == _QUOTE:
        m = _STRING.match(data, start)
        return m.end() if m else -1
    if first in _OPENING:
        depth = 0
        pos = start
        size = len(data)
        run = _RUN.match
        while True:
            pos = run(data, pos).end()  # type: ignore[union-attr]
            if pos >= size:
                return -1
            char = data[pos]
            if char == _QUOTE:
                return -1
            pos += 1
            if char in _OPENING:
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return pos
    end = _SCALAR.match(data, start).end()  # type: ignore[union-attr]
    return end if end < len(data) else -1


def element_starts(data: bytes, key: str) -> list[int]:
    """Where each element of the array at ``key`` of the top-level object starts,
    in one pass over the text (``[]`` if there is no such array).

    >>> element_starts(b'{"a": 1, "entities": [ {"x": 2}, [3] ]}', "entities")
    [23, 33]
    """
    try:
        pos = skip_ws(data, 0)
        found = _step(data, pos, key, 1) if data[pos] == ord("{") else None
        if found is None or data[found[1]] != ord("["):
            return []
        pos = skip_ws(data, found[1] + 1)
        starts: list[int] = []
        following: int | None = pos
        while following is not None and data[following] != ord("]"):
            starts.append(following)
            following = _next_of(data, following)
    except (IndexError, ValueError, orjson.JSONDecodeError):
        return []
    return starts


class _Cursor:
    """Turns byte offsets of one text into lines and columns, counting only the
    bytes since the offset asked for before: asked in increasing order, as the
    problems of a file come, placing them all costs one pass over the text."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._offset = 0
        self._line = 1
        self._column = 1

    def at(self, offset: int) -> tuple[int, int]:
        if offset < self._offset:
            self._offset, self._line, self._column = 0, 1, 1
        region = self._data[self._offset : offset]
        newlines = region.count(b"\n")
        if newlines:
            self._line += newlines
            region = region[region.rfind(b"\n") + 1 :]
            self._column = 1
        self._column += len(region.decode("utf-8", "replace"))
        self._offset = offset
        return self._line, self._column


class DocumentPlaces:
    """Where paths are written in one JSON document, found in a single forward
    pass when they are asked in the order of the elements of ``key``.

    The starts of the elements of the document's ``key`` array are found once
    (on the first question); a path into an element is then looked for in that
    element's text alone, and its line counted on from the last element placed.
    Other paths are looked for from the start (:func:`locate`).

    >>> places = DocumentPlaces(b'{"entities": [\\n  {"id": "x:y"},\\n  {"id": "x:z",\\n   "date": 7}]}')
    >>> places(("entities", 1, "date"))
    (4, 4)
    """

    def __init__(self, data: bytes, key: str = "entities") -> None:
        self._data = data
        self._key = key
        self._starts: list[int] | None = None
        self._cursor = _Cursor(data)

    def __call__(self, path: Sequence[str | int]) -> tuple[int, int] | None:
        if len(path) >= 2 and path[0] == self._key and isinstance(path[1], int):
            found = self.in_element(path[1], tuple(path[2:]))
            if found is not None:
                return found
        return locate(self._data, tuple(path))

    def in_element(self, index: int, steps: tuple[str | int, ...]) -> tuple[int, int] | None:
        """The place of ``steps`` within element ``index`` of the array (of the
        element itself, or of the deepest part of the path it has); ``None`` if
        the array has no such element."""
        if self._starts is None:
            self._starts = element_starts(self._data, self._key)
        if not 0 <= index < len(self._starts):
            return None
        data = self._data
        start = self._starts[index]
        end = value_end(data, start)
        element = data[start:end] if end > 0 else data[start:]
        line, column = self._cursor.at(start)
        where = locate(element, steps) or (1, 1)
        if where[0] == 1:
            return line, column + where[1] - 1
        return line + where[0] - 1, where[1]


def skip_ws(data: bytes, pos: int) -> int:
    return _WS.match(data, pos).end()  # type: ignore[union-attr]


def locate(
    data: bytes, path: tuple[str | int, ...], *, occurrence: int = 1
) -> tuple[int, int] | None:
    """The line and column (from 1) of the value at ``path`` in JSON text, or of the
    deepest part of the path that exists; for a key, where the key is written.

    ``occurrence`` picks a later writing of the last key (a duplicate). Used on
    errors only: it scans the text from the start.

    >>> locate(b'{"entities": [\\n  {"id": "x:y",\\n   "date": 7}]}', ("entities", 0, "date"))
    (3, 4)
    """
    try:
        pos = skip_ws(data, 0)
        best = pos
        for number, step in enumerate(path, start=1):
            last = number == len(path)
            found = _step(data, pos, step, occurrence if last else 1)
            if found is None:
                break
            key_pos, pos = found
            best = key_pos if last else pos
    except (IndexError, ValueError, orjson.JSONDecodeError):
        return None
    if best >= len(data):
        return None
    return position(data, best)


def _step(data: bytes, pos: int, step: str | int, occurrence: int) -> tuple[int, int] | None:
    """From the container at ``pos``: (where the member is written, where its value starts)."""
    opening = data[pos]
    if opening == ord("{") and isinstance(step, str):
        pos = skip_ws(data, pos + 1)
        seen = 0
        while data[pos] == _QUOTE:
            key_at = pos
            m = _STRING.match(data, pos)
            if m is None:
                return None
            key = orjson.loads(m.group())
            pos = skip_ws(data, m.end())
            if data[pos] != ord(":"):
                return None
            pos = skip_ws(data, pos + 1)
            if key == step:
                seen += 1
                if seen == occurrence:
                    return key_at, pos
            following = _next_of(data, pos)
            if following is None:
                return None
            pos = following
        return None
    if opening == ord("[") and isinstance(step, int):
        pos = skip_ws(data, pos + 1)
        for _ in range(step):
            following = _next_of(data, pos)
            if following is None:
                return None
            pos = following
        if data[pos] == ord("]"):
            return None
        return pos, pos
    return None


def _next_of(data: bytes, pos: int) -> int | None:
    """From the value at ``pos`` in an array or object: where the next element or
    member starts, past the comma; ``None`` after the last one or in cut text."""
    end = value_end(data, pos)
    if end < 0:
        return None
    pos = skip_ws(data, end)
    if data[pos] != ord(","):
        return None
    return skip_ws(data, pos + 1)


def position(data: bytes, offset: int | None) -> tuple[int, int]:
    """Line and column (characters, from 1) of a byte offset (``None``: the end)."""
    end = len(data) if offset is None else offset
    line_start = data.rfind(b"\n", 0, end) + 1
    column = len(data[line_start:end].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, end) + 1, column
