"""Exports to, and imports from, the formats and tools the field already uses.

Each target has its own module, and its library is imported only when that
module is used (install the extra named in the error if it is missing):

- :mod:`~communique.interop.popolo`: Popolo JSON, export and import;
- :mod:`~communique.interop.ftm`: FollowTheMoney entities (extra ``ftm``);
- :mod:`~communique.interop.jsonld`: schema.org JSON-LD (extra ``jsonld`` to expand it);
- :mod:`~communique.interop.arrow`: Arrow tables and a Parquet dataset (extra ``arrow``).

What a target cannot carry is reported as :class:`Loss` notes, never dropped
in silence.
"""

from ._loss import Export, Loss
from .arrow import read_parquet, to_arrow, write_parquet
from .ftm import to_ftm
from .jsonld import to_jsonld
from .popolo import from_popolo, to_popolo

__all__ = [
    "Export",
    "Loss",
    "from_popolo",
    "read_parquet",
    "to_arrow",
    "to_ftm",
    "to_jsonld",
    "to_popolo",
    "write_parquet",
]
