"""The area figures of bench/pack.py's baselines: every force, unit and region, by hand.

For eleven indicators (the ones the hand-written scans count), each baseline computes what the
pack holds per area: the quarter's figure, the same quarter last year, the change and its
percentage, the previous quarter, the previous year's quarterly average, the 8 quarters and
24 months, the rank among forces (or regions) with ties, the average per force (the nation's
and each region's, every quarter) and the SPC mean and limits of the 24 months (Making Data
Count's XmR with one screening of large moving ranges). The status rules and SPC's run rules
are not repeated: they are per-area arithmetic on these figures. ``check_areas`` asserts that
the hand SQL gives the pack's numbers, and pandas the hand SQL's, on a sample of areas.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ndp.engine.areas import Geography
from ndp.engine.build import history_months
from ndp.engine.pack_model import Pack
from ndp.periods import Quarter
from ndp.store import Store

# (indicator, scan table of bench/pack.py's SQL, its value column, its record-count column)
INDICATORS = [
    ("E1b.disruptions", 0, "e1b", "e1b"),
    ("F2.disruptions", 0, "f2", "f2"),
    ("F6.protect_disruptions", 0, "f6", "f6"),
    ("E2a.seizures", 1, "n", "n"),
    ("E2a.seizure_value_gbp", 1, "v", "n"),
    ("E2b.civil_recovery_orders", 1, "cro", "cro"),
    ("E3.crypto_value_gbp", 1, "crypto_v", "crypto"),
    ("E1a.judicial_outcomes", 2, "e1a", "e1a"),
    ("F1a.disseminations", 3, "f1a", "f1a"),
    ("F1a.outcome_22", 4, "o22", "o22"),
    ("F1b.judicial_outcomes", 4, "judicial", "judicial"),
]
#: a money indicator's month without a record stays missing in SPC; a count's is zero
MONEY = {"E2a.seizure_value_gbp", "E3.crypto_value_gbp"}


def set_up(store: Store, period: Quarter) -> None:
    """Reference tables the hand SQL joins (not timed, as the pack reads reference data once):
    each unit's region and whether it is ranked, and the 24 months with their quarters."""
    geo = Geography.from_reference()
    store.execute(
        "CREATE OR REPLACE TEMP TABLE geo (force VARCHAR, region VARCHAR, ranked BOOLEAN)"
    )
    for code, region in geo.force_region.items():
        store.execute("INSERT INTO geo VALUES (?, ?, ?)", [code, region, code in geo.ranked_forces])
    store.execute("CREATE OR REPLACE TEMP TABLE months (m DATE, q VARCHAR)")
    for month in history_months(period, 24):
        quarter = Quarter.containing(month.start)
        store.execute("INSERT INTO months VALUES (?, ?)", [month.start, quarter.label])


