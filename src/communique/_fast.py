"""Generated structuring functions for the fast path of the converter, and
unstructuring functions for JSON.

The converter structures data first without cattrs' detailed validation, and
again with it only when that fails (see :class:`communique.converter.Converter`).
This module writes the function of that fast path for one attrs class: the
checks of text, optional text, lists of text and booleans inline, every other
field through the converter's own hook, and a single call of the class with every
field. It accepts exactly what the detailed path accepts; on anything else it
raises, and the detailed path reports the problems with their paths.

Written here rather than by cattrs because cattrs' general code makes a call and
a dictionary per field, and loading a big corpus is mostly this code.
"""

from __future__ import annotations

import enum
import inspect
import itertools
import linecache
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, Final

import attrs

from ._numbers import INT_MAX, INT_MIN
from .dates import Date
from .model import Check
from .model._convert import keeps
from .model._filling import filling_class

__all__ = [
    "Refused",
    "Unwritable",
    "assembled",
    "assembly",
    "compile_made",
    "compile_source",
    "is_id",
    "item_of",
    "known_tuple",
    "make_json_unstructure",
    "make_structure",
    "optional_of",
    "share",
    "shared",
]

Hook = Callable[[Any, Any], Any]

_serial = itertools.count()


class Refused(Exception):
    """The fast path does not take this data; the detailed path will say why."""


class Unwritable(Exception):
    """A value the formats cannot write and read back; the detailed check
    (:func:`communique._written.problem_of`) will say where and why."""


def optional_of(t: object) -> object | None:
    """``X`` for ``X | None``, else ``None``."""
    args = typing.get_args(t)
    if len(args) == 2 and type(None) in args:
        inner: object = next(a for a in args if a is not type(None))
        return inner
    return None


def item_of(t: object) -> object | None:
    """``X`` for ``tuple[X, ...]``, else ``None``."""
    args = typing.get_args(t)
    if typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item: object = args[0]
        return item
    return None


def _is_texts(t: object) -> bool:
    return typing.get_origin(t) is tuple and typing.get_args(t) in ((str, ...),)


def is_id(a: attrs.Attribute[Any]) -> bool:
    """Whether a field holds ids: an entity's own, or references to others. The
    same ids come back throughout a record (every participation of a person, every
    quote of a source), so each is kept once (:func:`sys.intern`, which lets a
    string go when nothing else holds it)."""
    return a.name == "id" or "refs" in a.metadata


def _slots(cls: type) -> set[str] | None:
    """Every slot of ``cls`` and its bases, or ``None`` if its instances have a ``__dict__``."""
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass is object:
            continue
        if "__slots__" not in klass.__dict__:
            return None
        slots = klass.__dict__["__slots__"]
        names.update((slots,) if isinstance(slots, str) else slots)
    names.discard("__weakref__")
    return None if "__dict__" in names else names


def assembled(cls: type) -> dict[str, Any] | None:
    """The slot descriptors through which an instance of ``cls`` can be filled in
    exactly as its ``__init__`` would fill it, or ``None`` when it cannot.

    An attrs ``__init__`` of a slotted class sets each field through its slot
    (bypassing a frozen class's ``__setattr__``), converting first and running
    the validators after; doing the same here saves a call with keywords and a
    bound ``__setattr__`` per field. Only classes whose ``__init__`` is that
    generated one, with no hooks around it and no slot of its own beyond the
    fields, qualify; any other is called as it is.
    """
    init = cls.__dict__.get("__init__")
    code = getattr(init, "__code__", None)
    if code is None or "attrs generated" not in code.co_filename:
        return None
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        return None
    if any("__new__" in c.__dict__ for c in cls.__mro__[:-1]):
        return None  # made by its own __new__, which only a call of the class runs
    fields = attrs.fields(cls)
    if any(not a.init for a in fields) or _slots(cls) != {a.name for a in fields}:
        return None
    setters: dict[str, Any] = {}
    for a in fields:
        slot = inspect.getattr_static(cls, a.name)
        if type(slot) is not types.MemberDescriptorType:
            return None
        setters[a.name] = slot.__set__
    return setters


