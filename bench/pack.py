"""Benchmark: building the pack against hand-written SQL and a straightforward pandas version.

    .venv/bin/python bench/pack.py --records 1000000,10000000

For each size it writes scale extracts of every source (`ndp synth --records N`), loads them into
a DuckDB store, then times on that store, in one run:

- **ndp**: `build_pack` for 2024-25 Q1: every indicator, comparison, series, SPC, status and
  per-force and per-region figure;
- **SQL**: hand-written DuckDB SQL computing the same aggregates with one scan per source and
  date column (month x force x breakdown, conditional counts and sums): the practical floor;
- **SQL grouped first**: the same aggregates written the way ndp's engine writes them (group by
  the columns the filters test, then count the groups that pass), checked to give the same rows:
  a tighter floor, showing what the engine's Python costs beyond the database;
- **pandas**: what an analyst would write: the tables in DataFrames, then for each indicator a
  boolean filter and a group-by month and force. Timed with and without fetching the tables.

Each way runs ``--repeat`` times (3 by default), interleaved, and the best time of each counts, so
another process on the two cores does not decide the ratios. ndp keeps a pack's compiled SQL in
the process (``ndp.engine.query_cache``), so its later runs skip Ibis: the first run's time is
printed too, what ``ndp build`` pays the first time it sees a framework, quarter and schema;
and a pack whose SQL is read from the file the first one wrote (``ndp.engine.query_files``, in a
folder of the run's own), what a one-shot ``ndp build`` pays after that. It prints the times and the ratios,
then the CPU seconds each way used (this process's threads, DuckDB's included): on a machine
shared with other work, the wall time moves with the load and the CPU time much less. The
baselines compute the area figures too (``pack_areas.py``), checked against the pack.
Targets at 10M records: ndp <= 1.5x SQL, >= 20x faster than pandas.

``--backend spark`` starts a local Spark Connect server (local[2], as the tests do), publishes
the loaded store to it, and times the pack on Spark against the pack on DuckDB and against the
hand-written SQL run on Spark; Spark's fixed costs are reported apart: opening the store (a
session and the pinned views) and one trivial query (planning and scheduling, no data).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ndp.engine import query_cache
from ndp.engine.build import build_pack
from ndp.engine.pack_model import Pack
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.store import Store, open_store
from ndp.synth.scale import write_scale_extracts
from pack_areas import area_sql, check_areas, pandas_areas, set_up

PERIOD = Quarter(2024, 1)
MONTH = "date_trunc('month', {col})"
JUDICIAL = "('1','1A','2','2A','3','3A','4','6','7','8')"

SQL = [
    f"""SELECT {MONTH.format(col="date")} AS m, force, level, type_dummy, count(*) FILTER (WHERE threat = 'illicit_finance') AS e1b,
        count(*) FILTER (WHERE threat = 'fraud' AND category = 'pursue') AS f2, count(*) FILTER (WHERE category = 'protect') AS f6
        FROM (SELECT *, NULL AS type_dummy FROM disruptions) WHERE date >= DATE '2022-07-01' GROUP BY ALL""",
    f"""SELECT {MONTH.format(col="date")} AS m, force, type, count(*) FILTER (WHERE threat = 'illicit_finance') AS n,
        sum(value_gbp) FILTER (WHERE threat = 'illicit_finance') AS v, count(*) FILTER (WHERE type = 'civil_recovery_order') AS cro,
        count(*) FILTER (WHERE type = 'cryptocurrency') AS crypto, sum(value_gbp) FILTER (WHERE type = 'cryptocurrency') AS crypto_v
        FROM asset_seizures WHERE date >= DATE '2022-07-01' GROUP BY ALL""",
    f"""SELECT {MONTH.format(col="date")} AS m, force, outcome_type, count(*) FILTER (WHERE threat = 'illicit_finance' AND outcome_type <> 'non_judicial') AS e1a
        FROM case_outcomes WHERE date >= DATE '2022-07-01' GROUP BY ALL""",
    f"""SELECT {MONTH.format(col="disseminated_on")} AS m, force, count(*) FILTER (WHERE type = 'pursue') AS f1a FROM disseminations
        WHERE disseminated_on >= DATE '2022-07-01' GROUP BY ALL""",
    f"""SELECT {MONTH.format(col="outcome_on")} AS m, force, outcome_code, count(*) FILTER (WHERE outcome_code IN {JUDICIAL}) AS judicial,
        count(*) FILTER (WHERE outcome_code NOT IN {JUDICIAL}) AS non_judicial, count(*) FILTER (WHERE outcome_code = '22') AS o22,
        count(*) AS outcomes FROM disseminations WHERE outcome_on >= DATE '2022-07-01' GROUP BY ALL""",
    f"""SELECT {MONTH.format(col="disseminated_on")} AS opened, coalesce({MONTH.format(col="outcome_on")}, DATE '2999-01-01') AS closed,
        force, count(*) FROM disseminations GROUP BY ALL""",
]  # fmt: skip

# The same aggregates written the way ndp's engine writes them: group first by month, force and
# the columns the filters test, then count the groups that pass each filter. A tighter floor
# than SQL above (an outcome-code list is tested on thousands of groups, not millions of rows).
GROUPED = "SELECT {outer} FROM (SELECT {month} AS m, force, {keys}, count(*) AS n{extra} FROM {table} WHERE {date} >= DATE '2022-07-01' GROUP BY ALL) GROUP BY m, force{by}"
SQL_GROUPED = [
    GROUPED.format(table="disruptions", date="date", month=MONTH.format(col="date"), keys="level, threat, category", extra="", by=", level",
        outer="m, force, level, coalesce(sum(n) FILTER (WHERE threat = 'illicit_finance'), 0) AS e1b, coalesce(sum(n) FILTER (WHERE threat = 'fraud' AND category = 'pursue'), 0) AS f2, coalesce(sum(n) FILTER (WHERE category = 'protect'), 0) AS f6"),
    GROUPED.format(table="asset_seizures", date="date", month=MONTH.format(col="date"), keys="type, threat", extra=", sum(value_gbp) AS v", by=", type",
        outer="m, force, type, coalesce(sum(n) FILTER (WHERE threat = 'illicit_finance'), 0) AS n, sum(v) FILTER (WHERE threat = 'illicit_finance') AS v, coalesce(sum(n) FILTER (WHERE type = 'civil_recovery_order'), 0) AS cro, coalesce(sum(n) FILTER (WHERE type = 'cryptocurrency'), 0) AS crypto, sum(v) FILTER (WHERE type = 'cryptocurrency') AS crypto_v"),
    GROUPED.format(table="case_outcomes", date="date", month=MONTH.format(col="date"), keys="outcome_type, threat", extra="", by=", outcome_type",
        outer="m, force, outcome_type, coalesce(sum(n) FILTER (WHERE threat = 'illicit_finance' AND outcome_type <> 'non_judicial'), 0) AS e1a"),
    GROUPED.format(table="disseminations", date="disseminated_on", month=MONTH.format(col="disseminated_on"), keys="type", extra="", by="",
        outer="m, force, coalesce(sum(n) FILTER (WHERE type = 'pursue'), 0) AS f1a"),
    GROUPED.format(table="disseminations", date="outcome_on", month=MONTH.format(col="outcome_on"), keys="outcome_code", extra="", by=", outcome_code",
        outer=f"m, force, outcome_code, coalesce(sum(n) FILTER (WHERE outcome_code IN {JUDICIAL}), 0) AS judicial, coalesce(sum(n) FILTER (WHERE outcome_code NOT IN {JUDICIAL}), 0) AS non_judicial, coalesce(sum(n) FILTER (WHERE outcome_code = '22'), 0) AS o22, sum(n) AS outcomes"),
    SQL[-1],
]  # fmt: skip


def pandas_indicators(tables: dict[str, pd.DataFrame]) -> dict[str, pd.Series]:
    """The big sources' indicators as an analyst would compute them, one filter and group-by each."""
    d, s, o, n = (
        tables[k] for k in ("disruptions", "asset_seizures", "case_outcomes", "disseminations")
    )
    for frame, col in ((d, "date"), (s, "date"), (o, "date"), (n, "disseminated_on")):
        frame["month"] = pd.to_datetime(frame[col]).dt.to_period("M")
    n["outcome_month"] = pd.to_datetime(n["outcome_on"]).dt.to_period("M")
    judicial = n["outcome_code"].isin(["1", "1A", "2", "2A", "3", "3A", "4", "6", "7", "8"])
    out = {
        "E1b": d[d.threat == "illicit_finance"].groupby(["month", "force", "level"]).size(),
        "F2": d[(d.threat == "fraud") & (d.category == "pursue")]
        .groupby(["month", "force", "level"])
        .size(),
        "F6": d[d.category == "protect"].groupby(["month", "force", "level"]).size(),
        "E2a.n": s[s.threat == "illicit_finance"].groupby(["month", "force", "type"]).size(),
        "E2a.v": s[s.threat == "illicit_finance"]
        .groupby(["month", "force", "type"])["value_gbp"]
        .sum(),
        "E2b": s[s.type == "civil_recovery_order"].groupby(["month", "force"]).size(),
        "E3": s[s.type == "cryptocurrency"].groupby(["month", "force"])["value_gbp"].sum(),
        "E1a": o[(o.threat == "illicit_finance") & (o.outcome_type != "non_judicial")]
        .groupby(["month", "force"])
        .size(),
        "F1a": n[n.type == "pursue"].groupby(["month", "force"]).size(),
        "F1b.j": n[judicial].groupby(["outcome_month", "force", "outcome_code"]).size(),
        "F1b.nj": n[n.outcome_code.notna() & ~judicial].groupby(["outcome_month", "force"]).size(),
        "F1b.22": n[n.outcome_code == "22"].groupby(["outcome_month", "force"]).size(),
    }
    for end in pd.period_range("2022-07", "2024-06", freq="M"):  # outstanding at each month end
        day = end.end_time.normalize()
        opened = pd.to_datetime(n["disseminated_on"]) <= day
        still = n["outcome_on"].isna() | (pd.to_datetime(n["outcome_on"]) > day)
        out[f"F1c.{end}"] = n[opened & still].groupby("force").size()
    return out  # fmt: skip


