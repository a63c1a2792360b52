"""Agents: states from names and adjectives, organisations and their acronyms,
people with their posts, and unnamed groups."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

import attrs

from ..model import Agent, Group, Name, Organization, Person, Post, State
from ._core import Context, Fact, Region, Span, recognisers
from ._tables import ORGANISATIONS, STATES
from ._text import agents_in, slug

__all__ = ["groups", "organisations", "people", "states"]


def _words(*names: str) -> str:
    # Any white space between words: texts use no-break spaces too.
    escaped = (
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(set(names), key=len, reverse=True)
    )
    return "|".join(escaped)


_STATE_BY_WORD: Final = {
    word: state for state in STATES for word in (state.name, *state.other_names, *state.adjectives)
}
_STATE_NAMES: Final = re.compile(r"(?<![\w])(?:the\s+)?(" + _words(*_STATE_BY_WORD) + r")(?![\w])")


def state_of(word: str) -> State | None:
    """The state a name or adjective stands for, from the table of states."""
    known = _STATE_BY_WORD.get(word)
    if known is None:
        return None
    return State(id=f"state:{known.code.lower()}", name=known.name, country=known.code)


@recognisers.register("states")
def states(context: Context) -> Iterator[Fact]:
    """States named ("Pakistan", "the United States") or by adjective ("Austrian")."""
    for m in _STATE_NAMES.finditer(context.text):
        word = m.group(1)
        state = state_of(word)
        assert state is not None
        by_name = word == state.name or word in _STATE_BY_WORD[word].other_names
        yield Fact(
            value=state,
            span=context.span(m.start(1), m.end(1)),
            confidence=0.95 if by_name else 0.8,
        )


# -- organisations ----------------------------------------------------------------

_HEADS: Final = {
    "Institute": "research_institute",
    "Centre": "research_institute",
    "Center": "research_institute",
    "Office": "other",
    "Agency": "other",
    "Council": "other",
    "Commission": "other",
    "Committee": "other",
    "Secretariat": "secretariat",
    "Consortium": "consortium",
    "Forum": "forum",
    "Foundation": "ngo",
    "University": "university",
    "Ministry": "ministry",
    "Government": "government",
    "Parliament": "parliament",
    "Bank": "other",
    "Fund": "other",
}
_CAP: Final = r"[A-Z][\w'\u2019-]*"
_LINK: Final = r"(?:of|for|on|and|in|the|de)"
# A capitalised name ending in the noun of a body, with an optional "of ..." tail.
_BODY: Final = re.compile(
    rf"(?<![\w-])((?:{_CAP}\s+(?:{_LINK}\s+)*)*?(?:{_CAP}\s+)*({'|'.join(_HEADS)})"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_CAP}(?:\s+(?:and\s+)?{_CAP})*)?)(?![\w-])"
)
# A body named by the acronym of its parent and a lower-case noun: "SCO forum".
_CHILD: Final = re.compile(
    rf"(?<![\w-])([A-Z]{{2,6}})\s+({'|'.join(h.lower() for h in _HEADS)})(?![\w-])"
)
_DEFINED: Final = re.compile(
    rf"(?:the\s+)?((?:{_CAP}\s+(?:{_LINK}\s+)*)+{_CAP})\s+\(([A-Z][A-Za-z]{{1,9}})\)"
)


def _known_organisations(context: Context) -> list[tuple[Organization, tuple[str, ...]]]:
    """Organisations by the names a text uses for them: the known record's first,
    then the table."""
    found: list[tuple[Organization, tuple[str, ...]]] = []
    if context.known is not None:
        for org in context.known.organizations:
            names = (org.name, *(n.name for n in org.other_names))
            found.append((org, (*names, *([org.acronym] if org.acronym else []))))
    by_acronym = {k.acronym: k for k in ORGANISATIONS if k.acronym}
    for k in ORGANISATIONS:
        ident = f"org:{slug(k.acronym or k.name)}"
        parent = by_acronym.get(k.parent) if k.parent else None
        org = Organization(
            id=ident,
            name=k.name,
            acronym=k.acronym,
            kind=k.kind,
            other_names=tuple(Name(name=n, language="en") for n in k.other_names),
            parent=f"org:{slug(parent.acronym or parent.name)}" if parent else None,
        )
        found.append((org, (k.name, *k.other_names, *([k.acronym] if k.acronym else []))))
    return found


def _country(name: str) -> str | None:
    for word in re.findall(r"[A-Z][\w-]*", name):
        state = state_of(word)
        if state is not None:
            return state.country
    return None


@recognisers.register("organisations")
def organisations(context: Context) -> Iterator[Fact]:
    """Organisations defined with their acronym ("the Austrian Institute for European
    and Security Policy (AIES)"), named by acronym or name, or by the noun of a body
    ("the Afghan Government", "SCO forum")."""
    text = context.text
    taken: list[Span] = []
    defined: list[tuple[Organization, tuple[str, ...]]] = []
    for m in _DEFINED.finditer(text):
        name, acronym = " ".join(m.group(1).split()), m.group(2)
        head = name.split()[-1]
        org = Organization(
            id=_publisher_or(context, acronym, f"org:{slug(acronym)}"),
            name=name,
            acronym=acronym,
            kind=_HEADS.get(head),
            country=_country(name),
        )
        defined.append((org, (name, acronym)))
        span = context.span(m.start(1), m.end(2) + 1)
        taken.append(span)
        yield Fact(value=org, span=span, confidence=0.95)
    # Every mention of a body we know, the longest first: "UN Office on Drugs and
    # Crime" is UNODC, not the UN.
    mentions: list[tuple[Span, Organization]] = []
    for org, names in [*defined, *_known_organisations(context)]:
        pattern = re.compile(r"(?<![\w])(?:" + _words(*names) + r")(?![\w])")
        mentions.extend((context.span(m.start(), m.end()), org) for m in pattern.finditer(text))
    mentions.sort(key=lambda item: (item[0].start - item[0].end, item[0].start))
    kept: list[tuple[Span, Organization]] = []
    for span, org in mentions:
        if not any(span.overlaps(t) for t in taken):
            taken.append(span)
            kept.append((span, org))
    for span, org in sorted(kept, key=lambda item: item[0].start):
        yield Fact(value=org, span=span, confidence=0.9)
    for m in _CHILD.finditer(text):
        parent = next(
            (o for o, n in _known_organisations(context) if o.acronym == m.group(1)), None
        )
        if parent is None:
            continue
        span = context.span(m.start(), m.end())
        name = f"{m.group(1)} {m.group(2).capitalize()}"
        taken.append(span)
        yield Fact(
            value=Organization(
                id=f"org:{slug(name)}",
                name=name,
                kind=_HEADS[m.group(2).capitalize()],
                parent=parent.id,
            ),
            span=span,
            confidence=0.7,
        )
    bodies: list[tuple[Span, Organization]] = []
    for m in _BODY.finditer(text):
        start = m.start(1) + (4 if m.group(1).startswith("The ") else 0)
        span = context.span(start, m.end(1))
        name = " ".join(span.quote.split())
        if any(span.overlaps(t) for t in taken) or len(name.split()) < 2:
            continue
        taken.append(span)
        org = Organization(
            id=f"org:{slug(name)}", name=name, kind=_HEADS[m.group(2)], country=_country(name)
        )
        bodies.append((span, org))
    # A body named in full once and by its acronym elsewhere, with no "(ACRONYM)"
    # to say so: the acronym is taken when its letters are the initials of the name.
    found: list[tuple[Span, Organization]] = []
    for span, org in bodies:
        mentions_of = [span]
        for m in _ACRONYM.finditer(text):
            mention = context.span(m.start(), m.end())
            if any(mention.overlaps(t) for t in taken) or not _initials_of(m.group(), org.name):
                continue
            if org.acronym in (None, m.group()):
                ident = _publisher_or(context, m.group(), org.id)
                org = attrs.evolve(org, id=ident, acronym=m.group())  # noqa: PLW2901 (the same body, known better)
                mentions_of.append(mention)
                taken.append(mention)
        found.extend((s, org) for s in mentions_of)
    for span, org in sorted(found, key=lambda item: item[0].start):
        yield Fact(value=org, span=span, confidence=0.75 if span.quote == org.name else 0.7)


def _publisher_or(context: Context, acronym: str, ident: str) -> str:
    """The publisher's id for a body the text names whose acronym opens that id
    ("AIES" for ``org:aies-vienna``): the publisher named in its own text."""
    publisher = context.publisher
    if publisher is not None and publisher.startswith("org:"):
        if publisher[4:].split("-")[0] == acronym.lower():
            return publisher
    return ident


_ACRONYM: Final = re.compile(r"(?<![\w-])[A-Z]{3,6}(?![\w-])")


def _initials_of(acronym: str, name: str) -> bool:
    """Whether an acronym is made of the initials of a name's capitalised words, in
    order, from the first, leaving out at most one: "AIES" for "Austrian Institute
    for European and Security Policy", "CSIS" for "Centre for Strategic and
    International Studies"."""
    initials = [w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
    if not initials or acronym[0] != initials[0] or len(acronym) < len(initials) - 1:
        return False
    rest = iter(initials[1:])
    return all(letter in rest for letter in acronym[1:])


# -- people -------------------------------------------------------------------------

_TITLES: Final = (
    "Deputy Secretary-General",
    "Secretary-General",
    "Secretary General",
    "Deputy Prime Minister",
    "Prime Minister",
    "Deputy Foreign Minister",
    "Foreign Minister",
    "Minister of Foreign Affairs",
    "Defence Minister",
    "Defense Minister",
    "Minister",
    "Vice-President",
    "Vice President",
    "President",
    "Ambassador",
    "Director-General",
    "Executive Director",
    "Director",
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "Chair",
    "Head",
    "Special Representative",
    "Permanent Representative",
    "Spokesperson",
    "Spokesman",
    "Chancellor",
)
_TITLE: Final = "|".join(re.escape(t) + "|" + re.escape(t[0].lower() + t[1:]) for t in _TITLES)
_NAME_WORD: Final = r"[A-Z][a-z-]+(?:['\u2019][A-Z][a-z-]+)?"
_PERSON_NAME: Final = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}"
_TITLED: Final = re.compile(
    rf"(?<![\w-])(?P<former>former\s+)?(?:(?P<of>[A-Z][\w-]*)\s+)?(?P<title>{_TITLE})"
    rf"(?:\s+(?P<name>{_PERSON_NAME}))?(?![\w-])"
)
_HONORIFIC: Final = re.compile(
    rf"(?<![\w])(?P<hon>Mr|Ms|Mrs|Dr|Madam)\.?\s+(?P<surname>{_NAME_WORD})"
)


def _holder(context: Context, word: str | None) -> str | None:
    """The id of the organisation or state a title belongs to ("SCO", "Austrian")."""
    if word is None:
        return None
    state = state_of(word)
    if state is not None:
        return state.id
    for fact in context.of_kind("organization"):
        org = fact.value
        assert isinstance(org, Organization)
        if word in (org.acronym, org.name):
            return org.id
    return None


# A title, "of" and the body, then the name in apposition.
_TITLE_OF: Final = re.compile(
    rf"(?<![\w-])(?P<title>{_TITLE})\s+of\s+(?P<body>[^,.;:\n]+?),\s+(?P<name>{_PERSON_NAME})(?![\w-])"
)
# A name, then its post in apposition: "Jane Roe, director of the Centre for ...,".
_APPOSITIVE: Final = re.compile(
    rf"(?:^|(?<=[.;:\n])\s*|(?<=\band\s)|(?<=\bby\s)|(?<=\bwith\s))"
    rf"(?P<name>{_PERSON_NAME}),\s+(?:the\s+)?"
    rf"(?P<post>(?P<title>{_TITLE})\s+of\s+(?P<rest>[^,.;:\n]+?))(?=\s*[,;:.)\n])",
    re.MULTILINE,
)
# "the institute's", "its": the body the post belongs to, named before.
_REFERRED: Final = re.compile(
    rf"^(?:(?:the\s+(?P<noun>{'|'.join(h.lower() for h in _HEADS)}|organi[sz]ation)['\u2019]s)|its)\s+"
)


def _capital(title: str) -> str:
    return title[0].upper() + title[1:]


def _covers(context: Context, span: Span, region: Region) -> bool:
    """Whether a mention is all of a stretch of text but an article before it."""
    head = context.text[region.start : span.start].strip().lower()
    tail = context.text[span.end : region.end].strip()
    return head in ("", "the") and not tail


def _person(
    found: dict[str, Person],
    posts: dict[tuple[str | None, str], Person],
    name: str,
    title: str,
    holder: Fact | None,
) -> Person:
    """The person of a name, made with the post at its first mention."""
    name = " ".join(name.split())
    ident = f"person:{slug(name)}"
    person = found.get(ident)
    if person is None:
        organization = (
            holder.value.id if holder is not None and isinstance(holder.value, Agent) else None
        )
        person = Person(id=ident, name=name, posts=(Post(title=title, organization=organization),))
        found[ident] = person
        posts[(organization, title)] = person
    return person


def _appositive_post(context: Context, m: re.Match[str]) -> tuple[str, Fact | None] | None:
    """The title and the holder of a post in apposition: a body named in it ("head
    of the Centre for Arctic Studies"), or one it refers back to ("head of the
    institute's Arctic programme": the last institute named before)."""
    rest = Region(m.start("rest"), m.end("rest"))
    named = [
        f
        for f in agents_in(context, rest, outermost=True)
        if isinstance(f.value, (Organization, State))
    ]
    if named and _covers(context, named[0].span, rest):
        return _capital(m.group("title")), named[0]  # "director of the Centre for ..."
    if named:
        return _capital(" ".join(m.group("post").split())), named[0]
    referred = _REFERRED.match(m.group("rest"))
    if referred is None:
        return None
    noun = referred.group("noun")
    before = [
        f
        for f in context.of_kind("organization")
        if f.span.end <= m.start()
        and isinstance(f.value, Organization)
        and (noun is None or noun.startswith("organi") or noun.capitalize() in f.value.name.split())
    ]
    if not before:
        return None
    what = m.group("rest")[referred.end() :]
    title = f"{_capital(m.group('title'))} of the {' '.join(what.split())}"
    return title, before[-1]


@recognisers.register("people")
def people(context: Context) -> Iterator[Fact]:
    """People from titled mentions ("SCO Secretary-General Vladimir Norov", "AIES
    president Werner Fasslabend"), and later mentions of them: by honorific and
    surname ("Mr Norov") or by their post alone ("the SCO Secretary-General")."""
    found: dict[str, Person] = {}
    posts: dict[tuple[str | None, str], Person] = {}
    mentions: list[tuple[int, int, str | None, str]] = []
    if context.known is not None:
        # People of the known record, by their names alone; "Mr X" finds them below.
        for known in context.known.people:
            found[known.id] = known
            names = (known.name, *(n.name for n in known.other_names))
            pattern = re.compile(r"(?<![\w])(?:" + _words(*names) + r")(?![\w])")
            for m in pattern.finditer(context.text):
                yield Fact(value=known, span=context.span(m.start(), m.end()), confidence=0.9)
    for m in _TITLED.finditer(context.text):
        holder = _holder(context, m.group("of"))
        title = m.group("title")
        title = title[0].upper() + title[1:]
        name = m.group("name")
        if name is None:
            mentions.append(
                (
                    m.start("title") if holder is None else m.start("of"),
                    m.end("title"),
                    holder,
                    title,
                )
            )
            continue
        if m.group("of") and holder is None:
            continue  # "Foreign Minister" after a word that is no body we know
        name = " ".join(name.split())
        ident = f"person:{slug(name)}"
        person = found.get(ident)
        if person is None:
            post = Post(title=title, organization=holder, former=bool(m.group("former")))
            person = Person(id=ident, name=name, posts=(post,))
            found[ident] = person
            posts[(holder, title)] = person
        start = (
            m.start("former")
            if m.group("former")
            else m.start("of")
            if m.group("of")
            else m.start("title")
        )
        yield Fact(value=person, span=context.span(start, m.end("name")), confidence=0.9)
    for m in _TITLE_OF.finditer(context.text):
        # "the Secretary-General of the Shanghai Cooperation Organisation, Vladimir Norov"
        body = Region(m.start("body"), m.end("body"))
        holders = [
            f
            for f in agents_in(context, body, outermost=True)
            if isinstance(f.value, (Organization, State))
        ]
        if len(holders) != 1 or not _covers(context, holders[0].span, body):
            continue
        person = _person(found, posts, m.group("name"), _capital(m.group("title")), holders[0])
        yield Fact(value=person, span=context.span(m.start(), m.end("name")), confidence=0.85)
    for m in _APPOSITIVE.finditer(context.text):
        # "Anna Reiter, head of the institute's Eurasia programme"
        name = " ".join(m.group("name").split())
        if any(state_of(w) for w in name.split()) or context.within(
            context.span(m.start("name"), m.end("name")), "organization", "state"
        ):
            continue
        appositive = _appositive_post(context, m)
        if appositive is None:
            continue
        person = _person(found, posts, name, *appositive)
        yield Fact(value=person, span=context.span(m.start(), m.end("post")), confidence=0.75)
    for start, end, holder, title in mentions:
        holder_person = posts.get((holder, title))
        if holder_person is not None and holder is not None:
            yield Fact(value=holder_person, span=context.span(start, end), confidence=0.7)
    for m in _HONORIFIC.finditer(context.text):
        surname = m.group("surname")
        matches = [p for p in found.values() if p.name.split()[-1] == surname]
        if len(matches) == 1:
            yield Fact(value=matches[0], span=context.span(m.start(), m.end()), confidence=0.85)
        elif not matches and surname not in _STATE_BY_WORD:
            person = Person(id=f"person:{slug(surname)}", name=surname, honorific=m.group("hon"))
            found[person.id] = person
            yield Fact(value=person, span=context.span(m.start(), m.end()), confidence=0.5)


# -- unnamed groups -------------------------------------------------------------------

_COLLECTIVE: Final = r"(?:representatives|experts|delegates|delegations|heads|officials|leaders|presidents|ministers|participants|attendees)"
_GROUP: Final = re.compile(
    rf"(?<![\w-])(?P<noun>{_COLLECTIVE})\s+(?:of|from)\s+(?:the\s+|various\s+)*"
    r"(?P<rest>[^,.;:\n]+?)(?=\s+(?:and|that|who|which|with|to|attended|expressed|made|took|were|are|said|noted|stressed|proposed|called|agreed|supported|welcomed|discussed)\b|[,.;:\n])",
    re.IGNORECASE,
)
_MEMBERS: Final = re.compile(
    r"(?<![\w-])(?P<of>[A-Z][A-Za-z]+(?:\s+and\s+[A-Z][A-Za-z]+)?)\s+member\s+(?P<what>states|countries)"
)
_REGIONAL: Final = re.compile(
    r"(?<![\w-])(?P<adj>(?:[A-Z][a-z]+\s+)+)(?P<what>countries|states|nations)\b"
)
_PARTICIPANTS: Final = re.compile(
    r"(?<![\w-])[Tt]he\s+(participants|attendees|audience|delegations|sides|parties)\b"
)


def _group(context: Context, name: str, start: int, end: int, confidence: float) -> Fact:
    span = context.span(start, end)
    name = " ".join(name.split())
    drawn = tuple(f.value.id for f in agents_in(context, span) if isinstance(f.value, Agent))
    name = name[0].upper() + name[1:]
    return Fact(
        value=Group(id=f"group:{slug(name, 8)}", name=name, drawn_from=drawn),
        span=span,
        confidence=confidence,
    )


@recognisers.register("groups")
def groups(context: Context) -> Iterator[Fact]:
    """Unnamed groups: "representatives of the diplomatic missions of SCO countries",
    "SCO member states", "Central Asian countries", "the participants"."""
    taken: list[Span] = []

    def fresh(start: int, end: int) -> bool:
        span = context.span(start, end)
        if any(span.overlaps(t) for t in taken):
            return False
        taken.append(span)
        return True

    for m in _GROUP.finditer(context.text):
        if fresh(m.start(), m.end()):
            yield _group(context, m.group(), m.start(), m.end(), 0.7)
    for m in _MEMBERS.finditer(context.text):
        if _holder(context, m.group("of").split()[0]) and fresh(m.start(), m.end()):
            yield _group(context, m.group(), m.start(), m.end(), 0.8)
    for m in _REGIONAL.finditer(context.text):
        adjective = m.group("adj").strip()
        words = adjective.split()
        if words[0] in ("The", "All", "These", "Those", "Many", "Most") or words[-1] in (
            "SCO",
            "EU",
        ):
            continue
        if any(state_of(w) for w in words) and len(words) == 1:
            continue  # "Austrian countries" is no group; a state adjective alone
        if fresh(m.start(), m.end()):
            yield _group(context, m.group(), m.start(), m.end(), 0.7)
    for m in _PARTICIPANTS.finditer(context.text):
        span = context.span(m.start(1), m.end(1))
        if any(span.overlaps(t) for t in taken):
            continue
        name = m.group(1).capitalize()
        yield Fact(
            value=Group(id=f"group:{slug(name)}", name=name),
            span=span,
            confidence=0.8,
        )
