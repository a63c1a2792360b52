"""Loading and dumping records: files, folders, text and streams, in every format.

Formats are chosen by suffix (``.json``, ``.jsonl``, ``.yaml``, each optionally
``.gz``) or given as ``format=``, and looked up in the table of formats
(:mod:`communique.formats`), whose entry for each reads and writes its bytes;
this module finds the files, bounds and counts what is read, and writes
atomically. Every problem found while loading becomes a
located :class:`~communique.Problem`; with ``errors="raise"`` (the default) they
are raised together in one :class:`~communique.LoadError`, with
``errors="collect"`` they are returned beside the entities that loaded.

Limits keep a hostile or mistaken input from exhausting memory: ``max_bytes``
bounds a whole file read by :func:`load` or :func:`loads` (after
decompression), ``max_line_bytes`` bounds one line of JSON Lines and one entity
of a JSON document, checked before either is held whole.
"""

from __future__ import annotations

import errno
import io
import operator
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext, suppress
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final, Literal, Protocol, TypeAlias, overload

import attrs
from attrs import frozen

from . import formats
from ._gc import paused
from ._origins import Origins
from ._origins import Source as SourceLike
from ._streams import write_all
from ._text_files import MAX_BYTES as TEXT_MAX_BYTES
from ._text_files import TextFiles
from ._written import refusal, writable
from .converter import AS_BASE, Converter, default_converter
from .errors import (
    DuplicateIdError,
    LoadError,
    ParseError,
    Problem,
    StructureError,
    UnknownTypeError,
)
from .formats import gzip as gzip_format
from .formats import json as json_format
from .model import Entity, Source
from .record import Record

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_LINE_BYTES",
    "EntityStream",
    "LoadResult",
    "dump",
    "dumps",
    "format_of",
    "iter_load",
    "load",
    "loads",
]

Errors: TypeAlias = Literal["raise", "collect"]

#: The text formats the library itself reads and writes; ``format=`` also takes
#: each with ``".gz"``, and :func:`communique.formats.format_names` adds any
#: format registered with :func:`communique.register_format`.
FORMATS: Final = formats.BUILT_IN

#: The default bound on a file read whole, after decompression, and on a
#: source's text file: 1 GiB.
MAX_BYTES: Final = TEXT_MAX_BYTES
#: The default bound on one line of JSON Lines or one entity of a JSON document: 64 MiB.
MAX_LINE_BYTES: Final = 64 << 20

_PARSE_CODES: Final = frozenset(
    {
        "syntax",
        "invalid-utf8",
        "invalid-text",
        "too-large",
        "too-deep",
        "duplicate-key",
        "number-out-of-range",
        "not-gzip",
        "unreadable",
    }
)


def format_of(path: str | os.PathLike[str]) -> str:
    """The format a file name stands for, by its suffix: ``"json"``, ``"jsonl"``,
    ``"yaml"`` (or another registered format), or one of them with ``".gz"``.

    >>> format_of("corpus/2020.jsonl.gz")
    'jsonl.gz'
    """
    fmt = formats.by_suffix(path)
    if fmt is None:
        raise ValueError(
            f"cannot tell the format of {os.fspath(path)!r} from its suffix; "
            f"use one of {', '.join(formats.suffixes())} (optionally with .gz) or pass format="
        )
    return fmt


def _check_errors(errors: str) -> bool:
    """Whether to collect problems (else raise them)."""
    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
    return errors == "collect"


