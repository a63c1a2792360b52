"""Events: meetings, roundtables, summits, visits, press conferences, signings and
adoptions, accessions; with kind, date, place and participants with roles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

import attrs

from ..dates import Date
from ..model import (
    Agent,
    Document,
    Event,
    Evidence,
    Group,
    Organization,
    Participation,
    Person,
    Place,
    State,
)
from ._core import Context, Fact, Region, Span, recognisers
from ._tables import STATES
from ._text import agents_in, slug

__all__ = ["events"]

_NOUNS: Final = {
    "roundtable": "roundtable",
    "round table": "roundtable",
    "press conference": "press_conference",
    "conference": "conference",
    "summit": "summit",
    "meeting": "meeting",
    "talks": "talks",
    "consultations": "consultations",
    "forum": "forum",
    "seminar": "seminar",
    "session": "session",
    "briefing": "briefing",
    "visit": "visit",
    "ceremony": "ceremony",
}
_NOUN: Final = "|".join(re.escape(k) for k in sorted(_NOUNS, key=len, reverse=True))
_TOOK_PART: Final = re.compile(
    r"(?<![\w-])(?P<verb>took\s+part\s+in|participated\s+in|attended|held|hosted|chaired|"
    r"addressed|opened|paid|made|welcomed\s+(?P<guests>[^.;:\n]+?)\s+to)\s+(?P<det>a|an|the)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?P<noun>{_NOUN})(?:\s+discussion)?(?![\w-])"
)
# What an event was on, with no title in quotes: "a seminar on water security".
_ON_TOPIC: Final = re.compile(
    r"\s+on\s+(?P<topic>(?:the\s+)?[\w'\u2019-]+(?:\s+(?!(?:organi[sz]ed|held|hosted|which|that|"
    r"who|with|by|at|on)\b)[\w'\u2019-]+)*)"
)
# A dateline: a line that opens with a place and a date, "Vienna, March 2020."
_DATELINE: Final = re.compile(r"^(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?),\s+", re.MULTILINE)
_SUBJECT: Final = re.compile(
    r"(?:on\s+the\s+(?:subject|theme|topic)\s+of|entitled|titled)\s+[\"\u201c](?P<title>[^\"\u201d]+?)[,.]?[\"\u201d]"
)
_ORGANISED: Final = re.compile(
    r"organi[sz]ed\s+(?P<how>in\s+cooperation\s+with|jointly\s+with|together\s+with|by)\s+"
)
_DATED: Final = re.compile(
    rf"(?<![\w-])(?P<det>the|its|their|a)\s+(?:(?P<place>[A-Z][\w-]+)\s+)?(?P<noun>{_NOUN})"
    r"(?:\s+in\s+(?P<place2>[A-Z][\w-]+))?\s+(?=(?:in|on)\s)"
)
_PART: Final = re.compile(
    r"(?<![\w-])(?:[Dd]uring|[Ii]n|[Aa]t)\s+the\s+(?P<which>online|opening|closing|first|second|final|plenary)\s+"
    rf"part\s+of\s+the\s+(?P<noun>{_NOUN})(?:\s+discussion)?"
)
_ACT: Final = re.compile(
    r"(?<![\w-])(?P<act>adopting|adopted|adoption\s+of|signing\s+of|signing|conclusion\s+of|concluding)\s+(?:the\s+|an?\s+|its\s+)?$",
    re.IGNORECASE,
)
_ACCESSION: Final = re.compile(
    r"(?<![\w-])(?P<act>entry|accession|admission)\s+of\s+(?P<who>[^,.;:]+?)\s+(?=(?:in|on)\s)"
)
_CAPITALS: Final = {state.capital: state.code for state in STATES}
_SPEECH: Final = re.compile(
    r"\b(?:made|delivered|gave)\s+(?:a|an|the)\s+(?:welcome\s+|opening\s+|keynote\s+)?(?:speech|address|remarks)"
    r"|\b(?:presented|spoke)\b"
)
_ATTENDED: Final = re.compile(r"\battended\s+the\s+(?:event|meeting|" + _NOUN + r")")
# The part an agent played, by what a sentence says it did: "moderated the discussion".
_ROLES: Final = (
    (re.compile(r"\bmoderated\b"), "moderator"),
    (re.compile(r"\bchaired\b"), "chair"),
    (_SPEECH, "speaker"),
    (_ATTENDED, "attendee"),
    (re.compile(r"\btook\s+part\b(?!\s+in)"), "participant"),
)


def _roles(said: str) -> tuple[str, ...]:
    return tuple(role for pattern, role in _ROLES if pattern.search(said))


def _dateline(context: Context) -> tuple[Date | None, Place | None]:
    """The date and place of a dateline that opens a line ("Vienna, March 2020."):
    what a report with no other date tells of, then and there."""
    for sentence in context.sentences():
        m = _DATELINE.match(context.text, sentence.start)
        dated = context.within(sentence, "date")
        if m is None or not dated or not isinstance(dated[0].value, Date):
            continue
        if (
            context.text[dated[0].span.end : sentence.end].strip(" .")
            or m.end() != dated[0].span.start
        ):
            continue  # the date must be all that follows the place
        name = m.group("place")
        # The place of a dateline is a place by its form; its country is known for a capital.
        place = Place(name=name, locality=name, country=_CAPITALS.get(name))
        date = dated[0].value
        return (
            Date(
                date.edtf,
                inferred=True,
                phrase=date.phrase,
                basis="the dateline of the text, under which the text tells of the event",
            ),
            place,
        )
    return None, None


def _date_at(context: Context, start: int, slack: int = 4) -> Fact | None:
    for fact in context.of_kind("date"):
        if start <= fact.span.start <= start + slack:
            return fact
    return None


def _place(context: Context, sentence: Span, after: int = 0) -> Place | None:
    text = context.text[max(sentence.start, after) : sentence.end]
    for m in re.finditer(r"\bin\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)", text):
        name = m.group(1)
        if name in _CAPITALS:
            return Place(name=name, locality=name, country=_CAPITALS[name])
    return None


def _evidence(context: Context, span: Span) -> tuple[Evidence, ...]:
    return (Evidence(source=context.source, quote=span.quote, start=span.start, end=span.end),)


def _adopter(context: Context, sentence: Span, act: int, after: int) -> list[Fact]:
    """Who adopted: the subject before the verb ("the Government adopted"), else the
    first agent after the date ("By adopting ... on 17 July, the EU confirmed")."""
    before = [f for f in agents_in(context, sentence) if f.span.end <= act]
    if before:
        return before[-1:]
    return [f for f in agents_in(context, sentence) if f.span.start >= after][:1]


def _ident(kind: str, date: Date | None, *words: str | None) -> str:
    said = " ".join(w for w in words if w) or kind
    return f"event:{date.edtf if date else 'undated'}-{slug(said, 5)}"


@recognisers.register("events")
def events(context: Context) -> Iterator[Fact]:
    """Events taken part in ("took part in a roundtable discussion on the subject
    of ..."), named with a date ("the Qingdao summit in 2018"), parts of events ("the
    online part of the roundtable"), adoptions and signings of documents, and
    accessions ("the entry of India and Pakistan in 2017")."""
    text = context.text
    made: list[tuple[str, Event]] = []
    on_dateline = _dateline(context)
    for m in _TOOK_PART.finditer(text):
        sentence = context.sentence_at(m.start())
        kind = _NOUNS[m.group("noun")]
        earlier = next((e for k, e in reversed(made) if k == kind), None)
        if m.group("det") == "the" and earlier is not None:
            # "opened the roundtable": the one told of before; who did it takes part.
            said = text[sentence.start : sentence.end]
            again = [
                Participation(
                    agent=f.value.id,
                    roles=_roles(said) or ("participant",),
                    evidence=_evidence(context, f.span),
                )
                for f in agents_in(context, Region(sentence.start, m.start()), outermost=True)
                if isinstance(f.value, (Person, Organization, State))
            ]
            yield Fact(
                value=attrs.evolve(earlier, participants=tuple(again)),
                span=sentence,
                confidence=0.75,
            )
            continue
        dated = context.within(sentence, "date")
        date = dated[0].value if dated and isinstance(dated[0].value, Date) else None
        place = _place(context, sentence, m.end())
        if date is None and m.group("det") != "the":
            date, place = on_dateline[0], place or on_dateline[1]
        subject = _SUBJECT.search(text, sentence.start, sentence.end)
        title = " ".join(subject.group("title").split()) if subject else None
        topic = _ON_TOPIC.match(text, m.end(), sentence.end)
        about = title
        if (
            about is None
            and topic is not None
            and not context.within(Region(topic.start(), topic.end()), "date")
        ):
            about = " ".join(topic.group("topic").split())
        participants: list[Participation] = []
        organised = _ORGANISED.search(text, m.end(), sentence.end)
        # Who took part: the subject, and those the event was "with".
        before_verb = Region(sentence.start, m.start())
        met = Region(m.end(), organised.start() if organised else sentence.end)
        welcomed = m.group("guests") is not None
        taking_part = agents_in(context, before_verb, outermost=True) + [
            f for f in agents_in(context, met, outermost=True) if isinstance(f.value, Person)
        ]
        hosts = {f.value.id for f in taking_part if welcomed and isinstance(f.value, Agent)}
        if welcomed:
            taking_part += agents_in(
                context, Region(m.start("guests"), m.end("guests")), outermost=True
            )
        for fact in taking_part:
            if isinstance(fact.value, (Person, Organization, State)):
                role = "host" if fact.value.id in hosts else "guest" if welcomed else "participant"
                participants.append(
                    Participation(
                        agent=fact.value.id,
                        roles=(role,),
                        evidence=_evidence(context, fact.span),
                    )
                )
        organisers: list[str] = sorted(hosts)
        if organised:
            role = "organiser" if organised.group("how") == "by" else "co_organiser"
            for fact in agents_in(context, Region(organised.end(), sentence.end))[:1]:
                assert isinstance(fact.value, Agent)
                organisers.append(fact.value.id)
                participants.append(
                    Participation(
                        agent=fact.value.id, roles=(role,), evidence=_evidence(context, fact.span)
                    )
                )
        # The next sentences of the text say who spoke and who attended.
        # The rest of its line and the next line (to the end of a text with no more).
        line_end = text.find("\n", sentence.end)
        next_end = text.find("\n", line_end + 1) if line_end >= 0 else -1
        following = Region(sentence.end, next_end if next_end >= 0 else len(text))
        for other in context.sentences():
            if not (following.start <= other.start < following.end):
                continue
            part_roles = _roles(text[other.start : other.end])
            if not part_roles:
                continue
            for fact in agents_in(context, other):
                if isinstance(fact.value, (Person, Group)) and all(
                    p.agent != fact.value.id for p in participants
                ):
                    participants.append(
                        Participation(
                            agent=fact.value.id,
                            roles=part_roles,
                            evidence=_evidence(context, fact.span),
                        )
                    )
        event = Event(
            id=_ident(kind, date, kind, title),
            kind=kind,
            title=title,
            subject=about,
            date=date,
            place=place,
            organisers=tuple(organisers),
            participants=tuple(participants),
        )
        made.append((kind, event))
        yield Fact(value=event, span=sentence, confidence=0.85)
    for m in _PART.finditer(text):
        parent = next((e for k, e in reversed(made) if k == _NOUNS[m.group("noun")]), None)
        if parent is None:
            continue
        sentence = context.sentence_at(m.start())
        said = text[sentence.start : sentence.end]
        kind = "question_and_answer" if re.search(r"\bquestions\b", said) else parent.kind
        participants = [
            Participation(
                agent=f.value.id,
                roles=("respondent" if kind == "question_and_answer" else "participant",),
                evidence=_evidence(context, f.span),
            )
            for f in agents_in(context, sentence)
            if isinstance(f.value, Person)
        ]
        which = m.group("which")
        event = Event(
            id=f"{parent.id}-{which}-part",
            kind=kind,
            title=f"{which.capitalize()} part of the {m.group('noun')}",
            date=parent.date,
            attendance="online" if which == "online" else None,
            part_of=parent.id,
            participants=tuple(participants),
        )
        yield Fact(value=event, span=sentence, confidence=0.75)
    for m in _DATED.finditer(text):
        when = _date_at(context, m.end())
        if when is None or not isinstance(when.value, Date):
            continue
        sentence = context.sentence_at(m.start())
        kind = _NOUNS[m.group("noun")]
        name: str | None = m.group("place") or m.group("place2")
        place = None
        if name is not None:
            place = Place(name=name, locality=name, country=_CAPITALS.get(name))
        organisers = []
        if m.group("det") in ("its", "their"):
            owners = [
                f.value.id
                for f in context.within(sentence, "organization")
                if isinstance(f.value, Organization)
            ]
            organisers = owners[:1]
        event = Event(
            id=_ident(kind, when.value, name, kind),
            kind=kind,
            title=f"{m.group('noun').capitalize()} in {name}" if name else None,
            date=when.value,
            place=place,
            organisers=tuple(organisers),
        )
        yield Fact(value=event, span=context.span(m.start(), when.span.end), confidence=0.8)
    for fact in context.of_kind("document"):
        document = fact.value
        assert isinstance(document, Document)
        act = _ACT.search(text, max(0, fact.span.start - 30), fact.span.start)
        if act is None or fact.confidence < 0.75:
            continue
        sentence = context.sentence_at(fact.span.start)
        when = _date_at(context, fact.span.end, slack=2)
        if when is None or not isinstance(when.value, Date):
            continue
        signing = not act.group("act").lower().startswith("adopt")
        kind = "signing" if signing else "adoption"
        parties = (
            agents_in(context, fact.span)
            if signing
            else _adopter(context, sentence, act.start(), when.span.end)
        )
        event = Event(
            id=_ident(kind, when.value, kind, document.title),
            kind=kind,
            title=f"{'Conclusion' if signing else 'Adoption'} of the {document.title[0].lower()}{document.title[1:]}",
            date=when.value,
            place=_place(context, sentence, when.span.end),
            participants=tuple(
                Participation(
                    agent=f.value.id,
                    roles=("signatory" if signing else "participant",),
                    evidence=_evidence(context, f.span),
                )
                for f in parties
                if isinstance(f.value, Agent)
            ),
        )
        yield Fact(value=event, span=context.span(act.start(), when.span.end), confidence=0.75)
    for m in _ACCESSION.finditer(text):
        when = _date_at(context, m.end())
        if when is None or not isinstance(when.value, Date):
            continue
        who = [
            f
            for f in agents_in(context, Region(m.start("who"), m.end("who")))
            if isinstance(f.value, (State, Organization))
        ]
        if not who:
            continue
        event = Event(
            id=_ident(
                "accession",
                when.value,
                "accession",
                *(f.value.name for f in who if isinstance(f.value, Agent)),
            ),
            kind="accession",
            title=" ".join(f"{m.group('act').capitalize()} of {m.group('who')}".split()),
            date=when.value,
            participants=tuple(
                Participation(
                    agent=f.value.id, roles=("participant",), evidence=_evidence(context, f.span)
                )
                for f in who
                if isinstance(f.value, Agent)
            ),
        )
        yield Fact(value=event, span=context.span(m.start(), when.span.end), confidence=0.75)
