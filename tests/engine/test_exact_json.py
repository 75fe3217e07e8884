"""The pack's JSON encoder (orjson) writes exactly the text the standard library's encoder
writes, Decimals as exact numbers, for any text, integer, nesting and number the pack can hold."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ndp.engine.exact_json import ExactWriter, dumps_exact


def _stdlib(value: Any) -> Any:
    """What json.dumps writes for a Decimal: a marker string swapped for the bare number."""
    if isinstance(value, Decimal):
        return {"__decimal__": format(value.normalize(), "f")}
    raise TypeError(type(value).__name__)


def reference(data: Any) -> str:
    text = json.dumps(data, default=_stdlib, separators=(",", ":"))
    # {"__decimal__":"1.5"} -> 1.5: the only place the marker key can appear
    while '{"__decimal__":"' in text:
        start = text.index('{"__decimal__":"')
        end = text.index('"}', start)
        text = text[:start] + text[start + len('{"__decimal__":"') : end] + text[end + 2 :]
    return text


decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None)
leaves = st.none() | st.booleans() | st.integers() | st.text() | decimals
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(values)
def test_the_same_text_as_the_standard_library(data: Any) -> None:
    assert dumps_exact(data) == reference(data)


def test_decimals_unicode_and_big_integers() -> None:
    data = {
        "money": Decimal("290897.90"),
        "rate": Decimal("-0.0500"),
        "big": Decimal("1E+3"),
        "name": "Ynys Môn £ – \x7f 😀",
        "id": 2**70,
    }
    assert dumps_exact(data) == (
        '{"money":290897.9,"rate":-0.05,"big":1000,'
        '"name":"Ynys M\\u00f4n \\u00a3 \\u2013 \\u007f \\ud83d\\ude00",'
        '"id":1180591620717411303424}'
    )
    assert dumps_exact({"lone": "\ud800"}) == '{"lone":"\\ud800"}'


SHARED = ExactWriter()  # one writer across every example, as write_pack shares one


@given(values)
def test_a_shared_writer_writes_each_document_as_alone(data: Any) -> None:
    assert SHARED.dumps(data) == reference(data)


def test_equal_decimals_written_by_their_own_value() -> None:
    writer = ExactWriter()
    numbers = [Decimal("1.50"), Decimal("1.5"), Decimal("0"), Decimal("-0"), Decimal("-0.000")]
    assert [writer.dumps(n) for n in numbers] == ["1.5", "1.5", "0", "-0", "-0"]
