"""F3: the operations overlapping the period, their totals, victims, and the previous in series.

Operations are few (a handful a year), so their rows are aggregated per operation in three small
grouped queries through Ibis; victims' age profile is counted in SQL too. The queries run through
the store's ``arrow_results`` (side by side where the backend can), not Ibis's ``to_pyarrow``,
whose DuckDB result converter imports pandas: a third of a second of every build.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from ndp.engine.cells import ratio
from ndp.engine.query_cache import kept_results
from ndp.periods import Quarter
from ndp.store import Store

TOTALS = [
    "referrals",
    "ocgs_identified",
    "suspects_identified",
    "arrests",
    "charged",
    "remanded",
    "call_blockers_installed",
]


def _rows(
    store: Store, parts: tuple[str, ...], build: Callable[[], dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """Each query's rows, by its name: the queries ``build`` makes, or their SQL kept
    (``ndp.engine.query_cache``) for what ``parts`` names."""
    return {key: table.to_pylist() for key, table in kept_results(store, parts, build)}


def _by_force_query(backend: Any, names: list[str]) -> Any:
    r = backend.table("operation_results")
    r = r.filter(r.operation.isin(names))
    return r.group_by(["operation", "force"]).aggregate(**{c: r[c].sum() for c in TOTALS})


def _by_force(rows: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, int]]]:
    """Per operation, each force's (or unit's) totals: what an area's status for the measure
    reads (docs/pack.md, ``areas``)."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for row in rows:
        if row["force"] is not None:
            totals = {k: int(row[k] or 0) for k in TOTALS}
            out.setdefault(row["operation"], {})[row["force"]] = totals
    return {op: dict(sorted(forces.items())) for op, forces in out.items()}


def _totals_query(backend: Any, names: list[str]) -> Any:
    r = backend.table("operation_results")
    r = r.filter(r.operation.isin(names))
    aggs = {c: r[c].sum() for c in TOTALS}
    aggs["units_referring"] = r.force.nunique(where=r.referrals > 0)
    return r.group_by("operation").aggregate(**aggs)


