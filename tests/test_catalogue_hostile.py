"""Catalogue cases of hostile input: work that must stay bounded, files a record
must not reach, and changes that must not pass in silence.

Listed in ``docs/bad-input.md`` (``test_catalogue.py`` keeps the page and the
cases in step). Every case that could hang or exhaust memory, were it to
regress, runs in a separate process with a memory cap and a deadline
(:func:`capped`), so that a regression fails its test instead of the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent

#: The cases of this module, by the name ``docs/bad-input.md`` lists them under.
CASES = {
    "json-10000-bad-entities",
    "yaml-10000-bad-entities",
    "text-file-absolute-outside",
    "text-file-parent-folder",
    "text-file-device",
    "text-file-fifo",
    "text-file-socket",
    "text-file-symlink-outside",
    "text-file-too-large",
    "text-file-crlf",
    "text-file-bom",
    "text-file-not-utf8",
    "empty-path",
    "symlinked-folder",
    "symlink-loop-folder",
    "dump-over-a-symlink",
    "dump-killed",
    "dump-error-names-the-target",
    "edtf-set-of-2000-years",
    "unknown-term-of-60-mb",
    "id-of-10-mb",
    "unknown-field-of-1-mb",
    "get-missing-id-of-300000",
    "text-file-fuzzed",
}


def capped(code: str, *args: str, seconds: int = 60, cwd: Path | None = None) -> str:
    """Run Python ``code`` (given ``args`` as ``sys.argv[1:]``) in a process with
    1 GiB of address space and ``seconds`` to finish; its standard output."""
    runner = (
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))\n" + textwrap.dedent(code)
    )
    result = subprocess.run(
        [sys.executable, "-c", runner, *args],
        capture_output=True,
        text=True,
        timeout=seconds,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        cwd=cwd,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


# -- placing problems is linear in the size of the file ---------------------------


def _bad_people(n: int) -> dict[str, object]:
    return {
        "communique": "1.0",
        "entities": [
            {"type": "person", "id": f"person:p{i}", "name": f"P {i}", "nickname": "x"}
            for i in range(n)
        ],
    }


_PLACES = """
    import sys
    import communique as cq
    result = cq.load(sys.argv[1], errors="collect")
    for p in result.problems:
        print(p.code, p.path, p.line, p.column, sep="\\t")
"""


@pytest.mark.parametrize(
    ("name", "suffix"), [("json-10000-bad-entities", ".json"), ("yaml-10000-bad-entities", ".yaml")]
)
def test_ten_thousand_bad_entities_are_placed_in_bounded_time(
    name: str, suffix: str, tmp_path: Path
) -> None:
    from communique.formats import yaml as yaml_format

    document = _bad_people(10_000)
    path = tmp_path / f"bad{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
        # Each entity takes 6 lines after the 3 of the head; "nickname" is its 5th.
        line_of = lambda i: 3 + 6 * i + 5  # noqa: E731
    else:
        path.write_text(yaml_format.dumps(document), encoding="utf-8")
        # Each entity takes 4 lines after the 2 of the head; "nickname" is its 4th.
        line_of = lambda i: 2 + 4 * i + 4  # noqa: E731
    rows = capped(_PLACES, str(path)).splitlines()
    assert len(rows) == 10_000
    for i in (0, 1, 4_999, 9_999):
        assert rows[i].split("\t") == [
            "unknown-field",
            "$.nickname",
            str(line_of(i)),
            "7" if suffix == ".json" else "3",
        ]


# -- text files: confined to the record's folder, regular, bounded, exact ------------

SECRET = "root:x:0:0:a line nobody may print"

_VALIDATE = """
    import sys
    import communique as cq
    for p in cq.load(sys.argv[1]).validate():
        print(p.code, p.entity, p.path, p.line, p.message, sep="\t")
