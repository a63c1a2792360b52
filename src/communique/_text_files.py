"""Reading the text files that sources name, confined to the folders they may use.

A record may come from anywhere, and ``text_file`` is a path it chooses. So a
text file is read only when it resolves (symbolic links followed) inside the
folder of the file that defines its source, or inside a folder the caller named
(``text_roots``); only when it is a regular file (a FIFO, a device or a socket
is refused before it is opened, and opened without blocking); only up to a size
(``max_bytes``); and decoded exactly, as UTF-8 bytes with no newline
translation, so that evidence spans count what the file holds. A byte order mark
is kept as the text's first character, and reported.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

from attrs import frozen

from ._shown import shown

__all__ = ["MAX_BYTES", "TextFiles", "TextRead"]

#: The default bound on a file read whole (a record file, a source's text file): 1 GiB.
MAX_BYTES: Final = 1 << 30

_BOM: Final = b"\xef\xbb\xbf"


@frozen
class TextRead:
    """What reading a source's text file gave: its text (or ``None``), and the
    problem with it (a code and a message), if any."""

    text: str | None
    code: str | None = None
    message: str | None = None


@frozen
class TextFiles:
    """Where the text file of each source may be read from, and how much of it.

    ``folders``: the folder of the file that defined each source (by id), which
    its ``text_file`` is relative to; ``roots``: the folders a text file may
    resolve into (``None``: its source's own folder); ``max_bytes``: the largest
    text file read (``None``: no bound).
    """

    folders: Mapping[str, Path]
    roots: tuple[Path, ...] | None = None
    max_bytes: int | None = MAX_BYTES

    @staticmethod
    def resolved_roots(roots: Iterable[str | os.PathLike[str]] | None) -> tuple[Path, ...] | None:
        """The folders named by a caller, resolved once (``None`` stays ``None``)."""
        return None if roots is None else tuple(Path(r).resolve() for r in roots)

    def read(self, source_id: str, name: str) -> TextRead:
        """The text of the file ``name`` named by the source ``source_id``."""
        folder = self.folders.get(source_id)
        if folder is None:
            return _refused(
                "missing-text-file",
                f"the text file {shown(name)} cannot be read: the record was not read "
                "from a file, so it has no folder to find it in",
            )
        try:
            target = (folder / name).resolve()
            roots = self.roots if self.roots is not None else (folder.resolve(),)
            if not any(target.is_relative_to(root) for root in roots):
                where = "its record's folder" if self.roots is None else "the folders given"
                return _refused(
                    "text-file-outside",
                    f"the text file {shown(name)} is outside {where}; a record may only "
                    "name text files inside its own folder (or pass text_roots= to load)",
                )
            return self._read(target, name)
        except ValueError:  # a NUL byte in the name
            return _refused("missing-text-file", f"{shown(name)} is not a valid file name")
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            return _refused(
                "missing-text-file",
                f"the text file {shown(name)} cannot be read beside the record: {reason}",
            )

    def _read(self, target: Path, name: str) -> TextRead:
        status = os.stat(target)
        if not stat.S_ISREG(status.st_mode):
            return _not_regular(name, status.st_mode)
        if self.max_bytes is not None and status.st_size > self.max_bytes:
            return _too_large(name, self.max_bytes)
        # Without blocking: the file may have been swapped for a FIFO since.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(target, flags)
        try:
            status = os.fstat(fd)
            if not stat.S_ISREG(status.st_mode):
                return _not_regular(name, status.st_mode)
            limit = self.max_bytes
            with open(fd, "rb", closefd=False) as stream:
                data = stream.read() if limit is None else stream.read(limit + 1)
        finally:
            os.close(fd)
        if limit is not None and len(data) > limit:
            return _too_large(name, limit)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _refused(
                "text-file-not-utf8",
                f"the text file {shown(name)} is not valid UTF-8: "
                f"byte 0x{data[exc.start]:02x} at byte {exc.start}",
            )
        if data.startswith(_BOM):
            return TextRead(
                text,
                "text-file-bom",
                f"the text file {shown(name)} starts with a byte order mark (U+FEFF), "
                "which is character 0 of its text: evidence spans count it; "
                "save the file as UTF-8 without it",
            )
        return TextRead(text)


def _refused(code: str, message: str) -> TextRead:
    return TextRead(None, code, message)


def _not_regular(name: str, mode: int) -> TextRead:
    kind = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    return _refused(
        "text-file-not-regular",
        f"the text file {shown(name)} is {kind}, not a regular file: it is not read",
    )


def _too_large(name: str, limit: int) -> TextRead:
    return _refused(
        "text-file-too-large",
        f"the text file {shown(name)} is larger than {limit} bytes (max_bytes); "
        "raise max_bytes to read it",
    )
