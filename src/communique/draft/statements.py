"""Statements: direct quotes with their speaker, reported speech attributed to the
publisher, excerpts of a speech, and commitments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from ..dates import Date
from ..model import Agent, Statement
from ._core import Context, Fact, Span, event_of, recognisers
from ._text import slug, speaker_before

__all__ = ["statements"]

_SAYS: Final = (
    r"said|says|noted|notes|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|"
    r"pointed\s+out|stated|added|highlighted|told|drew\s+(?:\w+\s+)?attention|called(?=\s+(?!for\b))|"
    r"answered|replied|explained|recalled|reiterated|expressed"
)
_VERB: Final = re.compile(rf"(?<![\w-])(?P<verb>{_SAYS})(?![\w-])")
_QUOTE: Final = re.compile(r"[\"\u201c](?P<words>[^\"\u201d]{20,}?)[\"\u201d]")
_SPEECH: Final = re.compile(
    r"(?<![\w-])(?:made|delivered|gave)\s+(?:a|an|the)\s+(?P<which>welcome\s+|opening\s+|closing\s+|keynote\s+)?(?P<what>speech|address|remarks)"
)
_EXCERPTS: Final = re.compile(
    r"(?:[Ee]xcerpts|[Ee]xtracts|[Hh]ighlights|[Pp]assages)\s+(?:from|of)\s+.*?(?:speech|remarks|address|statement)"
    r".*?(?:below|follow)",
)
_COMMITS: Final = re.compile(
    r"(?<![\w-])(?:also\s+)?(?P<verb>pledged|vowed|promised|undertook|"
    r"(?:reaffirmed|confirmed|renewed|reiterated)\s+(?:its|their|his|her)\s+commitment|"
    r"committed\s+(?:itself|themselves|himself|herself))\s+(?:not\s+)?to\b"
)
_SPEECH_KINDS: Final = {
    "welcome": "welcome_speech",
    "opening": "opening_remarks",
    "closing": "closing_remarks",
}


def _made(
    context: Context,
    kind: str,
    speaker: Agent,
    span: Span,
    *,
    attribution: str,
    text: str | None,
    n: int,
    part_of: str | None = None,
) -> Statement:
    event = event_of(context, span.start)
    date: Date | None = event.date if event is not None else None
    direct = attribution == "direct_quote"
    return Statement(
        id=f"statement:{slug(speaker.name, 3)}-{n}-{slug(text or kind, 4)}",
        kind=kind,
        speakers=(speaker.id,),
        attribution=attribution,
        reported_by=None if direct else context.publisher,
        text=" ".join(text.split()) if text else None,
        event=event.id if event is not None else None,
        date=date,
        part_of=part_of,
    )


@recognisers.register("statements")
def statements(context: Context) -> Iterator[Fact]:
    """Quotations with a speech verb ("..., X said") as direct quotes; "X said /
    noted / stressed that ..." as reported speech; "X made a welcome speech"; the
    sentences after "Excerpts from X's speech are cited below" as parts of that
    speech; and "X pledged / reaffirmed its commitment to ..." as commitments."""
    text = context.text
    covered: list[Span] = []
    n = 0
    speech: tuple[Agent, Statement] | None = None
    excerpts_from: int | None = None
    for sentence in context.sentences():
        said = text[sentence.start : sentence.end]
        m = _EXCERPTS.search(said)
        if m:
            speaker = speaker_before(context, sentence, sentence.start + m.end())
            if speaker is not None:
                n += 1
                made = _made(
                    context, "speech", speaker, sentence, attribution="summary", text=None, n=n
                )
                speech = (speaker, made)
                excerpts_from = sentence.end
                covered.append(sentence)
                yield Fact(value=made, span=sentence, confidence=0.8)
            continue
        for m in _COMMITS.finditer(said):
            start = sentence.start + m.start()
            speaker = speaker_before(context, sentence, start)
            if speaker is None:
                continue
            n += 1
            clause = context.span(start, sentence.end)
            subject = context.span(sentence.start, sentence.end)
            yield Fact(
                value=_made(
                    context,
                    "commitment",
                    speaker,
                    subject,
                    attribution="reported",
                    text=clause.quote,
                    n=n,
                ),
                span=subject,
                confidence=0.75,
            )
        m = _SPEECH.search(said)
        if m:
            speaker = speaker_before(context, sentence, sentence.start + m.start())
            if speaker is not None:
                n += 1
                kind = _SPEECH_KINDS.get((m.group("which") or "").strip(), "speech")
                covered.append(sentence)
                yield Fact(
                    value=_made(
                        context, kind, speaker, sentence, attribution="summary", text=None, n=n
                    ),
                    span=context.span(sentence.start + m.start(), sentence.end),
                    confidence=0.75,
                )
                continue
        quoted = _QUOTE.search(said)
        verb = _VERB.search(said)
        if verb is None:
            continue
        speaker = speaker_before(context, sentence, sentence.start + verb.start())
        if speaker is None:
            continue
        n += 1
        covered.append(sentence)
        if quoted is not None:
            span = context.span(
                sentence.start + quoted.start("words"), sentence.start + quoted.end("words")
            )
            yield Fact(
                value=_made(
                    context,
                    "quote",
                    speaker,
                    span,
                    attribution="direct_quote",
                    text=span.quote.rstrip(",;: "),
                    n=n,
                ),
                span=span,
                confidence=0.85,
            )
            continue
        kind = "answer" if verb.group("verb") in ("answered", "replied") else "reported_speech"
        rest = said[verb.end() :].strip()
        rest = re.sub(r"^that\s+", "", rest)
        part_of = (
            speech[1].id
            if speech is not None and speech[0].id == speaker.id and excerpts_from is not None
            else None
        )
        yield Fact(
            value=_made(
                context,
                kind,
                speaker,
                sentence,
                attribution="reported",
                text=rest or said,
                n=n,
                part_of=part_of,
            ),
            span=sentence,
            confidence=0.8,
        )
    if speech is None or excerpts_from is None:
        return
    # The excerpts: runs of sentences after the announcement that no verb attributes.
    speaker, made = speech
    run: list[Span] = []
    after: list[Span | None] = [s for s in context.sentences() if s.start >= excerpts_from]
    for item in [*after, None]:
        if item is not None and not any(item.overlaps(c) for c in covered) and len(run) < 3:
            run.append(item)
            continue
        if run:
            span = context.span(run[0].start, run[-1].end)
            n += 1
            yield Fact(
                value=_made(
                    context,
                    "remarks",
                    speaker,
                    span,
                    attribution="reported",
                    text=span.quote,
                    n=n,
                    part_of=made.id,
                ),
                span=span,
                confidence=0.6,
            )
            run = []
        if item is not None and not any(item.overlaps(c) for c in covered):
            run.append(item)
