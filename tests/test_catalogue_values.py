"""The catalogue's cases of values and arguments that look right and are not.

Text that Python would read with a meaning the format does not give it (digits of
another script, an impossible time zone), values built in Python that no format
writes and reads back equal (``None`` in a required field, a set, a NaN), limits
that would silently load nothing, and an evidence span that splits a letter from
its accent. Every case is listed in ``docs/bad-input.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import communique as cq
from test_catalogue import Case, _check, doc

PROPOSAL = (
    '{"type": "proposal", "id": "proposal:x", "text": "t", "proposers": [], '
    '"amounts": [{"value": "%s", "currency": "EUR"}]}'
)


def event_dated(date: str) -> str:
    return doc('{"type": "event", "id": "event:x", "kind": "meeting", "date": "' + date + '"}')


#: 2020 in fullwidth digits, as East Asian text often writes it.
FULLWIDTH_2020 = "\uff12\uff10\uff12\uff10"


VALUE_CASES = [
    Case(
        "date-fullwidth-digits",
        "json",
        event_dated(FULLWIDTH_2020),
        cq.StructureError,
        "invalid-value",
        f"'{FULLWIDTH_2020}' is not a valid EDTF date: write it in ASCII digits (0-9)",
        "$.date",
    ),
    Case(
        "date-arabic-indic-digits",
        "yaml",
        'communique: "1.0"\nentities:\n- {type: event, id: "event:x", kind: meeting, date: "٢٠٢٠"}\n',
        cq.StructureError,
        "invalid-value",
        "write it in ASCII digits (0-9)",
        "$.date",
        3,
    ),
    Case(
        "date-offset-beyond-14-hours",
        "json",
        event_dated("2020-03-04T10:00:00+25:00"),
        cq.StructureError,
        "invalid-value",
        "'2020-03-04T10:00:00+25:00' has an impossible time zone offset (beyond ±14:00)",
        "$.date",
    ),
    Case(
        "text-file-nul",
        "json",
        doc('{"type": "source", "id": "source:s", "text_file": "a\\u0000b.txt"}'),
        cq.StructureError,
        "invalid-value",
        "a file name cannot hold a NUL character (U+0000)",
        "$.text_file",
    ),
    Case(
        "money-underscore",
        "json",
        doc(PROPOSAL % "1_000"),
        cq.StructureError,
        "invalid-value",
        "'1_000' is not a decimal amount written with ASCII digits",
        "$.amounts[0].value",
    ),
    Case(
        "money-spaces",
        "json",
        doc(PROPOSAL % " 12 "),
        cq.StructureError,
        "invalid-value",
        "' 12 ' is not a decimal amount written with ASCII digits",
        "$.amounts[0].value",
    ),
    Case(
        "money-arabic-indic-digits",
        "jsonl",
        PROPOSAL % "١٢" + "\n",
        cq.StructureError,
        "invalid-value",
        "'١٢' is not a decimal amount written with ASCII digits",
        "$.amounts[0].value",
        1,
    ),
]


@pytest.mark.parametrize("case", VALUE_CASES, ids=lambda c: c.name)
def test_bad_value(case: Case, tmp_path: Path) -> None:
    _check(case, lambda: cq.loads(case.data, case.fmt))
    path = tmp_path / f"bad.{case.fmt}"
    path.write_text(str(case.data), encoding="utf-8")
    assert _check(case, lambda: cq.load(path)).file == str(path)


# -- values built in Python: refused when made, or before anything is written ------------


@attrs.frozen
class BuiltCase:
    """An entity built in Python with a value no format carries back equal."""

    name: str
    build: Callable[[], cq.Entity]
    #: The message of the ValueError, naming the entity and the field.
    message: str
    #: True when the constructor refuses it; else dump does, in every format.
    at_construction: bool = False


BUILT_CASES = [
    BuiltCase(
        "extension-nan-built",
        lambda: cq.Person(id="person:x", name="X", extensions={"x-a:b": float("nan")}),
        "extension value $.x-a:b: nan is not a finite number (JSON has no NaN or infinity)",
        at_construction=True,
    ),
    BuiltCase(
        "extension-infinity-built",
        lambda: cq.Person(id="person:x", name="X", extensions={"x-a:b": [{"c": float("-inf")}]}),
        "extension value $.x-a:b[0].c: -inf is not a finite number",
        at_construction=True,
    ),
    BuiltCase(
        "extension-set-built",
        lambda: cq.Person(id="person:x", name="X", extensions={"x-a:b": {1, 2}}),
        "extension value $.x-a:b: set {1, 2} is not a value the formats can hold",
        at_construction=True,
    ),
    BuiltCase(
        "dump-none-in-required-field",
        lambda: cq.Person(id="person:x", name=None),  # type: ignore[arg-type]
        "person:x $.name: expected text, found None; dump writes only what load reads back",
    ),
    BuiltCase(
        "dump-integer-beyond-64-bits",
        lambda: cq.Person(
            id="person:x",
            name="X",
            evidence=(cq.Evidence(source="source:s", quote="X", start=2**70, end=2**70 + 1),),
        ),
        "person:x $.evidence[0].start: the integer 1180591620717411303424 does not fit in 64 bits",
    ),
    BuiltCase(
        "dump-set-for-tuple",
        lambda: cq.Event(id="event:x", kind="meeting", topics={"trade"}),  # type: ignore[arg-type]
        "event:x $.topics: expected a tuple, found set {'trade'}",
    ),
    BuiltCase(
        "dump-bytes-for-text",
        lambda: cq.Person(id="person:x", name=b"X"),  # type: ignore[arg-type]
        "person:x $.name: expected text, found bytes b'X'",
    ),
    BuiltCase(
        "dump-number-for-text",
        lambda: cq.Person(id="person:x", name="X", note=7),  # type: ignore[arg-type]
        "person:x $.note: expected text, found int 7",
    ),
]


@pytest.mark.parametrize("case", BUILT_CASES, ids=lambda c: c.name)
def test_a_value_no_format_carries_is_refused(case: BuiltCase, tmp_path: Path) -> None:
    if case.at_construction:
        with pytest.raises(ValueError, match=re.escape(case.message)):
            case.build()
        return
    entity = case.build()
    for fmt in cq.FORMATS:
        with pytest.raises(ValueError, match=re.escape(case.message)) as written:
            cq.dumps([entity], fmt)
        assert len(str(written.value)) < 300
        target = tmp_path / f"out.{fmt}"
        with pytest.raises(ValueError, match=re.escape(case.message)):
            cq.dump([entity], target)
        assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_a_value_every_format_carries_is_written_and_read_back_equal() -> None:
    # The other side of the cases above: null in an extension value, and text
    # that happens to be "null", are data.
    entity = cq.Person(id="person:x", name="null", extensions={"x-a:b": [None, 1.5, 2**63 - 1]})
    for fmt in cq.FORMATS:
        assert list(cq.loads(cq.dumps([entity], fmt), fmt)) == [entity]


# -- arguments ---------------------------------------------------------------------------


@attrs.frozen
class ArgumentCase:
    """A limit given to a loader that would refuse or skip every byte."""

    name: str
    call: Callable[[Path], object]
    message: str


ARGUMENT_CASES = [
    ArgumentCase(
        "load-max-line-bytes-negative",
        lambda p: cq.load(p, max_line_bytes=-1),
        "max_line_bytes must be a positive number of bytes, not -1",
    ),
    ArgumentCase(
        "load-max-line-bytes-zero",
        lambda p: cq.load(p, max_line_bytes=0),
        "max_line_bytes must be a positive number of bytes, not 0",
    ),
    ArgumentCase(
        "load-max-bytes-negative",
        lambda p: cq.load(p, max_bytes=-1),
        "max_bytes must be a positive number of bytes, not -1",
    ),
    ArgumentCase(
        "loads-max-bytes-zero",
        lambda p: cq.loads(p.read_text(encoding="utf-8"), "jsonl", max_bytes=0),
        "max_bytes must be a positive number of bytes, not 0",
    ),
    ArgumentCase(
        "iter-load-max-line-bytes-negative",
        lambda p: list(cq.iter_load(p, max_line_bytes=-1)),
        "max_line_bytes must be a positive number of bytes, not -1",
    ),
]


@pytest.mark.parametrize("case", ARGUMENT_CASES, ids=lambda c: c.name)
def test_a_limit_that_would_load_nothing_is_refused(case: ArgumentCase, tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    path.write_text('{"type": "person", "id": "person:x", "name": "X"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="must be a positive number") as refused:
        case.call(path)
    assert not isinstance(refused.value, cq.LoadError)
    assert str(refused.value) == case.message


def test_no_limit_is_still_a_choice(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    path.write_text('{"type": "person", "id": "person:x", "name": "X"}\n', encoding="utf-8")
    assert len(cq.load(path, max_bytes=None)) == 1


# -- an evidence span inside a character -------------------------------------------------

# "Norév" with the accent as a combining mark (e + U+0301), as text from a PDF often has it.
ACCENTED = "Mr Nore\u0301v said so."


def _record(*evidence: dict[str, object]) -> cq.Record:
    entities: list[dict[str, object]] = [{"type": "source", "id": "source:s", "text": ACCENTED}]
    entities += [
        {"type": "person", "id": f"person:p{i}", "name": "P", "evidence": [e]}
        for i, e in enumerate(evidence)
    ]
    return cq.loads(json.dumps({"communique": "1.0", "entities": entities}), "json")


SPAN_CASES = {
    "evidence-splits-a-character": (
        {"source": "source:s", "quote": "Nore", "start": 3, "end": 7},
        "$.evidence[0].end",
        "the span 3..7 ends inside a character",
    ),
    "quote-starts-inside-a-character": (
        {"source": "source:s", "quote": "\u0301v said"},
        "$.evidence[0].start",
        "the span 7..14 starts inside a character",
    ),
}


@pytest.mark.parametrize("name", SPAN_CASES)
def test_a_span_that_splits_a_character(name: str) -> None:
    evidence, path, message = SPAN_CASES[name]
    problems = _record(evidence).validate()
    assert [(p.code, p.entity, p.path) for p in problems] == [
        ("split-character", "person:p0", path)
    ]
    assert message in problems[0].message
    assert "U+0301 COMBINING ACUTE ACCENT" in problems[0].message


def test_a_span_around_whole_characters_is_fine() -> None:
    whole = {"source": "source:s", "quote": "Nore\u0301v", "start": 3, "end": 9}
    assert _record(whole).validate() == []


NAMES = (
    {c.name for c in VALUE_CASES}
    | {c.name for c in BUILT_CASES}
    | {c.name for c in ARGUMENT_CASES}
    | set(SPAN_CASES)
)
