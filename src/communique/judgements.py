"""Judgements: a curator's decisions on candidate matches, kept so each is made once.

A judgements file is JSON Lines, one decision a line, in the order they were made::

    {"a": "person:norov", "b": "person:vladimir-norov", "decision": "same", "who": "curator:ak", "when": "2026-11-30T09:12:00Z"}

``decision`` is ``same``, ``different`` or ``unsure``; ``who`` names the curator
and ``when`` is an ISO 8601 date and time; ``note`` may say why. A later line on
the same pair (in either order) replaces an earlier one, so changing one's mind
is a new line and the history stays in the file. :func:`communique.merge`
replays the file: ``same`` joins the two entities, ``different`` keeps them
apart on every later merge, ``unsure`` leaves them candidates.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "judgements.jsonl"
>>> append_judgements(path, [Judgement(a="person:a", b="person:b", decision=Verdict.DIFFERENT,
...                                    who="curator:ak", when="2026-11-30T09:12:00Z")])
>>> [j.decision.value for j in read_judgements(path)]
['different']
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable
from pathlib import Path

import orjson
from attrs import Attribute, field, frozen

from .errors import FieldError, LoadError, Problem
from .model._base import check_id
from .vocab import Verdict

__all__ = ["Judgement", "Verdict", "append_judgements", "read_judgements"]

_KEYS = ("a", "b", "decision", "who", "when", "note")


def _check_when(_: object, attribute: Attribute[str], value: str) -> None:
    try:
        _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise FieldError(
            attribute.name, f"{value!r} is not an ISO 8601 date and time like 2026-11-30T09:12:00Z"
        ) from None


@frozen(kw_only=True)
class Judgement:
    """One decision: whether the entities ``a`` and ``b`` are the same, who made it, when."""

    a: str = field(validator=check_id)
    b: str = field(validator=check_id)
    decision: Verdict = field(converter=Verdict)
    who: str
    when: str = field(validator=_check_when)
    note: str | None = None

    @property
    def pair(self) -> frozenset[str]:
        """The two ids, in no order."""
        return frozenset((self.a, self.b))

    def to_json(self) -> dict[str, str]:
        """The line this judgement is written as."""
        out = {"a": self.a, "b": self.b, "decision": self.decision.value}
        out.update(who=self.who, when=self.when)
        if self.note is not None:
            out["note"] = self.note
        return out


def _problem(path: str, line: int, field_path: str, message: str) -> LoadError:
    return LoadError(
        [Problem(code="bad-judgement", message=message, path=field_path, file=path, line=line)]
    )


def read_judgements(path: str | os.PathLike[str]) -> list[Judgement]:
    """Every judgement of a file, in order; a ``LoadError`` naming the file, line and
    field of the first line that is not a judgement (an unknown key included)."""
    name = os.fspath(path)
    out: list[Judgement] = []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError as error:
                raise _problem(name, number, "$", f"not JSON: {error}") from None
            if not isinstance(data, dict):
                raise _problem(name, number, "$", "a judgement is a JSON object")
            for key in data:
                if key not in _KEYS:
                    raise _problem(name, number, f"$.{key}", f"unknown key {key!r}")
            for key in _KEYS[:5]:
                if not isinstance(data.get(key), str):
                    raise _problem(name, number, f"$.{key}", f"{key!r} must be a string")
            if not isinstance(data.get("note", ""), str):
                raise _problem(name, number, "$.note", "'note' must be a string")
            try:
                out.append(Judgement(**data))
            except FieldError as error:
                raise _problem(name, number, f"$.{error.field}", str(error)) from None
            except ValueError as error:
                raise _problem(name, number, "$.decision", str(error)) from None
    return out


def append_judgements(path: str | os.PathLike[str], judgements: Iterable[Judgement]) -> None:
    """Add judgements at the end of a file (made if missing): earlier ones are kept."""
    lines = b"".join(orjson.dumps(j.to_json()) + b"\n" for j in judgements)
    with open(Path(path), "ab") as handle:
        handle.write(lines)


def latest(judgements: Iterable[Judgement]) -> dict[frozenset[str], Judgement]:
    """The decision in force on each pair: the last one made."""
    return {j.pair: j for j in judgements}
