"""Statements found by a newsroom's extraction model, with its confidence."""

from __future__ import annotations

from typing import Final

import attrs

import communique as cq
from communique.errors import FieldError

__all__ = ["IMPLIED_SUPPORT", "UNATTRIBUTED_CLAIM", "ExtractedStatement", "confident"]

UNATTRIBUTED_CLAIM: Final = cq.StatementKind.extend(
    "newsroom:unattributed_claim",
    "Claim attributed to no named speaker",
    "A claim the reporting makes without naming who made it.",
)
IMPLIED_SUPPORT: Final = cq.Stance.extend(
    "newsroom:implied_support",
    "Support implied by the reporting",
    "The reporting implies the agent's support without quoting it.",
)


def _unit_interval(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise FieldError(attribute.name, f"a confidence is between 0 and 1, not {value!r}")


@attrs.frozen(kw_only=True)
class ExtractedStatement(cq.Statement):
    """A statement an extraction model found in a source, with the model's
    confidence (0 to 1) and the model's name and version."""

    confidence: float = attrs.field(validator=_unit_interval)
    model: str


def confident(record: cq.Record, threshold: float) -> cq.Query[ExtractedStatement]:
    """The extracted statements of ``record`` the model is at least this sure of."""
    return record.of_type(ExtractedStatement).filter(lambda s: s.confidence >= threshold)
