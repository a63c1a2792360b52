"""JSON: the canonical document, parsed and written with orjson, checked so that
nothing is lost on the way in.

orjson is fast and strict (no NaN, no lone surrogates, no invalid UTF-8, a
depth limit), but it keeps the last of two equal keys in an object, turns
integers beyond 64 bits into floats and rounds tiny numbers to zero, all
silently. :func:`loads` catches each of these with checks that cost a few
passes over the bytes in C (see :func:`_suspect`); only text that fails them
(which holds such a problem, or looks as if it might) is parsed a second time
by the standard library with hooks that see every key and every number literal.

The module also reads a document incrementally (:class:`DocumentReader`: the
``entities`` array element by element) and maps a field path back to its line
(:func:`locate`), both with the scanner of :mod:`communique.formats._scan`,
which skips over values without building them; the ``$``-path syntax is
:mod:`communique._paths`'s.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, Final

import orjson

from .._lossless import colons_differ, long_numbers
from .._numbers import INT_MAX, INT_MIN
from .._paths import path_steps, path_text
from ..converter import FORMAT_VERSION, Converter, EntityError
from ..errors import ParseError, Problem
from ..model import Entity
from ._base import FileFormat, Item, Reading, Request, Run, Where
from ._document import document_items, path_of, record_problems
from ._scan import SPACE as _SPACE
from ._scan import DocumentPlaces, element_starts, locate, position, value_end
from ._scan import skip_ws as _skip_ws

__all__ = [
    "FORMAT",
    "MAX_DEPTH",
    "DocumentPlaces",
    "DocumentReader",
    "dumps",
    "encode",
    "loads",
    "element_starts",
    "loads_many",
    "locate",
    "path_steps",
    "path_text",
    "place_problems",
    "position",
    "read_entities",
    "shift",
    "write_entities",
]

#: How deeply arrays and objects may nest (orjson's own limit).
MAX_DEPTH: Final = 1024


# -- reading one value ----------------------------------------------------------


def loads(
    data: bytes | str,
    *,
    file: str | None = None,
    origin: tuple[int, int] = (1, 1),
    indent: bytes | None = None,
) -> Any:
    """Parse one JSON value, refusing anything that would not come back unchanged.

    Raises :class:`~communique.ParseError` with every problem found, each with
    its line and column (counted in characters, from 1) and the path of the
    value: a syntax error, invalid UTF-8, a lone surrogate, nesting deeper than
    :data:`MAX_DEPTH`, a key given twice in one object, an integer that does not
    fit in 64 bits, a number too large or too small for a 64-bit float.
    ``origin`` is the line and column where ``data`` starts in ``file``;
    ``indent``, the text before it on its line when it was written pretty-printed
    inside a larger document (which makes checking it cheaper, see :func:`_suspect`).

    >>> loads(b'{"a": 1, "a": 2}')
    Traceback (most recent call last):
    ...
    communique.errors.ParseError: <data>:1:10: $.a: duplicate key 'a' (first at line 1, column 2)
    """
    try:
        raw = encode(data, file=file)
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise ParseError([_syntax_problem(raw, exc, file)]) from None
        if indent is None and raw[1:2] == b"\n":
            # Pretty-printed from its first line: most likely as cq.dump writes
            # a document (two spaces a level), which is checked by writing it so.
            indent = b""
        if _suspect(raw, value, indent):
            problems = _strict_problems(raw, origin)
            if problems:
                raise ParseError([p.located(file=file) for p in problems])
    except ParseError as exc:
        if origin == (1, 1):
            raise
        raise ParseError([shift(p, *origin) for p in exc.problems]) from None
    return value


def loads_many(
    texts: Sequence[bytes], *, file: str | None = None, origins: Sequence[tuple[int, int]]
) -> list[Any]:
    """Parse many JSON values at once, each as :func:`loads` would: the value, or
    the :class:`~communique.ParseError` saying why it cannot be had.

    The checks for loss cost little per byte but much per call, so they are made
    once over all the texts; only when that finds something suspect is each text
    checked on its own. ``origins`` are where the texts start in ``file``.
    """
    values: list[Any] = []
    parsed: list[Any] = []
    raw: list[bytes] = []
    for text in texts:
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            values.append(_AGAIN)
            continue
        values.append(value)
        parsed.append(value)
        raw.append(text)
    # The texts as the elements of one array: lines written as orjson writes them
    # (as communique does) come back the same, which proves that nothing was lost.
    suspect = bool(parsed) and _suspect(b"[" + b",".join(raw) + b"]", parsed)
    if not suspect and len(parsed) == len(texts):
        return values
    for number, (text, value) in enumerate(zip(texts, values, strict=True)):
        if value is _AGAIN or (suspect and _suspect(text, value)):
            try:
                values[number] = loads(text, file=file, origin=origins[number])
            except ParseError as exc:
                values[number] = exc
    return values


# Marks a text orjson refused, to be parsed again for the located problem.
_AGAIN: Final = object()


def encode(data: bytes | str, *, file: str | None = None) -> bytes:
    """Text as UTF-8 bytes; :class:`~communique.ParseError` for a lone surrogate,
    which no encoding can write."""
    if isinstance(data, bytes):
        return data
    try:
        return data.encode("utf-8")
    except UnicodeEncodeError as exc:
        line, column = position(data[: exc.start].encode("utf-8", "replace"), None)
        raise ParseError(
            [
                Problem(
                    code="invalid-text",
                    message=f"the text holds a lone surrogate (U+{ord(data[exc.start]):04X}), "
                    "which is not a character",
                    file=file,
                    line=line,
                    column=column,
                )
            ]
        ) from None


def _syntax_problem(raw: bytes, exc: orjson.JSONDecodeError, file: str | None) -> Problem:
    # orjson reports invalid UTF-8 at the start of the document: find the byte.
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        line, column = position(raw, bad.start)
        return Problem(
            code="invalid-utf8",
            message=f"not valid UTF-8: byte 0x{raw[bad.start]:02x}",
            file=file,
            line=line,
            column=column,
        )
    message = exc.msg
    code = "syntax"
    if "depth limit" in message:
        code, message = "too-deep", f"arrays and objects nest more than {MAX_DEPTH} levels deep"
    elif "infinity" in message:
        code = "number-out-of-range"
        message = "a number too large for a 64-bit float"
    else:
        message = f"not valid JSON: {message}"
    return Problem(code=code, message=message, file=file, line=exc.lineno, column=exc.colno)


def _suspect(raw: bytes, value: object, indent: bytes | None = None) -> bool:
    """Whether ``raw`` may hold a duplicate key or a number that did not fit.

    The colons of the text and of orjson's writing of what it read differ when
    a key was dropped; numbers that may not fit are found by their shape (see
    :mod:`communique._lossless`). False alarms only cost the slower, exact check.

    Text that orjson writes back byte for byte (but for a final newline) lost
    nothing, which is cheaper to see: compact text, or text pretty-printed as
    communique writes documents (two spaces a level, each line after the first
    starting with ``indent``).
    """
    try:
        if indent is None:
            written = orjson.dumps(value)
        else:
            written = orjson.dumps(value, option=orjson.OPT_INDENT_2)
            written = written.replace(b"\n", b"\n" + indent)
    except orjson.JSONEncodeError:
        # Nested deeper than orjson writes (it reads deeper than it writes).
        return True
    if written == raw or (raw[-1:] == b"\n" and written == raw[:-1]):
        return False
    # Pretty-printing adds no colon: the colons still count the keys.
    return _differs(raw, written)


def _differs(raw: bytes, written: bytes) -> bool:
    """Whether ``raw`` may hold what orjson's ``written`` version of it lost (see
    :func:`_suspect`)."""
    return colons_differ(raw, written) or long_numbers(raw)


class _Duplicates(dict[str, Any]):
    """An object in which some keys were given more than once."""

    keys_repeated: list[str]


class _BadNumber:
    """A number literal that does not fit, kept in place of its value."""

    __slots__ = ("literal", "message")

    def __init__(self, literal: str, message: str) -> None:
        self.literal = literal
        self.message = message


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    repeated: list[str] = []
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    flagged = _Duplicates(out)
    flagged.keys_repeated = repeated
    return flagged


def _int(literal: str) -> int | _BadNumber:
    # Check the length first: int() refuses very long literals with its own error.
    if len(literal.lstrip("-")) <= 19:
        value = int(literal)
        if INT_MIN <= value <= INT_MAX:
            return value
    shown = literal if len(literal) <= 40 else f"{literal[:20]}...({len(literal)} digits)"
    return _BadNumber(literal, f"the integer {shown} does not fit in 64 bits")


def _float(literal: str) -> float | _BadNumber:
    value = float(literal)
    shown = literal if len(literal) <= 40 else f"{literal[:20]}...({len(literal)} characters)"
    if math.isinf(value):
        return _BadNumber(literal, f"the number {shown} is too large for a 64-bit float")
    mantissa = literal.lower().partition("e")[0]
    if value == 0.0 and any(c in "123456789" for c in mantissa):
        return _BadNumber(
            literal, f"the number {shown} is too small for a 64-bit float: it would be 0"
        )
    return value


def _strict_problems(raw: bytes, origin: tuple[int, int]) -> list[Problem]:
    """Every duplicate key and number that does not fit, located.

    Only called on text orjson accepted, so the grammar, the encoding and the
    depth are known to be good.
    """
    try:
        value = json.loads(raw, object_pairs_hook=_object, parse_int=_int, parse_float=_float)
    except RecursionError:
        return [Problem(code="too-deep", message="arrays and objects nest too deeply")]
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    found: list[tuple[tuple[str | int, ...], str, int, str]] = []
    while stack:
        item, path = stack.pop()
        if isinstance(item, dict):
            if isinstance(item, _Duplicates):
                for key in item.keys_repeated:
                    found.append((path, key, 2, "duplicate-key"))
            stack.extend((v, (*path, k)) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((v, (*path, i)) for i, v in reversed(list(enumerate(item))))
        elif isinstance(item, _BadNumber):
            problems.append(
                _located(
                    raw,
                    path,
                    1,
                    "number-out-of-range",
                    item.message,
                    expected="a number that fits in 64 bits",
                    found=item.literal,
                )
            )
    for path, key, occurrence, code in found:
        first = locate(raw, (*path, key))
        if first is not None:
            moved = shift(Problem(code="", message="", line=first[0], column=first[1]), *origin)
            where = f" (first at line {moved.line}, column {moved.column})"
        else:
            where = ""
        problems.append(
            _located(
                raw,
                (*path, key),
                occurrence,
                code,
                f"duplicate key {key!r}{where}",
                expected="each key once in an object",
                found=f"{key!r} again",
            )
        )
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems


def _located(
    raw: bytes,
    path: tuple[str | int, ...],
    occurrence: int,
    code: str,
    message: str,
    *,
    expected: str,
    found: str,
) -> Problem:
    where = locate(raw, path, occurrence=occurrence)
    return Problem(
        code=code,
        message=message,
        path=path_text(path),
        line=where[0] if where else None,
        column=where[1] if where else None,
        expected=expected,
        found=found,
    )


# -- reading a document incrementally ----------------------------------------------


class DocumentReader:
    """Reads ``{"communique": ..., "entities": [...]}`` from a binary stream one
    entity at a time, holding one chunk and one entity in memory.

    Iterating yields ``(index, text, offset, value)`` for each element of
    ``entities``: its raw bytes, the byte offset where it starts in the stream
    (:meth:`position` turns it into a line and column while the element is the
    current one), and its value as :func:`loads` parses it, or the
    :class:`~communique.ParseError` that says why it does not parse. The other
    members of the document are parsed as they come and kept in :attr:`fields`;
    a key given twice is kept in :attr:`problems`. Malformed structure around
    the elements raises :class:`~communique.ParseError`.

    Finding where an element ends takes a scan of its bytes (:func:`value_end`),
    except in the layout pretty-printers write, where an element that opens a
    line closes on a line of the same indentation (or on the line it opens):
    there the end is found by a substring search, and the parse confirms it.
    """

    chunk_size: Final = 1 << 20

    def __init__(
        self,
        stream: IO[bytes],
        *,
        file: str | None,
        max_item_bytes: int,
    ) -> None:
        self._stream = stream
        self._file = file
        self._max = max_item_bytes
        self._buf = b""
        self._pos = 0
        self._base = 0  # the stream offset of the buffer's first byte
        self._eof = False
        self._last_size = 0
        # A position in the buffer whose line and column are known, so that
        # locating a later position only counts the bytes in between.
        self._mark = 0
        self._line = 1
        self._column = 1
        # The line and column of the buffer's first byte.
        self._buf_line = 1
        self._buf_column = 1
        self.fields: dict[str, Any] = {}
        #: Where each member of the document is written (``()``: the document).
        self.places: dict[tuple[str, ...], tuple[int, int]] = {}
        self.problems: list[Problem] = []

    # The buffer -----------------------------------------------------------------

    def _fill(self, size: int = 0) -> bool:
        """Read at least one more chunk; False at the end of the stream."""
        if self._eof:
            return False
        chunk = self._stream.read(max(size, self.chunk_size))
        if not chunk:
            self._eof = True
            return False
        if self._pos > 0:
            self._buf_line, self._buf_column = self.where(self._pos)
            self._base += self._pos
            self._buf = self._buf[self._pos :]
            self._mark = self._pos = 0
        self._buf += chunk
        return True

    def where(self, pos: int) -> tuple[int, int]:
        """Line and column of a position in the buffer.

        The mark moves to each position asked for, so that asking for positions
        in order (as the problems of the elements come) counts each byte once."""
        if pos < self._mark:
            # Before the mark: count again from the start of the buffer.
            self._mark, self._line, self._column = 0, self._buf_line, self._buf_column
        region = self._buf[self._mark : pos]
        newlines = region.count(b"\n")
        if newlines:
            tail = region[region.rfind(b"\n") + 1 :]
            self._line, self._column = (
                self._line + newlines,
                len(tail.decode("utf-8", "replace")) + 1,
            )
        else:
            self._column += len(region.decode("utf-8", "replace"))
        self._mark = pos
        return self._line, self._column

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of a stream offset within the current element."""
        return self.where(offset - self._base)

    def _skip(self) -> int:
        """Skip whitespace; the next byte, or -1 at the end."""
        if self._pos < len(self._buf) and self._buf[self._pos] not in _SPACE:
            return self._buf[self._pos]
        while True:
            self._pos = _skip_ws(self._buf, self._pos)
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._fill():
                return -1

    def _error(
        self,
        message: str,
        *,
        code: str = "syntax",
        setting: str | None = None,
        hint: str | None = None,
    ) -> ParseError:
        line, column = self.where(self._pos)
        problem = Problem(
            code=code,
            message=message,
            file=self._file,
            line=line,
            column=column,
            setting=setting,
            hint=hint,
        )
        return ParseError([problem])

    def _found(self) -> str:
        if self._pos >= len(self._buf):
            return "the end of the file"
        return repr(self._buf[self._pos : self._pos + 1].decode("utf-8", "replace"))

    def _expect(self, char: bytes, what: str) -> None:
        if self._skip() != char[0]:
            raise self._error(f"not valid JSON: expected {what}, found {self._found()}")
        self._pos += 1

    def _value(self) -> tuple[bytes, int]:
        """The raw text of the next value, and where it starts in the buffer."""
        if self._skip() < 0:
            raise self._error("not valid JSON: expected a value, found the end of the file")
        while True:
            end = value_end(self._buf, self._pos)
            if end == self._pos:
                raise self._error(f"not valid JSON: expected a value, found {self._found()}")
            if end >= 0 and end - self._pos <= self._max:
                start, self._pos = self._pos, end
                return self._buf[start:end], start
            if len(self._buf) - self._pos > self._max:
                raise self._error(
                    f"a value longer than {self._max} bytes",
                    code="too-large",
                    setting="max_line_bytes",
                    hint="raise max_line_bytes",
                )
            # Read as much again as the value holds so far: rescanning stays linear.
            if not self._fill(len(self._buf) - self._pos):
                # The value runs to the end of the file: the parser says what is wrong.
                start, self._pos = self._pos, len(self._buf)
                return self._buf[start:], start

    def _element(self) -> tuple[bytes, int, Any]:
        """The next element: its text, where it starts in the buffer, its value
        (or the ParseError of it)."""
        self._skip()
        end, indent = self._layout_end()
        if end > 0:
            start = self._pos
            try:
                value = loads(self._buf[start:end], file=self._file, indent=indent)
            except ParseError:
                pass  # not the end after all, or a real problem: the scan tells
            else:
                self._pos = end
                self._last_size = end - start
                return self._buf[start:end], start, value
        text, start = self._value()
        try:
            value = loads(text, file=self._file)
        except ParseError:
            # Parsed again to place the problems (where() counts on from the
            # last position placed).
            try:
                value = loads(text, file=self._file, origin=self.where(start))
            except ParseError as exc:
                value = exc
        return text, start, value

    def _layout_end(self) -> tuple[int, bytes | None]:
        """Where a pretty-printed element at the current position seems to end
        (its closing brace on a line of the same indentation, or the end of its
        own line), or -1; and the indentation of its lines after the first
        (``None`` for an element on a line of its own). A guess, to be confirmed
        by parsing."""
        buf, start = self._buf, self._pos
        if start >= len(buf) or buf[start] != ord("{"):
            return -1, None
        # Only a short way back: a minified document has no line to look for.
        newline = buf.rfind(b"\n", max(0, start - 128), start)
        if newline < 0:
            return -1, None
        indent = buf[newline + 1 : start]
        if indent.strip(b" \t"):
            return -1, None
        # Look no further than a few times the last element: a wrong guess stays cheap.
        limit = min(start + max(1 << 16, 4 * self._last_size), start + self._max)
        line_end = buf.find(b"\n", start, limit)
        if line_end < 0:
            return -1, None
        own_line = buf[start:line_end].rstrip(b" \t\r")
        if own_line != b"{":
            return start + len(own_line[:-1] if own_line.endswith(b",") else own_line), None
        closer = b"\n" + indent + b"}"
        end = buf.find(closer, line_end, limit)
        return (end + len(closer), indent) if end >= 0 else (-1, None)

    def _parse(self, text: bytes, start: int) -> Any:
        return loads(text, file=self._file, origin=self.where(start))

    # The document -----------------------------------------------------------------

    def __iter__(self) -> Iterator[tuple[int, bytes, int, Any]]:
        first = self._skip()
        if first < 0:
            raise self._error("not valid JSON: the file is empty")
        if first != ord("{"):
            # Not a record either way, but if it is not JSON at all, say that:
            # read the rest (within the limit) and let the parser judge it whole.
            while len(self._buf) - self._pos <= self._max and self._fill(len(self._buf)):
                pass
            found = self._found()
            if len(self._buf) - self._pos <= self._max:
                found = _kind(self._parse(self._buf[self._pos :], self._pos))
            raise self._error(
                f"a record is an object with 'communique' and 'entities', found {found}",
                code="not-a-record",
            )
        self.places[()] = self.where(self._pos)
        self._pos += 1
        if self._skip() == ord("}"):
            self._pos += 1
        else:
            while True:
                line, column = self.where(self._pos)
                text, start = self._value()
                if text[:1] != b'"':
                    self._pos = start
                    raise self._error(
                        f"not valid JSON: expected a key in quotes, found {self._found()}"
                    )
                key = str(self._parse(text, start))
                self.places.setdefault((key,), (line, column))
                if key in self.fields:
                    self.problems.append(
                        Problem(
                            code="duplicate-key",
                            message=f"duplicate key {key!r}",
                            path=path_text((key,)),
                            file=self._file,
                            line=line,
                            column=column,
                        )
                    )
                self._expect(b":", "':'")
                if key == "entities" and self._skip() == ord("["):
                    self.fields[key] = []
                    yield from self._entities()
                else:
                    text, start = self._value()
                    self.fields[key] = self._parse(text, start)
                following = self._skip()
                if following == ord("}"):
                    self._pos += 1
                    break
                if following != ord(","):
                    raise self._error(
                        f"not valid JSON: expected ',' or '}}', found {self._found()}"
                    )
                self._pos += 1
                self._skip()
        if self._skip() >= 0:
            raise self._error(f"not valid JSON: trailing characters, found {self._found()}")

    def _entities(self) -> Iterator[tuple[int, bytes, int, Any]]:
        self._pos += 1  # the '['
        if self._skip() == ord("]"):
            self._pos += 1
            return
        index = 0
        while True:
            text, start, value = self._element()
            yield index, text, self._base + start, value
            index += 1
            following = self._skip()
            if following == ord("]"):
                self._pos += 1
                return
            if following != ord(","):
                raise self._error(f"not valid JSON: expected ',' or ']', found {self._found()}")
            self._pos += 1
            if self._skip() == ord("]"):
                raise self._error("not valid JSON: a trailing comma before ']'")


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    return "a number"