"""


def _record_naming(folder: Path, *names: str) -> Path:
    """A record in ``folder`` of one source per text file name, each with evidence
    quoting the start of the file (which shows the text if it was read)."""
    folder.mkdir(exist_ok=True)
    lines = ['communique: "1.0"', "entities:"]
    for i, name in enumerate(names):
        lines.append(f"- type: source\n  id: source:s{i}\n  text_file: {json.dumps(name)}")
        lines.append(
            f"- type: person\n  id: person:p{i}\n  name: P\n"
            f"  evidence: [{{source: source:s{i}, quote: zzz, start: 0, end: 3}}]"
        )
    path = folder / "record.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text_file", "code", "message"),
    [
        ("text-file-absolute-outside", "{outside}", "text-file-outside", "outside its record's"),
        ("text-file-parent-folder", "../secret.txt", "text-file-outside", "outside its record's"),
        ("text-file-device", "/dev/zero", "text-file-outside", "outside its record's"),
        ("text-file-fifo", "fifo.txt", "text-file-not-regular", "is a FIFO, not a regular file"),
        ("text-file-symlink-outside", "link.txt", "text-file-outside", "outside its record's"),
    ],
)
def test_a_text_file_outside_or_not_regular_gets_one_problem(
    name: str, text_file: str, code: str, message: str, tmp_path: Path
) -> None:
    import os

    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "record"
    folder.mkdir()
    os.mkfifo(folder / "fifo.txt")
    (folder / "link.txt").symlink_to(secret)
    path = _record_naming(folder, text_file.format(outside=secret))
    # validate() in a process of its own: a FIFO read would block it for ever.
    rows = [r.split("\t") for r in capped(_VALIDATE, str(path), seconds=30).splitlines()]
    assert [r[:4] for r in rows] == [[code, "source:s0", "$.text_file", "5"]]
    assert message in rows[0][4]
    # Nothing of the file is printed, by the library or by the command line.
    cli = subprocess.run(
        [sys.executable, "-m", "communique", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert cli.returncode == 1
    assert code in cli.stdout + cli.stderr
    assert "root:" not in cli.stdout + cli.stderr


def test_a_device_or_socket_in_the_folders_given_is_refused(tmp_path: Path) -> None:
    import socket

    import communique as cq

    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock.txt"))
        path = _record_naming(tmp_path / "record", "/dev/zero", "../sock.txt")
        record = cq.load(path, text_roots=[tmp_path, "/dev"])
        problems = record.validate()
    assert [(p.code, p.entity) for p in problems] == [
        ("text-file-not-regular", "source:s0"),
        ("text-file-not-regular", "source:s1"),
    ]
    assert "is a device" in problems[0].message
    assert "is a socket" in problems[1].message


def test_a_text_file_larger_than_max_bytes_is_not_read(tmp_path: Path) -> None:
    import communique as cq

    folder = tmp_path / "record"
    path = _record_naming(folder, "big.txt")
    (folder / "big.txt").write_bytes(b"z" * 5000)
    record = cq.load(path, max_bytes=4096)
    assert record.text_of("source:s0") is None
    [problem] = record.validate()
    assert (problem.code, problem.path, problem.line) == ("text-file-too-large", "$.text_file", 5)
    assert "larger than 4096 bytes (max_bytes)" in problem.message


def test_a_text_file_is_decoded_exactly(tmp_path: Path) -> None:
    import communique as cq

    folder = tmp_path / "record"
    path = _record_naming(folder, "crlf.txt", "bom.txt", "latin1.txt")
    (folder / "crlf.txt").write_bytes(b"zzz\r\nsaid")
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbfzzz")
    (folder / "latin1.txt").write_bytes(b"zzz caf\xe9")
    record = cq.load(path)
    # No newline translation: the span counts the \r the file holds.
    assert record.text_of("source:s0") == "zzz\r\nsaid"
    # The mark is kept as character 0 (so "zzz" is at 1..4, not 0..3), and reported.
    assert record.text_of("source:s1") == "\ufeffzzz"
    assert record.text_of("source:s2") is None
    problems = [(p.code, p.entity, p.path, p.line) for p in record.validate()]
    assert problems == [
        ("text-file-bom", "source:s1", "$.text_file", 12),
        ("evidence-mismatch", "person:p1", "$.evidence[0].quote", 16),
        ("text-file-not-utf8", "source:s2", "$.text_file", 19),
    ]
    assert "byte 0xe9 at byte 7" in record.validate()[2].message


def test_an_empty_path_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import communique as cq

    monkeypatch.chdir(tmp_path)
    _record_naming(tmp_path, "x.txt")  # a record in the current folder, not to be loaded
    with pytest.raises(cq.LoadError, match="the path is empty") as info:
        cq.load("")
    assert info.value.problems[0].code == "unreadable"
    assert cq.load("", errors="collect").problems[0].code == "unreadable"
    with pytest.raises(cq.LoadError, match="the path is empty"):
        list(cq.iter_load(""))


# -- folders and dumps: nothing skipped, replaced or left behind in silence ------------


def test_a_symlinked_folder_is_read_like_a_symlinked_file(tmp_path: Path) -> None:
    import communique as cq

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "a.jsonl").write_text(
        '{"type": "person", "id": "person:a", "name": "A"}\n', encoding="utf-8"
    )
    (shared / "b.jsonl").write_text(
        '{"type": "person", "id": "person:b", "name": "B"}\n', encoding="utf-8"
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "linked").symlink_to(shared)  # a folder
    (corpus / "b.jsonl").symlink_to(shared / "b.jsonl")  # a file
    (shared / "loop").symlink_to(corpus)  # and a loop back: read once, then it ends
    assert sorted(e.id for e in cq.load(corpus)) == ["person:a", "person:b"]
    assert sorted(e.id for e in cq.iter_load(corpus)) == ["person:a", "person:b", "person:b"]


def test_a_dump_over_a_symlink_writes_to_its_target(tmp_path: Path) -> None:
    import communique as cq

    target = tmp_path / "data" / "record.jsonl"
    target.parent.mkdir()
    target.write_text("", encoding="utf-8")
    link = tmp_path / "record.jsonl"
    link.symlink_to(target)
    record = cq.Record([cq.Person(id="person:a", name="A")])
    cq.dump(record, link)
    assert link.is_symlink()
    assert cq.load(target) == record
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "record.jsonl"]


_KILLED = """
    import sys, time
    import communique as cq
    from pathlib import Path

    def entities():
        for i in range(1000):
            yield cq.Person(id=f"person:p{i}", name="P", note="x" * 1000)
        Path(sys.argv[2]).touch()  # the temporary file holds a megabyte: kill now
        time.sleep(60)
        yield cq.Person(id="person:last", name="P")

    cq.dump(entities(), sys.argv[1])
