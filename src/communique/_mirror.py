"""JSON decoded straight into model objects, for text that proves itself.

msgspec reads JSON into structs that mirror the model's classes field for field
(one :class:`msgspec.Struct` a class, its fields in the order communique writes
them, defaults left out, unknown keys refused, an entity's class told by its
``"type"``), checking the type of every value in C as it parses. A function
generated for each class (as :mod:`communique._fast` makes one for a mapping)
then makes the model object of a struct: terms, enum members and dates looked
up, ids interned, converters and validators run as the attrs ``__init__`` runs
them. Whatever either step refuses (a text with a problem, a key it does not
know, an extension) goes the way every text can go: parsed, then structured by
the converter, which reports every problem with its path.

msgspec keeps the last of two equal keys, so the caller proves that the
structs hold every key of the text (see :meth:`EntityDecoder.decode_all`).
Numbers need no search of the text: a mirrored field takes a number only as an
integer (an integer field, an amount), each checked to fit in 64 bits as the
field is made, and never a float (the hooks of amounts and dates refuse one),
so a number that parsing would change (too large, too small, too long) is
refused here as parsing refuses it.
"""

from __future__ import annotations

import enum
import sys
import threading
import typing
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs
import msgspec

from ._fast import Refused, compile_made, item_of, known_tuple, optional_of
from ._fast import is_id as _is_id_field
from ._fast import share as _share
from ._lossless import colons_differ
from ._numbers import INT_MAX, INT_MIN
from .model import Entity
from .vocab import Term

__all__ = ["EntityDecoder", "Mirrors"]

Hook = Callable[[Any, Any], Any]
Build = Callable[[Any], Any]

# Types whose JSON is read by the converter's own hook from what msgspec makes of
# it without a type (text or a number).
_BY_HOOK: Final = (Decimal,)


class _Unmirrored(Exception):
    """A class (or a field of it) with no struct to mirror it."""


class Mirrors:
    """The struct and the build function of each model class, made on first use.

    ``hook_for`` gives the converter's structuring hook of a type, ``table_for``
    the values of a vocabulary already made by their text (as for
    :func:`communique._fast.make_structure`); for entity classes, ``order_of``
    gives the order their fields are written in, ``always_of`` the fields
    written even at their default, and ``check_base`` checks the ``"base"`` a
    downstream entity is written with.
    """

    def __init__(
        self,
        hook_for: Callable[[object], Hook],
        table_for: Callable[[object], dict[str, Any] | None],
        *,
        order_of: Callable[[type[Entity]], list[str]],
        always_of: Callable[[type[Entity]], set[str]],
        check_base: Callable[[object, type[Entity]], None],
    ) -> None:
        self._hook_for = hook_for
        self._table_for = table_for
        self._order_of = order_of
        self._always_of = always_of
        self._check_base = check_base
        self._structs: dict[type, type | None] = {}
        self._builds: dict[type, Build] = {}
        self._lock = threading.RLock()

    def struct(self, cls: type, *, tag: str | None = None) -> type | None:
        """The struct mirroring ``cls``, or ``None`` if it has none; ``tag``: the
        type tag of an entity class, told by the ``"type"`` of its JSON."""
        # One thread at a time: a class being made is marked as having none (so
        # that a class holding itself ends), which another thread must not read.
        with self._lock:
            if cls in self._structs:
                return self._structs[cls]
            self._structs[cls] = None
            try:
                made = self._make(cls, tag)
            except _Unmirrored:
                return None
            self._structs[cls] = made
            return made

    def build(self, cls: type) -> Build:
        """The function making an instance of ``cls`` from its struct."""
        fn = self._builds.get(cls)
        if fn is None:
            fn = self._builds[cls] = make_build(
                cls, self._build_of, self._hook_for, self._table_for, self._check_base
            )
        return fn

    def _build_of(self, t: object) -> Build | None:
        if isinstance(t, type) and self._structs.get(t) is not None:
            return self.build(t)
        return None

    def _make(self, cls: type, tag: str | None) -> type:
        fields = {a.name: a for a in attrs.fields(attrs.resolve_types(cls))}
        spec: list[tuple[str, object] | tuple[str, object, object]] = []
        always: set[str] = set()
        if tag is not None:
            entity = typing.cast(type[Entity], cls)
            order, always = self._order_of(entity), self._always_of(entity)
            # Written after the type by a downstream class: the classes it derives from.
            spec.append(("base", str | list[str] | None, None))
        else:
            order = list(fields)
        for name in order:
            a = fields[name]
            if not a.init or a.alias != name:
                raise _Unmirrored(name)
            t = self._mirror_type(a.type)
            if a.default is attrs.NOTHING or name in always:
                spec.append((name, t))
            else:
                spec.append((name, t, _written_default(a.default)))
        try:
            return msgspec.defstruct(
                f"{cls.__name__}Mirror",
                spec,
                kw_only=True,
                omit_defaults=True,
                forbid_unknown_fields=True,
                tag_field="type" if tag is not None else None,
                tag=tag,
                gc=False,
            )
        except (TypeError, ValueError) as exc:
            raise _Unmirrored(cls.__name__) from exc

    def _mirror_type(self, t: object) -> object:
        """The type msgspec reads a field of type ``t`` as."""
        if t in (str, bool, int):
            return t
        inner = optional_of(t)
        if inner is not None:
            return self._mirror_type(inner) | None  # type: ignore[operator]
        item = item_of(t)
        if item is not None:
            return tuple[self._mirror_type(item), ...]  # type: ignore[misc]
        if isinstance(t, type):
            if issubclass(t, Term):
                return str
            if issubclass(t, enum.Enum) and all(type(m.value) is str for m in t):
                return str
            if t in _BY_HOOK:
                return Any
            if attrs.has(t):
                struct = self.struct(t)
                # A value also written as its text (a date as its EDTF text) is
                # either: the text looked up among the values already made (see
                # make_build), a mapping read into the struct of its class.
                known = self._table_for(t) is not None
                if struct is not None:
                    return str | struct if known else struct
                if known:
                    return Any  # read by the converter's hook
        raise _Unmirrored(repr(t))


