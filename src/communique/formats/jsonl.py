"""JSON Lines: one entity a line, read and written one line at a time.

Every line holds one JSON value (parsed by :func:`communique.formats.json.loads`,
with all its checks); a blank line is an error, as in the JSON Lines format. A
line is never read whole before its length is known to be within the limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Final

import orjson

from ..errors import Problem
from . import json as json_format

__all__ = ["lines", "values", "write"]

# Lines are parsed in batches of about this size, so that the checks for loss
# are made once for many lines (see json.loads_many) while little is held.
_BATCH_LINES: Final = 32
_BATCH_BYTES: Final = 1 << 16


def values(
    stream: IO[bytes],
    *,
    file: str | None,
    max_line_bytes: int,
    limit_name: str = "max_line_bytes",
) -> Iterator[list[tuple[int, bytes, Any]]]:
    """``(number, text, value)`` for each line of the stream, in lists of a few
    lines: the line's value as :func:`communique.formats.json.loads` parses it, or
    the :class:`~communique.ParseError` of it, or the
    :class:`~communique.Problem` of a line that is blank or too long (its text
    then empty)."""
    numbers: list[int] = []
    texts: list[bytes] = []
    size = 0
    for number, line in lines(
        stream, file=file, max_line_bytes=max_line_bytes, limit_name=limit_name
    ):
        if isinstance(line, Problem):
            if texts:
                yield _parsed(numbers, texts, file)
                numbers, texts, size = [], [], 0
            yield [(number, b"", line)]
            continue
        numbers.append(number)
        texts.append(line)
        size += len(line)
        if len(texts) >= _BATCH_LINES or size >= _BATCH_BYTES:
            yield _parsed(numbers, texts, file)
            numbers, texts, size = [], [], 0
    if texts:
        yield _parsed(numbers, texts, file)


def _parsed(
    numbers: list[int], texts: list[bytes], file: str | None
) -> list[tuple[int, bytes, Any]]:
    parsed = json_format.loads_many(texts, file=file, origins=[(n, 1) for n in numbers])
    return list(zip(numbers, texts, parsed, strict=True))


def lines(
    stream: IO[bytes],
    *,
    file: str | None,
    max_line_bytes: int,
    limit_name: str = "max_line_bytes",
) -> Iterator[tuple[int, bytes | Problem]]:
    """``(number, text)`` for each line of the stream, without its line ending
    (so that a value cut short ends on its own line), or ``(number, problem)`` for
    a line longer than ``max_line_bytes`` (skipped in chunks, never held) or blank.
    ``limit_name`` is how the message names that limit to its reader.

    A final newline ends the last line; it does not start an empty one.
    """
    number = 0
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_line_bytes and not (
            len(line) == max_line_bytes + 1 and line.endswith(b"\n")
        ):
            length = len(line)
            while not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
                if not line:
                    break
                length += len(line)
            yield (
                number,
                Problem(
                    code="too-large",
                    message=f"the line is longer than {max_line_bytes} bytes ({limit_name})",
                    file=file,
                    line=number,
                ),
            )
            continue
        if not line.strip(b" \t\r\n"):
            yield (
                number,
                Problem(
                    code="syntax",
                    message="a blank line; JSON Lines holds one JSON value on every line",
                    file=file,
                    line=number,
                    column=1,
                ),
            )
            continue
        yield number, line.rstrip(b"\r\n")


def write(put: Callable[[bytes], object], data: Iterable[Any]) -> None:
    """Write each entity's data with ``put``, as compact JSON and a newline."""
    encode, option = orjson.dumps, orjson.OPT_APPEND_NEWLINE
    for item in data:
        put(encode(item, option=option))
