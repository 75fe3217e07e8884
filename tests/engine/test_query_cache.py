"""The pack's SQL, compiled once per framework, months and store schema and kept in the
process and on disk (``ndp.engine.query_cache``, ``ndp.engine.query_files``): a second build,
in the same process or a new one, runs the kept SQL and gives the same pack; a change to
anything the SQL is made from compiles it again; a kept file that cannot be trusted is
ignored and written again."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from ndp.engine import query_cache, query_files, scans
from ndp.engine.build import build_pack
from ndp.engine.framework import load_framework
from ndp.load import load_files
from ndp.periods import Month, Quarter
from ndp.store import Store, open_store
from ndp.store.base import CompiledQuery

Q = Quarter.parse("2024-25 Q1")
FIRST, LAST = Month(2022, 7), Month(2024, 6)


def _without_time(pack: Any) -> str:
    return re.sub(r'"generated_at": ?"[^"]*"', "", pack.to_json())


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many queries each call of ``scans._queries`` (building the scans) built."""
    built: list[int] = []
    real = scans._queries

    def counted(*args: Any) -> Any:
        queries = real(*args)
        built.append(len(queries))
        return queries

    monkeypatch.setattr(scans, "_queries", counted)
    return built


def _first_build(
    store: Store, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> tuple[list[int], Any]:
    """A process's first pack, its SQL kept in ``folder``; and the count of queries built."""
    monkeypatch.setenv("NDP_CACHE_DIR", str(folder))
    built = _counting(monkeypatch)
    query_cache.forget()
    return built, build_pack(store, Q)


def test_a_second_pack_runs_the_kept_sql_and_is_the_same(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    built, first = _first_build(demo_store, monkeypatch, tmp_path)
    assert built[0] >= 10
    second = build_pack(demo_store, Q)
    assert len(built) == 1  # the kept SQL ran; no query was built or compiled again
    assert _without_time(second) == _without_time(first)
    build_pack(demo_store, Quarter.parse("2023-24 Q4"))  # other months: other SQL
    assert len(built) == 2


def test_a_new_process_runs_the_sql_kept_on_disk(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    built, first = _first_build(demo_store, monkeypatch, tmp_path)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 3  # the scans, the operations, the operations' results
    assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in tmp_path.iterdir())
    query_cache.forget()  # what a new process starts with
    second = build_pack(demo_store, Q)
    assert len(built) == 1
    assert _without_time(second) == _without_time(first)
    assert sorted(p.name for p in tmp_path.iterdir()) == files


BAD_FILES = {
    "not JSON": lambda text: text[: len(text) // 2],
    "another format": lambda text: text.replace('"format": 1', '"format": 2'),
    "a changed query": lambda text: text.replace("SELECT", "SELECT 1 AS x,", 1),
    "another statement": lambda text: text.replace(
        '"sql": "SELECT', '"sql": "DROP TABLE disruptions; SELECT', 1
    ),
}


@pytest.mark.parametrize("damage", BAD_FILES, ids=list(BAD_FILES))
def test_a_kept_file_that_cannot_be_trusted_is_compiled_again_and_rewritten(
    damage: str, demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NDP_CACHE_DIR", str(tmp_path))
    query_cache.forget()
    first = build_pack(demo_store, Q)
    fw = load_framework(None)
    path = query_files.path_of(query_cache.batch_key(demo_store, fw, FIRST, LAST))
    good = path.read_text()
    path.write_text(BAD_FILES[damage](good))
    path.chmod(0o600)
    assert path.read_text() != good
    built = _counting(monkeypatch)
    query_cache.forget()
    second = build_pack(demo_store, Q)
    assert len(built) == 1  # compiled again, not run from the damaged file
    assert _without_time(second) == _without_time(first)
    assert json.loads(path.read_text())["body"] == json.loads(good)["body"]


def test_a_kept_file_others_can_write_is_not_read(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NDP_CACHE_DIR", str(tmp_path))
    query_cache.forget()
    build_pack(demo_store, Q)
    key = query_cache.batch_key(demo_store, load_framework(None), FIRST, LAST)
    query_files.path_of(key).chmod(0o666)
    assert query_files.read_batch(key) is None
    query_files.path_of(key).chmod(0o600)
    assert query_files.read_batch(key) is not None


def test_a_folder_that_cannot_be_written_only_costs_a_compile(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NDP_CACHE_DIR", str(blocked / "sql"))
    query_cache.forget()
    built = _counting(monkeypatch)
    build_pack(demo_store, Q)
    assert len(built) == 1
    assert blocked.read_text() == "not a folder"


def test_a_one_shot_build_with_the_sql_kept_imports_no_ibis(
    demo_extracts: list[Path], tmp_path: Path
) -> None:
    store = tmp_path / "demo.duckdb"
    with open_store(str(store)) as loading:
        load_files(loading, demo_extracts)
    env = {**os.environ, "NDP_CACHE_DIR": str(tmp_path / "sql")}
    code = (
        "import sys; from ndp.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('ibis', 'sqlglot', 'pandas') if m in sys.modules))"
    )
    imported = []
    for n in (1, 2):
        out = str(tmp_path / f"pack{n}.json")
        argv = ["build", "--db", str(store), "--period", "2024-25 Q1", "--out", out]
        done = subprocess.run(
            [sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        imported.append(done.stdout.splitlines()[-1])
    assert imported == ["['ibis', 'sqlglot']", "[]"]
    texts = [
        re.sub(r'"generated_at": ?"[^"]*"', "", (tmp_path / f"pack{n}.json").read_text())
        for n in (1, 2)
    ]
    assert texts[0] == texts[1]


def test_the_key_follows_the_schema_not_temporary_tables(duck_store: Store) -> None:
    fw = load_framework(None)
    key = query_cache.batch_key(duck_store, fw, FIRST, LAST)
    duck_store.execute("CREATE TEMP TABLE s0 AS SELECT 1 AS a")  # as bench/pack.py does
    assert query_cache.batch_key(duck_store, fw, FIRST, LAST) == key
    duck_store.execute("ALTER TABLE disruptions ADD COLUMN note VARCHAR")
    changed = query_cache.batch_key(duck_store, fw, FIRST, LAST)
    assert changed != key
    assert query_cache.batch_key(duck_store, fw, Month(2022, 8), LAST) != changed


def test_a_build_reads_the_schema_once_and_only_within_it(
    demo_store: Store, duck_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pack's three batches (its scans, the operations' two) are keyed on one reading of the
    schema per reader (the build's own, and the one beside it reading the operations);
    outside a build every key reads it again, so a change is seen."""
    read: list[Store] = []
    real = type(demo_store).schema_fingerprint

    def counted(store: Store) -> str:
        read.append(store)
        return real(store)

    monkeypatch.setattr(type(demo_store), "schema_fingerprint", counted)
    build_pack(demo_store, Q)
    assert read.count(demo_store) == 1
    assert len(read) == 2  # and once by the reader beside it, for both operations batches
    read.clear()
    fw = load_framework(None)
    with query_cache.schema_held(duck_store):
        key = query_cache.batch_key(duck_store, fw, FIRST, LAST)
        assert query_cache.batch_key(demo_store, fw, FIRST, LAST) != key  # not the held store
        assert query_cache.batch_key(duck_store, fw, FIRST, LAST) == key
    assert read == [duck_store, demo_store]
    duck_store.execute("ALTER TABLE disruptions ADD COLUMN note VARCHAR")
    assert query_cache.batch_key(duck_store, fw, FIRST, LAST) != key
    assert len(read) == 3


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


def test_only_one_select_is_read_back_even_with_a_good_checksum(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NDP_CACHE_DIR", str(tmp_path))
    schema = pa.schema([("n", pa.int64())])
    key = ("duckdb", "code", "schema", "test")
    for sql, kept in [
        ("SELECT 1 AS n", True),
        ("WITH t AS (SELECT 1 AS n) SELECT n FROM t", True),
        ("DROP TABLE disruptions", False),
        ("SELECT 1 AS n; DROP TABLE disruptions", False),
    ]:
        query_files.write_batch(key, {("scan", "x"): CompiledQuery(sql, schema)})
        read = query_files.read_batch(key)
        assert (read == {("scan", "x"): CompiledQuery(sql, schema)}) is kept, sql
    assert query_files.read_batch(("duckdb", "code", "schema", "other")) is None