@frozen
class LoadResult:
    """What ``errors="collect"`` returns: the record of every entity that loaded,
    and every problem found, each located.

    >>> import communique as cq
    >>> text = '{"type": "person", "id": "person:a", "name": "A"}\\n{"type": "person", "id": "person:b"}'
    >>> result = cq.loads(text, format="jsonl", errors="collect")
    >>> [e.id for e in result.record]
    ['person:a']
    >>> [str(p) for p in result.problems]
    ['<data>:2:1: person:b $.name: required field missing']
    """

    record: Record
    problems: tuple[Problem, ...]
    #: The files read, in the order they were read (none for text given to
    #: :func:`loads`): a folder with no record files gives an empty record.
    files: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether nothing was wrong."""
        return not self.problems

    def or_raise(self) -> Record:
        """The record, or the :class:`~communique.LoadError` of every problem."""
        if self.problems:
            raise _error_for(self.problems)
        return self.record


def _error_for(problems: Iterable[Problem]) -> LoadError:
    """The most specific error class that covers every problem."""
    found = tuple(problems)
    codes = {p.code for p in found}
    if codes <= _PARSE_CODES:
        return ParseError(found)
    if codes == {"duplicate-id"}:
        return DuplicateIdError(found)
    if codes == {"unknown-type"}:
        return UnknownTypeError(found)
    if not codes & (_PARSE_CODES | {"duplicate-id"}):
        return StructureError(found)
    return LoadError(found)


# -- reading: one source of bytes -------------------------------------------------

# What the readers yield: an entity with where it starts (see Origins) and its
# index in the file, or the problems that cost one entity (or the rest of the file).
_Item: TypeAlias = formats.Item


class _TooLarge(Exception):
    pass


class _Reads(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class _Writes(Protocol):
    def write(self, data: bytes, /) -> int: ...


# The most a whole read asks of a stream at once.
_READ_ALL: Final = 1 << 20


class _Bounded(io.RawIOBase):
    """A binary stream that refuses to yield more than ``limit`` bytes."""

    def __init__(self, stream: _Reads, limit: int | None) -> None:
        self._stream = stream
        self._left = limit

    def readable(self) -> bool:
        return True

    def _read(self, size: int) -> bytes:
        """At most ``size`` bytes; one past the limit ends the read."""
        if self._left is not None:
            size = min(size, self._left + 1)
        data = self._stream.read(size)
        if self._left is not None:
            if len(data) > self._left:
                raise _TooLarge
            self._left -= len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        data = self._read(len(view))
        view[: len(data)] = data
        return len(data)

    def readall(self) -> bytes:
        # A whole document is read a MiB at a time, not 8 KiB at a time through
        # readinto (a thousand calls in Python for a document of 8 MB); never more
        # at once, as a read allocates what it is asked for before it reads.
        parts: list[bytes] = []
        while data := self._read(_READ_ALL):
            parts.append(data)
        return b"".join(parts)


def _positive(_: object, limit: attrs.Attribute[Any], value: int | None) -> None:
    # A limit of 0 or less would refuse, or with readline(-1) silently skip,
    # every byte: a mistake to name, not a setting.
    if value is None and limit.name == "max_bytes":
        return
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{limit.name} must be a positive number of bytes, not {value!r}")


@frozen
class _Limits:
    max_bytes: int | None = attrs.field(validator=_positive)
    max_line_bytes: int = attrs.field(validator=_positive)
    # Called with the number of bytes of each read from a file (before it is
    # decompressed), to show progress.
    progress: Callable[[int], object] | None = None
    # The folders the sources' text files may be read from (None: each source's own).
    text_roots: tuple[Path, ...] | None = None


class _Counted(io.RawIOBase):
    """A binary stream that tells how many bytes each read took from another."""

    def __init__(self, stream: _Reads, tell: Callable[[int], object]) -> None:
        self._stream = stream
        self._tell = tell

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(memoryview(buffer)))
        memoryview(buffer)[: len(data)] = data
        self._tell(len(data))
        return len(data)


@frozen
class _Input:
    """One file, or text given in memory, and how to read it."""

    name: str | None
    # The name of its format (without .gz), as the table of formats knows it.
    fmt: str
    gz: bool
    path: Path | None = None
    data: bytes | None = None
    # Where the text files its sources name are looked for: its own folder, unless given.
    folder: Path | None = None

    @property
    def text_folder(self) -> Path | None:
        return self.folder if self.folder is not None or self.path is None else self.path.parent

    def problem(
        self,
        code: str,
        message: str,
        *,
        setting: str | None = None,
        hint: str | None = None,
        expected: str | None = None,
    ) -> Problem:
        return Problem(
            code=code,
            message=message,
            file=self.name,
            setting=setting,
            hint=hint,
            expected=expected,
        )


@contextmanager
def _opened(source: _Input, limits: _Limits, *, bounded: bool) -> Iterator[io.BufferedReader]:
    with ExitStack() as stack:
        raw: _Reads
        if source.data is not None:
            raw = io.BytesIO(source.data)
        else:
            assert source.path is not None
            raw = stack.enter_context(source.path.open("rb"))
        if limits.progress is not None:
            raw = io.BufferedReader(_Counted(raw, limits.progress))
        if source.gz:
            raw = stack.enter_context(gzip_format.reader(raw))
        limit = limits.max_bytes if bounded else None
        yield io.BufferedReader(_Bounded(raw, limit), 1 << 16)


def _reporting(
    progress: Callable[[int, int], object] | None, sources: Sequence[_Input]
) -> Callable[[int], object] | None:
    """What counts each read of the sources for ``progress``: the bytes read so
    far, of the sources' size (as stored: compressed, for gzip)."""
    if progress is None:
        return None
    total = sum(_stored_size(s) for s in sources)
    done = 0

    def tell(amount: int) -> None:
        nonlocal done
        done += amount
        progress(done, total)

    return tell