def _written_default(default: object) -> object:
    """A field's default as the JSON it is written as (and left out as)."""
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        # Its attributes are not in attrs' type stubs.
        factory: Any = default
        if factory.takes_self or factory.factory() != ():
            raise _Unmirrored("a default made by a factory")
        return ()
    if default is None or (type(default) is tuple and default == ()):
        return default
    if type(default) in (bool, int, str):
        return default
    if isinstance(default, Term):
        return str(default)
    if isinstance(default, enum.Enum) and type(default.value) is str:
        return default.value
    raise _Unmirrored(repr(default))


# The types read through a hook that take an integer (an amount, of any size);
# an integer field is checked as it is read (see make_build).
_TAKE_INTEGERS: Final = (Decimal, int)


def _fits(value: object) -> bool:
    """Whether a value read for a field that takes integers is not one beyond
    64 bits, which a record refuses (as parsing does, see
    :meth:`EntityDecoder.decode_all`)."""
    return type(value) is not int or INT_MIN <= value <= INT_MAX


def make_build(
    cls: type,
    build_of: Callable[[object], Build | None],
    hook_for: Callable[[object], Hook],
    table_for: Callable[[object], dict[str, Any] | None],
    check_base: Callable[[object, type[Entity]], None],
) -> Build:
    """The function making an instance of ``cls`` from its mirror struct: every
    value is of the type msgspec was told, so only what the struct cannot say is
    checked here (the range of integers, vocabularies, dates)."""
    fields = [
        a for a in attrs.fields(attrs.resolve_types(cls)) if a.init and a.name != "extensions"
    ]
    env: dict[str, Any] = {
        "__cls": cls,
        "__Refused": Refused,
        "__intern": sys.intern,
        "__share": _share,
        "__fits": _fits,
    }
    lines = [f"def build_{cls.__name__}(s):"]
    if isinstance(cls, type) and issubclass(cls, Entity):
        env["__check_base"] = check_base
        lines.append("    if s.base is not None: __check_base(s.base, __cls)")
    made: dict[str, object] = {}
    for index, a in enumerate(fields):
        var = f"v{index}"
        lines.append(f"    {var} = s.{a.name}")
        inner = optional_of(a.type)
        target = inner if inner is not None else a.type
        guard = f"if {var} is not None: " if inner is not None else ""
        item = item_of(target)
        is_id = _is_id_field(a)
        if target is str:
            if is_id:
                lines.append(f"    {guard}{var} = __intern({var})")
        elif target is bool:
            pass
        elif target is int:
            test = f"not {INT_MIN} <= {var} <= {INT_MAX}"
            if inner is not None:
                test = f"{var} is not None and {test}"
            lines.append(f"    if {test}: raise __Refused")
        elif item is str:
            if is_id:
                lines.append(f"    if {var}: {var} = tuple(map(__intern, {var}))")
        elif item is not None and table_for(item) is not None:
            if inner is None and (a.default is attrs.NOTHING or a.default == ()):
                made[a.name] = item
            # A term equals its text and hashes as it does, so the tuple of texts
            # msgspec made (a tuple, unlike a parsed list) finds the shared tuple
            # of their terms straight away; else as the mapping's fast path does.
            lines.append(f"    if {var}:")
            lines.append(f"        __x = __g{index}.get({var})")
            lines.append(f"        if __x is not None: {var} = __x")
            lines.append("        else:")
            lines.extend(
                known_tuple(
                    item,
                    index,
                    var,
                    "            ",
                    env=env,
                    hook_for=hook_for,
                    table_for=table_for,
                )
            )
        elif item is not None and build_of(item) is not None:
            env[f"__b{index}"] = build_of(item)
            if inner is None and (a.default is attrs.NOTHING or a.default == ()):
                made[a.name] = item
            lines.append(f"    if {var}: {var} = tuple(map(__b{index}, {var}))")
        elif item is not None:
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(item), item
            if item in _TAKE_INTEGERS:
                test = f"not all(map(__fits, {var}))"
                test = f"{var} is not None and {test}" if guard else test
                lines.append(f"    if {test}: raise __Refused")
            lines.append(
                f"    {guard}{var} = tuple([__h{index}(__y, __t{index}) for __y in {var}])"
            )
        elif table_for(target) is not None and build_of(target) is not None:
            # Text (a date's EDTF) among the values already made, else by the
            # hook; a struct made by its own build.
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(target), target
            env[f"__k{index}"], env[f"__b{index}"] = table_for(target), build_of(target)
            lines.append(
                f"    {guard}{var} = (__k{index}.get({var}) or __h{index}({var}, __t{index}))"
                f" if type({var}) is str else __b{index}({var})"
            )
        elif table_for(target) is not None:
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(target), target
            env[f"__k{index}"] = table_for(target)
            lines.append(
                f"    {guard}{var} = (__k{index}.get({var}) if type({var}) is str else None)"
                f" or __h{index}({var}, __t{index})"
            )
        elif build_of(target) is not None:
            env[f"__b{index}"] = build_of(target)
            lines.append(f"    {guard}{var} = __b{index}({var})")
        else:
            env[f"__h{index}"], env[f"__t{index}"] = hook_for(target), target
            if target in _TAKE_INTEGERS:
                test = f"{var} is not None and not __fits({var})" if guard else f"not __fits({var})"
                lines.append(f"    if {test}: raise __Refused")
            lines.append(f"    {guard}{var} = __h{index}({var}, __t{index})")
    fn: Build = compile_made(cls, "mirror build", lines, fields, made=made, env=env)
    return fn


