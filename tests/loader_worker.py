"""A process that feeds inputs to every loader and says how each one ended.

Run by ``test_fuzz.py`` (``python tests/loader_worker.py``), which sends it inputs
and kills it when one takes longer than its deadline, so that a hang is caught
rather than waited for. Its memory is capped, so that a blow-up ends in an error
here rather than on the machine.

Requests on standard input: a 4-byte big-endian length, then that many bytes.
Replies on standard output: one JSON line mapping each loader to ``record``,
``load-error`` or ``crash: <traceback>``.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

#: The worker's address-space limit: far above what any input here needs.
MEMORY_LIMIT = 2 * 1024**3

SUFFIXES = {"json": ".json", "jsonl": ".jsonl", "yaml": ".yaml"}


def outcomes(data: bytes, folder: Path) -> dict[str, str]:
    """How each loader ends on ``data``: a record (that dumps and loads back equal),
    a ``LoadError``, or anything else (a crash, with its traceback)."""
    import communique as cq

    out: dict[str, str] = {}

    def attempt(name: str, fmt: str, run: Callable[[], cq.Record]) -> None:
        try:
            record = run()
        except cq.LoadError:
            out[name] = "load-error"
            return
        except BaseException:  # noqa: BLE001 - anything else is what the fuzzing looks for
            out[name] = "crash: " + traceback.format_exc()
            return
        try:
            # What loads must also dump, and come back equal.
            again = cq.loads(cq.dumps(record, fmt), fmt)
            out[name] = "record" if again == record else "crash: round trip changed the record"
        except BaseException:  # noqa: BLE001
            out[name] = "crash: dumping a loaded record: " + traceback.format_exc()

    for fmt, suffix in SUFFIXES.items():
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        attempt(f"loads-{fmt}", fmt, lambda fmt=fmt: cq.loads(data, fmt))
        # As text too: bytes that are not UTF-8 become lone surrogates, which text
        # given as str can hold and no file can.
        text = data.decode("utf-8", "surrogateescape")
        attempt(f"loads-str-{fmt}", fmt, lambda fmt=fmt, text=text: cq.loads(text, fmt))
        attempt(f"load-{fmt}", fmt, lambda path=path: cq.load(path))
        attempt(f"iter_load-{fmt}", fmt, lambda path=path: cq.Record(cq.iter_load(path)))
    return out


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    with tempfile.TemporaryDirectory() as folder:
        while True:
            header = stdin.read(4)
            if len(header) < 4:
                return
            data = stdin.read(int.from_bytes(header, "big"))
            stdout.write(json.dumps(outcomes(data, Path(folder))).encode() + b"\n")
            stdout.flush()


if __name__ == "__main__":
    main()
