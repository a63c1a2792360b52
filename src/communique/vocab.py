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
>>> EventKind.extend("example:hearing", "Hearing", "A hearing held by a committee.")
EventKind('example:hearing')
>>> EventKind("example:hearing").label
'Hearing'

Every term has a label and a one-line meaning, declared here with the term; the
format reference and ``communique vocab`` are made from them:

>>> EventKind("roundtable").meaning
'A discussion among invited participants on an equal footing, often with experts.'

Downstream terms are global to the process, not held by a registry: a term is
checked when a model object is made (``Event(kind=...)`` in plain Python, with
no converter in sight), and a namespaced term means the same thing wherever it
is read. The namespace is what keeps two packages apart; declaring a term twice
with the same label is harmless, with another label an error.

Vocabularies that are closed by their nature (attendance mode, attribution) are
enums, whose members have a ``label`` and a ``meaning`` too. Each vocabulary has a
stable kebab-case name (``event-kind``, ``attendance-mode``): see
:func:`vocabulary_name` and :func:`entries`.
"""

from __future__ import annotations

import difflib
import enum
import re
import types
import typing
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar, TypeVar

import attrs

if TYPE_CHECKING:
    from .registry import Registry

from ._shown import shown
from ._suggest import MAX_SUGGESTED_CHARS

__all__ = [
    "AttendanceMode",
    "Attribution",
    "CommitmentStatus",
    "DecisionMethod",
    "DocumentKind",
    "DocumentStatus",
    "Entry",
    "EventKind",
    "Majority",
    "MembershipStatus",
    "Outcome",
    "OrganizationKind",
    "ParticipantRole",
    "ProposalStatus",
    "Qualifier",
    "SourceKind",
    "Stance",
    "StatementKind",
    "Term",
    "Verdict",
    "VotePosition",
    "Vocabulary",
    "entries",
    "used_in",
    "vocabularies",
    "vocabulary_name",
    "AnswerStatus",
    "Atmosphere",
    "DocumentRelation",
    "GapKind",
    "Manner",
    "ProvisionRole",
    "EventStatus",
    "Sitting",
    "Recurrence",
    "RelationKind",
    "RelationLevel",
    "ThingKind",
]

_T = TypeVar("_T", bound="Term")
_NAMESPACED = re.compile(r"[a-z][a-z0-9-]*:[a-z][a-z0-9_]*")


class Term(str):
    """A value of an open vocabulary: a ``str`` restricted to declared terms."""

    __slots__ = ()
    #: The vocabulary's name in messages, e.g. "event kind".
    noun: ClassVar[str] = "term"
    _labels: ClassVar[dict[str, str]]
    _meanings: ClassVar[dict[str, str]]

    def __new__(cls: type[_T], value: str) -> _T:
        if type(value) is cls:
            return value
        if value not in cls._labels:
            raise ValueError(_unknown(cls, value))
        return str.__new__(cls, value)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._labels = {}
        cls._meanings = {}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    @property
    def label(self) -> str:
        """The human-readable label of the term (the term itself for a term read
        leniently from data whose vocabulary this process does not know)."""
        value = str(self)
        return self._labels.get(value, value)

    @property
    def meaning(self) -> str:
        """What the term means, in one line (empty for a downstream term declared
        without one, or for a term this process does not know)."""
        return self._meanings.get(str(self), "")

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
    def declare(cls, terms: Mapping[str, tuple[str, str]]) -> None:
        """Declare the library's own terms (plain snake_case names), each with its
        label and a one-line meaning."""
        for value, (label, meaning) in terms.items():
            cls._labels[value] = label
            cls._meanings[value] = meaning

    @classmethod
    def extend(cls: type[_T], value: str, label: str, meaning: str = "") -> _T:
        """Add a downstream term, with its label and, best, a one-line meaning. It
        must be namespaced (``"newsroom:rumour"``) so that two downstream packages
        cannot collide with each other or with the library. Declaring the same term
        again with the same label (and the same meaning, or none) is harmless."""
        if not _NAMESPACED.fullmatch(value):
            raise ValueError(
                f"downstream {cls.noun} {value!r} must be namespaced like 'project:name'"
            )
        known = cls._labels.get(value)
        if known is not None and known != label:
            raise ValueError(f"{cls.noun} {value!r} is already declared as {known!r}")
        said = cls._meanings.get(value, "")
        if said and meaning and said != meaning:
            raise ValueError(f"{cls.noun} {value!r} is already declared to mean {said!r}")
        cls._labels[value] = label
        cls._meanings[value] = meaning or said
        return cls(value)

    @classmethod
    def terms(cls: type[_T]) -> Iterator[_T]:
        """Every known term, in declaration order."""
        return (cls(v) for v in list(cls._labels))


def _unknown(cls: type[Term], value: object) -> str:
    if not isinstance(value, str):
        return f"a {cls.noun} must be text, not {type(value).__name__}"
    # A text too long to be a misspelt term is not compared with every term.
    close = (
        difflib.get_close_matches(value, list(cls._labels), n=1)
        if len(value) <= MAX_SUGGESTED_CHARS
        else []
    )
    hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(cls._labels)}"
    return f"{shown(value)} is not a known {cls.noun}{hint}"


class EventKind(Term):
    """What kind of gathering or happening an event is."""

    __slots__ = ()
    noun = "event kind"


EventKind.declare(
    {
        "meeting": (
            "Meeting",
            "A gathering of two or more parties to discuss matters of common concern.",
        ),
        "bilateral_meeting": (
            "Bilateral meeting",
            "A meeting between two parties, such as two states or a state and a body.",
        ),
        "multilateral_meeting": ("Multilateral meeting", "A meeting of three or more parties."),
        "roundtable": (
            "Roundtable",
            "A discussion among invited participants on an equal footing, often with experts.",
        ),
        "summit": ("Summit", "A meeting of heads of state or government."),
        "session": (
            "Session",
            "A formal sitting of an assembly, council or other body, often numbered.",
        ),
        "conference": (
            "Conference",
            "A larger organised gathering with a programme of sessions on a theme.",
        ),
        "forum": ("Forum", "A recurring gathering for open exchange among many participants."),
        "seminar": ("Seminar", "A gathering for study or training on a topic, led by speakers."),
        "talks": ("Talks", "Negotiations between parties on a specific matter."),
        "consultations": (
            "Consultations",
            "Exchanges in which parties seek each other's views, often regular.",
        ),
        "press_conference": (
            "Press conference",
            "An event at which officials make remarks and answer journalists' questions.",
        ),
        "briefing": (
            "Briefing",
            "An event at which officials inform an audience, such as the press or members.",
        ),
        "question_and_answer": (
            "Question-and-answer session",
            "A session in which an audience asks questions and speakers answer them.",
        ),
        "signing": ("Signing", "The signing or conclusion of an agreement or other document."),
        "adoption": (
            "Adoption of a document",
            "The adoption of a document, such as a strategy or a resolution.",
        ),
        "accession": (
            "Accession",
            "A party's entry into an organisation or a treaty; it starts a membership.",
        ),
        "visit": ("Visit", "An official visit by a person or delegation to a place or a host."),
        "ceremony": ("Ceremony", "A formal occasion, such as an opening or a commemoration."),
        "vote": ("Vote", "A vote taken by a body on a proposal."),
        "other": ("Other", "An event of a kind that no other term describes."),
    }
)


class ParticipantRole(Term):
    """The part an agent plays at an event."""

    __slots__ = ()
    noun = "participant role"


ParticipantRole.declare(
    {
        "host": (
            "Host",
            "Receives the event and the other participants, usually on its own ground.",
        ),
        "organiser": ("Organiser", "Arranges the event."),
        "co_organiser": ("Co-organiser", "Arranges the event together with others."),
        "chair": ("Chair", "Presides over the event or a session of it."),
        "moderator": ("Moderator", "Leads a discussion and gives the floor to speakers."),
        "speaker": ("Speaker", "Speaks at the event."),
        "attendee": ("Attendee", "Is present at the event without a more specific role."),
        "participant": ("Participant", "Takes part in the event without a more specific role."),
        "delegate": (
            "Delegate",
            "Takes part as a member of a delegation, on behalf of another party.",
        ),
        "guest": ("Guest", "Is invited to the event as a guest."),
        "invitee": ("Invitee", "Is invited to the event, whether or not it attends."),
        "observer": ("Observer", "Follows the event without full participation."),
        "questioner": ("Questioner", "Asks questions, as at a press conference."),
        "respondent": ("Respondent", "Answers questions put at the event."),
        "signatory": ("Signatory", "Signs a document at the event."),
        "witness": ("Witness", "Witnesses a signing or an agreement."),
        "mediator": ("Mediator", "Helps other parties reach agreement."),
        "interpreter": ("Interpreter", "Interprets between languages at the event."),
    }
)


class StatementKind(Term):
    """What kind of utterance or text a statement is."""

    __slots__ = ()
    noun = "statement kind"


StatementKind.declare(
    {
        "speech": ("Speech", "A prepared address to an audience."),
        "welcome_speech": (
            "Welcome speech",
            "A speech that welcomes the participants of an event.",
        ),
        "opening_remarks": ("Opening remarks", "Remarks that open an event or a session."),
        "closing_remarks": ("Closing remarks", "Remarks that close an event or a session."),
        "remarks": ("Remarks", "Shorter spoken remarks, prepared or not."),
        "statement": ("Statement", "A formal statement of a position or of facts."),
        "reported_speech": (
            "Reported speech",
            "What someone said, as reported by the source rather than quoted.",
        ),
        "quote": ("Quote", "Words quoted directly from a speaker."),
        "question": ("Question", "A question put to someone, as at a press conference."),
        "answer": ("Answer", "An answer to a question."),
        "joint_declaration": (
            "Joint declaration",
            "A declaration made jointly by several parties, such as a summit declaration.",
        ),
        "joint_statement": ("Joint statement", "A statement made jointly by several parties."),
        "commitment": (
            "Commitment",
            "An undertaking by its authors to act, often with a deadline or condition.",
        ),
        "position": ("Position", "A party's stated position on a matter."),
        "assessment": ("Assessment", "A judgement of a situation or of an outcome."),
        "claim": ("Claim of fact", "A statement put forward as fact."),
        "appeal": ("Appeal", "A call on others to act."),
        "announcement": ("Announcement", "The making known of a decision, a plan or an event."),
        "condemnation": ("Condemnation", "A statement that condemns an act or an actor."),
    }
)


class Stance(Term):
    """How an agent received something: a proposal it responded to, or any entity
    it reacted to (an initiative it welcomed, a report it noted with concern)."""

    __slots__ = ()
    noun = "stance"


Stance.declare(
    {
        "support": ("Support", "The agent supports the proposal."),
        "general_support": ("General support", "The agent supports the proposal in general terms."),
        "conditional_support": (
            "Conditional support",
            "The agent supports the proposal on a condition.",
        ),
        "opposition": ("Opposition", "The agent opposes the proposal."),
        "abstention": ("Abstention", "The agent abstains on the proposal."),
        "reservation": ("Reservation", "The agent expresses reservations about the proposal."),
        "neutral": ("Neutral", "The agent takes no side on the proposal."),
        "noted": ("Took note", "The agent takes note of the proposal without endorsing it."),
        "welcome": ("Welcome", 'The agent welcomes it: "welcomed the initiative".'),
        "appreciation": (
            "Appreciation",
            'The agent expresses appreciation or thanks: "expressed appreciation for".',
        ),
        "endorsement": ("Endorsement", "The agent endorses it, short of formal adoption."),
        "concern": ("Concern", 'The agent expresses concern: "noted with concern".'),
        "regret": ("Regret", 'The agent expresses regret: "regretted the decision".'),
        "condemnation": ("Condemnation", 'The agent condemns it: "condemned the attack".'),
        "rejection": ("Rejection", "The agent rejects it outright."),
    }
)


class ProposalStatus(Term):
    """Where a proposal stands at a point in time."""

    __slots__ = ()
    noun = "proposal status"


ProposalStatus.declare(
    {
        "proposed": ("Proposed", "Put forward and not yet acted on."),
        "under_consideration": (
            "Under consideration",
            "Being considered by those who would decide on it.",
        ),
        "endorsed": ("Endorsed", "Endorsed by those it was put to, short of formal adoption."),
        "adopted": ("Adopted", "Formally adopted."),
        "rejected": ("Rejected", "Rejected."),
        "withdrawn": ("Withdrawn", "Withdrawn by its proposers."),
        "implemented": ("Implemented", "Carried out."),
        "superseded": ("Superseded", "Replaced by another proposal."),
    }
)


class CommitmentStatus(Term):
    """Where an undertaking stands at a point in time."""

    __slots__ = ()
    noun = "commitment status"


CommitmentStatus.declare(
    {
        "announced": ("Announced", "Undertaken and made known, not yet acted on."),
        "under_way": ("Under way", "Being carried out."),
        "fulfilled": ("Fulfilled", "Carried out as undertaken."),
        "partly_fulfilled": ("Partly fulfilled", "Carried out in part."),
        "delayed": ("Delayed", "Not carried out by the time undertaken, still intended."),
        "lapsed": ("Lapsed", "Not carried out, and no longer pursued."),
        "withdrawn": ("Withdrawn", "Withdrawn by those who undertook it."),
    }
)


class DocumentKind(Term):
    """What kind of text a document is."""

    __slots__ = ()
    noun = "document kind"


DocumentKind.declare(
    {
        "charter": ("Charter", "The founding document of an organisation."),
        "convention": (
            "Convention",
            "A multilateral treaty, often negotiated under an organisation.",
        ),
        "treaty": ("Treaty", "A written agreement between states binding under international law."),
        "agreement": ("Agreement", "An agreement between parties, binding or not."),
        "protocol": ("Protocol", "A document that amends or supplements a treaty."),
        "memorandum": (
            "Memorandum",
            "A memorandum of understanding or similar non-binding arrangement.",
        ),
        "strategy": ("Strategy", "A document that sets out goals and the means to reach them."),
        "roadmap": ("Roadmap", "A plan of steps towards a goal, often with dates."),
        "programme": ("Programme", "A programme of activities or cooperation."),
        "action_plan": (
            "Action plan",
            "A plan of specific actions, often with responsibilities and deadlines.",
        ),
        "resolution": ("Resolution", "A formal decision or expression of view adopted by a body."),
        "draft_resolution": (
            "Draft resolution",
            "A resolution put forward for adoption, not yet adopted.",
        ),
        "decision": ("Decision", "A decision taken by a body."),
        "declaration": (
            "Declaration",
            "A formal statement of principles or positions, often of a summit.",
        ),
        "joint_statement": ("Joint statement", "A statement issued jointly by several parties."),
        "communique": ("Communiqué", "An official communiqué issued after a meeting."),
        "address": ("Address", "The text of a formal address or speech."),
        "report": ("Report", "A report, such as an annual report or a report to a body."),
        "letter": ("Letter", "A letter, such as one addressed to a body's president."),
        "law": ("Law", "A law or other legislative act."),
        "other": ("Other", "A document of a kind that no other term describes."),
    }
)


class DocumentStatus(Term):
    """The legal or procedural state of a document."""

    __slots__ = ()
    noun = "document status"


DocumentStatus.declare(
    {
        "draft": ("Draft", "Not yet adopted or signed."),
        "adopted": ("Adopted", "Adopted by a body."),
        "endorsed": ("Endorsed", "Endorsed by a body or by parties."),
        "signed": ("Signed", "Signed by its parties."),
        "open_for_signature": ("Open for signature", "Open for parties to sign."),
        "in_force": ("In force", "Binding on its parties."),
        "terminated": ("Terminated", "No longer in force."),
        "superseded": ("Superseded", "Replaced by another document."),
    }
)


class OrganizationKind(Term):
    """What kind of body an organisation is."""

    __slots__ = ()
    noun = "organisation kind"


OrganizationKind.declare(
    {
        "intergovernmental_organization": (
            "Intergovernmental organisation",
            "An organisation whose members are states, such as the SCO.",
        ),
        "supranational_union": (
            "Supranational union",
            "A union of states with powers of its own, such as the EU.",
        ),
        "secretariat": ("Secretariat", "The administrative body of an organisation."),
        "permanent_body": (
            "Permanent body of an organisation",
            "A standing body of an organisation, such as a council or commission.",
        ),
        "un_body": (
            "United Nations body",
            "An organ, agency, fund or programme of the United Nations.",
        ),
        "government": ("Government", "The government of a state."),
        "ministry": ("Ministry", "A ministry or department of a government."),
        "parliament": ("Parliament", "A legislature."),
        "diplomatic_mission": ("Diplomatic mission", "An embassy, consulate or permanent mission."),
        "research_institute": (
            "Research institute or think tank",
            "A body that does research or policy analysis.",
        ),
        "consortium": ("Consortium", "A group of bodies working together on a shared purpose."),
        "forum": ("Forum", "A standing forum of members or partners."),
        "ngo": ("Non-governmental organisation", "A non-governmental, not-for-profit body."),
        "political_party": ("Political party", "A political party."),
        "armed_group": ("Armed group or movement", "A non-state armed group or movement."),
        "terrorist_organization": (
            "Terrorist organisation",
            "A body designated as a terrorist organisation.",
        ),
        "company": ("Company", "A business."),
        "media_outlet": ("Media outlet", "A newspaper, broadcaster, news agency or other outlet."),
        "university": ("University", "A university or other place of higher education."),
        "other": ("Other", "A body of a kind that no other term describes."),
    }
)


class MembershipStatus(Term):
    """The standing of a member in a body."""

    __slots__ = ()
    noun = "membership status"


MembershipStatus.declare(
    {
        "member": ("Member", "A full member."),
        "founding_member": ("Founding member", "A member since the body was founded."),
        "observer": ("Observer", "Takes part without the rights of a member."),
        "dialogue_partner": (
            "Dialogue partner",
            "A partner in dialogue with the body, short of observer status.",
        ),
        "guest": ("Guest", "Attends by invitation."),
        "associate_member": ("Associate member", "A member with limited rights."),
        "partner": ("Partner", "A partner of the body."),
        "applicant": ("Applicant", "Has applied to join."),
        "suspended": ("Suspended", "A member whose rights are suspended."),
    }
)


class SourceKind(Term):
    """What kind of published item a source is."""

    __slots__ = ()
    noun = "source kind"


SourceKind.declare(
    {
        "press_release": (
            "Press release",
            "A statement issued to the press by the body it is about.",
        ),
        "news_article": ("News article", "An article published by a news outlet."),
        "transcript": ("Transcript", "A word-for-word record of what was said."),
        "official_record": (
            "Official record",
            "A body's official record, such as the verbatim record of a meeting.",
        ),
        "report": ("Report", "A report published by a body."),
        "web_page": ("Web page", "A page of a website."),
        "social_media_post": ("Social media post", "A post on a social media platform."),
        "other": ("Other", "A source of a kind that no other term describes."),
    }
)


class DecisionMethod(Term):
    """How a body took a decision on a proposal."""

    __slots__ = ()
    noun = "decision method"


DecisionMethod.declare(
    {
        "consensus": ("Consensus", "Taken by consensus, without a vote."),
        "recorded_vote": (
            "Recorded vote",
            "Taken by a vote in which each member's vote is recorded.",
        ),
        "vote": ("Vote", "Taken by a vote whose individual votes are not recorded."),
        "show_of_hands": ("Show of hands", "Taken by a show of hands."),
        "acclamation": ("Acclamation", "Taken by acclamation."),
        "silence_procedure": (
            "Silence procedure",
            "Taken when no member objected before a deadline.",
        ),
    }
)


class Majority(Term):
    """The rule a vote is decided by: how many votes in favour carry a proposal."""

    __slots__ = ()
    noun = "majority"


Majority.declare(
    {
        "simple": ("Simple majority", "More votes in favour than against."),
        "two_thirds": (
            "Two-thirds majority",
            "At least two thirds of the votes cast in favour or against are in favour.",
        ),
        "absolute": (
            "Absolute majority",
            "More votes in favour than half of every vote counted, abstentions included.",
        ),
        "unanimity": ("Unanimity", "No vote against."),
    }
)


class _Closed(enum.Enum):
    """A closed vocabulary: an enum whose members have a label and a meaning,
    declared with :func:`_describe` right after the enum."""

    @property
    def label(self) -> str:
        """The human-readable label of the member."""
        return _CLOSED[self][0]

    @property
    def meaning(self) -> str:
        """What the member means, in one line."""
        return _CLOSED[self][1]


_CLOSED: dict[enum.Enum, tuple[str, str]] = {}
_E = TypeVar("_E", bound=_Closed)


def _describe(cls: type[_E], texts: Mapping[_E, tuple[str, str]]) -> None:
    missing = [member.name for member in cls if member not in texts]
    if missing:
        raise TypeError(f"{cls.__name__}: no label and meaning for {', '.join(missing)}")
    for member, text in texts.items():
        _CLOSED[member] = text


class Outcome(_Closed):
    """The outcome of a decision on a proposal."""

    ADOPTED = "adopted"
    REJECTED = "rejected"
    VETOED = "vetoed"
    DEFERRED = "deferred"
    WITHDRAWN = "withdrawn"


_describe(
    Outcome,
    {
        Outcome.ADOPTED: ("Adopted", "The body adopted the proposal."),
        Outcome.REJECTED: ("Rejected", "The body rejected the proposal."),
        Outcome.VETOED: ("Vetoed", "A member with a veto voted against, so it failed."),
        Outcome.DEFERRED: ("Deferred", "The body put off its decision."),
        Outcome.WITHDRAWN: ("Withdrawn", "The proposal was withdrawn before a decision."),
    },
)


class VotePosition(_Closed):
    """How one member voted."""

    IN_FAVOUR = "in_favour"
    AGAINST = "against"
    ABSTAINING = "abstaining"
    NOT_VOTING = "not_voting"
    ABSENT = "absent"


_describe(
    VotePosition,
    {
        VotePosition.IN_FAVOUR: ("In favour", "Voted for the proposal."),
        VotePosition.AGAINST: ("Against", "Voted against the proposal."),
        VotePosition.ABSTAINING: ("Abstaining", "Was present and abstained."),
        VotePosition.NOT_VOTING: ("Not voting", "Was present and did not vote."),
        VotePosition.ABSENT: ("Absent", "Was absent when the vote was taken."),
    },
)


class AttendanceMode(_Closed):
    """How an event was held or attended."""

    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


_describe(
    AttendanceMode,
    {
        AttendanceMode.IN_PERSON: ("In person", "Held or attended in one place."),
        AttendanceMode.ONLINE: ("Online", "Held or attended by video or other remote means."),
        AttendanceMode.HYBRID: ("Hybrid", "Some attended in person and some online."),
    },
)


class Attribution(_Closed):
    """How a statement's text is attributed to its speakers by the source.

    Only words in quotation marks are a ``DIRECT_QUOTE``; "Mr Norov said that ..."
    is ``REPORTED`` speech, attributed by the publisher.
    """

    DIRECT_QUOTE = "direct_quote"
    REPORTED = "reported"
    PARAPHRASE = "paraphrase"
    SUMMARY = "summary"
    FULL_TEXT = "full_text"


_describe(
    Attribution,
    {
        Attribution.DIRECT_QUOTE: (
            "Direct quote",
            "The speaker's own words, in quotation marks in the source.",
        ),
        Attribution.REPORTED: (
            "Reported",
            "Reported by the source as said by the speaker, not quoted.",
        ),
        Attribution.PARAPHRASE: ("Paraphrase", "The speaker's words, restated by the source."),
        Attribution.SUMMARY: ("Summary", "A summary of what was said, by the source."),
        Attribution.FULL_TEXT: ("Full text", "The complete text of what was said or issued."),
    },
)


#: A vocabulary: an open one (a :class:`Term` type) or a closed one (an enum).
Vocabulary = type[Term] | type[enum.Enum]


class Qualifier(_Closed):
    """How a quantity relates to the number given: exactly it, about it, a bound
    or a range."""

    EXACTLY = "exactly"
    ABOUT = "about"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    UP_TO = "up_to"
    LESS_THAN = "less_than"
    RANGE = "range"


_describe(
    Qualifier,
    {
        Qualifier.EXACTLY: ("Exactly", "The quantity is the value given."),
        Qualifier.ABOUT: ("About", 'Roughly the value: "about", "some", "nearly".'),
        Qualifier.AT_LEAST: ("At least", 'The value or more: "at least".'),
        Qualifier.MORE_THAN: ("More than", 'Above the value: "more than", "over".'),
        Qualifier.UP_TO: ("Up to", 'The value or less: "up to", "as much as".'),
        Qualifier.LESS_THAN: ("Less than", 'Below the value: "less than", "under".'),
        Qualifier.RANGE: ("Range", 'Between a low and a high value: "between 3 and 5".'),
    },
)


class Verdict(_Closed):
    """A curator's decision on two entities that may be the same (a judgement)."""

    SAME = "same"
    DIFFERENT = "different"
    UNSURE = "unsure"


