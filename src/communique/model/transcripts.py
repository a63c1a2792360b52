"""The parts of a transcript that are not what was said: the gaps it marks."""

from __future__ import annotations

from attrs import field, frozen

from ..vocab import GapKind
from ._base import Evidence, check_count

__all__ = ["Gap"]


@frozen(kw_only=True, weakref_slot=False)
class Gap:
    """A place where a transcript leaves out what was said: an inaudible word, a
    question asked off microphone, a passage left untranslated.

    ``at`` is the character offset in the statement's ``text`` where the gap falls
    (``text[:at]`` is what comes before it), ``marker`` the mark the transcript
    writes there (``"[inaudible]"``), if any; ``evidence`` places it in the source.

    >>> text = "We discussed the [inaudible] corridor."
    >>> gap = Gap(kind="inaudible", at=text.index("[inaudible]"), marker="[inaudible]")
    >>> text[gap.at :].startswith(gap.marker), gap.kind.label
    (True, 'Inaudible')
    """

    kind: GapKind = field(converter=GapKind)
    at: int | None = field(default=None, validator=check_count)
    marker: str | None = None
    evidence: tuple[Evidence, ...] = ()
