"""The values every format writes and reads back unchanged: text, true and false,
integers of 64 bits, finite numbers, lists, and mappings with text keys (and null
where a field may be left out: only inside extension values, as entities omit an
unset field).

A value built in Python may hold anything (``None`` in a required field, a set, a
float NaN): JSON would change it (NaN becomes ``null``) or fail with a bare
``TypeError``, YAML would write what the loader refuses. :func:`unwritable` finds
the first such value, so that it is refused where it is made or before it is
written, naming its place.
"""

from __future__ import annotations

import enum
import itertools
import math
import threading
import types
import typing
from collections.abc import Callable, Mapping

import attrs

from ._numbers import INT_MAX, INT_MIN
from .dates import Date

__all__ = ["field_condition", "problem_of", "refusal", "shown_id", "unwritable", "writable"]

_MAX_DEPTH = 64
_SHOWN = 60


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else f"{text[: _SHOWN - 1]}… ({len(text)} characters)"


def shown_id(entity: object) -> str:
    """An entity's id as a message names it: cut when it is long or not text."""
    ident = getattr(entity, "id", None)
    return ident if isinstance(ident, str) and len(ident) <= _SHOWN else _shown(ident)


def unwritable(value: object, path: str = "$", *, null: bool = False) -> tuple[str, str] | None:
    """The path of the first value in ``value`` that the formats cannot write and
    read back equal, and why; ``None`` when all can be. ``null``: ``None`` is a
    value here (JSON's null, as in an extension value).

    >>> unwritable({"name": None})
    ('$.name', 'None where a value is required (leave an optional field unset)')
    >>> unwritable([1.5, float("nan")])
    ('$[1]', 'nan is not a finite number (JSON has no NaN or infinity)')
    >>> unwritable({"x-a:b": None}, null=True) is None
    True
    """
    return _walk(value, path, null, 0)


def _walk(value: object, path: str, null: bool, depth: int) -> tuple[str, str] | None:
    kind = type(value)
    if kind is str or kind is bool:
        return None
    if value is None:
        return (
            None
            if null
            else (path, "None where a value is required (leave an optional field unset)")
        )
    if kind is int:
        if INT_MIN <= value <= INT_MAX:  # type: ignore[operator]
            return None
        return (path, f"the integer {_shown(value)} does not fit in 64 bits")
    if kind is float:
        if math.isfinite(value):  # type: ignore[arg-type]
            return None
        return (path, f"{value!r} is not a finite number (JSON has no NaN or infinity)")
    if depth > _MAX_DEPTH:
        return (path, "the value is nested too deeply")
    if kind is dict:
        for key, item in value.items():  # type: ignore[attr-defined]
            if type(key) is not str:
                return (path, f"the key {_shown(key)} is not text")
            found = _walk(item, f"{path}.{key}", null, depth + 1)
            if found is not None:
                return found
        return None
    if kind is list or kind is tuple:
        for index, item in enumerate(typing.cast("list[object]", value)):
            found = _walk(item, f"{path}[{index}]", null, depth + 1)
            if found is not None:
                return found
        return None
    if isinstance(value, (str, enum.Enum)):
        # Vocabulary terms and enum members: written as their text.
        return None
    return (path, f"{kind.__name__} {_shown(value)} is not a value the formats can hold")


# -- the values of a model object, by the types of its fields ---------------------------

Found = tuple[str, str] | None
# A check gives the path below the value it was given ("" for the value itself),
# so that no path is built unless something is found.
Check = Callable[[object], Found]

_CHECKS: dict[object, Check] = {}


def problem_of(obj: object) -> Found:
    """The path of the first field of a model object (an entity, a participation)
    whose value is not of the field's type as the formats write and read it back,
    and why; ``None`` when every value is.

    >>> from communique import Person
    >>> problem_of(Person(id="person:x", name=None))
    ('$.name', 'expected text, found None')
    """
    found = _check_for(type(obj))(obj)
    return None if found is None else ("$" + found[0], found[1])


def _check_for(tp: object) -> Check:
    check = _CHECKS.get(tp)
    if check is None:
        check = _CHECKS[tp] = _make(tp)
    return check


def _found(value: object) -> str:
    if value is None:
        return "None"
    return f"{type(value).__name__} {_shown(value)}"


