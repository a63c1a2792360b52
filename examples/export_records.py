"""Export the seed record for other tools: JSON Lines for jq or DuckDB, YAML, and a CSV table.

Usage: python export_records.py [FOLDER]   (default: a new temporary folder)
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

import communique as cq

SEED = Path(__file__).resolve().parent / "sco_aies_roundtable" / "record.yaml"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    record = cq.load(SEED)

    # One entity a line: `jq 'select(.type == "event")'` or DuckDB's read_json_auto read it.
    cq.dump(record, folder / "record.jsonl")
    cq.dump(record, folder / "record.yaml")

    # Who took part in what, one row each, for a spreadsheet.
    with (folder / "participations.csv").open("w", newline="", encoding="utf-8") as stream:
        table = csv.writer(stream)
        table.writerow(["event", "date", "agent", "name", "roles"])
        rows = 0
        for event in record.events:
            for part in event.participants:
                agent = record.get(part.agent, cq.Agent)
                roles = ";".join(part.roles)
                table.writerow([event.id, event.date or "", agent.id, agent.name, roles])
                rows += 1

    for name in ("record.jsonl", "record.yaml", "participations.csv"):
        print(f"wrote {folder / name}")
    print(f"{len(record)} entities, {rows} participation(s)")


if __name__ == "__main__":
    main()