def _converted(
    env: dict[str, Any], index: int, var: str, converter: object, items: object | None
) -> str:
    """The expression of a field's value after its attrs converter, which is
    left out for the values it would return unchanged (:func:`keeps`).

    ``items``: the class every item of the value is known to be of, when the
    value is a tuple this function made (or the field's empty default).
    """
    if converter is None:
        return var
    if isinstance(converter, attrs.Converter):
        # Its attributes are not in attrs' type stubs.
        wrapped: Any = converter
        if wrapped.takes_self or wrapped.takes_field:
            raise TypeError("a converter that takes the instance or the field")
        converter = wrapped.converter
    env[f"__c{index}"] = converter
    env[f"__C{index}"] = None
    kept = keeps(converter)
    if kept is None:
        return f"__c{index}({var})"
    env[f"__C{index}"] = kept.cls
    if kept.many:
        if items is not kept.cls:
            return f"__c{index}({var})"
        # The items are made; an empty tuple goes to the converter, to refuse it.
        return f"({var} if {var} else __c{index}({var}))" if kept.nonempty else var
    if kept.optional:
        return f"({var} if {var} is None or type({var}) is __C{index} else __c{index}({var}))"
    return f"({var} if type({var}) is __C{index} else __c{index}({var}))"


# Tuples of vocabulary values (a participation's roles) repeat across a corpus:
# one instance of each serves them all, by item class (terms of two vocabularies
# can be equal as text). Bounded, like the shared dates.
_SHARED: dict[object, dict[tuple[object, ...], tuple[object, ...]]] = {}
_MAX_SHARED: Final = 65536


def shared(item: object) -> dict[tuple[object, ...], tuple[object, ...]]:
    return _SHARED.setdefault(item, {})


def share(
    table: dict[tuple[object, ...], tuple[object, ...]], value: tuple[object, ...]
) -> tuple[object, ...]:
    if len(table) < _MAX_SHARED:
        table[value] = value
    return value


def known_tuple(
    item: object,
    index: int,
    var: str,
    indent: str,
    *,
    env: dict[str, Any],
    hook_for: Callable[[object], Hook],
    table_for: Callable[[object], dict[str, Any] | None],
) -> list[str]:
    """Lines making the texts in ``var`` the tuple of the ``item`` values they
    name (a participation's roles): known values looked up in one pass in C, and
    the tuple of them shared with the entities that have the same (see
    :func:`shared`); the hook makes the others, and refuses what is not one."""
    env[f"__h{index}"], env[f"__t{index}"] = hook_for(item), item
    env[f"__k{index}"], env[f"__g{index}"] = table_for(item), shared(item)
    return [
        f"{indent}__x = tuple(map(__k{index}.get, {var}))",
        f"{indent}if None not in __x:",
        f"{indent}    {var} = __g{index}.get(__x) or __share(__g{index}, __x)",
        f"{indent}else:",
        f"{indent}    {var} = "
        f"tuple([__k{index}.get(__y) or __h{index}(__y, __t{index}) for __y in {var}])",
    ]


