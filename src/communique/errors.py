"""Problems found in data, and the errors that carry them.

A :class:`Problem` says what is wrong and where: the file, the line and column
where known, the entity (by its id) and the field path within it (``$.date``,
``$.participants[1].agent``), the same whether the problem was found while
reading or by :meth:`~communique.Record.validate`. What belongs to no entity
(the version of the format, an element with no id) has its path in the
document (``$.communique``, ``$.entities[3]``). A
:class:`LoadError` carries every problem found in one load, so that several
mistakes in a file are reported together.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal, TypeAlias, overload

from attrs import evolve, field, frozen, validators

__all__ = [
    "DuplicateIdError",
    "FieldError",
    "LoadError",
    "ParseError",
    "Problem",
    "Severity",
    "StructureError",
    "UnknownTypeError",
]


#: How bad a :class:`Problem` is: an ``error`` is a record that cannot be true or
#: cannot be read; a ``warning`` is something that could not be checked (evidence
#: on a source whose text is not at hand, a quote that occurs twice) or is unusual.
Severity: TypeAlias = Literal["error", "warning"]


#: The most characters of a problem's message (and of its ``found`` and
#: ``expected``): values are shown cut where the message is made; this bounds
#: what any other message could quote.
MAX_MESSAGE_CHARS: Final = 2000


@overload
def _bounded(text: str) -> str: ...
@overload
def _bounded(text: str | None) -> str | None: ...
def _bounded(text: str | None) -> str | None:
    if text is None or len(text) <= MAX_MESSAGE_CHARS:
        return text
    return (
        f"{text[: MAX_MESSAGE_CHARS - 200]} [...{len(text) - MAX_MESSAGE_CHARS + 100} "
        f"characters cut, of {len(text)}...] {text[-100:]}"
    )


@frozen(kw_only=True)
class Problem:
    """One thing wrong with a record or a file.

    ``code`` is a stable name for the kind of problem (``dangling-reference``,
    ``duplicate-id``, ``evidence-mismatch``, ``unknown-field``, ``syntax`` ...).
    ``severity`` is ``"error"`` (the default) or ``"warning"``; a warning's text
    says so. A problem that a setting of the loader would read past (a bound, a
    format, a converter) names that keyword argument in ``setting`` and says
    what to do in ``hint``, in the words of the Python API; a program that gives
    the setting another name (the command line, with its options) writes its own
    hint from ``setting``.

    >>> print(Problem(code="dangling-reference", message="'org:scoo' refers to no entity",
    ...               path="$.parent", file="record.yaml", line=18, entity="org:sco-secretariat"))
    record.yaml:18: org:sco-secretariat $.parent: 'org:scoo' refers to no entity
    """

    code: str
    message: str = field(converter=_bounded)
    path: str = field(default="$", converter=_bounded)
    file: str | None = None
    line: int | None = None
    column: int | None = None
    entity: str | None = field(default=None, converter=_bounded)
    expected: str | None = field(default=None, converter=_bounded)
    found: str | None = field(default=None, converter=_bounded)
    severity: Severity = field(default="error", validator=validators.in_(("error", "warning")))
    setting: str | None = None
    hint: str | None = field(default=None, converter=_bounded)

    @property
    def is_error(self) -> bool:
        """Whether the problem is an error rather than a warning."""
        return self.severity == "error"

    def __str__(self) -> str:
        where = self.file or "<data>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        subject = f" {self.entity}" if self.entity else ""
        level = "" if self.severity == "error" else f"{self.severity}: "
        hint = f"; {self.hint}" if self.hint else ""
        return f"{where}:{subject} {self.path}: {level}{self.message}{hint}"

    def located(self, **where: object) -> Problem:
        """The same problem with more of its location filled in."""
        return evolve(self, **where)  # type: ignore[arg-type]


class FieldError(ValueError):
    """Raised by model validators, naming the field whose value is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class LoadError(Exception):
    """Data could not be loaded. Carries every :class:`Problem` found.

    >>> import communique as cq
    >>> try:
    ...     cq.loads('{"communique": "1.0", "entities": [{"type": "stat", "id": "x:y"}]}', format="json")
    ... except cq.LoadError as error:
    ...     print(error.problems[0].code, error.problems[0].path)
    unknown-type $.type
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._text())

    def __reduce__(self) -> tuple[type[LoadError], tuple[tuple[Problem, ...]]]:
        # Rebuilt from its problems, so that it crosses process boundaries.
        return (type(self), (self.problems,))

    def _text(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)

    @property
    def file(self) -> str | None:
        return self.problems[0].file if self.problems else None

    @property
    def line(self) -> int | None:
        return self.problems[0].line if self.problems else None

    @property
    def column(self) -> int | None:
        return self.problems[0].column if self.problems else None

    @property
    def path(self) -> str | None:
        return self.problems[0].path if self.problems else None


class ParseError(LoadError):
    """The file is not well-formed JSON, JSON Lines or YAML, or is not valid text."""


class StructureError(LoadError):
    """The data is well-formed but does not fit the model (types, fields, values)."""


class UnknownTypeError(StructureError):
    """An entity's ``type`` tag is not registered."""


class DuplicateIdError(LoadError):
    """Two different entities share one id."""
