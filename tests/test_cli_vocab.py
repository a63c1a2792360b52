"""``communique vocab``: every vocabulary, and the terms of one with their meanings."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from clirun import COMMANDS, environment, run
from communique.vocab import EventKind, ParticipantRole, entries, vocabularies, vocabulary_name


@pytest.fixture(params=COMMANDS, ids=lambda c: "script" if len(c) == 1 else "module")
def command(request: pytest.FixtureRequest) -> tuple[str, ...]:
    return tuple(request.param)


def test_vocab_lists_every_vocabulary_by_its_kebab_case_name(command: tuple[str, ...]) -> None:
    result = run(command, "vocab")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()[1:] if line}
    for vocabulary in vocabularies().values():
        name = vocabulary_name(vocabulary)
        assert name in rows, name
        own = [e for e in entries(vocabulary) if not e.downstream]
        assert rows[name][2] == str(len(own))
    assert rows["event-kind"][1] == "open"
    assert rows["attendance-mode"][1] == "closed"
    assert "communique vocab NAME" in result.stdout


def test_vocab_name_prints_each_term_with_its_label_and_meaning(command: tuple[str, ...]) -> None:
    result = run(command, "vocab", "event-kind")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "event-kind (open): What kind of gathering or happening an event is."
    assert "Used in: event.kind, event_series.kind" in lines
    for term in (t for t in EventKind.terms() if ":" not in t):
        row = next(line for line in lines if line.split(" ")[0] == term)
        assert term.label in row
        assert row.endswith(term.meaning)


def test_closed_vocabularies_show_their_values_and_where_they_are_used(
    command: tuple[str, ...],
) -> None:
    result = run(command, "vocab", "vote-position")
    assert result.returncode == 0, result.stderr
    assert "Used in: proposal.decision.votes[].position" in result.stdout
    assert "Closed: it takes exactly these values." in result.stdout
    assert "not_voting  Not voting  Was present and did not vote." in result.stdout


def test_vocab_as_json_lines(command: tuple[str, ...]) -> None:
    result = run(command, "vocab", "participant-role", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["value"] for r in rows] == [t for t in ParticipantRole.terms() if ":" not in t]
    assert rows[0] == {
        "value": "host",
        "label": "Host",
        "meaning": ParticipantRole("host").meaning,
        "downstream": False,
    }


def test_other_spellings_of_a_name_are_the_same_vocabulary(command: tuple[str, ...]) -> None:
    wanted = run(command, "vocab", "organization-kind").stdout
    for spelling in ("OrganizationKind", "organisation_kind", "organization kinds"):
        result = run(command, "vocab", spelling)
        assert result.returncode == 0, result.stderr
        assert result.stdout == wanted
        assert result.stderr == ""


def test_a_close_misspelling_is_taken_with_a_note(command: tuple[str, ...]) -> None:
    result = run(command, "vocab", "evnt-kind")
    assert result.returncode == 0, result.stderr
    assert result.stdout == run(command, "vocab", "event-kind").stdout
    assert result.stderr == "communique: no vocabulary 'evnt-kind'; showing 'event-kind'\n"


def test_an_unknown_name_lists_the_vocabularies_or_says_whose_term_it_is(
    command: tuple[str, ...],
) -> None:
    result = run(command, "vocab", "colour")
    assert result.returncode == 2
    assert "no vocabulary 'colour'; known: event-kind, participant-role," in result.stderr
    result = run(command, "vocab", "roundtable")
    assert result.returncode == 2
    assert "no vocabulary 'roundtable'; 'roundtable' is a term of event-kind" in result.stderr
    result = run(command, "vocab", "other")
    assert "'other' is a term of event-kind, document-kind, organization-kind, source-kind" in (
        result.stderr
    )


def test_downstream_terms_are_shown_once_their_package_is_imported(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    (tmp_path / "vocab_cli_plugin.py").write_text(
        "import communique as cq\n"
        'cq.EventKind.extend("vocabcli:hearing", "Hearing", "A sitting that hears witnesses.")\n'
        'cq.ParticipantRole.extend("vocabcli:rapporteur", "Rapporteur")\n',
        encoding="utf-8",
    )
    env = environment()
    env["PYTHONPATH"] = f"{tmp_path}:{env['PYTHONPATH']}"

    def vocab(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, "vocab", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=120,
        )

    assert "vocabcli:hearing" not in vocab("event-kind").stdout
    shown = vocab("event-kind", "--import", "vocab_cli_plugin")
    assert shown.returncode == 0, shown.stderr
    last = shown.stdout.splitlines()[-1].split()
    assert last[0] == "vocabcli:hearing"
    assert " ".join(last[1:]) == "Hearing A sitting that hears witnesses."
    roles = vocab("participant-role", "--import", "vocab_cli_plugin").stdout
    assert " ".join(roles.splitlines()[-1].split()) == (
        "vocabcli:rapporteur Rapporteur (no meaning given)"
    )
    missing = vocab("--import", "no_such_plugin_module")
    assert missing.returncode == 2
    assert "--import no_such_plugin_module: No module named 'no_such_plugin_module'" in (
        missing.stderr
    )
