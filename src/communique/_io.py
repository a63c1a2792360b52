"""Loading and dumping records: files, folders, text, in every format."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final, Literal

from .converter import FORMAT_VERSION, Converter, EntityError, default_converter
from .errors import LoadError, ParseError, Problem, StructureError, UnknownTypeError
from .formats import json as json_format
from .formats import yaml as yaml_format
from .model import Entity, Source
from .record import Record

__all__ = ["dump", "dumps", "format_of", "iter_load", "load", "loads"]

Format = Literal["json", "jsonl", "yaml"]
FORMATS: Final = ("json", "jsonl", "yaml")
_SUFFIXES: Final[dict[str, Format]] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def format_of(path: str | os.PathLike[str]) -> Format:
    """The format a file name stands for, by its suffix."""
    suffix = Path(path).suffix.lower()
    try:
        return _SUFFIXES[suffix]
    except KeyError:
        raise ValueError(
            f"cannot tell the format of {os.fspath(path)!r} from its suffix; "
            f"use one of {', '.join(_SUFFIXES)} or pass format="
        ) from None


def _check_format(fmt: str) -> Format:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return fmt  # type: ignore[return-value]


# -- reading ------------------------------------------------------------------


def loads(
    data: str | bytes,
    format: str = "json",
    *,
    file: str | None = None,
    converter: Converter | None = None,
) -> Record:
    """Load a record from text in the given format.

    Raises :class:`~communique.LoadError` carrying every problem found.
    """
    fmt = _check_format(format)
    conv = converter or default_converter
    entities = _parse_entities(data, fmt, file, conv)
    return Record(entities)


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    converter: Converter | None = None,
) -> Record:
    """Load a record from a file, or from every record file below a folder.

    The format is chosen by the file's suffix unless ``format`` is given.
    """
    path = Path(path)
    conv = converter or default_converter
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
    else:
        files = [path]
    entities: list[Entity] = []
    text_dirs: dict[str, Path] = {}
    problems: list[Problem] = []
    for file in files:
        fmt = _check_format(format) if format else format_of(file)
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise LoadError(
                [Problem(code="unreadable", message=exc.strerror or str(exc), file=str(file))]
            ) from None
        try:
            found = _parse_entities(raw, fmt, str(file), conv)
        except LoadError as exc:
            problems.extend(exc.problems)
            continue
        for entity in found:
            if isinstance(entity, Source):
                text_dirs[entity.id] = file.parent
        entities.extend(found)
    if problems:
        raise _error_for(problems)
    return Record(entities, text_dirs=text_dirs)


def iter_load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    converter: Converter | None = None,
) -> Iterator[Entity]:
    """Yield the entities of a file one by one; JSON Lines is read a line at a time."""
    path = Path(path)
    fmt = _check_format(format) if format else format_of(path)
    conv = converter or default_converter
    if fmt != "jsonl":
        yield from _parse_entities(path.read_bytes(), fmt, str(path), conv)
        return
    with path.open("rb") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            data = json_format.loads(line, file=str(path))
            try:
                yield conv.structure_entity(data)
            except EntityError as exc:
                raise _error_for(
                    [p.located(file=str(path), line=number) for p in exc.problems]
                ) from None


def _decode(data: str | bytes, file: str | None) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(
            [
                Problem(
                    code="invalid-utf8",
                    message=f"the file is not valid UTF-8 (byte {exc.start})",
                    file=file,
                    line=line,
                )
            ]
        ) from None


def _parse_entities(
    data: str | bytes, fmt: Format, file: str | None, conv: Converter
) -> list[Entity]:
    if fmt == "jsonl":
        return _parse_lines(data, file, conv)
    if fmt == "yaml":
        text = _decode(data, file)
        document = yaml_format.loads(text, file=file)
        return _structure_document(
            document, file, conv, lambda path: yaml_format.line_of(text, path)
        )
    document = json_format.loads(data, file=file)
    return _structure_document(document, file, conv, lambda path: None)


def _encode(data: str | bytes, file: str | None) -> bytes:
    if isinstance(data, bytes):
        return data
    try:
        return data.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Only text given as ``str`` can hold a lone surrogate; no UTF-8 file can.
        raise ParseError(
            [
                Problem(
                    code="invalid-utf8",
                    message=f"the text is not valid Unicode: a lone surrogate "
                    f"U+{ord(data[exc.start]):04X} at character {exc.start}",
                    file=file,
                    line=data.count("\n", 0, exc.start) + 1,
                )
            ]
        ) from None


def _parse_lines(data: str | bytes, file: str | None, conv: Converter) -> list[Entity]:
    raw = _encode(data, file)
    entities: list[Entity] = []
    problems: list[Problem] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json_format.loads(line, file=file)
        except ParseError as exc:
            problems.extend(p.located(line=number) for p in exc.problems)
            continue
        try:
            entities.append(conv.structure_entity(item))
        except EntityError as exc:
            problems.extend(p.located(file=file, line=number) for p in exc.problems)
    if problems:
        raise _error_for(problems)
    return entities


def _structure_document(
    document: Any,
    file: str | None,
    conv: Converter,
    locate: Any,
) -> list[Entity]:
    def problem(code: str, message: str, path: tuple[str | int, ...], **more: Any) -> Problem:
        where = locate(path)
        return Problem(
            code=code,
            message=message,
            path=_path_text(path),
            file=file,
            line=where[0] if where else None,
            column=where[1] if where else None,
            **more,
        )

    if type(document) is not dict:
        raise StructureError(
            [problem("not-a-record", "a record is a mapping with 'communique' and 'entities'", ())]
        )
    unknown = sorted(set(document) - {"communique", "entities"})
    problems = [problem("unknown-field", f"unknown field {k!r} in a record", (k,)) for k in unknown]
    version = document.get("communique")
    if version != FORMAT_VERSION:
        problems.append(
            problem(
                "format-version",
                f"expected 'communique: \"{FORMAT_VERSION}\"', found {version!r}",
                ("communique",),
            )
        )
    items = document.get("entities")
    if type(items) is not list:
        problems.append(problem("wrong-type", "'entities' must be a list", ("entities",)))
        raise StructureError(problems)
    entities: list[Entity] = []
    for index, item in enumerate(items):
        try:
            entities.append(conv.structure_entity(item))
        except EntityError as exc:
            for p in exc.problems:
                steps = ("entities", index, *_path_steps(p.path))
                problems.append(
                    problem(
                        p.code,
                        p.message,
                        steps,
                        entity=p.entity,
                        expected=p.expected,
                        found=p.found,
                    )
                )
    if problems:
        raise _error_for(problems)
    return entities


def _error_for(problems: list[Problem]) -> LoadError:
    codes = {p.code for p in problems}
    if codes <= {"syntax", "invalid-utf8", "too-large", "too-deep"}:
        return ParseError(problems)
    if codes == {"unknown-type"}:
        return UnknownTypeError(problems)
    return StructureError(problems)


_STEP: Final = re.compile(r"\[(\d+)\]|\.([^.\[]*)")


def _path_steps(path: str) -> tuple[str | int, ...]:
    """``$.participants[2].agent`` → ``("participants", 2, "agent")``.

    A key with brackets in it (an unknown field ``"a[]"``) cannot be told apart
    from steps for sure: what does not read as steps is kept as text.
    """
    steps: list[str | int] = []
    pos = 1 if path.startswith("$") else 0
    while pos < len(path):
        match = _STEP.match(path, pos)
        if match is None:
            rest = path[pos:]
            if steps and isinstance(steps[-1], str):
                steps[-1] += rest
            else:
                steps.append(rest)
            break
        steps.append(int(match[1]) if match[1] is not None else match[2])
        pos = match.end()
    return tuple(steps)


def _path_text(steps: tuple[str | int, ...]) -> str:
    out = "$"
    for step in steps:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out


# -- writing ------------------------------------------------------------------


def _document(record: Record, conv: Converter) -> dict[str, Any]:
    return {
        "communique": FORMAT_VERSION,
        "entities": [conv.unstructure_entity(e) for e in record.entities],
    }


def dumps(record: Record, format: str = "json", *, converter: Converter | None = None) -> str:
    """The record as text in the given format; the same record always gives the
    same text."""
    fmt = _check_format(format)
    conv = converter or default_converter
    if fmt == "yaml":
        return yaml_format.dumps(_document(record, conv))
    if fmt == "jsonl":
        return "".join(
            json_format.dumps(conv.unstructure_entity(e), indent=False).decode("utf-8")
            for e in record.entities
        )
    return json_format.dumps(_document(record, conv)).decode("utf-8")


def dump(
    record: Record,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    converter: Converter | None = None,
) -> None:
    """Write the record to a file, atomically: to a temporary file in the same
    folder, renamed over the target only once it is complete."""
    path = Path(path)
    fmt = _check_format(format) if format else format_of(path)
    text = dumps(record, fmt, converter=converter)
    _atomic_write(path, text.encode("utf-8"))


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
