"""Arrow tables and a Parquet dataset: the record in a relational layout.

The layout is derived from the model, so that a downstream class registered
under its own tag adds its fields as columns:

- one table per family of entities, named for the class just below
  :class:`~communique.Entity` (``agents``, ``memberships``, ``events``,
  ``statements``, ``proposals``, ``documents``, ``sources``): one row per
  entity, one column per field, with ``type`` telling the class;
- one table per kind of repeated value (``participations``, ``responses``,
  ``posts``, ``status_changes``, ``votes``, ``evidence``, ``identifiers``,
  ``names``, ``money``), one row per value, pointing at its ``entity`` and at
  the JSON ``path`` of its owner (``parent``) and of itself (``path``);
- ``entities``: every entity's id, type, family table, place in the record
  (``ordinal``) and canonical JSON (its line of the JSON Lines format), the
  lossless route back to an equal record;
- ``extensions``: the namespaced extension values, one row per key.

Columns follow the fields: a date gives seven (``date`` the EDTF text,
``date_lower`` and ``date_upper`` its bounds, ``date_low`` and ``date_high`` the
bounds it may have once an approximate date is widened, ``date_certain`` whether
it is neither uncertain nor approximate, and ``date_inferred``), with which SQL
gives the answers of :meth:`communique.Query.on` (see the interop page); a single
nested value is flattened with its field name as prefix (``place_locality``,
``decision_tally_in_favour``); lists of ids or terms are list columns
(``organisers``, ``roles``, ``speakers``); vocabularies are text; money is
exact decimal text. Every table has a ``year``, the year its entity starts
(the earliest day of its date, or of the date it takes from another entity:
see :func:`communique.model.date_of`), by which the Parquet dataset is
partitioned (``events/year=2020/part-0.parquet``).
"""

from __future__ import annotations

import enum
import json
import os
import re
import shutil
import tempfile
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Union

import attrs

from .._index import NO_END, NO_START, span_of_dates
from ..converter import FORMAT_VERSION, Converter, EntityError, default_converter
from ..dates import EPOCH_DAY, Date, DateError, calendar_day
from ..errors import LoadError, Problem
from ..formats import json as json_format
from ..model import Entity, bounds_of
from ..model._meaning import Lookup
from ..record import Record
from ..registry import Registry
from ..vocab import Term

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "read_parquet",
    "table_layout",
    "table_names",
    "table_of",
    "to_arrow",
    "write_parquet",
]

#: The version of the relational layout, written in the dataset's ``_communique.json``.
LAYOUT_VERSION: Final = "1"
_META: Final = "_communique.json"
_NULL_PARTITION: Final = "__HIVE_DEFAULT_PARTITION__"
_UNCOUNTABLE: Final = frozenset({"Evidence", "EventSeries", "Money"})


def _pyarrow(what: str = "communique.interop.arrow") -> Any:
    try:
        import pyarrow
    except ImportError as exc:
        raise ImportError(
            f"{what} needs pyarrow: install the 'arrow' extra (pip install 'communique[arrow]')"
        ) from exc
    return pyarrow


# -- the layout, derived from the model ---------------------------------------


@attrs.frozen
class _Column:
    name: str
    kind: str  # string, int64, float64, bool, date32, list<string>, json
    get: Callable[[Any], Any]


@attrs.frozen
class _Child:
    owner: str  # path from the row's value to the owner of the list: "", ".decision"
    field: str
    get: Callable[[Any], tuple[Any, ...]]
    item: type


@attrs.frozen
class _Plan:
    columns: tuple[_Column, ...]
    children: tuple[_Child, ...]


def _attr(get: Callable[[Any], Any], name: str) -> Callable[[Any], Any]:
    def getter(value: Any) -> Any:
        owner = get(value)
        return None if owner is None else getattr(owner, name)

    return getter


