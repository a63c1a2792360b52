"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

from hypothesis import strategies as st

from communique import JsonValue

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)


def json_values() -> st.SearchStrategy[JsonValue]:
    """Any value an extension key can hold: what JSON carries exactly."""
    return st.recursive(
        _SCALARS,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )


def extensions() -> st.SearchStrategy[dict[str, JsonValue]]:
    """A mapping of namespaced extension keys to JSON values."""
    keys = st.from_regex(r"x-[a-z][a-z0-9-]{0,5}:[A-Za-z_][A-Za-z0-9_.-]{0,8}", fullmatch=True)
    return st.dictionaries(keys, json_values(), max_size=3)