def pandas_monthly(out: dict[str, pd.Series]) -> dict[str, pd.Series]:
    """The indicators the area figures cover, by (month, force), breakdowns summed away."""

    def total(key: str) -> pd.Series:
        return out[key].groupby(level=[0, 1]).sum()

    return {
        "E1b.disruptions": total("E1b"),
        "F2.disruptions": total("F2"),
        "F6.protect_disruptions": total("F6"),
        "E2a.seizures": total("E2a.n"),
        "E2a.seizure_value_gbp": total("E2a.v"),
        "E2b.civil_recovery_orders": out["E2b"],
        "E3.crypto_value_gbp": out["E3"],
        "E1a.judicial_outcomes": out["E1a"],
        "F1a.disseminations": out["F1a"],
        "F1a.outcome_22": out["F1b.22"],
        "F1b.judicial_outcomes": total("F1b.j"),
    }


def hand_sql(
    store: Store, scans: list[str], areas: list[str]
) -> tuple[list[list[tuple[Any, ...]]], list[list[tuple[Any, ...]]]]:
    """One scan per source and date column, each kept as a temp table (s0..s5); the
    national rows read from them, then every area's figures computed from them."""
    for i, query in enumerate(scans):
        store.execute(f"CREATE OR REPLACE TEMP TABLE s{i} AS {query}")
    national = [store.execute(f"SELECT * FROM s{i}") for i in range(len(scans))]
    return national, [store.execute(query) for query in areas]