def _then(get: Callable[[Any], Any], f: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def getter(value: Any) -> Any:
        inner = get(value)
        return None if inner is None else f(inner)

    return getter


def _identity(value: Any) -> Any:
    return value


def _text(value: Any) -> str:
    return value.value if isinstance(value, enum.Enum) else str(value)


def _texts(values: tuple[Any, ...]) -> list[str]:
    return [_text(v) for v in values]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _non_null(hint: Any) -> Any:
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _is_scalar_text(hint: Any) -> bool:
    return hint is str or (isinstance(hint, type) and issubclass(hint, (Term, enum.Enum, Decimal)))


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    """The columns and child lists of an attrs class, cached per class."""
    known = _PLANS.get(cls)
    if known is not None:
        return known
    columns: list[_Column] = []
    children: list[_Child] = []

    def walk(c: type, prefix: str, owner: str, get: Callable[[Any], Any]) -> None:
        for a in attrs.fields(attrs.resolve_types(c)):
            if a.name == "extensions" or not a.init:
                continue
            hint = _non_null(a.type)
            name = prefix + a.name
            value = _attr(get, a.name)
            if typing.get_origin(hint) is tuple:
                (item,) = [t for t in typing.get_args(hint) if t is not Ellipsis]
                if _is_scalar_text(item):
                    columns.append(_Column(name, "list<string>", _then(value, _texts)))
                elif attrs.has(item) and item is not Date:
                    children.append(_Child(owner, a.name, value, item))
                else:
                    columns.append(_Column(name, "json", _then(value, _unstructured_json)))
            elif hint is Date:
                columns.append(_Column(name, "string", _then(value, lambda d: d.edtf)))
                span = _then(value, _span)
                for suffix, part in (("lower", 0), ("upper", 1), ("low", 2), ("high", 3)):
                    columns.append(_Column(f"{name}_{suffix}", "date32", _then(span, _part(part))))
                columns.append(_Column(f"{name}_certain", "bool", _then(span, _part(4))))
                columns.append(
                    _Column(f"{name}_inferred", "bool", _then(value, lambda d: d.inferred))
                )
            elif hint is bool:
                columns.append(_Column(name, "bool", value))
            elif hint is int:
                columns.append(_Column(name, "int64", value))
            elif hint is float:
                columns.append(_Column(name, "float64", value))
            elif _is_scalar_text(hint):
                columns.append(_Column(name, "string", _then(value, _text)))
            elif isinstance(hint, type) and attrs.has(hint):
                walk(hint, f"{name}_", f"{owner}.{a.name}", value)
            else:
                columns.append(_Column(name, "json", _then(value, _unstructured_json)))

    walk(cls, "", "", _identity)
    plan = _Plan(tuple(columns), tuple(children))
    _PLANS[cls] = plan
    return plan


def _unstructured_json(value: Any) -> str:
    return _json(default_converter.unstructure(value))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _plural(cls: type) -> str:
    """A table's name: the class name in snake case, plural."""
    name = cls.__name__
    snake = _snake(name)
    if name in _UNCOUNTABLE:
        return snake
    # "quantity" makes "quantities"; "day" makes "days".
    if snake.endswith("y") and snake[-2:-1] not in ("a", "e", "i", "o", "u"):
        return f"{snake[:-1]}ies"
    return f"{snake}s"


def _family(cls: type[Entity]) -> type[Entity]:
    """The class just below Entity that ``cls`` descends from."""
    mro = [c for c in cls.__mro__ if isinstance(c, type) and issubclass(c, Entity)]
    return mro[-2] if len(mro) >= 2 else cls


_KEY_COLUMNS: Final = (
    _Column("entity", "string", _identity),
    _Column("parent", "string", _identity),
    _Column("path", "string", _identity),
    _Column("field", "string", _identity),
    _Column("ordinal", "int32", _identity),
)


@attrs.frozen
class _Layout:
    families: dict[str, list[type[Entity]]]
    family_columns: dict[str, list[_Column]]
    value_tables: dict[str, list[type]]
    value_columns: dict[str, list[_Column]]

    @classmethod
    def of(cls, registry: Registry) -> _Layout:
        families: dict[str, list[type[Entity]]] = {}
        for _, entity_cls in registry:
            families.setdefault(_plural(_family(entity_cls)), []).append(entity_cls)
        value_tables: dict[str, list[type]] = {}

        def gather(c: type) -> None:
            for child in _plan(c).children:
                table = value_tables.setdefault(_plural(child.item), [])
                if child.item not in table:
                    table.append(child.item)
                    gather(child.item)

        for classes in families.values():
            for c in classes:
                gather(c)
        return cls(
            families,
            {name: _union([_plan(c).columns for c in cs], name) for name, cs in families.items()},
            value_tables,
            {
                name: _union([_KEY_COLUMNS, *[_plan(c).columns for c in cs]], name)
                for name, cs in value_tables.items()
            },
        )


def _union(plans: list[tuple[_Column, ...]], table: str) -> list[_Column]:
    out: dict[str, _Column] = {}
    for columns in plans:
        for column in columns:
            known = out.get(column.name)
            if known is None:
                out[column.name] = column
            elif known.kind != column.kind:
                raise TypeError(
                    f"table {table!r}: column {column.name!r} is {known.kind} in one class "
                    f"and {column.kind} in another"
                )
    return list(out.values())


def table_names(registry: Registry | None = None) -> list[str]:
    """The names of the tables :func:`to_arrow` gives for a registry.

    >>> table_names()[:4]
    ['entities', 'extensions', 'agents', 'memberships']
    """
    layout = _Layout.of(_registry(registry))
    return ["entities", "extensions", *layout.families, *layout.value_tables]


def table_layout(registry: Registry | None = None) -> dict[str, tuple[list[type], list[str]]]:
    """For each table of entities or of values inside them (not ``entities`` and
    ``extensions``), the classes whose rows it holds and its column names, as
    :func:`to_arrow` makes them from the model: what the documentation's list of
    tables is written from.

    >>> classes, columns = table_layout()["memberships"]
    >>> [c.__name__ for c in classes], columns[:6]
    (['Membership'], ['type', 'id', 'note', 'replaces', 'member', 'organization'])
    """
    layout = _Layout.of(_registry(registry))
    found: dict[str, tuple[list[type], list[str]]] = {}
    for name, classes in layout.families.items():
        found[name] = (list(classes), [c.name for c in _family_columns(layout, name)])
    for name, values in layout.value_tables.items():
        columns = _union([_plan(c).columns for c in values], name)
        found[name] = (list(values), [c.name for c in columns])
    return found


def _registry(registry: Registry | None) -> Registry:
    return registry if registry is not None else default_converter.registry


# -- to Arrow ----------------------------------------------------------------


def _arrow_type(kind: str) -> pa.DataType:
    pa_ = _pyarrow()
    types_: dict[str, pa.DataType] = {
        "string": pa_.string(),
        "json": pa_.string(),
        "int64": pa_.int64(),
        "int32": pa_.int32(),
        "float64": pa_.float64(),
        "bool": pa_.bool_(),
        "date32": pa_.date32(),
        "list<string>": pa_.list_(pa_.string()),
    }
    return types_[kind]


def _schema(columns: list[_Column]) -> pa.Schema:
    pa_ = _pyarrow()
    fields = [pa_.field(c.name, _arrow_type(c.kind)) for c in columns]
    fields.append(pa_.field("year", pa_.int32()))
    schema: pa.Schema = pa_.schema(fields)
    return schema


_ENTITY_COLUMNS: Final = [
    _Column("id", "string", _identity),
    _Column("type", "string", _identity),
    _Column("table", "string", _identity),
    _Column("ordinal", "int64", _identity),
    _Column("json", "json", _identity),
]
_EXTENSION_COLUMNS: Final = [
    _Column("entity", "string", _identity),
    _Column("key", "string", _identity),
    _Column("value", "json", _identity),
]


def _year(entity: Entity, lookup: Lookup | None) -> int | None:
    """The year an entity starts: the earliest day of its date (see
    :func:`communique.model.date_of`), its own or, with ``lookup``, the one it
    takes from another entity (a statement's event)."""
    bounds = bounds_of(entity, lookup)
    if bounds is None:
        return None
    start = bounds[0] if bounds[0] is not None else bounds[1]
    return calendar_day(start)[0] if start is not None else None


def _epoch_days(day: int, bound: int) -> int | None:
    """A day number as days from 1970-01-01 (Arrow's date32); ``None`` for an open end."""
    if day == bound:
        return None
    days = day - EPOCH_DAY
    if not -(2**31) <= days < 2**31:
        year = calendar_day(day)[0]
        raise DateError(
            f"the year {year} is beyond what an Arrow date (date32) holds, about 5.8 million "
            "years either side of 1970"
        )
    return days


def _span(date: Date) -> tuple[int | None, int | None, int | None, int | None, bool]:
    """A date's stated bounds, the bounds it may have, and whether it is certain, as
    the queries of :class:`communique.Query` see them (approximate dates widened)."""
    return _span_of_text(date.edtf)


@lru_cache(maxsize=65536)
def _span_of_text(edtf: str) -> tuple[int | None, int | None, int | None, int | None, bool]:
    # Corpora repeat their dates, and each date gives five columns.
    date = Date(edtf)
    span = span_of_dates(date, date)
    assert span is not None
    return (
        _epoch_days(span.lower, NO_START),
        _epoch_days(span.upper, NO_END),
        _epoch_days(span.low, NO_START),
        _epoch_days(span.high, NO_END),
        span.certain,
    )


def _part(index: int) -> Callable[[tuple[Any, ...]], Any]:
    return lambda values: values[index]


def to_arrow(record: Record, *, converter: Converter | None = None) -> dict[str, pa.Table]:
    """The record as Arrow tables, by name (see the module's documentation).

    >>> import communique as cq
    >>> tables = to_arrow(cq.Record([cq.Event(id="event:e", kind="meeting", date=cq.Date("2020-03"))]))
    >>> tables["events"].select(["id", "kind", "date", "date_upper", "year"]).to_pylist()
    [{'id': 'event:e', 'kind': 'meeting', 'date': '2020-03', 'date_upper': datetime.date(2020, 3, 31), 'year': 2020}]
    """
    pa_ = _pyarrow()
    conv = converter or default_converter
    layout = _Layout.of(conv.registry)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in table_names(conv.registry)}
    for position, entity in enumerate(record.entities):
        cls = type(entity)
        table = _plural(_family(cls))
        if table not in layout.families or cls not in layout.families[table]:
            raise TypeError(
                f"{entity.id}: {cls.__qualname__} is not registered in the converter's registry"
            )
        year = _year(entity, record.find)
        data = conv.unstructure_entity(entity)
        rows["entities"].append(
            {
                "id": entity.id,
                "type": cls.tag,
                "table": table,
                "ordinal": position,
                "json": json_format.dumps(data, indent=False).decode("utf-8").rstrip("\n"),
                "year": year,
            }
        )
        for key in sorted(entity.extensions):
            rows["extensions"].append(
                {
                    "entity": entity.id,
                    "key": key,
                    "value": _json(entity.extensions[key]),
                    "year": year,
                }
            )
        rows[table].append(_family_row(entity, year))
        for child_row in _child_rows(entity, entity, "$", year):
            rows[child_row.pop("__table__")].append(child_row)
    columns: dict[str, list[_Column]] = {
        "entities": _ENTITY_COLUMNS,
        "extensions": _EXTENSION_COLUMNS,
        **{name: _family_columns(layout, name) for name in layout.family_columns},
        **layout.value_columns,
    }
    return {name: pa_.Table.from_pylist(rows[name], schema=_schema(columns[name])) for name in rows}


