"""``communique query`` answers as :class:`communique.Query` does.

For records Hypothesis draws and for the seed record, and for an agent, a type and
a range of dates drawn from what the record holds (or not), the ids the command
prints with ``--format jsonl`` are those of the query its options name: certain by
default, overlapping with ``--possibly``. The command runs in this process
(:func:`clirun.run_here`), so that a test can run it some hundred times.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import communique as cq
from clirun import SEED, run_here
from communique.testing import dates, records

#: Examples per test: each runs the command twice (certain and possibly).
EXAMPLES = max(settings().max_examples // 2, 10)

#: The ``--type`` values besides the registered tags, and the class each stands for.
GENERAL = {"agent": cq.Agent, "entity": cq.Entity}


@attrs.frozen
class Options:
    """What one run of ``query`` is asked; ``None`` leaves an option out."""

    agent: str | None
    type: str | None
    start: str | None
    end: str | None

    def arguments(self) -> list[str]:
        # ``--from=X``: an EDTF date may start with a minus sign (-0044).
        pairs = (("--agent", self.agent), ("--type", self.type))
        pairs += (("--from", self.start), ("--to", self.end))
        return [f"{option}={value}" for option, value in pairs if value is not None]

    def query(self, record: cq.Record, *, certain: bool) -> cq.Query[cq.Entity]:
        """The query of the library these options mean."""
        cls = GENERAL.get(self.type or "entity") or cq.default_registry.get(self.type or "")
        assert cls is not None
        query = record.of_type(cls)
        if self.agent is not None:
            query = query.involving(self.agent)
        if self.start is not None or self.end is not None:
            query = query.between(self.start, self.end, certain=certain)
        return query


def dates_in(record: cq.Record) -> list[str]:
    """The EDTF text of every date the record's entities hold, at any depth."""

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, cq.Date):
            yield value.edtf
        elif isinstance(value, tuple):
            for item in value:
                yield from walk(item)
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                yield from walk(getattr(value, field.name))

    return sorted({edtf for entity in record for edtf in walk(entity)})


def printed_ids(output: str) -> list[str]:
    # Lines end at "\n" only: a JSON string may hold U+2028 and other characters
    # that str.splitlines takes for ends of lines.
    return [json.loads(line)["id"] for line in output.split("\n") if line]


@st.composite
def options_for(draw: st.DrawFn, record: cq.Record) -> Options:
    """Options that name the record's agents and dates more often than not."""
    agents = [a.id for a in record.agents]
    agent = draw(st.sampled_from([None, *agents]) if agents else st.none())
    tags = st.sampled_from([*cq.default_registry.tags(), *GENERAL])
    kind = draw(st.none() | tags)
    known = dates_in(record)
    edtf = dates().map(lambda d: d.edtf)
    day = st.one_of(st.sampled_from(known), st.sampled_from(known), edtf) if known else edtf
    start = draw(st.none() | day)
    # A range of one date, or one from each of two dates, finds more than two dates
    # drawn apart.
    end = draw(st.one_of(st.just(start), st.none(), day))
    return Options(agent, kind, start, end)


def check(path: Path, record: cq.Record, options: Options) -> None:
    for certain in (True, False):
        args = ["query", path, "--format", "jsonl", *options.arguments()]
        if not certain and (options.start is not None or options.end is not None):
            args.append("--possibly")
        result = run_here(*args)
        assert result.returncode == 0, result.stderr
        printed = printed_ids(result.stdout)
        expected = options.query(record, certain=certain).ids()
        assert printed == expected, (args, result.stderr)
        assert result.stderr == f"{len(expected)} of {len(record)} entities\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("query")


@settings(max_examples=EXAMPLES)
@given(data=st.data(), record=records(max_size=10))
def test_query_of_generated_records_is_the_library_query(
    folder: Path, record: cq.Record, data: st.DataObject
) -> None:
    path = folder / "record.json"
    cq.dump(record, path)
    check(path, record, data.draw(options_for(record)))


@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_query_of_the_seed_is_the_library_query(seed: cq.Record, data: st.DataObject) -> None:
    check(SEED, seed, data.draw(options_for(seed)))


def test_every_agent_of_the_seed_finds_what_involving_finds(seed: cq.Record) -> None:
    agents = seed.agents.ids()
    assert len(agents) == 45
    for agent in agents:
        result = run_here("query", SEED, "--agent", agent, "--format", "jsonl")
        assert result.returncode == 0, result.stderr
        printed = printed_ids(result.stdout)
        assert printed == seed.of_type(cq.Entity).involving(agent).ids(), agent


def test_the_statements_of_a_day_are_those_on_finds(seed: cq.Record) -> None:
    day = ("--from", "2020-03-04", "--to", "2020-03-04")
    result = run_here("query", SEED, "--type", "statement", *day, "--format", "jsonl")
    printed = printed_ids(result.stdout)
    assert printed == seed.statements.on("2020-03-04").ids()
    assert "statement:norov-2020-03-04-speech" in printed
    # Dated from 29 February to 4 March: possibly on the 4th, not certainly.
    overlapping = "statement:taliban-2020-inter-afghan-talks-willingness"
    assert overlapping not in printed
    possibly = run_here("query", SEED, "--type", "statement", *day, "--possibly")
    assert overlapping in possibly.stdout


def test_a_statement_takes_the_date_of_its_event(tmp_path: Path) -> None:
    record = cq.Record(
        [
            cq.Person(id="person:a", name="A"),
            cq.Event(id="event:e", kind="meeting", title="E", date=cq.Date("2020-03-04")),
            cq.Statement(
                id="statement:s",
                kind="speech",
                speakers=("person:a",),
                event="event:e",
                attribution="summary",
            ),
        ]
    )
    path = tmp_path / "record.json"
    cq.dump(record, path)
    day = ("--from", "2020-03-04", "--to", "2020-03-04", "--format", "jsonl")
    result = run_here("query", path, "--type", "statement", *day)
    assert result.returncode == 0, result.stderr
    assert printed_ids(result.stdout) == ["statement:s"] == record.statements.on("2020-03-04").ids()


def test_possibly_keeps_a_year_for_a_day_of_it() -> None:
    # The Qingdao summit is dated 2018: it may have been on 15 June 2018, and is
    # certainly within 2018, but not certainly on that day.
    summit = "event:2018-sco-qingdao-summit"
    day = ("--from", "2018-06-15", "--to", "2018-06-15", "--format", "jsonl")
    assert summit not in run_here("query", SEED, *day).stdout
    assert summit in run_here("query", SEED, *day, "--possibly").stdout
    year = ("--from", "2018", "--to", "2018", "--format", "jsonl")
    assert summit in run_here("query", SEED, *year).stdout


def test_possibly_without_dates_is_a_usage_error() -> None:
    result = run_here("query", SEED, "--possibly")
    assert result.returncode == 2
    assert "--possibly applies to --from and --to" in result.stderr