def _stored_size(source: _Input) -> int:
    if source.data is not None:
        return len(source.data)
    try:
        return source.path.stat().st_size if source.path is not None else 0
    except OSError:
        # A file that cannot be read is reported by its reader, in its place.
        return 0


def _read_entities(
    source: _Input, conv: Converter, limits: _Limits, *, streaming: bool = False
) -> Iterator[_Item]:
    """The entities of one source, in order, with the problems between them, read
    by its format's reader.

    ``streaming``: no bound on the whole for the formats read a piece at a time.
    """
    fmt = formats.lookup(source.fmt)
    reading = formats.Reading(
        file=source.name, converter=conv, max_line_bytes=limits.max_line_bytes, streaming=streaming
    )
    try:
        with _opened(source, limits, bounded=not (streaming and fmt.streams)) as stream:
            if stream.peek(2)[:2] == _GZIP_MAGIC and not source.gz:
                yield [_gzip_hint(source)]
                return
            for item in fmt.read(stream, reading):
                yield [_with_setting(p) for p in item] if isinstance(item, list) else item
    except _TooLarge:
        yield [
            source.problem(
                "too-large",
                f"the file is larger than {limits.max_bytes} bytes",
                setting="max_bytes",
                hint="raise max_bytes, or read it with iter_load",
            )
        ]
    except gzip_format.ERRORS as exc:
        yield [source.problem("not-gzip", f"not a valid gzip stream: {exc}")]
    except OSError as exc:
        yield [source.problem("unreadable", exc.strerror or str(exc))]
    except ParseError as exc:
        yield list(exc.problems)


_GZIP_MAGIC: Final = b"\x1f\x8b"


def _gzip_hint(source: _Input) -> Problem:
    compressed = source.fmt + formats.COMPRESSED
    return source.problem(
        "syntax",
        "the data is gzip-compressed",
        setting="format",
        expected=compressed,
        hint=f"name the file .{compressed} or pass format={compressed!r}",
    )


# The converter's advice on an entity of an unknown type whose base is registered.
_AS_BASE_HINT: Final = f"read it as one with {AS_BASE}"


def _with_setting(problem: Problem) -> Problem:
    """The problem, with the setting that would read past it named apart from its
    message (the converter writes that advice into the message)."""
    if problem.code != "unknown-type" or not problem.message.endswith(f": {_AS_BASE_HINT}"):
        return problem
    return attrs.evolve(
        problem,
        message=problem.message.removesuffix(f": {_AS_BASE_HINT}"),
        setting="converter",
        hint=_AS_BASE_HINT,
    )


# -- reading: many sources into one record -------------------------------------------


