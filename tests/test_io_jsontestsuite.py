"""The parsing cases of the public JSONTestSuite, through every way in.

``n_*`` cases are not JSON: each must end in a ``ParseError`` and nothing else.
``y_*`` cases are JSON, but none is a communique document: each must load or end
in a ``LoadError`` that says it is not a record (or, for the two cases with a key
given twice, that the key is given twice: communique refuses what would be lost).
``i_*`` cases are left to the parser: each must end in a record or a ``LoadError``.
Every case is run through ``cq.loads``, ``cq.load`` of the file, ``cq.iter_load``
of the file, and as one line of a JSON Lines file between two good lines.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import communique as cq

ROOT = Path(__file__).resolve().parent.parent


SUITE = ROOT / "tests" / "data" / "jsontestsuite" / "test_parsing"
CASES = sorted(p.name for p in SUITE.glob("*.json"))
GOOD = b'{"type": "person", "id": "person:a", "name": "A"}'
GOOD_TOO = b'{"type": "person", "id": "person:b", "name": "B"}'

# What a well-formed JSON value that is not a record may be told.
NOT_A_RECORD = {
    "not-a-record",
    "format-version",
    "missing-field",
    "unknown-field",
    "wrong-type",
    "unknown-type",
    "invalid-value",
}
REPEATED_KEYS = {"y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json"}


def test_the_suite_is_all_there() -> None:
    prefixes = [name[0] for name in CASES]
    assert (prefixes.count("y"), prefixes.count("n"), prefixes.count("i")) == (95, 188, 35)


def routes(name: str, tmp_path: Path) -> dict[str, Callable[[], object]]:
    data = (SUITE / name).read_bytes()
    document = tmp_path / "case.json"
    document.write_bytes(data)
    lines = tmp_path / "case.jsonl"
    lines.write_bytes(GOOD + b"\n" + data + b"\n" + GOOD_TOO + b"\n")
    return {
        "loads": lambda: cq.loads(data, format="json"),
        "load": lambda: cq.load(document),
        "iter_load": lambda: list(cq.iter_load(document)),
        "jsonl load": lambda: cq.load(lines),
        "jsonl iter_load": lambda: list(cq.iter_load(lines)),
    }


def outcome(run: Callable[[], object]) -> cq.LoadError | None:
    """The LoadError a route ends in, or None if it loads; anything else fails."""
    try:
        run()
    except cq.LoadError as error:
        return error
    return None


PARSE_CODES = {"syntax", "invalid-utf8", "too-deep", "number-out-of-range", "duplicate-key"}


@pytest.mark.parametrize("name", [c for c in CASES if c.startswith("n_")])
def test_every_n_case_is_a_parse_error(name: str, tmp_path: Path) -> None:
    data = (SUITE / name).read_bytes()
    for route, run in routes(name, tmp_path).items():
        error = outcome(run)
        if route.startswith("jsonl") and b"\n" in data:
            # Spread over several lines, some of its lines may be JSON, if not entities.
            assert isinstance(error, cq.LoadError), route
            assert {p.code for p in error.problems} & PARSE_CODES, f"{route}: {error}"
        else:
            assert isinstance(error, cq.ParseError), f"{route}: {error!r}"


@pytest.mark.parametrize("name", [c for c in CASES if c.startswith("y_")])
def test_every_y_case_loads_or_is_not_a_record(name: str, tmp_path: Path) -> None:
    data = (SUITE / name).read_bytes()
    for route, run in routes(name, tmp_path).items():
        error = outcome(run)
        if error is None:
            continue
        codes = {p.code for p in error.problems}
        allowed = set(NOT_A_RECORD)
        if name in REPEATED_KEYS:
            allowed.add("duplicate-key")
        if route.startswith("jsonl") and b"\n" in data:
            # A value spread over several lines is several (broken) lines of JSON Lines.
            allowed |= {"syntax"}
        assert codes <= allowed, f"{route}: {error}"


@pytest.mark.parametrize("name", [c for c in CASES if c.startswith("i_")])
def test_every_i_case_is_a_record_or_a_load_error(name: str, tmp_path: Path) -> None:
    for run in routes(name, tmp_path).values():
        outcome(run)


@pytest.mark.parametrize("name", CASES)
def test_one_bad_line_costs_no_more_than_its_own_entities(name: str, tmp_path: Path) -> None:
    lines = tmp_path / "case.jsonl"
    lines.write_bytes(GOOD + b"\n" + (SUITE / name).read_bytes() + b"\n" + GOOD_TOO + b"\n")
    result = cq.load(lines, errors="collect")
    assert [e.id for e in result.record] == ["person:a", "person:b"]
    assert result.problems
    stream = cq.iter_load(lines, errors="collect")
    assert [e.id for e in stream] == ["person:a", "person:b"]
    assert stream.problems == list(result.problems)
