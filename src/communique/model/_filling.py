"""The classes new instances are filled in as, before they become instances of
their own class, and the subclasses of a model class without them.

A frozen attrs class defines ``__setattr__`` and ``__delattr__``, so Python sets
its slots by the general path: through each slot's descriptor, about 60 ns a
field. A subclass that adds no slot and takes back ``object``'s own
``__setattr__`` and ``__delattr__`` has the same layout and plain slot
assignment, which the interpreter does in a few nanoseconds; an instance made of
it, filled in, and then given its own class (``__class__`` assignment, which
the shared layout allows) is the same object ``__init__`` would have made, in a
quarter of the time for a statement's 32 fields. :mod:`communique._fast` makes
the model's objects this way.

Such a class is a subclass of the model class it fills as far as Python is
concerned: :func:`subclasses` is what the library asks instead of
``__subclasses__``, and it leaves them out.
"""

from __future__ import annotations

from typing import Final, TypeVar

__all__ = ["filling_class", "subclasses"]

# Set in the namespace of every filling class, to the class it fills.
_FILLS: Final = "_communique_fills"


def filling_class(cls: type) -> type | None:
    """The class an instance of ``cls`` is filled in as, or ``None`` when ``cls``
    cannot be filled this way: a class without slots of its own, one made by
    another metaclass, or one below a class that is told of its subclasses
    (``__init_subclass__``), which would be told of this one too."""
    found = _FILLING.get(cls)
    if found is None and cls not in _FILLING:
        found = _FILLING[cls] = _made(cls)
    return found


def _made(cls: type) -> type | None:
    if type(cls) is not type or "__slots__" not in cls.__dict__:
        return None
    if any("__init_subclass__" in c.__dict__ for c in cls.__mro__[:-1]):
        return None
    return type(
        f"Filling[{cls.__name__}]",
        (cls,),
        {
            "__slots__": (),
            "__module__": __name__,
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            # Called with nothing to make an instance (see communique._fast.assembly).
            "__init__": object.__init__,
            _FILLS: cls,
        },
    )


# Each model class's filling class (None when it has none), made once.
_FILLING: dict[type, type | None] = {}


T = TypeVar("T")


def subclasses(cls: type[T]) -> list[type[T]]:
    """The direct subclasses of ``cls``, without the classes its instances are
    filled in as."""
    return [c for c in cls.__subclasses__() if _FILLS not in c.__dict__]