def _gather(
    sources: Sequence[_Input], conv: Converter, limits: _Limits
) -> tuple[list[Entity], dict[str, Path], list[Problem], Origins]:
    """Every entity of every source, each id once, and where each was read: an
    entity repeated identically is kept once; the same id with other content is a
    ``duplicate-id`` problem, and the first definition is kept."""
    entities: list[Entity] = []
    origins = Origins(sources, _Reread(sources))
    # For each id: the position of the entity first read with it.
    first: dict[str, int] = {}
    text_dirs: dict[str, Path] = {}
    problems: list[Problem] = []
    for number, source in enumerate(sources):
        for item in _read_entities(source, conv, limits):
            if isinstance(item, list):
                problems.extend(item)
                # The problems of an entity that could not be read name its id.
                origins.unread.update(p.entity for p in item if p.entity is not None)
                continue
            if isinstance(item, formats.Run):
                run = item.entities
                base = len(entities)
                fresh = dict(zip(map(_id_of, run), range(base, base + len(run)), strict=True))
                if len(fresh) == len(run) and fresh.keys().isdisjoint(first.keys()):
                    # Ids all new, as they mostly are: the run is taken whole.
                    first.update(fresh)
                    entities.extend(run)
                    origins.extend(number, item.places, item.start, len(run))
                    if source.text_folder is not None:
                        text_dirs.update(
                            (e.id, source.text_folder) for e in run if isinstance(e, Source)
                        )
                    continue
                singles: Iterable[tuple[Entity, int | None, int]] = item.items()
            else:
                singles = (item,)
            for entity, place, index in singles:
                prior = first.get(entity.id)
                if prior is None:
                    first[entity.id] = len(entities)
                    entities.append(entity)
                    origins.add(number, place, index)
                    if isinstance(entity, Source) and source.text_folder is not None:
                        text_dirs[entity.id] = source.text_folder
                elif entities[prior] != entity:
                    line, here = origins.where(number, place, index)
                    there = origins.where_at(prior)[1]
                    problems.append(
                        Problem(
                            code="duplicate-id",
                            message=f"the id {entity.id!r} is defined twice with different "
                            f"content: at {there} and at {here}",
                            path="$.id",
                            file=source.name,
                            line=line,
                            entity=entity.id,
                        )
                    )
    # An id read in one file is not unread for a definition that failed in another.
    origins.unread.difference_update(first)
    return entities, text_dirs, problems, origins


_id_of: Final = operator.attrgetter("id")


