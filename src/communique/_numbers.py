"""The integers a record holds: those that fit in 64 bits, as every JSON tool
reads them alike (beyond that, some read floats and lose digits)."""

from __future__ import annotations

from typing import Final

__all__ = ["INT_MAX", "INT_MIN"]

INT_MIN: Final = -(2**63)
INT_MAX: Final = 2**63 - 1
