"""The work of ``communique match`` and ``communique merge``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import IO

import attrs

from . import dump, dumps
from ._cli_common import Failure, Style, UsageError, read
from .merging import Candidate, MergeError, merge
from .model import Entity, Source
from .record import Record

__all__ = ["cmd_match", "cmd_merge"]


def _inputs(args: argparse.Namespace) -> list[Record]:
    if len(args.paths) < 2 and args.command == "match":
        raise UsageError("match needs at least two records to compare")
    if args.paths.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    return [read(p, format=args.from_format, base=args.base) for p in args.paths]


def _evidence_lines(entity: Entity) -> list[str]:
    lines = [f'      {e.source}: "{e.quote}"' for e in entity.evidence[:3]]
    if len(entity.evidence) > 3:
        lines.append(f"      ... and {len(entity.evidence) - 3} more")
    return lines or ["      (no evidence)"]


def _candidate_json(c: Candidate) -> dict[str, object]:
    out: dict[str, object] = {"a": c.a.id, "b": c.b.id, "score": c.score, "reason": c.reason}
    out["evidence"] = {
        side.id: [{"source": e.source, "quote": e.quote} for e in side.evidence]
        for side in (c.a, c.b)
    }
    if c.judgement is not None:
        out["judgement"] = c.judgement.decision.value
    return out


def cmd_match(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    """List the candidate pairs, best first, each with the evidence of both sides."""
    from .merging import candidates

    records = _inputs(args)
    found = [
        c for c in candidates(*records, judgements=args.judgements) if c.score >= args.min_score
    ]
    for c in found:
        if args.output == "jsonl":
            out.write(json.dumps(_candidate_json(c), ensure_ascii=False) + "\n")
            continue
        judged = f"  [{c.judgement.decision.value}]" if c.judgement is not None else ""
        out.write(style.bold(f"{c.score:.2f}  {c.a.id}  ~  {c.b.id}") + f"  ({c.reason}){judged}\n")
        for side in (c.a, c.b):
            out.write(f"    {side.id}\n")
            out.write("\n".join(_evidence_lines(side)) + "\n")
    print(f"{len(found)} candidate pairs", file=sys.stderr)
    return 0


def _relocated(record: Record, folder: Path) -> Record:
    """The record with each source's text file named relative to ``folder``, where
    the merged record is written (the inputs' files were relative to theirs)."""
    dirs = record.text_dirs
    entities: list[Entity] = []
    moved: dict[str, Path] = {}
    for entity in record:
        if isinstance(entity, Source) and entity.text_file and entity.id in dirs:
            where = (dirs[entity.id] / entity.text_file).resolve()
            relative = Path(os.path.relpath(where, folder.resolve())).as_posix()
            text = record.text_of(entity.id)
            if relative.startswith("../") and text is not None:
                # A record may only name text files inside its own folder: a text
                # elsewhere is carried inline.
                entities.append(attrs.evolve(entity, text_file=None, text=text))
                continue
            moved[entity.id] = folder
            entities.append(attrs.evolve(entity, text_file=relative))
        else:
            entities.append(entity)
    return Record(entities, text_dirs={**dirs, **moved})


def cmd_merge(args: argparse.Namespace, out: IO[str], style: Style) -> int:
    """Write the merged record, print the conflicts; 1 while any is unresolved."""
    records = _inputs(args)
    try:
        result = merge(*records, judgements=args.judgements, prefer=args.prefer or None)
    except MergeError as exc:
        raise Failure(str(exc)) from None
    report = sys.stderr if args.output == "-" else out
    if args.output == "-":
        fmt = args.to_format or "yaml"
        out.write(dumps(result.record, fmt))
    else:
        target = Path(args.output)
        record = _relocated(result.record, target.resolve().parent)
        dump(record, target, format=args.to_format)
        print(f"wrote {len(record)} entities to {target}", file=sys.stderr)
    joined = [m for m in result.matches if m.replaced]
    print(f"{len(joined)} merged entities, {len(result.conflicts)} conflicts", file=sys.stderr)
    for conflict in result.conflicts:
        mark = style.green("resolved") if conflict.resolved else style.red("disputed")
        report.write(f"{mark}  {conflict.entity} {conflict.field}\n")
        for side in conflict.sides:
            chosen = " (kept)" if side.value == conflict.kept else ""
            report.write(f"    {side.value}{chosen} from {', '.join(side.sources)}\n")
            for e in side.evidence[:2]:
                report.write(f'      {e.source}: "{e.quote}"\n')
    if result.candidates:
        print(
            f"{len(result.candidates)} candidate pairs left for a curator "
            f"('communique match' lists them)",
            file=sys.stderr,
        )
    return 1 if result.unresolved else 0
