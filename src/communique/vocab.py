"""The vocabularies of the model, declared once.

Vocabularies that are open in practice (event kinds, statement kinds, roles,
stances, document and organisation kinds, ...) are :class:`Term` types: a
``str`` that only takes known values, and that downstream code can extend with
namespaced terms. A typo in data still fails loudly:

>>> EventKind("roundtable")
EventKind('roundtable')
>>> EventKind("roundtabel")
Traceback (most recent call last):
...
ValueError: 'roundtabel' is not a known event kind; did you mean 'roundtable'?
>>> EventKind.extend("example:hearing", "Hearing")
EventKind('example:hearing')
>>> EventKind("example:hearing").label
'Hearing'

Downstream terms are global to the process, not held by a registry: a term is
checked when a model object is made (``Event(kind=...)`` in plain Python, with
no converter in sight), and a namespaced term means the same thing wherever it
is read. The namespace is what keeps two packages apart; declaring a term twice
with the same label is harmless, with another label an error.

Vocabularies that are closed by their nature (attendance mode, attribution) are
enums.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterator, Mapping
from typing import ClassVar, TypeVar

__all__ = [
    "AttendanceMode",
    "Attribution",
    "DecisionMethod",
    "DocumentKind",
    "DocumentStatus",
    "EventKind",
    "Majority",
    "MembershipStatus",
    "Outcome",
    "OrganizationKind",
    "ParticipantRole",
    "ProposalStatus",
    "SourceKind",
    "Stance",
    "StatementKind",
    "Term",
    "VotePosition",
    "vocabularies",
]

_T = TypeVar("_T", bound="Term")
_NAMESPACED = re.compile(r"[a-z][a-z0-9-]*:[a-z][a-z0-9_]*")


class Term(str):
    """A value of an open vocabulary: a ``str`` restricted to declared terms."""

    __slots__ = ()
    #: The vocabulary's name in messages, e.g. "event kind".
    noun: ClassVar[str] = "term"
    _labels: ClassVar[dict[str, str]]

    def __new__(cls: type[_T], value: str) -> _T:
        if type(value) is cls:
            return value
        if value not in cls._labels:
            raise ValueError(_unknown(cls, value))
        return str.__new__(cls, value)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._labels = {}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    @property
    def label(self) -> str:
        """The human-readable label of the term (the term itself for a term read
        leniently from data whose vocabulary this process does not know)."""
        value = str(self)
        return self._labels.get(value, value)

    @classmethod
    def is_known(cls, value: str) -> bool:
        """Whether ``value`` is a declared term of this vocabulary."""
        return value in cls._labels

    @classmethod
    def _undeclared(cls: type[_T], value: str) -> _T:
        # A namespaced term of a package this process does not have, kept as it
        # was read by a lenient converter so that it is written back unchanged.
        if not _NAMESPACED.fullmatch(value):
            raise ValueError(_unknown(cls, value))
        return str.__new__(cls, value)

    @classmethod
    def declare(cls, labels: Mapping[str, str]) -> None:
        """Declare the library's own terms (plain snake_case names)."""
        cls._labels.update(labels)

    @classmethod
    def extend(cls: type[_T], value: str, label: str) -> _T:
        """Add a downstream term. It must be namespaced (``"newsroom:rumour"``) so that
        two downstream packages cannot collide with each other or with the library.
        Declaring the same term again with the same label is harmless."""
        if not _NAMESPACED.fullmatch(value):
            raise ValueError(
                f"downstream {cls.noun} {value!r} must be namespaced like 'project:name'"
            )
        known = cls._labels.get(value)
        if known is not None and known != label:
            raise ValueError(f"{cls.noun} {value!r} is already declared as {known!r}")
        cls._labels[value] = label
        return cls(value)

    @classmethod
    def terms(cls: type[_T]) -> Iterator[_T]:
        """Every known term, in declaration order."""
        return (cls(v) for v in list(cls._labels))


def _unknown(cls: type[Term], value: object) -> str:
    if not isinstance(value, str):
        return f"a {cls.noun} must be text, not {type(value).__name__}"
    close = difflib.get_close_matches(value, list(cls._labels), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(cls._labels)}"
    return f"{value!r} is not a known {cls.noun}{hint}"


class EventKind(Term):
    """What kind of gathering or happening an event is."""

    __slots__ = ()
    noun = "event kind"