_describe(
    Verdict,
    {
        Verdict.SAME: ("Same", "The two entities are one: merged on every merge."),
        Verdict.DIFFERENT: ("Different", "The two are not one: kept apart on every merge."),
        Verdict.UNSURE: ("Unsure", "Not decided: listed again as a candidate, never merged."),
    },
)


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
        "ProvisionRole": ProvisionRole,
        "DocumentRelation": DocumentRelation,
        "AnswerStatus": AnswerStatus,
        "GapKind": GapKind,
        "Atmosphere": Atmosphere,
        "Manner": Manner,
        "CommitmentStatus": CommitmentStatus,
        "Qualifier": Qualifier,
        "EventStatus": EventStatus,
        "Sitting": Sitting,
        "Recurrence": Recurrence,
        "RelationKind": RelationKind,
        "RelationLevel": RelationLevel,
        "ThingKind": ThingKind,
    }


def vocabulary_name(vocabulary: Vocabulary) -> str:
    """The vocabulary's stable kebab-case name, as ``communique vocab`` takes it.

    >>> vocabulary_name(EventKind), vocabulary_name(AttendanceMode)
    ('event-kind', 'attendance-mode')
    """
    return re.sub(r"(?<!^)(?=[A-Z])", "-", vocabulary.__name__).lower()


