"""JSON Lines: one entity a line, read and written one line at a time.

Every line holds one JSON value (parsed by :func:`communique.formats.json.loads`,
with all its checks); a blank line is an error, as in the JSON Lines format. A
line is never read whole before its length is known to be within the limit.
"""

from __future__ import annotations

import functools
import operator
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, Final

import orjson

from .._paths import path_steps
from ..converter import Converter, EntityError
from ..errors import ParseError, Problem
from ..model import Entity
from . import json as json_format
from ._base import FileFormat, Item, Reading, Request, Run, Where
from ._scan import SPACE, locate

__all__ = [
    "FORMAT",
    "batches",
    "lines",
    "place_problems",
    "read_entities",
    "values",
    "write",
    "write_entities",
]

# Lines are parsed in batches of about this size, so that the checks for loss
# are made once for many lines (see json.loads_many) while little is held.
_BATCH_LINES: Final = 32
_BATCH_BYTES: Final = 1 << 16

# JSON's white space as bytes to strip: a line of it alone is blank (told by its
# first byte first, which costs less than stripping every line).
_SPACE_BYTES: Final = bytes(sorted(SPACE))


def values(
    stream: IO[bytes],
    *,
    file: str | None,
    max_line_bytes: int,
) -> Iterator[list[tuple[int, bytes, Any]]]:
    """``(number, text, value)`` for each line of the stream, in lists of a few
    lines: the line's value as :func:`communique.formats.json.loads` parses it, or
    the :class:`~communique.ParseError` of it, or the
    :class:`~communique.Problem` of a line that is blank or too long (its text
    then empty)."""
    for numbers, texts in batches(stream, file=file, max_line_bytes=max_line_bytes):
        if isinstance(texts, Problem):
            yield [(numbers[0], b"", texts)]
        else:
            yield _parsed(numbers, texts, file)


def batches(
    stream: IO[bytes],
    *,
    file: str | None,
    max_line_bytes: int,
) -> Iterator[tuple[list[int], list[bytes] | Problem]]:
    """The lines of the stream in batches of a few: their numbers and texts, or
    the number and the :class:`~communique.Problem` of a line that is blank or
    too long, alone."""
    numbers: list[int] = []
    texts: list[bytes] = []
    size = 0
    for number, line in lines(stream, file=file, max_line_bytes=max_line_bytes):
        if isinstance(line, Problem):
            if texts:
                yield numbers, texts
                numbers, texts, size = [], [], 0
            yield [number], line
            continue
        numbers.append(number)
        texts.append(line)
        size += len(line)
        if len(texts) >= _BATCH_LINES or size >= _BATCH_BYTES:
            yield numbers, texts
            numbers, texts, size = [], [], 0
    if texts:
        yield numbers, texts


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
) -> Iterator[tuple[int, bytes | Problem]]:
    """``(number, text)`` for each line of the stream, without its line ending
    (so that a value cut short ends on its own line), or ``(number, problem)`` for
    a line longer than ``max_line_bytes`` (skipped in chunks, never held) or blank.

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
                    message=f"the line is longer than {max_line_bytes} bytes",
                    file=file,
                    line=number,
                    setting="max_line_bytes",
                    hint="raise max_line_bytes",
                ),
            )
            continue
        if line[0] in SPACE and not line.strip(_SPACE_BYTES):
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


# -- reading and writing records ---------------------------------------------------


# Told in C: ``None in entities`` would compare each entity with None in Python.
_is_none: Final = functools.partial(operator.is_, None)


def read_entities(stream: IO[bytes], reading: Reading) -> Iterator[Item]:
    """The entities of JSON Lines, one a line, with the problems between them.

    Each batch of lines is first decoded straight into entities (see
    :meth:`Converter.entity_decoder <communique.Converter.entity_decoder>`); the
    lines that way leaves out are parsed and structured, which reports every
    problem."""
    index = 0
    converter = reading.converter
    structure = converter.structure_entity
    decode_all = converter.entity_decoder().decode_all  # the classes registered now
    file = reading.file
    for numbers, texts in batches(stream, file=file, max_line_bytes=reading.max_line_bytes):
        if isinstance(texts, Problem):
            yield [texts]
            continue
        entities: list[Entity | None] = decode_all(texts)
        if not any(map(_is_none, entities)):
            # Every line read straight, as lines mostly are: one item for them all.
            yield Run(typing.cast(list[Entity], entities), numbers, index)
            index += len(entities)
            continue
        left = [k for k, entity in enumerate(entities) if entity is None]
        parsed: dict[int, Any] = {}
        if left:
            values = json_format.loads_many(
                [texts[k] for k in left], file=file, origins=[(numbers[k], 1) for k in left]
            )
            parsed = dict(zip(left, values, strict=True))
        for k, decoded in enumerate(entities):
            number = numbers[k]
            entity = decoded
            if entity is None:
                data = parsed[k]
                if isinstance(data, ParseError):
                    yield list(data.problems)
                    continue
                try:
                    entity = structure(data)
                except EntityError as exc:
                    yield [_in_line(p, texts[k], number, file) for p in exc.problems]
                    continue
            yield entity, number, index
            index += 1


def _in_line(problem: Problem, line: bytes, number: int, file: str | None) -> Problem:
    """A problem of the entity on one line of JSON Lines, located on it."""
    where = locate(line, path_steps(problem.path))
    column = where[1] if where and where[0] == 1 else None
    return problem.located(file=file, line=number, column=column)


def place_problems(text: Callable[[], bytes | None], requests: Sequence[Request]) -> list[Where]:
    """Where the problems of entities read from JSON Lines are: the line is known
    without the text (it is the entity's place); the column is not."""
    data = text() if any(steps for steps, _, _ in requests) else None
    if data is None:
        return [(place, None) if place > 0 else None for _, place, _ in requests]
    lines = data.split(b"\n")
    out: list[Where] = []
    for steps, number, _ in requests:
        if not 0 < number <= len(lines):
            out.append(None)
            continue
        where = locate(lines[number - 1], steps)
        out.append((number, where[1] if where and where[0] == 1 else None))
    return out


def write_entities(
    put: Callable[[bytes], object], entities: Iterable[Entity], conv: Converter
) -> None:
    """Write entities one a line, each as it comes."""
    # The converter's data for orjson: the same bytes as unstructure_entity, faster.
    write(put, map(conv.json_data, entities))


FORMAT: Final = FileFormat(
    name="jsonl",
    suffixes=(".jsonl", ".ndjson"),
    read=read_entities,
    write=write_entities,
    place=place_problems,
    streams=True,
    checks=True,
)
