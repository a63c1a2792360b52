"""A readable summary of a record: its events, who took part, what was said and proposed."""

from __future__ import annotations

import re
import textwrap
from collections import defaultdict
from collections.abc import Callable

from .converter import default_converter
from .dates import Date
from .formats import yaml as yaml_format
from .model import (
    Agent,
    Commitment,
    Document,
    Entity,
    Event,
    Membership,
    Proposal,
    Reaction,
    Source,
    Statement,
    agent_roles,
    bounds_of,
    date_of,
    references,
    texts,
)
from .record import Record

__all__ = ["describe", "label", "summarize", "when", "with_article"]


def label(entity: Entity, record: Record | None = None, *, width: int = 80) -> str:
    """A short, readable name for an entity: the first of its texts its class
    declares (:attr:`Meaning.texts <communique.Meaning.texts>`) that it has, such
    as an agent's name, an event's or a document's title, the start of a
    statement's text; a membership names its member and body.

    >>> import communique as cq
    >>> label(cq.Organization(id="org:sco", name="Shanghai Cooperation Organisation"))
    'Shanghai Cooperation Organisation'
    """
    text: str | None = next((t for t in texts(entity) if t.strip()), None)
    if isinstance(entity, Membership):
        member = _name(record, entity.member) if record else entity.member
        body = _name(record, entity.organization) if record else entity.organization
        text = f"{member}: {entity.status.label.lower()} of {body}"
    if not text:
        return entity.id
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# Words that start with a vowel letter and a consonant sound, or the reverse.
_CONSONANT_SOUND = re.compile(r"(uni|unan|use|usu|uti|eu|one\b|once\b|ur[aeiou])", re.I)
_VOWEL_SOUND = re.compile(r"(hour|honest|honou?r|heir)", re.I)
# Letters whose names start with a vowel sound: an SCO summit, an FSB officer.
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")


def with_article(phrase: str) -> str:
    """The phrase after the indefinite article it takes: ``a`` or ``an`` by the
    sound it starts with.

    >>> with_article("accession"), with_article("summit"), with_article("adoption of a document")
    ('an accession', 'a summit', 'an adoption of a document')
    >>> with_article("union"), with_article("hour-long briefing"), with_article("SCO summit")
    ('a union', 'an hour-long briefing', 'an SCO summit')
    >>> with_article("UN body"), with_article("EU summit")
    ('a UN body', 'an EU summit')
    """
    text = phrase.strip()
    if not text:
        return text
    word = text.split()[0]
    letters = word.rstrip(".,;:")
    if len(letters) > 1 and letters.isupper():
        first = letters[0]
        # A spoken acronym (NATO, UNESCO) reads as a word; one spelt out reads by
        # its letters. Only a few are spoken; letters are the safer guess.
        vowel = first in _VOWEL_LETTERS
    elif _VOWEL_SOUND.match(word):
        vowel = True
    elif _CONSONANT_SOUND.match(word):
        vowel = False
    else:
        vowel = word[0].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {text}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _day_text(value: str) -> str | None:
    # One side of a date in words: "4 March 2020", "March 2020", "2017".
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if match is None:
        return None
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    words = f"{_MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {words}" if day else words


