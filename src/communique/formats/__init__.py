"""The file formats: one module per format, and the table that names them.

Each module parses bytes into plain data and writes it back, reads a record's
entities from its bytes, and places the problems found in them later; its
:data:`FORMAT` is its entry in the table (:class:`FileFormat`), which
:func:`communique.load`, :func:`communique.dump` and their kin consult. A new
format is one module and one :func:`register_format` call.
"""

from typing import Final

from ._base import (
    COMPRESSED,
    FileFormat,
    Item,
    Reading,
    Request,
    Run,
    Where,
    by_suffix,
    format_names,
    lookup,
    register_format,
    split,
    suffixes,
)
from .json import FORMAT as _JSON
from .jsonl import FORMAT as _JSONL
from .yaml import FORMAT as _YAML

__all__ = [
    "BUILT_IN",
    "COMPRESSED",
    "FileFormat",
    "Item",
    "Where",
    "Reading",
    "Request",
    "Run",
    "by_suffix",
    "format_names",
    "lookup",
    "register_format",
    "split",
    "suffixes",
]

#: The names of the formats the library itself reads and writes, whatever else
#: is registered.
BUILT_IN: Final = tuple(f.name for f in (_JSON, _JSONL, _YAML))

for _format in (_JSON, _JSONL, _YAML):
    register_format(_format)
