"""Proposals: what was put forward, by whom, for whom, and how it was received."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from attrs import Attribute, converters, field, frozen

from ..dates import Date
from ..errors import FieldError
from ..vocab import DecisionMethod, Majority, Outcome, ProposalStatus, Stance, VotePosition
from ._base import Check, Entity, Evidence, JsonValue, Meaning, check_count, refs
from .money import Money
from .qualifiers import Style
from .quantities import Quantity

__all__ = ["Decision", "Proposal", "Response", "StatusChange", "Tally", "Vote"]


@frozen(kw_only=True, weakref_slot=False)
class Response:
    """An agent's stance on a proposal: support, general support, opposition, ..."""

    agent: str = field(metadata=refs("Agent", role="responder"))
    stance: Stance = field(converter=Stance)
    date: Date | None = None
    event: str | None = field(default=None, metadata=refs("Event"))
    statement: str | None = field(default=None, metadata=refs("Statement"))
    evidence: tuple[Evidence, ...] = ()


@frozen(kw_only=True, weakref_slot=False)
class StatusChange:
    """The status a proposal reached, and when."""

    status: ProposalStatus = field(converter=ProposalStatus)
    date: Date | None = None
    event: str | None = field(default=None, metadata=refs("Event"))
    evidence: tuple[Evidence, ...] = ()


@Check.of("count", minimum=0)
def _check_last_count(instance: Tally, attribute: Attribute[Any], value: int | None) -> None:
    check_count(instance, attribute, value)
    counts = (instance.in_favour, instance.against, instance.abstaining, value)
    if all(count is None for count in counts):
        raise FieldError("in_favour", "a tally gives at least one count")


@frozen(kw_only=True, weakref_slot=False)
class Tally:
    """The counts of a vote, each 0 or more. A text may give only some ("70
    senators in favour"): the others are left out, and at least one is given.
    Validation checks an outcome against the counts it can (a simple majority
    needs both the votes in favour and against).

    >>> Tally(in_favour=70).against is None
    True
    >>> Tally()
    Traceback (most recent call last):
    ...
    communique.errors.FieldError: a tally gives at least one count
    """

    #: The rule across fields that the JSON Schema adds: at least one count.
    json_schema_rules: ClassVar[Mapping[str, JsonValue]] = {
        "anyOf": [
            {"required": [name], "properties": {name: {"type": "integer"}}}
            for name in ("in_favour", "against", "abstaining", "not_voting")
        ]
    }

    in_favour: int | None = field(default=None, validator=check_count)
    against: int | None = field(default=None, validator=check_count)
    abstaining: int | None = field(default=None, validator=check_count)
    # Checked last, with every count set: the check across them rides on it.
    not_voting: int | None = field(default=None, validator=_check_last_count)


@frozen(kw_only=True, weakref_slot=False)
class Vote:
    """How one member voted. A permanent member's vote against may be a veto."""

    agent: str = field(metadata=refs("Agent", role="voter"))
    position: VotePosition = field(converter=VotePosition)
    veto: bool = False


@frozen(kw_only=True, weakref_slot=False)
class Decision:
    """How a body decided on a proposal: by consensus or a vote, and the outcome.

    ``majority`` is the rule the vote was decided by, when it is not a simple
    majority (``two_thirds``, ...); validation checks the outcome against the
    tally under that rule, and a veto among the votes. ``manner`` qualifies how it
    was taken as the source says ("unanimously", "on a bipartisan basis").
    """

    method: DecisionMethod = field(converter=DecisionMethod)
    outcome: Outcome = field(converter=Outcome)
    majority: Majority | None = field(default=None, converter=converters.optional(Majority))
    body: str | None = field(default=None, metadata=refs("Organization", role="decider"))
    date: Date | None = None
    event: str | None = field(default=None, metadata=refs("Event"))
    tally: Tally | None = None
    votes: tuple[Vote, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    manner: tuple[Style, ...] = ()


@frozen(kw_only=True)
class Proposal(Entity):
    """Something put forward for others to act on.

    ``proposers`` put it forward (the sponsors of a draft resolution), ``cosponsors``
    joined them, ``parties`` would act on it. ``statement`` is where it was made,
    ``document`` the text that carries it (a draft resolution with its symbol).

    >>> proposal = Proposal(
    ...     id="proposal:eu-sco-osce-cooperation",
    ...     text="to promote EU-SCO-OSCE cooperation on preventing transnational threats",
    ...     proposers=("group:roundtable-participants",),
    ...     responses=(Response(agent="org:sco", stance="general_support"),),
    ... )
    >>> proposal.responses[0].stance.label
    'General support'
    """

    tag = "proposal"
    meaning = Meaning(
        dates=("date",),
        date_from=("statement", "event"),
        event=("event", "statement"),
        texts=("title", "text"),
        topics=("topics",),
    )

    text: str
    title: str | None = None
    proposers: tuple[str, ...] = field(metadata=refs("Agent", nonempty=True, role="proposer", author=True))
    cosponsors: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="cosponsor"))
    parties: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="party"))
    event: str | None = field(default=None, metadata=refs("Event"))
    statement: str | None = field(default=None, metadata=refs("Statement"))
    document: str | None = field(default=None, metadata=refs("Document"))
    date: Date | None = None
    topics: tuple[str, ...] = ()
    cites: tuple[str, ...] = field(default=(), metadata=refs("Document"))
    statuses: tuple[StatusChange, ...] = ()
    responses: tuple[Response, ...] = ()
    decision: Decision | None = None
    amounts: tuple[Money, ...] = ()
    quantities: tuple[Quantity, ...] = ()