class EntityDecoder:
    """Decodes the JSON of entities of the given classes straight into them.

    Made by :meth:`communique.Converter.entity_decoder`; each class whose fields
    can all be mirrored is read this way, any other left to the converter.
    """

    def __init__(self, mirrors: Mirrors, classes: Sequence[type[Entity]]) -> None:
        structs: dict[type, Build] = {}
        for cls in classes:
            struct = mirrors.struct(cls, tag=cls.tag)
            if struct is not None:
                structs[struct] = mirrors.build(cls)
        self._builds = structs
        kinds = tuple(structs)
        self._decode: Callable[[bytes], object] | None = None
        self._decode_lines: Callable[[bytes], list[Any]] | None = None
        self._decode_record: Callable[[bytes], Any] | None = None
        if kinds:
            # A union of the structs, each told by its tag (made at run time).
            one: Any = typing.Union.__getitem__(kinds)
            decoder = msgspec.json.Decoder(one)
            self._decode, self._decode_lines = decoder.decode, decoder.decode_lines
            # A record: its version and its entities, nothing else.
            record = msgspec.defstruct(
                "RecordMirror",
                [("communique", str), ("entities", list[one])],
                forbid_unknown_fields=True,
                gc=False,
            )
            self._decode_record = msgspec.json.Decoder(record).decode
        encoder = msgspec.json.Encoder()
        self._encode, self._encode_lines = encoder.encode, encoder.encode_lines

    def decode_block(self, block: bytes) -> list[Entity] | None:
        """The entities of a block of JSON Lines (whole lines, each ending in a
        newline), one a line, when the block is the text communique writes: its
        structs written back are the same bytes. Otherwise ``None``, and its lines
        are read one by one (:meth:`decode_all`).

        msgspec reads the block in one call, as values separated by white space
        (a value may span lines, a line may hold two), and keeps the last of two
        equal keys; only the block written back byte for byte proves that each
        line held one value and lost nothing.
        """
        decode = self._decode_lines
        if decode is None:
            return None
        try:
            structs = decode(block)
            written = self._encode_lines(structs)
        except (msgspec.MsgspecError, RecursionError):
            return None
        if written != block:
            return None
        builds = self._builds
        try:
            return [builds[type(struct)](struct) for struct in structs]
        except Exception:  # noqa: BLE001 - read again line by line, which says why
            return None

    def decode_all(self, texts: Sequence[bytes]) -> list[Entity | None]:
        """The entity of each JSON text, or ``None`` for a text this way cannot
        take (which the converter then reads, and reports on).

        The texts are proven together, as the elements of one array: the structs
        written back are that array, byte for byte (text written as communique
        writes it), or else they have as many colons as it (each key is followed
        by one colon outside strings; a key given twice is written once). Texts
        that fail this are all left to the converter.
        """
        out: list[Entity | None] = [None] * len(texts)
        decode = self._decode
        if decode is None:
            return out
        kept: Sequence[int] = range(len(texts))
        try:
            # All at once, as they mostly are: one step, not one a text.
            structs = list(map(decode, texts))
        except (msgspec.MsgspecError, RecursionError):
            structs, kept = [], []
            for k, text in enumerate(texts):
                try:
                    structs.append(decode(text))
                except (msgspec.MsgspecError, RecursionError):
                    continue
                kept.append(k)
        if not structs:
            return out
        raw = (
            b"[" + b",".join(texts if len(kept) == len(texts) else [texts[k] for k in kept]) + b"]"
        )
        try:
            written = self._encode(structs)
        except (msgspec.MsgspecError, RecursionError):
            return out
        if written != raw and colons_differ(raw, written):
            return out
        builds = self._builds
        if len(kept) == len(texts):
            try:
                return [builds[type(struct)](struct) for struct in structs]
            except Exception:  # noqa: BLE001, S110 - built one by one below, to keep the others
                pass
        for k, struct in zip(kept, structs, strict=True):
            try:
                out[k] = builds[type(struct)](struct)
            except Exception:  # noqa: BLE001, S112 - read again by the converter, which says why
                continue
        return out

    def decode_record(self, raw: bytes, version: str) -> list[Entity] | None:
        """The entities of a JSON record document of the format ``version``, or
        ``None`` when this way cannot take the whole of it (the converter then
        reads it, and reports on it).

        Proven as :meth:`decode_all` proves texts: written back, the record is
        ``raw`` without the space between its tokens (however it is indented),
        or else it has as many colons as ``raw``.
        """
        decode = self._decode_record
        if decode is None:
            return None
        try:
            record = decode(raw)
        except (msgspec.MsgspecError, RecursionError):
            return None
        if record.communique != version:
            return None
        try:
            written = self._encode(record)
        except (msgspec.MsgspecError, RecursionError):
            return None
        if written != raw and _compact(raw) != written and colons_differ(raw, written):
            return None
        builds = self._builds
        try:
            return [builds[type(struct)](struct) for struct in record.entities]
        except Exception:  # noqa: BLE001 - read again by the converter, which says why
            return None


def _compact(raw: bytes) -> bytes | None:
    """``raw`` without the spaces and line breaks between its tokens: every key,
    string and number as it is written there (msgspec reformats JSON without
    reading its values)."""
    try:
        return msgspec.json.format(raw, indent=-1)
    except (msgspec.MsgspecError, RecursionError):
        return None
