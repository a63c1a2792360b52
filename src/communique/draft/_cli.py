"""``communique draft``: a text in, a record to check out, as YAML."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import IO

import attrs

from .._cli_common import Failure, UsageError, read
from ..dates import Date, DateError
from ..model import Source

__all__ = ["run"]


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Draft the text named by ``args.text`` and write the record as YAML."""
    from .. import dump, dumps
    from . import draft

    try:
        published = Date(args.published) if args.published else None
    except DateError as exc:
        raise UsageError(f"--published: {exc}") from None
    path = Path(args.text)
    try:
        text = sys.stdin.read() if args.text == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Failure(f"cannot read {args.text}: {exc}") from None
    known = read(args.known) if args.known else None
    drafted = draft(text, published=published, publisher=args.publisher, known=known)
    record = drafted.record
    # Compared as the loader compares them, with links resolved.
    folder = os.path.dirname(os.path.realpath(args.output)) if args.output != "-" else os.getcwd()
    relative = Path(os.path.relpath(os.path.realpath(path), os.path.realpath(folder))).as_posix()
    if args.text != "-" and not relative.startswith("../"):
        # The draft names the text by its path from where the draft is written, so that
        # validating the draft checks every quote against the text itself. A record may
        # only name text files inside its own folder: a text elsewhere stays inline.
        record = record.__class__(
            [
                attrs.evolve(e, text=None, text_file=relative) if isinstance(e, Source) else e
                for e in record
            ]
        )
    if args.output == "-":
        out.write(dumps(record, "yaml"))
    else:
        try:
            dump(record, args.output, format="yaml")
        except OSError as exc:
            raise Failure(f"cannot write {args.output}: {exc.strerror or exc}") from None
    found = len(record) - 1
    where = "" if args.output == "-" else f" to {args.output}"
    print(
        f"drafted {found} entities from {len(drafted.facts)} facts{where}; "
        "each carries its evidence and its x-draft:confidence and x-draft:recogniser",
        file=sys.stderr,
    )
    return 0
