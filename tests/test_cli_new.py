"""``communique new``: skeletons that load as they are and validate once filled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import communique as cq
from clirun import COMMANDS, ROOT, run
from communique._skeletons import SKELETONS, placeholders, skeleton
from communique.vocab import vocabularies, vocabulary_name
from docblocks import blocks

KINDS = list(SKELETONS)


@pytest.fixture(params=COMMANDS, ids=lambda c: "script" if len(c) == 1 else "module")
def command(request: pytest.FixtureRequest) -> tuple[str, ...]:
    return tuple(request.param)


def fill(text: str) -> str:
    """The skeleton with each placeholder filled as a person would: quotes are
    sentences of the source's text, dates are dates, the rest is plain text."""
    found = placeholders(text)
    quotes = [p for p in found if p.startswith("<the words of")]
    pasted = [p for p in found if p.startswith("<paste the text")]
    assert len(pasted) == 1
    assert quotes
    sentences = {q: f"Sentence {i} of the source." for i, q in enumerate(quotes)}
    values = {pasted[0]: " ".join(sentences.values()), "XXXX-XX-XX": "2020-03-04", **sentences}
    for number, placeholder in enumerate(found):
        values.setdefault(placeholder, f"Filled in {number}")
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    assert placeholders(text) == []
    return text


def test_new_alone_lists_the_skeletons(command: tuple[str, ...]) -> None:
    result = run(command, "new")
    assert result.returncode == 0, result.stderr
    listed = [line.split()[0] for line in result.stdout.splitlines()[1:4]]
    assert listed == ["meeting", "joint-statement", "press-conference"]
    assert "communique new KIND > record.yaml" in result.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_each_skeleton_loads_as_it_is(command: tuple[str, ...], kind: str, tmp_path: Path) -> None:
    result = run(command, "new", kind)
    assert result.returncode == 0, result.stderr
    assert result.stdout == skeleton(kind)
    path = tmp_path / "r.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    record = cq.load(path)
    assert len(record) >= 5
    # Until they are filled, the quotes are not in the source's text, and say so.
    problems = record.validate()
    assert problems
    assert {p.code for p in problems} == {"quote-not-found"}


@pytest.mark.parametrize("kind", KINDS)
def test_each_skeleton_validates_once_its_placeholders_are_filled(
    command: tuple[str, ...], kind: str, tmp_path: Path
) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(fill(run(command, "new", kind).stdout), encoding="utf-8")
    record = cq.load(path)
    assert record.validate() == []
    checked = run(command, "validate", path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{len(record)} entities, no problems" in checked.stderr


def test_the_skeletons_hold_what_their_kind_needs() -> None:
    def load(kind: str) -> cq.Record:
        return cq.loads(fill(skeleton(kind)), format="yaml")

    meeting = load("meeting")
    assert meeting.events.one().participants[1].agent == "person:visitor"
    assert meeting.statements.one().attribution is cq.Attribution.REPORTED
    joint = load("joint-statement")
    assert joint.documents.one().kind == "joint_statement"
    assert joint.proposals.one().document == "document:joint-statement"
    commitment = joint.of_type(cq.Commitment).one()
    assert commitment.statement == "statement:joint-commitment"
    assert [str(c.status) for c in commitment.statuses] == ["announced"]
    press = load("press-conference")
    assert press.events.one().kind == "press_conference"
    answer = press.get("statement:answer-1", cq.Statement)
    assert answer.replies_to == "statement:question-1"
    assert answer.kind == "answer"


@pytest.mark.parametrize("kind", KINDS)
def test_each_skeleton_tells_where_to_find_the_terms_and_the_format(kind: str) -> None:
    text = skeleton(kind)
    assert text.startswith(f"# {SKELETONS[kind][0]}: a skeleton to fill in")
    assert "`communique vocab event-kind`" in text
    assert "docs/format.md" in text
    assert "Dates are EDTF: 2020-03-04" in text
    # The vocabularies the comments name are real ones, and they are named.
    named = re.findall(r"communique vocab ([a-z-]+)$", text, re.M)
    assert {"event-kind", "participant-role", "source-kind"} <= set(named)
    assert set(named) <= {vocabulary_name(v) for v in vocabularies().values()}


def test_an_unknown_kind_suggests_a_close_one(command: tuple[str, ...]) -> None:
    result = run(command, "new", "meting")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no skeleton for 'meting'; did you mean 'meeting'?" in result.stderr
    far = run(command, "new", "banquet")
    assert far.returncode == 2
    assert "no skeleton for 'banquet'; known: meeting, joint-statement, press-conference" in (
        far.stderr
    )


def test_the_tutorial_fills_the_meeting_skeleton_it_shows() -> None:
    page = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    assert "$ communique new meeting > meeting.yaml" in page
    filled = next(b for b in blocks(page) if b.options.get("caption") == "meeting.yaml")
    record = cq.loads(filled.body, format="yaml")
    assert record.validate() == []
    started = cq.loads(skeleton("meeting"), format="yaml")
    assert [(type(e).tag, e.id) for e in record] == [(type(e).tag, e.id) for e in started]
