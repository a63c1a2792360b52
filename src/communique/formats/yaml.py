"""YAML, for people writing records by hand: safe, strict and located.

Loading is safe (no tag constructs a Python object) and follows the YAML 1.2
core schema for plain scalars, so ``2020-03-04`` stays text (an EDTF date is
text) and ``NO`` (Norway) is not ``false``. Duplicate keys are an error.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, ClassVar, Final

import yaml

from ..converter import FORMAT_VERSION, Converter
from ..errors import ParseError, Problem
from ..model import Entity
from ._base import FileFormat, Item, Reading, Request, Where
from ._document import document_items, record_problems
from ._scan import position

__all__ = [
    "FORMAT",
    "Places",
    "YAMLError",
    "compose",
    "dumps",
    "line_of",
    "loads",
    "place_in",
    "place_problems",
    "read_entities",
    "write_entities",
]

#: What the YAML library raises for text it cannot read.
YAMLError = yaml.YAMLError

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """A safe loader with the YAML 1.2 core schema and no duplicate keys."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, found {node.id}", node.start_mark
            )
        seen: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys (<<) are not allowed", key_node.start_mark
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, f"keys must be text, found a {key_node.id}", key_node.start_mark
                )
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    None, None, f"keys must be text, found {key!r}", key_node.start_mark
                )
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen[key] = self.construct_object(value_node, deep=deep)
        return seen


def _resolver(tag: str, pattern: str, first: str) -> None:
    _Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


# The YAML 1.2 core schema: https://yaml.org/spec/1.2.2/#1032-tag-resolution
# Not in the core schema, but a writer of a plain ``<<`` key means a merge: resolve
# it as one so that it is refused as one (the dumper then quotes the text "<<").
_resolver("tag:yaml.org,2002:merge", r"^(?:<<)$", "<")
_resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN")
_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
_resolver(
    "tag:yaml.org,2002:float",
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
    "-+0123456789.",
)
_Loader.add_constructor(None, None)  # any other tag is refused below
_Loader.yaml_constructors = {
    tag: fn
    for tag, fn in yaml.SafeLoader.yaml_constructors.items()
    if tag
    in (
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:seq",
        "tag:yaml.org,2002:map",
    )
}
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)


_INT_MIN = -(2**63)
_INT_MAX = 2**63 - 1


class _NumberError(yaml.constructor.ConstructorError):
    """A number that does not fit, or cannot be written as JSON."""


def _construct_int(loader: Any, node: Any) -> int:
    # The YAML 1.2 core schema: "012" is twelve (PyYAML's YAML 1.1 reads it as octal).
    text = str(loader.construct_scalar(node))
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if digits.startswith("0o"):
        value = sign * int(digits[2:], 8)
    elif digits.startswith("0x"):
        value = sign * int(digits[2:], 16)
    elif len(digits) <= 19:
        value = sign * int(digits, 10)
    else:
        value = _INT_MAX + 1
    if not _INT_MIN <= value <= _INT_MAX:
        shown = text if len(text) <= 40 else f"{text[:20]}...({len(text)} characters)"
        raise _NumberError(
            None, None, f"the integer {shown} does not fit in 64 bits", node.start_mark
        )
    return value


def _construct_float(loader: Any, node: Any) -> float:
    text = str(loader.construct_scalar(node))
    shown = text if len(text) <= 40 else f"{text[:20]}...({len(text)} characters)"
    if text.lstrip("+-").startswith("."):
        if text.lstrip("+-")[1:].lower() in ("inf", "nan"):
            raise _NumberError(
                None,
                None,
                f"{shown} is not a finite number, and JSON cannot hold it",
                node.start_mark,
            )
    value = float(text)
    if math.isinf(value):
        raise _NumberError(
            None, None, f"the number {shown} is too large for a 64-bit float", node.start_mark
        )
    mantissa = text.lower().partition("e")[0]
    if value == 0.0 and any(c in "123456789" for c in mantissa):
        raise _NumberError(
            None,
            None,
            f"the number {shown} is too small for a 64-bit float: it would be 0",
            node.start_mark,
        )
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def _refuse(loader: Any, node: Any) -> None:
    raise yaml.constructor.ConstructorError(
        None, None, f"the tag {node.tag!r} is not allowed", node.start_mark
    )


_Loader.add_constructor(None, _refuse)

#: The most values a document may hold once its aliases are expanded: aliases are
#: shared when parsed, but walking an alias bomb ("billion laughs") would not end.
MAX_EXPANDED_VALUES = 10_000_000