def _make(tp: object) -> Check:
    if tp is str:
        return lambda v: None if isinstance(v, str) else ("", f"expected text, found {_found(v)}")
    if tp is bool:
        return lambda v: (
            None if type(v) is bool else ("", f"expected true or false, found {_found(v)}")
        )
    if tp is int or tp is float:
        name = "an integer" if tp is int else "a number"

        def number(v: object) -> Found:
            if type(v) is int or (tp is float and type(v) is float):
                return _walk(v, "", False, 0)
            return ("", f"expected {name}, found {_found(v)}")

        return number
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or origin is types.UnionType:
        return _union([_check_for(a) for a in args if a is not type(None)], type(None) in args)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _many(_check_for(args[0]))
    if isinstance(origin, type) and issubclass(origin, Mapping):
        # Extension values: any JSON value, null included.
        return lambda v: (
            _walk(v, "", True, 0)
            if isinstance(v, Mapping)
            else ("", f"expected a mapping, found {_found(v)}")
        )
    if isinstance(tp, type) and attrs.has(tp):
        return _fields(tp)
    if isinstance(tp, type):
        kind = tp
        return lambda v: (
            None if isinstance(v, kind) else ("", f"expected {kind.__name__}, found {_found(v)}")
        )
    return lambda v: None  # a type this check does not know: left to the writer


def _union(options: list[Check], optional: bool) -> Check:
    def union(v: object) -> Found:
        if v is None and optional:
            return None
        first: Found = None
        for option in options:
            found = option(v)
            if found is None:
                return None
            first = first or found
        return first

    return union


def _many(item: Check) -> Check:
    def many(v: object) -> Found:
        if type(v) is not tuple:
            return ("", f"expected a tuple, found {_found(v)}")
        for index, each in enumerate(v):
            found = item(each)
            if found is not None:
                return (f"[{index}]{found[0]}", found[1])
        return None

    return many


def _fields(cls: type) -> Check:
    checks: list[tuple[str, Check]] = []

    def check(v: object) -> Found:
        if not isinstance(v, cls):
            return ("", f"expected {cls.__name__}, found {_found(v)}")
        if not checks:
            # Made at the first use: a class may refer to itself.
            fields = attrs.fields(attrs.resolve_types(cls))
            checks.extend((a.name, _check_for(a.type)) for a in fields)
        for name, each in checks:
            found = each(getattr(v, name))
            if found is not None:
                return (f".{name}{found[0]}", found[1])
        return None

    return check


# -- the same test, fast: generated for each class, yes or no ----------------------------
#
# Every entity is tested before it is written, so the test is one generated function
# per class with each field's test inline; only an object that fails it goes through
# the checks above, which say where and why.

_OK: dict[type, Callable[[object], bool]] = {}
_MAKING = threading.RLock()
_serial = itertools.count()


def writable(obj: object) -> Found:
    """As :func:`problem_of`, at the cost of a few type tests per field when
    nothing is wrong."""
    return None if _ok_for(type(obj))(obj) else problem_of(obj)


def refusal(entity: object, found: tuple[str, str]) -> ValueError:
    """The error that refuses to write an entity, for the problem ``found`` in it."""
    path, reason = found
    return ValueError(f"{shown_id(entity)} {path}: {reason}; dump writes only what load reads back")


def field_condition(tp: object, var: str, env: dict[str, object]) -> str:
    """The test of a value of type ``tp`` (in the variable ``var``) as the
    generated functions here make it: a Python expression, with the names it
    needs put in ``env``. For a writer that checks as it writes."""
    env.update(__walk=_walk, __Mapping=Mapping, __isfinite=math.isfinite)
    return _condition(tp, var, env, 0)


def _ok_for(cls: type) -> Callable[[object], bool]:
    ok = _OK.get(cls)
    if ok is None:
        # One thread makes the functions (others wait, and then find them); a class
        # that refers to itself finds this stand-in while its function is made.
        with _MAKING:
            ok = _OK.get(cls)
            if ok is None:
                _OK[cls] = lambda v: _OK[cls](v)  # noqa: PLW0108 (looked up when called)
                try:
                    ok = _make_ok(cls)
                except (NameError, TypeError):
                    # Annotations that cannot be resolved (names imported only for
                    # type checkers): the class is left to the writer, unchecked.
                    ok = _unchecked
                _OK[cls] = ok
    return ok