def shift(problem: Problem, line: int, column: int) -> Problem:
    """A problem located in a value's own text, located in the file where the
    value starts at ``line`` and ``column``."""
    if problem.line is None:
        return problem.located(line=line, column=column)
    if problem.line == 1:
        return problem.located(line=line, column=column + (problem.column or 1) - 1)
    return problem.located(line=line + problem.line - 1)


# -- writing --------------------------------------------------------------------


def dumps(data: Any, *, indent: bool = True) -> bytes:
    """Write plain data as UTF-8 JSON, keys in the order given, ending in a newline."""
    option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(data, option=option)


def document_head(version: str) -> bytes:
    """The start of a canonical document, up to the first entity."""
    return b'{\n  "communique": ' + orjson.dumps(version) + b',\n  "entities": ['


def document_item(entity: Any, first: bool) -> bytes:
    """One entity of a canonical document, indented as a whole-document dump would be."""
    text = orjson.dumps(entity, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n    ")
    return (b"\n    " if first else b",\n    ") + text


def document_tail(empty: bool) -> bytes:
    """The end of a canonical document."""
    return b"]\n}\n" if empty else b"\n  ]\n}\n"


# -- reading and writing records ---------------------------------------------------


def read_entities(stream: IO[bytes], reading: Reading) -> Iterator[Item]:
    """The entities of a JSON document, with the problems between them."""
    if reading.streaming:
        yield from _stream_entities(stream, reading)
        return
    # A whole load holds the whole record anyway: decode the document at once,
    # straight into entities, or else parse it at once, which is faster, and read
    # it element by element only when something is wrong with it, to keep what
    # comes before the problem and place it.
    raw = stream.read()
    decoded = reading.converter.entity_decoder().decode_record(raw, FORMAT_VERSION)
    if decoded is not None:
        if decoded:
            yield Run(decoded, None, 0)
        return
    try:
        document = loads(raw, file=reading.file)
    except ParseError:
        document = None
    if type(document) is not dict:
        yield from _stream_entities(io.BufferedReader(io.BytesIO(raw)), reading)
        return
    yield from _document_entities(document, raw, reading)


def _document_entities(document: dict[str, Any], raw: bytes, reading: Reading) -> Iterator[Item]:
    """The entities of a JSON document parsed whole, with the problems the
    incremental reader would report, in the same order."""

    # Problems come in the order of the elements: placed in one pass over the text.
    locate = DocumentPlaces(raw)
    items = document.get("entities")
    problems = record_problems(document, reading.file, locate)
    keys = list(document)
    if (
        type(items) is list
        and items
        and "communique" in document
        and keys.index("communique") < keys.index("entities")
    ):
        # The incremental reader reports a wrong version written first, first.
        early = [p for p in problems if p.code == "format-version"]
        problems = [p for p in problems if p.code != "format-version"]
        if early:
            yield early
    if type(items) is list:
        yield from document_items(items, reading.converter, locate, reading.file)
    if problems:
        yield problems


def _stream_entities(stream: IO[bytes], reading: Reading) -> Iterator[Item]:
    reader = DocumentReader(stream, file=reading.file, max_item_bytes=reading.max_line_bytes)

    def locate(path: tuple[str | int, ...]) -> tuple[int, int] | None:
        return reader.places.get(tuple(str(step) for step in path))

    # A wrong version written before the entities stops a strict load before them.
    version_reported = False
    for index, text, offset, value in reader:
        if index == 0 and "communique" in reader.fields:
            early = {"communique": reader.fields["communique"], "entities": []}
            version_problems = record_problems(early, reading.file, locate)
            if version_problems:
                version_reported = True
                yield version_problems
        if isinstance(value, ParseError):
            yield [p.located(path=path_of(p, index)) for p in value.problems]
            continue
        try:
            entity = reading.converter.structure_entity(value)
        except EntityError as exc:
            at = reader.position(offset)
            yield [_in_element(p, text, index, at, reading.file) for p in exc.problems]
            continue
        yield entity, offset, index
    problems = list(reader.problems)
    problems.extend(
        p
        for p in record_problems(reader.fields, reading.file, locate)
        if not (version_reported and p.code == "format-version")
    )
    if problems:
        yield problems


def _in_element(
    problem: Problem, text: bytes, index: int, at: tuple[int, int], file: str | None
) -> Problem:
    """A problem of an element of a JSON document read incrementally, located in
    the file from where the element starts (``at``)."""
    where = locate(text, path_steps(problem.path))
    located = problem.located(file=file, path=path_of(problem, index))
    if where is None:
        return located.located(line=at[0], column=at[1])
    return shift(located.located(line=where[0], column=where[1]), *at)


def place_problems(text: Callable[[], bytes | None], requests: Sequence[Request]) -> list[Where]:
    """Where the problems of entities of a document are written, in one pass."""
    data = text()
    if data is None:
        # The file is gone or changed, or the text given in memory is not kept.
        return [None] * len(requests)
    places = DocumentPlaces(data)
    # In the order of the elements, so that the text is read once, forward.
    order = sorted(range(len(requests)), key=lambda k: requests[k][2])
    out: list[Where] = [None] * len(requests)
    for k in order:
        steps, _, index = requests[k]
        if index >= 0:
            out[k] = places.in_element(index, steps)
    return out


def write_entities(
    put: Callable[[bytes], object], entities: Iterable[Entity], conv: Converter
) -> None:
    """Write entities as a canonical document, each as it comes."""
    # The converter's data for orjson: the same bytes as unstructure_entity, faster.
    data = conv.json_data
    put(document_head(FORMAT_VERSION))
    first = True
    for entity in entities:
        put(document_item(data(entity), first))
        first = False
    put(document_tail(first))


FORMAT: Final = FileFormat(
    name="json",
    suffixes=(".json",),
    read=read_entities,
    write=write_entities,
    place=place_problems,
    streams=True,
    checks=True,
)
