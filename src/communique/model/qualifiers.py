"""Qualifiers of tone and manner: the atmosphere of a meeting, the manner of a
statement or a decision, each with the words of the source that say so."""

from __future__ import annotations

from attrs import field, frozen

from ..vocab import Atmosphere, Manner
from ._base import Evidence, refs

__all__ = ["Style", "Tone"]


@frozen(kw_only=True, weakref_slot=False)
class Tone:
    """The atmosphere of an event as a source describes it ("the talks were held in
    a friendly and business-like atmosphere"): one term of the open vocabulary
    :class:`~communique.vocab.Atmosphere` per quality, and who described it so when
    the source says (one side's account of the talks).

    >>> Tone(atmosphere="business_like").atmosphere.label
    'Business-like'
    """

    atmosphere: Atmosphere = field(converter=Atmosphere)
    described_by: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="describer"))
    evidence: tuple[Evidence, ...] = ()


@frozen(kw_only=True, weakref_slot=False)
class Style:
    """The manner in which a statement was made or a decision taken ("adopted
    unanimously", "by acclamation", "on a bipartisan basis"): a term of the open
    vocabulary :class:`~communique.vocab.Manner`.

    >>> Style(manner="by_acclamation").manner.label
    'By acclamation'
    """

    manner: Manner = field(converter=Manner)
    evidence: tuple[Evidence, ...] = ()