def area_sql(period: Quarter) -> list[str]:
    """The hand SQL's area figures, from the scans' results kept as temp tables s0..s4: the
    area rows (one per indicator, geography and area), then the averages per force."""
    monthly = " UNION ALL ".join(
        f"SELECT '{name}' AS ind, m::DATE AS m, force, coalesce(sum({value}), 0) AS v, "
        f"sum({count}) AS n FROM s{scan} WHERE force IS NOT NULL GROUP BY ALL"
        for name, scan, value, count in INDICATORS
    )
    sqly, prev = period.same_quarter_last_year().label, period.previous().label
    last_year = ", ".join(f"'{q.label}'" for q in period.year.previous().quarters)
    money = ", ".join(f"'{m}'" for m in MONEY)
    ranked = "(f.value IS NOT NULL AND (f.geo = 'region' OR coalesce(g.ranked, false)))"
    areas = f"""
WITH mf AS MATERIALIZED (SELECT * FROM ({monthly}) JOIN months USING (m) WHERE n > 0),
ma AS MATERIALIZED (SELECT ind, 'force' AS geo, force AS area, m, q, v FROM mf
    UNION ALL SELECT ind, 'region', g.region, m, q, sum(v) FROM mf JOIN geo g USING (force)
    WHERE g.region IS NOT NULL GROUP BY ALL),
qa AS (SELECT ind, geo, area, q, sum(v) AS v FROM ma GROUP BY ALL),
fig AS (SELECT ind, geo, area, max(v) FILTER (WHERE q = '{period.label}') AS value,
    max(v) FILTER (WHERE q = '{sqly}') AS sqly, max(v) FILTER (WHERE q = '{prev}') AS prev,
    sum(v) FILTER (WHERE q IN ({last_year})) / 4 AS last_year_avg,
    list(v ORDER BY q) AS quarterly FROM qa GROUP BY ALL
    HAVING value IS NOT NULL OR sqly IS NOT NULL),
ranked AS (SELECT f.*, f.value - f.sqly AS change, round(100 * (f.value - f.sqly) / f.sqly, 3) AS pct,
    CASE WHEN {ranked} THEN rank() OVER (PARTITION BY f.ind, f.geo, {ranked} ORDER BY f.value DESC) END AS position,
    CASE WHEN {ranked} THEN count(*) OVER (PARTITION BY f.ind, f.geo, {ranked}) END AS of,
    CASE WHEN {ranked} THEN count(*) OVER (PARTITION BY f.ind, f.geo, {ranked}, f.value) > 1 END AS tied
    FROM fig f LEFT JOIN geo g ON f.geo = 'force' AND g.force = f.area),
first AS (SELECT ind, geo, area, min(m) AS fm FROM ma GROUP BY ALL),
grid AS (SELECT f.ind, f.geo, f.area, mo.m, CASE WHEN f.ind IN ({money}) THEN ma.v
    WHEN mo.m >= f.fm THEN coalesce(ma.v, 0) END AS v FROM first f CROSS JOIN months mo
    LEFT JOIN ma ON ma.ind = f.ind AND ma.geo = f.geo AND ma.area = f.area AND ma.m = mo.m),
mr AS (SELECT *, abs(v - lag(v) OVER (PARTITION BY ind, geo, area ORDER BY m)) AS mr FROM grid),
st AS (SELECT ind, geo, area, avg(v) AS mean, avg(mr) AS amr, list(v ORDER BY m) AS monthly FROM mr GROUP BY ALL),
spc AS (SELECT ind, geo, area, any_value(st.mean) AS mean, any_value(st.monthly) AS monthly,
    avg(mr.mr) FILTER (WHERE mr.mr < 3.267 * st.amr) AS amr FROM mr JOIN st USING (ind, geo, area) GROUP BY ALL)
SELECT r.ind, r.geo, r.area, r.value, r.sqly, r.change, r.pct, r.prev, r.last_year_avg, r.quarterly,
    r.position, r.of, r.tied, s.mean, s.mean - 2.66 * s.amr AS lpl, s.mean + 2.66 * s.amr AS upl, s.monthly
FROM ranked r JOIN spc s USING (ind, geo, area)"""  # fmt: skip
    averages = f"""
WITH mf AS MATERIALIZED (SELECT * FROM ({monthly}) JOIN months USING (m) WHERE n > 0),
qf AS (SELECT ind, force, q, sum(v) AS v FROM mf GROUP BY ALL)
SELECT ind, q, g.region, avg(v) AS average, count(*) AS forces, grouping(g.region) = 1 AS nation
FROM qf JOIN geo g USING (force)
WHERE g.ranked GROUP BY GROUPING SETS ((ind, q), (ind, q, g.region))"""
    return [areas, averages]


def pandas_areas(monthly: dict[str, pd.Series], period: Quarter) -> dict[str, pd.DataFrame]:
    """The same area figures in pandas, from each indicator's (month, force) values (with
    the record counts: a month with none has no figure), as an analyst would."""
    geo = Geography.from_reference()
    months = history_months(period, 24)
    quarter_of = {pd.Period(m.label, "M"): Quarter.containing(m.start).label for m in months}
    regions = pd.Series(geo.force_region, dtype="object")
    ranked = pd.Series({f: f in geo.ranked_forces for f in geo.force_region})
    out = {}
    for name, series in monthly.items():
        frame = series.reset_index()
        frame.columns = ["month", "force", "v"]
        frame = frame[frame.month.isin(quarter_of)]
        frame["region"] = frame.force.map(regions)
        by_region = frame.dropna(subset=["region"]).groupby(["month", "region"])["v"].sum()
        both = pd.concat(
            [
                frame.assign(geo="force", area=frame.force)[["geo", "area", "month", "v"]],
                by_region.reset_index().rename(columns={"region": "area"}).assign(geo="region"),
            ]
        )
        both["q"] = both.month.map(quarter_of)
        quarters = both.groupby(["geo", "area", "q"])["v"].sum().unstack("q")
        labels = {
            "value": period.label,
            "sqly": period.same_quarter_last_year().label,
            "prev": period.previous().label,
        }
        table = quarters.reindex(columns=list(labels.values()))
        table.columns = list(labels)
        table = table.dropna(how="all", subset=["value", "sqly"])
        table["change"] = table.value - table.sqly
        table["pct"] = (100 * table.change / table.sqly).round(3)
        is_ranked = [geo == "region" or bool(ranked.get(a, False)) for geo, a in table.index]
        pool = table[pd.Series(is_ranked, index=table.index) & table.value.notna()]
        table["position"] = pool.groupby(level="geo").value.rank(method="min", ascending=False)
        grid = both.pivot_table(index=["geo", "area"], columns="month", values="v", aggfunc="sum")
        grid = grid.reindex(columns=list(quarter_of)).reindex(table.index)
        if name not in MONEY:  # a count's month without a record is zero once it has one
            started = grid.notna().cummax(axis=1)
            grid = grid.fillna(0).where(started)
        mr = grid.diff(axis=1).abs()
        kept = mr.where(mr.lt(3.267 * mr.mean(axis=1), axis=0))
        table["mean"] = grid.mean(axis=1)
        table["upl"] = table["mean"] + 2.66 * kept.mean(axis=1)
        per_force = frame[frame.force.map(ranked).fillna(False).astype(bool)]
        per_force = per_force.assign(q=per_force.month.map(quarter_of))
        totals = per_force.groupby(["q", "force"])["v"].sum().reset_index()
        table.attrs["nation_average"] = totals.groupby("q")["v"].mean()
        totals["region"] = totals.force.map(regions)
        table.attrs["region_average"] = totals.groupby(["q", "region"])["v"].mean()
        out[name] = table
    return out


