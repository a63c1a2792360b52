"""The documentation: its code runs, and its generated pages come from the library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import communique as cq
from communique.vocab import entries, vocabularies, vocabulary_name
from docblocks import blocks

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(
    p for p in DOCS.rglob("*.md") if not {"_build", "_generated"} & set(p.relative_to(DOCS).parts)
)
RUN = {"python", "pycon", "console"}

sys.path.insert(0, str(DOCS / "_ext"))
import communique_docs  # noqa: E402


@pytest.mark.parametrize(
    "page", [*PAGES, ROOT / "README.md"], ids=lambda p: str(p.relative_to(ROOT))
)
def test_the_code_of_each_page_runs(page: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "docblocks.py"), str(page), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_that_teach_run_their_examples() -> None:
    for name in (
        "tutorial",
        "cli",
        *(
            f"howto/{p}"
            for p in ("write-yaml", "load-folder", "query", "validate", "extend", "export")
        ),
    ):
        page = DOCS / f"{name}.md"
        ran = [b for b in blocks(page.read_text(encoding="utf-8")) if b.language in RUN]
        assert len(ran) >= 2, name


def test_python_shown_in_pages_is_never_left_unrun() -> None:
    # Code that is not run is shown as text, so that no page shows Python that rots.
    for page in PAGES:
        for block in blocks(page.read_text(encoding="utf-8")):
            assert block.language not in {"py", "python3", "ipython"}, (page, block.line)


def test_the_format_reference_lists_every_tag_and_term_with_its_meaning() -> None:
    page = communique_docs.format_page()
    for tag in cq.default_registry.tags():
        if ":" not in tag:
            assert f"### `{tag}`" in page
    for vocabulary in vocabularies().values():
        assert f"### `{vocabulary_name(vocabulary)}`" in page
        for entry in entries(vocabulary):
            row = f"| `{entry.value}` | {entry.label} | {entry.meaning} |"
            # Terms a downstream package (or a test) declares are not the format's own.
            assert (row in page) != entry.downstream, row


def test_the_format_reference_in_the_repository_is_current() -> None:
    # In a process of its own: the test session declares downstream types and terms.
    result = subprocess.run(
        [sys.executable, str(DOCS / "_ext" / "communique_docs.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    # It reads without a build: no Sphinx roles or directives.
    assert "{py:" not in text
    assert "{doc}" not in text


def test_the_write_yaml_how_to_links_to_the_format_reference_and_the_vocabularies() -> None:
    text = (DOCS / "howto" / "write-yaml.md").read_text(encoding="utf-8")
    assert "](../format.md)" in text
    assert "`communique vocab`" in text
    assert "communique new" in text


def test_the_api_reference_documents_every_public_name() -> None:
    page = communique_docs.api_page()
    for name in cq.__all__:
        assert f":: communique.{name}\n" in page + "\n" or f":: communique.{name}" in page
