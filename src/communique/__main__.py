"""The ``communique`` command: validate and show records."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import _io
from .errors import LoadError
from .summary import describe, summarize

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="communique", description="Work with records of diplomatic and institutional activity."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("show", help="a readable summary of a record, or of one entity")
    show.add_argument("path")
    show.add_argument("id", nargs="?")
    validate = commands.add_parser("validate", help="report every problem; exit 1 when any")
    validate.add_argument("paths", nargs="+")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "show":
        try:
            record = _io.load(args.path)
        except LoadError as exc:
            print(exc, file=sys.stderr)
            return 1
        if args.id:
            try:
                entity = record.get(args.id)
            except KeyError as exc:
                print(exc.args[0], file=sys.stderr)
                return 1
            sys.stdout.write(describe(record, entity))
        else:
            sys.stdout.write(summarize(record))
        return 0
    status = 0
    for path in args.paths:
        try:
            problems = _io.load(path).validate()
        except LoadError as exc:
            problems = list(exc.problems)
        for problem in problems:
            print(problem.located(file=problem.file or path))
        status = status or (1 if problems else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