@attrs.frozen
class Entry:
    """One term of a vocabulary, as the reference and ``communique vocab`` show it."""

    #: The term as it is written in data (``roundtable``, ``parliament:hearing``).
    value: str
    #: The human-readable label (``Roundtable``).
    label: str
    #: What the term means, in one line; empty for a downstream term declared without.
    meaning: str
    #: Whether a downstream package declared it (it is namespaced).
    downstream: bool


def entries(vocabulary: Vocabulary) -> list[Entry]:
    """The terms of a vocabulary in declaration order, downstream terms declared in
    this process included.

    >>> first = entries(AttendanceMode)[0]
    >>> first.value, first.label, first.meaning
    ('in_person', 'In person', 'Held or attended in one place.')
    """
    if issubclass(vocabulary, Term):
        return [Entry(t, t.label, t.meaning, ":" in t) for t in vocabulary.terms()]
    found = []
    for member in vocabulary:
        label, meaning = _CLOSED.get(member, (member.name.replace("_", " ").capitalize(), ""))
        found.append(Entry(str(member.value), label, meaning, False))
    return found


def _attrs_classes(hint: object) -> Iterator[type]:
    if isinstance(hint, type) and attrs.has(hint):
        yield hint
    for arg in typing.get_args(hint):
        yield from _attrs_classes(arg)


