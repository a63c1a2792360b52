"""The documentation: its code runs, and its generated pages come from the library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import communique as cq
from communique.vocab import Term, vocabularies
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


def test_the_format_reference_lists_every_tag_and_term() -> None:
    page = communique_docs.format_page()
    for tag in cq.default_registry.tags():
        assert f"### `{tag}`" in page
    for name, vocabulary in vocabularies().items():
        assert f"### {name} (" in page
        if issubclass(vocabulary, Term):
            for term in vocabulary.terms():
                assert f"| `{term}` | {term.label} |" in page
        else:
            for member in vocabulary:
                assert f"| `{member.value}` |" in page


def test_the_api_reference_documents_every_public_name() -> None:
    page = communique_docs.api_page()
    for name in cq.__all__:
        assert f":: communique.{name}\n" in page + "\n" or f":: communique.{name}" in page
