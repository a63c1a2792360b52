"""What the commands of ``communique`` share: their errors, their styling and
progress on a terminal, and the reading of the record named on the command line
(a file, a folder of record files, or ``-`` for standard input), with each
problem's hint said in the words of the command's options.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Final

import attrs

from . import format_of, load, loads
from ._streams import read_input
from .converter import Converter, default_converter
from .errors import LoadError, Problem
from .formats import format_names, lookup, suffixes
from .record import Record

__all__ = [
    "STDIN_NAME",
    "Failure",
    "Progress",
    "Style",
    "UsageError",
    "colour_wanted",
    "format_by_suffix",
    "read",
    "read_all",
    "sniff",
]

STDIN_NAME: Final = "<stdin>"


def _hint(problem: Problem) -> str | None:
    """What to do about a problem that a setting of the loader would read past, in
    the words of this command's options (never the keywords of the Python
    functions behind them); ``None`` where no option changes that setting."""
    if problem.setting == "format" and problem.expected is not None:
        return f"name the file .{problem.expected} or pass --from-format {problem.expected}"
    if problem.setting == "converter":
        return "read it as one with --as-base"
    if problem.setting == "max_bytes":
        return "that is the most the command reads of one file: split the record into the files of a folder"
    if problem.setting == "max_line_bytes":
        return "that is the most the command reads as one line or one entity"
    return None


def _in_our_words(problems: Sequence[Problem]) -> list[Problem]:
    """The problems, each hint said with this command's options."""
    return [
        p if p.setting is None else attrs.evolve(p, setting=None, hint=_hint(p)) for p in problems
    ]


def format_by_suffix(path: str | os.PathLike[str], option: str) -> str:
    """The format a file name stands for; a usage error naming ``option`` if it says none."""
    try:
        return format_of(path)
    except ValueError:
        raise UsageError(
            f"cannot tell the format of {os.fspath(path)!r} from its suffix; use one of "
            f"{', '.join(suffixes())} (optionally with .gz) or pass {option}"
        ) from None


class UsageError(Exception):
    """A mistake in how the command was called (exit status 2)."""


class Failure(Exception):
    """The command could not do what was asked (exit status 1); the message says why."""


# -- terminal: colours and progress ------------------------------------------------


def colour_wanted(stream: IO[str]) -> bool:
    # https://no-color.org: any non-empty NO_COLOR turns colours off.
    if os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


@attrs.frozen
class Style:
    """ANSI styling that is a no-op when colours are off."""

    enabled: bool

    def _sgr(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._sgr("1", text)

    def dim(self, text: str) -> str:
        return self._sgr("2", text)

    def red(self, text: str) -> str:
        return self._sgr("31", text)

    def green(self, text: str) -> str:
        return self._sgr("32", text)

    def yellow(self, text: str) -> str:
        return self._sgr("33", text)

    def cyan(self, text: str) -> str:
        return self._sgr("36", text)


class Progress:
    """A progress bar on a terminal stream, drawn only once the work has taken
    longer than ``delay`` seconds and only if the stream is a terminal."""

    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: IO[str] | None = None,
        delay: float = 0.5,
    ) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.active = self.stream.isatty()
        self.delay = delay
        self.done = 0
        self.drawn = False
        self._start = time.monotonic()
        self._last = 0.0

    def update(self, done: int, total: int) -> None:
        """Show ``done`` of ``total``, as the loaders' ``progress`` tells them."""
        self.total = max(total, 1)
        self.advance(done - self.done)

    def advance(self, amount: int) -> None:
        self.done = min(self.total, self.done + amount)
        if not self.active:
            return
        now = time.monotonic()
        if now - self._start < self.delay or (self.drawn and now - self._last < 0.1):
            return
        self._last = now
        self.drawn = True
        width = 30
        filled = width * self.done // self.total
        percent = 100 * self.done // self.total
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{' ' * (width - filled)}] {percent:3d}%"
            f" {_size(self.done)}/{_size(self.total)}"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} kB"
    return f"{n / (1024 * 1024):.1f} MB"


# -- reading inputs ------------------------------------------------------------


def sniff(data: bytes) -> str:
    """The text format of data read without a file name: ``json``, ``jsonl`` or ``yaml``.

    >>> sniff(b'{"communique": "1.0", "entities": []}')
    'json'
    >>> sniff(b'{"type": "organization", "id": "org:sco", "name": "SCO"}\\n')
    'jsonl'
    >>> sniff(b'communique: "1.0"\\nentities: []\\n')
    'yaml'
    """
    text = data.lstrip()
    if not text:
        return "jsonl"  # an empty stream is an empty record, as JSON Lines
    if not text.startswith(b"{"):
        return "yaml"
    first = text.split(b"\n", 1)[0]
    try:
        item = json.loads(first)
    except ValueError:
        return "json"
    return "jsonl" if isinstance(item, dict) and "type" in item else "json"


def read(
    name: str,
    *,
    format: str | None = None,
    base: Path | None = None,
    stdin: IO[bytes] | None = None,
    as_base: bool = False,
) -> Record:
    """Read the record named on the command line: a file, a folder of record files,
    or ``-`` for standard input, as :func:`communique.load` reads it (the problems
    :meth:`~communique.Record.validate` finds are placed in the files). Raises
    :class:`LoadError` with every problem found, each naming its file and line."""
    record, problems = read_all(name, format=format, base=base, stdin=stdin, as_base=as_base)
    if problems:
        raise LoadError(problems)
    return record


def read_all(
    name: str,
    *,
    format: str | None = None,
    base: Path | None = None,
    stdin: IO[bytes] | None = None,
    as_base: bool = False,
) -> tuple[Record, list[Problem]]:
    """As :func:`read`, but what could be read is kept beside the problems of the
    rest (an entity that cannot be read, a second definition of an id). ``as_base``:
    an entity of a type no installed package registers is read as its ``base``."""
    known = format_names(compressed=True)
    if format is not None and format not in known:
        raise UsageError(f"unknown format {format!r}; known: {', '.join(known)}")
    converter = Converter(unknown_types="base") if as_base else default_converter
    progress = Progress(0, f"reading {name}")
    try:
        if name == "-":
            data = read_input(stdin)
            # Text files named by a record on standard input are looked for from
            # here; the text is kept to place problems, as there is no file to
            # read again.
            result = loads(
                data,
                format or sniff(data),
                errors="collect",
                file=STDIN_NAME,
                converter=converter,
                text_folder=base or Path.cwd(),
                keep_text=True,
                progress=progress.update,
            )
        else:
            path = Path(name)
            if path.is_dir():
                if format is not None:
                    raise UsageError(
                        "--from-format applies to one file; the files of a folder go by suffix"
                    )
            elif format is None and path.exists():
                format = format_by_suffix(path, "--from-format")
            result = load(
                path,
                format=format,
                errors="collect",
                converter=converter,
                progress=progress.update,
            )
            if path.is_dir() and not result.files:
                kinds = ", ".join(lookup(n).suffixes[0] for n in format_names())
                raise Failure(f"{name}: no record files ({kinds}) in the folder")
    finally:
        progress.close()
    return result.record, _in_our_words(result.problems)
