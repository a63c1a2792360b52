"""Fuzzing the command line: arguments, paths, standard streams, and the text files
sources name.

Each example runs ``communique`` in a subprocess, as a user would, with what
Hypothesis draws: a command and its options with good, wrong, empty, long or
non-ASCII values; paths to good, broken and mutated record files, to folders
holding a link to nowhere and a loop of links, to missing and over-long names;
standard input given, empty, closed or open for writing only; standard output a
pipe, closed or a full device; standard error a pipe or closed. A record's source
names a ``text_file`` drawn from relative, absolute and escaping paths, folders,
links and odd names.

Whatever it is given, the command ends within :data:`DEADLINE` with exit status
0, 1 or 2, shows no traceback, and says at most a few lines on standard error.
Each example starts a Python process, so a test draws a quarter of the profile's
examples (25 in the default run of ``make test``, more with
``COMMUNIQUE_PROFILE=long``).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import communique as cq
from clirun import MODULE, SEED, environment
from test_fuzz import TOKENS

#: Seconds one run of the command may take.
DEADLINE = 60
#: Lines standard error may hold: a verdict or an error, and a usage hint; the few
#: problems of a small broken record.
MAX_STDERR_LINES = 12
EXAMPLES = max(settings().max_examples // 4, 5)

TEXT = "Mr Norov said that the SCO said so.\n"
RECORD = {
    "communique": "1.0",
    "entities": [
        {"type": "organization", "id": "org:sco", "name": "SCO"},
        {"type": "person", "id": "person:norov", "name": "Norov"},
        {"type": "source", "id": "source:s", "text_file": "article.txt"},
        {
            "type": "statement",
            "id": "statement:s",
            "kind": "statement",
            "attribution": "direct_quote",
            "speakers": ["person:norov"],
            "date": "2020-03-04",
            "evidence": [{"source": "source:s", "quote": "Norov", "start": 3, "end": 8}],
        },
    ],
}
LONG = "n" * 300 + ".yaml"


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of things a path may name, and a file outside the record's folder."""
    root = tmp_path_factory.mktemp("fuzz-cli")
    (root / "outside.txt").write_text("not for the record\n", encoding="utf-8")
    here = root / "here"
    here.mkdir()
    (here / "good.json").write_text(json.dumps(RECORD), encoding="utf-8")
    (here / "article.txt").write_text(TEXT, encoding="utf-8")
    shutil.copy(SEED, here / "seed.yaml")
    (here / "broken.json").write_text('{"communique": "1.0", "entities": [', encoding="utf-8")
    folder = here / "folder"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(RECORD), encoding="utf-8")
    (folder / "article.txt").write_text(TEXT, encoding="utf-8")
    (folder / "nowhere.yaml").symlink_to(here / "missing.yaml")
    (folder / "loop.json").symlink_to(folder / "loop.json")
    (here / "folder.json").mkdir()
    (here / "link.txt").symlink_to(root / "outside.txt")
    return here


PATHS = st.sampled_from(
    [
        "good.json",
        "seed.yaml",
        "broken.json",
        "mutated.json",
        "mutated.yaml",
        "mutated.jsonl",
        "folder",
        "folder/nowhere.yaml",
        "folder/loop.json",
        "folder.json",
        "missing.yaml",
        "out.jsonl",
        "-",
        "",
        ".",
        "/dev/null",
        "/sys/out.json",
        LONG,
        "missing/out.json",
    ]
)
# Text of any script, without NUL (no argument can hold one) or lone surrogates.
WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=24,
)
VALUES = st.one_of(
    WORDS,
    PATHS,
    st.sampled_from(
        [
            "person:norov",
            "org:sco",
            "person:nobody",
            "statement",
            "agent",
            "2020",
            "2020-03-04",
            "2020-02-30",
            "\uff12\uff10\uff12\uff10",
            "2020-03-04T10:00:00+25:00",
            "json",
            "jsonl",
            "yaml",
            "json.gz",
            "text",
            "table",
            "xml",
            "-1",
            "9" * 500,
        ]
    ),
)
OPTIONS = st.sampled_from(
    [
        "--type",
        "--agent",
        "--event",
        "--topic",
        "--text",
        "--from",
        "--to",
        "--format",
        "--from-format",
        "--to-format",
        "--base",
    ]
)
COMMANDS = st.sampled_from(["validate", "show", "query", "convert", "stats", "schema"])


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """Mostly a command with the paths it takes, then options with values and,
    now and then, stray words, flags, or a command that does not exist."""
    command = draw(st.one_of(COMMANDS, COMMANDS, COMMANDS, WORDS))
    args = [command]
    if command == "convert":
        args += [draw(PATHS), draw(st.one_of(st.just("-"), PATHS))]
        args += ["--to", draw(st.sampled_from(cq.FORMATS))]
    elif command != "schema":
        args.append(draw(PATHS))
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(("option", "option", "option", "path", "word", "flag")))
        if kind == "option":
            args += [draw(OPTIONS), draw(VALUES)]
        elif kind == "path":
            args.append(draw(PATHS))
        elif kind == "word":
            args.append(draw(WORDS))
        else:
            args.append(
                draw(st.sampled_from(["--help", "--version", "--", "-x", "--to", "--possibly"]))
            )
    return args


