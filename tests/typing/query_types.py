"""Typed use of the query API, checked by ``mypy --strict`` (see ``test_typing.py``).

Each ``assert_type`` states the type a user's checker must infer; each
``# type: ignore[...]`` marks a line the checker must reject (with
``warn_unused_ignores``, an ignore that is not needed is itself an error).
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
from typing_extensions import assert_type

import communique as cq
from downstream import Hearing


def queries(record: cq.Record) -> None:
    assert_type(record.events, cq.Query[cq.Event])
    assert_type(record.events.first(), cq.Event | None)
    assert_type(record.statements.one(), cq.Statement)
    assert_type(
        record.proposals.involving("org:unodc").between("2020", "2020"), cq.Query[cq.Proposal]
    )
    assert_type(record.people.by("org:x").on(dt.date(2020, 3, 4)).ids(), list[str])
    assert_type(record.organizations.where(acronym="SCO").count(), int)
    assert_type(record.documents.about("terrorism").order_by("date").first(), cq.Document | None)
    assert_type(record.sources.mentioning("press").order_by(lambda s: s.id), cq.Query[cq.Source])
    assert_type(record.of_type(Hearing).first(), Hearing | None)
    assert_type(record.memberships.after("2017", certain=False), cq.Query[cq.Membership])
    assert_type(list(record.statements.at("event:x").made_at("event:y")), list[cq.Statement])
    for event in record.events.of_kind("roundtable").filter(lambda e: e.title is not None):
        assert_type(event, cq.Event)
        assert_type(event.date, cq.Date | None)

    # Results in the tools people already use: Arrow, and HTML in a notebook.
    assert_type(record.statements.by("person:x").to_arrow(), pa.Table)
    assert_type(record.of_type(Hearing).to_arrow(converter=cq.Converter()), pa.Table)
    assert_type(record.events._repr_html_(), str)
    assert_type(record._repr_html_(), str)
    assert_type(record.get("event:x")._repr_html_(), str)
    record.events.to_arrow(cq.Converter())  # type: ignore[call-arg]

    _ = record.events.first().kind  # type: ignore[union-attr]
    record.events.filter(lambda e: e.speakers)  # type: ignore[attr-defined]
    record.statements.order_by(lambda s: s.date.edtf)  # type: ignore[union-attr]


def navigation(record: cq.Record) -> None:
    assert_type(record.participants_of("event:x"), list[cq.Participant])
    assert_type(record.participants_of("event:x")[0].agent, cq.Agent)
    assert_type(record.parts_of("event:x"), cq.Query[cq.Event])
    assert_type(record.parent_of("event:x"), cq.Event | None)
    assert_type(record.sideline_events_of("event:x"), cq.Query[cq.Event])
    assert_type(record.statements_at("event:x"), cq.Query[cq.Statement])
    assert_type(record.proposals_made_at("event:x"), cq.Query[cq.Proposal])
    assert_type(record.speakers_of("statement:x"), list[cq.Agent])
    assert_type(record.replies_to("statement:x"), cq.Query[cq.Statement])
    assert_type(record.proposals_made_in("statement:x"), cq.Query[cq.Proposal])
    assert_type(record.proposers_of("proposal:x"), list[cq.Agent])
    assert_type(record.parties_to("proposal:x"), list[cq.Agent])
    assert_type(record.responses_to("proposal:x"), dict[cq.Stance, list[cq.Agent]])
    assert_type(record.supporters_of("proposal:x"), list[cq.Agent])
    assert_type(record.posts_of("person:x", "2020-03-04"), list[cq.Post])
    assert_type(record.held_post_on("org:sco", "Secretary-General", "2020-03-04"), list[cq.Person])
    assert_type(record.memberships_of("state:in", "2020"), list[cq.Membership])
    assert_type(record.members_of("org:sco", status=["observer"]), list[cq.Agent])
    assert_type(record.timeline("person:x"), cq.Query[cq.Entity])
