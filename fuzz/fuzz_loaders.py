"""Coverage-guided fuzzing of the loaders with atheris (libFuzzer for Python).

Each input's first byte chooses the format (JSON, JSON Lines or YAML) and whether
the rest goes in as bytes or as text; the rest is the document. Every input must
end in a record or a ``LoadError``; a record must dump and load back equal.
Anything else is a finding: libFuzzer stops and writes the input to a
``crash-*`` (or ``timeout-*``, ``oom-*``) file.

    python fuzz/fuzz_loaders.py --make-corpus fuzz/corpus    # seed from examples/
    python fuzz/fuzz_loaders.py fuzz/corpus -timeout=10 -rss_limit_mb=2048

See fuzz/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["communique"]):
    import communique as cq

ROOT = Path(__file__).resolve().parent.parent
FORMATS = cq.FORMATS


def test_one_input(data: bytes) -> None:
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    as_text = data[0] // len(FORMATS) % 2 == 1
    payload: str | bytes = data[1:]
    if as_text:
        # Bytes that are not UTF-8 become lone surrogates: text no file can hold.
        payload = data[1:].decode("utf-8", "surrogateescape")
    try:
        record = cq.loads(payload, fmt)
    except cq.LoadError:
        return
    again = cq.loads(cq.dumps(record, fmt), fmt)
    if again != record:
        raise AssertionError(f"the {fmt} round trip changed the record")


def make_corpus(folder: Path) -> int:
    """Write every example record, and a few small ones, in every format, each
    input prefixed with the byte that selects its format (bytes and text)."""
    folder.mkdir(parents=True, exist_ok=True)
    records = [cq.load(path) for path in sorted(ROOT.glob("examples/**/record.*"))]
    records.append(cq.Record([cq.Person(id="person:x", name="X")]))
    records.append(cq.Record())
    count = 0
    for index, record in enumerate(records):
        for selector, fmt in enumerate(FORMATS):
            text = cq.dumps(record, fmt).encode("utf-8")
            for as_text in (0, 1):
                prefix = bytes([selector + as_text * len(FORMATS)])
                (folder / f"seed-{index}-{fmt}-{as_text}").write_bytes(prefix + text)
                count += 1
    return count


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--make-corpus":
        print(f"wrote {make_corpus(Path(sys.argv[2]))} inputs to {sys.argv[2]}")
        return
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
