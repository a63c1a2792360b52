"""The model of the record: entities and the values they are made of."""

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
    refs,
)
from .agents import Agent, Group, Membership, Name, Organization, Person, Post, State
from .documents import Document, Source
from .events import Event, Participation, Place
from .money import Money
from .proposals import Decision, Proposal, Response, StatusChange, Tally, Vote
from .statements import Statement

__all__ = [
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
]
