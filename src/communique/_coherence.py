"""Checks that a record can be true: what :mod:`communique._validate` adds to the
references and evidence, about how the values of a record fit together.

- votes: a tally and the ballots listed agree, one agent votes once, a veto is a
  vote against, the outcome follows the tally under the decision's majority rule
  (a simple majority unless it names another) and a veto, and no status of the
  proposal says the opposite of its decision;
- links that must not come back (``refs(..., acyclic=True)``: ``part_of``,
  ``replies_to``, ``parent``, ``revises``) form no cycle, found in one pass;
- lists that need one id (``refs(..., nonempty=True)``: speakers, proposers) have one;
- an organisation is not dissolved before it was founded;
- evidence on a source whose text is not at hand is reported as a warning, since
  its quote cannot be checked.

Each problem names the entity, the field and what disagrees with what.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final

from .dates import Date
from .errors import Problem
from .model import (
    Decision,
    Entity,
    Organization,
    Proposal,
    Source,
    Statement,
    Tally,
    evidence_of,
)
from .model._meaning import declared
from .vocab import Outcome, VotePosition

if TYPE_CHECKING:
    from .record import Record

__all__ = ["CONTRARY_STATUSES", "WARNINGS", "carries", "check_coherence", "grade"]

#: The problem codes that are warnings: what could not be checked, or is unusual.
WARNINGS: Final = frozenset({"quote-ambiguous", "evidence-unchecked"})

_Emit = Callable[[str, str, str], Problem]

# The tally field that counts each position (an absent member is in no count).
_COUNTED: Final = (
    (VotePosition.IN_FAVOUR, "in_favour", "in favour"),
    (VotePosition.AGAINST, "against", "against"),
    (VotePosition.ABSTAINING, "abstaining", "abstaining"),
    (VotePosition.NOT_VOTING, "not_voting", "not voting"),
)

#: The statuses that say the opposite of each outcome.
CONTRARY_STATUSES: Final = {
    Outcome.ADOPTED: frozenset({"rejected"}),
    Outcome.REJECTED: frozenset({"adopted", "implemented"}),
    Outcome.VETOED: frozenset({"adopted", "implemented"}),
}


def grade(problems: Iterable[Problem]) -> list[Problem]:
    """The problems, each with its severity: those in :data:`WARNINGS` are warnings."""
    return [
        p.located(severity="warning") if p.code in WARNINGS and p.is_error else p for p in problems
    ]


def check_coherence(record: Record) -> Iterator[Problem]:
    """Every coherence problem of the record, entity by entity, then the cycles."""
    for entity in record.entities:

        def problem(code: str, path: str, message: str, _id: str = entity.id) -> Problem:
            return Problem(code=code, message=message, path=path, entity=_id)

        yield from _check_required(entity, problem)
        if isinstance(entity, Organization):
            yield from _check_founding(entity, problem)
        if isinstance(entity, Proposal):
            yield from _check_proposal(entity, problem)
        if isinstance(entity, Statement):
            yield from _check_gaps(entity, problem)
        yield from _check_unchecked_evidence(record, entity, problem)
    yield from _check_cycles(record)


# -- fields declared nonempty or acyclic -------------------------------------------


def _class(value: object) -> type:
    # The type as a plain ``type``, which mypy takes as hashable for the caches.
    cls: type = type(value)
    return cls


def _check_required(entity: Entity, problem: _Emit) -> Iterator[Problem]:
    for name in declared(_class(entity), "nonempty"):
        if getattr(entity, name) == ():
            yield problem(
                "empty-required",
                f"$.{name}",
                f"{name} is empty: a {type(entity).__name__} needs at least one",
            )


def _check_cycles(record: Record) -> Iterator[Problem]:
    """Cycles in each acyclic link, found in time linear in the record: every
    entity is entered once, and a walk stops at the first entity already seen."""
    first: dict[str, int] = {}
    for position, entity in enumerate(record.entities):
        first.setdefault(entity.id, position)
    links: dict[str, dict[str, str]] = {}
    for entity in record.entities:
        for name in declared(_class(entity), "acyclic"):
            target = getattr(entity, name)
            if isinstance(target, str) and first.get(entity.id) is not None:
                links.setdefault(name, {}).setdefault(entity.id, target)
    for name, following in links.items():
        done: set[str] = set()
        for start in following:
            if start in done:
                continue
            path: list[str] = []
            on_path: dict[str, int] = {}
            node: str | None = start
            while node is not None and node not in done and node not in on_path:
                on_path[node] = len(path)
                path.append(node)
                node = following.get(node)
            if node is not None and node in on_path:
                cycle = path[on_path[node] :]
                yield _cycle_problem(name, cycle, first)
            done.update(path)


def _cycle_problem(name: str, cycle: list[str], first: dict[str, int]) -> Problem:
    # Reported once, on the member of the cycle that comes first in the record.
    at = min(range(len(cycle)), key=lambda i: first.get(cycle[i], 0))
    ordered = cycle[at:] + cycle[:at]
    if len(ordered) == 1:
        message = f"{name} names the entity itself"
    else:
        chain = " -> ".join([*ordered, ordered[0]])
        message = f"following {name} comes back to this entity: {chain}"
    return Problem(code="reference-cycle", message=message, path=f"$.{name}", entity=ordered[0])


# -- organisations -------------------------------------------------------------


def _check_founding(organization: Organization, problem: _Emit) -> Iterator[Problem]:
    founded, dissolved = organization.founded, organization.dissolved
    if _before(dissolved, founded):
        assert founded is not None
        assert dissolved is not None
        yield problem(
            "end-before-start",
            "$.dissolved",
            f"dissolved ({dissolved.edtf}) before it was founded ({founded.edtf})",
        )


def _before(end: Date | None, start: Date | None) -> bool:
    """Whether ``end`` certainly comes before ``start``."""
    if end is None or start is None:
        return False
    high, low = end.upper_day, start.lower_day
    return high is not None and low is not None and high < low


# -- transcripts --------------------------------------------------------------


def _check_gaps(statement: Statement, problem: _Emit) -> Iterator[Problem]:
    """A gap of a transcript falls within its statement's text: at an offset from 0
    to the text's length (the end, for a turn cut off)."""
    text = statement.text
    if text is None:
        return
    for index, gap in enumerate(statement.gaps):
        if gap.at is not None and gap.at > len(text):
            yield problem(
                "gap-outside-text",
                f"$.gaps[{index}].at",
                f"the gap is at {gap.at}, past the end of the statement's text "
                f"({len(text)} characters)",
            )


