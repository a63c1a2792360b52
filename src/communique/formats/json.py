"""JSON: the canonical document, parsed and written with orjson."""

from __future__ import annotations

from typing import Any

import orjson

from ..errors import ParseError, Problem

__all__ = ["dumps", "loads"]


def loads(data: bytes | str, *, file: str | None = None) -> Any:
    """Parse one JSON value; :class:`ParseError` naming the line and column."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ParseError(
            [
                Problem(
                    code="syntax",
                    message=f"not valid JSON: {exc.msg}",
                    file=file,
                    line=exc.lineno,
                    column=exc.colno,
                )
            ]
        ) from None


def dumps(data: Any, *, indent: bool = True) -> bytes:
    """Write plain data as UTF-8 JSON, keys in the order given, ending in a newline."""
    option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(data, option=option)