def _family_row(entity: Entity, year: int | None) -> dict[str, Any]:
    """An entity's row in the table of its family."""
    cls = type(entity)
    row = {c.name: c.get(entity) for c in _plan(cls).columns}
    row["year"] = year
    row["type"] = cls.tag
    return row


def _family_columns(layout: _Layout, name: str) -> list[_Column]:
    return [
        _Column("type", "string", _identity),
        *[c for c in layout.family_columns[name] if c.name != "type"],
    ]


def table_of(
    entities: Iterable[Entity],
    of: type[Entity] = Entity,
    *,
    converter: Converter | None = None,
    record: Record | None = None,
) -> pa.Table:
    """The rows of :func:`to_arrow`'s table for these entities' family
    (``statements``, ``events``, ``agents`` ...), for just these entities and in
    their order, with the same schema: what
    :meth:`Query.to_arrow <communique.Query.to_arrow>` gives.

    ``of`` names the family when there are no entities to tell it; ``record``,
    the record they belong to, where an entity without a date of its own takes
    the year of one (a statement's event). The entities
    must all be of one family: the tables of several are what :func:`to_arrow`
    gives for a whole record.

    >>> import communique as cq
    >>> table = table_of([cq.Event(id="event:e", kind="meeting", date=cq.Date("2020-03"))])
    >>> table.select(["id", "kind", "date", "year"]).to_pylist()
    [{'id': 'event:e', 'kind': 'meeting', 'date': '2020-03', 'year': 2020}]
    """
    pa_ = _pyarrow("to_arrow")
    conv = converter or default_converter
    layout = _Layout.of(conv.registry)
    items = list(entities)
    names = {_plural(_family(type(e))) for e in items} or {_plural(_family(of))}
    if len(names) > 1 or not names <= layout.families.keys():
        known = ", ".join(layout.families)
        raise ValueError(
            f"the entities belong to {', '.join(sorted(names))}: one Arrow table holds one "
            f"family of entities ({known}); select one type, or use "
            "communique.interop.to_arrow for every table of a record"
        )
    [name] = names
    for entity in items:
        if type(entity) not in layout.families[name]:
            raise TypeError(
                f"{entity.id}: {type(entity).__qualname__} is not registered in the "
                "converter's registry"
            )
    lookup = record.find if record is not None else None
    rows = [_family_row(e, _year(e, lookup)) for e in items]
    table: pa.Table = pa_.Table.from_pylist(rows, schema=_schema(_family_columns(layout, name)))
    return table