def check_same_rows(store: Store) -> None:
    """The two hand-written versions must compute the same rows, or comparing them is moot."""

    def rows(query: str, drop: int | None = None) -> list[str]:
        out = store.execute(query)
        if drop is not None:
            out = [r[:drop] + r[drop + 1 :] for r in out]
        return sorted(str(tuple(0 if v is None else v for v in r)) for r in out)

    for i, (plain, grouped) in enumerate(zip(SQL, SQL_GROUPED, strict=True)):
        # the plain disruptions query carries a dummy breakdown column (4th)
        assert rows(plain, 3 if i == 0 else None) == rows(grouped), f"query {i} differs"


#: CPU seconds (every thread of this process: Python and DuckDB's workers) of the last timed
#: action. On a shared machine the wall time depends on what else runs; the CPU much less.
LAST_CPU = [0.0]


def timed(action: Callable[[], Any]) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    action()
    LAST_CPU[0] = time.process_time() - cpu
    return time.perf_counter() - start


def fetch(store: Store) -> dict[str, pd.DataFrame]:
    """The tables as an analyst would read them, closed-set columns as plain text: the store
    keeps those as ENUMs, which Ibis turns into pandas strings ten times slower than text, and
    that would flatter ndp's ratio rather than measure pandas."""
    names = ("disruptions", "asset_seizures", "case_outcomes", "disseminations")
    out = {}
    for name in names:
        kinds = store.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?", [name]
        )
        columns = ", ".join(
            f'"{c}"::VARCHAR AS "{c}"' if k.startswith("ENUM") else f'"{c}"' for c, k in kinds
        )
        out[name] = store.ibis.sql(f"SELECT {columns} FROM {name}").execute()
    return out


def warm_up() -> None:
    """Import what the first pack imports, so the timings measure work, not start-up."""
    import ibis.backends.duckdb
    import ibis.formats.pandas  # noqa: F401


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", default="1000000,10000000", help="comma-separated sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each way; the best counts")
    parser.add_argument("--backend", choices=["duckdb", "spark"], default="duckdb")
    args = parser.parse_args()
    warm_up()
    sizes = [int(n) for n in args.records.split(",")]
    if args.backend == "spark":
        from spark_pack import measure_spark

        for records in sizes:
            measure_spark(records, args.repeat, SQL)
        return
    for records in sizes:
        measure(records, args.repeat)


