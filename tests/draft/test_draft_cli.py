"""``communique draft``: the curator's loop, run as a user runs it."""

from __future__ import annotations

import sys
from pathlib import Path

import communique as cq

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from clirun import COMMANDS, SEED_DIR, run


def test_the_seed_drafted_validates_with_what_the_text_says(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    for command in COMMANDS:
        done = run(
            command,
            "draft",
            SEED_DIR / "article.txt",
            "--published",
            "2020-03-04",
            "--publisher",
            "org:sco-secretariat",
            "-o",
            out,
        )
        assert done.returncode == 0, done.stderr
        checked = run(command, "validate", out)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    record = cq.load(out)
    assert record.validate() == []
    roundtable = next(e for e in record.events if e.kind == "roundtable")
    assert roundtable.title == "The SCO's role in promoting peace and security"
    norov = record.get("person:vladimir-norov", cq.Person)
    assert [(p.title, p.organization) for p in norov.posts] == [("Secretary-General", "org:sco")]
    for ident in ("org:aies", "org:unodc", "org:eu", "org:asean", "org:osce"):
        assert ident in record
    listed = [p for p in record.proposals if p.proposers == ("group:participants",)]
    assert len(listed) == 4
    titles = {d.title for d in record.documents}
    assert {"Convention Against Terrorism", "Convention on Countering Extremism"} <= titles
    assert len(titles) == 9
    source = record.sources.first()
    assert source is not None
    # The text is outside the draft's folder, where a record may not name a file: inline.
    assert source.text_file is None
    assert source.text == (SEED_DIR / "article.txt").read_text(encoding="utf-8")
    for entity in record:
        if entity.evidence:
            assert entity.extensions["x-draft:recogniser"]


def test_a_text_beside_the_draft_is_named_by_its_path(tmp_path: Path) -> None:
    text = tmp_path / "texts" / "note.txt"
    text.parent.mkdir()
    text.write_text("On 2 June, the EU envoy met the Nordic Water Council.\n", encoding="utf-8")
    out = tmp_path / "draft.yaml"
    done = run(COMMANDS[0], "draft", text, "--published", "2031-06-03", "-o", out)
    assert done.returncode == 0, done.stderr
    source = cq.load(out).sources.first()
    assert source is not None
    assert source.text_file == "texts/note.txt"
    assert run(COMMANDS[0], "validate", out).returncode == 0


def test_known_agents_are_linked_by_their_ids(tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text(
        "On 2 June, Maren Vale, Director of the Nordic Water Council, met the EU envoy.\n",
        encoding="utf-8",
    )
    known = tmp_path / "known.yaml"
    cq.dump(
        cq.Record(
            [
                cq.Organization(
                    id="org:nwc",
                    name="Nordic Water Council",
                    other_names=(cq.Name(name="the Council"),),
                )
            ]
        ),
        known,
    )
    (command,) = COMMANDS[:1]
    done = run(command, "draft", text, "--published", "2031-06-03", "--known", known)
    assert done.returncode == 0, done.stderr
    assert "id: org:nwc" not in done.stdout  # the known record has it already
    drafted = cq.draft(
        text.read_text(encoding="utf-8"), published="2031-06-03", known=cq.load(known)
    )
    assert [f.span.quote for f in drafted.facts_of("org:nwc")] == ["Nordic Water Council"]
    assert "org:nwc" not in drafted.record


def test_a_bad_publication_date_is_a_usage_error(tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("Nothing happened.\n", encoding="utf-8")
    done = run(COMMANDS[0], "draft", text, "--published", "last spring")
    assert done.returncode == 2
    assert "--published" in done.stderr
    missing = run(COMMANDS[0], "draft", tmp_path / "absent.txt")
    assert missing.returncode == 1
    assert "cannot read" in missing.stderr


def test_known_people_documents_and_states_keep_their_ids() -> None:
    known = cq.Record(
        [
            cq.Person(id="person:m-vale", name="Maren Vale"),
            cq.Document(
                id="document:nwc-charter",
                title="Charter of the Nordic Water Council",
                kind="charter",
            ),
            cq.State(id="state:norway", name="Norway", country="NO"),
        ]
    )
    text = (
        "On 2 June, Maren Vale met Norwegian officials. Ms Vale said that the Charter of "
        "the Nordic Water Council was open for signature.\n"
    )
    drafted = cq.draft(text, published="2031-06-03", known=known)
    assert [f.span.quote for f in drafted.facts_of("person:m-vale")] == ["Maren Vale", "Ms Vale"]
    assert [f.span.quote for f in drafted.facts_of("document:nwc-charter")] == [
        "Charter of the Nordic Water Council"
    ]
    assert [f.span.quote for f in drafted.facts_of("state:norway")] == ["Norwegian"]
    (said,) = drafted.record.statements
    assert said.speakers == ("person:m-vale",)
    for ident in ("person:m-vale", "document:nwc-charter", "state:norway", "state:no"):
        assert ident not in drafted.record
