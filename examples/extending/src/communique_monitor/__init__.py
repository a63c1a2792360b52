"""communique-monitor: parliamentary hearings, treaty ratifications and newsroom
extractions, built on communique without changing it.

Its types live in a registry of its own, a child of communique's default one, and
are read and written through the converter made over it:

>>> import communique_monitor as monitor
>>> record = monitor.load("examples/extending/record.yaml")
>>> [type(e).__name__ for e in record.events]
['Hearing']
>>> record.validate()
[]
"""

from __future__ import annotations

import os
from typing import Final

import communique as cq

from .newsroom import IMPLIED_SUPPORT, UNATTRIBUTED_CLAIM, ExtractedStatement, confident
from .parliament import COMMITTEE, HEARING, RAPPORTEUR, Hearing
from .treaties import OPTIONAL_PROTOCOL, RatificationStep, StepKind, Treaty

__all__ = [
    "COMMITTEE",
    "HEARING",
    "IMPLIED_SUPPORT",
    "OPTIONAL_PROTOCOL",
    "RAPPORTEUR",
    "UNATTRIBUTED_CLAIM",
    "ExtractedStatement",
    "Hearing",
    "RatificationStep",
    "StepKind",
    "Treaty",
    "confident",
    "converter",
    "dump",
    "load",
    "registry",
]

#: communique's types and this package's; other code in the process is untouched.
registry: Final = cq.default_registry.child()
registry.register(Hearing, "parliament:hearing")
registry.register(Treaty, "treaties:treaty")
registry.register(ExtractedStatement, "newsroom:extracted-statement")

#: Reads and writes records that mix communique's types and this package's.
converter: Final = cq.Converter(registry)


def load(path: str | os.PathLike[str]) -> cq.Record:
    """Load a record (a file or a folder, in any format) with this package's types."""
    return cq.load(path, converter=converter)


def dump(record: cq.Record, path: str | os.PathLike[str]) -> None:
    """Write a record with this package's types; the format is chosen by the suffix."""
    cq.dump(record, path, converter=converter)