EventKind.declare(
    {
        "meeting": "Meeting",
        "bilateral_meeting": "Bilateral meeting",
        "multilateral_meeting": "Multilateral meeting",
        "roundtable": "Roundtable",
        "summit": "Summit",
        "session": "Session",
        "conference": "Conference",
        "forum": "Forum",
        "seminar": "Seminar",
        "talks": "Talks",
        "consultations": "Consultations",
        "press_conference": "Press conference",
        "briefing": "Briefing",
        "question_and_answer": "Question-and-answer session",
        "signing": "Signing",
        "adoption": "Adoption of a document",
        "accession": "Accession",
        "visit": "Visit",
        "ceremony": "Ceremony",
        "vote": "Vote",
        "other": "Other",
    }
)


class ParticipantRole(Term):
    """The part an agent plays at an event."""

    __slots__ = ()
    noun = "participant role"


ParticipantRole.declare(
    {
        "host": "Host",
        "organiser": "Organiser",
        "co_organiser": "Co-organiser",
        "chair": "Chair",
        "moderator": "Moderator",
        "speaker": "Speaker",
        "attendee": "Attendee",
        "participant": "Participant",
        "delegate": "Delegate",
        "guest": "Guest",
        "invitee": "Invitee",
        "observer": "Observer",
        "questioner": "Questioner",
        "respondent": "Respondent",
        "signatory": "Signatory",
        "witness": "Witness",
        "mediator": "Mediator",
        "interpreter": "Interpreter",
    }
)


class StatementKind(Term):
    """What kind of utterance or text a statement is."""

    __slots__ = ()
    noun = "statement kind"


StatementKind.declare(
    {
        "speech": "Speech",
        "welcome_speech": "Welcome speech",
        "opening_remarks": "Opening remarks",
        "closing_remarks": "Closing remarks",
        "remarks": "Remarks",
        "statement": "Statement",
        "reported_speech": "Reported speech",
        "quote": "Quote",
        "question": "Question",
        "answer": "Answer",
        "joint_declaration": "Joint declaration",
        "joint_statement": "Joint statement",
        "commitment": "Commitment",
        "position": "Position",
        "assessment": "Assessment",
        "claim": "Claim of fact",
        "appeal": "Appeal",
        "announcement": "Announcement",
        "condemnation": "Condemnation",
    }
)


class Stance(Term):
    """How an agent responded to a proposal."""

    __slots__ = ()
    noun = "stance"


Stance.declare(
    {
        "support": "Support",
        "general_support": "General support",
        "conditional_support": "Conditional support",
        "opposition": "Opposition",
        "abstention": "Abstention",
        "reservation": "Reservation",
        "neutral": "Neutral",
        "noted": "Took note",
    }
)


class ProposalStatus(Term):
    """Where a proposal stands at a point in time."""

    __slots__ = ()
    noun = "proposal status"


ProposalStatus.declare(
    {
        "proposed": "Proposed",
        "under_consideration": "Under consideration",
        "endorsed": "Endorsed",
        "adopted": "Adopted",
        "rejected": "Rejected",
        "withdrawn": "Withdrawn",
        "implemented": "Implemented",
        "superseded": "Superseded",
    }
)


class DocumentKind(Term):
    """What kind of text a document is."""

    __slots__ = ()
    noun = "document kind"


DocumentKind.declare(
    {
        "charter": "Charter",
        "convention": "Convention",
        "treaty": "Treaty",
        "agreement": "Agreement",
        "protocol": "Protocol",
        "memorandum": "Memorandum",
        "strategy": "Strategy",
        "roadmap": "Roadmap",
        "programme": "Programme",
        "action_plan": "Action plan",
        "resolution": "Resolution",
        "draft_resolution": "Draft resolution",
        "decision": "Decision",
        "declaration": "Declaration",
        "joint_statement": "Joint statement",
        "communique": "Communiqué",
        "address": "Address",
        "report": "Report",
        "letter": "Letter",
        "law": "Law",
        "other": "Other",
    }
)


class DocumentStatus(Term):
    """The legal or procedural state of a document."""

    __slots__ = ()
    noun = "document status"


DocumentStatus.declare(
    {
        "draft": "Draft",
        "adopted": "Adopted",
        "endorsed": "Endorsed",
        "signed": "Signed",
        "open_for_signature": "Open for signature",
        "in_force": "In force",
        "terminated": "Terminated",
        "superseded": "Superseded",
    }
)


class OrganizationKind(Term):
    """What kind of body an organisation is."""

    __slots__ = ()
    noun = "organisation kind"