def _totals(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    return {
        row["operation"]: {
            k: int(row[k] or 0) for k in ["referrals", "units_referring", *TOTALS[1:]]
        }
        for row in rows
    }


def _listed_query(backend: Any, names: list[str]) -> Any:
    r = backend.table("operation_results")
    return r.filter(r.operation.isin(names)).select("operation", "ocg_locations", "items_seized")


def _listed(rows: list[dict[str, Any]]) -> dict[str, dict[str, list[str]]]:
    """Per operation, the distinct OCG locations and items seized its forces recorded (each
    cell a ';'-separated list), in alphabetical order so the text reads the same every run."""
    out: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        seen = out.setdefault(row["operation"], {"ocg_locations": set(), "items_seized": set()})
        for column, found in seen.items():
            found.update(p.strip() for p in (row[column] or "").split(";") if p.strip())
    return {
        op: {column: sorted(found, key=str.lower) for column, found in seen.items()}
        for op, seen in out.items()
    }


def _counted(table: Any, where: Any) -> Any:
    """The rows of ``table`` where ``where`` holds: 0, never NULL, for a group in which it holds
    on no row. Ibis writes a filtered count for Spark as ``SUM(CAST(cond AS BIGINT))``, which is
    NULL where ``cond`` is NULL on every row of the group (victims whose age is unknown)."""
    return table.count(where=where).fill_null(0)


def _victims_query(backend: Any, names: list[str]) -> Any:
    v = backend.table("operation_victims")
    v = v.filter(v.operation.isin(names))
    decade = (v.age // 10) * 10
    return v.group_by(["operation", v.modus_operandi.name("mo"), decade.name("decade")]).aggregate(
        n=v.count(),
        with_age=v.age.count(),
        under_60=_counted(v, v.age < 60),
        band_60_90=_counted(v, (v.age >= 60) & (v.age <= 90)),
        over_90=_counted(v, v.age > 90),
        oldest=v.age.max(),
        loss=v.loss_gbp.sum(),
        largest=v.loss_gbp.max(),
    )


def _victims(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        o = out.setdefault(
            row["operation"],
            {
                "count": 0,
                "with_age": 0,
                "oldest": None,
                "age_bands": {"under_60": 0, "60_to_90": 0, "over_90": 0},
                "age_decades": defaultdict(int),
                "modus_operandi": defaultdict(int),
                "total_loss_gbp": Decimal(0),
                "largest_loss_gbp": None,
            },
        )
        o["count"] += row["n"]
        o["with_age"] += row["with_age"]
        o["age_bands"]["under_60"] += row["under_60"]
        o["age_bands"]["60_to_90"] += row["band_60_90"]
        o["age_bands"]["over_90"] += row["over_90"]
        if row["oldest"] is not None:
            o["oldest"] = max(o["oldest"] or 0, int(row["oldest"]))
        if row["decade"] is not None and int(row["decade"]) >= 60:
            o["age_decades"][f"{int(row['decade'])}s"] += row["n"]
        o["modus_operandi"][row["mo"] or "unknown"] += row["n"]
        o["total_loss_gbp"] += row["loss"] or 0
        if row["largest"] is not None:
            o["largest_loss_gbp"] = max(o["largest_loss_gbp"] or Decimal(0), row["largest"])
    for o in out.values():
        o["age_decades"] = dict(sorted(o["age_decades"].items()))
        # each band's and decade's share of the victims whose age is known, exact to 3 places
        o["age_bands_pct"] = {k: ratio(n, o["with_age"]) for k, n in o["age_bands"].items()}
        o["age_decades_pct"] = {k: ratio(n, o["with_age"]) for k, n in o["age_decades"].items()}
        o["modus_operandi"] = dict(
            sorted(o["modus_operandi"].items(), key=lambda kv: (-kv[1], kv[0]))
        )
    return out


def build_operations(store: Store, q: Quarter) -> dict[str, Any]:
    """Operations overlapping ``q``, keyed by name, with the previous operation in each series."""
    ops = _rows(store, ("operations",), lambda: {"ops": _operations_query(store.ibis)})["ops"]
    current = [o for o in ops if o["start_on"] <= q.end and o["end_on"] >= q.start]
    previous: dict[str, dict[str, Any]] = {}
    for o in current:
        earlier = [
            p
            for p in ops
            if p["series"] and p["series"] == o["series"] and p["start_on"] < o["start_on"]
        ]
        if earlier:
            previous[o["operation"]] = earlier[-1]
    names = [o["operation"] for o in current] + [p["operation"] for p in previous.values()]
    rows = _rows(store, ("operation results", *names), lambda: _results_queries(store.ibis, names))
    totals, listed = _totals(rows.get("totals", [])), _listed(rows.get("listed", []))
    victims, by_force = _victims(rows.get("victims", [])), _by_force(rows.get("by_force", []))
    out: dict[str, Any] = {}
    for o in current:
        name = o["operation"]
        start, end = o["start_on"], o["end_on"]
        entry: dict[str, Any] = {
            "operation": name,
            "series": o["series"],
            "lead": o["lead"],
            "partners": o["partners"],
            "purpose": o["purpose"],
            "start_on": _iso(start),
            "end_on": _iso(end),
            "days": (end - start).days + 1,
            "totals": totals.get(name, {}),
            "victims": victims.get(name),
            "ocg_locations": listed.get(name, {}).get("ocg_locations", []),
            "items_seized": listed.get(name, {}).get("items_seized", []),
            "previous_in_series": None,
            "by_force": by_force.get(name, {}),
        }
        if name in previous:
            p = previous[name]
            entry["previous_in_series"] = {
                "operation": p["operation"],
                "start_on": _iso(p["start_on"]),
                "end_on": _iso(p["end_on"]),
                "totals": totals.get(p["operation"], {}),
                "by_force": by_force.get(p["operation"], {}),
            }
        out[name] = entry
    return out


def _operations_query(backend: Any) -> Any:
    return backend.table("operations").order_by("start_on")


def _results_queries(backend: Any, names: list[str]) -> dict[str, Any]:
    if not names:
        return {}
    return {
        "totals": _totals_query(backend, names),
        "listed": _listed_query(backend, names),
        "victims": _victims_query(backend, names),
        "by_force": _by_force_query(backend, names),
    }


def _iso(day: date) -> str:
    return day.isoformat()
