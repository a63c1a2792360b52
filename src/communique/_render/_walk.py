"""One pass over an entity's fields collecting its evidence and its references, each
with its field path (``$.participants[0].evidence[1]``), as validation writes them:
the walk of :mod:`communique.model._meaning`, sorted in one loop.
"""

from __future__ import annotations

from ..model import Evidence
from ..model._meaning import walk as walk_fields

__all__ = ["Found", "walk"]

#: (evidence with their paths, references with their paths)
Found = tuple[list[tuple[str, Evidence]], list[tuple[str, str]]]


def walk(value: object) -> Found:
    """The evidence and the references below ``value`` (an entity), in field order."""
    evidence: list[tuple[str, Evidence]] = []
    references: list[tuple[str, str]] = []
    for path, item, field in walk_fields(value):
        if type(item) is str:
            if field.targets:
                references.append((path, item))
        elif isinstance(item, Evidence):
            evidence.append((path, item))
    return evidence, references
