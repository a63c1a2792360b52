"""Documents named in the text: conventions, agreements, declarations, strategies,
programmes, roadmaps, resolutions; with their kind, status and year where given."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

import attrs

from ..dates import Date
from ..model import Document, Organization
from ._core import Context, Fact, Span, recognisers
from ._text import slug

__all__ = ["documents"]

# The noun of a document and the kind it gives.
_KINDS: Final = {
    "convention": "convention",
    "charter": "charter",
    "treaty": "treaty",
    "agreement": "agreement",
    "protocol": "protocol",
    "memorandum": "memorandum",
    "declaration": "declaration",
    "communiqué": "communique",
    "communique": "communique",
    "strategy": "strategy",
    "roadmap": "roadmap",
    "road map": "roadmap",
    "programme of action": "programme",
    "programme": "programme",
    "program": "programme",
    "action plan": "action_plan",
    "plan of action": "action_plan",
    "resolution": "resolution",
    "joint statement": "joint_statement",
    "joint addresses": "address",
    "addresses": "address",
    "rules": "other",
}
_NOUN: Final = "|".join(re.escape(k) for k in sorted(_KINDS, key=len, reverse=True))
_CAP: Final = r"[A-Z][\w'\u2019-]*"
# A title: "the Convention on Countering Extremism", "its Charter".
_TITLED: Final = re.compile(
    rf"(?<![\w-])(?P<det>(?:the|its|their|an?)\s+)?(?P<title>(?:{_CAP}\s+)*(?:{_NOUN.title().replace('Of', 'of')}|"
    rf"{_NOUN.replace('|', '|').title()})(?:\s+(?:on|of|for|against|Against|On|Of|For)\s+(?:the\s+)?{_CAP}(?:\s+(?:and\s+)?{_CAP})*)?)(?![\w-])"
)
# A described document: "its revised strategy on Central Asia", "the roadmap endorsed
# at its summit in Bishkek", "an agreement between the United States and the Taliban".
_DESCRIBED: Final = re.compile(
    rf"(?<![\w-])(?:(?P<det>the|its|their|an?)\s+)?(?P<title>(?P<mods>(?:(?:revised|new|joint|draft|updated|final|[A-Z]{{2,6}})\s+)*)"
    rf"(?P<noun>{_NOUN})(?P<tail>\s+(?:on|for|of|between|against)\s+[^,.;:\n]+?)?)"
    r"(?=\s+(?:on|in|at|which|that|is|are|was|were|has|have|endorsed|adopted|signed|formulated|prioritises|and\s+to|and\s+\w+ed)\b|[,.;:\n]|\s+\d)"
)
_BACK: Final = re.compile(
    rf"(?<![\w-])(?:this|that|these|the\s+aforementioned|the\s+said|the\s+above-mentioned)\s+(?:[A-Z]{{2,6}}\s+)?(?P<noun>{_NOUN})\b",
    re.IGNORECASE,
)
_STATUS: Final = (
    (re.compile(r"open\s+for\s+(?:signing|signature)"), "open_for_signature"),
    (
        re.compile(r"being\s+(?:\w+\s+)?(?:elaborated|drafted|negotiated|prepared)|\bdraft\b"),
        "draft",
    ),
    (re.compile(r"\bendorsed\b"), "endorsed"),
    (re.compile(r"\b(?:signed|signing|conclusion\s+of|concluded)\b"), "signed"),
    (re.compile(r"\b(?:[Aa]dopted|[Aa]dopting|[Aa]doption)\b"), "adopted"),
)
_PRECEDED: Final = re.compile(
    r"(?:this|that|these|aforementioned|said|above-mentioned)\s+$", re.IGNORECASE
)
_CLAUSE: Final = re.compile(r"\s+(?:endorsed|adopted|signed|formulated|agreed)\b[^,.;:\n]*")
_GENERIC: Final = frozenset(
    ("rules", "addresses", "programme", "program", "agreement", "strategy", "roadmap", "road map")
)


def _status(sentence: str) -> str | None:
    for pattern, status in _STATUS:
        if pattern.search(sentence):
            return status
    return None


def _year(context: Context, sentence: Span) -> Date | None:
    dated = context.within(sentence, "date")
    if dated and isinstance(dated[0].value, Date):
        return dated[0].value
    return None


def _owner(context: Context, det: str | None, sentence: Span, at: int) -> Organization | None:
    """The body "its" refers to: the first organisation named in the sentence."""
    if det is None or det.strip().lower() not in ("its", "their"):
        return None
    for fact in context.within(sentence, "organization"):
        if isinstance(fact.value, Organization):
            return fact.value
    return None


@recognisers.register("documents")
def documents(context: Context) -> Iterator[Fact]:
    """Documents by title ("the Convention Against Terrorism", "its Charter"), by
    description ("the roadmap endorsed at its summit in Bishkek in 2019"), and later
    mentions of them ("this agreement", "the aforementioned EU strategy")."""
    taken: list[Span] = []
    latest: dict[str, Document] = {}
    found: list[tuple[int, Span, Document, float]] = []
    text = context.text

    def add(span: Span, title: str, noun: str, det: str | None, confidence: float) -> None:
        if any(span.overlaps(t) for t in taken):
            return
        sentence = context.sentence_at(span.start)
        kind = _KINDS[noun.lower()]
        owner = _owner(context, det, sentence, span.start)
        title = " ".join(title.split())
        if owner is not None and not re.search(r" (?:of|on|for|between) ", title):
            title = f"{title} of the {owner.name}"
        title = title[0].upper() + title[1:]
        status = _status(text[sentence.start : sentence.end])
        adopted = _year(context, sentence) if status in ("adopted", "endorsed", "signed") else None
        document = Document(
            id=f"document:{slug(title, 8)}",
            title=title,
            kind=kind,
            status=status,
            adopted=adopted,
            adopted_by=(owner.id,) if owner is not None and status == "adopted" else (),
        )
        taken.append(span)
        latest[kind] = document
        found.append((span.start, span, document, confidence))

    def again(kind: str, span: Span) -> None:
        """A later mention ("this programme") of the last document of its kind."""
        earlier = [d for start, _, d, _ in found if start < span.start and d.kind == kind]
        if not earlier or any(span.overlaps(t) for t in taken):
            return
        taken.append(span)
        document = earlier[-1]
        sentence = context.sentence_at(span.start)
        status = _status(text[sentence.start : sentence.end])
        if document.status is None and status is not None:
            # "Adopted at the Qingdao summit in 2018, this programme ...": what a later
            # mention says of the document is the document's.
            dated = status in ("adopted", "endorsed", "signed")
            known = attrs.evolve(
                document, status=status, adopted=_year(context, sentence) if dated else None
            )
            found[:] = [(a, b, known if d is document else d, c) for a, b, d, c in found]
            document = known
        found.append((span.start, span, document, 0.7))

    for m in _TITLED.finditer(text):
        title = m.group("title")
        noun = next(
            k
            for k in sorted(_KINDS, key=len, reverse=True)
            if re.search(rf"\b{re.escape(k)}\b", title, re.IGNORECASE)
        )
        if title.split()[0] in ("The", "This", "That") or (
            m.start("title") == context.sentence_at(m.start("title")).start
            and len(title.split()) == 1
        ):
            continue
        add(context.span(m.start("title"), m.end("title")), title, noun, m.group("det"), 0.9)
    for m in _DESCRIBED.finditer(text):
        noun = m.group("noun")
        end = m.end("title")
        if _PRECEDED.search(text, max(0, m.start() - 24), m.start()):
            again(_KINDS[noun.lower()], context.span(m.start("title"), end))
            continue
        if m.group("det") is None and not m.group("tail"):
            continue
        if noun.lower() in _GENERIC and not (m.group("tail") or m.group("mods").strip()):
            # "the roadmap endorsed at ...": a generic noun needs what follows to say which
            clause = _CLAUSE.match(text, end)
            if clause is None:
                continue
            end = clause.end()
        span = context.span(m.start("title"), end)
        add(span, span.quote, noun, m.group("det"), 0.75)
    for m in _BACK.finditer(text):
        again(_KINDS[m.group("noun").lower()], context.span(m.start(), m.end()))
    for _, span, document, confidence in sorted(found, key=lambda item: item[0]):
        yield Fact(value=document, span=span, confidence=confidence)
