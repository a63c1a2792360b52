"""Documents as structured texts: titles, the period they apply to, numbered
provisions with their role and lead verb, annexes, relations between documents,
the statement a document is the text of, symbols, entry into force, depositary
and authentic languages."""

from __future__ import annotations

import json
from typing import Any

import pytest

import communique as cq
from communique.errors import FieldError
from communique.model import date_of, event_of

DRAFT = "document:a-res-81-12"
PLAN = "document:plan-2026-2030"


def _record(*more: cq.Entity) -> cq.Record:
    """A resolution with two preambular and two operative paragraphs (given out of
    order), an annex, and a plan of action it supersedes."""
    return cq.Record(
        [
            cq.Organization(id="org:assembly", name="General Assembly"),
            cq.Organization(id="org:un-secretary-general", name="Secretary-General"),
            cq.Event(id="event:plenary-41", kind="session", date=cq.Date("2026-10-30")),
            cq.Document(
                id="document:plan-2021-2025",
                title="Plan of Action 2021-2025",
                kind="action_plan",
                period=cq.Date("2021/2025"),
            ),
            cq.Document(
                id=DRAFT,
                title="Cooperation between the United Nations and the Coastal States Forum",
                other_titles=(cq.Name(name="The Coastal Cooperation Resolution"),),
                short_title="Coastal cooperation",
                kind="resolution",
                identifiers=(cq.Identifier(scheme="un-symbol", value="A/RES/81/12"),),
                adopted=cq.Date("2026-10-30"),
                adopted_at="event:plenary-41",
                adopted_by=("org:assembly",),
                relations=(
                    cq.DocumentLink(relation="supersedes", document="document:plan-2021-2025"),
                ),
                depositary="org:un-secretary-general",
                authentic_languages=("ar", "zh", "en", "fr", "ru", "es"),
                in_force=cq.Date("2027-01-01"),
                in_force_condition="on the first day of the year after its adoption",
            ),
            cq.Document(
                id=PLAN,
                title="Plan of Action 2026-2030",
                kind="annex",
                label="Annex",
                part_of=DRAFT,
                period=cq.Date("2026/2030"),
            ),
            cq.Provision(
                id="provision:op-1",
                document=DRAFT,
                number="1",
                role="operative",
                lead_verb="Welcomes",
                text="Welcomes the cooperation between the two organisations;",
            ),
            cq.Provision(
                id="provision:pp-1",
                document=DRAFT,
                number="PP1",
                role="preamble",
                lead_verb="Recalling",
                text="Recalling its earlier resolutions,",
            ),
            cq.Provision(
                id="provision:op-2",
                document=DRAFT,
                number="2",
                role="operative",
                lead_verb="Decides",
                text="Decides to adopt the plan of action annexed to this resolution;",
            ),
            cq.Provision(
                id="provision:op-2-a", document=DRAFT, number="2 (a)", part_of="provision:op-2"
            ),
            *more,
        ]
    )


def test_a_structured_document_validates_and_round_trips_in_every_format() -> None:
    record = _record()
    assert record.validate() == []
    for fmt in ("json", "jsonl", "yaml"):
        assert cq.loads(cq.dumps(record, format=fmt), format=fmt) == record


def test_provisions_by_role_in_the_records_order() -> None:
    record = _record()
    assert record.provisions_of(DRAFT).ids() == [
        "provision:op-1",
        "provision:pp-1",
        "provision:op-2",
        "provision:op-2-a",
    ]
    assert record.provisions_of(DRAFT, role="operative").ids() == [
        "provision:op-1",
        "provision:op-2",
    ]
    assert [p.lead_verb for p in record.provisions_of(DRAFT, role="preamble")] == ["Recalling"]
    with pytest.raises(ValueError, match="not a known provision role; did you mean 'preamble'"):
        record.provisions_of(DRAFT, role="preambel")


def test_a_provision_takes_its_date_and_event_from_its_document() -> None:
    record = _record()
    paragraph = record.get("provision:op-2")
    assert date_of(paragraph) == ()
    assert [d.edtf for d in date_of(paragraph, record.find)] == ["2026-10-30"]
    assert record.of_type(cq.Provision).on("2026-10-30").count() == 4
    assert event_of(paragraph, record.find) == "event:plenary-41"
    assert record.of_type(cq.Provision).at("event:plenary-41").ids()[0] == "provision:op-1"
    assert record.of_type(cq.Provision).mentioning("plan of action").ids() == ["provision:op-2"]


