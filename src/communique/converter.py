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
  (``"x-project:name"``) are written as keys of the entity, after its fields;
- a downstream type is written with ``"base"``: the tags of the registered
  classes it derives from, nearest first, down to the library's own
  (:meth:`Registry.bases_of <communique.registry.Registry.bases_of>`), one tag as
  text, several as a list. A converter made with ``unknown_types="base"`` reads
  a type it does not know as the first of those it knows, keeps the rest under
  :data:`~communique.extension.ORIGINAL` and writes the document back as it was
  read; it also keeps namespaced vocabulary terms it does not know.
"""

from __future__ import annotations

import enum
import math
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._fast import Unwritable, make_json_unstructure, make_structure
from ._numbers import INT_MAX, INT_MIN
from ._shown import LIMIT, shown
from ._suggest import close_names
from ._written import field_condition, refusal, writable
from .dates import Date, DateError
from .errors import FieldError, Problem
from .extension import ORIGINAL, RESERVED_PREFIX
from .model import Entity
from .model._base import JsonValue
from .model.money import amount_of
from .registry import Registry, default_registry
from .vocab import Term

if TYPE_CHECKING:
    from ._mirror import EntityDecoder, Mirrors

__all__ = ["FORMAT_VERSION", "Converter", "EntityError", "UnknownTypes", "default_converter"]

#: The version of the file format written in ``{"communique": ...}``.
FORMAT_VERSION: Final = "1.0"

#: How a problem of an unknown type says to read it as its base, in Python's words
#: (the command line says it with its own option).
AS_BASE: Final = "Converter(unknown_types='base')"

E = TypeVar("E", bound=Entity)

#: What a converter does with a type tag it does not know: ``"error"`` reports
#: it; ``"base"`` reads it as the first registered class its ``"base"`` names.
UnknownTypes = Literal["error", "base"]

_BASE_FIELDS: Final = ("identifiers", "evidence", "note", "replaces", "disputes")


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
        if INT_MIN <= value <= INT_MAX:
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
        return amount_of(value)
    raise _Mismatch('a decimal amount as text ("1250000.50")', value)


def _unstructure_decimal(value: Decimal) -> str:
    return str(value)


_DATE_KEYS: Final = frozenset(("edtf", "inferred", "phrase", "basis", "relative_to", "offset"))
# Dates are immutable and corpora repeat them: one instance per text serves them all.
_DATES: Final[dict[str, Date]] = {}
_MAX_DATES: Final = 65536


def _structure_date(value: object, _: object) -> Date:
    try:
        if type(value) is str:
            date = _DATES.get(value)
            if date is None:
                date = Date(value)
                if len(_DATES) < _MAX_DATES:
                    _DATES[value] = date
            return date
        if type(value) is dict:
            extra = value.keys() - _DATE_KEYS
            if extra:
                raise ValueError(
                    f"unknown field {sorted(extra)[0]!r} in a date; "
                    "a date has edtf, inferred, phrase, basis, relative_to and offset"
                )
            if "edtf" not in value:
                raise ValueError("a date written as a mapping needs 'edtf'")
            return Date(
                _strict_str(value["edtf"], None),
                inferred=_strict_bool(value.get("inferred", False), None),
                phrase=_optional_str(value.get("phrase")),
                basis=_optional_str(value.get("basis")),
                relative_to=_optional_str(value.get("relative_to")),
                offset=_optional_str(value.get("offset")),
            )
    except DateError as exc:
        raise ValueError(str(exc)) from None
    raise _Mismatch("an EDTF date as text (\"2020-03-04\") or a mapping with 'edtf'", value)


def _optional_str(value: object) -> str | None:
    return None if value is None else _strict_str(value, None)


def _unstructure_date(value: Date) -> str | dict[str, object]:
    if not value.inferred and value.phrase is None and value.basis is None:
        return value.edtf  # a relative date is inferred, so it is never written as text
    out: dict[str, object] = {"edtf": value.edtf}
    if value.inferred:
        out["inferred"] = True
    if value.phrase is not None:
        out["phrase"] = value.phrase
    if value.basis is not None:
        out["basis"] = value.basis
    if value.relative_to is not None:
        out["relative_to"] = value.relative_to
    if value.offset is not None:
        out["offset"] = value.offset
    return out


def _check_json(value: object, depth: int = 0) -> JsonValue:
    # Only what every format writes back exactly: no NaN or infinity (JSON has
    # none), no integer beyond 64 bits (JSON tools disagree on them).
    if depth > 64:
        raise ValueError("extension value is nested too deeply")
    if value is None or type(value) in (str, bool):
        return typing.cast(JsonValue, value)
    if type(value) is int:
        return _strict_int(value, None)
    if type(value) is float:
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a number JSON can carry")
        return value
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

    ``registry`` says which class each type tag stands for (the library's
    :data:`~communique.default_registry` unless given; downstream code passes a
    :meth:`~communique.Registry.child` holding its own types). ``unknown_types``
    says what to do with a tag the registry does not know: ``"error"``, or
    ``"base"`` to read it as the closest registered class its ``"base"`` names
    and write it back unchanged.

    >>> from communique.converter import default_converter
    >>> person = default_converter.structure_entity(
    ...     {"type": "person", "id": "person:vladimir-norov", "name": "Vladimir Norov"})
    >>> default_converter.unstructure_entity(person)
    {'type': 'person', 'id': 'person:vladimir-norov', 'name': 'Vladimir Norov'}
    """

    def __init__(
        self, registry: Registry | None = None, *, unknown_types: UnknownTypes = "error"
    ) -> None:
        if unknown_types not in ("error", "base"):
            raise ValueError(f"unknown_types must be 'error' or 'base', not {unknown_types!r}")
        self.registry = registry if registry is not None else default_registry
        self.unknown_types: UnknownTypes = unknown_types
        self._cattrs = self._make_cattrs(detailed=True)
        c = self._cattrs
        c.register_unstructure_hook(Decimal, _unstructure_decimal)
        c.register_unstructure_hook(Date, _unstructure_date)
        c.register_unstructure_hook(Term, str.__str__)
        c.register_unstructure_hook_factory(_is_value_class, self._make_value_unstructure)
        c.register_unstructure_hook_factory(_is_entity_class, self._make_entity_unstructure)
        # The same rules without cattrs' detailed validation, which costs more than
        # the structuring itself. Data is structured by it first; only data it
        # refuses is structured again by the detailed converter, whose errors carry
        # the path of every problem. Both share every hook, so they accept the same.
        self._fast = self._make_cattrs(detailed=False)
        self._fast_hooks: dict[type, Callable[[Any, Any], Any]] = {}
        # The fast function and class of each registered tag met so far.
        self._by_tag: dict[str, tuple[Callable[[Any, Any], Any], type[Entity]]] = {}
        self._json_fns: dict[type, Callable[[Any], dict[str, Any]]] = {}
        # The value classes whose functions in _json_fns test what they write.
        self._json_checked: set[type] = set()
        # JSON decoded straight into the model (see entity_decoder), for the
        # registry as it was when last asked (registries only grow).
        self._mirrors: Mirrors | None = None
        self._decoder: tuple[int, EntityDecoder] | None = None

    def _make_cattrs(self, *, detailed: bool) -> cattrs.Converter:
        c = cattrs.Converter(
            forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed
        )
        c.register_structure_hook(str, _strict_str)
        c.register_structure_hook(int, _strict_int)
        c.register_structure_hook(float, _strict_float)
        c.register_structure_hook(bool, _strict_bool)
        c.register_structure_hook(Decimal, _structure_decimal)
        c.register_structure_hook(Date, _structure_date)
        # By class, not by predicate: the hook for str would otherwise catch terms.
        c.register_structure_hook(Term, self._structure_term)
        c.register_structure_hook_factory(_is_enum, _make_enum_structure)
        c.register_structure_hook_factory(_is_optional, lambda t: _make_optional(t, c))
        c.register_structure_hook_factory(
            _is_tuple, lambda t: self._make_tuple_hook(t, c, detailed=detailed)
        )
        c.register_structure_hook_factory(
            _is_value_class, lambda t: self._make_value_structure(t, c, detailed=detailed)
        )
        c.register_structure_hook_factory(
            _is_entity_class, lambda t: self._make_entity_structure(t, c, detailed=detailed)
        )
        return c

    def _make_tuple_hook(
        self, cl: Any, c: cattrs.Converter, *, detailed: bool
    ) -> Callable[[object, object], tuple[object, ...]]:
        (item,) = [a for a in typing.get_args(cl) if a is not Ellipsis]
        handler = c.get_structure_hook(item)

        if not detailed:
            if item is str:

                def structure_texts(value: object, _: object) -> tuple[object, ...]:
                    if type(value) is list and all(type(v) is str for v in value):
                        return tuple(value)
                    raise _Mismatch("a list of text", value)

                return structure_texts

            def structure_fast(value: object, _: object) -> tuple[object, ...]:
                if type(value) is not list and type(value) is not tuple:
                    raise _Mismatch("a list", value)
                return tuple([handler(element, item) for element in value])

            return structure_fast

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

    def _make_value_structure(
        self, cls: type, c: cattrs.Converter, *, detailed: bool
    ) -> Callable[[Any, Any], Any]:
        if not detailed:
            try:
                return make_structure(cls, c.get_structure_hook, _known_values)
            except TypeError:  # a default the generator does not write: cattrs' function
                pass
        return make_dict_structure_fn(
            attrs.resolve_types(cls),
            c,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=detailed,
        )

    def _make_value_unstructure(self, cls: type) -> Callable[[Any], Any]:
        return make_dict_unstructure_fn(
            attrs.resolve_types(cls), self._cattrs, _cattrs_omit_if_default=True
        )

    def _make_entity_structure(
        self, cls: type[Entity], c: cattrs.Converter, *, detailed: bool
    ) -> Callable[[Mapping[str, object], object], Entity]:
        # One function per concrete class, made when the class is first met:
        # a hook for a base class would also catch its downstream subclasses.
        generated = make_dict_structure_fn(
            attrs.resolve_types(cls),
            c,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=detailed,
            extensions=override(omit=True),
        )
        names = frozenset(a.name for a in attrs.fields(cls)) - {"extensions"}
        if not detailed:
            # Most entities have neither extensions nor unknown keys: for them, a
            # generated function that reads the fields it knows and ignores "type".
            try:
                plain = make_structure(
                    cls,
                    c.get_structure_hook,
                    _known_values,
                    skip=frozenset(("extensions",)),
                    check_keys=False,
                )
            except TypeError:  # a default the generator does not write: cattrs' function
                plain = make_dict_structure_fn(
                    attrs.resolve_types(cls),
                    c,
                    _cattrs_forbid_extra_keys=False,
                    _cattrs_detailed_validation=False,
                    extensions=override(omit=True),
                )
            allowed = names | {"type"}

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
                elif key == "base":
                    self._check_base(item, cls)
                elif type(key) is str and key.startswith("x-"):
                    if key.startswith(RESERVED_PREFIX):
                        raise FieldError(key, f"the namespace {RESERVED_PREFIX!r} is reserved")
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

        if detailed:
            return structure

        def structure_plain(value: Mapping[str, object], _: object) -> Entity:
            if type(value) is dict and value.keys() <= allowed:
                return typing.cast(Entity, plain(value, cls))
            return structure(value, _)

        return structure_plain

    def _check_base(self, value: object, cls: type[Entity]) -> None:
        """``"base"`` on a type this converter knows: each tag it names that is
        registered must be a class ``cls`` derives from."""
        bases = _base_tags(value)
        if bases is None:
            raise FieldError(
                "base", f"expected a type tag or a list of them, found {_type_name(value)}"
            )
        for tag in bases:
            known = self.registry.get(tag)
            if known is not None and (known is cls or not issubclass(cls, known)):
                raise FieldError(
                    "base", f"type {cls.tag!r} does not derive from {tag!r}, named as its base"
                )

    def _make_entity_unstructure(self, cls: type[Entity]) -> Callable[[Entity], dict[str, object]]:
        resolved = attrs.resolve_types(cls)
        # A field that an ancestor requires is always written, even at
        # a default the subclass gave it: a reader that knows only the ancestor
        # could not read the entity without it.
        keep: dict[str, Any] = {
            name: override(omit_if_default=False) for name in _always_written(cls)
        }
        generated = make_dict_unstructure_fn(
            resolved,
            self._cattrs,
            _cattrs_omit_if_default=True,
            extensions=override(omit=True),
            **keep,
        )
        order = _field_order(cls)
        # Filled in on first use, when every class the record needs is registered.
        bases: list[str | list[str]] = []
        full: list[Callable[[Entity], dict[str, object]]] = []

        def unstructure(entity: Entity) -> dict[str, object]:
            if not bases:
                bases.append(self._written_base(cls))
            data = generated(entity)
            original = entity.extensions.get(ORIGINAL)
            if original is not None:
                if not full:
                    full.append(
                        make_dict_unstructure_fn(
                            resolved,
                            self._cattrs,
                            _cattrs_omit_if_default=False,
                            extensions=override(omit=True),
                        )
                    )
                return _write_original(entity, original, data, full[0](entity), order)
            out: dict[str, object] = {"type": cls.tag}
            if bases[0]:
                out["base"] = bases[0]
            for name in order:
                if name in data:
                    out[name] = data[name]
            for key in sorted(entity.extensions):
                out[key] = _canonical(entity.extensions[key])
            return out

        return unstructure

    def _written_base(self, cls: type[Entity]) -> str | list[str]:
        if not self.registry.is_registered(cls):
            if "tag" not in cls.__dict__:
                raise TypeError(
                    f"{cls.__qualname__} has no type tag of its own: register it under a "
                    "namespaced tag (registry.register(cls, 'project:name'))"
                )
            raise TypeError(
                f"{cls.__qualname__} (type {cls.tag!r}) is not registered in this converter's "
                "registry: register it there, or dump with the converter whose registry has it"
            )
        tags = self.registry.bases_of(cls)
        return tags[0] if len(tags) == 1 else tags

    # -- entities -------------------------------------------------------------

    def entity_class(self, data: object) -> type[Entity]:
        """The class ``data`` is read as: the registered class for its ``"type"``
        tag or, for an unknown tag with ``unknown_types="base"``, for the first
        registered tag of its ``"base"``."""
        return self._lookup(data)[0]

    def _lookup(self, data: object) -> tuple[type[Entity], str | None]:
        """The class to read ``data`` as, and its tag when that is not registered."""
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
        if cls is not None:
            return cls, None
        known = ", ".join(self.registry.tags())
        bases = _base_tags(data.get("base")) or []
        if type(tag) is str and self.unknown_types == "base":
            for base in bases:
                found = self.registry.get(base)
                if found is not None:
                    return found, tag
        if "type" not in data:
            message = f"the entity has no 'type'; registered types: {known}"
        elif type(tag) is not str or self.unknown_types == "error":
            message = f"unknown type {shown(tag)}; registered types: {known}"
            readable = [b for b in bases if b in self.registry]
            if readable:
                message += (
                    f"; its base {readable[0]!r} is registered: read it as one with {AS_BASE}"
                )
        elif "base" not in data:
            message = (
                f"unknown type {shown(tag)} and no 'base' to read it as; registered types: {known}"
            )
        else:
            names = ", ".join(map(shown, bases)) if bases else shown(data.get("base"))
            message = (
                f"unknown type {shown(tag)}, and its base ({names}) is not registered either; "
                f"registered types: {known}"
            )
        raise EntityError(
            [
                Problem(
                    code="unknown-type",
                    message=message,
                    path="$.type",
                    entity=_entity_id(data),
                    expected="a registered type tag",
                    found=shown(tag),
                )
            ]
        )

    def entity_decoder(self) -> EntityDecoder:
        """What decodes JSON text straight into entities of the registered classes,
        for text that proves it lost nothing on the way (see
        :meth:`EntityDecoder.decode_all <communique._mirror.EntityDecoder.decode_all>`):
        the fast way for the JSON formats, which take any text it leaves out
        through :meth:`structure_entity`."""
        size = len(self.registry)
        if self._decoder is None or self._decoder[0] != size:
            # Imported here: msgspec takes longer to import than all of communique.
            from ._mirror import EntityDecoder, Mirrors

            if self._mirrors is None:
                self._mirrors = Mirrors(
                    self._fast.get_structure_hook,
                    _known_values,
                    order_of=_field_order,
                    always_of=_always_written,
                    check_base=self._check_base,
                )
            self._decoder = (size, EntityDecoder(self._mirrors, self.registry.classes()))
        return self._decoder[1]

    def structure_entity(self, data: object, cls: type[E] | None = None) -> Entity:
        """Turn one entity's data into its model object; raises :class:`EntityError`."""
        if cls is None and type(data) is dict:
            # The usual case, in as few steps as can be: a registered tag (which
            # names the same class for good once registered) and good data.
            tag = data.get("type")
            known = self._by_tag.get(tag) if type(tag) is str else None
            if known is not None:
                try:
                    return typing.cast(Entity, known[0](data, known[1]))
                except Exception:  # noqa: BLE001, S110 - structured again below, with every problem located
                    pass
        unknown_tag: str | None = None
        if cls is None:
            target, unknown_tag = self._lookup(data)
        else:
            target = cls
        if unknown_tag is None:
            fast = self._fast_hooks.get(target)
            if fast is None:
                fast = self._fast_hooks[target] = self._fast.get_structure_hook(target)
            if cls is None:
                # _lookup found the class by a registered tag: remember it.
                tag = typing.cast(dict[str, str], data)["type"]
                self._by_tag[tag] = (fast, target)
            try:
                return typing.cast(Entity, fast(data, target))
            except Exception:  # noqa: BLE001, S110 - structured again below, with every problem located
                pass
        try:
            if unknown_tag is not None:
                return self._structure_as_base(typing.cast(dict[str, object], data), target)
            return self._cattrs.structure(data, target)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
            raise EntityError(_problems(exc, "$", _entity_id(data))) from None

    def _structure_as_base(self, data: dict[str, object], cls: type[Entity]) -> Entity:
        """Read an unknown type as its registered base ``cls``, keeping the type,
        its base, the fields ``cls`` lacks and the order of the keys."""
        names = frozenset(a.name for a in attrs.fields(cls)) - {"extensions"}
        known: dict[str, object] = {}
        kept: dict[str, JsonValue] = {}
        for key, item in data.items():
            if key in names or key == "type" or key.startswith("x-"):
                known[key] = item
            elif key != "base":
                kept[key] = _check_json(item)
        entity = self._cattrs.structure(known, cls)
        original: dict[str, JsonValue] = {
            "type": typing.cast(str, data["type"]),
            "base": _check_json(data["base"]),
            "fields": kept,
            "keys": list(data),
        }
        return attrs.evolve(entity, extensions={**entity.extensions, ORIGINAL: original})

    def unstructure_entity(self, entity: Entity) -> dict[str, JsonValue]:
        """Turn one entity into plain data, ready for JSON or YAML."""
        return typing.cast(dict[str, JsonValue], self._cattrs.unstructure(entity, type(entity)))

    def structure(self, data: object, cls: type[E]) -> E:
        """Structure a value of any model type (an entity, a date, a participation...)."""
        try:
            return self._cattrs.structure(data, cls)
        except Exception as exc:  # noqa: BLE001
            raise EntityError(_problems(exc, "$", None)) from None

    def json_data(self, entity: Entity) -> dict[str, object]:
        """The entity's data as the JSON and JSON Lines writers write it: what
        :meth:`unstructure_entity` gives, with tuples, vocabulary terms and enum
        members left for orjson, which writes them in the same bytes.

        Each value is checked as it is written: a value the formats cannot write
        and read back (a NaN, an integer beyond 64 bits, a set) raises
        ``ValueError`` naming the entity and the field.

        >>> from communique import Person
        >>> default_converter.json_data(Person(id="person:ada", name="Ada"))["name"]
        'Ada'
        """
        cls = type(entity)
        if entity.extensions:
            # Extension values are written in their canonical form (mappings with
            # sorted keys) and as read back for entities read as their base.
            return self._written_whole(entity)
        fn = self._json_fns.get(cls)
        if fn is None:
            if self._written_base(cls):
                # Downstream types carry "base" and the fields their ancestors
                # require: the general function writes both.
                fn = self._written_whole
            else:
                try:
                    fn = make_json_unstructure(
                        cls,
                        self._json_hook,
                        order=_field_order(cls),
                        entity=True,
                        condition=field_condition,
                        checks=self._json_checks,
                    )
                except TypeError:  # a default the generator does not write
                    fn = self._written_whole
            self._json_fns[cls] = fn
        try:
            return fn(entity)
        except Unwritable:
            # The detailed check says where; a value the quick tests do not know
            # (an instance of a subclass of a field's class) may still be fine.
            return self._written_whole(entity)

    def _written_whole(self, entity: Entity) -> dict[str, Any]:
        """The entity's data by the general function, checked first."""
        found = writable(entity)
        if found is not None:
            raise refusal(entity, found)
        return self.unstructure_entity(entity)

    def _json_hook(self, t: object) -> Callable[[Any], Any]:
        if isinstance(t, type) and _is_value_class(t):
            fn = self._json_fns.get(t)
            if fn is None:
                order = [a.name for a in attrs.fields(t)]
                try:
                    fn = make_json_unstructure(
                        t,
                        self._json_hook,
                        order=order,
                        entity=False,
                        condition=field_condition,
                        checks=self._json_checks,
                    )
                    self._json_checked.add(t)
                except TypeError:  # a default the generator does not write
                    fn = self._cattrs.get_unstructure_hook(t)
                self._json_fns[t] = fn
            return fn
        return self._cattrs.get_unstructure_hook(t)

    def _json_checks(self, t: object) -> bool:
        """Whether the function writing values of ``t`` for orjson tests them."""
        if isinstance(t, type) and _is_value_class(t):
            self._json_hook(t)
            return t in self._json_checked
        return False

    def unstructure(self, value: object) -> JsonValue:
        """Unstructure a value of any model type."""
        return typing.cast(JsonValue, self._cattrs.unstructure(value))

    def _structure_term(self, value: object, cls: type[Term]) -> Term:
        if type(value) is str:
            known = _TERMS.get(cls)
            if known is None:
                known = _TERMS[cls] = {}
            term = known.get(value)
            if term is not None:
                return term
            if self.unknown_types == "base" and ":" in value and not cls.is_known(value):
                # Kept for this entity only: an undeclared term is never shared.
                return cls._undeclared(value)
            term = known[value] = cls(value)
            return term
        if not isinstance(value, Term):
            raise _Mismatch(f"a {cls.noun} as text", value)
        return cls(value)


