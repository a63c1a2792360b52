"""What the document formats (a JSON document, YAML) share: the record around
the entities (``communique`` and ``entities``), and the problems of each element
of ``entities``, placed at their path in the document."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeAlias

from .._paths import path_steps, path_text
from ..converter import FORMAT_VERSION, Converter, EntityError
from ..errors import Problem
from ._base import Item

__all__ = ["Locate", "document_items", "entity_path", "path_of", "record_problems"]

#: Where a path of the document is written (line and column), or ``None``.
Locate: TypeAlias = Callable[[tuple[str | int, ...]], "tuple[int, int] | None"]


def document_items(
    items: list[Any], conv: Converter, locate: Locate, file: str | None
) -> Iterator[Item]:
    """Structure the parsed elements of a document's ``entities``, placing the
    problems of each at its path in the document."""
    for index, item in enumerate(items):
        try:
            entity = conv.structure_entity(item)
        except EntityError as exc:
            yield [_in_document(p, index, locate, file) for p in exc.problems]
            continue
        yield entity, None, index


def _in_document(problem: Problem, index: int, locate: Locate, file: str | None) -> Problem:
    """A problem of the entity at ``$.entities[index]``, located in the file."""
    steps = ("entities", index, *path_steps(problem.path))
    where = locate(steps)
    return problem.located(
        file=file,
        path=path_of(problem, index),
        line=where[0] if where else None,
        column=where[1] if where else None,
    )


def path_of(problem: Problem, index: int) -> str:
    """The path a problem of the element at ``$.entities[index]`` is given.

    Every problem about an entity names it by its id and gives the path within
    it, as the entity is written in every format and as validate() gives it; only
    an element with no id to name is placed by its path in the document."""
    return problem.path if problem.entity is not None else entity_path(index, problem.path)


def entity_path(index: int, path: str) -> str:
    return f"$.entities[{index}]{path[1:]}"


def record_problems(fields: dict[str, Any], file: str | None, locate: Locate) -> list[Problem]:
    """What is wrong around the entities: the version, unknown or missing members."""
    problems: list[Problem] = []

    def add(code: str, message: str, path: tuple[str, ...], **more: Any) -> None:
        where = locate(path) or locate(())
        problems.append(
            Problem(
                code=code,
                message=message,
                path=path_text(path),
                file=file,
                line=where[0] if where else None,
                column=where[1] if where else None,
                **more,
            )
        )

    version = fields.get("communique")
    if version != FORMAT_VERSION:
        found = "nothing" if "communique" not in fields else repr(version)
        add(
            "format-version",
            f"expected 'communique: \"{FORMAT_VERSION}\"', found {found}",
            ("communique",),
            expected=repr(FORMAT_VERSION),
            found=found,
        )
    for key in fields:
        if key not in ("communique", "entities"):
            add(
                "unknown-field",
                f"unknown field {key!r} in a record; a record has 'communique' and 'entities'",
                (key,),
                found=key,
            )
    if "entities" not in fields:
        add("missing-field", "a record needs 'entities', a list of entities", ("entities",))
    elif type(fields["entities"]) is not list:
        add("wrong-type", "'entities' must be a list", ("entities",), expected="a list")
    return problems