"""


def test_the_temporary_file_of_a_killed_dump_is_removed_by_the_next(tmp_path: Path) -> None:
    import signal
    import time

    import communique as cq

    path, ready = tmp_path / "record.jsonl", tmp_path / "ready"
    runner = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_KILLED), str(path), str(ready)],
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    try:
        for _ in range(600):
            if ready.exists() or runner.poll() is not None:
                break
            time.sleep(0.1)
        assert ready.exists()
    finally:
        runner.send_signal(signal.SIGKILL)
        runner.wait(timeout=30)
    (left,) = [p for p in tmp_path.iterdir() if p.name.startswith(".record.jsonl.")]
    assert left.name.startswith(f".record.jsonl.communique-tmp-{runner.pid}-")
    assert left.stat().st_size > 500_000
    cq.dump(cq.Record([cq.Person(id="person:a", name="A")]), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ready", "record.jsonl"]


def test_a_dump_over_a_loop_of_links_is_an_os_error(tmp_path: Path) -> None:
    import communique as cq

    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    with pytest.raises(OSError, match="a loop of symbolic links"):
        cq.dump(cq.Record(), tmp_path / "a.json")


def test_an_error_of_a_dump_names_its_target(tmp_path: Path) -> None:
    import communique as cq

    target = tmp_path / "missing" / "record.json"
    with pytest.raises(FileNotFoundError) as info:
        cq.dump(cq.Record(), target)
    assert str(target) in str(info.value)
    assert "communique-tmp" not in str(info.value)
    assert info.value.filename == str(target)


# -- work on one value is bounded --------------------------------------------------

_ONE_PROBLEM = """
    import sys
    import communique as cq
    result = cq.load(sys.argv[1], errors="collect")
    for p in result.problems:
        print(p.code, p.path, p.line, len(str(p)), sep="\t")
        print(p.message[:300])
"""


def _event_file(tmp_path: Path, field: str, value: str) -> Path:
    path = tmp_path / "record.jsonl"
    entity = {"type": "event", "id": "event:x", "kind": "meeting", field: value}
    path.write_text(json.dumps(entity) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "case",
    [
        (
            "edtf-set-of-2000-years",
            "date",
            "{" + ",".join(str(1000 + i) for i in range(2000)) + "}",
            "invalid-value",
            "$.date",
            "is not a valid EDTF date: 10001 characters, longer than any date",
        ),
        (
            "unknown-term-of-60-mb",
            "kind",
            "roundtable" * 6_000_000,
            "invalid-value",
            "$.kind",
            "...roundtableroundtable' (60000000 characters) is not a known event kind",
        ),
        (
            "id-of-10-mb",
            "id",
            "A" * 10_000_000,
            "invalid-value",
            "$.id",
            "AAA' (10000000 characters) is not a valid id",
        ),
        (
            "unknown-field-of-1-mb",
            "x" * 1_000_000,
            "y",
            "unknown-field",
            # The key is shown cut in the path too.
            "$.'" + "x" * 59 + "..." + "x" * 20 + "' (1000000 characters)",
            "unknown field 'xxxxxxxx",
        ),
    ],
    ids=lambda case: case[0],
)
def test_one_huge_value_gets_one_short_problem_in_bounded_time(
    case: tuple[str, str, str, str, str, str], tmp_path: Path
) -> None:
    _, field, value, code, path, message = case
    file = _event_file(tmp_path, field, value)
    head, text = capped(_ONE_PROBLEM, str(file), seconds=60).splitlines()[:2]
    found_code, found_path, line, length = head.split("\t")
    assert (found_code, found_path, line) == (code, path, "1")
    assert int(length) < 1000
    assert message in text


_GET = """
    import sys, time
    import communique as cq
    record = cq.Record(
        cq.Person(id=f"person:someone-{i}", name="P") for i in range(300_000)
    )
    for wanted in ("person:someone-12345x", "persn:someone-777", "person:sxmeone-4242"):
        try:
            record.get(wanted)
        except KeyError as error:
            print(error.args[0])
