"""The downstream class the tests share: a committee hearing, an event with
references and a field of its own, as a package built on communique declares it.

``REGISTRY`` knows it under :data:`TAG` (a child of the default registry, which
stays untouched); a test that needs more types makes a child of ``REGISTRY``.
"""

from __future__ import annotations

from typing import Final

import attrs

import communique as cq

#: The type tag of :class:`Hearing`, which is also the event kind it defaults to.
TAG: Final = "test:hearing"

cq.EventKind.extend(TAG, "Hearing")


@attrs.frozen(kw_only=True)
class Hearing(cq.Event):
    """A hearing held by a committee, with the agents it heard."""

    # A default for a field the base requires: still written, for older readers.
    kind: cq.EventKind = attrs.field(default=cq.EventKind(TAG), converter=cq.EventKind)
    committee: str = attrs.field(metadata=cq.refs("Organization"))
    witnesses: tuple[str, ...] = attrs.field(default=(), metadata=cq.refs("Agent"))
    transcript_pages: int | None = None


REGISTRY: Final = cq.default_registry.child()
REGISTRY.register(Hearing, TAG)
CONVERTER: Final = cq.Converter(REGISTRY)
