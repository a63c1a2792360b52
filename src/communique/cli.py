"""The ``communique`` command: validate, show, query, convert, describe and count records.

Every command reads a file, a folder of record files, or ``-`` for standard input,
and writes to standard output, so that commands compose in pipes::

    communique convert record.yaml - --to jsonl | communique validate -
    communique query corpus/ --type statement --agent person:vladimir-norov --format jsonl

Exit status: 0 when all went well, 1 when problems were found or an input could not
be read, 2 for a usage error (a wrong option, an unknown format or type) or a
failure of the environment (a path that cannot be written, a closed standard
stream, a full disk), said in one line on standard error.

Colours are used only when standard output is a terminal and ``NO_COLOR`` is not
set; a progress bar is drawn on standard error only when it is a terminal and an
input takes more than a moment.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Final, NoReturn

import attrs

from . import dump, dumps
from ._cli_common import (
    Failure,
    Style,
    UsageError,
    colour_wanted,
    format_by_suffix,
    read,
    read_all,
)
from ._streams import Output, StreamError, cut, standard
from ._suggest import close_names
from .converter import default_converter
from .dates import Date, DateError, calendar_day
from .errors import LoadError, Problem
from .formats import format_names
from .formats import json as json_format
from .model import Agent, Entity, Event, date_of
from .model import bounds_of as dated
from .query import Query
from .record import Record
from .registry import default_registry
from .summary import describe, label, summarize

__all__ = ["main"]

PROG: Final = "communique"


# -- output ----------------------------------------------------------------------


def _problem_line(problem: Problem, style: Style) -> str:
    where = problem.file or "<data>"
    if problem.line is not None:
        where += f":{problem.line}"
        if problem.column is not None:
            where += f":{problem.column}"
    subject = f" {style.cyan(problem.entity)}" if problem.entity else ""
    hint = f"; {problem.hint}" if problem.hint else ""
    return f"{style.bold(where)}:{subject} {problem.path}: {problem.message}{hint} " + (
        style.red(f"[{problem.code}]")
        if problem.is_error
        else style.yellow(f"[{problem.code}, warning]")
    )


def _problem_data(problem: Problem) -> dict[str, object]:
    return {k: v for k, v in attrs.asdict(problem).items() if v is not None}


def _jsonl(value: object) -> str:
    return json_format.dumps(value, indent=False).decode("utf-8")


# -- the commands ------------------------------------------------------------------


def _cmd_validate(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    total = 0
    note = Style(colour_wanted(sys.stderr))
    for name in args.paths:
        try:
            # Problems of reading, then those of the record as far as it was read.
            found, problems = read_all(
                name, format=args.from_format, base=args.base, as_base=args.as_base
            )
            problems += found.validate()
            count = len(found)
        except LoadError as exc:
            problems = list(exc.problems)
            count = 0
        except Failure as exc:
            # The problem names the file itself: its message need not say it again.
            message = str(exc).removeprefix(f"{name}: ")
            problems = [Problem(code="unreadable", message=message, file=name)]
            count = 0
        total += sum(1 for p in problems if p.is_error or args.strict)
        for problem in problems:
            out.write(
                _jsonl(_problem_data(problem))
                if args.output == "jsonl"
                else _problem_line(problem, style) + "\n"
            )
        verdict = (
            note.green(f"{name}: {count} entities, no problems")
            if not problems
            else note.red(f"{name}: {len(problems)} problem(s)")
        )
        print(verdict, file=sys.stderr)
    return 1 if total else 0


def _cmd_show(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    record = read(args.path, format=args.from_format, base=args.base, as_base=args.as_base)
    if args.id is None:
        out.write(summarize(record))
        return 0
    try:
        entity = record.get(args.id)
    except KeyError as exc:
        raise Failure(str(exc.args[0])) from None
    text = describe(record, entity)
    head, _, rest = text.partition("\n")
    out.write(style.bold(head) + "\n" + rest)
    return 0


_GENERAL_TYPES: Final[dict[str, type[Entity]]] = {"agent": Agent, "entity": Entity}


def _entity_class(tag: str) -> type[Entity]:
    cls = default_registry.get(tag) or _GENERAL_TYPES.get(tag)
    if cls is None:
        known = [*default_registry.tags(), *_GENERAL_TYPES]
        close = close_names(tag, known)
        hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
        raise UsageError(f"--type: unknown type {tag!r}; {hint}")
    return cls


def _date_bound(text: str, option: str) -> Date:
    try:
        return Date(text)
    except (DateError, ValueError) as exc:
        raise UsageError(
            f"{option} {text!r} is not an EDTF date such as 2020-03-04: {exc}"
        ) from None


def _target(record: Record, option: str, target: str, cls: type[Entity]) -> None:
    # An id that names nothing, or something else than the option asks for, is a
    # mistake to say rather than a filter that keeps nothing.
    try:
        found = record.get(target)
    except KeyError as exc:
        raise Failure(f"{option}: {exc.args[0]}") from None
    if not isinstance(found, cls):
        raise Failure(
            f"{option}: {target!r} is {_a(type(found).tag)}, not {_a(cls.__name__.lower())}"
        )


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in ("a", "e", "i", "o", "u") else f"a {word}"


def select(record: Record, args: argparse.Namespace) -> Query[Entity]:
    """The query the options given on the command line ask: each option is one
    method of :class:`~communique.Query`, so the command answers as the library does.

    ``--type`` is :meth:`Record.of_type`, ``--agent`` :meth:`Query.involving`,
    ``--event`` :meth:`Query.at`, ``--topic`` :meth:`Query.about`, ``--text``
    :meth:`Query.mentioning`, and ``--from``/``--to`` :meth:`Query.between`, certain
    unless ``--possibly`` is given.
    """
    query = record.of_type(_entity_class(args.type) if args.type else Entity)
    if args.agent is not None:
        _target(record, "--agent", args.agent, Agent)
        query = query.involving(args.agent)
    if args.event is not None:
        _target(record, "--event", args.event, Event)
        query = query.at(args.event)
    if args.topic is not None:
        query = query.about(args.topic)
    if args.text is not None:
        query = query.mentioning(args.text)
    if args.date_from is not None or args.date_to is not None:
        start = _date_bound(args.date_from, "--from") if args.date_from is not None else None
        end = _date_bound(args.date_to, "--to") if args.date_to is not None else None
        query = query.between(start, end, certain=not args.possibly)
    elif args.possibly:
        raise UsageError("--possibly applies to --from and --to: give one of them")
    return query


def _date_text(entity: Entity, record: Record) -> str:
    """The entity's date as its class declares it, or the one it takes from another
    entity of the record (a statement's event); a period as ``start/end``."""
    dates = date_of(entity, record.find)
    if len(dates) == 1 and dates[0] is not None:
        return dates[0].edtf
    return "/".join(d.edtf if d is not None else ".." for d in dates)


def _table(rows: list[tuple[str, str, str, str]], out: IO[str], style: Style, width: int) -> None:
    header: tuple[str, str, str, str] = ("ID", "TYPE", "DATE", "LABEL")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    room = max(20, width - sum(widths) - 6)
    for index, row in enumerate([header, *rows]):
        cells = [row[i].ljust(widths[i]) for i in range(3)]
        text = row[3] if len(row[3]) <= room else row[3][: room - 1] + "…"
        line = "  ".join([*cells, text]).rstrip()
        out.write((style.bold(line) if index == 0 else line) + "\n")


def _cmd_query(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    record = read(args.path, format=args.from_format, base=args.base, as_base=args.as_base)
    found = list(select(record, args))
    if args.output == "jsonl":
        for entity in found:
            out.write(_jsonl(default_converter.unstructure_entity(entity)))
    else:
        width = shutil.get_terminal_size((120, 24)).columns if out.isatty() else 120
        rows = [
            (e.id, type(e).tag, _date_text(e, record), label(e, record, width=200)) for e in found
        ]
        _table(rows, out, style, width)
    print(f"{len(found)} of {len(record)} entities", file=sys.stderr)
    return 0


def _cmd_convert(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    record = read(args.input, format=args.from_format, base=args.base, as_base=args.as_base)
    fmt = args.to_format
    if fmt is None:
        if args.output == "-":
            raise UsageError("writing to standard output needs --to json, jsonl or yaml")
        fmt = format_by_suffix(args.output, "--to")
    if args.output == "-":
        # The dump's bytes as they are, where standard output writes UTF-8.
        binary = out.utf8_bytes() if isinstance(out, Output) else None
        if binary is None:
            out.write(dumps(record, fmt))
        else:
            dump(record, binary, format=fmt)
    else:
        # A place that cannot be written is the environment's: main says where, exit 2.
        dump(record, args.output, format=fmt)
        print(f"wrote {len(record)} entities to {args.output} ({fmt})", file=sys.stderr)
    return 0


def _cmd_schema(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    try:
        from .schema import json_schema  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise Failure(
            "the JSON Schema is not available: this installation of communique has no "
            "communique.schema module"
        ) from None
    schema: object = json_schema()
    out.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return 0


def count(record: Record) -> dict[str, dict[str, int]]:
    """Counts of the entities of a record by type, by kind (``type/kind``) and by year.

    An entity is counted in the year its date starts in (see ``query --from``);
    entities without a date are not counted by year.
    """
    by_type: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    by_year: Counter[str] = Counter()
    for entity in record:
        tag = type(entity).tag
        by_type[tag] += 1
        kind = getattr(entity, "kind", None)
        if kind is not None:
            by_kind[f"{tag}/{getattr(kind, 'value', kind)}"] += 1
        bounds = dated(entity)
        if bounds is not None:
            start = bounds[0] or bounds[1]
            if start is not None:
                by_year[str(calendar_day(start)[0])] += 1
    return {
        "type": dict(sorted(by_type.items())),
        "kind": dict(sorted(by_kind.items())),
        "year": dict(sorted(by_year.items())),
    }


def _cmd_stats(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    record = read(args.path, format=args.from_format, base=args.base, as_base=args.as_base)
    counts = count(record)
    if args.output == "json":
        out.write(json.dumps({"entities": len(record), **counts}, indent=2) + "\n")
        return 0
    out.write(f"{style.bold('entities')}  {len(record)}\n")
    for heading, values in counts.items():
        out.write(f"\n{style.bold('by ' + heading)}\n")
        width = max((len(k) for k in values), default=0)
        for key, n in values.items():
            out.write(f"  {key.ljust(width)}  {n}\n")
    return 0


def _cmd_render(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    from . import render

    if args.page_size < 1:
        raise UsageError("--page-size must be at least 1")
    record = read(args.path, format=args.from_format, base=args.base, as_base=args.as_base)
    try:
        index = render(record, args.output, page_size=args.page_size)
    except (FileExistsError, ImportError) as exc:
        raise Failure(str(exc)) from None
    out.write(f"{index}\n")
    return 0


def _cmd_vocab(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    from ._cli_vocab import UnknownVocabulary, find, import_modules, listing, terms_text

    try:
        import_modules(args.imports)
        if args.name is None:
            out.write(listing(args.output))
            return 0
        vocabulary, note = find(args.name)
    except UnknownVocabulary as exc:
        raise UsageError(str(exc.args[0])) from None
    if note is not None:
        print(f"{PROG}: {note}", file=sys.stderr)
    out.write(terms_text(vocabulary, args.output))
    return 0


def _cmd_new(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    from ._skeletons import UnknownSkeleton, skeleton
    from ._skeletons import listing as kinds

    if args.kind is None:
        out.write(kinds())
        return 0
    try:
        out.write(skeleton(args.kind))
    except UnknownSkeleton as exc:
        raise UsageError(str(exc.args[0])) from None
    return 0


# -- the parser ------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


_PATH_HELP: Final = "a record file (.json, .jsonl, .yaml), a folder of them, or - for stdin"

# Shown under every subcommand's --help: what a newcomer looks for while writing.
_EPILOG: Final = """\
Dates are EDTF (Extended Date/Time Format): 2020-03-04, 2020-03, 2017, 2019/2020 (an
interval), 2020-03-04? (uncertain), 2018~ (approximate).

Kinds, roles, stances and other terms: 'communique vocab' lists the vocabularies,
'communique vocab event-kind' the terms of one. A skeleton to start a record:
'communique new'."""


class _Formatter(argparse.HelpFormatter):
    # Paragraphs of a description or an epilog are wrapped each on its own.
    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n\n".join(
            super(_Formatter, self)._fill_text(part, width, indent) for part in text.split("\n\n")
        )


def _cmd_draft(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    from .draft._cli import run

    return run(args, out)


def _format_option(parser: argparse.ArgumentParser, default: str, other: str, help: str) -> None:
    # Every command's --format: one for people (the default), one for programs.
    parser.add_argument(
        "--format",
        dest="output",
        choices=(default, other),
        default=default,
        help=f"{help} (default: {default})",
    )


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from-format",
        dest="from_format",
        choices=format_names(compressed=True),
        help="the format of the input (default: by suffix; sniffed for -)",
    )
    parser.add_argument(
        "--as-base",
        action="store_true",
        help="read an entity of a type no installed package registers as its 'base' type "
        "(its own fields kept aside, and written back as they were)",
    )
    parser.add_argument(
        "--base",
        type=Path,
        help="where text files named by a record on standard input are "
        "(default: the working directory)",
    )


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``communique`` command."""
    top = _Parser(
        prog=PROG,
        description="Work with records of diplomatic and institutional activity. "
        "PATH is a record file (.json, .jsonl, .yaml), a folder of them, or - for "
        "standard input.",
    )
    from . import __version__

    top.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser(
        "validate", help="report every problem with file, line and field; exit 1 when any"
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help=_PATH_HELP)
    _input_options(validate)
    _format_option(validate, "text", "jsonl", "problems as text or as JSON Lines")
    validate.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings too, not only on errors"
    )
    validate.set_defaults(run=_cmd_validate)

    show = commands.add_parser(
        "show", help="a readable summary of a record, or one entity and its links"
    )
    show.add_argument("path", metavar="PATH", help=_PATH_HELP)
    show.add_argument("id", nargs="?", metavar="ID", help="the id of one entity to show")
    _input_options(show)
    show.set_defaults(run=_cmd_show)

    query = commands.add_parser("query", help="the entities that pass the given filters")
    query.add_argument("path", metavar="PATH", help=_PATH_HELP)
    query.add_argument("--type", help="a type tag (event, statement, person, ...) or 'agent'")
    query.add_argument(
        "--agent", metavar="ID", help="entities in which this agent has a part, in any role"
    )
    query.add_argument(
        "--event",
        metavar="ID",
        help="what happened at this event or its parts (statements, proposals, documents, "
        "sub-events)",
    )
    query.add_argument(
        "--topic", help="entities with this topic (statements also: about this entity)"
    )
    query.add_argument(
        "--text",
        help="entities whose name, title, subject or text contains this (ignoring case, "
        "accents and spacing)",
    )
    query.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="dated from the first day of DATE (EDTF: 2020-03); a statement or proposal "
        "without a date takes its event's",
    )
    query.add_argument(
        "--to", dest="date_to", metavar="DATE", help="dated up to the last day of DATE (EDTF)"
    )
    query.add_argument(
        "--possibly",
        action="store_true",
        help="with --from/--to: keep a date that may lie in the range, not only one "
        "certainly in it (2020-03 is possibly, not certainly, on 2020-03-04)",
    )
    _format_option(query, "table", "jsonl", "a table for people or JSON Lines for other commands")
    _input_options(query)
    query.set_defaults(run=_cmd_query)

    convert = commands.add_parser("convert", help="from any text format to any other")
    convert.add_argument("input", metavar="IN", help=_PATH_HELP)
    convert.add_argument("output", metavar="OUT", help="a file (.json, .jsonl, .yaml) or -")
    _input_options(convert)
    convert.add_argument(
        "--to",
        "--to-format",
        dest="to_format",
        choices=format_names(),
        help="the output format (default: by the suffix of OUT)",
    )
    convert.set_defaults(run=_cmd_convert)

    schema = commands.add_parser("schema", help="print the JSON Schema of the format")
    schema.set_defaults(run=_cmd_schema)

    stats = commands.add_parser("stats", help="counts by type, kind and year")
    stats.add_argument("path", metavar="PATH", help=_PATH_HELP)
    _input_options(stats)
    _format_option(stats, "text", "json", "counts as text or as one JSON document")
    stats.set_defaults(run=_cmd_stats)

    drafting = commands.add_parser(
        "draft", help="draft a record from a press release, every fact with its evidence"
    )
    drafting.add_argument(
        "text", metavar="TEXT", help="a text file (UTF-8), or - for standard input"
    )
    drafting.add_argument("--published", metavar="DATE", help="the publication date, as EDTF")
    drafting.add_argument("--publisher", metavar="ID", help="the id of the publisher")
    drafting.add_argument(
        "--known", metavar="PATH", help="records whose agents are linked by their ids"
    )
    drafting.add_argument(
        "-o", "--output", default="-", metavar="OUT", help="the YAML file to write (default: -)"
    )
    drafting.set_defaults(run=_cmd_draft)

    vocab = commands.add_parser(
        "vocab", help="the vocabularies (kinds, roles, stances, ...), or the terms of one"
    )
    vocab.add_argument(
        "name", nargs="?", metavar="NAME", help="a vocabulary, e.g. event-kind (default: list them)"
    )
    vocab.add_argument(
        "--import",
        dest="imports",
        action="append",
        default=[],
        metavar="MODULE",
        help="import a downstream package first, to show the terms it declares (repeatable)",
    )
    _format_option(vocab, "text", "jsonl", "a table for people or JSON Lines for other commands")
    vocab.set_defaults(run=_cmd_vocab)

    new = commands.add_parser(
        "new", help="a commented YAML skeleton to start a record (meeting, joint-statement, ...)"
    )
    new.add_argument(
        "kind", nargs="?", metavar="KIND", help="the kind of record (default: list them)"
    )
    new.set_defaults(run=_cmd_new)

    render = commands.add_parser(
        "render", help="write a static site to browse the record and its evidence"
    )
    render.add_argument("path", metavar="PATH", help=_PATH_HELP)
    render.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FOLDER",
        help="the folder to write (new, empty, or a site written before)",
    )
    render.add_argument(
        "--page-size", type=int, default=500, metavar="N", help="rows a page of a list shows"
    )
    _input_options(render)
    render.set_defaults(run=_cmd_render)

    match = commands.add_parser(
        "match", help="candidate pairs of entities that may be one, with each side's evidence"
    )
    match.add_argument("paths", nargs="+", metavar="PATH", help=_PATH_HELP)
    match.add_argument("--judgements", metavar="FILE", help="a judgements file (JSON Lines)")
    match.add_argument("--min-score", type=float, default=0.0, help="leave out pairs below this")
    _format_option(match, "text", "jsonl", "pairs as text or as JSON Lines")
    _input_options(match)
    match.set_defaults(run=_cmd_match)

    merge = commands.add_parser(
        "merge", help="merge records into one; print the conflicts, exit 1 while any is open"
    )
    merge.add_argument("paths", nargs="+", metavar="PATH", help=_PATH_HELP)
    merge.add_argument("-o", "--output", required=True, help="the merged record's file, or -")
    merge.add_argument("--judgements", metavar="FILE", help="a judgements file (JSON Lines)")
    merge.add_argument(
        "--prefer",
        action="append",
        metavar="SOURCE",
        help="a source id whose values settle conflicts (repeat, in order of preference)",
    )
    merge.add_argument("--to", dest="to_format", choices=format_names(), help="the output format")
    _input_options(merge)
    merge.set_defaults(run=_cmd_merge)

    for command in (top, *commands.choices.values()):
        command.epilog = _EPILOG
        command.formatter_class = _Formatter
    return top


def _cmd_match(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    from ._cli_merge import cmd_match

    return cmd_match(args, out, style)


def _cmd_merge(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    from ._cli_merge import cmd_merge

    return cmd_merge(args, out, style)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``communique`` command with ``argv`` (default: ``sys.argv[1:]``) and
    return its exit status.

    Whatever goes wrong by the user's doing or the environment's (a wrong option, a
    path that cannot be written, a closed standard stream, a full disk) ends in one
    line on standard error, never a traceback; everything written to standard
    output is flushed here, so that a write that fails changes the exit status.
    """
    with standard() as out:
        try:
            try:
                args = parser().parse_args(argv)
                run: Callable[[argparse.Namespace, IO[str], Style], int] = args.run
                status = run(args, out, Style(colour_wanted(out)))
            finally:
                out.flush()  # also after --help, which exits through SystemExit
            return status
        except UsageError as exc:
            _say(f"{cut(str(exc), 1000)}\nRun '{PROG} --help' for usage.")
            return 2
        except LoadError as exc:
            style = Style(colour_wanted(sys.stderr))
            _say("\n".join(_problem_line(problem, style) for problem in exc.problems))
            return 1
        except Failure as exc:
            _say(f"{PROG}: {cut(str(exc), 1000)}")
            return 1
        except BrokenPipeError:
            # The reader went away (``| head``): stop quietly, as other tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
            return 1
        except StreamError as exc:
            _say(f"{PROG}: {cut(str(exc), 1000)}")
            return 2
        except OSError as exc:
            # A path that cannot be read or written (missing, read-only, a folder,
            # too long, a loop of links): what failed, and where.
            # Of a rename, the target (filename2) is the path the user named.
            name = exc.filename2 if exc.filename2 is not None else exc.filename
            shown = os.fsdecode(name) if isinstance(name, (str, bytes)) else str(name)
            where = f"{cut(shown)}: " if name is not None else ""
            _say(f"{PROG}: {where}{exc.strerror or cut(str(exc))}")
            return 2
        except KeyboardInterrupt:
            _say(f"{PROG}: interrupted")
            return 130


def _say(message: str) -> None:
    # The last word of a command: if standard error cannot take it either (a full
    # disk), the exit status is all that is left to tell.
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr, flush=True)
