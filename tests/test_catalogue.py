"""A catalogue of bad input, each case with the error it gets.

Every case here is listed, with its error, in ``docs/bad-input.md`` (a test below
keeps the two in step). Inputs that must be refused because they are huge or
hostile (deep nesting, an alias bomb) run in a separate process with a memory cap
and a deadline, so that a regression fails the test instead of the machine.
The cases of particular loader and interop features (gzip, Parquet, size limits,
duplicate keys and ids, big integers) are in ``test_catalogue_features.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import communique as cq
from coherence_cases import CASES as COHERENCE_CASES

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "bad-input.md"


def doc(entities: str) -> str:
    return '{"communique": "1.0", "entities": [' + entities + "]}"


PERSON = '{"type": "person", "id": "person:x", "name": "X"'


@attrs.frozen
class Case:
    """One bad input: what it is, and the error every loader must give it."""

    name: str
    fmt: str
    data: str | bytes
    error: type[cq.LoadError]
    code: str
    message: str
    path: str | None = None
    line: int | None = None


BILLION_LAUGHS = (
    'communique: "1.0"\nentities: []\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
    )
)

CASES = [
    # -- malformed syntax, in each format ---------------------------------------------
    Case(
        "json-syntax",
        "json",
        '{"communique": "1.0",\n "entities": [}',
        cq.ParseError,
        "syntax",
        "not valid JSON",
        "$",
        2,
    ),
    Case(
        "json-trailing-comma", "json", doc(PERSON + "},"), cq.ParseError, "syntax", "not valid JSON"
    ),
    Case("json-empty", "json", "", cq.ParseError, "syntax", "not valid JSON", "$", 1),
    Case(
        "json-nan",
        "json",
        doc(PERSON + ', "x-a:b": NaN}'),
        cq.ParseError,
        "syntax",
        "not valid JSON",
    ),
    Case(
        "jsonl-syntax",
        "jsonl",
        PERSON + "}\n" + PERSON + "\n",
        cq.ParseError,
        "syntax",
        "not valid JSON",
        "$",
        2,
    ),
    Case(
        "yaml-syntax",
        "yaml",
        'communique: "1.0"\nentities: [\n',
        cq.ParseError,
        "syntax",
        "did not find expected node content",
        "$",
        3,
    ),
    Case(
        "yaml-two-documents",
        "yaml",
        'communique: "1.0"\nentities: []\n---\na: 1\n',
        cq.ParseError,
        "syntax",
        "expected a single document",
        "$",
        3,
    ),
    Case(
        "yaml-non-text-key",
        "yaml",
        'communique: "1.0"\nentities:\n- {type: person, id: "person:x", name: X, 1: 2}\n',
        cq.ParseError,
        "syntax",
        "keys must be text, found 1",
        "$",
        3,
    ),
    Case(
        "yaml-merge-key",
        "yaml",
        'communique: "1.0"\nbase: &b {name: X}\nentities:\n- {<<: *b, type: person, id: "person:x"}\n',
        cq.ParseError,
        "syntax",
        "merge keys (<<) are not allowed",
        "$",
        4,
    ),
    # -- wrong types at every level -----------------------------------------------------
    Case(
        "not-a-record",
        "json",
        "[]",
        cq.StructureError,
        "not-a-record",
        "a record is an object with 'communique' and 'entities'",
        "$",
    ),
    Case(
        "yaml-empty",
        "yaml",
        "",
        cq.StructureError,
        "not-a-record",
        "a record is a mapping with 'communique' and 'entities'",
        "$",
    ),
    Case(
        "format-version-number",
        "json",
        '{"communique": 1.0, "entities": []}',
        cq.StructureError,
        "format-version",
        "expected 'communique: \"1.0\"', found 1.0",
        "$.communique",
    ),
    Case(
        "format-version-unknown",
        "yaml",
        'communique: "2.0"\nentities: []\n',
        cq.StructureError,
        "format-version",
        "found '2.0'",
        "$.communique",
        1,
    ),
    Case(
        "entities-not-a-list",
        "json",
        '{"communique": "1.0", "entities": {}}',
        cq.StructureError,
        "wrong-type",
        "'entities' must be a list",
        "$.entities",
    ),
    Case(
        "entity-not-a-mapping",
        "json",
        doc('"person:x"'),
        cq.StructureError,
        "wrong-type",
        "an entity must be a mapping, found text",
        "$.entities[0]",
    ),
    Case(
        "jsonl-line-not-a-mapping",
        "jsonl",
        "[1, 2]\n",
        cq.StructureError,
        "wrong-type",
        "an entity must be a mapping, found a list",
        "$",
        1,
    ),
    Case(
        "field-wrong-type",
        "json",
        doc('{"type": "person", "id": "person:x", "name": 7}'),
        cq.StructureError,
        "wrong-type",
        "expected text, found an integer",
        "$.name",
    ),
    Case(
        "field-null",
        "json",
        doc('{"type": "person", "id": "person:x", "name": null}'),
        cq.StructureError,
        "wrong-type",
        "expected text, found null",
        "$.name",
    ),
    Case(
        "list-given-text",
        "yaml",
        'communique: "1.0"\nentities:\n- type: event\n  id: event:x\n  kind: meeting\n  participants:\n  - agent: person:x\n    roles: speaker\n',
        cq.StructureError,
        "wrong-type",
        "expected a list, found text",
        "$.participants[0].roles",
        8,
    ),
    Case(
        "nested-wrong-type",
        "json",
        doc(
            PERSON + ', "evidence": [{"source": "source:s", "quote": "X", "start": "3", "end": 4}]}'
        ),
        cq.StructureError,
        "wrong-type",
        "expected an integer, found text",
        "$.evidence[0].start",
    ),
    Case(
        "boolean-as-text",
        "yaml",
        'communique: "1.0"\nentities:\n- type: person\n  id: person:x\n  name: X\n  posts:\n  - title: Minister\n    former: "yes"\n',
        cq.StructureError,
        "wrong-type",
        "expected true or false, found text",
        "$.posts[0].former",
        8,
    ),
    Case(
        "money-as-float",
        "json",
        doc(
            '{"type": "proposal", "id": "proposal:x", "text": "t", "proposers": [], "amounts": [{"value": 1.5, "currency": "EUR"}]}'
        ),
        cq.StructureError,
        "wrong-type",
        "expected a decimal amount as text",
        "$.amounts[0].value",
    ),
    Case(
        "integer-too-big",
        "yaml",
        'communique: "1.0"\nentities:\n- type: proposal\n  id: proposal:x\n  text: t\n  proposers: []\n  decision:\n    method: recorded_vote\n    outcome: adopted\n    tally: {in_favour: 99999999999999999999, against: 0, abstaining: 0}\n',
        cq.ParseError,
        "number-out-of-range",
        "the integer 99999999999999999999 does not fit in 64 bits",
        "$",
        10,
    ),
    Case(
        "yaml-integer-too-long",
        "yaml",
        'communique: "1.0"\nentities: []\nx: 1' + "0" * 5000 + "\n",
        cq.ParseError,
        "number-out-of-range",
        "(5001 characters) does not fit in 64 bits",
        "$",
        3,
    ),
    Case(
        "json-number-too-big",
        "json",
        doc(PERSON + ', "x-a:b": 1e400}'),
        cq.ParseError,
        "number-out-of-range",
        "a number too large for a 64-bit float",
    ),
    Case(
        "invalid-id",
        "json",
        doc('{"type": "person", "id": "Vladimir Norov", "name": "X"}'),
        cq.StructureError,
        "invalid-value",
        "'Vladimir Norov' is not a valid id",
        "$.id",
    ),
    Case(
        "invalid-country",
        "json",
        doc('{"type": "state", "id": "state:at", "name": "Austria", "country": "Austria"}'),
        cq.StructureError,
        "invalid-value",
        "'Austria' is not an ISO 3166-1 alpha-2 code",
        "$.country",
    ),
    Case(
        "unassigned-country",
        "json",
        doc('{"type": "state", "id": "state:ab", "name": "Nowhere", "country": "AB"}'),
        cq.StructureError,
        "invalid-value",
        "'AB' is not an ISO 3166-1 alpha-2 code",
        "$.country",
    ),
    Case(
        "invalid-language",
        "json",
        doc('{"type": "source", "id": "source:s", "language": "english"}'),
        cq.StructureError,
        "invalid-value",
        "'english' is not a BCP 47 language tag",
        "$.language",
    ),
    Case(
        "unknown-term",
        "json",
        doc('{"type": "event", "id": "event:x", "kind": "roundtabel"}'),
        cq.StructureError,
        "invalid-value",
        "did you mean 'roundtable'?",
        "$.kind",
    ),
    Case(
        "unknown-enum-value",
        "json",
        doc(
            '{"type": "statement", "id": "statement:x", "kind": "remarks", "speakers": [], "attribution": "quoted"}'
        ),
        cq.StructureError,
        "invalid-value",
        "'quoted' is not one of direct_quote",
        "$.attribution",
    ),
    Case(
        "missing-field",
        "json",
        doc('{"type": "person", "id": "person:x"}'),
        cq.StructureError,
        "missing-field",
        "required field missing",
        "$.name",
    ),
    # -- unknown fields and type tags -----------------------------------------------------
    Case(
        "unknown-field",
        "json",
        doc('{"type": "event", "id": "event:x", "kind": "meeting", "venue": "Vienna"}'),
        cq.StructureError,
        "unknown-field",
        "unknown field 'venue' for type 'event'",
        "$.venue",
    ),
    Case(
        "misspelt-field",
        "json",
        doc(
            '{"type": "statement", "id": "statement:x", "kind": "remarks", "speaker": [], "attribution": "direct_quote"}'
        ),
        cq.StructureError,
        "unknown-field",
        "unknown field 'speaker' for type 'statement'; did you mean 'speakers'?",
        "$.speaker",
    ),
    Case(
        "unknown-nested-field",
        "yaml",
        'communique: "1.0"\nentities:\n- type: event\n  id: event:x\n  kind: meeting\n  participants:\n  - agent: person:x\n    roles: [host]\n    rol: chair\n',
        cq.StructureError,
        "unknown-field",
        "unknown field 'rol' for Participation",
        "$.participants[0].rol",
        9,
    ),
    Case(
        "unknown-record-field",
        "json",
        '{"communique": "1.0", "entities": [], "meta": {}}',
        cq.StructureError,
        "unknown-field",
        "unknown field 'meta' in a record",
        "$.meta",
    ),
    Case(
        "unknown-type",
        "json",
        doc('{"type": "persn", "id": "person:x", "name": "X"}'),
        cq.UnknownTypeError,
        "unknown-type",
        "unknown type 'persn'; registered types: person",
        "$.type",
    ),
    Case(
        "missing-type",
        "jsonl",
        '{"id": "person:x", "name": "X"}\n',
        cq.UnknownTypeError,
        "unknown-type",
        "the entity has no 'type'",
        "$.type",
        1,
    ),
    Case(
        "extension-not-namespaced",
        "json",
        doc(PERSON + ', "x-confidence": 0.9}'),
        cq.StructureError,
        "invalid-value",
        "extension key 'x-confidence' must be namespaced like 'x-project:name'",
        "$.x-confidence",
    ),
    Case(
        "extension-nan",
        "yaml",
        'communique: "1.0"\nentities:\n- {type: person, id: "person:x", name: X, "x-a:b": .nan}\n',
        cq.ParseError,
        "number-out-of-range",
        ".nan is not a finite number, and JSON cannot hold it",
        "$",
        3,
    ),
    Case(
        "extension-integer-too-big",
        "yaml",
        'communique: "1.0"\nentities:\n- {type: person, id: "person:x", name: X, "x-a:b": 18446744073709551616}\n',
        cq.ParseError,
        "number-out-of-range",
        "the integer 18446744073709551616 does not fit in 64 bits",
        "$",
        3,
    ),
    Case(
        "extension-too-deep",
        "json",
        doc(PERSON + ', "x-a:b": ' + "[" * 500 + "]" * 500 + "}"),
        cq.StructureError,
        "invalid-value",
        "extension value is nested too deeply",
        "$.x-a:b",
    ),
    # -- duplicate keys ---------------------------------------------------------------------
    Case(
        "yaml-duplicate-key",
        "yaml",
        'communique: "1.0"\nentities:\n- type: person\n  id: person:x\n  name: X\n  name: Y\n',
        cq.ParseError,
        "syntax",
        "duplicate key 'name'",
        "$",
        6,
    ),
    # -- impossible and inverted dates --------------------------------------------------------
    Case(
        "impossible-day",
        "json",
        doc('{"type": "event", "id": "event:x", "kind": "meeting", "date": "2020-02-30"}'),
        cq.StructureError,
        "invalid-value",
        "'2020-02-30' is not a real calendar day",
        "$.date",
    ),
    Case(
        "impossible-time",
        "json",
        doc('{"type": "event", "id": "event:x", "kind": "meeting", "date": "2020-03-04T25:00:00"}'),
        cq.StructureError,
        "invalid-value",
        "has an impossible time of day",
        "$.date",
    ),
    Case(
        "inverted-interval",
        "yaml",
        'communique: "1.0"\nentities:\n- {type: event, id: "event:x", kind: meeting, date: 2020-03/2019}\n',
        cq.StructureError,
        "invalid-value",
        "'2020-03/2019' ends before it starts",
        "$.date",
        3,
    ),
    Case(
        "not-edtf",
        "json",
        doc('{"type": "event", "id": "event:x", "kind": "meeting", "date": "4 March 2020"}'),
        cq.StructureError,
        "invalid-value",
        "'4 March 2020' is not a valid EDTF date",
        "$.date",
    ),
    Case(
        "date-wrong-type",
        "json",
        doc('{"type": "event", "id": "event:x", "kind": "meeting", "date": 20200304}'),
        cq.StructureError,
        "wrong-type",
        "expected an EDTF date as text",
        "$.date",
    ),
    Case(
        "date-unknown-field",
        "json",
        doc(
            '{"type": "event", "id": "event:x", "kind": "meeting", "date": {"edtf": "2020", "when": "x"}}'
        ),
        cq.StructureError,
        "invalid-value",
        "unknown field 'when' in a date",
        "$.date",
    ),
    # -- invalid UTF-8 and lone surrogates --------------------------------------------------------
    Case(
        "json-invalid-utf8",
        "json",
        doc(PERSON[:-4] + '"\xff"}').encode("latin-1"),
        cq.ParseError,
        "invalid-utf8",
        "not valid UTF-8: byte 0xff",
    ),
    Case(
        "jsonl-invalid-utf8",
        "jsonl",
        b'{"type": "person", "id": "person:x", "name": "\xc3\x28"}\n',
        cq.ParseError,
        "invalid-utf8",
        "not valid UTF-8: byte 0xc3",
        "$",
        1,
    ),
    Case(
        "yaml-invalid-utf8",
        "yaml",
        b'communique: "1.0"\nentities: []\nx: "\xed\xa0\x80"\n',
        cq.ParseError,
        "invalid-utf8",
        "not valid UTF-8: byte 0xed",
        "$",
        3,
    ),
    Case(
        "json-escaped-lone-surrogate",
        "json",
        doc(PERSON[:-4] + '"\\ud800"}'),
        cq.ParseError,
        "syntax",
        "no low surrogate in string",
    ),
    Case(
        "yaml-escaped-lone-surrogate",
        "yaml",
        'communique: "1.0"\nentities:\n- {type: person, id: "person:x", name: "\\ud800"}\n',
        cq.ParseError,
        "syntax",
        "invalid Unicode character escape code",
        "$",
        3,
    ),
    Case(
        "json-text-lone-surrogate",
        "json",
        doc(PERSON[:-4] + '"\ud800"}'),
        cq.ParseError,
        "invalid-text",
        "the text holds a lone surrogate (U+D800), which is not a character",
    ),
    Case(
        "yaml-text-lone-surrogate",
        "yaml",
        'communique: "1.0"\nentities:\n- {type: person, id: "person:x", name: "\ud800"}\n',
        cq.ParseError,
        "invalid-text",
        "the text holds a lone surrogate (U+D800), which is not a character",
        "$",
        3,
    ),
    Case(
        "jsonl-text-lone-surrogate",
        "jsonl",
        PERSON[:-4] + '"\ud800"}\n',
        cq.ParseError,
        "invalid-text",
        "the text holds a lone surrogate (U+D800), which is not a character",
        "$",
        1,
    ),
    # -- a YAML tag that would construct a Python object -----------------------------------------
    Case(
        "yaml-python-object",
        "yaml",
        'communique: "1.0"\nentities: !!python/object/apply:os.system ["echo owned"]\n',
        cq.ParseError,
        "syntax",
        "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        "$",
        2,
    ),
    Case(
        "yaml-python-name",
        "yaml",
        'communique: "1.0"\nentities: []\nx: !!python/name:os.system ""\n',
        cq.ParseError,
        "syntax",
        "the tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
        "$",
        3,
    ),
    Case(
        "yaml-local-tag",
        "yaml",
        'communique: "1.0"\nentities: !record []\n',
        cq.ParseError,
        "syntax",
        "the tag '!record' is not allowed",
        "$",
        2,
    ),
    Case(
        "yaml-timestamp-tag",
        "yaml",
        'communique: "1.0"\nentities: []\nx: !!timestamp 2020-03-04\n',
        cq.ParseError,
        "syntax",
        "the tag 'tag:yaml.org,2002:timestamp' is not allowed",
        "$",
        3,
    ),
]

# Huge or hostile inputs: each is built at test time and run under a memory cap and
# a deadline (see `bounded`).
HOSTILE = [
    Case(
        "json-10000-deep",
        "json",
        "[" * 10_000 + "]" * 10_000,
        cq.ParseError,
        "too-deep",
        "nest more than",
        "$",
        1,
    ),
    Case(
        "jsonl-10000-deep",
        "jsonl",
        '{"a":' * 10_000 + "1" + "}" * 10_000 + "\n",
        cq.ParseError,
        "too-deep",
        "nest more than",
        "$",
        1,
    ),
    Case(
        "yaml-10000-deep-flow",
        "yaml",
        "[" * 10_000 + "]" * 10_000,
        cq.ParseError,
        "too-deep",
        "collections nest too deeply",
        "$",
        1,
    ),
    Case(
        "yaml-10000-deep-block",
        "yaml",
        "- " * 10_000 + "x\n",
        cq.ParseError,
        "too-deep",
        "collections nest too deeply",
        "$",
        1,
    ),
    Case(
        "yaml-billion-laughs",
        "yaml",
        BILLION_LAUGHS,
        cq.ParseError,
        "too-large",
        "the document expands to more than 10000000 values",
        "$",
    ),
]


def _check(case: Case, load: Callable[[], object]) -> cq.LoadError:
    with pytest.raises(case.error) as info:
        load()
    problem = info.value.problems[0]
    assert problem.code == case.code
    assert case.message in problem.message
    assert case.message in str(info.value)
    if case.path is not None:
        assert problem.path == case.path
    if case.line is not None:
        assert problem.line == case.line
    return info.value


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_text(case: Case) -> None:
    _check(case, lambda: cq.loads(case.data, case.fmt))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_file(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"bad.{case.fmt}"
    path.write_bytes(
        case.data.encode("utf-8", "surrogatepass") if isinstance(case.data, str) else case.data
    )
    if isinstance(case.data, str) and re.search("[\ud800-\udfff]", case.data):
        # A file holds bytes: a lone surrogate written to it is invalid UTF-8.
        with pytest.raises(cq.ParseError, match="not valid UTF-8"):
            cq.load(path)
        return
    error = _check(case, lambda: cq.load(path))
    assert error.file == str(path)


_RUNNER = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
    import communique as cq
    path, fmt = sys.argv[1], sys.argv[2]
    try:
        cq.load(path, format=fmt)
    except cq.LoadError as error:
        p = error.problems[0]
        print(type(error).__name__, p.code, p.path, p.line, sep="\\t")
        print(p.message)
    else:
        print("loaded")
    """
)