def check_areas(
    pack: Pack, rows: list[tuple[Any, ...]], averages: list[tuple[Any, ...]], pandas: Any
) -> int:
    """The hand SQL's area figures are the pack's, and pandas' the hand SQL's, on every
    ninth force and every region of each indicator. Returns the number of areas compared."""
    data = pack.model_dump(mode="python")
    sql = {(r[0], r[1], r[2]): r for r in rows}
    nation_avg = {(a[0], a[1]): a[3] for a in averages if a[5]}
    region_avg = {(a[0], a[1], a[2]): a[3] for a in averages if not a[5]}
    compared = 0
    for name, *_ in INDICATORS:
        ind = data["indicators"][name]
        by = ind["by"]
        label = data["period"]["label"]
        for geo in ("force", "region"):
            entries = by.get(geo, {})
            sample = sorted(entries)[:: 9 if geo == "force" else 1]
            for area in sample:
                entry, row = entries[area], sql.get((name, geo, area))
                where = f"{name} {geo} {area}"
                assert row is not None, f"{where}: the hand SQL has no row"
                _same(where, "value", entry["value"], row[3])
                _same(where, "same quarter last year", entry["same_quarter_last_year"], row[4])
                _same(where, "change", entry["change"], row[5])
                _same(where, "pct_change", entry["pct_change"], row[6], 0.0011)
                comps = entry["comparisons"]
                _same(where, "previous quarter", comps["previous_quarter"]["value"], row[7])
                pyqa = comps["previous_year_quarterly_average"]["value"]
                _same(where, "previous year average", pyqa, row[8])
                quarterly = [p["value"] for p in entry["quarterly"]]
                assert [v for v in quarterly if v is not None] == [
                    Decimal(str(v)) if isinstance(v, float) else v for v in row[9]
                ], f"{where}: quarterly {quarterly} != {row[9]}"
                rank = entry["rank"]
                _same(where, "rank", rank and rank["position"], row[10])
                _same(where, "rank of", rank and rank["of"], row[11])
                _same(where, "tied", rank and rank["tied"], row[12])
                groups = (entry["spc"] or {}).get("groups") or []
                if len(groups) == 1 and groups[0]["chart"] == "spc":
                    for i, key in ((13, "mean"), (14, "lpl"), (15, "upl")):
                        _same(where, f"SPC {key}", groups[0][key], row[i], 1e-9)
                monthly = [p["value"] for p in entry["monthly"]]
                _same_list(where, monthly, row[16])
                if geo == "force":
                    region = data["geographies"]["forces"].get(area, {}).get("region")
                    average = region_avg.get((name, label, region))
                    _same(where, "region average", entry["region_average_per_force"], _q3(average))
                _against_pandas(where, pandas[name], geo, area, row)
                compared += 1
        per = ind["per_force"]
        if per is not None:
            _same(
                name,
                "average per force",
                per["nation"]["value"],
                _q3(nation_avg.get((name, label))),
            )
            expected = pandas[name].attrs["nation_average"].get(label)
            _same(
                name,
                "pandas average per force",
                nation_avg.get((name, label)),
                _none(expected),
                1e-9,
            )
    return compared


def _against_pandas(where: str, table: pd.DataFrame, geo: str, area: str, row: Any) -> None:
    got: Any = table.loc[(geo, area)]
    for key, i in (("value", 3), ("sqly", 4), ("prev", 7), ("mean", 13), ("upl", 15)):
        _same(where, f"pandas {key}", _none(got[key]), row[i], 1e-9)
    _same(where, "pandas rank", _none(got["position"]), row[10])


def _q3(value: Any) -> Decimal | None:
    """An average as the pack rounds it: three places, half up."""
    return None if value is None else Decimal(repr(value)).quantize(Decimal("0.001"), ROUND_HALF_UP)


def _none(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _same(where: str, what: str, pack: Any, baseline: Any, tolerance: float = 0.0) -> None:
    if pack is None or baseline is None:
        assert pack is None, f"{where}: {what} {pack} != {baseline}"
        assert baseline is None, f"{where}: {what} {pack} != {baseline}"
        return
    gap = abs(float(pack) - float(baseline))
    assert gap <= tolerance * max(1.0, abs(float(pack))), f"{where}: {what} {pack} != {baseline}"


def _same_list(where: str, pack: list[Any], baseline: list[Any]) -> None:
    """The monthly series: the pack's null months are the SQL's (a count's zero-filled)."""
    assert len(pack) == len(baseline), where
    for p, b in zip(pack, baseline, strict=True):
        if p is None:
            assert b in (None, 0), f"{where}: monthly {pack} != {baseline}"
        else:
            _same(where, "monthly", p, b)
