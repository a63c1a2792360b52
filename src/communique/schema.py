"""The JSON Schema of the communique format, derived from the model.

Nothing here restates a field: the schema is built from the attrs fields and
type hints of every class in a :class:`~communique.Registry`, the vocabularies'
declared terms and the patterns the model's validators check. A downstream
class registered under its own tag is described as soon as it is registered.

>>> import communique as cq
>>> schema = cq.json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["$defs"]["type:event"]["properties"]["type"]
{'const': 'event'}
"""

from __future__ import annotations

import enum
import re
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final, Union

import attrs

from ._numbers import INT_MAX, INT_MIN
from .converter import FORMAT_VERSION
from .dates import ANCHOR_ID_PATTERN, OFFSET_PATTERN, Date
from .model import (
    EXTENSION_KEY_PATTERN,
    ID_PATTERN,
    IDENTIFIER_SCHEMES,
    Check,
    Entity,
    Identifier,
    JsonValue,
)
from .model._convert import keeps
from .registry import Registry, default_registry
from .vocab import Term

__all__ = ["json_schema"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


def _anchored(pattern: re.Pattern[str]) -> str:
    # JSON Schema patterns search rather than match.
    return f"^(?:{pattern.pattern})$"


def _keywords(check: object) -> dict[str, JsonValue]:
    """What a field validator checks, as schema keywords: the pattern or the
    minimum it declares (see :class:`~communique.model.Check`)."""
    out: dict[str, JsonValue] = {}
    if isinstance(check, Check):
        if check.pattern is not None:
            out["pattern"] = _anchored(check.pattern)
        if check.minimum is not None:
            out["minimum"] = check.minimum
    return out


def _identifier_rules() -> list[JsonValue]:
    """One rule per known identifier scheme: a value of that scheme has its shape."""
    return [
        {
            "if": {"properties": {"scheme": {"const": scheme}}, "required": ["scheme"]},
            "then": {"properties": {"value": {"pattern": _anchored(shape)}}},
        }
        for scheme, shape in IDENTIFIER_SCHEMES.items()
    ]


# EDTF has many forms (intervals, sets, seasons, long years); the schema admits
# its alphabet and leaves the grammar to the loader, which names the error.
_EDTF_ALPHABET: Final = r"^[-+0-9XYESTZ:./?~%\[\]{},^]+$"
_TAG: Final = r"^[a-z][a-z0-9_-]*(?::[a-z][a-z0-9_-]*)?$"
_DECIMAL: Final = r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$"


def json_schema(registry: Registry | None = None) -> dict[str, JsonValue]:
    """The JSON Schema (draft 2020-12) of a record document, self-contained.

    Every class registered in ``registry`` (the default registry unless given),
    downstream ones included, is a branch of the ``oneOf`` that entities are
    checked against, chosen by its ``"type"``. Fields are closed
    (``additionalProperties: false``) except namespaced extension keys
    (``"x-project:name"``).

    >>> import jsonschema, communique as cq
    >>> doc = {"communique": cq.FORMAT_VERSION, "entities": [
    ...     {"type": "person", "id": "person:vladimir-norov", "name": "Vladimir Norov"}]}
    >>> jsonschema.Draft202012Validator(cq.json_schema()).is_valid(doc)
    True
    >>> doc["entities"][0]["nmae"] = "typo"
    >>> jsonschema.Draft202012Validator(cq.json_schema()).is_valid(doc)
    False
    """
    builder = _Builder()
    branches: list[JsonValue] = []
    known = registry if registry is not None else default_registry
    for tag, cls in known:
        branches.append({"$ref": f"#/$defs/type:{tag}"})
        builder.defs[f"type:{tag}"] = builder.entity(cls, tag, known.bases_of(cls))
    builder.defs["Entity"] = {
        "description": "One entity of a record, tagged by its 'type'.",
        "type": "object",
        "required": ["type"],
        "oneOf": branches,
    }
    schema: dict[str, JsonValue] = {
        "$schema": DIALECT,
        "title": "communique record",
        "description": "A record of diplomatic and institutional activity: a format version "
        "and a list of entities that refer to each other by id.",
        "type": "object",
        "required": ["communique", "entities"],
        "additionalProperties": False,
        "properties": {
            "communique": {"const": FORMAT_VERSION},
            "entities": {"type": "array", "items": {"$ref": "#/$defs/Entity"}},
        },
        "$defs": dict(sorted(builder.defs.items())),
    }
    return schema


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, JsonValue] = {}
        self._names: dict[type, str] = {}

    def entity(self, cls: type[Entity], tag: str, bases: list[str]) -> dict[str, JsonValue]:
        out = self.closed_object(cls, skip=("extensions",))
        properties = out["properties"]
        assert isinstance(properties, dict)
        head: dict[str, JsonValue] = {"type": {"const": tag}}
        if bases:
            # What a reader that does not know the type can read it as: the
            # registered ancestors' tags, one as text or several as a list.
            one: JsonValue = {"type": "string", "pattern": _TAG}
            head["base"] = {
                "description": f"the tags {cls.__name__} derives from: {', '.join(bases)}",
                "anyOf": [one, {"type": "array", "items": one, "minItems": 1}],
            }
        out["properties"] = {**head, **properties}
        required = out["required"]
        assert isinstance(required, list)
        out["required"] = ["type", *required]
        out["patternProperties"] = {_anchored(EXTENSION_KEY_PATTERN): {}}
        return out

    def closed_object(self, cls: type, skip: tuple[str, ...] = ()) -> dict[str, JsonValue]:
        properties: dict[str, JsonValue] = {}
        required: list[JsonValue] = []
        for a in attrs.fields(attrs.resolve_types(cls)):
            if a.name in skip or not a.init:
                continue
            prop = self.field(a, cls)
            properties[a.name] = prop
            if a.default is attrs.NOTHING:
                required.append(a.name)
        out: dict[str, JsonValue] = {"type": "object"}
        doc = _first_line(cls.__doc__)
        if doc:
            out["description"] = doc
        out["properties"] = properties
        out["required"] = required
        out["additionalProperties"] = False
        return out

    def field(self, a: attrs.Attribute[Any], owner: type) -> JsonValue:
        schema = self.of_hint(a.type, f"{owner.__qualname__}.{a.name}")
        extra: dict[str, JsonValue] = {}
        for check in _validators(a.validator):
            extra.update(_keywords(check))
        kept = keeps(a.converter)
        if kept is not None and kept.nonempty:
            extra["minItems"] = 1
        targets = a.metadata.get("refs")
        if targets:
            extra["description"] = "id of an entity of class " + " or ".join(targets)
            extra["pattern"] = _anchored(ID_PATTERN)
        if not extra:
            return schema
        refined = _refine(schema, extra)
        if a.metadata.get("nonempty") and isinstance(refined, dict):
            refined["minItems"] = 1
        return refined

    def of_hint(self, hint: object, where: str) -> JsonValue:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if hint is type(None):
            return {"type": "null"}
        if origin in (Union, types.UnionType):
            return {"anyOf": [self.of_hint(arg, where) for arg in args]}
        if origin is tuple:
            items = [arg for arg in args if arg is not Ellipsis]
            if len(items) != 1:
                raise TypeError(f"{where}: only homogeneous tuples can be described")
            return {"type": "array", "items": self.of_hint(items[0], where)}
        if hint is JsonValue:
            return {}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX}
        if hint is float:
            return {"type": "number"}
        if hint is str:
            return {"type": "string"}
        if isinstance(hint, type):
            return {"$ref": f"#/$defs/{self.named(hint, where)}"}
        raise TypeError(f"{where}: the schema cannot describe the type {hint!r}")

    def named(self, cls: type, where: str) -> str:
        """The name of the shared definition of a class, made on first use."""
        known = self._names.get(cls)
        if known is not None:
            return known
        name = cls.__name__
        if name in self.defs:  # two classes of one name: qualify the newcomer
            name = f"{cls.__module__}.{cls.__qualname__}"
        self._names[cls] = name
        self.defs[name] = {}  # reserved first: value classes may refer to themselves
        self.defs[name] = self.definition(cls, where)
        return name

    def definition(self, cls: type, where: str) -> JsonValue:
        if cls is Date:
            mapping = self.closed_object(Date)
            mapping["description"] = "A date with how it was worked out (inferred dates)."
            fields = mapping["properties"]
            assert isinstance(fields, dict)
            fields["edtf"] = {"type": "string", "pattern": _EDTF_ALPHABET}
            fields["offset"] = {
                "type": "string",
                "pattern": f"^{OFFSET_PATTERN.pattern}$",
                "description": "An ISO 8601 duration from the anchor (P1M, -P1D).",
            }
            fields["relative_to"] = {
                "type": "string",
                "pattern": f"^{ANCHOR_ID_PATTERN.pattern}$",
                "description": "The id of the source or event the date is relative to.",
            }
            return {
                "description": _first_line(Date.__doc__),
                "oneOf": [
                    {"type": "string", "pattern": _EDTF_ALPHABET, "description": "EDTF text"},
                    _refine(mapping, {}),
                ],
            }
        if cls is Decimal:
            return {
                "description": 'An exact amount: a decimal string ("1250000.50") or an integer.',
                "anyOf": [
                    {"type": "string", "pattern": _DECIMAL},
                    {"type": "integer"},
                ],
            }
        if issubclass(cls, Term):
            return {
                "description": _first_line(cls.__doc__),
                "type": "string",
                "enum": [str(t) for t in cls.terms()],
            }
        if issubclass(cls, enum.Enum):
            return {
                "description": _first_line(cls.__doc__),
                "type": "string",
                "enum": [str(m.value) for m in cls],
            }
        if attrs.has(cls) and issubclass(cls, Identifier):
            return {**self.closed_object(cls), "allOf": _identifier_rules()}
        if attrs.has(cls) and not issubclass(cls, Entity):
            # What a value class requires across its fields (a range gives low and
            # high), as it declares in JSON Schema beside its own checks.
            rules: Mapping[str, JsonValue] = getattr(cls, "json_schema_rules", {})
            return {**self.closed_object(cls), **rules}
        raise TypeError(f"{where}: the schema cannot describe the type {cls.__qualname__}")


def _refine(schema: JsonValue, extra: Mapping[str, JsonValue]) -> JsonValue:
    """Add keywords to a field's schema, reaching into arrays and optionals."""
    if not isinstance(schema, dict):
        return schema
    if schema.get("type") == "array" and "minItems" not in extra:
        return {**schema, "items": _refine(schema["items"], extra)}
    if schema.get("type") == "array":
        return {**schema, **extra}
    branches = schema.get("anyOf")
    if isinstance(branches, list):
        return {
            "anyOf": [
                b if isinstance(b, dict) and b.get("type") == "null" else _refine(b, extra)
                for b in branches
            ]
        }
    if "$ref" in schema:
        return {"allOf": [schema], **extra}
    return {**schema, **extra}


def _validators(validator: object) -> list[object]:
    """The plain functions inside an attrs validator (``and_``, ``optional``...)."""
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None) or getattr(validator, "validators", None)
    if isinstance(inner, tuple):
        return [v for sub in inner for v in _validators(sub)]
    wrapped = getattr(validator, "validator", None)
    if wrapped is not None:
        return _validators(wrapped)
    return [validator]


def _first_line(doc: str | None) -> str:
    return doc.strip().split("\n\n")[0].replace("\n", " ") if doc else ""