def make_structure(
    cls: type,
    hook_for: Callable[[object], Hook],
    table_for: Callable[[object], dict[str, Any] | None] = lambda t: None,
    *,
    skip: frozenset[str] = frozenset(),
    check_keys: bool = True,
) -> Hook:
    """The fast structuring function of ``cls``, leaving out the fields in ``skip``.

    ``hook_for`` gives the converter's hook for a field type not checked inline;
    ``table_for`` the values of a vocabulary already structured, by their text,
    looked up inline before the hook is called.
    With ``check_keys``, a mapping with a key that is not a field is refused;
    without, the caller has checked the keys.
    """
    fields = [a for a in attrs.fields(attrs.resolve_types(cls)) if a.init and a.name not in skip]
    env: dict[str, Any] = {
        "__cls": cls,
        "__Refused": Refused,
        "__seqs": (list, tuple),
        "__allowed": frozenset(a.name for a in fields),
        "__share": share,
        "__intern": sys.intern,
    }
    lines = [f"def structure_{cls.__name__}(o, _=None):"]
    keys_check = "if type(o) is not dict or not o.keys() <= __allowed: raise __Refused"
    required_count = sum(a.default is attrs.NOTHING for a in fields)
    # With optional fields, the keys are checked only when there are more than the
    # required ones (below); without, before anything is read.
    if check_keys and required_count == len(fields):
        lines.append(f"    {keys_check}")
    elif check_keys:
        lines.append("    if type(o) is not dict: raise __Refused")
    made: dict[str, object] = {}
    # The lines reading optional fields, and what each is when absent.
    optional: list[str] = []
    absent: list[str] = []
    for index, a in enumerate(fields):
        start = len(lines)
        var = f"v{index}"
        key = repr(a.name)
        required = a.default is attrs.NOTHING
        factory = isinstance(a.default, attrs.Factory)  # type: ignore[arg-type]
        if factory and a.default.takes_self:
            raise TypeError(f"{cls.__name__}.{a.name}: a default that takes self")
        if required:
            lines.append(f"    {var} = o[{key}]")
            indent = "    "
        else:
            # A default is passed on as it is (it is valid); a factory's is made.
            env[f"__d{index}"] = object() if factory else a.default
            lines.append(f"    {var} = o.get({key}, __d{index})")
            if factory:
                env[f"__f{index}"] = a.default.factory
                lines.append(f"    if {var} is __d{index}: {var} = __f{index}()")
                lines.append("    else:")
            else:
                lines.append(f"    if {var} is not __d{index}:")
            indent = "        "
        t = a.type
        inner = optional_of(t)
        if t is str:
            lines.append(f"{indent}if type({var}) is not str: raise __Refused")
            if is_id(a):
                lines.append(f"{indent}{var} = __intern({var})")
        elif t is bool:
            lines.append(f"{indent}if type({var}) is not bool: raise __Refused")
        elif inner is str:
            lines.append(
                f"{indent}if {var} is not None and type({var}) is not str: raise __Refused"
            )
            if is_id(a):
                lines.append(f"{indent}if {var} is not None: {var} = __intern({var})")
        elif t is int or inner is int:
            check = f"type({var}) is not int or not {INT_MIN} <= {var} <= {INT_MAX}"
            if inner is not None:
                check = f"{var} is not None and ({check})"
            lines.append(f"{indent}if {check}: raise __Refused")
        elif _is_texts(t):
            lines.append(f"{indent}if type({var}) not in __seqs: raise __Refused")
            lines.append(f"{indent}for __x in {var}:")
            lines.append(f"{indent}    if type(__x) is not str: raise __Refused")
            items = f"map(__intern, {var})" if is_id(a) else var
            lines.append(f"{indent}{var} = tuple({items})")
        elif item_of(t) is not None and table_for(item_of(t)) is not None:
            item = item_of(t)
            if required or a.default == ():
                made[a.name] = item
            lines.append(f"{indent}if type({var}) not in __seqs: raise __Refused")
            lines.extend(
                known_tuple(
                    item, index, var, indent, env=env, hook_for=hook_for, table_for=table_for
                )
            )
        elif table_for(inner if inner is not None else t) is not None:
            target = inner if inner is not None else t
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(target), target
            env[f"__k{index}"] = table_for(target)
            if inner is not None:
                lines.append(f"{indent}if {var} is not None:")
                indent += "    "
            lines.append(
                f"{indent}{var} = (__k{index}.get({var}) if type({var}) is str else None)"
                f" or __h{index}({var}, __t{index})"
            )
        elif item_of(t) is not None:
            item = item_of(t)
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(item), item
            lines.append(f"{indent}if type({var}) not in __seqs: raise __Refused")
            env[f"__r{index}"] = itertools.repeat(item)
            lines.append(f"{indent}{var} = tuple(map(__h{index}, {var}, __r{index}))")
        elif inner is not None:
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(inner), inner
            lines.append(f"{indent}if {var} is not None: {var} = __h{index}({var}, __t{index})")
        else:
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(t), t
            lines.append(f"{indent}{var} = __h{index}({var}, __t{index})")
        if not required:
            optional.extend(lines[start:])
            del lines[start:]
            absent.append(f"{var} = __f{index}()" if factory else f"{var} = __d{index}")
    if check_keys and optional:
        # Every required field was found: as many keys as those means that no
        # other key is given, and no optional field need be looked for.
        lines.append(f"    if len(o) == {required_count}:")
        lines.extend(f"        {line}" for line in absent)
        lines.append("    else:")
        lines.append("        if not o.keys() <= __allowed: raise __Refused")
        lines.extend(f"    {line}" for line in optional)
    else:
        lines.extend(optional)
    fn: Hook = compile_made(cls, "fast structure", lines, fields, made=made, env=env)
    return fn


