"""Proposals from proposal language and from lists introduced by "proposed",
"called for" or "agreed to"; what was agreed to is drafted as commitments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from ..model import Agent, Evidence, Proposal, Response, Statement, StatusChange
from ._core import Context, Fact, Span, event_of, recognisers
from ._text import agents_in, slug, speaker_before

__all__ = ["proposals"]

_INTRO: Final = re.compile(
    r"(?P<verb>propos\w*|called\s+for|calls\s+for|suggest\w*|recommend\w*|agreed\s+(?:to|on|upon)|commit\w*)[^\n]*:\s*$"
)
_ITEM: Final = re.compile(
    r"^[ \t]*(?:[\u2014\u2013\-\u2022*\u00b7]|\d{1,2}[.)])\s*(?P<item>.+?)\s*$", re.MULTILINE
)
_PROPOSES: Final = re.compile(
    r"(?<![\w-])(?P<verb>proposes|proposed|suggests|suggested|calls\s+for|called\s+for|urges|urged|put\s+forward)\s+(?P<what>.+)$"
)
_IDEA: Final = re.compile(
    r"(?P<who>[\w\s.'\u2019-]*?)['\u2019]s?\s+(?P<noun>idea|proposal|initiative|suggestion)\s+(?P<what>to\s.+)$"
)
_WILLING: Final = re.compile(
    r"(?<![\w-])expressed\s+(?:their|its|his|her)\s+(?:willingness|readiness|intention)\s+(?P<what>to\s.+?)(?=[.;]|$)"
)
_SUPPORT: Final = re.compile(
    r"(?<![\w-])(?P<how>generally\s+|fully\s+|unanimously\s+)?(?:supported|welcomed|endorsed|backed)\b"
)


def _clean(item: str) -> str:
    return " ".join(re.sub(r"(?:[;.,]|\s+and)\s*$", "", item).split())


def _proposal(
    context: Context,
    n: int,
    text: str,
    proposers: tuple[str, ...],
    *,
    span: Span,
    intro: Span,
    at_event: bool = True,
) -> Proposal:
    event = event_of(context, span.start) if at_event else None
    parties = tuple(
        f.value.id
        for f in agents_in(context, span)
        if isinstance(f.value, Agent) and f.value.id not in proposers
    )
    evidence = (
        Evidence(source=context.source, quote=intro.quote, start=intro.start, end=intro.end),
    )
    return Proposal(
        id=f"proposal:{n}-{slug(text.removeprefix('to ').removeprefix('that '), 6)}",
        text=text,
        proposers=proposers,
        parties=parties,
        event=event.id if event else None,
        date=event.date if event else None,
        statuses=(
            StatusChange(
                status="proposed",
                date=event.date if event else None,
                event=event.id if event else None,
                evidence=evidence,
            ),
        ),
    )


@recognisers.register("proposals")
def proposals(context: Context) -> Iterator[Fact]:
    """Items of a list introduced by "proposed", "called for", "agreed to"; "X
    proposes that ..."; "X's idea to ...", with who supported it; "expressed their
    willingness to ...". The model has no commitment type yet: items agreed to are
    drafted as statements of kind ``commitment`` by those who agreed."""
    text = context.text
    n = 0
    listed: list[Span] = []
    for sentence in context.sentences():
        said = text[sentence.start : sentence.end]
        intro = _INTRO.search(said)
        if intro is not None:
            verb_at = sentence.start + intro.start()
            who = speaker_before(context, sentence, verb_at)
            proposers = (who.id,) if who is not None else ()
            agreed = intro.group("verb").startswith(("agreed", "commit"))
            line_end = text.find("\n", sentence.end - 1)
            for item in _ITEM.finditer(text, line_end + 1 if line_end >= 0 else len(text)):
                if text[line_end + 1 : item.start()].strip():
                    break  # the list ends at the first line that is not an item
                line_end = item.end()
                span = context.span(item.start("item"), item.end("item"))
                listed.append(span)
                n += 1
                if agreed and who is not None:
                    yield Fact(
                        value=Statement(
                            id=f"statement:commitment-{n}-{slug(_clean(span.quote), 5)}",
                            kind="commitment",
                            speakers=proposers,
                            attribution="reported",
                            reported_by=context.publisher,
                            text=_clean(span.quote),
                        ),
                        span=span,
                        confidence=0.75,
                    )
                elif not agreed:
                    # Without a proposer we know, the item is drafted all the same, for
                    # the curator to say who put it forward.
                    yield Fact(
                        value=_proposal(
                            context, n, _clean(span.quote), proposers, span=span, intro=sentence
                        ),
                        span=span,
                        confidence=0.85 if proposers else 0.6,
                    )
            continue
        if any(sentence.overlaps(s) for s in listed):
            continue
        m = _IDEA.search(said)
        if m is not None:
            speaker = speaker_before(context, sentence, sentence.start + m.start("noun"))
            if speaker is not None:
                n += 1
                named = [
                    f
                    for f in agents_in(context, sentence)
                    if f.span.end <= sentence.start + m.start("noun")
                ]
                proposal = _proposal(
                    context,
                    n,
                    _clean(m.group("what")),
                    (speaker.id,),
                    span=context.span(sentence.start + m.start("what"), sentence.end),
                    intro=context.span(
                        named[-1].span.start if named else sentence.start + m.start("noun"),
                        sentence.start + m.end("noun"),
                    ),
                )
                support = _SUPPORT.search(said)
                if support is not None:
                    backer = speaker_before(context, sentence, sentence.start + support.start())
                    if backer is not None and backer.id != speaker.id:
                        stance = (
                            "general_support"
                            if (support.group("how") or "").strip() == "generally"
                            else "support"
                        )
                        supported = context.span(sentence.start, sentence.start + support.end())
                        proposal = _with_response(
                            proposal,
                            Response(
                                agent=backer.id,
                                stance=stance,
                                date=proposal.date,
                                event=proposal.event,
                                evidence=(
                                    Evidence(
                                        source=context.source,
                                        quote=supported.quote,
                                        start=supported.start,
                                        end=supported.end,
                                    ),
                                ),
                            ),
                        )
                yield Fact(value=proposal, span=sentence, confidence=0.75)
                continue
        for m in (_PROPOSES.search(said), _WILLING.search(said)):
            if m is None:
                continue
            speaker = speaker_before(context, sentence, sentence.start + m.start())
            if speaker is None:
                continue
            n += 1
            what = _clean(m.group("what"))
            span = context.span(sentence.start + m.start("what"), sentence.start + m.end("what"))
            made = context.span(sentence.start, sentence.start + m.start("what"))
            at_event = m.re is _PROPOSES
            yield Fact(
                value=_proposal(
                    context, n, what, (speaker.id,), span=span, intro=made, at_event=at_event
                ),
                span=context.span(made.start, span.end),
                confidence=0.7,
            )


def _with_response(proposal: Proposal, response: Response) -> Proposal:
    import attrs

    return attrs.evolve(proposal, responses=(*proposal.responses, response))
