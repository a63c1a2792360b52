"""The ``$``-path syntax of problems: where a value is within an entity or a document.

``$.participants[2].agent`` is the ``agent`` of the third participation; a path
is written from steps (keys and indexes) and read back into them.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["path_steps", "path_text"]


def path_text(steps: tuple[str | int, ...]) -> str:
    """``("entities", 3, "date")`` → ``$.entities[3].date``."""
    out = "$"
    for step in steps:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out


_STEP: Final = re.compile(r"\[(\d+)\]|\.([^.\[]*)")


def path_steps(path: str) -> tuple[str | int, ...]:
    """``$.participants[2].agent`` → ``("participants", 2, "agent")``.

    A key with brackets in it (an unknown field ``"a[]"``) cannot be told apart
    from steps for sure: what does not read as steps is kept as text.
    """
    steps: list[str | int] = []
    pos = 1 if path.startswith("$") else 0
    while pos < len(path):
        match = _STEP.match(path, pos)
        if match is None:
            rest = path[pos:]
            if steps and isinstance(steps[-1], str):
                steps[-1] += rest
            else:
                steps.append(rest)
            break
        steps.append(int(match[1]) if match[1] is not None else match[2])
        pos = match.end()
    return tuple(steps)