@st.composite
def small_mutations(draw: st.DrawFn) -> bytes:
    """The small record above in any format, with bytes deleted, inserted or
    flipped, or a piece of syntax put in (small, so that a failure shows it whole)."""
    fmt = draw(st.sampled_from(cq.FORMATS))
    data = bytearray(cq.dumps(cq.loads(json.dumps(RECORD), "json"), fmt).encode("utf-8"))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        op = draw(st.sampled_from(("delete", "insert", "flip", "token")))
        if op == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif data:
            data[at] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


STDIN = st.sampled_from(["good", "mutated", "empty", "closed", "write-only"])
STDOUT = st.sampled_from(["pipe", "pipe", "closed", "full"])
STDERR = st.sampled_from(["pipe", "pipe", "pipe", "closed"])


def run(
    args: list[str], cwd: Path, *, stdin: str, stdout: str, stderr: str, data: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    redirect = {
        "closed": "<&-",
        "write-only": "0>>write-only.txt",
    }.get(stdin, "")
    redirect += {"closed": " >&-", "full": " >/dev/full"}.get(stdout, "")
    redirect += " 2>&-" if stderr == "closed" else ""
    given = {"good": json.dumps(RECORD).encode(), "mutated": data, "empty": b""}.get(stdin)
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {redirect}', "sh", *MODULE, *args],
        input=given if given is not None else b"",
        capture_output=True,
        env=environment(),
        cwd=cwd,
        timeout=DEADLINE,
        check=False,
    )


def answers_well(result: subprocess.CompletedProcess[bytes], what: str) -> None:
    err = result.stderr.decode("utf-8", "replace")
    # Nothing of a file outside the record's folder is ever shown.
    assert b"not for the record" not in result.stdout + result.stderr, what
    assert result.returncode in (0, 1, 2), f"{what}: exit {result.returncode}\n{err[-3000:]}"
    assert "Traceback" not in err, f"{what}:\n{err[-3000:]}"
    assert len(err.splitlines()) <= MAX_STDERR_LINES, f"{what}:\n{err[-3000:]}"


@settings(max_examples=EXAMPLES)
@given(args=command_lines(), streams=st.tuples(STDIN, STDOUT, STDERR), data=small_mutations())
def test_the_command_line_answers_anything_in_a_few_lines(
    place: Path, args: list[str], streams: tuple[str, str, str], data: bytes
) -> None:
    for suffix in cq.FORMATS:
        (place / f"mutated.{suffix}").write_bytes(data)
    stdin, stdout, stderr = streams
    result = run(args, place, stdin=stdin, stdout=stdout, stderr=stderr, data=data)
    answers_well(result, f"{shlex.join(args)} stdin={stdin} stdout={stdout} stderr={stderr}")


# -- text files of sources --------------------------------------------------------------

#: Names a record may give as a source's text file: escaping the folder, absolute,
#: a folder, a link out, a loop, a device, a URL, a Windows path, NUL, too long.
HOSTILE_TEXT_FILES = [
    "article.txt",
    "",
    ".",
    "..",
    "folder",
    "folder/",
    "missing.txt",
    "../outside.txt",
    "../../outside.txt",
    "../../../../../../etc/hostname",
    "/etc/hostname",
    "/dev/null",
    "/dev/zero",
    "fifo",
    "link.txt",
    "folder/loop.json",
    "folder/nowhere.yaml",
    "article.txt\n",
    " article.txt",
    "article.txt/..",
    "C:\\article.txt",
    "file:///etc/hostname",
    "a\x00b",
    "n" * 300,
]


def validate_text_files(place: Path, names: list[str]) -> subprocess.CompletedProcess[bytes]:
    """``validate`` a folder of records, one for each text file name, each with a
    quote to check against the text."""
    folder = Path(tempfile.mkdtemp(dir=place))
    for index, name in enumerate(names):
        record = json.loads(json.dumps(RECORD))
        for entity in record["entities"]:
            entity["id"] = f"{entity['id']}-{index}"
        statement = record["entities"][3]
        statement["speakers"] = [f"person:norov-{index}"]
        statement["evidence"][0]["source"] = f"source:s-{index}"
        record["entities"][2]["text_file"] = name
        (folder / f"r{index}.json").write_text(json.dumps(record), encoding="utf-8")
    shutil.copy(place / "article.txt", folder / "article.txt")
    (folder / "link.txt").symlink_to(place.parent / "outside.txt")
    os.mkfifo(folder / "fifo")
    try:
        return run(["validate", str(folder)], place, stdin="empty", stdout="pipe", stderr="pipe")
    finally:
        shutil.rmtree(folder)


def test_a_text_file_of_any_name_is_read_or_reported(place: Path) -> None:
    result = validate_text_files(place, HOSTILE_TEXT_FILES)
    answers_well(result, "validate, text files named " + repr(HOSTILE_TEXT_FILES))
    assert result.returncode == 1  # the missing and unreadable ones are problems


@settings(max_examples=EXAMPLES)
@given(
    names=st.lists(st.one_of(WORDS, st.sampled_from(HOSTILE_TEXT_FILES)), min_size=1, max_size=8)
)
def test_text_files_of_random_names_are_read_or_reported(place: Path, names: list[str]) -> None:
    answers_well(validate_text_files(place, names), f"validate, text files named {names!r}")