def _child_rows(
    entity: Entity, value: Any, path: str, year: int | None
) -> Iterator[dict[str, Any]]:
    for child in _plan(type(value)).children:
        items = child.get(value)
        if not items:
            continue
        owner = path + child.owner
        for index, item in enumerate(items):
            item_path = f"{owner}.{child.field}[{index}]"
            row: dict[str, Any] = {
                "__table__": _plural(child.item),
                "entity": entity.id,
                "parent": owner,
                "path": item_path,
                "field": child.field,
                "ordinal": index,
                "year": year,
            }
            row.update({c.name: c.get(item) for c in _plan(type(item)).columns})
            yield row
            yield from _child_rows(entity, item, item_path, year)


# -- Parquet -----------------------------------------------------------------


def write_parquet(
    record: Record,
    folder: str | os.PathLike[str],
    *,
    converter: Converter | None = None,
    overwrite: bool = False,
) -> None:
    """Write the record as a Parquet dataset: a folder per table, partitioned by year.

    The dataset is written beside ``folder`` and moved into place once complete,
    so a reader never sees half of it. An existing non-empty ``folder`` is an
    error unless ``overwrite`` is true.
    """
    pa_ = _pyarrow()
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    target = Path(folder)
    if target.exists() and any(target.iterdir()) and not overwrite:
        raise FileExistsError(f"{target} exists and is not empty; pass overwrite=True")
    tables = to_arrow(record, converter=converter)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        for name, table in tables.items():
            years = table.column("year")
            values = sorted({y for y in years.to_pylist() if y is not None})
            parts: list[tuple[str, pa.Table]] = [
                (str(y), table.filter(pc.equal(years, pa_.scalar(y, pa_.int32())))) for y in values
            ]
            nulls = table.filter(pc.is_null(years))
            if nulls.num_rows or not parts:
                parts.append((_NULL_PARTITION, nulls))
            for year, part in parts:
                where = staging / name / f"year={year}"
                where.mkdir(parents=True)
                pq.write_table(part.drop_columns(["year"]), where / "part-0.parquet")
        meta = {
            "communique": FORMAT_VERSION,
            "layout": LAYOUT_VERSION,
            "partitioning": "hive, by year",
            "tables": {name: [f.name for f in table.schema] for name, table in tables.items()},
        }
        (staging / _META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def read_parquet(folder: str | os.PathLike[str], *, converter: Converter | None = None) -> Record:
    """Read a dataset written by :func:`write_parquet` back into an equal record.

    The record is rebuilt from the ``entities`` table's canonical JSON, in the
    order of its ``ordinal`` column, through the converter (so a record with
    downstream types needs a converter over their registry).

    >>> import tempfile, communique as cq
    >>> record = cq.load("examples/sco_aies_roundtable/record.yaml")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_parquet(record, tmp + "/dataset")
    ...     read_parquet(tmp + "/dataset") == record
    True
    """
    import pyarrow.dataset as ds

    root = Path(folder)
    meta_path = root / _META
    if not meta_path.is_file():
        raise FileNotFoundError(f"{root} is not a communique Parquet dataset (no {_META})")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("layout") != LAYOUT_VERSION:
        raise ValueError(f"{meta_path}: layout {meta.get('layout')!r} is not {LAYOUT_VERSION!r}")
    conv = converter or default_converter
    pa_ = _pyarrow()
    years = ds.partitioning(pa_.schema([("year", pa_.int32())]), flavor="hive")
    table = ds.dataset(root / "entities", format="parquet", partitioning=years).to_table(
        columns=["ordinal", "json"]
    )
    rows = sorted(
        zip(table.column("ordinal").to_pylist(), table.column("json").to_pylist(), strict=True)
    )
    entities: list[Entity] = []
    problems: list[Problem] = []
    for position, text in rows:
        try:
            entities.append(conv.structure_entity(json.loads(str(text))))
        except EntityError as exc:
            problems.extend(
                p.located(file=str(root / "entities"), path=f"$[{position}]{p.path[1:]}")
                for p in exc.problems
            )
    if problems:
        raise LoadError(problems)
    return Record(entities)
