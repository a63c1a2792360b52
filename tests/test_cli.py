"""The ``communique`` command, run in a subprocess against the seed record."""

from __future__ import annotations

import gzip
import io
import json
import os
import pty
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

import communique as cq
from clirun import COMMANDS, MODULE, SEED, SEED_DIR, environment, run
from communique._cli_common import Progress

NOROV = "person:vladimir-norov"
ROUNDTABLE = "event:2020-03-04-sco-aies-roundtable"

# A small record of its own, so that the lines of its mistakes are known here.
BROKEN = """\
communique: "1.0"
entities:
  - type: source
    id: source:note
    text: Mr Norov met the AIES president in Vienna.
  - type: person
    id: person:vladimir-norov
    name: Vladimir Norov
    evidence:
      - source: source:note
        quote: Mr Norov met the EU
  - type: organization
    id: org:sco-secretariat
    name: SCO Secretariat
    parent: org:nowhere
"""


@pytest.fixture(params=COMMANDS, ids=lambda c: "script" if len(c) == 1 else "module")
def command(request: pytest.FixtureRequest) -> tuple[str, ...]:
    return tuple(request.param)


def line_of(text: str, needle: str) -> int:
    """The line (from 1) where ``needle`` occurs in ``text``."""
    return text[: text.index(needle)].count("\n") + 1


def place_of(text: str, needle: str) -> str:
    """``line:column`` (from 1) where ``needle`` occurs in ``text``."""
    before = text[: text.index(needle)]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


# -- validate ------------------------------------------------------------------------


def test_validate_seed_finds_nothing(command: tuple[str, ...]) -> None:
    result = run(command, "validate", SEED)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "no problems" in result.stderr


