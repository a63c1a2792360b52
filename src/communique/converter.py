"""The one converter: every rule for turning data into the model and back.

Data here means plain Python values as parsed from JSON or YAML (dicts, lists,
strings, numbers, booleans, ``None``). The rules:

- entities are tagged by ``"type"``; the tag is looked up in a
  :class:`~communique.registry.Registry` when structuring, so subclasses
  registered later are found;
- unknown fields are an error, and so is a value of the wrong type: no text is
  turned into a number, no number into text, no ``None`` into ``"None"``;
- a list is required where the model has a sequence (a string is not a list of
  its characters);
- vocabulary terms and enums are written as their text value, dates as EDTF
  text (or a mapping when inferred), money amounts as decimal strings;
- fields left at their default are not written; extension values
  (``"x-project:name"``) are written as keys of the entity, after its fields.
"""

from __future__ import annotations

import enum
import math
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .dates import Date, DateError
from .errors import FieldError, Problem
from .model import Entity
from .model._base import JsonValue
from .registry import Registry, default_registry
from .vocab import Term

__all__ = ["FORMAT_VERSION", "Converter", "EntityError", "default_converter"]

#: The version of the file format written in ``{"communique": ...}``.
FORMAT_VERSION: Final = "1.0"

E = TypeVar("E", bound=Entity)

_BASE_FIELDS: Final = ("identifiers", "evidence", "note")
_MAX_INT: Final = 2**63 - 1


