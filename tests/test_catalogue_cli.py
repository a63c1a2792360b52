"""The catalogue's cases of the command line: paths, standard streams and a full disk.

Each case runs ``communique`` in a subprocess, through ``sh`` when it needs a
standard stream closed or sent to ``/dev/full``, and checks the exit status, that
no traceback is shown, and the one line that says what failed and where. Every
case is listed in ``docs/bad-input.md``.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
from pathlib import Path

import attrs
import pytest

from clirun import MODULE, SEED, SEED_DIR, environment

#: A file name longer than any file system takes (255 bytes).
LONG = "a" * 300 + ".json"


@attrs.frozen
class CliCase:
    """One command run in a hostile place, and what it must answer."""

    name: str
    args: tuple[str, ...]
    status: int
    message: str
    #: Redirections for ``sh`` (``<&-``, ``>/dev/full``); ``{tmp}`` is the test's folder.
    shell: str = ""
    #: The stream the message is on.
    stream: str = "stderr"


CLI_CASES = [
    CliCase(
        "stdout-disk-full",
        ("convert", str(SEED), "-", "--to", "jsonl"),
        2,
        "communique: cannot write to standard output: No space left on device",
        shell=">/dev/full",
    ),
    CliCase(
        "stdout-disk-full-query",
        ("query", str(SEED), "--format", "jsonl"),
        2,
        "communique: cannot write to standard output: No space left on device",
        shell=">/dev/full",
    ),
    CliCase(
        "stdout-closed",
        ("stats", str(SEED)),
        2,
        "communique: standard output is closed",
        shell=">&-",
    ),
    CliCase(
        "stdin-closed",
        ("validate", "-"),
        2,
        "communique: standard input is closed",
        shell="<&-",
    ),
    CliCase(
        "stdin-unreadable",
        ("validate", "-"),
        2,
        "communique: cannot read standard input: Bad file descriptor",
        shell="0>>{tmp}/written",
    ),
    CliCase(
        "folder-broken-link",
        ("validate", "{tmp}/links"),
        1,
        "{tmp}/links/broken.yaml: $: No such file or directory [unreadable]",
        stream="stdout",
    ),
    CliCase(
        "folder-link-loop",
        ("validate", "{tmp}/links"),
        1,
        "{tmp}/links/loop.json: $: Too many levels of symbolic links [unreadable]",
        stream="stdout",
    ),
    CliCase(
        "output-folder-missing",
        ("convert", str(SEED), "{tmp}/missing/out.json"),
        2,
        "No such file or directory",
    ),
    CliCase(
        "output-read-only",
        ("convert", str(SEED), "/sys/out.json"),
        2,
        "Permission denied",
    ),
    CliCase(
        "output-is-a-folder",
        ("convert", str(SEED), "{tmp}/folder.json"),
        2,
        "communique: {tmp}/folder.json: Is a directory",
    ),
    CliCase(
        "output-name-too-long",
        ("convert", str(SEED), "{tmp}/" + LONG),
        2,
        "characters): File name too long",
    ),
    CliCase(
        "input-name-too-long",
        ("stats", "{tmp}/" + LONG),
        2,
        "characters): File name too long",
    ),
]


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """A folder of record files with a broken link and a loop of links in it, and
    a folder named like a record file."""
    links = tmp_path / "links"
    links.mkdir()
    shutil.copy(SEED, links / "record.yaml")
    shutil.copy(SEED_DIR / "article.txt", links / "article.txt")
    (links / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (links / "loop.json").symlink_to(links / "loop.json")
    (tmp_path / "folder.json").mkdir()
    return tmp_path


def run_in_shell(args: tuple[str, ...], shell: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``communique`` with ``args`` under ``sh`` with the redirections ``shell``."""
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {shell}', "sh", *MODULE, *args],
        capture_output=True,
        text=True,
        env=environment(),
        cwd=cwd,
        timeout=120,
        check=False,
    )


def answers_in_one_line(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback; standard error at most a few short lines."""
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert len(lines) <= 3, result.stderr
    assert all(len(line) <= 300 for line in lines), result.stderr


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda c: c.name)
def test_command_line_case(case: CliCase, place: Path) -> None:
    fill = {"tmp": str(place)}
    args = tuple(a.format(**fill) for a in case.args)
    result = run_in_shell(args, case.shell.format(**fill), place)
    answers_in_one_line(result)
    assert result.returncode == case.status, result.stderr
    assert case.message.format(**fill) in getattr(result, case.stream), result.stderr


def test_with_standard_error_closed_a_command_still_works(place: Path) -> None:
    # Before, every command exited 1 in silence. Now it does its work; and nothing
    # meant for standard error lands in a file that took its descriptor.
    stats = run_in_shell(("stats", str(SEED)), "2>&-", place)
    assert stats.returncode == 0
    assert stats.stdout.startswith("entities  117")
    out = place / "out.jsonl"
    converted = run_in_shell(("convert", str(SEED), str(out)), "2>&-", place)
    assert converted.returncode == 0
    assert "wrote" not in out.read_text(encoding="utf-8")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 117
    failed = run_in_shell(("stats", str(place / "missing.yaml")), "2>&-", place)
    assert failed.returncode == 1


def test_a_failed_write_to_standard_error_changes_the_exit_status(place: Path) -> None:
    result = run_in_shell(("validate", str(SEED)), "2>/dev/full", place)
    assert result.returncode == 2


def test_an_early_reader_of_a_pipe_is_not_an_error_message(place: Path) -> None:
    piped = subprocess.Popen(
        [*MODULE, "convert", str(SEED), "-", "--to", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    assert piped.stdout is not None
    assert piped.stdout.read(10)
    piped.stdout.close()
    _, err = piped.communicate(timeout=120)
    # Quiet, whether the reader left before the last write (1) or after it (0).
    assert piped.returncode in (0, 1)
    assert err == b""


def test_nothing_is_left_half_written_by_a_failed_output(place: Path) -> None:
    result = run_in_shell(("convert", str(SEED), str(place / "folder.json")), "", place)
    assert result.returncode == 2
    assert os.listdir(place / "folder.json") == []
    assert not [p for p in place.iterdir() if p.name.startswith(".")]


def _limit_file_size() -> None:
    # A file that may not grow past 4 kB: the first writes go through and a later
    # one fails (EFBIG), as on a disk that fills up during the command.
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
def test_stdout_file_that_fills_up_partway(place: Path, unbuffered: str) -> None:
    # Unbuffered (PYTHONUNBUFFERED=1), Python's text layer dropped the part of a
    # write the file did not take, and the command exited 0 with a third written.
    out = place / "out.jsonl"
    with out.open("wb") as stdout:
        result = subprocess.run(
            [*MODULE, "convert", str(SEED), "-", "--to", "jsonl"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(PYTHONUNBUFFERED=unbuffered),
            preexec_fn=_limit_file_size,
            timeout=120,
            check=False,
        )
    assert 0 < out.stat().st_size <= 4096  # a part was written...
    answers_in_one_line(result)
    assert result.returncode == 2  # ...and the command says it failed
    assert result.stderr == "communique: cannot write to standard output: File too large\n"