def test_validate_reports_every_problem_with_file_line_and_field(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = run(command, "validate", path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    # Each problem is placed at the key of the field it is about.
    quote = place_of(BROKEN, "quote: Mr Norov met the EU")
    parent = place_of(BROKEN, "parent: org:nowhere")
    assert lines[0].startswith(f"{path}:{quote}: person:vladimir-norov $.evidence[0].quote:")
    assert "[quote-not-found]" in lines[0]
    assert lines[1].startswith(f"{path}:{parent}: org:sco-secretariat $.parent:")
    assert "'org:nowhere' refers to no entity" in lines[1]


def test_validate_reports_structure_errors_at_their_line(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    path = tmp_path / "typed.yaml"
    text = BROKEN.replace("name: SCO Secretariat", "name: 7")
    path.write_text(text, encoding="utf-8")
    result = run(command, "validate", path)
    assert result.returncode == 1
    assert f"{path}:{line_of(text, 'name: 7')}:" in result.stderr + result.stdout
    assert "org:sco-secretariat $.name: expected text, found an integer" in result.stdout


# Two bad dates, on entities that others refer to (by evidence, participation,
# statement and subject): each is one problem, and no reference to either entity
# is reported as dangling.
BAD_DATES = """\
communique: "1.0"
entities:
  - type: source
    id: source:note
    date: 2020-02-30
    text: Mr Norov met the press in Vienna.
  - type: person
    id: person:vladimir-norov
    name: Vladimir Norov
    evidence:
      - {source: source:note, quote: Mr Norov}
  - type: event
    id: event:press
    kind: press_conference
    date: 2020-03-32
    participants:
      - agent: person:vladimir-norov
        roles: [speaker]
        evidence: [{source: source:note, quote: met the press}]
  - type: statement
    id: statement:norov
    kind: remarks
    speakers: [person:vladimir-norov]
    attribution: paraphrase
    event: event:press
    about: [event:press]
    evidence: [{source: source:note, quote: Vienna}]
"""


def test_one_bad_value_is_one_problem_on_the_command_line_as_in_python(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    path = tmp_path / "dates.yaml"
    path.write_text(BAD_DATES, encoding="utf-8")
    expected = [
        ("invalid-value", "source:note", line_of(BAD_DATES, "date: 2020-02-30")),
        ("invalid-value", "event:press", line_of(BAD_DATES, "date: 2020-03-32")),
    ]
    result = run(command, "validate", path, "--format", "jsonl")
    assert result.returncode == 1
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(p["code"], p["entity"], p["line"]) for p in found] == expected
    # The library, raising or collecting and then validating what loaded, agrees.
    with pytest.raises(cq.LoadError) as info:
        cq.load(path)
    assert [(p.code, p.entity, p.line) for p in info.value.problems] == expected
    collected = cq.load(path, errors="collect")
    problems = [*collected.problems, *collected.record.validate()]
    assert [(p.code, p.entity, p.line) for p in problems] == expected


def test_validate_json_lines_problems_name_the_line(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    record = cq.loads(BROKEN, format="yaml")
    path = tmp_path / "broken.jsonl"
    cq.dump(record, path)
    result = run(command, "validate", path, "--format", "jsonl")
    assert result.returncode == 1
    problems = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(p["entity"], p["line"], p["path"]) for p in problems] == [
        ("person:vladimir-norov", 2, "$.evidence[0].quote"),
        ("org:sco-secretariat", 3, "$.parent"),
    ]
    assert {p["file"] for p in problems} == {str(path)}


def test_validate_checks_each_path_and_fails_if_any_fails(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    result = run(command, "validate", SEED, broken, tmp_path / "missing.yaml")
    assert result.returncode == 1
    assert str(SEED) not in result.stdout
    assert result.stdout.count(str(broken)) == 2
    assert (
        f"{tmp_path / 'missing.yaml'}: $: No such file or directory [unreadable]" in result.stdout
    )


def test_usage_errors_exit_2(command: tuple[str, ...]) -> None:
    for args in (
        ("frobnicate",),
        ("validate",),
        ("query", SEED, "--type", "treaty"),
        ("query", SEED, "--from", "the fourth of March"),
        ("convert", SEED, "-"),
        ("validate", SEED, "--from-format", "xml"),
    ):
        result = run(command, *args)
        assert result.returncode == 2, args
        assert result.stdout == ""
        assert result.stderr.strip(), args


def _says(result: subprocess.CompletedProcess[str], *options: str) -> str:
    """The error a command printed, checked to name command-line options only."""
    stderr = result.stderr
    assert all(option in stderr for option in options), stderr
    # No keyword of the Python functions behind the command (format=, max_bytes ...).
    assert not re.search(r"\b[a-z_]+=|max_bytes|max_line_bytes|iter_load", stderr), stderr
    return stderr


def test_errors_name_the_options_of_the_command(command: tuple[str, ...], tmp_path: Path) -> None:
    text = tmp_path / "record.txt"
    text.write_bytes(SEED.read_bytes())
    (tmp_path / "article.txt").write_bytes((SEED_DIR / "article.txt").read_bytes())
    # A file whose suffix says no format: given with --from-format.
    result = run(command, "validate", text)
    assert result.returncode == 2
    _says(result, "cannot tell the format of", "pass --from-format")
    assert run(command, "validate", text, "--from-format", "yaml").returncode == 0
    # An output whose suffix says no format: given with --to.
    result = run(command, "convert", SEED, tmp_path / "out.txt")
    assert result.returncode == 2
    _says(result, "cannot tell the format of", "pass --to")
    assert not (tmp_path / "out.txt").exists()
    # A compressed file without .gz: the option that reads it, which then works.
    packed = tmp_path / "record.yaml"
    packed.write_bytes(gzip.compress(SEED.read_bytes()))
    result = run(command, "show", packed)
    assert result.returncode == 1
    _says(result, f"{packed}: $: the data is gzip-compressed", "--from-format yaml.gz", "[syntax]")
    assert run(command, "show", packed, "--from-format", "yaml.gz").returncode == 0
    # A place that cannot be written: said, without a traceback.
    result = run(command, "convert", SEED, tmp_path / "missing" / "out.json")
    assert result.returncode == 2
    _says(result, f"{tmp_path / 'missing' / 'out.json'}: No such file")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_type_with_a_known_base_names_the_option_that_reads_it(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    entity = {
        "type": "elsewhere:hearing",
        "base": "event",
        "id": "event:h",
        "kind": "meeting",
        "room": "B-12",
    }
    path = tmp_path / "hearing.jsonl"
    path.write_text(json.dumps(entity) + "\n", encoding="utf-8")
    result = run(command, "validate", path)
    assert result.returncode == 1
    for said in ("unknown type 'elsewhere:hearing'", "its base 'event' is registered", "--as-base"):
        assert said in result.stdout, result.stdout
    assert "Converter(" not in result.stderr + result.stdout
    # The option does what the message says: read as an event, written back as it was.
    assert run(command, "validate", path, "--as-base").returncode == 0
    out = tmp_path / "out.jsonl"
    assert run(command, "convert", path, out, "--as-base").returncode == 0
    assert json.loads(out.read_text(encoding="utf-8")) == entity


def test_a_folder_with_no_record_files_is_named_once(tmp_path: Path) -> None:
    result = run(COMMANDS[0], "validate", tmp_path)
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()
    assert line.count(str(tmp_path)) == 1, line
    assert "no record files (.json, .jsonl, .yaml) in the folder [unreadable]" in line


# -- show ----------------------------------------------------------------------------


def test_show_summarises_the_seed(command: tuple[str, ...]) -> None:
    result = run(command, "show", SEED)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Roundtable: The SCO's role in promoting peace and security" in out
    assert re.search(r"\n +[a-z, ]*speaker[a-z, ]*: Vladimir Norov( for [^\n]+)?\n", out)
    assert "published by SCO Secretariat" in out


def test_show_one_entity_resolves_what_it_links_to(command: tuple[str, ...]) -> None:
    result = run(command, "show", SEED, NOROV)
    assert result.returncode == 0, result.stderr
    head, refers, referred = (
        result.stdout.split("Refers to:")[0],
        result.stdout.split("Refers to:")[1].split("Referred to by:")[0],
        result.stdout.split("Referred to by:")[1],
    )
    assert head.startswith(f"person {NOROV}: Vladimir Norov")
    assert "title: Secretary-General" in head
    assert re.search(
        r"org:sco  \(organization\) Shanghai Cooperation Organisation  "
        r"at \$\.posts\[\d+\]\.organization",
        refers,
    )
    assert f"{ROUNDTABLE}  (event) The SCO's role in promoting peace and security" in referred
    assert "at $.participants" in referred


def test_show_an_unknown_id_fails_with_a_hint(command: tuple[str, ...]) -> None:
    result = run(command, "show", SEED, "person:vladimir-norow")
    assert result.returncode == 1
    assert "no entity with id 'person:vladimir-norow'" in result.stderr
    assert NOROV in result.stderr


# -- query ---------------------------------------------------------------------------


def test_query_by_agent_as_a_table(command: tuple[str, ...]) -> None:
    result = run(command, "query", SEED, "--agent", NOROV, "--type", "event")
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["ID", "TYPE", "DATE", "LABEL"]
    assert [ROUNDTABLE, "event", "2020-03-04"] in [r.split()[:3] for r in rows]
    assert all(r.split()[1] == "event" for r in rows)


def test_query_as_json_lines(command: tuple[str, ...]) -> None:
    result = run(command, "query", SEED, "--type", "organization", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert {item["type"] for item in items} == {"organization"}
    by_id = {item["id"]: item for item in items}
    assert by_id["org:sco"]["name"] == "Shanghai Cooperation Organisation"
    assert len(items) == len(cq.load(SEED).organizations)


def test_query_by_text_and_dates(command: tuple[str, ...]) -> None:
    inside = run(command, "query", SEED, "--text", "PEACE AND SECURITY", "--from", "2020-03")
    assert inside.returncode == 0, inside.stderr
    assert ROUNDTABLE in inside.stdout
    before = run(command, "query", SEED, "--type", "event", "--to", "2019-12-31")
    assert before.returncode == 0
    listed = {line.split()[0] for line in before.stdout.splitlines()[1:]}
    earlier = {
        e.id
        for e in cq.load(SEED).events
        if e.date is not None and e.date.upper is not None and e.date.upper.year <= 2019
    }
    assert listed == earlier
    assert ROUNDTABLE not in before.stdout
    after = run(command, "query", SEED, "--type", "event", "--from", "2020-03-05")
    assert ROUNDTABLE not in after.stdout


def test_query_by_event_finds_what_happened_there(command: tuple[str, ...]) -> None:
    result = run(command, "query", SEED, "--event", ROUNDTABLE, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == cq.load(SEED).of_type(cq.Entity).at(ROUNDTABLE).ids()
    # The answers of the discussion are part of statements made there: they count,
    # though they do not name the event themselves.
    assert "statement:norov-2020-03-04-answer-security" in ids
    assert ROUNDTABLE not in ids


def test_query_by_agent_or_event_of_another_type_fails(command: tuple[str, ...]) -> None:
    result = run(command, "query", SEED, "--agent", ROUNDTABLE)
    assert result.returncode == 1
    assert f"--agent: '{ROUNDTABLE}' is an event, not an agent" in result.stderr
    result = run(command, "query", SEED, "--event", NOROV)
    assert result.returncode == 1
    assert f"--event: '{NOROV}' is a person, not an event" in result.stderr


def test_query_unknown_agent_fails(command: tuple[str, ...]) -> None:
    result = run(command, "query", SEED, "--agent", "person:nobody")
    assert result.returncode == 1
    assert "--agent: no entity with id 'person:nobody'" in result.stderr


# -- convert and pipes -------------------------------------------------------------


def test_convert_by_suffix_round_trips(command: tuple[str, ...], tmp_path: Path) -> None:
    seed = cq.load(SEED)
    for name in ("record.json", "record.jsonl", "again.yaml"):
        out = tmp_path / name
        result = run(command, "convert", SEED, out)
        assert result.returncode == 0, result.stderr
        assert cq.load(out).entities == seed.entities


def test_convert_to_stdout_pipes_into_validate(command: tuple[str, ...]) -> None:
    converted = run(command, "convert", SEED, "-", "--to", "jsonl")
    assert converted.returncode == 0, converted.stderr
    lines = converted.stdout.splitlines()
    assert len(lines) == len(cq.load(SEED))
    assert json.loads(lines[0])["type"]
    # The text file the source names is found from the working directory.
    checked = run(command, "validate", "-", stdin=converted.stdout.encode(), cwd=SEED_DIR)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # Elsewhere it is not, and validation says so.
    elsewhere = run(command, "validate", "-", stdin=converted.stdout.encode(), cwd=SEED_DIR.parent)
    assert elsewhere.returncode == 1
    assert "<stdin>" in elsewhere.stdout
    assert "[missing-text-file]" in elsewhere.stdout


def test_a_real_shell_pipe(command: tuple[str, ...]) -> None:
    line = " ".join(f"'{part}'" for part in command)
    result = subprocess.run(
        f"{line} convert record.yaml - --to jsonl | {line} validate - "
        f"&& {line} convert record.yaml - --to-format yaml | {line} stats - --format json",
        shell=True,
        capture_output=True,
        text=True,
        cwd=SEED_DIR,
        env=environment(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["entities"] == len(cq.load(SEED))


def _converted_to_stdout(command: tuple[str, ...], fmt: str, **env: str) -> tuple[int, bytes]:
    result = subprocess.run(
        [*command, "convert", str(SEED), "-", "--to", fmt],
        capture_output=True,
        env=environment(**env),
        timeout=120,
        check=False,
    )
    return result.returncode, result.stdout


# The formats every installation has (tests register more in this process only).
@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_convert_to_stdout_writes_the_bytes_a_file_gets(
    command: tuple[str, ...], fmt: str, tmp_path: Path
) -> None:
    out = tmp_path / f"record.{fmt}"
    cq.dump(cq.load(SEED), out)
    status, written = _converted_to_stdout(command, fmt)
    assert status == 0
    assert written == out.read_bytes()


def test_convert_to_stdout_in_another_encoding_writes_text_in_it() -> None:
    # The seed's no-break spaces: one byte in Latin-1, two in UTF-8.
    text = cq.dumps(cq.load(SEED), format="jsonl")
    assert "\xa0" in text
    status, written = _converted_to_stdout(MODULE, "jsonl", PYTHONIOENCODING="latin-1")
    assert status == 0
    assert written == text.encode("latin-1")
    status, written = _converted_to_stdout(MODULE, "jsonl", PYTHONIOENCODING="ascii")
    assert (status, written) == (2, b"")


def test_convert_from_stdin_to_a_file(command: tuple[str, ...], tmp_path: Path) -> None:
    out = tmp_path / "from-stdin.json"
    result = run(command, "convert", "-", out, stdin=SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    assert cq.load(out).entities == cq.load(SEED).entities


def test_query_output_pipes_into_convert(command: tuple[str, ...]) -> None:
    people = run(command, "query", SEED, "--type", "person", "--format", "jsonl")
    result = run(command, "convert", "-", "-", "--to", "yaml", stdin=people.stdout.encode())
    assert result.returncode == 0, result.stderr
    assert cq.loads(result.stdout, format="yaml").people.ids() == cq.load(SEED).people.ids()


def test_unreadable_input_fails_with_located_problem(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"communique": "1.0",\n "entities": [}\n', encoding="utf-8")
    result = run(command, "convert", bad, tmp_path / "out.yaml")
    assert result.returncode == 1
    assert f"{bad}:2:" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


# -- stats ---------------------------------------------------------------------------


def test_stats_counts_by_type_kind_and_year(command: tuple[str, ...]) -> None:
    seed = cq.load(SEED)
    result = run(command, "stats", SEED, "--format", "json")
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)
    assert counts["entities"] == len(seed)
    assert counts["type"] == dict(Counter(type(e).tag for e in seed))
    assert counts["kind"]["event/roundtable"] == len(seed.events.where(kind="roundtable"))
    assert counts["year"]["2020"] >= 1
    text = run(command, "stats", SEED)
    assert text.returncode == 0
    assert "by type" in text.stdout
    assert "event/roundtable" in text.stdout


def test_a_folder_is_read_as_cq_load_reads_it(command: tuple[str, ...], tmp_path: Path) -> None:
    # A gzip record file counts; a hidden folder (version control, editors) does not.
    cq.dump(cq.load(SEED), tmp_path / "seed.jsonl.gz")
    (tmp_path / ".hidden").mkdir()
    cq.dump(cq.Record([cq.Person(id="person:hidden", name="H")]), tmp_path / ".hidden" / "x.json")
    result = run(command, "stats", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["entities"] == len(cq.load(tmp_path)) == len(cq.load(SEED))


# -- terminals: colours and progress ---------------------------------------------------


def run_on_terminal(command: tuple[str, ...], *args: str, **env: str) -> str:
    """Run with standard output on a pseudo-terminal; what it wrote there."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [*command, *args],
            stdout=follower,
            stderr=subprocess.DEVNULL,
            env=environment(**env),
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_colours_only_on_a_terminal_without_no_color(command: tuple[str, ...]) -> None:
    args = ("query", str(SEED), "--type", "event")
    assert "\033[1m" in run_on_terminal(command, *args)
    assert "\033[" not in run_on_terminal(command, *args, NO_COLOR="1")
    assert "\033[" not in run(command, *args).stdout


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_once_slow() -> None:
    stream = Terminal()
    progress = Progress(2048, "reading big.jsonl", stream=stream, delay=0)
    progress.advance(1024)
    progress.close()
    drawn = stream.getvalue()
    assert "reading big.jsonl [" in drawn
    assert " 50% " in drawn
    assert drawn.endswith("\r\033[K")


def test_progress_stays_silent_when_quick_or_not_a_terminal() -> None:
    quick = Terminal()
    progress = Progress(10, "reading", stream=quick, delay=60)
    progress.advance(10)
    progress.close()
    assert quick.getvalue() == ""
    piped = io.StringIO()
    progress = Progress(10, "reading", stream=piped, delay=0)
    progress.advance(5)
    progress.close()
    assert piped.getvalue() == ""


def test_stdin_problems_name_stdin_and_the_line(command: tuple[str, ...]) -> None:
    text = BROKEN.replace("    name: SCO Secretariat\n", "    name: [SCO, Secretariat\n")
    result = run(command, "validate", "-", "--from-format", "yaml", stdin=text.encode())
    assert result.returncode == 1
    assert result.stdout.startswith("<stdin>:")
    assert "[syntax]" in result.stdout
    shown = run(command, "show", "-", NOROV, stdin=SEED.read_bytes())
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"person {NOROV}: Vladimir Norov")


def test_validate_a_folder_places_each_problem_in_its_file(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        'communique: "1.0"\nentities:\n  - type: organization\n    id: org:sco\n'
        "    name: Shanghai Cooperation Organisation\n",
        encoding="utf-8",
    )
    (folder / "b.jsonl").write_text(
        '{"type": "organization", "id": "org:x", "name": "X", "parent": "org:sco"}\n'
        '{"type": "organization", "id": "org:sco", "name": "SCO again"}\n'
        '{"type": "organization", "id": "org:y", "name": "Y", "parent": "org:z"}\n',
        encoding="utf-8",
    )
    result = run(command, "validate", folder)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    # The second definition is refused where it is; the record as read is validated.
    assert lines[0].startswith(f"{folder / 'b.jsonl'}:2: org:sco $.id:")
    assert "[duplicate-id]" in lines[0]
    third = (folder / "b.jsonl").read_text(encoding="utf-8").splitlines()[2]
    column = third.index('"parent"') + 1
    assert lines[1].startswith(f"{folder / 'b.jsonl'}:3:{column}: org:y $.parent:")