def _mentions(hint: object, vocabulary: Vocabulary) -> bool:
    if hint is vocabulary:
        return True
    return any(_mentions(arg, vocabulary) for arg in typing.get_args(hint))


def _is_list(hint: object) -> bool:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(arg) for arg in typing.get_args(hint))
    return origin in (tuple, list)


def _walk(cls: type, prefix: str, seen: frozenset[type]) -> Iterator[tuple[str, object]]:
    for attribute in attrs.fields(attrs.resolve_types(cls)):
        if not attribute.init:
            continue
        path = f"{prefix}.{attribute.name}"
        yield path, attribute.type
        inner = f"{path}[]" if _is_list(attribute.type) else path
        for nested in _attrs_classes(attribute.type):
            if nested not in seen:
                yield from _walk(nested, inner, seen | {nested})


def used_in(vocabulary: Vocabulary, registry: Registry | None = None) -> list[str]:
    """The fields that take a term of the vocabulary, as ``tag.field`` paths, read
    from the type hints of the classes of ``registry`` (default: the default one).

    >>> used_in(ParticipantRole)[0]  # then the subclasses registered downstream, if any
    'event.participants[].roles'
    """
    from .registry import default_registry

    found: list[str] = []
    for tag, cls in registry if registry is not None else default_registry:
        for path, hint in _walk(cls, tag, frozenset({cls})):
            if _mentions(hint, vocabulary) and path not in found:
                found.append(path)
    return found


