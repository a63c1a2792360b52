"""Facts cannot be made or added without the span of text they rest on."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pytest

import communique as cq
from communique.draft import Context, Draft, DraftError, Fact, Span, recognisers

TEXT = "On 4 March, SCO Secretary-General Vladimir Norov took part in a roundtable."
ORG = cq.Organization(id="org:sco", name="SCO")


def context() -> Context:
    return Context(
        TEXT, published=None, publisher=None, source="source:t", known=None, language="en"
    )


def test_a_fact_needs_a_span() -> None:
    with pytest.raises(TypeError, match="span"):
        Fact(value=ORG, confidence=0.9)  # type: ignore[call-arg]
    with pytest.raises(DraftError, match="Span"):
        Fact(value=ORG, span=(12, 15), confidence=0.9)  # type: ignore[arg-type]


def test_a_span_quotes_some_text_of_its_own_length() -> None:
    with pytest.raises(DraftError):
        Span(3, 3, "")
    with pytest.raises(DraftError):
        Span(0, 5, "On")
    with pytest.raises(DraftError):
        Span(-1, 1, "On")
    assert Span.of(TEXT, 11, 16) == Span(12, 15, "SCO")


def test_the_registry_refuses_a_span_that_is_not_in_the_text() -> None:
    mine = recognisers.child()

    @mine.register("test:misplaced")
    def misplaced(context: Context) -> Iterator[Fact]:
        yield Fact(value=ORG, span=Span(0, 3, "SCO"), confidence=0.9)

    with pytest.raises(DraftError, match=r"test:misplaced.*not there in the text"):
        cq.draft(TEXT, using=mine)


def test_the_registry_refuses_what_is_not_a_fact() -> None:
    mine = recognisers.child()

    @mine.register("test:bare")
    def bare(context: Context) -> Iterator[object]:
        yield ORG

    with pytest.raises(DraftError, match=r"test:bare.*not a Fact"):
        cq.draft(TEXT, using=mine)  # type: ignore[arg-type]


def test_a_downstream_recogniser_runs_after_the_library_s_and_is_named() -> None:
    mine = recognisers.child()

    @mine.register("test:roundtables")
    def roundtables(context: Context) -> Iterator[Fact]:
        start = context.text.index("roundtable")
        yield Fact(
            value=cq.Organization(id="org:roundtable", name="Roundtable"),
            span=context.span(start, start + len("roundtable")),
            confidence=0.5,
            recogniser="claimed:elsewhere",  # the registry says who found it
        )

    drafted = cq.draft(TEXT, using=mine)
    assert mine.names()[-1] == "test:roundtables"
    assert "test:roundtables" not in recognisers.names()
    (fact,) = drafted.facts_of("org:roundtable")
    assert fact.recogniser == "test:roundtables"
    entity = drafted.record.get("org:roundtable")
    assert entity.extensions == {
        "x-draft:confidence": 0.5,
        "x-draft:recogniser": "test:roundtables",
    }
    assert [(e.start, e.end, e.quote) for e in entity.evidence] == [(64, 74, "roundtable")]


def test_a_name_is_registered_once() -> None:
    mine = recognisers.child()
    with pytest.raises(ValueError, match="already"):
        mine.register("people")(lambda context: [])
    with pytest.raises(ValueError, match="recogniser name"):
        mine.register("Not A Name")


@pytest.mark.parametrize("name", ["seed_draft", "invented"])
def test_every_drafted_fact_has_evidence_that_validates(
    name: str, request: pytest.FixtureRequest
) -> None:
    drafted: Draft = request.getfixturevalue(name)
    assert drafted.record.validate() == []
    source = drafted.record.sources.first()
    assert source is not None
    assert source.text is not None
    for fact in drafted.facts:
        assert source.text[fact.span.start : fact.span.end] == fact.span.quote
        assert fact.recogniser in recognisers.names()
    found = {f.value.id for f in drafted.facts if isinstance(f.value, cq.Entity)}
    for entity in drafted.record:
        if entity.id in found:
            assert entity.evidence, entity.id
            assert entity.extensions["x-draft:recogniser"] in recognisers.names()
            assert 0 < entity.extensions["x-draft:confidence"] <= 1  # type: ignore[operator]
    # What is drafted without a fact is the source and the publisher named by the caller.
    unfound = {e.id for e in drafted.record} - found
    assert unfound <= {source.id, source.publisher}


def test_only_english_is_read_for_now() -> None:
    with pytest.raises(ValueError, match="English"):
        cq.draft(TEXT, language="fr")


def test_a_fact_is_immutable() -> None:
    fact = Fact(value=ORG, span=Span(12, 15, "SCO"), confidence=0.9)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fact.span = Span(0, 2, "On")  # type: ignore[misc]


def test_without_the_draft_extra_the_library_imports_and_drafting_says_what_to_install() -> None:
    import subprocess
    import sys

    program = (
        "import sys; sys.modules['dateparser'] = None\n"
        "import communique as cq\n"
        "try:\n"
        "    cq.draft('On 4 March they met.', published='2020-03-05')\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert "pip install 'communique[draft]'" in done.stdout


def test_the_families_run_in_their_declared_order() -> None:
    # Each family sees what the ones before it found, whatever imported them first.
    assert recognisers.names() == [
        "dates",
        "states",
        "organisations",
        "people",
        "groups",
        "documents",
        "events",
        "statements",
        "proposals",
    ]