OrganizationKind.declare(
    {
        "intergovernmental_organization": "Intergovernmental organisation",
        "supranational_union": "Supranational union",
        "secretariat": "Secretariat",
        "permanent_body": "Permanent body of an organisation",
        "un_body": "United Nations body",
        "government": "Government",
        "ministry": "Ministry",
        "parliament": "Parliament",
        "diplomatic_mission": "Diplomatic mission",
        "research_institute": "Research institute or think tank",
        "consortium": "Consortium",
        "forum": "Forum",
        "ngo": "Non-governmental organisation",
        "political_party": "Political party",
        "armed_group": "Armed group or movement",
        "terrorist_organization": "Terrorist organisation",
        "company": "Company",
        "media_outlet": "Media outlet",
        "university": "University",
        "other": "Other",
    }
)


class MembershipStatus(Term):
    """The standing of a member in a body."""

    __slots__ = ()
    noun = "membership status"


MembershipStatus.declare(
    {
        "member": "Member",
        "founding_member": "Founding member",
        "observer": "Observer",
        "dialogue_partner": "Dialogue partner",
        "guest": "Guest",
        "associate_member": "Associate member",
        "partner": "Partner",
        "applicant": "Applicant",
        "suspended": "Suspended",
    }
)


class SourceKind(Term):
    """What kind of published item a source is."""

    __slots__ = ()
    noun = "source kind"


SourceKind.declare(
    {
        "press_release": "Press release",
        "news_article": "News article",
        "transcript": "Transcript",
        "official_record": "Official record",
        "report": "Report",
        "web_page": "Web page",
        "social_media_post": "Social media post",
        "other": "Other",
    }
)


class DecisionMethod(Term):
    """How a body took a decision on a proposal."""

    __slots__ = ()
    noun = "decision method"


DecisionMethod.declare(
    {
        "consensus": "Consensus",
        "recorded_vote": "Recorded vote",
        "vote": "Vote",
        "show_of_hands": "Show of hands",
        "acclamation": "Acclamation",
        "silence_procedure": "Silence procedure",
    }
)


class Majority(Term):
    """The rule a vote is decided by: how many votes in favour carry a proposal.

    ``simple``: more in favour than against; ``two_thirds``: at least two thirds of
    those voting in favour or against; ``absolute``: more in favour than half of
    every vote counted (abstentions and those not voting included); ``unanimity``:
    no vote against.
    """

    __slots__ = ()
    noun = "majority"


Majority.declare(
    {
        "simple": "Simple majority",
        "two_thirds": "Two-thirds majority",
        "absolute": "Absolute majority",
        "unanimity": "Unanimity",
    }
)


class Outcome(enum.Enum):
    """The outcome of a decision on a proposal."""

    ADOPTED = "adopted"
    REJECTED = "rejected"
    VETOED = "vetoed"
    DEFERRED = "deferred"
    WITHDRAWN = "withdrawn"


class VotePosition(enum.Enum):
    """How one member voted."""

    IN_FAVOUR = "in_favour"
    AGAINST = "against"
    ABSTAINING = "abstaining"
    NOT_VOTING = "not_voting"
    ABSENT = "absent"


class AttendanceMode(enum.Enum):
    """How an event was held or attended."""

    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class Attribution(enum.Enum):
    """How a statement's text is attributed to its speakers by the source.

    Only words in quotation marks are a ``DIRECT_QUOTE``; "Mr Norov said that ..."
    is ``REPORTED`` speech, attributed by the publisher.
    """

    DIRECT_QUOTE = "direct_quote"
    REPORTED = "reported"
    PARAPHRASE = "paraphrase"
    SUMMARY = "summary"
    FULL_TEXT = "full_text"


def vocabularies() -> dict[str, type[Term] | type[enum.Enum]]:
    """Every vocabulary of the model by name, for documentation and schemas."""
    return {
        "EventKind": EventKind,
        "ParticipantRole": ParticipantRole,
        "StatementKind": StatementKind,
        "Stance": Stance,
        "ProposalStatus": ProposalStatus,
        "DecisionMethod": DecisionMethod,
        "Majority": Majority,
        "DocumentKind": DocumentKind,
        "DocumentStatus": DocumentStatus,
        "OrganizationKind": OrganizationKind,
        "MembershipStatus": MembershipStatus,
        "SourceKind": SourceKind,
        "Outcome": Outcome,
        "VotePosition": VotePosition,
        "AttendanceMode": AttendanceMode,
        "Attribution": Attribution,
    }
