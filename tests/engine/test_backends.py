"""One suite over every backend: each engine case gives the same pack on PostgreSQL and on Spark
as on DuckDB (whose packs ``test_cases`` checks against the values worked out by hand); the
demo pack is compared on PostgreSQL by ``test_postgres_pack`` and on Spark, through
``ndp build --db sc://...``, by ``tests/store/test_spark_store.py``.

Spark tests share the run's one Spark Connect server, in one xdist group (one worker). Every
case runs there: most of a case's time on Spark is waiting (a query's planning and scheduling, a
publication's job commits), so the cases go through the server side by side, :data:`AT_ONCE`
at a time, each loaded into DuckDB, published to a schema of its own with ``ndp
publish-store``'s library function and built from its own Spark store, before the first case's
test compares the packs. ``NDP_SPARK_CASES=name,name`` runs only those cases on Spark.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from case_loading import case_build, load_case
from ndp.engine.pack_model import Pack
from ndp.store import open_store
from ndp.store.spark_publish import publish

CASES = sorted(p.name for p in (Path(__file__).parent / "cases").glob("*.yaml"))
#: The cases run on Spark: all of them, unless NDP_SPARK_CASES names some (without .yaml).
_ONLY = {name for name in os.environ.get("NDP_SPARK_CASES", "").split(",") if name}
SPARK_CASES = [c for c in CASES if c.removesuffix(".yaml") in _ONLY] if _ONLY else CASES
#: Cases published and built on Spark at once.
AT_ONCE = 4


def comparable(pack: Pack) -> dict[str, Any]:
    """The pack without what differs by nature between two stores: when, and which store."""
    data = json.loads(pack.to_json())
    data.pop("generated_at")
    data.pop("provenance")
    data["data_quality"].pop("loads")
    return data


def assert_same(found: dict[str, Any], expected: dict[str, Any]) -> None:
    assert found.keys() == expected.keys()
    for name in expected["indicators"]:
        assert found["indicators"][name] == expected["indicators"][name], name
    assert found == expected


def duckdb_case(name: str, folder: Path) -> tuple[dict[str, Any], dict[str, Any], str]:
    """The case, its DuckDB pack, and the DuckDB store it was built from."""
    path = str(folder / "case.duckdb")
    with open_store(path) as store:
        case = load_case(store, name, folder)
        return case, comparable(case_build(store, case)), path


@pytest.mark.postgres
@pytest.mark.parametrize("name", CASES)
def test_case_on_postgres(name: str, tmp_path: Path, pg_url: str) -> None:
    _, expected, _ = duckdb_case(name, tmp_path)
    with open_store(pg_url) as pg:
        case = load_case(pg, name, tmp_path / "pg")
        assert_same(comparable(case_build(pg, case)), expected)


def spark_case(name: str, folder: Path, location: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The case's DuckDB pack, and the pack built from its publication at ``location``."""
    case, expected, path = duckdb_case(name, folder)
    with open_store(path) as duck:
        publish(duck, location)
    with open_store(location) as store:
        assert store.kind == "spark"
        return expected, comparable(case_build(store, case))


@pytest.fixture(scope="module")
def spark_packs(
    spark_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Future[tuple[dict[str, Any], dict[str, Any]]]]]:
    """Each Spark case's two packs, built side by side, as futures the tests wait on."""
    folder = tmp_path_factory.mktemp("spark-cases")
    with ThreadPoolExecutor(AT_ONCE, thread_name_prefix="spark-case") as pool:
        yield {
            name: pool.submit(spark_case, name, folder / name, f"{spark_server}/c{number}")
            for number, name in enumerate(SPARK_CASES)
        }
        pool.shutdown(cancel_futures=True)  # a run stopped early waits for no more cases


@pytest.mark.spark
@pytest.mark.xdist_group("spark")
@pytest.mark.parametrize("name", SPARK_CASES)
def test_case_on_spark(
    name: str, spark_packs: dict[str, Future[tuple[dict[str, Any], dict[str, Any]]]]
) -> None:
    expected, found = spark_packs[name].result()
    assert_same(found, expected)
