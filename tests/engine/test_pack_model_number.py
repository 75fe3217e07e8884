"""The pack's ``Number`` (a left-to-right union, strict members first, for speed) validates every
input as pydantic's smart ``int | Decimal`` does: the same value of the same type, or an error
for both. A pack read from disk is checked as before, and the engine's figures come out as
they did."""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from ndp.engine.pack_model import MonthPoint, Number

SMART = TypeAdapter(int | Decimal | None)
OURS = TypeAdapter(Number | None)


class Code(IntEnum):
    THREE = 3


def outcome(adapter: TypeAdapter[Any], value: object) -> tuple[str, object]:
    try:
        got = adapter.validate_python(value)
    except ValidationError:
        return ("error", None)
    return (type(got).__name__, got)


INPUTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-1e6, 1e6).map(round).map(float),  # whole floats: lax int takes them
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(-(10**6), 10**6, places=2),
    st.integers(-1000, 1000).map(str),
    st.decimals(-1000, 1000, places=3).map(str),
    st.text(max_size=5),
    st.integers(-1000, 1000).map(np.int64),
    st.floats(-1000, 1000).map(np.float64),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=600, deadline=None)
@given(INPUTS)
def test_number_validates_as_the_smart_union(value: object) -> None:
    assert outcome(OURS, value) == outcome(SMART, value)


@pytest.mark.parametrize(
    "value",
    [
        0,
        True,
        2.0,
        -0.0,
        1.5,
        "1",
        " 2 ",
        "1.5",
        "1e3",
        b"7",
        Decimal("2"),
        Decimal("-0.00"),
        Decimal("1E+2"),
        Decimal("NaN"),
        Decimal("Infinity"),
        Code.THREE,
        float("nan"),
        "abc",
    ],
)
def test_number_edge_cases(value: object) -> None:
    assert outcome(OURS, value) == outcome(SMART, value)


def test_a_point_keeps_counts_whole_and_amounts_exact() -> None:
    """What the engine hands over stays as it is, and a whole float is a count as before."""
    assert type(MonthPoint.model_validate({"month": "Apr", "value": 12}).value) is int
    assert MonthPoint.model_validate({"month": "Apr", "value": Decimal("0.10")}).value == Decimal(
        "0.10"
    )
    assert str(MonthPoint.model_validate({"month": "Apr", "value": Decimal("0.10")}).value) == (
        "0.10"
    )
    assert type(MonthPoint.model_validate({"month": "Apr", "value": 3.0}).value) is int
    with pytest.raises(ValidationError):
        MonthPoint.model_validate({"month": "Apr", "value": Decimal("NaN")})
