"""A missing optional library is an ImportError that names the extra to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import communique as cq
from communique.interop import to_arrow, to_ftm, to_jsonld, to_popolo


@pytest.mark.parametrize(
    ("module", "export", "extra"),
    [("pyarrow", to_arrow, "arrow"), ("followthemoney", to_ftm, "ftm")],
)
def test_a_missing_library_names_its_extra(
    module: str, export: object, extra: str, seed: cq.Record, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    assert callable(export)
    with pytest.raises(ImportError, match=rf"pip install 'communique\[{extra}\]'"):
        export(seed)


def test_importing_the_interop_package_loads_no_heavy_library() -> None:
    import subprocess

    code = (
        "import sys, communique.interop; "
        "print(sorted(m for m in ('pyarrow', 'followthemoney', 'pyld', 'duckdb', 'pyspark') "
        "if m in sys.modules))"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(src)},
    )
    assert out.stdout.strip() == "[]"


def test_popolo_and_jsonld_need_no_extra(seed: cq.Record, monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("pyarrow", "followthemoney", "pyld"):
        monkeypatch.setitem(sys.modules, module, None)
    assert to_popolo(seed).data["persons"][0]["name"] == "Vladimir Norov"
    assert to_jsonld(seed).data["@context"] == {"@vocab": "http://schema.org/"}