# -- documents as structured texts, transcripts, tone and manner ---------------------


DocumentKind.declare(
    {
        "annex": ("Annex", "An annex, appendix or part of another document, numbered within it."),
    }
)


class ProvisionRole(Term):
    """The part a numbered paragraph or provision plays in a document."""

    __slots__ = ()
    noun = "provision role"


ProvisionRole.declare(
    {
        "preamble": (
            "Preambular",
            "Sets out the context and reasons, often led by a participle ('Welcoming').",
        ),
        "operative": (
            "Operative",
            "Says what is decided, agreed or undertaken, led by a verb ('Decides').",
        ),
        "final": ("Final clause", "Says how the document enters into force, is kept or ends."),
        "definition": ("Definition", "Defines terms used in the document."),
        "heading": ("Heading", "A numbered heading of a part, with no text of its own."),
    }
)


class DocumentRelation(Term):
    """How one document relates to another."""

    __slots__ = ()
    noun = "document relation"


DocumentRelation.declare(
    {
        "based_on": ("Based on", "Drawn up on the basis of the other document."),
        "amends": ("Amends", "Changes parts of the other document, which stays in force."),
        "supersedes": ("Supersedes", "Replaces the other document, which no longer applies."),
        "implements": ("Implements", "Carries out what the other document decides or plans."),
        "follows_text_of": (
            "Closely follows the text of",
            "Repeats the other document's text closely, with changes.",
        ),
        "supplements": ("Supplements", "Adds to the other document without changing it."),
        "extends": ("Extends", "Prolongs the other document's period or scope."),
        "refers_to": ("Refers to", "Cites or recalls the other document."),
    }
)


