"""The command line's standard streams: a closed one reported as such, a write that
fails (a full disk) caught rather than lost at exit.

Python sets ``sys.stdin``, ``sys.stdout`` or ``sys.stderr`` to ``None`` when the
process starts with that descriptor closed (``<&-``, ``>&-``, ``2>&-``), and a
buffered write to a full disk fails only when the buffer is flushed, which at exit
is too late to change the exit status.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TextIO, cast

__all__ = ["Output", "StreamError", "cut", "read_input", "standard", "write_all"]

#: Characters of a value (a path, a name) shown in a message before it is cut.
SHOWN: int = 120


class StreamError(Exception):
    """A standard stream is closed, or reading or writing it failed."""


def cut(text: str, limit: int = SHOWN) -> str:
    """``text`` as a message shows it: cut, with its length, when it is long.

    >>> cut("a" * 300, 10)
    'aaaaaaaaa… (300 characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(text)} characters)"


class Output(io.TextIOBase):
    """Standard output for a command: every failed write or flush is a
    :class:`StreamError` (a closed pipe stays a :class:`BrokenPipeError`, which the
    command line treats as the reader having gone away)."""

    def __init__(self, stream: IO[str] | None) -> None:
        super().__init__()
        self._stream = stream
        self._started = False

    def _target(self) -> IO[str]:
        if self._stream is None:
            raise StreamError("standard output is closed")
        return self._stream

    def write(self, text: str) -> int:
        target = self._target()
        with _guarded():
            binary = getattr(target, "buffer", None)
            if binary is None:
                return target.write(text)
            encoding = getattr(target, "encoding", None) or "utf-8"
            errors = getattr(target, "errors", None) or "strict"
            self._put(target, binary, text.encode(encoding, errors))
            return len(text)

    def utf8_bytes(self) -> IO[bytes] | None:
        """The bytes under this output when it writes text as UTF-8, for text
        that is UTF-8 bytes already (a dump, written without being decoded and
        encoded again), each write guarded as :meth:`write` is; or ``None`` (no
        byte layer, or another encoding, which only text written through
        :meth:`write` is held to)."""
        target = self._target()
        binary = getattr(target, "buffer", None)
        encoding = getattr(target, "encoding", None) or "utf-8"
        if binary is None or codecs.lookup(encoding).name != "utf-8":
            return None
        return cast(IO[bytes], _Bytes(self, target, binary))

    def _put(self, target: IO[str], binary: IO[bytes], data: bytes | memoryview) -> None:
        if not self._started:
            # Text written before this stream took over goes first.
            target.flush()
            self._started = True
        write_all(binary, data)

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise StreamError(f"cannot write to standard output: {_reason(exc)}") from None

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def writable(self) -> bool:
        return True


class _Bytes:
    """The byte layer of an :class:`Output`, written through its guards."""

    def __init__(self, out: Output, target: IO[str], binary: IO[bytes]) -> None:
        self._out, self._target, self._binary = out, target, binary

    def write(self, data: bytes | memoryview, /) -> int:
        with _guarded():
            self._out._put(self._target, self._binary, data)
        return len(data)


@contextmanager
def _guarded() -> Iterator[None]:
    """A failed write to standard output as a :class:`StreamError` that says why
    (a closed pipe stays a :class:`BrokenPipeError`)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except UnicodeEncodeError as exc:
        raise StreamError(
            f"cannot write to standard output: its encoding ({exc.encoding}) cannot hold "
            f"{exc.object[exc.start : exc.end]!r}; set PYTHONIOENCODING=utf-8"
        ) from None
    except (OSError, ValueError) as exc:
        raise StreamError(f"cannot write to standard output: {_reason(exc)}") from None


def write_all(binary: IO[bytes], data: bytes | memoryview) -> None:
    """Write all of ``data`` to a binary stream, whose write may take only a part.

    Unbuffered (PYTHONUNBUFFERED, python -u), standard output is a raw file whose
    write may take only a part (a file that reaches its size limit, a disk that
    fills up), and the text layer drops the rest unseen; so may a pipe or a socket
    handed to a dump. Written until all is taken, so that the next write raises the
    error; a stream that takes nothing at all is an error here.
    """
    view = memoryview(data)
    while view:
        taken = binary.write(view)
        if taken is None:  # a non-blocking stream that would block: try again
            continue
        if taken <= 0:
            raise OSError(errno.EIO, "the stream took none of the bytes written to it")
        view = view[taken:]


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def read_input(stdin: IO[bytes] | None = None) -> bytes:
    """All of ``stdin`` (default: standard input), or a :class:`StreamError` that
    says standard input is closed or cannot be read."""
    if stdin is None:
        if sys.stdin is None:
            raise StreamError("standard input is closed")
        stdin = sys.stdin.buffer
    try:
        return stdin.read()
    except (OSError, ValueError) as exc:
        raise StreamError(f"cannot read standard input: {_reason(exc)}") from None


def _closed(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


@contextmanager
def standard() -> Iterator[IO[str]]:
    """Standard output guarded as :class:`Output` (also as ``sys.stdout``, for what
    argparse prints) for the time of a command.

    A closed descriptor 0, 1 or 2 is opened on the null device first, so that no
    file the command opens takes its number (a message meant for standard error
    must not land in an output file); with standard error closed, messages are
    lost but the command still does its work and its exit status still tells.
    """
    saved = (sys.stdin, sys.stdout, sys.stderr)
    for fd in (0, 1, 2):
        if _closed(fd):
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    discard: IO[str] | None = None
    if sys.stderr is None:
        discard = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
        sys.stderr = discard
    # Output has every method a text stream has (io.TextIOBase), which typeshed
    # does not declare as IO[str].
    out = cast(TextIO, Output(saved[1]))
    sys.stdout = out
    try:
        yield out
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        if discard is not None:
            discard.close()
