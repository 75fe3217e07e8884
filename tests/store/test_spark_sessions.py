"""A Spark Connect session is never left to the garbage collector: pyspark 4.0's finaliser,
run by the collector inside another thread's ``ThreadPoolExecutor.submit``, deadlocks with a
query thread releasing its results (``ndp.store.spark_location.open_session``). A session is
created without reaching the server, so this needs none."""

from __future__ import annotations

import gc
import weakref

import pytest

from ndp.store.spark_location import open_session, parse_location

pytest.importorskip("pyspark")


def test_opened_sessions_outlive_every_reference_of_their_callers() -> None:
    where = parse_location("sc://127.0.0.1:1/unreached")
    # pyspark keeps the process's first session as its default: the later ones are at risk
    kept = [weakref.ref(open_session(where)) for _ in range(3)]
    gc.collect()
    assert all(ref() is not None for ref in kept), "the collector finalised a Spark session"