class AnswerStatus(Term):
    """Whether an answer answered the question put, or declined or put it off."""

    __slots__ = ()
    noun = "answer status"


AnswerStatus.declare(
    {
        "answered": ("Answered", "Answers the question put."),
        "partial": ("Partly answered", "Answers only part of the question put."),
        "declined": (
            "Declined",
            "Declines to answer, or has nothing to say ('nothing to announce today').",
        ),
        "deferred": (
            "Deferred",
            "Puts the answer off to later ('I'll come back to you on that').",
        ),
        "referred": (
            "Referred elsewhere",
            "Refers the questioner to another body or person for the answer.",
        ),
    }
)


class GapKind(Term):
    """Why a transcript leaves out or marks part of what was said."""

    __slots__ = ()
    noun = "gap kind"


GapKind.declare(
    {
        "inaudible": ("Inaudible", "The words could not be heard."),
        "off_mic": ("Off microphone", "Spoken away from a microphone, not recorded."),
        "unclear": ("Unclear", "Heard, but what was said is uncertain."),
        "untranslated": ("Untranslated", "Said in a language the transcript does not render."),
        "crosstalk": ("Crosstalk", "Several people spoke at once."),
        "interrupted": ("Interrupted", "The speaker was cut off."),
        "omitted": ("Omitted", "Left out by the transcript's editor."),
    }
)


