"""``bench/pack.py --backend spark``: the pack on local Spark (through Spark Connect) against
the pack on DuckDB and the same hand-written SQL run on Spark."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ndp.engine.build import build_pack
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.store import open_store
from ndp.store.spark_publish import publish
from ndp.synth.scale import write_scale_extracts

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from spark_server import spark_connect_server

PERIOD = Quarter(2024, 1)


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure_spark(records: int, repeat: int, sql: list[str]) -> None:
    runs: dict[str, list[float]] = {"duckdb": [], "spark": [], "sql": [], "open": [], "q": []}
    with tempfile.TemporaryDirectory() as folder, spark_connect_server() as server:
        location = f"{server}/bench"
        paths = write_scale_extracts(Path(folder) / "x", records)
        with open_store(str(Path(folder) / "s.duckdb")) as duck:
            load = timed(lambda: load_files(duck, paths))
            copy = timed(lambda: publish(duck, location))
            for _ in range(repeat):
                runs["duckdb"].append(timed(lambda: build_pack(duck, PERIOD)))
                start = time.perf_counter()
                with open_store(location) as spark:
                    runs["open"].append(time.perf_counter() - start)
                    runs["q"].append(timed(lambda: spark.execute("SELECT count(*) FROM loads")))
                    runs["spark"].append(timed(lambda: build_pack(spark, PERIOD)))
                    runs["sql"].append(timed(lambda: [spark.execute(q) for q in sql]))
    best = {k: min(v) for k, v in runs.items()}
    print(
        f"{records:>11,} records (loaded in {load:.1f}s, published to Spark in {copy:.1f}s): "
        f"pack on DuckDB {best['duckdb']:6.2f}s | pack on Spark {best['spark']:6.2f}s "
        f"(Spark/DuckDB {best['spark'] / best['duckdb']:5.1f}) | hand-written SQL on Spark "
        f"{best['sql']:6.2f}s ({len(sql)} queries; pack/SQL {best['spark'] / best['sql']:4.2f}) | "
        f"fixed: store open {best['open']:.2f}s, one trivial query {best['q']:.2f}s"
    )