class _Index:
    """A note on an exception saying which list element it came from."""

    def __init__(self, index: int) -> None:
        self.index = index


def _base_tags(value: object) -> list[str] | None:
    """The tags a ``"base"`` names, or ``None`` if it is not a tag or a list of tags."""
    if type(value) is str:
        return [value]
    if type(value) is list and value and all(type(v) is str for v in value):
        return typing.cast(list[str], value)
    return None


def _always_written(cls: type[Entity]) -> set[str]:
    """The fields of ``cls`` written even at their default: those an ancestor
    requires (a reader that knows only the ancestor could not read the entity
    without them)."""
    required = {
        a.name
        for ancestor in cls.__mro__[1:]
        if isinstance(ancestor, type) and issubclass(ancestor, Entity) and attrs.has(ancestor)
        for a in attrs.fields(ancestor)
        if a.default is attrs.NOTHING
    }
    return {
        a.name for a in attrs.fields(cls) if a.name in required and a.default is not attrs.NOTHING
    }


def _field_order(cls: type[Entity]) -> list[str]:
    """The order fields are written in: ``id``; then each class's own fields,
    from :class:`Entity` down to ``cls``, a redefined field keeping the place of
    its first definition; then identifiers, evidence, note, replaces and disputes.

    A reader that knows only a base of ``cls`` writes the base's fields in the
    same order, so a document it reads leniently is written back unchanged.
    """
    seen: list[str] = []
    for klass in reversed(cls.__mro__):
        if "__attrs_attrs__" in klass.__dict__:
            seen.extend(a.name for a in attrs.fields(klass) if a.name not in seen)
    middle = [n for n in seen if n not in ("id", "extensions", *_BASE_FIELDS)]
    return ["id", *middle, *_BASE_FIELDS]


