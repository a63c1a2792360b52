"""``communique new``: commented YAML skeletons to start a record by hand.

Each skeleton loads as it is, so that a reader can check it at once; it
validates once its placeholders are filled. A placeholder is text in angle
brackets (``<the name of the host organisation>``) or the unknown date
``XXXX-XX-XX``; the quotes of the evidence must then be words copied from the
source's text, which :meth:`~communique.Record.validate` checks.
"""

from __future__ import annotations

import difflib
import re
from typing import Final

__all__ = [
    "PLACEHOLDER",
    "SKELETONS",
    "UnknownSkeleton",
    "listing",
    "placeholders",
    "skeleton",
]

#: What a placeholder looks like: text in angle brackets, or an unknown EDTF date.
PLACEHOLDER: Final = re.compile(r"<[^<>\n]+>|XXXX-XX-XX")

_HEAD: Final = """\
# {title}: a skeleton to fill in, made by `communique new {kind}`.
#
# - Replace every <...> and every XXXX-XX-XX; delete the optional lines you do not
#   need (commented-out lines show more fields).
# - Ids are a type prefix and a slug (org:sco, event:2020-03-04-sco-summit): rename
#   them, and every reference to them, as you like.
# - Dates are EDTF: 2020-03-04, 2020-03, 2017, 2019/2020, 2020-03-04? (uncertain).
# - Kinds, roles and other terms: `communique vocab` lists the vocabularies and
#   `communique vocab event-kind` the terms of one, with what each means.
# - Each evidence quote must be words copied exactly from the source's text.
# - Check it with `communique validate FILE`; the format reference is docs/format.md.
communique: "1.0"
entities:
"""

_MEETING: Final = """\
  # The source every fact comes from: a press release, an article, a transcript.
  - type: source
    id: source:meeting-report
    kind: press_release  # communique vocab source-kind
    title: <the title of the source>
    publisher: org:host
    date: XXXX-XX-XX  # when it was published
    # url: https://...
    language: en
    text: |
      <paste the text of the source here>

  - type: organization
    id: org:host
    name: <the name of the host organisation>
    kind: ministry  # communique vocab organization-kind
    # acronym: ...
    # parent: org:...  # the organisation it belongs to

  - type: person
    id: person:host
    name: <the name of the host>
    posts:
      - title: <the host's post, such as Minister of Foreign Affairs>
        organization: org:host

  - type: person
    id: person:visitor
    name: <the name of the visitor>
    posts:
      - title: <the visitor's post>
        # organization: org:...

  - type: event
    id: event:meeting
    kind: bilateral_meeting  # or meeting, talks, consultations: communique vocab event-kind
    title: <what the meeting was, such as Talks on trade>
    date: XXXX-XX-XX
    place:
      name: <the venue or the city>
      # country: AT  # ISO 3166 code
    # attendance: in_person  # or online, hybrid
    organisers: [org:host]
    participants:
      - agent: person:host
        roles: [host]  # communique vocab participant-role
        on_behalf_of: org:host
      - agent: person:visitor
        roles: [participant]
    topics: [<a topic, such as trade>]
    evidence:
      - source: source:meeting-report
        quote: <the words of the text that tell of the meeting>

  # What was said. Only words in quotation marks are a direct_quote; "she said
  # that ..." is reported speech, reported by the publisher.
  - type: statement
    id: statement:host-remarks
    kind: reported_speech  # communique vocab statement-kind
    speakers: [person:host]
    attribution: reported  # communique vocab attribution
    reported_by: org:host
    event: event:meeting
    text: <what the host said, as the source gives it>
    evidence:
      - source: source:meeting-report
        quote: <the words of the text that report what the host said>

  # Something put forward for others to act on (delete it if there is none).
  - type: proposal
    id: proposal:first
    text: <what was proposed>
    proposers: [person:visitor]
    event: event:meeting
    # responses:
    #   - agent: person:host
    #     stance: support  # communique vocab stance
    evidence:
      - source: source:meeting-report
        quote: <the words of the text that give the proposal>
"""