def bounded(path: Path, fmt: str) -> tuple[str, str]:
    """Load ``path`` in a process with 1 GiB of address space and 60 s to answer;
    its first line of output (error type, code, path, line) and the message."""
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(path), fmt],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    head, _, message = result.stdout.partition("\n")
    return head, message.strip()


@pytest.mark.parametrize("case", HOSTILE, ids=lambda c: c.name)
def test_hostile_input_is_refused_within_bounds(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"hostile.{case.fmt}"
    path.write_text(case.data if isinstance(case.data, str) else "", encoding="utf-8")
    head, message = bounded(path, case.fmt)
    assert head == "\t".join([case.error.__name__, case.code, case.path or "$", str(case.line)])
    assert case.message in message


# -- record-level problems: what validate() reports -----------------------------------


SOURCE = {"type": "source", "id": "source:s", "text": "Mr Norov said that the SCO said so."}


@attrs.frozen
class RecordCase:
    name: str
    entities: list[dict[str, object]]
    code: str
    message: str
    entity: str
    path: str


RECORD_CASES = [
    RecordCase(
        "duplicate-id",
        [
            {"type": "person", "id": "person:x", "name": "X"},
            {"type": "person", "id": "person:x", "name": "Y"},
        ],
        "duplicate-id",
        "the id is used by 2 entities",
        "person:x",
        "$.id",
    ),
    RecordCase(
        "dangling-reference",
        [
            {
                "type": "event",
                "id": "event:x",
                "kind": "meeting",
                "participants": [{"agent": "person:nobody", "roles": ["host"]}],
            }
        ],
        "dangling-reference",
        "'person:nobody' refers to no entity of the record",
        "event:x",
        "$.participants[0].agent",
    ),
    RecordCase(
        "wrong-reference-type",
        [{"type": "event", "id": "event:x", "kind": "meeting", "organisers": ["event:x"]}],
        "wrong-reference-type",
        "'event:x' is of type Event, but this field refers to Agent",
        "event:x",
        "$.organisers[0]",
    ),
    RecordCase(
        "end-before-start",
        [
            {"type": "organization", "id": "org:sco", "name": "SCO"},
            {"type": "state", "id": "state:in", "name": "India", "country": "IN"},
            {
                "type": "membership",
                "id": "membership:in-sco",
                "member": "state:in",
                "organization": "org:sco",
                "status": "member",
                "start": "2017-06-09",
                "end": "2017-05",
            },
        ],
        "end-before-start",
        "ends (2017-05) before it starts (2017-06-09)",
        "membership:in-sco",
        "$.end",
    ),
    RecordCase(
        "gap-outside-the-text",
        [
            {"type": "person", "id": "person:q", "name": "Q", "unnamed": True},
            {
                "type": "statement",
                "id": "statement:q1",
                "kind": "question",
                "speakers": ["person:q"],
                "attribution": "direct_quote",
                "text": "Will it be signed?",
                "gaps": [{"kind": "inaudible", "at": 40}],
            },
        ],
        "gap-outside-text",
        "the gap is at 40, past the end of the statement's text (18 characters)",
        "statement:q1",
        "$.gaps[0].at",
    ),
    RecordCase(
        "evidence-outside-the-text",
        [
            SOURCE,
            {
                "type": "person",
                "id": "person:x",
                "name": "X",
                "evidence": [{"source": "source:s", "quote": "Norov", "start": 1000, "end": 1005}],
            },
        ],
        "evidence-mismatch",
        "the source text at 1000..1005 is '', not the quote 'Norov'; the quote is at 3..8",
        "person:x",
        "$.evidence[0].quote",
    ),
    RecordCase(
        "evidence-off-by-one",
        [
            SOURCE,
            {
                "type": "person",
                "id": "person:x",
                "name": "X",
                "evidence": [{"source": "source:s", "quote": "Norov", "start": 4, "end": 9}],
            },
        ],
        "evidence-mismatch",
        "the source text at 4..9 is 'orov ', not the quote 'Norov'",
        "person:x",
        "$.evidence[0].quote",
    ),
    RecordCase(
        "quote-not-in-the-text",
        [
            SOURCE,
            {
                "type": "person",
                "id": "person:x",
                "name": "X",
                "evidence": [{"source": "source:s", "quote": "Mr Putin"}],
            },
        ],
        "quote-not-found",
        "the quote 'Mr Putin' is not in the text of 'source:s'",
        "person:x",
        "$.evidence[0].quote",
    ),
    RecordCase(
        "quote-ambiguous",
        [
            SOURCE,
            {
                "type": "person",
                "id": "person:x",
                "name": "X",
                "evidence": [{"source": "source:s", "quote": "said"}],
            },
        ],
        "quote-ambiguous",
        "the quote 'said' occurs 2 times in 'source:s'",
        "person:x",
        "$.evidence[0].quote",
    ),
    RecordCase(
        "evidence-span-inverted",
        [
            SOURCE,
            {
                "type": "person",
                "id": "person:x",
                "name": "X",
                "evidence": [{"source": "source:s", "quote": "Norov", "start": 8, "end": 3}],
            },
        ],
        "bad-span",
        "the span must have 0 <= start <= end",
        "person:x",
        "$.evidence[0].start",
    ),
    RecordCase(
        "evidence-half-span",
        [
            SOURCE,
            {
                "type": "person",
                "id": "person:x",
                "name": "X",
                "evidence": [{"source": "source:s", "quote": "Norov", "start": 3}],
            },
        ],
        "half-span",
        "give both start and end, or neither",
        "person:x",
        "$.evidence[0]",
    ),
    RecordCase(
        "missing-text-file",
        [{"type": "source", "id": "source:t", "text_file": "nowhere.txt"}],
        "missing-text-file",
        "the text file 'nowhere.txt' cannot be read beside the record",
        "source:t",
        "$.text_file",
    ),
    RecordCase(
        "replaced-id-in-use",
        [
            {"type": "person", "id": "person:x", "name": "X", "replaces": ["person:y"]},
            {"type": "person", "id": "person:y", "name": "Y"},
        ],
        "replaced-id-in-use",
        "'person:y' is the id of an entity",
        "person:x",
        "$.replaces[0]",
    ),
]


@pytest.mark.parametrize("case", RECORD_CASES, ids=lambda c: c.name)
def test_record_level_problem(case: RecordCase, tmp_path: Path) -> None:
    import json

    path = tmp_path / "record.json"
    path.write_text(json.dumps({"communique": "1.0", "entities": case.entities}), encoding="utf-8")
    if case.code == "duplicate-id":
        # A file that defines one id twice is refused when it is loaded; a record
        # built in Python may still hold it, and validate() reports it there.
        with pytest.raises(cq.DuplicateIdError, match="defined twice with different content"):
            cq.load(path)
        record = cq.Record(cq.default_converter.structure_entity(e) for e in case.entities)
    else:
        record = cq.load(path)
    problems = record.validate()
    assert [(p.code, p.entity, p.path) for p in problems] == [(case.code, case.entity, case.path)]
    assert case.message in problems[0].message


def test_the_documentation_lists_every_case() -> None:
    text = DOC.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", text, flags=re.M))
    features = {
        "jsonl-200-mb-line",
        "json-duplicate-key",
        "jsonl-duplicate-key",
        "folder-duplicate-id",
        "missing-path",
        "json-integer-beyond-64-bits",
    }
    names = {c.name for c in CASES} | {c.name for c in HOSTILE} | {c.name for c in RECORD_CASES}
    names |= {c.name for c in COHERENCE_CASES}
    # The command line's and the values' cases, each in a module of its own.
    from test_catalogue_cli import CLI_CASES
    from test_catalogue_hostile import CASES as HOSTILE_CASES
    from test_catalogue_values import NAMES

    names |= {c.name for c in CLI_CASES} | NAMES | HOSTILE_CASES
    assert listed == names | features
