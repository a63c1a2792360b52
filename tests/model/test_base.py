"""What every entity shares, and the codes the model checks: BCP 47 language tags."""

from __future__ import annotations

import json

import jsonschema
import pytest

import communique as cq


@pytest.mark.parametrize(
    "tag", ["en", "ru", "EN", "zh-Hans", "zh-Hant-TW", "es-419", "sr-Latn-RS", "de-AT-1996",
            "en-US-x-twain", "x-klingon", "ar-EG-u-nu-latn", "und", "kk"],
)  # fmt: skip
def test_a_language_tag_of_the_registry_is_taken(tag: str) -> None:
    statement = cq.Statement(
        id="statement:s",
        kind="speech",
        speakers=("person:p",),
        attribution="summary",
        text="...",
        language=tag,
    )
    assert statement.language == tag
    document = cq.dumps(cq.Record([statement]))
    assert cq.loads(document).get("statement:s", cq.Statement).language == tag
    valid = jsonschema.Draft202012Validator(cq.json_schema())
    assert valid.is_valid(json.loads(document))


@pytest.mark.parametrize(
    "tag", ["xx", "zz-ZZ", "english", "en_GB", "en-", "en--GB", "", "e", "en-GB-" + "a" * 9]
)
def test_anything_else_is_refused_where_it_is_written(tag: str) -> None:
    text = (
        f'communique: "1.0"\nentities:\n  - type: source\n    id: source:s\n    language: {tag!r}\n'
    )
    with pytest.raises(cq.LoadError) as info:
        cq.loads(text, format="yaml", file="r.yaml")
    (problem,) = info.value.problems
    assert (problem.code, problem.path, problem.line) == (
        "invalid-value",
        "$.language",
        5,
    )
    assert "is not a BCP 47 language tag" in problem.message
    with pytest.raises(ValueError, match="BCP 47"):
        cq.Document(id="document:d", title="D", kind="charter", language=tag)


@pytest.mark.parametrize("code", ["AT", "GB", "KZ", "SU", "YU", "EU", "XK", "ZZ"])
def test_a_region_of_the_registry_is_a_country_code(code: str) -> None:
    # Assigned, former (the Soviet Union, Yugoslavia), exceptionally reserved (the
    # EU) and private-use codes (Kosovo's XK) are all in records of diplomacy.
    assert cq.State(id="state:s", name="S", country=code).country == code
    assert cq.Place(name="P", country=code).country == code


@pytest.mark.parametrize("code", ["AB", "OO", "at", "AUT", "Austria", "A1", ""])
def test_any_other_country_code_is_refused_where_it_is_written(code: str) -> None:
    line = f'{{"type": "event", "id": "event:e", "kind": "meeting", "place": {{"name": "P", "country": "{code}"}}}}'
    first = '{"type": "person", "id": "person:p", "name": "P"}\n'
    with pytest.raises(cq.LoadError) as info:
        cq.loads(first + line + "\n", format="jsonl", file="r.jsonl")
    (problem,) = info.value.problems
    assert (problem.path, problem.line, problem.column) == (
        "$.place.country",
        2,
        line.index('"country"') + 1,
    )
    assert "is not an ISO 3166-1 alpha-2 code" in problem.message