class _Reread:
    """Reads a file again, to place problems found after the load, if it is still
    as it was read (same size and time of change)."""

    def __init__(self, sources: Sequence[_Input]) -> None:
        self._stamps: dict[Path, tuple[int, int] | None] = {
            s.path: _stamp(s.path) for s in sources if s.path is not None
        }

    def __call__(self, source: SourceLike) -> bytes | None:
        if not isinstance(source, _Input) or (source.path is None and source.data is None):
            return None
        if source.path is not None:
            stamp = self._stamps.get(source.path)
            if stamp is None or _stamp(source.path) != stamp:
                return None
        try:
            with _opened(source, _Limits(None, MAX_LINE_BYTES), bounded=False) as stream:
                return stream.read()
        except (OSError, *gzip_format.ERRORS):
            return None


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _record_files(folder: Path) -> list[Path]:
    """Every record file below a folder, by suffix, in a stable order; hidden files
    and folders (a leading dot: version control, temporary files) are left out.

    Symbolic links are followed, to folders as to files; each real folder is read
    once, so that a loop of links ends."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        try:
            status = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        if (status.st_dev, status.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((status.st_dev, status.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            try:
                format_of(name)
            except ValueError:
                continue
            found.append(Path(root) / name)
    return found


# Path("") is the current folder: an empty path, as a mistake often makes it
# (an unset variable), would load whatever is there.
_EMPTY_PATH: Final = Problem(
    code="unreadable",
    message="the path is empty: name a file or a folder ('.' for the current one)",
    file="",
)


def _sources(path: Path, format: str | None) -> list[_Input]:
    """The files to read for ``path``."""
    if not path.exists():
        # Said before the suffix is looked at (a folder's name has none), in the
        # words of the system, as when a file cannot be opened.
        message = os.strerror(errno.ENOENT)
        raise _error_for([Problem(code="unreadable", message=message, file=os.fspath(path))])
    if path.is_dir():
        if format is not None:
            raise ValueError("format= applies to one file; the files of a folder go by suffix")
        files = _record_files(path)
    else:
        files = [path]
    out = []
    for file in files:
        fmt, gz = formats.split(format if format is not None else format_of(file))
        out.append(_Input(name=str(file), fmt=fmt.name, gz=gz, path=file))
    return out


@overload
def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = ...,
    errors: Literal["raise"] = ...,
    converter: Converter | None = ...,
    max_bytes: int | None = ...,
    max_line_bytes: int = ...,
    text_roots: Iterable[str | os.PathLike[str]] | None = ...,
    progress: Callable[[int, int], object] | None = ...,
) -> Record: ...
@overload
def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = ...,
    errors: Literal["collect"],
    converter: Converter | None = ...,
    max_bytes: int | None = ...,
    max_line_bytes: int = ...,
    text_roots: Iterable[str | os.PathLike[str]] | None = ...,
    progress: Callable[[int, int], object] | None = ...,
) -> LoadResult: ...
def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    errors: Errors = "raise",
    converter: Converter | None = None,
    max_bytes: int | None = MAX_BYTES,
    max_line_bytes: int = MAX_LINE_BYTES,
    text_roots: Iterable[str | os.PathLike[str]] | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> Record | LoadResult:
    """Load a record from a file, or from every record file below a folder.

    The format is chosen by the file's suffix unless ``format`` is given. A folder
    gives one record of all its files (read in sorted order, hidden ones left
    out): an entity found twice with the same content is kept once; an id
    defined twice with different content is a :class:`~communique.DuplicateIdError`
    naming both places.

    A source's ``text_file`` is a path relative to the file that defines the
    source, and is read (by :meth:`~communique.Record.text_of` and
    :meth:`~communique.Record.validate`) only if it resolves inside that file's
    folder, or inside one of ``text_roots`` when they are given; only if it is a
    regular file of at most ``max_bytes``. Anything else is a problem that
    ``validate`` reports, and the file is not read (see the security page).

    With ``errors="raise"`` every problem of every file is raised together in one
    :class:`~communique.LoadError`; with ``errors="collect"`` a
    :class:`LoadResult` holds what loaded and what did not.

    ``progress``, if given, is called after each read from the files with two
    numbers: the bytes read so far and the bytes there are to read, both as the
    files are stored (compressed, for gzip), to show how far a long load has come.

    >>> import communique as cq
    >>> cq.load("examples/sco_aies_roundtable/record.yaml").get("org:sco").acronym
    'SCO'
    """
    collect = _check_errors(errors)
    if os.fspath(path) == "":
        problems = (_EMPTY_PATH,)
        if collect:
            return LoadResult(Record(), problems)
        raise _error_for(problems)
    limits = _Limits(max_bytes, max_line_bytes, text_roots=TextFiles.resolved_roots(text_roots))
    conv = converter or default_converter
    try:
        sources = _sources(Path(path), format)
    except LoadError as exc:
        if not collect:
            raise
        return LoadResult(Record(), exc.problems)
    limits = attrs.evolve(limits, progress=_reporting(progress, sources))
    return _loaded(sources, conv, limits, collect=collect)


@overload
def loads(
    data: str | bytes,
    format: str = ...,
    *,
    errors: Literal["raise"] = ...,
    file: str | None = ...,
    converter: Converter | None = ...,
    max_bytes: int | None = ...,
    max_line_bytes: int = ...,
    text_folder: str | os.PathLike[str] | None = ...,
    keep_text: bool = ...,
    progress: Callable[[int, int], object] | None = ...,
) -> Record: ...
@overload
def loads(
    data: str | bytes,
    format: str = ...,
    *,
    errors: Literal["collect"],
    file: str | None = ...,
    converter: Converter | None = ...,
    max_bytes: int | None = ...,
    max_line_bytes: int = ...,
    text_folder: str | os.PathLike[str] | None = ...,
    keep_text: bool = ...,
    progress: Callable[[int, int], object] | None = ...,
) -> LoadResult: ...
def loads(
    data: str | bytes,
    format: str = "json",
    *,
    errors: Errors = "raise",
    file: str | None = None,
    converter: Converter | None = None,
    max_bytes: int | None = MAX_BYTES,
    max_line_bytes: int = MAX_LINE_BYTES,
    text_folder: str | os.PathLike[str] | None = None,
    keep_text: bool = False,
    progress: Callable[[int, int], object] | None = None,
) -> Record | LoadResult:
    """Load a record from text (or bytes) in the given format.

    ``file`` names where the text came from, for messages. Errors, limits and
    ``progress`` are as for :func:`load`. ``text_folder`` is the folder the text
    files its sources name are relative to (and confined to), as a file's own
    folder is for :func:`load`; without it they cannot be read. ``keep_text``:
    the record keeps the text, so that the problems
    :meth:`~communique.Record.validate` finds later are placed in it (line and
    column); by default it does not hold the text in memory.

    >>> import communique as cq
    >>> cq.loads('{"communique": "1.0", "entities": [{"type": "person", "id": "person:a", '
    ...          '"name": "A", "name": "B"}]}')
    Traceback (most recent call last):
    ...
    communique.errors.ParseError: <data>:1:86: $.entities[0].name: duplicate key 'name' (first at line 1, column 73)
    """
    collect = _check_errors(errors)
    fmt, gz = formats.split(format)
    limits = _Limits(max_bytes, max_line_bytes)
    conv = converter or default_converter
    try:
        raw = json_format.encode(data, file=file)
    except ParseError as exc:
        if not collect:
            raise
        return LoadResult(Record(), exc.problems)
    folder = None if text_folder is None else Path(text_folder)
    source = _Input(name=file, fmt=fmt.name, gz=gz, data=raw, folder=folder)
    limits = attrs.evolve(limits, progress=_reporting(progress, [source]))
    return _loaded([source], conv, limits, collect=collect, keep_text=keep_text)


def _loaded(
    sources: Sequence[_Input],
    conv: Converter,
    limits: _Limits,
    *,
    collect: bool,
    keep_text: bool = False,
) -> Record | LoadResult:
    """The record of the sources, which knows where each entity was read; or the
    problems, raised or collected. ``keep_text``: the record keeps the text given
    in memory, to place the problems found in it later."""
    with paused():
        entities, text_dirs, problems, origins = _gather(sources, conv, limits)
    if problems and not collect:
        raise _error_for(problems)
    files = tuple(s.name for s in sources if s.path is not None and s.name is not None)
    if not keep_text:
        # The record must not keep the text given in memory alive.
        origins.sources = [attrs.evolve(s, data=None) for s in sources]
    record = Record(
        entities,
        text_dirs=text_dirs,
        text_roots=limits.text_roots,
        max_text_bytes=limits.max_bytes,
        origins=origins,
    )
    return LoadResult(record, tuple(problems), files) if collect else record


class EntityStream(Iterator[Entity]):
    """The entities of a file, read as they are asked for; see :func:`iter_load`.

    With ``errors="collect"``, :attr:`problems` fills up as bad entities are
    passed over. Use it as a context manager (or exhaust it) to close the file.
    """

    def __init__(self, items: Iterator[_Item], *, collect: bool) -> None:
        self._items = items
        self._collect = collect
        # What is left of a run of entities read together, last first.
        self._run: list[Entity] = []
        #: The problems met so far (only with ``errors="collect"``).
        self.problems: list[Problem] = []

    def __iter__(self) -> EntityStream:
        return self

    def __next__(self) -> Entity:
        if self._run:
            return self._run.pop()
        while True:
            item = next(self._items)
            if isinstance(item, list):
                if not self._collect:
                    self.close()
                    raise _error_for(item)
                self.problems.extend(item)
                continue
            if isinstance(item, formats.Run):
                if not item.entities:
                    continue
                # Taken from the end: reversed once, each popped in order.
                self._run = item.entities[::-1]
                return self._run.pop()
            return item[0]

    def close(self) -> None:
        """Stop reading and close the file."""
        self._run.clear()
        close = getattr(self._items, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> EntityStream:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def iter_load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    errors: Errors = "raise",
    converter: Converter | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
    max_bytes: int | None = MAX_BYTES,
    progress: Callable[[int, int], object] | None = None,
) -> EntityStream:
    """The entities of a file (or of every file below a folder) one by one, in
    constant memory for JSON Lines and JSON documents.

    JSON Lines is read in blocks of whole lines (32 KiB at a time, decoded and
    checked for loss together) and a JSON document one element of its
    ``entities`` at a time (each bounded by ``max_line_bytes``); YAML is read whole
    (bounded by ``max_bytes``). Entities are yielded as they are in the files:
    repeated ids are not merged, as that would mean remembering every entity.

    With ``errors="raise"`` the first bad entity raises a
    :class:`~communique.LoadError` (with every problem of that entity); with
    ``errors="collect"`` it is passed over and its problems kept in the
    stream's ``problems``. ``progress`` is as for :func:`load`.

    >>> import communique as cq
    >>> [e.id for e in cq.iter_load("examples/sco_aies_roundtable/record.yaml")][:2]
    ['source:sco-2020-03-04-aies-roundtable', 'org:sco']
    """
    collect = _check_errors(errors)
    empty = os.fspath(path) == ""
    try:
        sources = [] if empty else _sources(Path(path), format)
    except LoadError as exc:
        if not collect:
            raise
        return EntityStream(iter([list(exc.problems)]), collect=True)
    limits = _Limits(max_bytes, max_line_bytes, _reporting(progress, sources))
    conv = converter or default_converter

    def items() -> Iterator[_Item]:
        if empty:
            yield [_EMPTY_PATH]
        for source in sources:
            yield from _read_entities(source, conv, limits, streaming=True)

    return EntityStream(items(), collect=collect)


# -- writing ----------------------------------------------------------------------


def _write(
    out: _Writes,
    entities: Iterable[Entity],
    fmt: formats.FileFormat,
    conv: Converter,
    *,
    gz: bool = False,
) -> None:
    """Write entities to a stream in a format (compressed with ``gz``), refusing any
    that would not read back: the format's writer does as it writes, or each entity
    is checked before."""
    if gz:
        # The writer only writes to the stream it compresses into.
        with gzip_format.writer(out) as packed:  # type: ignore[arg-type]
            _write(packed, entities, fmt, conv)
        return
    fmt.write(out.write, entities if fmt.checks else _writable(entities), conv)


def _writable(entities: Iterable[Entity]) -> Iterator[Entity]:
    """The entities, each refused (a ValueError naming it and its field) if a value
    of it is not what its field holds as the formats write and read it back: an
    entity built in Python may hold None in a required field, a list or a set for
    a tuple, a NaN (JSON would write null) or an integer beyond 64 bits."""
    for entity in entities:
        found = writable(entity)
        if found is not None:
            raise refusal(entity, found)
        yield entity


def dumps(
    record: Record | Iterable[Entity],
    format: str = "json",
    *,
    converter: Converter | None = None,
) -> str:
    """The record as text in the given format; the same record always gives the
    same text.

    >>> import communique as cq
    >>> print(cq.dumps(cq.Record([cq.Organization(id="org:sco", name="SCO")]), format="jsonl"))
    {"type":"organization","id":"org:sco","name":"SCO"}
    <BLANKLINE>
    """
    fmt, gz = formats.split(format)
    if gz:
        raise ValueError("compressed formats are for files: use dump(), or compress dumps()")
    out = io.BytesIO()
    with _bulk(record):
        _write(out, record, fmt, converter or default_converter)
    return out.getvalue().decode("utf-8")


def dump(
    record: Record | Iterable[Entity],
    path: str | os.PathLike[str] | IO[bytes],
    *,
    format: str | None = None,
    converter: Converter | None = None,
) -> None:
    """Write a record (or any iterable of entities, such as :func:`iter_load`
    gives) to a file, deterministically and atomically; or to a binary stream.

    The bytes go to a temporary file in the same folder, which replaces the
    target only once it is complete and on disk: an interrupted dump leaves the
    old file as it was, and no temporary file behind (one left by a process that
    was killed, named ``.NAME.communique-tmp-PID-XXXX``, is removed by the next
    dump to the same target). A target that is a symbolic link is written
    through: its target is replaced and the link stays. An error names the
    target, not the temporary file. JSON Lines and JSON are
    written as the entities come; gzip (``.gz``) has a fixed header, so the same
    record gives the same bytes.

    A binary stream (an open file, ``sys.stdout.buffer``, ``io.BytesIO``, a
    socket's file) is written in the ``format`` given
    (there is no name to tell it by), with the same bytes a file gets, once
    they are all written (in memory, or on disk beyond 64 MiB): a value that
    cannot be written leaves the stream as it was. The stream is neither
    flushed nor closed. That is the way to the bytes in memory, which
    :func:`dumps` gives as text:

    >>> import io
    >>> import communique as cq
    >>> out = io.BytesIO()
    >>> cq.dump(cq.Record([cq.Organization(id="org:sco", name="SCO")]), out, format="jsonl")
    >>> out.getvalue()
    b'{"type":"organization","id":"org:sco","name":"SCO"}\\n'
    """
    conv = converter or default_converter
    if not isinstance(path, (str, os.PathLike)):
        _dump_to_stream(record, path, format, conv)
        return
    path = Path(path)
    fmt, gz = formats.split(format if format is not None else format_of(path))
    with _bulk(record), _atomic(path) as out:
        _write(out, record, fmt, conv, gz=gz)


def _dump_to_stream(
    record: Record | Iterable[Entity], stream: IO[bytes], format: str | None, conv: Converter
) -> None:
    if isinstance(stream, io.TextIOBase) or not callable(getattr(stream, "write", None)):
        raise TypeError(
            f"dump writes bytes to a path or a binary stream, not to {type(stream).__name__}: "
            "pass a binary stream (sys.stdout.buffer, open(name, 'wb')), or use dumps() for text"
        )
    if format is None:
        raise ValueError(
            "a stream has no suffix to tell the format by: pass format= "
            f"(one of {', '.join(formats.format_names(compressed=True))})"
        )
    fmt, gz = formats.split(format)
    # Written whole before the stream sees a byte, as a file is replaced only once
    # it is complete: an entity refused halfway leaves the stream as it was.
    with _Spool(_SPOOL_BYTES) as spool, _bulk(record):
        _write(spool, record, fmt, conv, gz=gz)
        spool.copy_to(stream)


# A dump to a stream is held in memory up to this size, and on disk beyond it.
_SPOOL_BYTES: Final = 64 << 20
_COPY_BYTES: Final = 1 << 20


class _Spool:
    """The bytes of a dump, kept in memory up to ``limit`` and in a temporary file
    beyond it, then copied to their stream: from memory in one write, without a
    copy of their own (``tempfile.SpooledTemporaryFile`` hands them over by
    ``read``, a copy a piece: 4.1 µs a suite entity against 3.6, measured)."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._memory: io.BytesIO | None = io.BytesIO()
        self._file: IO[bytes] | None = None

    def write(self, data: bytes, /) -> int:
        if self._memory is None:
            assert self._file is not None
            return self._file.write(data)
        written = self._memory.write(data)
        if self._memory.tell() > self._limit:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by __exit__
            self._file.write(self._memory.getbuffer())
            self._memory = None
        return written

    def flush(self) -> None:
        pass  # written out by copy_to

    def copy_to(self, stream: IO[bytes]) -> None:
        if self._memory is not None:
            with self._memory.getbuffer() as view:
                write_all(stream, view)
            return
        assert self._file is not None
        self._file.seek(0)
        while chunk := self._file.read(_COPY_BYTES):
            write_all(stream, chunk)

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()


def _bulk(record: Record | Iterable[Entity]) -> AbstractContextManager[None]:
    # A record in memory is written with the collector paused, like a load; a
    # stream of entities is not, as the code that produces it runs in between.
    return paused() if isinstance(record, Record) else nullcontext()


# The name of a dump's temporary file: hidden, beside its target, recognisable, and
# naming the process that writes it, so that a later dump can tell one left by a
# process that was killed from one being written now.
_TEMPORARY: Final = ".{name}.communique-tmp-{pid}-{token}"


@contextmanager
def _atomic(path: Path) -> Iterator[IO[bytes]]:
    # Through a symbolic link to its target: the link stays a link.
    if path.is_symlink():
        try:
            path = path.resolve()
        except (OSError, RuntimeError):  # a loop of links (RuntimeError before 3.13)
            raise OSError(errno.ELOOP, "a loop of symbolic links", str(path)) from None
    _clean_stale(path)
    temporary = path.with_name(
        _TEMPORARY.format(name=path.name, pid=os.getpid(), token=secrets.token_hex(6))
    )
    try:
        # os.open with 0o666 gives the permissions a new file would get (the umask
        # applies), where mkstemp would leave the result readable by its owner only.
        fd = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
        )
    except OSError as exc:
        raise _naming(exc, path) from None
    try:
        with open(fd, "wb", buffering=1 << 16) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        if exc.filename not in (None, str(temporary)):
            raise  # not the write's: from reading the entities, say
        raise _naming(exc, path) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _naming(exc: OSError, path: Path) -> OSError:
    """The error of a write, naming its target rather than the temporary file."""
    if exc.errno is None:
        return exc
    return type(exc)(exc.errno, exc.strerror, str(path))


def _clean_stale(path: Path) -> None:
    """Remove the temporary files of dumps of ``path`` whose process is gone
    (killed before it could clean up)."""
    prefix = f".{path.name}.communique-tmp-"
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix)]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix) :].partition("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            with suppress(OSError):
                os.unlink(path.parent / name)


def _running(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":
        return True  # on Windows, os.kill would end the process: leave it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # another user's process, or no way to tell: leave it
    return True


def _sync_folder(folder: Path) -> None:
    # The rename is durable once the folder's entry is on disk (POSIX only).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