def _unchecked(_: object) -> bool:
    return True


def _condition(tp: object, var: str, env: dict[str, object], depth: int) -> str:
    """A Python expression, true when the value in ``var`` passes ``tp``'s check."""
    if tp is str:
        # The exact type first: no call for the usual value.
        return f"(type({var}) is str or isinstance({var}, str))"
    if tp is bool:
        return f"type({var}) is bool"
    if tp is int:
        return f"(type({var}) is int and {INT_MIN} <= {var} <= {INT_MAX})"
    if tp is float:
        return (
            f"(type({var}) is float and __isfinite({var})"
            f" or type({var}) is int and {INT_MIN} <= {var} <= {INT_MAX})"
        )
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or origin is types.UnionType:
        parts = [_condition(a, var, env, depth + 1) for a in args if a is not type(None)]
        if type(None) in args:
            parts.insert(0, f"{var} is None")
        return "(" + " or ".join(parts) + ")"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = f"i{depth}"
        inner = _condition(args[0], item, env, depth + 1)
        return f"(type({var}) is tuple and (not {var} or all({inner} for {item} in {var})))"
    if isinstance(origin, type) and issubclass(origin, Mapping):
        return (
            f"((type({var}) is dict or isinstance({var}, __Mapping))"
            f" and (not {var} or __walk({var}, '', True, 0) is None))"
        )
    if isinstance(tp, type) and attrs.has(tp) and tp is not Date:
        # A date checks its own parts when it is made; other model classes do not.
        flat = _flat_condition(tp, var, env, depth)
        if flat is not None:
            return flat
        name = f"__ok{next(_serial)}"
        env[name] = _ok_for(tp)
        env[f"{name}_cls"] = tp
        return f"(type({var}) is {name}_cls and {name}({var}))"
    if isinstance(tp, type):
        name = f"__type{next(_serial)}"
        env[name] = tp
        return f"(type({var}) is {name} or isinstance({var}, {name}))"
    return "True"


def _is_flat(tp: object) -> bool:
    """Whether a field's check reads nothing below the field: text, numbers,
    booleans, terms (maybe optional), but no tuple, mapping or model class."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return all(_is_flat(a) for a in args if a is not type(None))
    return isinstance(tp, type) and not attrs.has(tp) and not issubclass(tp, (tuple, Mapping))


def _flat_condition(cls: type, var: str, env: dict[str, object], depth: int) -> str | None:
    """The test of a value of ``cls`` with its fields' tests inline, when they are
    all flat (an evidence span, a vote, an identifier: the small values that come
    many to an entity, for which a call each would cost more than the tests)."""
    try:
        fields = attrs.fields(attrs.resolve_types(cls))
    except NameError:
        return None
    if not all(_is_flat(a.type) for a in fields):
        return None
    name = f"__cls{next(_serial)}"
    env[name] = cls
    tests = [_condition(a.type, f"{var}.{a.name}", env, depth + 1) for a in fields]
    return f"(type({var}) is {name} and {' and '.join(tests) or 'True'})"


def _make_ok(cls: type) -> Callable[[object], bool]:
    if not attrs.has(cls):
        return lambda v: _check_for(cls)(v) is None
    env: dict[str, object] = {"__walk": _walk, "__Mapping": Mapping, "__isfinite": math.isfinite}
    lines = [f"def ok_{cls.__name__}(o):"]
    for field in attrs.fields(attrs.resolve_types(cls)):
        lines.append(f"    x = o.{field.name}")
        args = typing.get_args(field.type)
        if typing.get_origin(field.type) is tuple and len(args) == 2 and args[1] is Ellipsis:
            # Most tuples of a record are short or empty: a loop, not all().
            lines += [
                "    if type(x) is not tuple:",
                "        return False",
                "    for i in x:",
                f"        if not {_condition(args[0], 'i', env, 1)}:",
                "            return False",
            ]
        else:
            lines += [f"    if not {_condition(field.type, 'x', env, 0)}:", "        return False"]
    lines.append("    return True")
    namespace: dict[str, object] = {}
    exec(compile("\n".join(lines), f"<writable {cls.__qualname__}>", "exec"), env, namespace)  # noqa: S102
    return typing.cast(Callable[[object], bool], namespace[f"ok_{cls.__name__}"])
