"""Navigation answers that follow the record's meaning: votes count as support and
opposition, group membership can be followed, memberships filter by status, post
titles compare loosely (``communique.record``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import communique as cq


@pytest.fixture
def council() -> cq.Record:
    states = [
        cq.State(id=f"state:{code.lower()}", name=code, country=code)
        for code in ("AT", "RU", "CN", "US", "GB")
    ]
    return cq.Record(
        [
            *states,
            cq.Organization(id="org:council", name="Council"),
            cq.Proposal(
                id="proposal:draft",
                text="to adopt the draft",
                proposers=("state:at",),
                responses=(cq.Response(agent="state:gb", stance="support"),),
                decision=cq.Decision(
                    method="recorded_vote",
                    outcome="vetoed",
                    votes=(
                        cq.Vote(agent="state:at", position="in_favour"),
                        cq.Vote(agent="state:gb", position="in_favour"),
                        cq.Vote(agent="state:ru", position="against", veto=True),
                        cq.Vote(agent="state:cn", position="against", veto=True),
                        cq.Vote(agent="state:us", position="abstaining"),
                    ),
                ),
            ),
        ]
    )


def test_votes_count_as_support_and_opposition(council: cq.Record) -> None:
    assert [a.id for a in council.opponents_of("proposal:draft")] == ["state:ru", "state:cn"]
    assert [a.id for a in council.supporters_of("proposal:draft")] == ["state:gb", "state:at"]


def test_responses_alone_can_be_asked_for(council: cq.Record) -> None:
    assert council.opponents_of("proposal:draft", responses_only=True) == []
    assert [a.id for a in council.supporters_of("proposal:draft", responses_only=True)] == [
        "state:gb"
    ]


@pytest.fixture
def summit() -> cq.Record:
    return cq.Record(
        [
            cq.Person(id="person:a", name="A"),
            cq.Person(id="person:b", name="B"),
            cq.Group(
                id="group:presidents", name="The presidents", members=("person:a", "person:b")
            ),
            cq.Group(id="group:all", name="Everyone", members=("group:presidents",)),
            cq.Event(id="event:summit", kind="summit", date=cq.Date("2020-06-01")),
            cq.Statement(
                id="statement:joint",
                kind="joint_statement",
                speakers=("group:presidents",),
                attribution="full_text",
                event="event:summit",
                date=cq.Date("2020-06-01"),
            ),
            cq.Statement(
                id="statement:all",
                kind="joint_statement",
                speakers=("group:all",),
                attribution="full_text",
                date=cq.Date("2020-06-02"),
            ),
            cq.Statement(
                id="statement:a",
                kind="remarks",
                speakers=("person:a",),
                attribution="reported",
                date=cq.Date("2020-05-31"),
            ),
        ]
    )


def test_what_a_group_said_counts_for_its_members_when_asked(summit: cq.Record) -> None:
    assert summit.statements.by("person:b").ids() == []
    assert summit.statements.by("person:b", via_groups=True).ids() == [
        "statement:joint",
        "statement:all",
    ]
    assert summit.statements.involving("person:a", via_groups=True).ids() == [
        "statement:joint",
        "statement:all",
        "statement:a",
    ]
    assert summit.timeline("person:a").ids() == ["statement:a"]
    assert summit.timeline("person:a", via_groups=True).ids() == [
        "statement:a",
        "statement:joint",
        "statement:all",
    ]


def test_members_of_counts_full_members_unless_asked() -> None:
    def membership(member: str, status: str) -> cq.Membership:
        return cq.Membership(
            id=f"membership:{member.split(':')[1]}",
            member=member,
            organization="org:sco",
            status=status,
        )

    record = cq.Record(
        [
            cq.Organization(id="org:sco", name="SCO"),
            *(
                cq.State(id=f"state:{c.lower()}", name=c, country=c)
                for c in ("CN", "IN", "TR", "MN")
            ),
            membership("state:cn", "founding_member"),
            membership("state:in", "member"),
            membership("state:tr", "dialogue_partner"),
            membership("state:mn", "observer"),
        ]
    )
    assert [a.id for a in record.members_of("org:sco")] == ["state:cn", "state:in"]
    assert [a.id for a in record.members_of("org:sco", status=("dialogue_partner",))] == [
        "state:tr"
    ]
    assert len(record.members_of("org:sco", status=None)) == 4


@pytest.mark.parametrize(
    "title",
    ["Secretary-General", "Secretary General", "secretary general", "SECRETARY\u2011GENERAL"],
)
def test_post_titles_compare_without_hyphens_case_or_spacing(seed: cq.Record, title: str) -> None:
    assert [p.id for p in seed.held_post_on("org:sco", title, "2020-03-04")] == [
        "person:vladimir-norov"
    ]


def test_a_record_built_in_code_takes_the_limits_of_its_text_files(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "remarks.txt").write_text("The delegations met.", encoding="utf-8")
    source = cq.Source(id="source:remarks", text_file="../texts/remarks.txt")
    folders = {"source:remarks": tmp_path / "records"}
    # Outside its source's folder, a text file is read only inside a named root.
    assert cq.Record([source], text_dirs=folders).text_of("source:remarks") is None
    within = cq.Record([source], text_dirs=folders, text_roots=[tmp_path])
    assert within.text_of("source:remarks") == "The delegations met."
    small = cq.Record([source], text_dirs=folders, text_roots=[tmp_path], max_text_bytes=8)
    problem = small.text_problem("source:remarks")
    assert problem is not None
    assert problem.code == "text-file-too-large"
