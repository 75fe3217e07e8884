"""A build on DuckDB reads the operations, provenance and loads on a reader of its own, in a
thread beside its scans; the pack is the same as when they are read in turn, as on a backend
without a side reader (PostgreSQL, Spark)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from ndp.engine import build, operations
from ndp.engine.build import build_pack
from ndp.periods import Quarter
from ndp.store import Store

Q = Quarter.parse("2024-25 Q1")


def _without_time(pack: Any) -> str:
    return re.sub(r'"generated_at": ?"[^"]*"', "", pack.to_json())


def test_operations_are_read_beside_the_scans_and_the_pack_is_the_same(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[Store, str]] = []
    real = operations.build_operations

    def watched(store: Store, period: Quarter) -> dict[str, Any]:
        seen.append((store, threading.current_thread().name))
        return real(store, period)

    monkeypatch.setattr(build, "build_operations", watched)
    beside = build_pack(demo_store, Q)
    ((reader, thread),) = seen
    assert reader is not demo_store
    assert thread.startswith("ndp-beside")
    assert reader.con is not demo_store.con  # type: ignore[attr-defined]

    @contextmanager
    def none(self: Store) -> Iterator[None]:
        yield None

    monkeypatch.setattr(type(demo_store), "side_reader", none)
    in_turn = build_pack(demo_store, Q)
    assert seen[1] == (demo_store, threading.current_thread().name)
    assert _without_time(beside) == _without_time(in_turn)
    assert beside.operations  # the demo has operations: the comparison compares something
    assert beside.provenance.files


def test_a_failure_beside_the_scans_is_raised_by_the_build(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(store: Store, period: Quarter) -> dict[str, Any]:
        raise RuntimeError("operations unreadable")

    monkeypatch.setattr(build, "build_operations", failing)
    with pytest.raises(RuntimeError, match="operations unreadable"):
        build_pack(demo_store, Q)