def compile_made(
    cls: type,
    what: str,
    lines: list[str],
    fields: list[attrs.Attribute[Any]],
    *,
    made: dict[str, object],
    env: dict[str, Any],
) -> Any:
    """The function of ``lines`` (which leave the value of each of ``fields`` in
    ``v0``, ``v1``, ...) compiled, ending in the instance made of those values:
    through its slots where it can be (see :func:`assembly`), else by its class."""
    setters = assembled(cls)
    if setters is None:
        args = ", ".join(f"{a.alias}=v{i}" for i, a in enumerate(fields))
        lines.append(f"    return __cls({args})")
    else:
        given = {a.name: f"v{i}" for i, a in enumerate(fields)}
        lines.extend(assembly(cls, setters, given, made, env))
    return compile_source(cls, what, "\n".join(lines) + "\n", env)


def assembly(
    cls: type,
    setters: dict[str, Any],
    given: dict[str, str],
    made: dict[str, object],
    env: dict[str, Any],
) -> list[str]:
    """Lines making the instance from the variables in ``given`` (by field name),
    and each other field at its default, as the attrs ``__init__`` does.
    ``made``: the class of the items of tuples made by the caller, by field."""
    env["__new"] = object.__new__
    env["__disabled"] = attrs.validators.get_disabled
    # Filled in as its filling class, by plain assignment, where it has one
    # (see communique.model._filling); else through each slot's descriptor.
    filling = filling_class(cls)
    env["__filling"] = filling
    # The class's __new__ is object's (see assembled); the filling class is called
    # with nothing: object's own __new__ and __init__, taken from their slots, cost
    # less than a call of object.__new__.
    lines = ["    r = __filling()" if filling is not None else "    r = __new(__cls)"]
    checks = []
    for index, a in enumerate(attrs.fields(cls)):
        if filling is None:
            env[f"__s_{index}"] = setters[a.name]
        # Field names are attrs field names: identifiers.
        head, tail = (f"r.{a.name} = ", "") if filling is not None else (f"__s_{index}(r, ", ")")
        var = given.get(a.name)
        if var is None:
            var = f"__default{index}"
            if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                if a.default.takes_self:
                    raise TypeError(f"{cls.__name__}.{a.name}: a default that takes self")
                env[f"__factory{index}"] = a.default.factory
                lines.append(f"    {var} = __factory{index}()")
            elif a.default is attrs.NOTHING:
                raise TypeError(f"{cls.__name__}.{a.name}: a required field left out")
            else:
                env[var] = a.default
        value = _converted(env, index, var, a.converter, made.get(a.name))
        if a.validator is None:
            lines.append(f"    {head}{value}{tail}")
            continue
        lines.append(f"    {var}_ = {value}")
        lines.append(f"    {head}{var}_{tail}")
        # A Check is called for its test, without the call through the object.
        check = a.validator.test if isinstance(a.validator, Check) else a.validator
        env[f"__v{index}"], env[f"__a{index}"] = check, a
        checks.append(f"        __v{index}(r, __a{index}, {var}_)")
    if filling is not None:
        # The same layout: the instance becomes one of its own class, before
        # the validators see it.
        lines.append("    r.__class__ = __cls")
    if checks:
        lines.append("    if not __disabled():")
        lines.extend(checks)
    lines.append("    return r")
    return lines