_JOINT_STATEMENT: Final = """\
  # The published text of the joint statement.
  - type: source
    id: source:joint-statement
    kind: official_record  # communique vocab source-kind
    title: <the title under which it was published>
    publisher: org:first-party
    date: XXXX-XX-XX
    # url: https://...
    language: en
    text: |
      <paste the text of the joint statement here>

  # The parties. A state is `type: state` with `country:` its ISO 3166 code.
  - type: organization
    id: org:first-party
    name: <the name of the first party>
    kind: government  # communique vocab organization-kind
  - type: organization
    id: org:second-party
    name: <the name of the second party>
    kind: government

  # Where it was adopted (delete it, and adopted_at below, if not known).
  - type: event
    id: event:summit
    kind: summit  # communique vocab event-kind
    title: <the name of the meeting or summit>
    date: XXXX-XX-XX
    participants:
      - agent: org:first-party
        roles: [host]  # communique vocab participant-role
      - agent: org:second-party
        roles: [participant]

  # The statement as a document: its text, with its parties.
  - type: document
    id: document:joint-statement
    kind: joint_statement  # or declaration, communique: communique vocab document-kind
    title: <the title of the joint statement>
    status: adopted  # communique vocab document-status
    adopted: XXXX-XX-XX
    adopted_at: event:summit
    adopted_by: [org:first-party, org:second-party]
    parties: [org:first-party, org:second-party]
    evidence:
      - source: source:joint-statement
        quote: <the words of the text that name the joint statement>

  # What its collective author states: the preamble is not a commitment, each
  # operative paragraph is a commitment (an undertaking of the parties) or a
  # proposal (for others to act on). One entity for each.
  - type: statement
    id: statement:joint-commitment
    kind: commitment  # communique vocab statement-kind
    speakers: [org:first-party, org:second-party]
    attribution: full_text  # communique vocab attribution
    event: event:summit
    cites: [document:joint-statement]
    text: <an operative paragraph in which the parties commit themselves>
    evidence:
      - source: source:joint-statement
        quote: <the words of the text that give the commitment>

  # The undertaking the paragraph makes: who commits, the bodies named to carry it
  # out ("through ..."), by when and on what condition, and where it stands.
  - type: commitment
    id: commitment:joint-commitment
    text: <what the parties undertake to do>
    committers: [org:first-party, org:second-party]
    # implementers: [org:...]  # the bodies named to carry it out
    # due: {edtf: XXXX-12, phrase: "by the end of XXXX"}  # a deadline or a period
    # condition: <"subject to ...", "provided that ...">
    statement: statement:joint-commitment
    statuses:
      - status: announced  # communique vocab commitment-status
    evidence:
      - source: source:joint-statement
        quote: <the words of the text that give the commitment>

  - type: proposal
    id: proposal:joint-call
    text: <an operative paragraph that calls on others to act>
    proposers: [org:first-party, org:second-party]
    # parties: [org:...]  # those who would act on it
    document: document:joint-statement
    event: event:summit
    evidence:
      - source: source:joint-statement
        quote: <the words of the text that give the call>
"""