# -- proposals and their decisions ---------------------------------------------


def _check_proposal(proposal: Proposal, problem: _Emit) -> Iterator[Problem]:
    decision = proposal.decision
    if decision is None:
        return
    yield from _check_votes(decision, problem)
    yield from _check_outcome(decision, problem)
    contrary = CONTRARY_STATUSES.get(decision.outcome, frozenset())
    for index, change in enumerate(proposal.statuses):
        if change.status in contrary and not _apart(change.date, decision.date):
            yield problem(
                "status-contradicts-outcome",
                f"$.statuses[{index}].status",
                f"the status is {change.status} but the decision's outcome is "
                f"{decision.outcome.value}",
            )


def _apart(one: Date | None, other: Date | None) -> bool:
    """Whether two dates are known to be different days (a proposal can be
    rejected once and adopted later)."""
    return _before(one, other) or _before(other, one)


def _check_votes(decision: Decision, problem: _Emit) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    counts: dict[VotePosition, int] = {}
    for index, vote in enumerate(decision.votes):
        earlier = seen.get(vote.agent)
        if earlier is not None:
            yield problem(
                "double-vote",
                f"$.decision.votes[{index}].agent",
                f"{vote.agent!r} votes twice: at votes[{earlier}] "
                f"({decision.votes[earlier].position.value}) and here ({vote.position.value})",
            )
            continue
        seen[vote.agent] = index
        counts[vote.position] = counts.get(vote.position, 0) + 1
        if vote.veto and vote.position is not VotePosition.AGAINST:
            yield problem(
                "veto-not-against",
                f"$.decision.votes[{index}].veto",
                f"{vote.agent!r} casts a veto with a vote {vote.position.value}: "
                "a veto is a vote against",
            )
    tally = decision.tally
    if tally is None or not decision.votes:
        return
    for position, name, label in _COUNTED:
        given = getattr(tally, name)
        listed = counts.get(position, 0)
        if given is not None and listed > given:
            yield problem(
                "tally-ballots-mismatch",
                f"$.decision.tally.{name}",
                f"the tally counts {given} {label}, but {listed} of the votes listed are {label}",
            )