def test_annexes_relations_and_titles() -> None:
    record = _record()
    assert record.annexes_of(DRAFT).ids() == [PLAN]
    assert [(str(r), d.id) for r, d in record.related_documents(DRAFT)] == [
        ("supersedes", "document:plan-2021-2025")
    ]
    assert record.related_documents(DRAFT, "amends") == []
    assert record.documents.mentioning("coastal cooperation resolution").ids() == [DRAFT]
    assert record.documents.involving("org:un-secretary-general", roles=("depositary",)).ids() == [
        DRAFT
    ]
    plan = record.get(PLAN, cq.Document)
    assert plan.period is not None
    assert plan.period.edtf == "2026/2030"


def test_a_statement_whose_text_is_a_document_takes_its_date() -> None:
    record = _record(
        cq.Document(
            id="document:joint-statement",
            title="Joint Statement",
            kind="joint_statement",
            adopted=cq.Date("2026-11-02"),
        ),
        cq.Statement(
            id="statement:joint",
            kind="joint_statement",
            speakers=("org:assembly",),
            attribution="full_text",
            document="document:joint-statement",
        ),
    )
    assert record.validate() == []
    assert record.statements.on("2026-11-02").ids() == ["statement:joint"]


def test_references_of_the_new_fields_are_checked() -> None:
    record = _record(
        cq.Provision(id="provision:lost", document="document:missing"),
        cq.Provision(id="provision:wrong", document="org:assembly", part_of="provision:wrong"),
        cq.Document(
            id="document:bad-links",
            title="Bad links",
            kind="other",
            relations=(cq.DocumentLink(relation="amends", document="event:plenary-41"),),
            depositary="document:plan-2021-2025",
        ),
    )
    found = {(p.entity, p.path, p.code) for p in record.validate()}
    assert ("provision:lost", "$.document", "dangling-reference") in found
    assert ("provision:wrong", "$.document", "wrong-reference-type") in found
    assert ("provision:wrong", "$.part_of", "reference-cycle") in found
    assert ("document:bad-links", "$.relations[0].document", "wrong-reference-type") in found
    assert ("document:bad-links", "$.depositary", "wrong-reference-type") in found


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"authentic_languages": ["en", "english"]}, "authentic_languages", "BCP 47"),
        (
            {"identifiers": [{"scheme": "un-symbol", "value": "a/res/81/12"}]},
            "value",
            "not a un-symbol identifier",
        ),
        ({"relations": [{"relation": "ammends", "document": DRAFT}]}, "relation", "'amends'"),
        ({"period": {"edtf": "2025/2021"}}, "period", "ends before it starts"),
    ],
)
def test_bad_values_fail_with_the_field_named(
    fields: dict[str, Any], field: str, message: str
) -> None:
    data = {"type": "document", "id": "document:d", "title": "D", "kind": "other", **fields}
    with pytest.raises(cq.LoadError) as caught:
        cq.loads(json.dumps({"communique": "1.0", "entities": [data]}), format="json")
    (problem,) = caught.value.problems
    assert problem.entity == "document:d"
    assert problem.path.split(".")[-1].split("[")[0] == field or field in problem.path
    assert message in problem.message


def test_the_language_checker_refuses_a_bad_tag_in_python() -> None:
    with pytest.raises(FieldError, match="'xx-' is not a BCP 47 language tag") as caught:
        cq.Document(id="document:d", title="D", kind="other", authentic_languages=("en", "xx-"))
    assert caught.value.field == "authentic_languages"


def test_the_schema_describes_the_new_parts() -> None:
    schema: Any = cq.json_schema()
    defs = schema["$defs"]
    provision = defs["type:provision"]
    assert {"document", "number", "role", "lead_verb", "text", "part_of"} <= set(
        provision["properties"]
    )
    assert "document" in provision["required"]
    assert defs["ProvisionRole"]["enum"][:2] == ["preamble", "operative"]
    assert "supersedes" in defs["DocumentRelation"]["enum"]
    document = defs["type:document"]["properties"]
    assert document["authentic_languages"]["items"]["pattern"].startswith("^(?:")
    for name in ("short_title", "other_titles", "period", "part_of", "label", "relations"):
        assert name in document
    for name in ("in_force", "in_force_condition", "depositary"):
        assert name in document