def _is_passed_through(t: object) -> bool:
    """Values orjson writes as they are: text (terms too), numbers, booleans, enums."""
    return t in (str, int, float, bool) or (
        isinstance(t, type) and issubclass(t, (str, enum.Enum)) and t is not str
    )


# The test of a field's value written inline (see communique._written): the
# type of the field, the name of the variable holding the value, and the
# namespace the test's names go in.
Condition = Callable[[object, str, dict[str, Any]], str]


def make_json_unstructure(
    cls: type,
    hook_for: Callable[[object], Callable[[Any], Any]],
    *,
    order: list[str],
    entity: bool,
    condition: Condition | None = None,
    checks: Callable[[object], bool] = lambda t: False,
) -> Callable[[Any], dict[str, Any]]:
    """A function writing an instance of ``cls`` as data for orjson, fields in
    ``order`` and left out at their default, as the converter writes them.

    Tuples, vocabulary terms and enum members are left as they are: orjson writes
    them as arrays and text, the same bytes as the lists and strings the converter
    makes of them for other writers, without making them.

    With ``condition``, every field's value is tested as it is read (and before
    its default is left out), and :class:`Unwritable` raised when one fails: the
    check before writing made in the same pass as the writing. A value of a
    model class whose function ``checks`` tells is made this way is tested by that
    function (which tests its own type first); any other by ``condition`` whole.
    """
    by_name = {a.name: a for a in attrs.fields(attrs.resolve_types(cls))}
    env: dict[str, Any] = {"__sorted": sorted, "__Unwritable": Unwritable, "__own": cls}
    lines = [f"def unstructure_{cls.__name__}(o):"]
    if condition is not None and not entity:
        lines.append("    if type(o) is not __own: raise __Unwritable")
    lines.append("    d = {'type': type(o).tag}" if entity else "    d = {}")
    extensions = entity and "extensions" in by_name and "extensions" not in order
    if condition is not None:
        # Fields that are not written (an entity's extensions, written apart) are
        # tested all the same.
        for a in by_name.values():
            if a.name not in order:
                test = condition(a.type, f"o.{a.name}", env)
                if extensions and a.name == "extensions":
                    # Empty, as they mostly are: nothing to test.
                    lines.append("    x = o.extensions")
                    lines.append("    if type(x) is not dict or x:")
                    lines.append(f"        if not {test}: raise __Unwritable")
                else:
                    lines.append(f"    if not {test}: raise __Unwritable")
    env["__E"] = ()
    for index, name in enumerate(order):
        a = by_name[name]
        var, key = f"v{index}", repr(name)
        lines.append(f"    {var} = o.{name}")
        t = a.type
        indent = "    "
        # Whether the test of the value leaves the default out as well.
        guarded = True
        if condition is not None and a.default is None and optional_of(t) is not None:
            # Unset, as most optional fields are: one test. Set: tested as the
            # type it holds.
            lines.append(f"    if {var} is not None:")
            tested = _test_lines(optional_of(t), var, env, condition, checks)
            lines.extend(f"    {line}" for line in tested)
            indent = "        "
        elif condition is not None and a.default == () and item_of(t) is not None:
            # Empty, as most tuples are: one test (CPython keeps one empty tuple;
            # any other empty one is tested, and left out, below).
            lines.append(f"    if {var} is not __E:")
            tested = _test_lines(t, var, env, condition, checks)
            lines.extend(f"    {line}" for line in tested)
            lines.append(f"        if {var}:")
            indent = "            "
        else:
            guarded = False
            if condition is not None:
                # A value equal to a default other than these is left out unseen
                # by the function of its class: it is tested whole here.
                plain_default = a.default is None or a.default is attrs.NOTHING or a.default == ()
                if plain_default:
                    lines.extend(_test_lines(a.type, var, env, condition, checks))
                else:
                    lines.append(f"    if not {condition(a.type, var, env)}: raise __Unwritable")
        if guarded:
            pass  # the default is left out by the test above
        elif a.default is None:
            lines.append(f"    if {var} is not None:")
            indent = "        "
        elif a.default is not attrs.NOTHING:
            default = a.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                if default.takes_self:
                    raise TypeError(f"{cls.__name__}.{a.name}: a default that takes self")
                default = default.factory()
            env[f"__d{index}"] = default
            # An empty tuple, the usual default, is told by its truth alone.
            test = var if default == () else f"{var} != __d{index}"
            lines.append(f"    if {test}:")
            indent = "        "
        inner = optional_of(t)
        target = inner if inner is not None else t
        item = item_of(target)
        if _is_passed_through(target) or (item is not None and _is_passed_through(item)):
            lines.append(f"{indent}d[{key}] = {var}")
        elif item is not None:
            env[f"__u{index}"] = hook_for(item)
            # A loop, not map(): a call from Python code to a Python function costs
            # less than one from C, and most of these tuples are short.
            lines.append(f"{indent}__l = []")
            lines.append(f"{indent}for __x in {var}: __l.append(__u{index}(__x))")
            lines.append(f"{indent}d[{key}] = __l")
        elif target is Date and (inner is None or a.default is None):
            env[f"__u{index}"] = hook_for(Date)
            # The usual date, written as its text (as the converter's hook writes
            # it), without the call.
            lines.append(
                f"{indent}d[{key}] = {var}.edtf if {var}.inferred is False and {var}.phrase"
                f" is None and {var}.basis is None else __u{index}({var})"
            )
        elif inner is not None and a.default is None:  # not None: tested above
            env[f"__u{index}"] = hook_for(inner)
            lines.append(f"{indent}d[{key}] = __u{index}({var})")
        elif inner is not None:
            env[f"__u{index}"] = hook_for(inner)
            lines.append(f"{indent}d[{key}] = None if {var} is None else __u{index}({var})")
        else:
            env[f"__u{index}"] = hook_for(t)
            lines.append(f"{indent}d[{key}] = __u{index}({var})")
    if entity:
        if not (extensions and condition is not None):
            lines.append("    x = o.extensions")
        lines.append("    if x:")
        lines.append("        for k in __sorted(x): d[k] = x[k]")
    lines.append("    return d")
    fn: Callable[[Any], dict[str, Any]] = compile_source(
        cls, "json unstructure", "\n".join(lines) + "\n", env
    )
    return fn


