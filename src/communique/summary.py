"""A readable summary of a record: its events, who took part, what was said and proposed."""

from __future__ import annotations

import textwrap
from collections import defaultdict

from .converter import default_converter
from .formats import yaml as yaml_format
from .model import Agent, Entity, Event, Proposal, Statement
from .record import Record

__all__ = ["summarize"]


def _name(record: Record, entity_id: str) -> str:
    entity = record.find(entity_id)
    if isinstance(entity, Agent):
        return entity.name
    if isinstance(entity, Event):
        return entity.title or entity_id
    return entity_id


def _date(value: object) -> str:
    return str(value) if value is not None else "undated"


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent + "  "
    )


def _sort_key(entity: Event | Statement | Proposal) -> str:
    # Sorting is stable: entities of one day keep the order the record gives them.
    date = entity.date
    lower = date.lower if date is not None else None
    return lower.isoformat() if lower else "9999"


def summarize(record: Record) -> str:
    """The record as text for a person: events in date order with their participants
    and roles, statements grouped by speaker, proposals with their parties and the
    support they got, and the problems :meth:`Record.validate` finds."""
    lines: list[str] = []
    counts: dict[str, int] = defaultdict(int)
    for entity in record:
        counts[type(entity).tag] += 1
    lines.append(
        f"Record of {len(record)} entities: "
        + ", ".join(f"{n} {tag}" for tag, n in sorted(counts.items()))
    )
    for source in record.sources:
        publisher = f", published by {_name(record, source.publisher)}" if source.publisher else ""
        lines.append(f"Source: {source.title or source.id} ({_date(source.date)}{publisher})")

    lines += ["", "EVENTS"]
    for event in sorted(record.events, key=_sort_key):
        where = f" in {event.place.name}" if event.place else ""
        parent = f" [part of {_name(record, event.part_of)}]" if event.part_of else ""
        mode = f" ({event.attendance.value})" if event.attendance else ""
        lines.append(
            f"- {_date(event.date)}  {event.kind.label}: {event.title or event.id}"
            f"{where}{mode}{parent}"
        )
        for agent_id in event.organisers:
            lines.append(f"    organiser: {_name(record, agent_id)}")
        for part in event.participants:
            roles = ", ".join(r.label.lower() for r in part.roles)
            behalf = f" for {_name(record, part.on_behalf_of)}" if part.on_behalf_of else ""
            lines.append(f"    {roles}: {_name(record, part.agent)}{behalf}")

    lines += ["", "STATEMENTS BY SPEAKER"]
    by_speaker: dict[str, list[Statement]] = defaultdict(list)
    for statement in record.statements:
        by_speaker[" and ".join(_name(record, s) for s in statement.speakers)].append(statement)
    for speaker in sorted(by_speaker):
        lines.append(f"- {speaker}")
        for statement in sorted(by_speaker[speaker], key=_sort_key):
            how = statement.attribution.value.replace("_", " ")
            text = statement.text if statement.text is not None else "(content not given)"
            lines += _wrap(f"{statement.kind.label} ({how}): {text}", "    ")

    lines += ["", "PROPOSALS"]
    for proposal in sorted(record.proposals, key=_sort_key):
        lines += _wrap(proposal.title or proposal.text, "- ")
        lines.append("    proposed by: " + ", ".join(_name(record, a) for a in proposal.proposers))
        if proposal.parties:
            lines.append("    parties: " + ", ".join(_name(record, a) for a in proposal.parties))
        for response in proposal.responses:
            lines.append(f"    {response.stance.label.lower()}: {_name(record, response.agent)}")
        if proposal.decision is not None:
            lines.append(
                f"    decided by {proposal.decision.method.label.lower()}: "
                f"{proposal.decision.outcome.value}"
            )

    problems = record.validate()
    lines += ["", f"VALIDATION: {len(problems)} problem(s)"]
    lines += [f"  {p}" for p in problems]
    return "\n".join(lines) + "\n"


def describe(record: Record, entity: Entity) -> str:
    """One entity and what it links to, for ``communique show PATH ID``."""
    return yaml_format.dumps(default_converter.unstructure_entity(entity))
