"""What both peers share: the patterns and the vocabularies, taken from communique
so that the three schemas accept the same values."""

from __future__ import annotations

import enum
from typing import Any, Literal

from communique import vocab

ID = r"^[a-z][a-z0-9_-]*(?::[a-z][a-z0-9_-]*)?:[A-Za-z0-9][A-Za-z0-9._~:/+-]*$"
COUNTRY = r"^[A-Z]{2}$"
CURRENCY = r"^[A-Z]{3}$"
# The EDTF forms of the corpora (a day, a month or a year, maybe uncertain or
# approximate, or an interval of two of them); communique also reads open
# intervals and the rarer forms.
EDTF = r"^(?:-?\d{4}(?:-\d{2}(?:-\d{2})?)?[?~%]?)(?:/-?\d{4}(?:-\d{2}(?:-\d{2})?)?[?~%]?)?$"


def literal(name: str) -> Any:
    """A ``Literal`` of the values of one communique vocabulary."""
    cls = getattr(vocab, name)
    values = [m.value for m in cls] if issubclass(cls, enum.Enum) else list(cls._labels)
    return Literal[tuple(values)]