def _test_lines(
    t: object,
    var: str,
    env: dict[str, Any],
    condition: Condition,
    checks: Callable[[object], bool],
) -> list[str]:
    """The lines testing a field's value in a writing function that checks: for a
    value (or a tuple of values) of a model class whose function checks it, what
    that function does not see (the tuple, or nothing); for any other, the whole
    test (a tuple's items in a loop: most tuples of a record are short)."""
    inner = optional_of(t)
    target = inner if inner is not None else t
    item = item_of(target)
    if item is not None:
        pad = "    " if inner is not None else ""
        lines = [f"    if {var} is not None:"] if inner is not None else []
        lines.append(f"    {pad}if type({var}) is not tuple: raise __Unwritable")
        if not checks(item):
            lines.append(f"    {pad}for __i in {var}:")
            lines.append(f"    {pad}    if not {condition(item, '__i', env)}: raise __Unwritable")
        return lines
    if checks(target):
        return []
    return [f"    if not {condition(t, var, env)}: raise __Unwritable"]


def compile_source(cls: type, what: str, source: str, env: dict[str, Any]) -> Any:
    filename = f"<communique {what} {cls.__qualname__}-{next(_serial)}>"
    exec(compile(source, filename, "exec"), env)  # noqa: S102 - code generated from the model
    # Kept for tracebacks and profilers, as attrs and cattrs do for their code.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    name = source.split("(", 1)[0].removeprefix("def ")
    return env[name]
