"""The pack's SQL, compiled once per framework, months and store schema in a process
(``ndp.engine.query_cache``): a second build runs the kept SQL and gives the same pack; a
change to anything the SQL is made from compiles it again."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ndp.engine import query_cache, scans
from ndp.engine.build import build_pack
from ndp.engine.framework import load_framework
from ndp.periods import Month, Quarter
from ndp.store import Store

Q = Quarter.parse("2024-25 Q1")
FIRST, LAST = Month(2022, 7), Month(2024, 6)


def _without_time(pack: Any) -> str:
    return re.sub(r'"generated_at": ?"[^"]*"', "", pack.to_json())


def test_a_second_pack_runs_the_kept_sql_and_is_the_same(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    real = scans._queries

    def counted(*args: Any) -> Any:
        queries = real(*args)
        built.append(len(queries))
        return queries

    monkeypatch.setattr(scans, "_queries", counted)
    query_cache.forget()
    first = build_pack(demo_store, Q)
    assert built[0] >= 10
    second = build_pack(demo_store, Q)
    assert len(built) == 1  # the kept SQL ran; no query was built or compiled again
    assert _without_time(second) == _without_time(first)
    build_pack(demo_store, Quarter.parse("2023-24 Q4"))  # other months: other SQL
    assert len(built) == 2


def test_the_key_follows_the_schema_not_temporary_tables(duck_store: Store) -> None:
    fw = load_framework(None)
    key = query_cache.batch_key(duck_store, fw, FIRST, LAST)
    duck_store.execute("CREATE TEMP TABLE s0 AS SELECT 1 AS a")  # as bench/pack.py does
    assert query_cache.batch_key(duck_store, fw, FIRST, LAST) == key
    duck_store.execute("ALTER TABLE disruptions ADD COLUMN note VARCHAR")
    changed = query_cache.batch_key(duck_store, fw, FIRST, LAST)
    assert changed != key
    assert query_cache.batch_key(duck_store, fw, Month(2022, 8), LAST) != changed


def test_the_key_follows_the_framework_but_not_its_spc_settings(duck_store: Store) -> None:
    fw = load_framework(None)
    key = query_cache.batch_key(duck_store, fw, FIRST, LAST)
    spc = fw.spc.model_copy(update={"min_points": fw.spc.min_points + 1})
    assert query_cache.batch_key(duck_store, fw.model_copy(update={"spc": spc}), FIRST, LAST) == key
    name, ind = next(iter(fw.indicators.items()))
    other = {**fw.indicators, name: ind.model_copy(update={"filter": {"threat": "fraud"}})}
    changed = fw.model_copy(update={"indicators": other})
    assert query_cache.batch_key(duck_store, changed, FIRST, LAST) != key


def test_a_backend_without_sql_text_is_not_cached(
    duck_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(type(duck_store), "runs_sql", False)
    query_cache.forget()
    fw = load_framework(None)
    plans = {p.key: p for p in scans.plan_queries(fw)}
    results = dict(
        query_cache.cached_results(
            duck_store,
            fw,
            (FIRST, LAST),
            lambda: scans._queries(duck_store, fw, plans, FIRST, LAST),
        )
    )
    assert len(results) >= 10
    assert query_cache._batches == {}
