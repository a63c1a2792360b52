"""Amounts of money: an exact decimal value and an ISO 4217 currency."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from attrs import Attribute, field, frozen

from .._shown import shown
from ..errors import FieldError
from ._base import Check

__all__ = ["Money"]

_ISO4217: Final = re.compile(r"[A-Z]{3}")


@Check.of("currency", pattern=_ISO4217)
def check_currency(_: object, attribute: Attribute[str], value: str) -> None:
    if not _ISO4217.fullmatch(value):
        raise FieldError(
            attribute.name, f"{shown(value)} is not an ISO 4217 currency code such as 'EUR'"
        )


#: A decimal amount as files write it: ASCII digits, a minus sign, a point with
#: digits on both sides, an exponent. Decimal() alone also takes "1_000", " 12 ",
#: "+5", "5." and digits of any script, which are then written back otherwise.
_AMOUNT: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?", re.ASCII)


def amount_of(value: Decimal | str | int) -> Decimal:
    """The exact amount of a decimal text (``"1250000.50"``), an integer or a
    Decimal; a ValueError for anything else (``"1_000"``, ``" 12 "``, ``"١٢"``,
    ``"NaN"``)."""
    if type(value) is str and not _AMOUNT.fullmatch(value):
        raise ValueError(
            f"{shown(value)} is not a decimal amount written with ASCII digits, such as '1250000.50'"
        )
    amount = Decimal(value)
    if not amount.is_finite():
        raise ValueError(f"{shown(value)} is not a finite amount")
    return amount


@frozen(kw_only=True, weakref_slot=False)
class Money:
    """An amount of money, kept exact (written as a decimal string in files).

    >>> Money(value="1.5e6", currency="USD").value
    Decimal('1.5E+6')
    """

    value: Decimal = field(converter=amount_of)
    currency: str = field(validator=check_currency)
    note: str | None = None
