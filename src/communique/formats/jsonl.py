"""JSON Lines: one entity a line, read and written one line at a time.

Every line holds one JSON value (parsed by :func:`communique.formats.json.loads`,
with all its checks); a blank line is an error, as in the JSON Lines format. A
line is never read whole before its length is known to be within the limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from ..errors import Problem
from . import json as json_format

__all__ = ["dumps", "lines"]


def lines(
    stream: IO[bytes], *, file: str | None, max_line_bytes: int
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
                    message=f"the line is longer than {max_line_bytes} bytes (max_line_bytes)",
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


def dumps(entity: Any) -> bytes:
    """One line: the entity's data as compact JSON and a newline."""
    return json_format.dumps(entity, indent=False)
