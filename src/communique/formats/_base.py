"""The table of file formats: what a format is, and the formats known by name.

A :class:`FileFormat` says what a format is called, which file suffixes stand
for it, how its bytes give entities, how a problem found later is placed in its
text, and how entities are written in it. :func:`communique.load`,
:func:`~communique.dump` and their kin, and the placing of problems that
:meth:`~communique.Record.validate` finds, all look a format up here; gzip
(``.gz``) goes around any of them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Final, TypeAlias

from attrs import field, frozen

from ..converter import Converter
from ..errors import Problem
from ..model import Entity

__all__ = [
    "COMPRESSED",
    "FileFormat",
    "Item",
    "Run",
    "Where",
    "Reading",
    "Request",
    "by_suffix",
    "format_names",
    "lookup",
    "register_format",
    "split",
    "suffixes",
]

#: The suffix and format-name ending of gzip around any format.
COMPRESSED: Final = ".gz"


@frozen
class Run:
    """Entities a reader read one after another with no problem between them:
    the entities, where each starts in the file (``None``: nowhere a format
    places, for all of them) and the index of the first among the file's
    entities. A reader that reads many entities at once yields them as one item,
    which costs its caller one step, not one an entity."""

    entities: list[Entity]
    places: Sequence[int] | None
    start: int

    def items(self) -> Iterator[tuple[Entity, int | None, int]]:
        """Each entity as a single item: the entity, its place and its index."""
        places = self.places if self.places is not None else [None] * len(self.entities)
        indexes = range(self.start, self.start + len(self.entities))
        return zip(self.entities, places, indexes, strict=True)


#: What a reader yields, in order: for each entity, the entity, where it starts
#: in the file (a line number, a byte offset, or ``None``; whatever the format's
#: ``place`` understands) and its index among the file's entities; or a
#: :class:`Run` of entities read together; or the list of problems that cost one
#: entity (or the rest of the file).
Item: TypeAlias = "tuple[Entity, int | None, int] | Run | list[Problem]"

#: A problem to place: the steps of a path within an entity, the entity's place
#: (as its reader gave it; -1 for ``None``) and its index among the file's entities.
Request: TypeAlias = "tuple[tuple[str | int, ...], int, int]"

#: A placed problem: its line and column (either may be unknown).
Where: TypeAlias = "tuple[int, int | None] | None"


@frozen(kw_only=True)
class Reading:
    """What a format's reader is told besides the bytes it reads.

    ``file`` names the file for messages (``None``: text given in memory);
    ``converter`` turns each entity's plain data into an entity
    (:meth:`~communique.Converter.structure_entity`); ``max_line_bytes`` bounds
    what the reader holds of one entity before it is parsed; ``streaming`` is
    true when :func:`~communique.iter_load` reads, which needs constant memory
    from a format whose :attr:`FileFormat.streams` is true.
    """

    file: str | None
    converter: Converter
    max_line_bytes: int
    streaming: bool = False


def _suffix(value: str) -> None:
    if not value.startswith(".") or value.lower() != value or value == COMPRESSED:
        raise ValueError(f"a suffix is lower-case text starting with '.', not {value!r}")


@frozen(kw_only=True)
class FileFormat:
    """One file format: its name, its suffixes, its reader, its writer and how it
    places problems.

    ``read(stream, reading)`` yields an :data:`Item` for each entity of the
    binary ``stream`` (already decompressed, bounded and counted), in order.
    ``write(put, entities, converter)`` writes the entities with ``put`` (which
    takes bytes); the same entities must always give the same bytes.
    ``place(text, requests)`` gives the line and column of each request, where
    ``text()`` reads the file again (``None`` if it is gone or changed); without
    it, problems found after a load name the file only. ``streams``: the reader
    holds one entity at a time when ``reading.streaming`` is true, so that
    :func:`~communique.iter_load` does not bound the whole file. ``checks``: the
    writer itself refuses, as it writes, a value that would not read back (the
    JSON writers do, through the converter's data for orjson); for any other
    format each entity is checked before it is written.

    >>> from communique.formats import lookup
    >>> lookup("jsonl").suffixes
    ('.jsonl', '.ndjson')
    """

    name: str
    suffixes: tuple[str, ...] = field()
    read: Callable[[IO[bytes], Reading], Iterator[Item]]
    write: Callable[[Callable[[bytes], object], Iterable[Entity], Converter], None]
    place: Callable[[Callable[[], bytes | None], Sequence[Request]], list[Where]] | None = None
    streams: bool = False
    checks: bool = False

    @suffixes.validator
    def _check_suffixes(self, _: object, value: tuple[str, ...]) -> None:
        if not value:
            raise ValueError(f"the format {self.name!r} needs at least one suffix")
        for suffix in value:
            _suffix(suffix)


_TABLE: dict[str, FileFormat] = {}
_SUFFIXES: dict[str, str] = {}


def register_format(fmt: FileFormat) -> FileFormat:
    """Make a format known to :func:`~communique.load`, :func:`~communique.dump`
    and their kin, by its name and its suffixes (each also with ``.gz``).

    A name or a suffix another format already has is refused (``ValueError``),
    unless it is the same format registered again.
    """
    if "." in fmt.name or not fmt.name:
        raise ValueError(f"a format's name is a word without '.', not {fmt.name!r}")
    known = _TABLE.get(fmt.name)
    if known is not None and known != fmt:
        raise ValueError(f"a format named {fmt.name!r} is registered already")
    for suffix in fmt.suffixes:
        owner = _SUFFIXES.get(suffix)
        if owner is not None and owner != fmt.name:
            raise ValueError(f"the suffix {suffix!r} stands for {owner!r} already")
    _TABLE[fmt.name] = fmt
    for suffix in fmt.suffixes:
        _SUFFIXES[suffix] = fmt.name
    return fmt


def format_names(*, compressed: bool = False) -> tuple[str, ...]:
    """The names of the known formats, in the order they were registered; with
    ``compressed``, each also with ``.gz`` after them all."""
    names = tuple(_TABLE)
    return (*names, *(name + COMPRESSED for name in names)) if compressed else names


def lookup(name: str) -> FileFormat:
    """The format of a name without ``.gz``; ``KeyError`` for an unknown one."""
    return _TABLE[name]


def split(name: str) -> tuple[FileFormat, bool]:
    """The format a ``format=`` name gives, and whether it is gzip-compressed;
    ``ValueError`` naming the known ones for an unknown name."""
    base = name.removesuffix(COMPRESSED)
    fmt = _TABLE.get(base)
    if fmt is None:
        known = ", ".join(format_names(compressed=True))
        raise ValueError(f"unknown format {name!r}; known: {known}")
    return fmt, base != name


def suffixes() -> tuple[str, ...]:
    """Every suffix of every known format."""
    return tuple(_SUFFIXES)


def by_suffix(path: str | os.PathLike[str]) -> str | None:
    """The format name a file name stands for (with ``.gz`` if it ends so), or ``None``."""
    name = Path(path).name.lower()
    compressed = name.endswith(COMPRESSED)
    base = _SUFFIXES.get(Path(name.removesuffix(COMPRESSED) if compressed else name).suffix)
    if base is None:
        return None
    return base + COMPRESSED if compressed else base