def when(date: Date | None) -> str:
    """When something happened, as a phrase with its preposition: ``on`` a day,
    ``in`` a month or a year, ``from`` ... ``to`` for an interval; approximate
    dates are ``around``, uncertain ones say so.

    >>> when(Date("2020-03-04")), when(Date("2020-03")), when(Date("2017"))
    ('on 4 March 2020', 'in March 2020', 'in 2017')
    >>> when(Date("2019/2020")), when(Date("../2020-02")), when(Date("2019-06/.."))
    ('from 2019 to 2020', 'until February 2020', 'since June 2019')
    >>> when(Date("~2018")), when(Date("2019-06?")), when(Date("2020-03-04%"))
    ('around 2018', 'in June 2019 (uncertain)', 'around 4 March 2020 (uncertain)')
    """
    if date is None:
        return "at an unknown date"
    edtf = date.edtf
    core = edtf.strip("~?%")
    if "/" in core:
        start, end = (_day_text(side.strip("~?%")) for side in core.split("/"))
        open_start = core.split("/")[0] in ("", "..")
        open_end = core.split("/")[1] in ("", "..")
        if open_start and end:
            text = f"until {end}"
        elif open_end and start:
            text = f"since {start}"
        elif start and end:
            text = f"from {start} to {end}"
        else:
            text = f"in {edtf}"
    else:
        words = _day_text(core)
        if words is None:
            text = f"at {edtf}"
        elif date.approximate:
            text = f"around {words}"
        else:
            text = f"{'on' if date.precision == 'day' else 'in'} {words}"
    return f"{text} (uncertain)" if date.uncertain else text


def _name(record: Record, entity_id: str) -> str:
    entity = record.find(entity_id)
    return label(entity, record) if entity is not None else entity_id


def _date(value: object) -> str:
    return str(value) if value is not None else "undated"


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent + "  "
    )


