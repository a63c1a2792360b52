"""Treaties and the history of their ratification, state by state."""

from __future__ import annotations

import enum
from typing import Final

import attrs

import communique as cq

__all__ = ["OPTIONAL_PROTOCOL", "RatificationStep", "StepKind", "Treaty"]

OPTIONAL_PROTOCOL: Final = cq.DocumentKind.extend(
    "treaties:optional_protocol",
    "Optional protocol",
    "A protocol to a treaty that parties to the treaty may join separately.",
)


class StepKind(enum.Enum):
    """How a state expresses its consent to a treaty."""

    SIGNATURE = "signature"
    RATIFICATION = "ratification"
    ACCESSION = "accession"


@attrs.frozen(kw_only=True)
class RatificationStep:
    """One state's step towards being bound by a treaty, with its evidence. The
    state's role in the treaty is the kind of its step (``signature``,
    ``ratification``, ``accession``)."""

    state: str = attrs.field(metadata=cq.refs("State", role_from="kind"))
    kind: StepKind = attrs.field(converter=StepKind)
    date: cq.Date | None = None
    evidence: tuple[cq.Evidence, ...] = ()


@attrs.frozen(kw_only=True)
class Treaty(cq.Document):
    """A document states become party to, with its ratification history in order.

    >>> treaty = Treaty(id="document:t", title="T", kind=cq.DocumentKind("convention"),
    ...                 ratifications=(RatificationStep(state="state:at", kind=StepKind.SIGNATURE),
    ...                                RatificationStep(state="state:at", kind=StepKind.RATIFICATION)))
    >>> treaty.stage_of("state:at"), treaty.bound()
    (<StepKind.RATIFICATION: 'ratification'>, ('state:at',))
    """

    ratifications: tuple[RatificationStep, ...] = ()

    def stage_of(self, state: str) -> StepKind | None:
        """The latest step ``state`` has taken, or ``None``."""
        steps = [s.kind for s in self.ratifications if s.state == state]
        return steps[-1] if steps else None

    def bound(self) -> tuple[str, ...]:
        """The states bound by the treaty: those that ratified or acceded."""
        consent = (StepKind.RATIFICATION, StepKind.ACCESSION)
        states = dict.fromkeys(s.state for s in self.ratifications if s.kind in consent)
        return tuple(states)
