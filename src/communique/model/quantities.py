"""Qualified quantities: an amount or a count as a text gives it ("more than USD 2
billion over five years", "about 40 delegations", "between 3 and 5 per cent"), with
its qualifier, its period and its purpose."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar

from attrs import Attribute, converters, field, frozen

from ..dates import Date
from ..errors import FieldError
from ..vocab import Qualifier
from ._base import Check, Evidence, JsonValue, refs
from .money import amount_of, check_currency

__all__ = ["Quantity"]


@Check.of("currency", pattern=check_currency.pattern)
def _optional_currency(instance: object, attribute: Attribute[str], value: str | None) -> None:
    if value is not None:
        check_currency(instance, attribute, value)


def _check_whole(quantity: Quantity, attribute: Attribute[str | None], value: str | None) -> None:
    if quantity.qualifier is Qualifier.RANGE:
        if quantity.value is not None or quantity.low is None or quantity.high is None:
            raise FieldError("value", "a range gives its low and high values, not a value")
        if quantity.low > quantity.high:
            raise FieldError(
                "high", f"the range ends at {quantity.high}, below its low {quantity.low}"
            )
    else:
        if quantity.value is None:
            raise FieldError("value", f"a quantity {quantity.qualifier.value} gives its value")
        if quantity.low is not None or quantity.high is not None:
            raise FieldError(
                "low" if quantity.low is not None else "high",
                "only a range gives low and high values (qualifier: range)",
            )
    if quantity.currency is not None and quantity.unit is not None:
        raise FieldError("unit", "an amount of money has a currency, not a unit as well")


@frozen(kw_only=True, weakref_slot=False)
class Quantity:
    """An amount of money or a count of something, qualified as the text qualifies it.

    ``qualifier`` says how the quantity relates to ``value``: ``exactly`` (the
    default), ``about``, ``at_least``, ``more_than``, ``up_to``, ``less_than``; a
    ``range`` gives ``low`` and ``high`` instead of ``value``. An amount of money
    has its ``currency`` (ISO 4217); a count says what it counts in ``unit``
    (``"nations"``, ``"troops"``, ``"per cent"``) and, when it counts agents the
    record knows, names them in ``counted`` (the count may be more than those
    named). ``period`` is the time it covers (``2026/2030``, with the phrase "over
    five years"), ``purpose`` what it is for. Values are kept exact (decimal text
    in files).

    >>> q = Quantity(qualifier="more_than", value="2e9", currency="USD",
    ...              period=Date(edtf="2026/2030", phrase="over five years"))
    >>> q.qualifier.label, q.value, q.period.phrase
    ('More than', Decimal('2E+9'), 'over five years')
    >>> Quantity(qualifier="range", low=3, high=5, unit="per cent").high
    Decimal('5')
    >>> Quantity(qualifier="range", value=4)
    Traceback (most recent call last):
    ...
    communique.errors.FieldError: a range gives its low and high values, not a value
    """

    #: The rules across fields that the JSON Schema adds to the fields' own.
    json_schema_rules: ClassVar[Mapping[str, JsonValue]] = {
        "if": {"required": ["qualifier"], "properties": {"qualifier": {"const": "range"}}},
        "then": {"required": ["low", "high"], "not": {"required": ["value"]}},
        "else": {
            "required": ["value"],
            "not": {"anyOf": [{"required": ["low"]}, {"required": ["high"]}]},
        },
        "not": {"required": ["currency", "unit"]},
    }

    qualifier: Qualifier = field(default=Qualifier.EXACTLY, converter=Qualifier)
    value: Decimal | None = field(default=None, converter=converters.optional(amount_of))
    low: Decimal | None = field(default=None, converter=converters.optional(amount_of))
    high: Decimal | None = field(default=None, converter=converters.optional(amount_of))
    currency: str | None = field(default=None, validator=_optional_currency)
    unit: str | None = None
    counted: tuple[str, ...] = field(default=(), metadata=refs("Agent", role="counted"))
    period: Date | None = None
    purpose: str | None = None
    evidence: tuple[Evidence, ...] = ()
    # Checked last, with every field set: the checks across fields ride on it.
    note: str | None = field(default=None, validator=_check_whole)

    @property
    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        """The least and the greatest the quantity can be, ``None`` where it is
        open; ``about`` is taken as its value.

        >>> Quantity(qualifier="at_least", value=50).bounds
        (Decimal('50'), None)
        """
        q = self.qualifier
        if q is Qualifier.RANGE:
            return self.low, self.high
        if q in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
            return self.value, None
        if q in (Qualifier.UP_TO, Qualifier.LESS_THAN):
            return None, self.value
        return self.value, self.value
