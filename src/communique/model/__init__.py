"""The model of the record: entities and the values they are made of, and what
their fields mean (:func:`agent_roles`, :func:`date_of`, :func:`event_of`,
:func:`text_of`, :func:`texts`, :func:`topics_of`, :func:`references`, :func:`evidence_of`),
read from the ``refs(...)`` metadata and the :class:`Meaning` each class declares."""

from typing import Final

from ._base import (
    EXTENSION_KEY_PATTERN,
    ID_PATTERN,
    IDENTIFIER_SCHEMES,
    Check,
    Claim,
    Dispute,
    Entity,
    Evidence,
    Identifier,
    JsonValue,
    Meaning,
    refs,
)
from ._meaning import (
    agent_roles,
    author_roles,
    bounds_of,
    date_of,
    event_of,
    evidence_of,
    references,
    text_of,
    texts,
    topics_of,
)
from .agents import (
    Agent,
    Group,
    Membership,
    MembershipRule,
    Name,
    Organization,
    Person,
    Post,
    State,
)
from .commitments import Commitment, CommitmentStatusChange
from .documents import Document, DocumentLink, Provision, Source
from .events import Event, EventStatusChange, Participation, Place
from .money import Money
from .proposals import Decision, Proposal, Response, StatusChange, Tally, Vote
from .qualifiers import Style, Tone
from .quantities import Quantity
from .reactions import Reaction
from .relations import LevelChange, Relation
from .series import EventSeries
from .statements import Statement
from .things import Thing
from .transcripts import Gap

#: The library's own entity types, each written in files under its ``tag``, in
#: the order the format reference, the JSON Schema and the Arrow tables list
#: them. A new core type is added here, and is then registered, read, written,
#: described and exported like these.
CORE_TYPES: Final[tuple[type[Entity], ...]] = (
    Person,
    Organization,
    State,
    Group,
    Membership,
    Event,
    Statement,
    Proposal,
    Document,
    Source,
    Provision,
    Commitment,
    Reaction,
    EventSeries,
    Relation,
    Thing,
)

__all__ = [
    "CORE_TYPES",
    "Agent",
    "Check",
    "Claim",
    "Decision",
    "Dispute",
    "Document",
    "Entity",
    "Event",
    "Evidence",
    "Group",
    "Identifier",
    "JsonValue",
    "Meaning",
    "Membership",
    "Money",
    "Name",
    "Organization",
    "Participation",
    "Person",
    "Place",
    "Post",
    "Proposal",
    "Response",
    "Source",
    "State",
    "Statement",
    "StatusChange",
    "Tally",
    "Vote",
    "refs",
    "IDENTIFIER_SCHEMES",
    "ID_PATTERN",
    "EXTENSION_KEY_PATTERN",
    "agent_roles",
    "author_roles",
    "bounds_of",
    "date_of",
    "event_of",
    "evidence_of",
    "references",
    "text_of",
    "texts",
    "topics_of",
    "DocumentLink",
    "Gap",
    "Provision",
    "Style",
    "Tone",
    "Commitment",
    "CommitmentStatusChange",
    "Quantity",
    "Reaction",
    "EventSeries",
    "EventStatusChange",
    "LevelChange",
    "MembershipRule",
    "Relation",
    "Thing",
]