def _write_original(
    entity: Entity,
    original: JsonValue,
    data: dict[str, object],
    full: dict[str, object],
    order: list[str],
) -> dict[str, object]:
    """Write an entity read as its base back as the document it was read from:
    its keys in their order, then what was set since."""
    if not (
        isinstance(original, dict)
        and isinstance(original.get("type"), str)
        and isinstance(original.get("fields"), dict)
        and isinstance(original.get("keys"), list)
    ):
        raise ValueError(f"{entity.id}: the extension {ORIGINAL!r} is not as a converter wrote it")
    kept = typing.cast(dict[str, JsonValue], original["fields"])
    out: dict[str, object] = {}
    for key in typing.cast(list[str], original["keys"]):
        if key == "type":
            out[key] = original["type"]
        elif key == "base":
            out[key] = original.get("base")
        elif key in full:
            out[key] = full[key]
        elif key in kept:
            out[key] = kept[key]
        elif key in entity.extensions and key != ORIGINAL:
            out[key] = entity.extensions[key]
    for name in order:
        if name in data and name not in out:
            out[name] = data[name]
    for key in sorted(entity.extensions):
        if key not in out and key != ORIGINAL:
            out[key] = entity.extensions[key]
    return out


# Terms are immutable: one instance per value serves every entity, which saves
# the time and memory of a new string each time. Only known terms are kept.
_TERMS: Final[dict[type[Term], dict[str, Term]]] = {}