class Atmosphere(Term):
    """How a meeting or talks went, as the source describes their atmosphere."""

    __slots__ = ()
    noun = "atmosphere"


Atmosphere.declare(
    {
        "friendly": ("Friendly", "Held in a friendly atmosphere."),
        "cordial": ("Cordial", "Cordial or warm."),
        "constructive": ("Constructive", "Constructive: aimed at results."),
        "business_like": ("Business-like", "Business-like or pragmatic, without warmth or strain."),
        "frank": ("Frank", "Frank or candid: disagreements were stated openly."),
        "open": ("Open", "Open, as a free exchange of views."),
        "productive": ("Productive", "Productive or fruitful: it brought results."),
        "substantive": ("Substantive", "Went into the substance of the matters."),
        "tense": ("Tense", "Tense or difficult."),
    }
)


class Manner(Term):
    """How a statement was made or a decision taken, as the source qualifies it."""

    __slots__ = ()
    noun = "manner"


Manner.declare(
    {
        "unanimously": ("Unanimously", "With every member in agreement."),
        "by_acclamation": ("By acclamation", "By acclamation, without a vote."),
        "by_consensus": ("By consensus", "By consensus, without objection."),
        "bipartisan": ("On a bipartisan basis", "With the support of both sides or parties."),
        "jointly": ("Jointly", "Together with others."),
        "firmly": ("Firmly", "Firmly or strongly, as in 'firmly condemned'."),
        "cautiously": ("Cautiously", "With caution or reserve."),
        "off_the_record": ("Off the record", "Not for attribution or publication."),
    }
)


