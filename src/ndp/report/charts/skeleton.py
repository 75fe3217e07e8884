"""Chart specs made with Altair once per shape and process, then filled in.

Building a spec with Altair costs about 25 ms (its objects are deep-copied at every step), and
the dashboard builds two for each indicator page at each area. Yet the spec without its
``datasets`` depends only on a chart's shape: its unit, the quarters on its axis, how many
series and which point kinds it has, not on the figures. So a chart's builder names its shape
as a key and hands :func:`skeleton` a function that builds the chart with Altair; the styled
spec is made once per key and kept as JSON text, and the strings that differ between charts
of the same shape (series names, a comparator's label) are placeholders it fills in. The
result is the spec Altair would have made for those values (tests/report/test_chart_skeleton.py
checks this for every chart of the demo pack).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Hashable
from typing import Any

import altair as alt

_MADE: dict[Hashable, str] = {}
_MAX = 1024
_lock = threading.Lock()


def placeholder(name: str) -> str:
    """A string no chart holds, to be filled in: ``\\x01name``."""
    return f"\x01{name}"


def skeleton(
    key: Hashable,
    make: Callable[[], alt.TopLevelMixin],
    style: Callable[[alt.TopLevelMixin], dict[str, Any]],
    fill: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The styled spec of ``make()`` for ``key``, with each placeholder of ``fill`` replaced by
    its string: a fresh dict each call, so a caller may add its datasets to it."""
    with _lock:
        text = _MADE.get(key)
    if text is None:
        text = json.dumps(style(make()))
        with _lock:
            if len(_MADE) >= _MAX:
                _MADE.clear()
            _MADE[key] = text
    for name, value in (fill or {}).items():
        text = text.replace(json.dumps(placeholder(name)), json.dumps(value))
    spec: dict[str, Any] = json.loads(text)
    return spec


def forget() -> None:
    """Drop every skeleton (tests compare a filled skeleton with a fresh build)."""
    with _lock:
        _MADE.clear()


def shapes() -> int:
    """How many shapes this process has made (the dashboard warms them before it forks)."""
    with _lock:
        return len(_MADE)
