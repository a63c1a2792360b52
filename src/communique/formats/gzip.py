"""gzip around any format, chosen by the ``.gz`` suffix.

Written deterministically: no file name and a fixed time in the header, and a
fixed compression level, so the same record gives the same bytes.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import IO, Final

__all__ = ["ERRORS", "LEVEL", "compress", "reader", "writer"]

#: The compression level written (zlib's default balance of speed and size).
LEVEL: Final = 6

#: What a damaged or truncated gzip stream raises while it is read.
ERRORS: Final = (gzip.BadGzipFile, EOFError, zlib.error)


def reader(stream: IO[bytes]) -> gzip.GzipFile:
    """The decompressed bytes of a gzip stream, read as they are needed."""
    return gzip.GzipFile(fileobj=stream, mode="rb")


def writer(stream: IO[bytes]) -> gzip.GzipFile:
    """A stream that compresses into ``stream``; closing it does not close ``stream``."""
    return gzip.GzipFile(filename="", mode="wb", fileobj=stream, compresslevel=LEVEL, mtime=0)


def compress(data: bytes) -> bytes:
    """``data`` compressed as the writer writes it (``gzip.compress`` writes
    another operating-system byte in the header)."""
    out = io.BytesIO()
    with writer(out) as stream:
        stream.write(data)
    return out.getvalue()