"""


def test_get_of_a_missing_id_suggests_from_an_index(tmp_path: Path) -> None:
    # Comparing the id with each of 300,000 took 7 to 22 s each; the deadline
    # covers building the record too.
    lines = capped(_GET, seconds=60).splitlines()
    assert lines[0].startswith(
        "no entity with id 'person:someone-12345x' in the record; "
        "did you mean 'person:someone-12345'"
    )
    assert "did you mean 'person:someone-777'" in lines[1]
    assert "did you mean 'person:someone-4242'" in lines[2]


def test_a_quote_of_a_megabyte_gets_a_short_message(tmp_path: Path) -> None:
    import communique as cq

    quote = "Norov " * 200_000
    path = tmp_path / "record.jsonl"
    entities = [
        {"type": "source", "id": "source:s", "text": "Mr Norov said so."},
        {
            "type": "person",
            "id": "person:x",
            "name": "X",
            "evidence": [{"source": "source:s", "quote": quote}],
        },
    ]
    path.write_text("".join(json.dumps(e) + "\n" for e in entities), encoding="utf-8")
    [problem] = cq.load(path).validate()
    assert (problem.code, problem.line) == ("quote-not-found", 2)
    assert "(1200000 characters) is not in the text of 'source:s'" in problem.message
    assert len(str(problem)) < 500


def test_no_problem_carries_a_message_without_bound() -> None:
    import communique as cq

    problem = cq.Problem(code="x", message="y" * 1_000_000, found="z" * 1_000_000)
    assert len(problem.message) < 2100
    assert len(problem.found or "") < 2100
    assert "characters cut, of 1000000" in problem.message
    assert problem.message.endswith("y" * 100)


# -- text_file values, fuzzed -------------------------------------------------------

_TEXT_FILE_CODES = {
    "missing-text-file",
    "text-file-outside",
    "text-file-not-regular",
    "text-file-too-large",
    "text-file-not-utf8",
    "text-file-bom",
}
_SPECIAL_NAMES = [
    "",
    ".",
    "..",
    "/",
    "inside.txt",
    "sub/../inside.txt",
    "../outside.txt",
    "/dev/null",
    "/proc/self/environ",
    "/etc/passwd",
    "link",
    "a\x00b",
    "~/.ssh/id_rsa",
    "x" * 5000,
]
_NAMES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(_SPECIAL_NAMES),
    st.lists(st.sampled_from(["..", ".", "sub", "link", ""]), max_size=8).map("/".join),
)


# No FIFO or device that blocks here: were confinement to regress, this test
# would hang; those cases run under a deadline above.
@settings(max_examples=300, deadline=None)
@given(name=_NAMES)
def test_any_text_file_value_is_read_inside_the_folder_or_refused(name: str) -> None:
    import tempfile

    import communique as cq

    with tempfile.TemporaryDirectory() as base:
        (Path(base) / "outside.txt").write_text(SECRET, encoding="utf-8")
        folder = Path(base) / "record"
        (folder / "sub").mkdir(parents=True)
        (folder / "inside.txt").write_text("inside", encoding="utf-8")
        (folder / "link").symlink_to(Path(base) / "outside.txt")
        path = folder / "record.jsonl"
        entity = {"type": "source", "id": "source:s", "text_file": name}
        path.write_text(json.dumps(entity) + "\n", encoding="utf-8")
        if "\x00" in name:
            # No file name holds a NUL: refused as the record is read.
            with pytest.raises(cq.LoadError, match="NUL"):
                cq.load(path)
            return
        record = cq.load(path)
        text = record.text_of("source:s")
        problems = record.validate()
        # Read only inside the folder: the one file there with text is inside.txt.
        assert text in (None, "inside")
        assert all(SECRET not in str(p) for p in problems)
        assert (text is None) == bool(problems)
        for problem in problems:
            assert problem.code in _TEXT_FILE_CODES
            assert (problem.path, problem.line, problem.file) == ("$.text_file", 1, str(path))
            assert len(str(problem)) < 1000
