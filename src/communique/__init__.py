"""communique: the canonical record of diplomatic and institutional activity.

>>> import communique as cq
>>> record = cq.load("examples/sco_aies_roundtable/record.yaml")
>>> record.validate()
[]
"""

from ._io import EntityStream, LoadResult, dump, dumps, iter_load, load, loads
from ._navigate import MEMBER_STATUSES, Participant
from ._render import render
from .converter import FORMAT_VERSION, Converter, default_converter
from .dates import Date, DateError
from .draft import Draft, draft
from .errors import (
    DuplicateIdError,
    LoadError,
    ParseError,
    Problem,
    Severity,
    StructureError,
    UnknownTypeError,
)
from .model import IDENTIFIER_SCHEMES as _IDENTIFIER_SCHEMES
from .model import (
    Agent,
    Decision,
    Document,
    Entity,
    Event,
    Evidence,
    Group,
    Identifier,
    JsonValue,
    Membership,
    Money,
    Name,
    Organization,
    Participation,
    Person,
    Place,
    Post,
    Proposal,
    Response,
    Source,
    State,
    Statement,
    StatusChange,
    Tally,
    Vote,
    refs,
)
from .query import Query, QueryError
from .record import Record
from .registry import Registry, default_registry, register
from .schema import json_schema
from .vocab import (
    AttendanceMode,
    Attribution,
    DecisionMethod,
    DocumentKind,
    DocumentStatus,
    EventKind,
    Majority,
    MembershipStatus,
    OrganizationKind,
    Outcome,
    ParticipantRole,
    ProposalStatus,
    SourceKind,
    Stance,
    StatementKind,
    Term,
    VotePosition,
)

#: The version of this package.
__version__ = "0.1.0"

#: The identifier schemes whose values are checked, each with the compiled pattern a
#: value must match (``wikidata``: ``Q1065``; ``un-symbol``: ``S/RES/2532 (2020)``);
#: other schemes take any text. The JSON Schema is built from the same table.
IDENTIFIER_SCHEMES = _IDENTIFIER_SCHEMES

__all__ = [
    "FORMAT_VERSION",
    "Agent",
    "AttendanceMode",
    "Attribution",
    "Converter",
    "Date",
    "DateError",
    "Decision",
    "DecisionMethod",
    "Document",
    "DocumentKind",
    "DocumentStatus",
    "Draft",
    "DuplicateIdError",
    "Entity",
    "EntityStream",
    "Event",
    "EventKind",
    "Evidence",
    "Group",
    "Identifier",
    "JsonValue",
    "LoadError",
    "LoadResult",
    "Membership",
    "MembershipStatus",
    "Money",
    "Name",
    "Organization",
    "OrganizationKind",
    "Outcome",
    "ParseError",
    "ParticipantRole",
    "Participant",
    "Participation",
    "Person",
    "Place",
    "Post",
    "Problem",
    "Proposal",
    "ProposalStatus",
    "Query",
    "QueryError",
    "Record",
    "Registry",
    "Response",
    "Source",
    "SourceKind",
    "Stance",
    "State",
    "Statement",
    "StatementKind",
    "StatusChange",
    "StructureError",
    "Tally",
    "Term",
    "UnknownTypeError",
    "Vote",
    "VotePosition",
    "__version__",
    "default_converter",
    "default_registry",
    "draft",
    "dump",
    "dumps",
    "iter_load",
    "json_schema",
    "load",
    "loads",
    "refs",
    "register",
    "IDENTIFIER_SCHEMES",
    "MEMBER_STATUSES",
    "Majority",
    "Severity",
    "render",
]