class EntityError(Exception):
    """The problems found while structuring one entity (paths relative to it)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.path}: {p.message}" for p in problems))
        self.problems = problems


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class _Mismatch(TypeError):
    def __init__(self, expected: str, value: object) -> None:
        super().__init__(f"expected {expected}, found {_type_name(value)}")
        self.expected = expected
        self.found = _type_name(value)


def _strict_str(value: object, _: object) -> str:
    if type(value) is str:
        return value
    raise _Mismatch("text", value)


def _strict_int(value: object, _: object) -> int:
    if type(value) is int:
        if -_MAX_INT - 1 <= value <= _MAX_INT:
            return value
        raise ValueError(f"integer {value} does not fit in 64 bits")
    raise _Mismatch("an integer", value)


def _strict_float(value: object, _: object) -> float:
    if type(value) is float or type(value) is int:
        return float(value)
    raise _Mismatch("a number", value)


def _strict_bool(value: object, _: object) -> bool:
    if type(value) is bool:
        return value
    raise _Mismatch("true or false", value)


def _structure_decimal(value: object, _: object) -> Decimal:
    # Amounts are exact: a decimal string, or an integer; never a binary float.
    if type(value) is int:
        return Decimal(value)
    if type(value) is str:
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a decimal amount") from None
        if amount.is_finite():
            return amount
        raise ValueError(f"{value!r} is not a finite amount")
    raise _Mismatch('a decimal amount as text ("1250000.50")', value)


def _unstructure_decimal(value: Decimal) -> str:
    return str(value)


_DATE_KEYS: Final = frozenset(("edtf", "inferred", "phrase", "basis"))


def _structure_date(value: object, _: object) -> Date:
    try:
        if type(value) is str:
            return Date(value)
        if type(value) is dict:
            extra = value.keys() - _DATE_KEYS
            if extra:
                raise ValueError(
                    f"unknown field {sorted(extra)[0]!r} in a date; "
                    "a date has edtf, inferred, phrase and basis"
                )
            if "edtf" not in value:
                raise ValueError("a date written as a mapping needs 'edtf'")
            return Date(
                _strict_str(value["edtf"], None),
                inferred=_strict_bool(value.get("inferred", False), None),
                phrase=_optional_str(value.get("phrase")),
                basis=_optional_str(value.get("basis")),
            )
    except DateError as exc:
        raise ValueError(str(exc)) from None
    raise _Mismatch("an EDTF date as text (\"2020-03-04\") or a mapping with 'edtf'", value)


def _optional_str(value: object) -> str | None:
    return None if value is None else _strict_str(value, None)


def _unstructure_date(value: Date) -> str | dict[str, object]:
    if not value.inferred and value.phrase is None and value.basis is None:
        return value.edtf
    out: dict[str, object] = {"edtf": value.edtf}
    if value.inferred:
        out["inferred"] = True
    if value.phrase is not None:
        out["phrase"] = value.phrase
    if value.basis is not None:
        out["basis"] = value.basis
    return out


def _check_json(value: object, depth: int = 0) -> JsonValue:
    if depth > 64:
        raise ValueError("extension value is nested too deeply")
    if type(value) is int and not -_MAX_INT - 1 <= value <= _MAX_INT:
        # JSON writers and readers disagree beyond 64 bits (orjson refuses to write
        # such an integer and reads one back as a float): refuse it on the way in.
        raise ValueError(f"integer {value} does not fit in 64 bits")
    if type(value) is float and not math.isfinite(value):
        # NaN is not equal to itself and JSON has no infinity: neither round-trips.
        raise ValueError(f"{value} is not a finite number")
    if value is None or type(value) in (str, bool, int, float):
        return typing.cast(JsonValue, value)
    if type(value) is list:
        return [_check_json(v, depth + 1) for v in value]
    if type(value) is dict:
        out: dict[str, JsonValue] = {}
        for k, v in value.items():
            if type(k) is not str:
                raise _Mismatch("text keys", k)
            out[k] = _check_json(v, depth + 1)
        return out
    raise _Mismatch("a JSON value", value)


def _canonical(value: JsonValue) -> JsonValue:
    """The extension value with its mappings' keys sorted: mappings that compare
    equal must be written the same, whatever order they were built in."""
    if type(value) is dict:
        return {k: _canonical(value[k]) for k in sorted(value)}
    if type(value) is list:
        return [_canonical(v) for v in value]
    return value


class Converter:
    """Structures data into the model and unstructures it back, over a registry.

    >>> from communique.converter import default_converter
    >>> person = default_converter.structure_entity(
    ...     {"type": "person", "id": "person:vladimir-norov", "name": "Vladimir Norov"})
    >>> default_converter.unstructure_entity(person)
    {'type': 'person', 'id': 'person:vladimir-norov', 'name': 'Vladimir Norov'}
    """

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry if registry is not None else default_registry
        c = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=True)
        c.register_structure_hook(str, _strict_str)
        c.register_structure_hook(int, _strict_int)
        c.register_structure_hook(float, _strict_float)
        c.register_structure_hook(bool, _strict_bool)
        c.register_structure_hook(Decimal, _structure_decimal)
        c.register_unstructure_hook(Decimal, _unstructure_decimal)
        c.register_structure_hook(Date, _structure_date)
        c.register_unstructure_hook(Date, _unstructure_date)
        c.register_structure_hook(Term, _structure_term)
        c.register_unstructure_hook(Term, str.__str__)
        c.register_structure_hook_func(_is_enum, _structure_enum)
        c.register_structure_hook_factory(_is_tuple, self._make_tuple_hook)
        c.register_structure_hook_factory(_is_value_class, self._make_value_structure)
        c.register_unstructure_hook_factory(_is_value_class, self._make_value_unstructure)
        c.register_structure_hook_factory(_is_entity_class, self._make_entity_structure)
        c.register_unstructure_hook_factory(_is_entity_class, self._make_entity_unstructure)
        self._cattrs = c

    def _make_tuple_hook(self, cl: Any) -> Callable[[object, object], tuple[object, ...]]:
        (item,) = [a for a in typing.get_args(cl) if a is not Ellipsis]
        handler = self._cattrs.get_structure_hook(item)

        def structure_tuple(value: object, _: object) -> tuple[object, ...]:
            if type(value) is not list and type(value) is not tuple:
                raise _Mismatch("a list", value)
            out: list[object] = []
            errors: list[Exception] = []
            for index, element in enumerate(value):
                try:
                    out.append(handler(element, item))
                except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
                    exc.__notes__ = [*getattr(exc, "__notes__", []), _Index(index)]  # type: ignore[attr-defined]
                    errors.append(exc)
            if errors:
                raise IterableValidationError("invalid items", errors, cl)
            return tuple(out)

        return structure_tuple

    def _make_value_structure(self, cls: type) -> Callable[[Any, Any], Any]:
        return make_dict_structure_fn(
            attrs.resolve_types(cls),
            self._cattrs,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=True,
        )

    def _make_value_unstructure(self, cls: type) -> Callable[[Any], Any]:
        return make_dict_unstructure_fn(
            attrs.resolve_types(cls), self._cattrs, _cattrs_omit_if_default=True
        )

    def _make_entity_structure(
        self, cls: type[Entity]
    ) -> Callable[[Mapping[str, object], object], Entity]:
        generated = make_dict_structure_fn(
            attrs.resolve_types(cls),
            self._cattrs,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=True,
            extensions=override(omit=True),
        )
        names = frozenset(a.name for a in attrs.fields(cls)) - {"extensions"}

        def structure(value: Mapping[str, object], _: object) -> Entity:
            if type(value) is not dict:
                raise _Mismatch("a mapping", value)
            data: dict[str, object] = {}
            extensions: dict[str, JsonValue] = {}
            unknown: list[str] = []
            for key, item in value.items():
                if key in names:
                    data[key] = item
                elif key == "type":
                    continue
                elif type(key) is str and key.startswith("x-"):
                    try:
                        extensions[key] = _check_json(item)
                    except (ValueError, TypeError) as exc:
                        # Named by its key, so that the error's path points at it.
                        raise FieldError(key, str(exc)) from None
                else:
                    unknown.append(str(key))
            try:
                entity = generated(data, cls)
            except ClassValidationError as exc:
                if unknown:
                    extra = ForbiddenExtraKeysError(None, cls, set(unknown))
                    raise ClassValidationError(exc.message, [extra, *exc.exceptions], cls) from None
                raise
            if unknown:
                raise ForbiddenExtraKeysError(None, cls, set(unknown))
            if extensions:
                # Set after the fact: the generated function does not know the
                # field, which is gathered from keys of the entity itself.
                return attrs.evolve(entity, extensions=extensions)
            return entity

        return structure

    def _make_entity_unstructure(self, cls: type[Entity]) -> Callable[[Entity], dict[str, object]]:
        generated = make_dict_unstructure_fn(
            attrs.resolve_types(cls),
            self._cattrs,
            _cattrs_omit_if_default=True,
            extensions=override(omit=True),
        )
        names = [a.name for a in attrs.fields(cls)]
        order = ["id"] + [n for n in names if n not in ("id", "extensions", *_BASE_FIELDS)]
        order += list(_BASE_FIELDS)

        def unstructure(entity: Entity) -> dict[str, object]:
            data = generated(entity)
            out: dict[str, object] = {"type": type(entity).tag}
            for name in order:
                if name in data:
                    out[name] = data[name]
            for key in sorted(entity.extensions):
                out[key] = _canonical(entity.extensions[key])
            return out

        return unstructure

    # -- entities -------------------------------------------------------------

    def entity_class(self, data: object) -> type[Entity]:
        """The registered class for the ``"type"`` tag of ``data``."""
        if type(data) is not dict:
            raise EntityError(
                [
                    Problem(
                        code="wrong-type",
                        message=f"an entity must be a mapping, found {_type_name(data)}",
                        expected="a mapping",
                        found=_type_name(data),
                    )
                ]
            )
        tag = data.get("type")
        cls = self.registry.get(tag) if type(tag) is str else None
        if cls is None:
            known = ", ".join(self.registry.tags())
            if "type" not in data:
                message = f"the entity has no 'type'; registered types: {known}"
            else:
                message = f"unknown type {tag!r}; registered types: {known}"
            raise EntityError(
                [
                    Problem(
                        code="unknown-type",
                        message=message,
                        path="$.type",
                        entity=_entity_id(data),
                        expected="a registered type tag",
                        found=repr(tag),
                    )
                ]
            )
        return cls

    def structure_entity(self, data: object, cls: type[E] | None = None) -> Entity:
        """Turn one entity's data into its model object; raises :class:`EntityError`."""
        target = cls if cls is not None else self.entity_class(data)
        try:
            return self._cattrs.structure(data, target)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
            raise EntityError(_problems(exc, "$", _entity_id(data))) from None

    def unstructure_entity(self, entity: Entity) -> dict[str, Any]:
        """Turn one entity into plain data, ready for JSON or YAML."""
        return typing.cast(dict[str, Any], self._cattrs.unstructure(entity, type(entity)))

    def structure(self, data: object, cls: type[E]) -> E:
        """Structure a value of any model type (an entity, a date, a participation...)."""
        try:
            return self._cattrs.structure(data, cls)
        except Exception as exc:  # noqa: BLE001
            raise EntityError(_problems(exc, "$", None)) from None

    def unstructure(self, value: object) -> Any:
        """Unstructure a value of any model type."""
        return self._cattrs.unstructure(value)


