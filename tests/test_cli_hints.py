"""What the command says to help: close suggestions only, and the help of each subcommand."""

from __future__ import annotations

import re

import pytest

from clirun import COMMANDS, SEED, run
from communique.cli import parser


@pytest.fixture(params=COMMANDS, ids=lambda c: "script" if len(c) == 1 else "module")
def command(request: pytest.FixtureRequest) -> tuple[str, ...]:
    return tuple(request.param)


def test_show_suggests_a_close_id(command: tuple[str, ...]) -> None:
    result = run(command, "show", SEED, "person:vladimir-norow")
    assert result.returncode == 1
    assert result.stderr == (
        "communique: no entity with id 'person:vladimir-norow' in the record; "
        "did you mean 'person:vladimir-norov'?\n"
    )


def test_show_suggests_nothing_when_no_id_is_close(command: tuple[str, ...]) -> None:
    # 'org:xyz' shares only its prefix with 'org:un' and 'org:eu': they are not close.
    result = run(command, "show", SEED, "org:xyz")
    assert result.returncode == 1
    assert result.stderr == "communique: no entity with id 'org:xyz' in the record\n"


def test_show_suggests_across_a_misspelt_prefix(command: tuple[str, ...]) -> None:
    result = run(command, "show", SEED, "persn:vladimir-norov")
    assert "did you mean 'person:vladimir-norov'?" in result.stderr


def test_query_suggests_a_close_type(command: tuple[str, ...]) -> None:
    result = run(command, "query", SEED, "--type", "persn")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "--type: unknown type 'persn'; did you mean 'person'?"
    far = run(command, "query", SEED, "--type", "treaty")
    assert far.returncode == 2
    assert "--type: unknown type 'treaty'; known: person, organization," in far.stderr


def _subcommands() -> list[str]:
    match = re.search(r"\{([a-z,]+)\}", parser().format_usage())
    assert match is not None
    return match[1].split(",")


def test_every_subcommand_is_seen() -> None:
    assert {"validate", "show", "query", "vocab", "new"} <= set(_subcommands())


@pytest.mark.parametrize("name", ["", *_subcommands()])
def test_each_help_shows_the_date_format_and_where_the_kinds_are(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        parser().parse_args([name, "--help"] if name else ["--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Dates are EDTF (Extended Date/Time Format): 2020-03-04, 2020-03, 2017," in text
    assert "'communique vocab' lists the vocabularies" in text
    assert "'communique vocab event-kind' the terms of one" in text


def test_the_help_reads_the_same_from_the_command(command: tuple[str, ...]) -> None:
    result = run(command, "query", "--help")
    assert result.returncode == 0
    assert "Dates are EDTF" in result.stdout
    assert "--from DATE" in result.stdout
    assert "(EDTF: 2020-03)" in result.stdout