def carries(tally: Tally, majority: str | None) -> bool | None:
    """Whether the tally carries a proposal under the rule; ``None`` for a rule
    this library does not know, or when the tally leaves out a count the rule
    needs (a partial tally: "70 senators in favour")."""
    yes, no = tally.in_favour, tally.against
    rule = majority or "simple"
    if rule == "unanimity":
        if no is not None and no > 0:
            return False
        return None if yes is None or no is None else yes > 0
    if yes is None or no is None:
        return None
    if rule == "simple":
        return yes > no
    if rule == "two_thirds":
        return yes > 0 and 3 * yes >= 2 * (yes + no)
    if rule == "absolute":
        if tally.abstaining is None:
            return None
        return 2 * yes > yes + no + tally.abstaining + (tally.not_voting or 0)
    return None


def _counts(tally: Tally) -> str:
    return "-".join(
        "?" if count is None else str(count)
        for count in (tally.in_favour, tally.against, tally.abstaining)
    )


def _check_outcome(decision: Decision, problem: _Emit) -> Iterator[Problem]:
    outcome = decision.outcome
    veto = next(
        (
            (i, v.agent)
            for i, v in enumerate(decision.votes)
            if v.veto and v.position is VotePosition.AGAINST
        ),
        None,
    )
    if outcome is Outcome.ADOPTED and veto is not None:
        yield problem(
            "outcome-contradicts-tally",
            "$.decision.outcome",
            f"the outcome is adopted, but votes[{veto[0]}] is a veto by {veto[1]!r}",
        )
        return
    tally = decision.tally
    if tally is None:
        return
    passes = carries(tally, decision.majority)
    rule = decision.majority.label if decision.majority is not None else "Simple majority"
    counts = _counts(tally)
    if outcome is Outcome.ADOPTED and passes is False:
        yield problem(
            "outcome-contradicts-tally",
            "$.decision.outcome",
            f"the outcome is adopted, but the tally {counts} (in favour-against-abstaining) "
            f"does not carry it by the rule: {rule.lower()}",
        )
    elif outcome is Outcome.REJECTED and passes is True:
        yield problem(
            "outcome-contradicts-tally",
            "$.decision.outcome",
            f"the outcome is rejected, but the tally {counts} (in favour-against-abstaining) "
            f"carries it by the rule: {rule.lower()} (name a veto among the votes, or "
            "the decision's majority)",
        )


# -- evidence that cannot be checked ---------------------------------------------


def _check_unchecked_evidence(record: Record, entity: Entity, problem: _Emit) -> Iterator[Problem]:
    for path, evidence in evidence_of(entity):
        source = record.find(evidence.source)
        if isinstance(source, Source) and source.text is None and source.text_file is None:
            yield problem(
                "evidence-unchecked",
                f"{path}.quote",
                f"the quote {evidence.quote!r} cannot be checked: {source.id!r} has no text "
                "in the record",
            )