class _Index:
    """A note on an exception saying which list element it came from."""

    def __init__(self, index: int) -> None:
        self.index = index


def _structure_term(value: object, cls: type[Term]) -> Term:
    if type(value) is not str and not isinstance(value, Term):
        raise _Mismatch(f"a {cls.noun} as text", value)
    return cls(value)


def _is_enum(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    allowed = [str(m.value) for m in cls]
    if type(value) is not str:
        raise _Mismatch(f"one of {', '.join(allowed)}", value)
    try:
        return cls(value)
    except ValueError:
        raise ValueError(f"{value!r} is not one of {', '.join(allowed)}") from None


def _is_tuple(t: object) -> bool:
    return typing.get_origin(t) is tuple


def _is_value_class(t: object) -> bool:
    """The attrs classes entities are made of (participations, posts, dates...)."""
    return isinstance(t, type) and attrs.has(t) and not issubclass(t, Entity) and t is not Date


def _is_entity_class(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, Entity)


def _entity_id(data: object) -> str | None:
    if type(data) is dict:
        value = data.get("id")
        if type(value) is str:
            return value
    return None


def _problems(exc: BaseException, path: str, entity: str | None) -> list[Problem]:
    """Flatten a cattrs exception tree into located problems."""
    out: list[Problem] = []
    _walk(exc, path, entity, out)
    return out


def _walk(exc: BaseException, path: str, entity: str | None, out: list[Problem]) -> None:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        for sub in exc.exceptions:
            _walk(sub, _note_path(sub, path), entity, out)
        return
    if isinstance(exc, ForbiddenExtraKeysError):
        fields = sorted(exc.extra_fields)
        for name in fields:
            out.append(
                Problem(
                    code="unknown-field",
                    message=f"unknown field {name!r} for {_describe(exc.cl)}",
                    path=f"{path}.{name}",
                    entity=entity,
                    found=name,
                )
            )
        return
    if isinstance(exc, KeyError):
        out.append(
            Problem(
                code="missing-field",
                message="required field missing",
                path=path,
                entity=entity,
            )
        )
        return
    if isinstance(exc, _Mismatch):
        out.append(
            Problem(
                code="wrong-type",
                message=str(exc),
                path=path,
                entity=entity,
                expected=exc.expected,
                found=exc.found,
            )
        )
        return
    if isinstance(exc, FieldError):
        out.append(
            Problem(
                code="invalid-value", message=str(exc), path=f"{path}.{exc.field}", entity=entity
            )
        )
        return
    if isinstance(exc, EntityError):
        out.extend(p.located(path=path + p.path[1:], entity=entity) for p in exc.problems)
        return
    if isinstance(exc, (ValueError, TypeError)):
        out.append(Problem(code="invalid-value", message=str(exc), path=path, entity=entity))
        return
    if isinstance(exc, RecursionError):
        out.append(
            Problem(
                code="too-deep", message="the value is nested too deeply", path=path, entity=entity
            )
        )
        return
    out.append(
        Problem(
            code="invalid-value",
            message=f"{type(exc).__name__}: {exc}",
            path=path,
            entity=entity,
        )
    )


def _note_path(exc: BaseException, path: str) -> str:
    for note in getattr(exc, "__notes__", ()):
        name = getattr(note, "name", None)
        if isinstance(name, str):
            return f"{path}.{name}"
        index = getattr(note, "index", None)
        if isinstance(index, int):
            return f"{path}[{index}]"
    return path


def _describe(cls: type) -> str:
    tag = getattr(cls, "tag", None)
    if isinstance(cls, type) and issubclass(cls, Entity) and isinstance(tag, str):
        return f"type {tag!r}"
    return cls.__name__


def structure_each(
    converter: Converter, items: Iterable[object]
) -> tuple[list[Entity], list[tuple[int, EntityError]]]:
    """Structure many entities, keeping the good ones and the errors of the bad."""
    good: list[Entity] = []
    bad: list[tuple[int, EntityError]] = []
    for index, item in enumerate(items):
        try:
            good.append(converter.structure_entity(item))
        except EntityError as exc:
            bad.append((index, exc))
    return good, bad


default_converter: Final = Converter()