def _known_values(t: object) -> dict[str, Any] | None:
    """The values of a type already made, by their text: every member of an enum,
    the terms structured so far of a term type, the dates read so far."""
    if t is Date:
        return _DATES
    if isinstance(t, type) and issubclass(t, Term):
        return _TERMS.setdefault(t, {})
    if _is_enum(t):
        return {m.value: m for m in typing.cast(type[enum.Enum], t)}
    return None


def _is_enum(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _make_enum_structure(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    members = {m.value: m for m in cls}

    def structure(value: object, _: object) -> enum.Enum:
        if type(value) is str:
            member = members.get(value)
            if member is not None:
                return member
        return _structure_enum(value, cls)

    return structure


def _is_optional(t: object) -> bool:
    args = typing.get_args(t)
    return len(args) == 2 and type(None) in args and _is_union(t)


def _is_union(t: object) -> bool:
    return typing.get_origin(t) in (typing.Union, types.UnionType)


def _make_optional(t: object, c: cattrs.Converter) -> Callable[[object, object], object]:
    (inner,) = [a for a in typing.get_args(t) if a is not type(None)]
    if inner is str:

        def structure_text(value: object, _: object) -> object:
            if value is None or type(value) is str:
                return value
            raise _Mismatch("text", value)

        return structure_text
    handler = c.get_structure_hook(inner)

    def structure(value: object, _: object) -> object:
        return None if value is None else handler(value, inner)

    return structure


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    allowed = [str(m.value) for m in cls]
    if type(value) is not str:
        raise _Mismatch(f"one of {', '.join(allowed)}", value)
    try:
        return cls(value)
    except ValueError:
        raise ValueError(f"{shown(value)} is not one of {', '.join(allowed)}") from None


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
            # Not a whole id of megabytes in every problem of its entity.
            return value if len(value) <= LIMIT else shown(value)
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
                    message=f"unknown field {shown(name)} for {_describe(exc.cl)}"
                    + "".join(
                        f"; did you mean {c!r}?" for c in close_names(name, _field_names(exc.cl))
                    ),
                    path=f"{path}.{name if len(name) <= LIMIT else shown(name)}",
                    entity=entity,
                    found=shown(name),
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


def _field_names(cls: type) -> list[str]:
    """The fields a mapping for ``cls`` may have, as written in a file."""
    if not attrs.has(cls):
        return []
    return [a.name for a in attrs.fields(cls) if a.name != "extensions"]


def _describe(cls: type) -> str:
    tag = getattr(cls, "tag", None)
    if isinstance(cls, type) and issubclass(cls, Entity) and isinstance(tag, str):
        return f"type {tag!r}"
    return cls.__name__


#: The converter over :data:`~communique.default_registry` that ``load``, ``dump`` and
#: the rest use unless given another.
default_converter: Final = Converter()
