"""The rendered site read back as HTML: every link resolves, every quote of evidence is
highlighted, failing quotes are marked, lists are paginated."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from sitepages import Page, broken_links, evidence_in, pages

import communique as cq
from clirun import COMMANDS, SEED, run
from communique._render._view import entity_file

SOURCE = "source:sco-2020-03-04-aies-roundtable"


def test_every_internal_link_of_every_page_resolves(seed: cq.Record, site: Path) -> None:
    assert broken_links(site) == []
    entity_pages = list((site / "e").glob("*.html"))
    assert len(entity_pages) == len(seed)


def test_the_source_page_highlights_every_evidence_of_the_record(
    seed: cq.Record, site: Path
) -> None:
    evidence = evidence_in(seed, SOURCE)
    page = Page(site / "e" / entity_file(SOURCE))
    covered = page.quoted()
    assert len(covered) == len(evidence)
    assert sorted(covered.values()) == sorted(e.quote for e in evidence)
    assert len([i for i in page.ids if i.startswith("q-")]) == len(evidence)
    assert not any("bad" in classes.split() for _, classes, _ in page.marks)
    assert page.failing == set()


def test_each_quote_links_its_entity_and_the_entity_links_back(seed: cq.Record, site: Path) -> None:
    source_page = Page(site / "e" / entity_file(SOURCE))
    norov = Page(site / "e" / entity_file("person:vladimir-norov"))
    back = [link for link in norov.links if link.startswith(f"../e/{entity_file(SOURCE)}#q-")]
    assert len(back) == len(list(_evidence_of(seed.get("person:vladimir-norov"))))
    for link in back:
        number = link.partition("#q-")[2]
        assert f"../e/person~vladimir-norov.html#ev-{number}" in source_page.links


def _evidence_of(entity: cq.Entity) -> list[cq.Evidence]:
    return evidence_in(cq.Record([entity]), SOURCE)


def test_the_site_fetches_nothing_and_ships_its_search_index(seed: cq.Record, site: Path) -> None:
    for page in pages(site):
        assert all("//" not in link for link in page.links), page.path
    text = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.communiqueIndex = "
    assert text.startswith(prefix)
    entries = json.loads(text[len(prefix) :].rstrip().rstrip(";"))
    assert sorted(e[0] for e in entries) == sorted(e.id for e in seed)
    assert all((site / e[3]).is_file() for e in entries)


def test_a_failing_quote_is_marked_on_the_source_and_listed_as_a_problem(
    seed: cq.Record, tmp_path: Path
) -> None:
    event = seed.get("event:2020-03-04-sco-aies-roundtable", cq.Event)
    first = event.participants[0]
    wrong = attrs.evolve(first.evidence[0], quote="words the text does not have here")
    broken = attrs.evolve(
        event, participants=(attrs.evolve(first, evidence=(wrong,)), *event.participants[1:])
    )
    record = cq.Record(
        [broken if e.id == event.id else e for e in seed.entities],
        text_dirs={SOURCE: SEED.parent},
    )
    site = cq.render(record, tmp_path / "site").parent
    page = Page(site / "e" / entity_file(SOURCE))
    assert len(page.failing) == 1
    (number,) = page.failing
    assert all("bad" in classes.split() for numbers, classes, _ in page.marks if number in numbers)
    assert page.quoted()[number] == first.evidence[0].quote  # the span it gives, marked
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "evidence-mismatch" in index
    assert "1 problem<" in index
    assert "words the text does not have here" in (site / "e" / entity_file(event.id)).read_text(
        encoding="utf-8"
    )
    assert broken_links(site) == []


def test_lists_are_paginated_and_the_index_stays_light(seed: cq.Record, tmp_path: Path) -> None:
    site = cq.render(seed, tmp_path / "site", page_size=10).parent
    statements = sorted((site / "l").glob("statement-*.html"))
    assert len(statements) == 5  # 44 statements, 10 a page
    rows = sum(
        1 for page in statements for link in Page(page).links if link.startswith("../e/statement~")
    )
    assert rows == len(seed.statements)
    assert (
        "statement~"
        not in (site / "index.html").read_text(encoding="utf-8").split('id="timeline"')[0]
    )
    assert broken_links(site) == []


def test_text_that_looks_like_markup_stays_text(tmp_path: Path) -> None:
    text = 'He wrote "</script><b>bold</b>" & left.'
    record = cq.Record(
        [
            cq.Source(id="source:s", text=text),
            cq.Organization(
                id="org:o",
                name="<i>Org</i>",
                evidence=(cq.Evidence(source="source:s", quote="</script><b>bold</b>"),),
            ),
        ]
    )
    site = cq.render(record, tmp_path / "site").parent
    html = (site / "e" / "source~s.html").read_text(encoding="utf-8")
    assert "<b>" not in html
    assert "<i>" not in html
    data = html.split('<script type="application/json" id="quote-data">')[1].split("</script>")[0]
    assert json.loads(data)["0"]["quote"] == "</script><b>bold</b>"
    assert Page(site / "e" / "source~s.html").quoted() == {0: "</script><b>bold</b>"}


def test_a_folder_of_other_files_is_not_replaced(seed: cq.Record, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="other files"):
        cq.render(seed, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    site = tmp_path / "site"
    cq.render(seed, site)
    (site / "e" / "stale.html").write_text("left from before", encoding="utf-8")
    cq.render(seed, site)  # a site written before is replaced whole
    assert not (site / "e" / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "site"]


def test_ids_map_to_distinct_file_names() -> None:
    ids = ["a:b", "a:B", "a:b_", "a:b~", "a:b/c", "a:b:c", "a-b:c", "a:b-c"]
    assert len({entity_file(i) for i in ids}) == len(ids)
    assert len({entity_file(i).lower() for i in ids}) == len(ids)


@pytest.mark.parametrize("command", COMMANDS)
def test_the_command_writes_the_site_and_names_its_index(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    result = run(command, "render", SEED, "-o", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "site" / "index.html")
    assert broken_links(tmp_path / "site") == []
    refused = run(command, "render", SEED, "-o", tmp_path)
    assert refused.returncode == 1
    assert "other files" in refused.stderr


def test_pages_written_by_worker_processes_are_the_same(
    seed: cq.Record, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from communique._render import _site

    one = cq.render(seed, tmp_path / "one").parent
    monkeypatch.setattr(_site, "_PARALLEL_FROM", 10)
    monkeypatch.setattr(_site.os, "cpu_count", lambda: 2)
    many = cq.render(seed, tmp_path / "many").parent
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(many) for p in many.rglob("*") if p.is_file())
    assert all((one / f).read_bytes() == (many / f).read_bytes() for f in files)


def test_the_index_names_a_few_sources_and_links_to_all(tmp_path: Path) -> None:
    record = cq.Record([cq.Source(id=f"source:s{n:02}", title=f"S{n}") for n in range(45)])
    site = cq.render(record, tmp_path / "site").parent
    index = Page(site / "index.html")
    shown = [link for link in index.links if link.startswith("e/source~")]
    assert len(shown) == 20
    assert "l/source-1.html" in index.links
    assert broken_links(site) == []
