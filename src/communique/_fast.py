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
import itertools
import linecache
import typing
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["Refused", "make_json_unstructure", "make_structure"]

Hook = Callable[[Any, Any], Any]

_serial = itertools.count()


class Refused(Exception):
    """The fast path does not take this data; the detailed path will say why."""


def _optional_of(t: object) -> object | None:
    """``X`` for ``X | None``, else ``None``."""
    args = typing.get_args(t)
    if len(args) == 2 and type(None) in args:
        inner: object = next(a for a in args if a is not type(None))
        return inner
    return None


def _item_of(t: object) -> object | None:
    """``X`` for ``tuple[X, ...]``, else ``None``."""
    args = typing.get_args(t)
    if typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item: object = args[0]
        return item
    return None


def _is_texts(t: object) -> bool:
    return typing.get_origin(t) is tuple and typing.get_args(t) in ((str, ...),)


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
    }
    lines = [f"def structure_{cls.__name__}(o, _=None):"]
    if check_keys:
        lines.append("    if type(o) is not dict or not o.keys() <= __allowed: raise __Refused")
    args = []
    for index, a in enumerate(fields):
        var = f"v{index}"
        key = repr(a.name)
        args.append(f"{a.alias}={var}")
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
        inner = _optional_of(t)
        if t is str:
            lines.append(f"{indent}if type({var}) is not str: raise __Refused")
        elif t is bool:
            lines.append(f"{indent}if type({var}) is not bool: raise __Refused")
        elif inner is str:
            lines.append(
                f"{indent}if {var} is not None and type({var}) is not str: raise __Refused"
            )
        elif _is_texts(t):
            lines.append(f"{indent}if type({var}) not in __seqs: raise __Refused")
            lines.append(f"{indent}for __x in {var}:")
            lines.append(f"{indent}    if type(__x) is not str: raise __Refused")
            lines.append(f"{indent}{var} = tuple({var})")
        elif _item_of(t) is not None and table_for(_item_of(t)) is not None:
            item = _item_of(t)
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(item), item
            env[f"__k{index}"] = table_for(item)
            lines.append(f"{indent}if type({var}) not in __seqs: raise __Refused")
            lines.append(
                f"{indent}{var} = tuple([__k{index}.get(__x) or __h{index}(__x, __t{index})"
                f" for __x in {var}])"
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
        elif _item_of(t) is not None:
            item = _item_of(t)
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(item), item
            lines.append(f"{indent}if type({var}) not in __seqs: raise __Refused")
            lines.append(f"{indent}{var} = tuple([__h{index}(__x, __t{index}) for __x in {var}])")
        elif inner is not None:
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(inner), inner
            lines.append(f"{indent}if {var} is not None: {var} = __h{index}({var}, __t{index})")
        else:
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(t), t
            lines.append(f"{indent}{var} = __h{index}({var}, __t{index})")
    lines.append(f"    return __cls({', '.join(args)})")
    fn: Hook = _compile(cls, "fast structure", "\n".join(lines) + "\n", env)
    return fn


def _is_passed_through(t: object) -> bool:
    """Values orjson writes as they are: text (terms too), numbers, booleans, enums."""
    return t in (str, int, float, bool) or (
        isinstance(t, type) and issubclass(t, (str, enum.Enum)) and t is not str
    )


def make_json_unstructure(
    cls: type,
    hook_for: Callable[[object], Callable[[Any], Any]],
    *,
    order: list[str],
    entity: bool,
) -> Callable[[Any], dict[str, Any]]:
    """A function writing an instance of ``cls`` as data for orjson, fields in
    ``order`` and left out at their default, as the converter writes them.

    Tuples, vocabulary terms and enum members are left as they are: orjson writes
    them as arrays and text, the same bytes as the lists and strings the converter
    makes of them for other writers, without making them.
    """
    by_name = {a.name: a for a in attrs.fields(attrs.resolve_types(cls))}
    env: dict[str, Any] = {"__sorted": sorted}
    lines = [f"def unstructure_{cls.__name__}(o):"]
    lines.append("    d = {'type': type(o).tag}" if entity else "    d = {}")
    for index, name in enumerate(order):
        a = by_name[name]
        var, key = f"v{index}", repr(name)
        lines.append(f"    {var} = o.{name}")
        indent = "    "
        if a.default is None:
            lines.append(f"    if {var} is not None:")
            indent = "        "
        elif a.default is not attrs.NOTHING:
            default = a.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                if default.takes_self:
                    raise TypeError(f"{cls.__name__}.{a.name}: a default that takes self")
                default = default.factory()
            env[f"__d{index}"] = default
            lines.append(f"    if {var} != __d{index}:")
            indent = "        "
        t = a.type
        inner = _optional_of(t)
        target = inner if inner is not None else t
        item = _item_of(target)
        if _is_passed_through(target) or (item is not None and _is_passed_through(item)):
            lines.append(f"{indent}d[{key}] = {var}")
        elif item is not None:
            env[f"__u{index}"] = hook_for(item)
            lines.append(f"{indent}d[{key}] = [__u{index}(x) for x in {var}]")
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
        lines.append("    x = o.extensions")
        lines.append("    if x:")
        lines.append("        for k in __sorted(x): d[k] = x[k]")
    lines.append("    return d")
    fn: Callable[[Any], dict[str, Any]] = _compile(
        cls, "json unstructure", "\n".join(lines) + "\n", env
    )
    return fn


def _compile(cls: type, what: str, source: str, env: dict[str, Any]) -> Any:
    filename = f"<communique {what} {cls.__qualname__}-{next(_serial)}>"
    exec(compile(source, filename, "exec"), env)  # noqa: S102 - code generated from the model
    # Kept for tracebacks and profilers, as attrs and cattrs do for their code.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    name = source.split("(", 1)[0].removeprefix("def ")
    return env[name]