def _by_date(record: Record) -> Callable[[Entity], tuple[int, int]]:
    def key(entity: Entity) -> tuple[int, int]:
        # Sorting is stable: entities of one day keep the order the record gives them.
        # A statement without a date of its own sorts at its event's, or at the
        # date of the statement it is part of.
        bounds = bounds_of(entity, record.find)
        lower = bounds[0] if bounds is not None else None
        return (0, lower) if lower is not None else (1, 0)

    return key


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
    by_date = _by_date(record)
    for event in sorted(record.events, key=by_date):
        where = f" in {event.place.name}" if event.place else ""
        parent = f" [part of {_name(record, event.part_of)}]" if event.part_of else ""
        mode = f" ({event.attendance.value})" if event.attendance else ""
        # An event still to come, or called off, says so: it did not take place.
        status = f" [{event.status.label.lower()}]" if event.statuses else ""
        lines.append(
            f"- {_date(event.date)}  {event.kind.label}: {event.title or event.subject or event.id}"
            f"{where}{mode}{parent}{status}"
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
        for statement in sorted(by_speaker[speaker], key=by_date):
            how = statement.attribution.value.replace("_", " ")
            text = statement.text if statement.text is not None else "(content not given)"
            lines += _wrap(f"{statement.kind.label} ({how}): {text}", "    ")

    lines += ["", "PROPOSALS"]
    for proposal in sorted(record.proposals, key=by_date):
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

    lines += _commitments_and_reactions(record, by_date)
    lines += _others(record, by_date)

    problems = record.validate()
    lines += ["", f"VALIDATION: {len(problems)} problem(s)"]
    lines += [f"  {p}" for p in problems]
    return "\n".join(lines) + "\n"


def _commitments_and_reactions(
    record: Record, by_date: Callable[[Entity], tuple[int, int]]
) -> list[str]:
    # Sections only for a record that has them: the seed's summary is unchanged.
    lines: list[str] = []
    commitments = sorted(record.of_type(Commitment), key=by_date)
    if commitments:
        lines += ["", "COMMITMENTS"]
    for commitment in commitments:
        lines += _wrap(commitment.title or commitment.text, "- ")
        lines.append("    by: " + ", ".join(_name(record, a) for a in commitment.committers))
        if commitment.implementers:
            names = ", ".join(_name(record, a) for a in commitment.implementers)
            lines.append(f"    through: {names}")
        if commitment.due is not None:
            lines.append(f"    due: {commitment.due.phrase or commitment.due.edtf}")
        if commitment.condition:
            lines += _wrap(f"condition: {commitment.condition}", "    ")
        for change in commitment.statuses:
            lines.append(f"    {change.status.label.lower()}: {_date(change.date)}")
        for stance, agents in record.stances_on(commitment).items():
            names = ", ".join(label(a, record) for a in agents)
            lines.append(f"    {stance.label.lower()}: {names}")
    reactions = sorted(record.of_type(Reaction), key=by_date)
    if reactions:
        lines += ["", "REACTIONS"]
    for reaction in reactions:
        target = record.find(reaction.target)
        what = label(target, record) if target is not None else reaction.target
        said = _wrap(
            f"{reaction.stance.label.lower()}: {_name(record, reaction.agent)} on {what}", "  "
        )
        lines += ["- " + said[0][2:], *said[1:]]
    return lines


# The classes the sections above show, and those a summary leaves to `show ID`:
# who takes part, and the texts and sources cited.
_SHOWN: tuple[type[Entity], ...] = (
    Agent, Membership, Event, Statement, Proposal, Commitment, Reaction, Document, Source
)


def _others(record: Record, by_date: Callable[[Entity], tuple[int, int]]) -> list[str]:
    """A section for each other type of entity the record holds (a downstream
    type, or a core type with no section of its own): each entity with its date,
    its label and the agents it names in their roles."""
    lines: list[str] = []
    found: dict[type[Entity], list[Entity]] = defaultdict(list)
    for entity in record:
        if not isinstance(entity, _SHOWN):
            found[type(entity)].append(entity)
    for cls in sorted(found, key=lambda c: c.tag):
        lines += ["", cls.tag.upper()]
        for entity in sorted(found[cls], key=by_date):
            dates = date_of(entity, record.find)
            when = "/".join(d.edtf if d is not None else ".." for d in dates) or "undated"
            lines += _wrap(f"{when} {label(entity, record, width=200)}", "- ")
            for agent, role in agent_roles(entity):
                lines.append(f"    {role}: {_name(record, agent)}")
    return lines


def _tagged(entity: Entity, record: Record) -> str:
    name = label(entity, record)
    return f"({type(entity).tag})" + (f" {name}" if name != entity.id else "")


def describe(record: Record, entity: Entity) -> str:
    """One entity as YAML, then what it links to (each id resolved to a name and a
    type) and what links to it, for ``communique show PATH ID``.

    >>> import communique as cq
    >>> record = cq.Record([
    ...     cq.Organization(id="org:sco", name="Shanghai Cooperation Organisation"),
    ...     cq.Person(id="person:vladimir-norov", name="Vladimir Norov",
    ...               posts=(cq.Post(title="Secretary-General", organization="org:sco"),)),
    ... ])
    >>> print(describe(record, record.get("org:sco")))
    organization org:sco: Shanghai Cooperation Organisation
    <BLANKLINE>
    type: organization
    id: org:sco
    name: Shanghai Cooperation Organisation
    <BLANKLINE>
    Refers to: nothing
    <BLANKLINE>
    Referred to by:
      person:vladimir-norov  (person) Vladimir Norov  at $.posts[0].organization
    <BLANKLINE>
    """
    lines = [f"{type(entity).tag} {entity.id}: {label(entity, record)}", ""]
    lines += yaml_format.dumps(default_converter.unstructure_entity(entity)).splitlines()
    outgoing = list(references(entity))
    lines.append("")
    lines.append("Refers to:" + ("" if outgoing else " nothing"))
    for path, target_id in outgoing:
        target = record.find(target_id)
        what = _tagged(target, record) if target is not None else "(not in the record)"
        lines.append(f"  {target_id}  {what}  at {path}")
    incoming = [
        (other, path)
        for other in record
        if other is not entity
        for path, target_id in references(other)
        if target_id == entity.id
    ]
    lines.append("")
    lines.append("Referred to by:" + ("" if incoming else " nothing"))
    for other, path in incoming:
        lines.append(f"  {other.id}  {_tagged(other, record)}  at {path}")
    return "\n".join(lines) + "\n"