def time_pandas(store: Store) -> tuple[float, float, dict[str, pd.DataFrame]]:
    """Seconds to fetch the tables into DataFrames, and to compute the indicators and the
    area figures from them; and the area figures."""
    tables: dict[str, pd.DataFrame] = {}
    fetching = timed(lambda: tables.update(fetch(store)))
    cpu = LAST_CPU[0]
    areas: dict[str, pd.DataFrame] = {}
    computing = timed(
        lambda: areas.update(pandas_areas(pandas_monthly(pandas_indicators(tables)), PERIOD))
    )
    LAST_CPU[0] += cpu
    return fetching, computing, areas


def measure(records: int, repeat: int) -> None:
    """Time the ways on one store of ``records`` records and print the ratios."""
    runs: dict[str, list[float]] = {"ndp": [], "sql": [], "grouped": [], "fetch": [], "compute": []}
    cpu: dict[str, list[float]] = {"ndp": [], "sql": [], "pandas": []}
    with tempfile.TemporaryDirectory() as folder:
        os.environ["NDP_CACHE_DIR"] = str(Path(folder) / "sql")  # no SQL kept from other runs
        query_cache.forget()
        paths = write_scale_extracts(Path(folder) / "x", records)
        with open_store(str(Path(folder) / "s.duckdb")) as store:
            load = timed(lambda: load_files(store, paths))
            check_same_rows(store)
            set_up(store, PERIOD)
            areas = area_sql(PERIOD)
            packs: list[Pack] = []
            hand: list[Any] = []
            for _ in range(repeat):
                runs["ndp"].append(timed(lambda: packs.append(build_pack(store, PERIOD))))
                cpu["ndp"].append(LAST_CPU[0])
                runs["sql"].append(timed(lambda: hand.append(hand_sql(store, SQL, areas))))
                cpu["sql"].append(LAST_CPU[0])
                runs["grouped"].append(timed(lambda: hand_sql(store, SQL_GROUPED, areas)))
                fetching, computing, by_pandas = time_pandas(store)
                cpu["pandas"].append(LAST_CPU[0])
                runs["fetch"].append(fetching)
                runs["compute"].append(computing)
            query_cache.forget()  # as a new process finds it: the SQL on disk, not in memory
            on_disk = timed(lambda: build_pack(store, PERIOD))
            on_disk_cpu = LAST_CPU[0]
            area_rows, averages = hand[0][1]
            compared = check_areas(packs[0], area_rows, averages, by_pandas)
    ndp, sql, grouped, fetching, compute = (
        min(runs[k]) for k in ("ndp", "sql", "grouped", "fetch", "compute")
    )
    pandas_total = fetching + compute
    print(
        f"{records:>11,} records (loaded in {load:.1f}s): ndp pack {ndp:6.2f}s | "
        f"SQL {sql:6.2f}s (ndp/SQL {ndp / sql:4.2f}) | "
        f"SQL grouped first {grouped:6.2f}s (ndp/that {ndp / grouped:4.2f}) | pandas {pandas_total:7.2f}s "
        f"({compute:.2f}s without fetching; pandas/ndp {pandas_total / ndp:5.1f}, "
        f"{compute / ndp:5.1f} without fetching) | {compared} areas agree"
    )
    first, first_cpu = runs["ndp"][0], cpu["ndp"][0]
    print(
        f"{'':>11} ndp's first pack in this process (its SQL compiled, not yet kept): "
        f"{first:6.2f}s (ndp/SQL {first / sql:4.2f}), {first_cpu:.2f} CPU seconds"
    )
    print(
        f"{'':>11} ndp's pack with its SQL read from disk (a one-shot `ndp build` after the "
        f"first): {on_disk:6.2f}s (ndp/SQL {on_disk / sql:4.2f}), {on_disk_cpu:.2f} CPU seconds"
    )
    ndp_cpu, sql_cpu, pandas_cpu = (min(cpu[k]) for k in ("ndp", "sql", "pandas"))
    print(
        f"{'':>11} CPU seconds: ndp pack {ndp_cpu:6.2f} | SQL {sql_cpu:6.2f} (ndp/SQL "
        f"{ndp_cpu / sql_cpu:4.2f}) | pandas {pandas_cpu:7.2f} (pandas/ndp {pandas_cpu / ndp_cpu:5.1f})"
        f" | load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
