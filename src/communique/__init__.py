"""communique: the canonical record of diplomatic and institutional activity.

>>> import communique as cq
>>> record = cq.load("examples/sco_aies_roundtable/record.yaml")
>>> record.validate()
[]
"""

import importlib
import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    from .judgements import Judgement, append_judgements, read_judgements
    from .merging import Candidate, Conflict, Match, MergeError, MergeResult, merge
    from .model import (
        IDENTIFIER_SCHEMES,
        Agent,
        Claim,
        Decision,
        Dispute,
        Document,
        Entity,
        Event,
        EventSeries,
        EventStatusChange,
        Evidence,
        Group,
        Identifier,
        JsonValue,
        LevelChange,
        Meaning,
        Membership,
        MembershipRule,
        Money,
        Name,
        Organization,
        Participation,
        Person,
        Place,
        Post,
        Proposal,
        Relation,
        Response,
        Source,
        State,
        Statement,
        StatusChange,
        Tally,
        Thing,
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
        EventStatus,
        Majority,
        MembershipStatus,
        OrganizationKind,
        Outcome,
        ParticipantRole,
        ProposalStatus,
        Recurrence,
        RelationKind,
        RelationLevel,
        Sitting,
        SourceKind,
        Stance,
        StatementKind,
        Term,
        ThingKind,
        Verdict,
        VotePosition,
    )

# Every public name is imported from its module on first use (PEP 562), so that
# `import communique` costs little more than its dependencies: the model classes,
# the converter, the loaders, queries and drafting are loaded by the first name
# that needs them. The imports above tell type checkers where each name lives;
# this map tells the interpreter.
_LAZY: dict[str, str] = {
    "EntityStream": "._io",
    "LoadResult": "._io",
    "dump": "._io",
    "dumps": "._io",
    "iter_load": "._io",
    "load": "._io",
    "loads": "._io",
    "Participant": "._navigate",
    "MEMBER_STATUSES": "._navigate",
    "Severity": ".errors",
    "IDENTIFIER_SCHEMES": ".model",
    "Majority": ".vocab",
    "render": "._render",
    "Judgement": ".judgements",
    "append_judgements": ".judgements",
    "read_judgements": ".judgements",
    "Candidate": ".merging",
    "Conflict": ".merging",
    "Match": ".merging",
    "MergeError": ".merging",
    "MergeResult": ".merging",
    "merge": ".merging",
    "Claim": ".model",
    "Dispute": ".model",
    "Verdict": ".vocab",
    "FORMAT_VERSION": ".converter",
    "Converter": ".converter",
    "default_converter": ".converter",
    "Date": ".dates",
    "DateError": ".dates",
    "Draft": ".draft",
    "draft": ".draft",
    "DuplicateIdError": ".errors",
    "LoadError": ".errors",
    "ParseError": ".errors",
    "Problem": ".errors",
    "StructureError": ".errors",
    "UnknownTypeError": ".errors",
    "Agent": ".model",
    "Decision": ".model",
    "Document": ".model",
    "Entity": ".model",
    "Event": ".model",
    "Evidence": ".model",
    "Group": ".model",
    "Identifier": ".model",
    "JsonValue": ".model",
    "Meaning": ".model",
    "Membership": ".model",
    "Money": ".model",
    "Name": ".model",
    "Organization": ".model",
    "Participation": ".model",
    "Person": ".model",
    "Place": ".model",
    "Post": ".model",
    "Proposal": ".model",
    "Response": ".model",
    "Source": ".model",
    "State": ".model",
    "Statement": ".model",
    "StatusChange": ".model",
    "Tally": ".model",
    "Vote": ".model",
    "refs": ".model",
    "Query": ".query",
    "QueryError": ".query",
    "Record": ".record",
    "Registry": ".registry",
    "default_registry": ".registry",
    "register": ".registry",
    "json_schema": ".schema",
    "AttendanceMode": ".vocab",
    "Attribution": ".vocab",
    "DecisionMethod": ".vocab",
    "DocumentKind": ".vocab",
    "DocumentStatus": ".vocab",
    "EventKind": ".vocab",
    "MembershipStatus": ".vocab",
    "OrganizationKind": ".vocab",
    "Outcome": ".vocab",
    "ParticipantRole": ".vocab",
    "ProposalStatus": ".vocab",
    "SourceKind": ".vocab",
    "Stance": ".vocab",
    "StatementKind": ".vocab",
    "Term": ".vocab",
    "VotePosition": ".vocab",
    "EventSeries": ".model",
    "EventStatusChange": ".model",
    "LevelChange": ".model",
    "MembershipRule": ".model",
    "Relation": ".model",
    "Thing": ".model",
    "EventStatus": ".vocab",
    "Recurrence": ".vocab",
    "RelationKind": ".vocab",
    "RelationLevel": ".vocab",
    "Sitting": ".vocab",
    "ThingKind": ".vocab",
}

# The public modules, reachable as attributes of the package (``cq.vocab``).
_SUBMODULES = frozenset(
    {
        "cli",
        "converter",
        "dates",
        "draft",
        "errors",
        "extension",
        "formats",
        "interop",
        "judgements",
        "merging",
        "model",
        "query",
        "record",
        "registry",
        "schema",
        "summary",
        "testing",
        "vocab",
    }
)


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        if name in _SUBMODULES:
            return importlib.import_module(f".{name}", __name__)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SUBMODULES})


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: object) -> None:
        # Importing the subpackage communique.draft sets the package's attribute
        # `draft` to it: the public name is the function it holds.
        if isinstance(value, types.ModuleType) and name in _LAZY:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


#: The version of this package.
__version__ = "0.1.0"

__all__ = [
    "FORMAT_VERSION",
    "IDENTIFIER_SCHEMES",
    "MEMBER_STATUSES",
    "Agent",
    "AttendanceMode",
    "Attribution",
    "Candidate",
    "Claim",
    "Conflict",
    "Converter",
    "Date",
    "DateError",
    "Decision",
    "DecisionMethod",
    "Dispute",
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
    "Judgement",
    "LoadError",
    "LoadResult",
    "Majority",
    "Match",
    "Meaning",
    "Membership",
    "MembershipStatus",
    "MergeError",
    "MergeResult",
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
    "Severity",
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
    "Verdict",
    "Vote",
    "VotePosition",
    "__version__",
    "append_judgements",
    "default_converter",
    "default_registry",
    "draft",
    "dump",
    "dumps",
    "iter_load",
    "json_schema",
    "load",
    "loads",
    "merge",
    "read_judgements",
    "refs",
    "register",
    "render",
    "EventSeries",
    "EventStatusChange",
    "LevelChange",
    "MembershipRule",
    "Relation",
    "Thing",
    "EventStatus",
    "Recurrence",
    "RelationKind",
    "RelationLevel",
    "Sitting",
    "ThingKind",
]
