"""Checks that a record can be true: votes, cycles, empty authors, founding dates and
evidence that cannot be checked (``communique._coherence``), each case built with
the public API."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import communique as cq
from coherence_cases import CASES, Case


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_validate_finds_the_problem_of_each_case(case: Case) -> None:
    problems = cq.Record(case.build()).validate()
    assert [(p.code, p.entity, p.path, p.severity) for p in problems] == [
        (case.code, case.entity, case.path, case.severity)
    ]
    assert case.message in problems[0].message


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_problem_is_placed_in_the_file_it_was_read_from(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    cq.dump(cq.Record(case.build()), path)
    [problem] = cq.load(path).validate()
    assert (problem.code, problem.file) == (case.code, str(path))
    assert problem.line is not None


def test_a_warning_says_so_and_an_error_does_not() -> None:
    warning = cq.Problem(code="evidence-unchecked", message="m", severity="warning")
    assert str(warning).endswith("$: warning: m")
    assert not warning.is_error
    assert cq.Problem(code="x", message="m").is_error
    with pytest.raises(ValueError, match="severity"):
        cq.Problem(code="x", message="m", severity="fatal")  # type: ignore[arg-type]


def test_an_ambiguous_quote_is_a_warning() -> None:
    record = cq.Record(
        [
            cq.Source(id="source:s", text="he said and she said"),
            cq.Person(
                id="person:x", name="X", evidence=(cq.Evidence(source="source:s", quote="said"),)
            ),
        ]
    )
    [problem] = record.validate()
    assert (problem.code, problem.severity) == ("quote-ambiguous", "warning")


def test_a_tally_that_agrees_with_its_ballots_and_outcome_is_clean() -> None:
    record = cq.Record(
        [
            cq.State(id="state:a", name="A", country="AT"),
            cq.State(id="state:b", name="B", country="RU"),
            cq.Proposal(
                id="proposal:p",
                text="t",
                proposers=("state:a",),
                statuses=(cq.StatusChange(status="adopted"),),
                decision=cq.Decision(
                    method="recorded_vote",
                    outcome="vetoed",
                    tally=cq.Tally(in_favour=13, against=1, abstaining=1),
                    votes=(
                        cq.Vote(agent="state:a", position="in_favour"),
                        cq.Vote(agent="state:b", position="against", veto=True),
                    ),
                ),
            ),
        ]
    )
    # The status "adopted" contradicts a vetoed outcome; nothing else is wrong.
    assert [p.code for p in record.validate()] == ["status-contradicts-outcome"]
    dated = cq.Record(
        [
            *record.entities[:2],
            cq.Proposal(
                id="proposal:p",
                text="t",
                proposers=("state:a",),
                statuses=(cq.StatusChange(status="adopted", date=cq.Date("2021-05")),),
                decision=cq.Decision(
                    method="recorded_vote", outcome="rejected", date=cq.Date("2020-03-04")
                ),
            ),
        ]
    )
    # Rejected in 2020, adopted in 2021: two moments, no contradiction.
    assert dated.validate() == []


def test_a_long_chain_of_parts_is_checked_in_one_pass() -> None:
    events = [
        cq.Event(
            id=f"event:e{i}", kind="meeting", part_of=f"event:e{i + 1}" if i < 49_999 else None
        )
        for i in range(50_000)
    ]
    assert cq.Record(events).validate() == []
    events[-1] = cq.Event(id="event:e49999", kind="meeting", part_of="event:e0")
    [problem] = cq.Record(events).validate()
    assert (problem.code, problem.entity) == ("reference-cycle", "event:e0")


def test_the_strict_command_fails_on_warnings(tmp_path: Path) -> None:
    from clirun import MODULE, run

    path = tmp_path / "record.json"
    [case] = [c for c in CASES if c.severity == "warning"]
    cq.dump(cq.Record(case.build()), path)
    lenient = run(MODULE, "validate", str(path))
    strict = run(MODULE, "validate", "--strict", str(path))
    assert lenient.returncode == 0
    assert strict.returncode == 1
    assert "[evidence-unchecked, warning]" in lenient.stdout
    listed = run(MODULE, "validate", "--format", "jsonl", str(path))
    assert json.loads(listed.stdout)["severity"] == "warning"


# -- identifiers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "good", "bad"),
    [
        ("wikidata", "Q1065", "banana"),
        ("iso3166-1", "AT", "Austria"),
        ("iso4217", "EUR", "euro"),
        ("un-symbol", "S/RES/2532 (2020)", "resolution 2532"),
        ("un-symbol", "A/C.3/74/L.25", "A"),
        ("url", "https://www.un.org/en/", "www.un.org"),
    ],
)
def test_an_identifier_of_a_known_scheme_has_its_shape(scheme: str, good: str, bad: str) -> None:
    assert cq.Identifier(scheme=scheme, value=good).value == good
    with pytest.raises(ValueError, match=f"is not a {scheme} identifier"):
        cq.Identifier(scheme=scheme, value=bad)


def test_an_unknown_scheme_takes_any_text() -> None:
    assert cq.Identifier(scheme="x-newsroom", value="banana").value == "banana"


def test_a_bad_identifier_is_a_load_error_naming_its_field() -> None:
    text = json.dumps(
        {
            "communique": cq.FORMAT_VERSION,
            "entities": [
                {
                    "type": "person",
                    "id": "person:x",
                    "name": "X",
                    "identifiers": [{"scheme": "wikidata", "value": "banana"}],
                }
            ],
        }
    )
    with pytest.raises(cq.LoadError) as caught:
        cq.loads(text, format="json")
    [problem] = caught.value.problems
    assert problem.path.endswith("identifiers[0].value")
    assert "'banana' is not a wikidata identifier" in problem.message


def test_the_schema_checks_identifiers_with_the_same_patterns() -> None:
    validator = jsonschema.Draft202012Validator(cq.json_schema())

    def document(scheme: str, value: str) -> dict[str, object]:
        return {
            "communique": cq.FORMAT_VERSION,
            "entities": [
                {
                    "type": "person",
                    "id": "person:x",
                    "name": "X",
                    "identifiers": [{"scheme": scheme, "value": value}],
                }
            ],
        }

    for scheme, shape in cq.IDENTIFIER_SCHEMES.items():
        rules = json.dumps(cq.json_schema()["$defs"]["Identifier"])
        assert json.dumps(f"^(?:{shape.pattern})$") in rules, scheme
    assert validator.is_valid(document("wikidata", "Q1065"))
    assert not validator.is_valid(document("wikidata", "banana"))
    assert validator.is_valid(document("x-newsroom", "banana"))


def test_a_tally_count_is_never_negative() -> None:
    with pytest.raises(ValueError, match="-5 is not a count"):
        cq.Tally(in_favour=-5, against=0, abstaining=0)


def _decided(outcome: str, majority: str | None = None, **counts: int) -> cq.Record:
    return cq.Record(
        [
            cq.State(id="state:a", name="A", country="AT"),
            cq.Proposal(
                id="proposal:p",
                text="t",
                proposers=("state:a",),
                decision=cq.Decision(
                    method="recorded_vote",
                    outcome=outcome,
                    majority=majority,
                    tally=cq.Tally(**counts),
                ),
            ),
        ]
    )


def test_a_partial_tally_is_checked_as_far_as_it_goes() -> None:
    # "70 senators in favour": against unknown, so a simple majority cannot be judged.
    assert _decided("adopted", in_favour=70).validate() == []
    assert _decided("rejected", in_favour=70).validate() == []
    assert _decided("adopted", "absolute", in_favour=70, against=20).validate() == []
    # One vote against is enough to know that unanimity failed.
    [problem] = _decided("adopted", "unanimity", against=1).validate()
    assert problem.code == "outcome-contradicts-tally"
    assert "?-1-?" in problem.message
    # Both counts a simple majority needs: checked.
    [problem] = _decided("adopted", in_favour=3, against=9).validate()
    assert problem.code == "outcome-contradicts-tally"


def test_a_tally_gives_at_least_one_count() -> None:
    with pytest.raises(ValueError, match="at least one count"):
        cq.Tally()
    document = {
        "communique": "1.0",
        "entities": [
            {"type": "state", "id": "state:a", "name": "A", "country": "AT"},
            {
                "type": "proposal",
                "id": "proposal:p",
                "text": "t",
                "proposers": ["state:a"],
                "decision": {"method": "recorded_vote", "outcome": "adopted", "tally": {}},
            },
        ],
    }
    with pytest.raises(cq.LoadError, match="at least one count"):
        cq.loads(json.dumps(document))
    validator = jsonschema.Draft202012Validator(cq.json_schema())
    assert not validator.is_valid(document)
    document["entities"][1]["decision"]["tally"] = {"in_favour": 70}  # type: ignore[index]
    assert validator.is_valid(document)
    assert cq.loads(json.dumps(document)).validate() == []
