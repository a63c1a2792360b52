"""JSON Lines: one entity a line, read in blocks of whole lines and written one
line at a time.

Every line holds one JSON value (parsed by :func:`communique.formats.json.loads`,
with all its checks); a blank line is an error, as in the JSON Lines format. No
more of a line than the limit is read before its length is known to be within it.
"""

from __future__ import annotations

import functools
import io
import operator
import typing
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, Final

import orjson

from .._paths import path_steps
from ..converter import Converter, EntityError
from ..errors import ParseError, Problem
from ..model import Entity
from . import json as json_format
from ._base import FileFormat, Item, Reading, Request, Run, Where
from ._scan import SPACE, locate

if TYPE_CHECKING:
    from .._mirror import EntityDecoder  # imports msgspec, which a read imports on first use

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
    # No run comes from lines alone.
    return typing.cast(
        Iterator[tuple[list[int], list[bytes] | Problem]],
        _batched(lines(stream, file=file, max_line_bytes=max_line_bytes)),
    )


def _batched(
    items: Iterable[tuple[int, bytes | Problem] | Run],
) -> Iterator[tuple[list[int], list[bytes] | Problem] | Run]:
    """Numbered lines gathered in batches of at most ``_BATCH_LINES`` lines (closed
    early at ``_BATCH_BYTES``); a line's problem, alone with its number, and a
    :class:`Run`, as they come, each after the batch before it."""
    numbers: list[int] = []
    texts: list[bytes] = []
    size = 0
    for item in items:
        if isinstance(item, Run):
            alone: tuple[list[int], list[bytes] | Problem] | Run = item
        else:
            number, line = item
            # Told by its type first: lines give bytes, and most lines are lines.
            if type(line) is bytes or not isinstance(line, Problem):
                numbers.append(number)
                texts.append(line)
                size += len(line)
                if len(texts) >= _BATCH_LINES or size >= _BATCH_BYTES:
                    yield numbers, texts
                    numbers, texts, size = [], [], 0
                continue
            alone = [number], line
        if texts:
            yield numbers, texts
            numbers, texts, size = [], [], 0
        yield alone
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
    first: int = 1,
) -> Generator[tuple[int, bytes | Problem], None, int]:
    """``(number, text)`` for each line of the stream, without its line ending
    (so that a value cut short ends on its own line), or ``(number, problem)`` for
    a line longer than ``max_line_bytes`` (skipped in chunks, never held) or blank;
    the first line is numbered ``first``. Returns the number the next line would have.

    A final newline ends the last line; it does not start an empty one.
    """
    number = first - 1
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return number + 1
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
            yield number, _too_long(number, file, max_line_bytes)
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