_PRESS_CONFERENCE: Final = """\
  # The transcript, or the report, of the press conference.
  - type: source
    id: source:press-conference-transcript
    kind: transcript  # communique vocab source-kind
    title: <the title of the transcript>
    publisher: org:ministry
    date: XXXX-XX-XX
    # url: https://...
    language: en
    text: |
      <paste the text of the transcript here>

  - type: organization
    id: org:ministry
    name: <the name of the ministry or body that held it>
    kind: ministry  # communique vocab organization-kind

  - type: person
    id: person:spokesperson
    name: <the name of the spokesperson>
    posts:
      - title: <the spokesperson's post>
        organization: org:ministry

  # A questioner known only by outlet: the outlet, and an unnamed group drawn from it.
  - type: organization
    id: org:outlet
    name: <the name of the news outlet>
    kind: media_outlet
  - type: group
    id: group:outlet-journalist
    name: <a journalist of the outlet>
    drawn_from: [org:outlet]

  - type: event
    id: event:press-conference
    kind: press_conference  # communique vocab event-kind
    title: <the title of the press conference>
    date: XXXX-XX-XX
    organisers: [org:ministry]
    participants:
      - agent: person:spokesperson
        roles: [speaker, respondent]  # communique vocab participant-role
        on_behalf_of: org:ministry
      - agent: group:outlet-journalist
        roles: [questioner]
    evidence:
      - source: source:press-conference-transcript
        quote: <the words of the transcript that open the press conference>

  # The turns. A transcript gives the full text; a report would give reported speech.
  - type: statement
    id: statement:opening-remarks
    kind: opening_remarks  # communique vocab statement-kind
    speakers: [person:spokesperson]
    attribution: full_text  # communique vocab attribution
    event: event:press-conference
    text: <the opening remarks>
    evidence:
      - source: source:press-conference-transcript
        quote: <the words of the opening remarks in the transcript>

  - type: statement
    id: statement:question-1
    kind: question
    speakers: [group:outlet-journalist]
    attribution: full_text
    event: event:press-conference
    addressees: [person:spokesperson]
    text: <the question>
    evidence:
      - source: source:press-conference-transcript
        quote: <the words of the question in the transcript>

  - type: statement
    id: statement:answer-1
    kind: answer
    speakers: [person:spokesperson]
    attribution: full_text
    event: event:press-conference
    replies_to: statement:question-1
    text: <the answer>  # an untranslated turn has no text and `translated: false`
    evidence:
      - source: source:press-conference-transcript
        quote: <the words of the answer in the transcript>
"""

#: Every skeleton: its kind, a title, one line on what it starts, and its entities.
SKELETONS: Final[dict[str, tuple[str, str, str]]] = {
    "meeting": (
        "A meeting",
        "a meeting of two parties, its source, what was said and proposed",
        _MEETING,
    ),
    "joint-statement": (
        "A joint statement",
        "a joint statement: the document, its parties, commitments and calls",
        _JOINT_STATEMENT,
    ),
    "press-conference": (
        "A press conference",
        "a press conference: remarks, a question and its answer, from a transcript",
        _PRESS_CONFERENCE,
    ),
}


def placeholders(text: str) -> list[str]:
    """The placeholders left in the YAML ``text``, outside its comments, in order.

    >>> placeholders("name: <the name>  # not <this>\\n# nor <this>\\ndate: XXXX-XX-XX\\n")
    ['<the name>', 'XXXX-XX-XX']
    """
    found: list[str] = []
    for line in text.splitlines():
        # The skeletons put no '#' inside a value: a comment starts at the first one.
        found += PLACEHOLDER.findall(line.split("#", 1)[0])
    return found


class UnknownSkeleton(LookupError):
    """A kind of record that has no skeleton; the message says what was meant."""


def skeleton(kind: str) -> str:
    """The commented YAML skeleton of a ``kind`` of record (see :data:`SKELETONS`).

    >>> import communique as cq
    >>> record = cq.loads(skeleton("meeting"), format="yaml")
    >>> record.get("event:meeting").kind
    EventKind('bilateral_meeting')
    """
    found = SKELETONS.get(kind) or SKELETONS.get(kind.replace("_", "-").lower())
    if found is None:
        close = difflib.get_close_matches(kind, list(SKELETONS), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(SKELETONS)}"
        raise UnknownSkeleton(f"no skeleton for {kind!r}; {hint}")
    title, _, body = found
    name = next(k for k, v in SKELETONS.items() if v is found)
    return _HEAD.format(title=title, kind=name) + body


def listing() -> str:
    """The kinds of record that have a skeleton, with what each starts."""
    width = max(len(kind) for kind in SKELETONS)
    lines = ["KIND".ljust(width) + "  WHAT IT STARTS"]
    lines += [f"{kind.ljust(width)}  {about}" for kind, (_, about, _) in SKELETONS.items()]
    lines += [
        "",
        "'communique new KIND > record.yaml' writes a commented skeleton to fill in;",
        "it loads as it is and validates once its placeholders are filled.",
    ]
    return "\n".join(lines) + "\n"