def loads(text: str, *, file: str | None = None) -> Any:
    """Parse one YAML document into plain data; :class:`ParseError` on any problem."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        code = "syntax"
        if isinstance(exc, _NumberError):
            code = "number-out-of-range"
        elif "maximum nesting depth" in message:
            code, message = "too-deep", "collections nest too deeply (libyaml allows 1000 levels)"
        raise ParseError(
            [
                Problem(
                    code=code,
                    message=message,
                    file=file,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except RecursionError:
        raise ParseError(
            [Problem(code="too-deep", message="collections nest too deeply", file=file)]
        ) from None
    except UnicodeEncodeError as exc:
        # Only text given as ``str`` can hold a lone surrogate; no UTF-8 file can.
        line = text.count("\n", 0, exc.start) + 1
        raise ParseError(
            [
                Problem(
                    code="invalid-utf8",
                    message=f"the text is not valid Unicode: a lone surrogate "
                    f"U+{ord(text[exc.start]):04X} at character {exc.start}",
                    file=file,
                    line=line,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise ParseError(
            [Problem(code="syntax", message=f"not valid YAML: {exc}", file=file)]
        ) from None
    try:
        size = _expanded_size(data, {})
    except RecursionError:
        size = MAX_EXPANDED_VALUES + 1
    if size > MAX_EXPANDED_VALUES:
        raise ParseError(
            [
                Problem(
                    code="too-large",
                    message=f"the document expands to more than {MAX_EXPANDED_VALUES} values "
                    "(aliases repeated too often, or nested too deeply)",
                    file=file,
                )
            ]
        )
    return data


def _expanded_size(value: Any, memo: dict[int, int]) -> int:
    if isinstance(value, (list, dict)):
        known = memo.get(id(value))
        if known is not None:
            return known
        items = value.values() if isinstance(value, dict) else value
        size = 1
        for item in items:
            size += _expanded_size(item, memo)
            if size > MAX_EXPANDED_VALUES:
                break
        memo[id(value)] = size
        return size
    return 1


def line_of(text: str, path: tuple[str | int, ...]) -> tuple[int, int] | None:
    """The line and column (from 1) where the value at ``path`` starts, or the
    deepest part of it that exists."""
    try:
        return place_in(compose(text), path)
    except yaml.YAMLError:
        return None


class Places:
    """Where paths are written in one YAML document: the document is composed
    (once, on the first question) into its node tree, which every later question
    walks, so that placing many problems costs one parse.

    >>> Places("a:\\n  b: [1, 2]\\n")(("a", "b", 1))
    (2, 10)
    """

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._root: yaml.Node | None = None

    def __call__(self, path: Sequence[str | int]) -> tuple[int, int] | None:
        if self._text is not None:
            text, self._text = self._text, None
            try:
                self._root = compose(text)
            except yaml.YAMLError:
                self._root = None
        return place_in(self._root, tuple(path))


def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML document, as the loader reads it (for
    :func:`place_in`); raises ``yaml.YAMLError``."""
    node: yaml.Node | None = yaml.compose(text, Loader=_Loader)
    return node


def place_in(node: yaml.Node | None, path: tuple[str | int, ...]) -> tuple[int, int] | None:
    """Line and column (from 1) of the value at ``path`` in a composed document
    (of its key, for the last step), or of the deepest part of it that exists."""
    best = node
    for step in path:
        if node is None:
            break
        nxt = None
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key, value in node.value:
                if key.value == step:
                    nxt = key if _is_last(step, path) else value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if 0 <= step < len(node.value):
                nxt = node.value[step]
        if nxt is None:
            break
        node = best = nxt
    if best is None:
        return None
    return best.start_mark.line + 1, best.start_mark.column + 1


def _is_last(step: object, path: tuple[object, ...]) -> bool:
    return path[-1] is step


class _Dumper(_BaseDumper):  # type: ignore[misc]
    # Quote exactly what the loader would not read back as text.
    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    def ignore_aliases(self, data: Any) -> bool:
        # No anchors: the text must not depend on which values share an object
        # (extension values given as one dict to several entities).
        return True


def _represent_str(dumper: Any, value: str) -> Any:
    # Multi-line text (a source's text, a long quote) reads best as a block.
    style = "|" if "\n" in value and value == value.strip(" ") and "\r" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dumps(data: Any) -> str:
    """Write plain data as YAML, in the order given, deterministically."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


# -- reading and writing records ---------------------------------------------------


def read_entities(stream: IO[bytes], reading: Reading) -> Iterator[Item]:
    """The entities of a YAML document, read whole, with the problems between them."""
    file = reading.file
    text = _decode(stream.read(), file)
    document = loads(text, file=file)

    # The document is composed once, on the first problem, for all of them.
    locate = Places(text)

    if type(document) is not dict:
        where = locate(())
        yield [
            Problem(
                code="not-a-record",
                message="a record is a mapping with 'communique' and 'entities'",
                file=file,
                line=where[0] if where else None,
                column=where[1] if where else None,
            )
        ]
        return
    if top := record_problems(document, file, locate):
        yield top
    items = document.get("entities")
    if type(items) is list:
        yield from document_items(items, reading.converter, locate, file)


def _decode(data: bytes, file: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = position(data, exc.start)
        raise ParseError(
            [
                Problem(
                    code="invalid-utf8",
                    message=f"not valid UTF-8: byte 0x{data[exc.start]:02x}",
                    file=file,
                    line=line,
                    column=column,
                )
            ]
        ) from None


def place_problems(text: Callable[[], bytes | None], requests: Sequence[Request]) -> list[Where]:
    """Where the problems of entities of a document are written: the document is
    composed once for all of them."""
    data = text()
    if data is None:
        return [None] * len(requests)
    try:
        root = compose(data.decode("utf-8"))
    except (UnicodeDecodeError, YAMLError):
        return [None] * len(requests)
    return [place_in(root, ("entities", index, *steps)) for steps, _, index in requests]


def write_entities(
    put: Callable[[bytes], object], entities: Iterable[Entity], conv: Converter
) -> None:
    """Write entities as one document, all at once at the end."""
    document = {
        "communique": FORMAT_VERSION,
        "entities": [conv.unstructure_entity(e) for e in entities],
    }
    put(dumps(document).encode("utf-8"))


FORMAT: Final = FileFormat(
    name="yaml",
    suffixes=(".yaml", ".yml"),
    read=read_entities,
    write=write_entities,
    place=place_problems,
)
