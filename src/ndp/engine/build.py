"""Build the pack (docs/pack.md) for one quarter from a store and a framework."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ndp.engine import query_cache
from ndp.engine.area_status import area_rollups
from ndp.engine.areas import Geography, by_block, recorded_months
from ndp.engine.cells import compare, units_recording
from ndp.engine.comparisons import comparisons
from ndp.engine.disclosure.rules import pack_rules
from ndp.engine.figures import Figures, breakdown, parts
from ndp.engine.figures import value as value_of
from ndp.engine.framework import Framework, load_framework
from ndp.engine.operations import build_operations
from ndp.engine.pack_model import Pack
from ndp.engine.pack_parts import (
    data_quality,
    geographies,
    loads_held,
    methodology,
    period_info,
    provenance,
)
from ndp.engine.scans import run_scans
from ndp.engine.shares import shares
from ndp.engine.spc_pack import SpcQueue
from ndp.engine.status import apply_rules, rollup
from ndp.engine.steps_file import read_steps
from ndp.errors import NdpError
from ndp.periods import Month, Quarter
from ndp.store import Store


def history_months(q: Quarter, count: int = 24) -> list[Month]:
    """The ``count`` months ending with the quarter's last."""
    out = [q.months[-1]]
    while len(out) < count:
        out.insert(0, out[0].previous())
    return out


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """A pack allocates hundreds of thousands of short-lived tuples, dicts and Ibis nodes that
    form no reference cycles; Python's cyclic collector would walk them (and everything else
    alive) many times over, a tenth of the build. Reference counting still frees them.

    Afterwards, the objects the build made and kept (the pack: ~100,000 dicts and models) are
    the youngest generation, which the first allocation after ``gc.enable()`` would walk whole
    (~5% of a pack at 1M records) to find no cycle. ``gc.freeze()`` then ``gc.unfreeze()`` moves
    every tracked object to the oldest generation instead, without walking any: a cycle among
    them is still found, by the next full collection. Skipped where the process has frozen
    objects of its own (a server before forking), which ``unfreeze`` would let go."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


@contextmanager
def _beside(store: Store, work: Callable[[Store], Any]) -> Iterator[Callable[[], Any]]:
    """``work``'s result, when asked, read from the store beside the block's own reads where
    the backend has a :meth:`~ndp.store.Store.side_reader` (DuckDB: a thread on a cursor of its
    own, started now, so its queries run and its Python runs while this thread waits for the
    scans' first results); else ``work`` on the store itself, when asked."""
    with store.side_reader() as reader:
        if reader is None:
            yield lambda: work(store)
            return
        with ThreadPoolExecutor(1, thread_name_prefix="ndp-beside") as pool:
            yield pool.submit(_holding_schema, reader, work).result


def _holding_schema(reader: Store, work: Callable[[Store], Any]) -> Any:
    with query_cache.schema_held(reader):  # the operations' two batches: one read of it
        return work(reader)


def build_pack(
    store: Store,
    period: Quarter,
    *,
    framework_path: Path | str | None = None,
    today: date | None = None,
    commentary: Path | str | None = None,
) -> Pack:
    """Compute every figure of ``period`` for the nation, regions and forces. ``commentary``:
    a commentary file or folder whose ``spc_steps`` add to the framework's step changes."""
    with _cyclic_gc_paused(), query_cache.schema_held(store):
        return _build_pack(store, period, framework_path, today, commentary)


def _build_pack(
    store: Store,
    period: Quarter,
    framework_path: Path | str | None,
    today: date | None,
    commentary: Path | str | None,
) -> Pack:
    fw = load_framework(framework_path)
    extra = read_steps(commentary, fw)
    if extra:
        spc = fw.spc.model_copy(update={"steps": [*fw.spc.steps, *extra]})
        fw = fw.model_copy(update={"spc": spc})
    if period.end > (today or date.today()):
        raise NdpError(
            f"period {period.label} has not ended yet (it ends {period.end}); "
            "choose an earlier quarter"
        )
    months24 = history_months(period, 24)
    history = period.history(8)
    # the operations, provenance, loads and quarantine read only the store: beside the scans
    # where it can
    with _beside(
        store,
        lambda reader: (
            build_operations(reader, period),
            provenance(reader, fw),
            loads_held(reader),
        ),
    ) as read_beside:
        return _built(store, fw, period, months24, history, read_beside)


def _built(
    store: Store,
    fw: Framework,
    period: Quarter,
    months24: list[Month],
    history: list[Quarter],
    read_beside: Callable[[], tuple[dict[str, Any], dict[str, Any], Any]],
) -> Pack:
    scans = run_scans(store, fw, months24[0], months24[-1])
    cells, records = scans.cells, scans.records
    if not scans.any_records(period):
        raise NdpError(
            f"no records in the store for {period.label}: load that quarter's extracts "
            "first, or choose a quarter with data"
        )
    geography = Geography.from_reference()
    recorded = {src: recorded_months(r) for src, r in records.items()}
    # each source's units recording it in the quarter and a year before, for every indicator
    # of the source (read, not changed)
    sqly = period.same_quarter_last_year()
    recording = {
        src: (units_recording(r, period), units_recording(r, sqly)) for src, r in records.items()
    }
    queue = SpcQueue(fw)  # every indicator's and area's SPC charted at once, then finished
    staged = {
        n: _indicator(
            fw, n, cells, recording, period, history, months24, (recorded, geography, queue)
        )
        for n in fw.indicators
    }
    queue.run()
    indicators = {n: finish() for n, finish in staged.items()}
    operations, provenance_block, held = read_beside()
    measures, objectives = rollup(fw, indicators, operations)
    areas = area_rollups(fw, indicators, operations, geography)
    return Pack.model_validate(
        {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "framework": {
                "id": fw.id,
                "title": fw.title,
                "version": fw.version,
                "sha256": fw.sha256,
                "strategy": fw.strategy,
                "cross_cutting": [{"id": k, "title": v} for k, v in fw.cross_cutting.items()],
            },
            "period": period_info(period),
            "geographies": geographies(),
            "objectives": objectives,
            "measures": measures,
            "indicators": indicators,
            "operations": operations,
            "areas": areas,
            "data_quality": data_quality(held, fw, indicators, records, scans.returns, period),
            "methodology": methodology(fw),
            "provenance": provenance_block,
            "disclosure": pack_rules(fw),
        }
    )


def _indicator(
    fw: Framework,
    name: str,
    cells: dict[str, Figures],
    recording_of: dict[str, tuple[set[str | None], set[str | None]]],
    q: Quarter,
    history: list[Quarter],
    months24: list[Month],
    areas: tuple[dict[str, Any], Geography, SpcQueue],
) -> Callable[[], dict[str, Any]]:
    """The indicator's figures, given once ``queue`` (``areas``' third) has charted the SPC
    series they hand it. ``recording_of``: by source, the units recording it in the quarter and in
    the same quarter last year."""
    ind = fw.indicators[name]
    value = value_of(fw, name, cells, q.months)
    sqly = q.same_quarter_last_year()
    prev_year = q.year.previous()
    stock = ind.kind == "stock"
    comps = comparisons(ind, q, value, lambda x: value_of(fw, name, cells, x.months))
    recording = recording_of.get(ind.source) or (set(), set())
    if ind.scanned:
        units = recording[0] & recording[1]
        cur = cells[name].total(q.months, units)
        base = cells[name].total(sqly.months, units)
        comps["like_for_like"] = {"current": cur, "units": len(units), **compare(cur, base)}
    split: dict[str, Any] = {}
    bcomps: dict[str, Any] = {}
    for col in ind.breakdowns:
        now = breakdown(fw, name, cells, q.months, col)
        then = breakdown(fw, name, cells, sqly.months, col)
        split[col] = now
        bcomps[col] = {
            k: {
                "same_quarter_last_year": {"period": sqly.label, **compare(now.get(k), then.get(k))}
            }
            for k in sorted(set(now) | set(then))
        }
    monthly = [{"month": m.label, "value": value_of(fw, name, cells, [m])} for m in months24]
    quarterly = [{"period": h.label, "value": value_of(fw, name, cells, h.months)} for h in history]
    years = []
    for fy in (prev_year, q.year):
        qs = {
            f"Q{x.number}": (value_of(fw, name, cells, x.months) if x.end <= q.end else None)
            for x in fy.quarters
        }
        vals = [v for v in qs.values() if v is not None]
        tot = None if ind.unit == "percent" or not vals else (qs["Q4"] if stock else sum(vals))
        years.append({"year": fy.label, "value": tot, "quarters": qs})
    recorded, geography, queue = areas
    charted = queue.ask(name, {"nation": monthly})
    flags: list[str] = []
    if value is None:  # measurable or not: null always comes with its flag (docs/pack.md)
        flags.append("no_records")
    sq = comps["same_quarter_last_year"]
    if sq["pct_change"] is not None and abs(sq["pct_change"]) >= Decimal(
        str(fw.flags.outlier_change_pct)
    ):
        flags.append("outlier_change")
    if abs(len(recording[0]) - len(recording[1])) >= fw.flags.coverage_change_units:
        flags.append("coverage_change")
    areas_done = by_block(
        fw,
        name,
        cells,
        _recorded_of(recorded, ind.source),
        geography,
        q,
        months24,
        (value, sq["value"]),
        queue,
    )
    return lambda: _finished(
        fw,
        name,
        {
            "value": value,
            "breakdown": split,
            "comparisons": comps,
            "breakdown_comparisons": bcomps,
            "series": {"quarterly": quarterly, "monthly": monthly, "years": years},
            "flags": flags,
            "shares": shares(fw, name, cells, q, prev_year, value, split),
            "parts": parts(fw, name, cells, q.months),
        },
        charted,
        areas_done,
    )


def _finished(
    fw: Framework,
    name: str,
    figures: dict[str, Any],
    charted: dict[str, dict[str, Any] | None],
    areas_done: Callable[[], tuple[dict[str, Any], dict[str, Any] | None]],
) -> dict[str, Any]:
    """An indicator's entry in the pack, from its national ``figures`` and its SPC charted."""
    ind = fw.indicators[name]
    spc = charted["nation"]
    value, comps = figures["value"], figures["comparisons"]
    status, rule_name, rule = apply_rules(fw, ind, value, comps, spc)
    by_area, per_force = areas_done()
    out: dict[str, Any] = {
        "measure": ind.measure,
        "objective": fw.measures[ind.measure].objective,
        "title": ind.title,
        "noun": ind.noun,
        "unit": ind.unit,
        "direction": ind.direction,
        "kind": ind.kind,
        "source": ind.source,
        "measurable": ind.measurable,
        "measurable_reason": ind.reason,
        "value": value,
        "breakdown": figures["breakdown"],
        "comparisons": comps,
        "breakdown_comparisons": figures["breakdown_comparisons"],
        "series": figures["series"],
        "spc": spc,
        "status": status,
        "status_rule": rule,
        "status_rule_name": rule_name,
        "flags": figures["flags"],
        "by": by_area,
        "per_force": per_force,
        "shares": figures["shares"],
    }
    num, den = figures["parts"]
    if ind.ratio or num is not None or den is not None:
        out["numerator"], out["denominator"] = num, den
    return out


def _recorded_of(recorded: dict[str, Any], source: str) -> dict[str, Any]:
    return recorded.get(source) or {"force": {}, "region": {}}


__all__ = ["build_pack"]