def _too_long(number: int, file: str | None, max_line_bytes: int) -> Problem:
    return Problem(
        code="too-large",
        message=f"the line is longer than {max_line_bytes} bytes",
        file=file,
        line=number,
        setting="max_line_bytes",
        hint="raise max_line_bytes",
    )


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

    Blocks written as communique writes them come decoded whole (see
    :func:`_numbered`); the other lines are decoded a batch at a time (see
    :func:`_batch_items`)."""
    decoder = reading.converter.entity_decoder()  # the classes registered now
    index = 0  # of the next entity
    for batch in _batched(_numbered(stream, reading, decoder)):
        if isinstance(batch, Run):
            yield Run(batch.entities, batch.places, index)
            index += len(batch.entities)
        elif isinstance(batch[1], Problem):
            yield [batch[1]]
        else:
            index = yield from _batch_items(batch[0], batch[1], index, decoder, reading)


def _numbered(
    stream: IO[bytes], reading: Reading, decoder: EntityDecoder
) -> Iterator[tuple[int, bytes | Problem] | Run]:
    """The stream read in blocks of whole lines (see :func:`_blocks`): a block that
    begins as communique writes an entity, decoded whole straight into entities
    (see :meth:`EntityDecoder.decode_block
    <communique._mirror.EntityDecoder.decode_block>`), as a :class:`Run` (its
    start left at 0); the lines of any other block, and of one that way does not
    take, each with its number, or the problem of a line blank or too long.

    After a block not taken, the next is read line by line before one is tried
    whole again; twice as many after each block not taken, up to
    ``_MOST_PASSED``, so that text of which few blocks are taken (a line in ten
    with its keys in another order) costs little more than read line by line."""
    file, limit = reading.file, reading.max_line_bytes
    number = 1  # of the next line
    passed, after_failure = 0, 1
    for block in _blocks(stream, limit):
        if block is None:
            yield number, _too_long(number, file, limit)
            number += 1
            continue
        if passed:
            passed -= 1
        # A block longer than the limit may hold a line longer than it, which only
        # the reading line by line refuses.
        elif block.startswith(_WRITTEN_START) and len(block) <= limit:
            entities = decoder.decode_block(block)
            if entities is not None:
                after_failure = 1
                # As written back, one entity a line.
                yield Run(entities, range(number, number + len(entities)), 0)
                number += len(entities)
                continue
            passed, after_failure = after_failure, min(2 * after_failure, _MOST_PASSED)
        number = yield from lines(io.BytesIO(block), file=file, max_line_bytes=limit, first=number)


# How communique writes the start of every entity of JSON Lines.
_WRITTEN_START: Final = b'{"type":"'
_MOST_PASSED: Final = 64


def _batch_items(
    numbers: list[int],
    texts: list[bytes],
    index: int,
    decoder: EntityDecoder,
    reading: Reading,
) -> Generator[Item, None, int]:
    """The items of a batch of lines, the first entity the ``index``-th of the
    file; returns the index of the next.

    The batch is first decoded straight into entities (see
    :meth:`Converter.entity_decoder <communique.Converter.entity_decoder>`); the
    lines that way leaves out are parsed and structured, which reports every
    problem."""
    entities: list[Entity | None] = decoder.decode_all(texts)
    if not any(map(_is_none, entities)):
        # Every line read straight, as lines mostly are: one item for them all.
        yield Run(typing.cast(list[Entity], entities), numbers, index)
        return index + len(entities)
    file = reading.file
    left = [k for k, entity in enumerate(entities) if entity is None]
    values = json_format.loads_many(
        [texts[k] for k in left], file=file, origins=[(numbers[k], 1) for k in left]
    )
    parsed: dict[int, Any] = dict(zip(left, values, strict=True))
    for k, decoded in enumerate(entities):
        entity = decoded
        if entity is None:
            data = parsed[k]
            if isinstance(data, ParseError):
                yield list(data.problems)
                continue
            try:
                entity = reading.converter.structure_entity(data)
            except EntityError as exc:
                yield [_in_line(p, texts[k], numbers[k], file) for p in exc.problems]
                continue
        yield entity, numbers[k], index
        index += 1
    return index


# Bytes asked for at a time: a block of whole lines is at most this long, with the
# start of a line read before it.
_BLOCK_BYTES: Final = 1 << 15


def _blocks(stream: IO[bytes], max_line_bytes: int) -> Iterator[bytes | None]:
    """The stream in blocks of whole lines, each line ending in a newline (the
    last line of the stream is given one); ``None`` for a line longer than
    ``max_line_bytes``, which is skipped in pieces, never held.

    No more than ``max_line_bytes + 1`` bytes of a line are read before its end
    is found, so a line in a block is within the limit unless the block is
    longer than the limit itself."""
    read = getattr(stream, "read1", None) or stream.read
    held: list[bytes] = []  # the start of a line, read in pieces
    size = 0
    skipping = False
    while data := read(min(_BLOCK_BYTES, max_line_bytes + 1 - size)):
        if skipping:
            end = data.find(b"\n") + 1
            if not end:
                continue
            skipping = False
            data = data[end:]
        end = data.rfind(b"\n") + 1
        if end:
            if held:
                held.append(data[:end])
                yield b"".join(held)
                held, size = [], 0
            else:
                yield data[:end]
            data = data[end:]
        if data:
            held.append(data)
            size += len(data)
            if size > max_line_bytes:
                held, size, skipping = [], 0, True
                yield None
    if held:
        yield b"".join(held) + b"\n"


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