class EventStatus(_Closed):
    """Where an event stands: announced or planned, scheduled, held, put off or
    called off. An event with no status recorded is one that was held."""

    ANNOUNCED = "announced"
    PLANNED = "planned"
    SCHEDULED = "scheduled"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


_describe(
    EventStatus,
    {
        EventStatus.ANNOUNCED: ("Announced", "Said to be going to take place, not yet held."),
        EventStatus.PLANNED: ("Planned", "Intended, with no date or place fixed yet."),
        EventStatus.SCHEDULED: ("Scheduled", "Fixed for a date, not yet held."),
        EventStatus.HELD: ("Held", "Took place."),
        EventStatus.POSTPONED: ("Postponed", "Put off to a later date, not yet held."),
        EventStatus.CANCELLED: ("Cancelled", "Called off: it will not take place."),
    },
)


class Sitting(Term):
    """The part of a day a meeting was held in, as an institution numbers them."""

    __slots__ = ()
    noun = "sitting"


Sitting.declare(
    {
        "morning": ("Morning", "The morning sitting."),
        "afternoon": ("Afternoon", "The afternoon sitting."),
        "evening": ("Evening", "The evening sitting."),
        "night": ("Night", "A sitting held at night."),
        "resumed": ("Resumed", "The resumption of a meeting suspended earlier."),
    }
)


class Recurrence(Term):
    """How often the events of a series take place."""

    __slots__ = ()
    noun = "recurrence"


Recurrence.declare(
    {
        "annual": ("Annual", "Once a year."),
        "biennial": ("Biennial", "Once every two years."),
        "twice_yearly": ("Twice yearly", "Twice a year."),
        "quarterly": ("Quarterly", "Four times a year."),
        "monthly": ("Monthly", "Once a month."),
        "regular": ("Regular", "At regular intervals the source does not state."),
        "irregular": ("Irregular", "When convened, with no fixed interval."),
    }
)


class RelationKind(Term):
    """What kind of relation holds between agents over time."""

    __slots__ = ()
    noun = "relation kind"


RelationKind.declare(
    {
        "partnership": ("Partnership", "A partnership between agents, of a level that may change."),
        "alliance": ("Alliance", "A mutual defence or political alliance."),
        "diplomatic_relations": (
            "Diplomatic relations",
            "Diplomatic relations between two states or a state and a body.",
        ),
        "affiliation": (
            "Affiliation",
            "The first party is affiliated to the second (a body to another, to a network).",
        ),
        "cooperation": (
            "Cooperation",
            "A standing arrangement of cooperation short of partnership.",
        ),
        "other": ("Other", "A relation of a kind that no other term describes."),
    }
)


class RelationLevel(Term):
    """The level a relation (most often a partnership) was raised or lowered to."""

    __slots__ = ()
    noun = "relation level"


RelationLevel.declare(
    {
        "sectoral_dialogue_partnership": (
            "Sectoral dialogue partnership",
            "Dialogue in some sectors only.",
        ),
        "dialogue_partnership": ("Dialogue partnership", "A partner in dialogue."),
        "partnership": ("Partnership", "A partnership with no further qualification."),
        "enhanced_partnership": ("Enhanced partnership", "A partnership declared enhanced."),
        "strategic_partnership": ("Strategic partnership", "A partnership declared strategic."),
        "comprehensive_partnership": (
            "Comprehensive partnership",
            "A partnership declared comprehensive.",
        ),
        "comprehensive_strategic_partnership": (
            "Comprehensive strategic partnership",
            "A partnership declared both comprehensive and strategic.",
        ),
        "embassy": ("Embassy level", "Diplomatic relations at the level of ambassadors."),
        "legation": ("Legation level", "Diplomatic relations below the level of ambassadors."),
        "suspended": ("Suspended", "The relation is suspended, not ended."),
    }
)


class ThingKind(Term):
    """What kind of named thing, neither an agent nor a document, something is."""

    __slots__ = ()
    noun = "thing kind"


ThingKind.declare(
    {
        "programme": ("Programme", "A programme of activities, often funded."),
        "initiative": ("Initiative", "A named initiative put forward and pursued by agents."),
        "fund": ("Fund", "A fund that finances activities."),
        "project": ("Project", "A project with a defined aim, such as a building or a line."),
        "mechanism": ("Mechanism", "A standing arrangement, such as a dialogue or a platform."),
        "trade_route": ("Trade route", "A trade route or corridor."),
        "facility": ("Facility", "A financing facility or instrument."),
        "other": ("Other", "A thing of a kind that no other term describes."),
    }
)


# The seats of a council with permanent and elected members.
MembershipStatus.declare(
    {
        "permanent_member": ("Permanent member", "A member with a permanent seat (and a veto)."),
        "elected_member": ("Elected member", "A member elected to a seat for a term."),
    }
)
