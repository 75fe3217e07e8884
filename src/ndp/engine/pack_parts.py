"""The pack's blocks that are not indicators: the period, the geographies, data quality,
the methodology in words and provenance (docs/pack.md)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ndp.engine.cells import units_recording
from ndp.engine.flag_messages import indicator_flags
from ndp.engine.framework import Framework
from ndp.engine.returns import compliance_of, late_returns_flags
from ndp.periods import Quarter
from ndp.reference import reference
from ndp.store import Store


def period_info(q: Quarter) -> dict[str, Any]:
    return {
        "label": q.label,
        "start": q.start.isoformat(),
        "end": q.end.isoformat(),
        "short": q.short,
        "span": q.span,
        "quarter": q.number,
        "year": q.year.label,
        "year_short": q.year.short,
        "previous_year": q.year.previous().label,
        "previous_year_short": q.year.previous().short,
    }


def geographies() -> dict[str, Any]:
    ref = reference()
    return {
        "regions": {
            r.name: {
                "code": r.code,
                "forces": [f.code for f in ref.forces.values() if f.region == r.code],
            }
            for r in ref.regions.values()
        },
        "forces": {
            f.code: {
                "name": f.name,
                "short_name": f.short_name,
                "region": ref.regions[f.region].name if f.region in ref.regions else None,
                "kind": f.kind,
            }
            for f in ref.forces.values()
        },
    }


def methodology(fw: Framework) -> dict[str, Any]:
    """The framework's status rules and flag thresholds in words, for the methodology annex."""
    return {
        "status_rules": [
            {"name": r.name, "status": r.status, "words": r.words} for r in fw.status_rules
        ],
        "rollup": fw.rollup.words,
        "flags": {
            "no_records": "the source holds no record for the indicator in the period",
            "coverage_change": (
                "the number of units recording the source changed by "
                f"{fw.flags.coverage_change_units} or more on the same quarter last year"
            ),
            "outlier_change": (
                f"the value changed by {fw.flags.outlier_change_pct:g}% or more "
                "on the same quarter last year"
            ),
            "late_returns": (
                "a force returned its outcome information after the due date, or not at all"
            ),
        },
    }


def loads_held(store: Store) -> tuple[list[dict[str, Any]], int]:
    """What data quality reads from the store: every load (its files and rows), and the rows
    held in quarantine (not yet released by a fixed reload)."""
    loads = [
        {"load_id": r[0], "finished_at": str(r[1]), "username": r[2], "files": r[3], "rows": r[4]}
        for r in store.execute(
            "SELECT l.load_id, l.finished_at, l.username, count(f.file_id),"
            " coalesce(sum(f.rows_inserted + f.rows_updated), 0)"
            " FROM loads l LEFT JOIN load_files f ON f.load_id = l.load_id"
            " GROUP BY l.load_id, l.finished_at, l.username ORDER BY l.load_id"
        )
    ]
    quarantined = store.scalar("SELECT count(*) FROM quarantine WHERE released_by_load IS NULL")
    return loads, int(quarantined or 0)


def data_quality(
    held: tuple[list[dict[str, Any]], int],
    fw: Framework,
    indicators: dict[str, Any],
    records: dict[str, Any],
    returns_rows: list[dict[str, Any]],
    q: Quarter,
) -> dict[str, Any]:
    """The ``data_quality`` block, from the store's loads and quarantine (:func:`loads_held`)
    and the build's figures."""
    loads, quarantined = held
    coverage = {
        src: {
            "current": len(units_recording(r, q)),
            "same_quarter_last_year": len(units_recording(r, q.same_quarter_last_year())),
            "units": sorted(str(u) for u in units_recording(r, q) if u is not None),
        }
        for src, r in sorted(records.items())
    }
    returns = compliance_of([r for r in returns_rows if r["quarter"] == q.label])
    flags = indicator_flags(fw, indicators, coverage, q.label) + late_returns_flags(returns)
    return {
        "loads": loads,
        "coverage": coverage,
        "returns": returns,
        "quarantine": {"rows": quarantined},
        "flags": flags,
    }


def provenance(store: Store, fw: Framework) -> dict[str, Any]:
    """The framework and every extract loaded: its path, SHA-256, source, rows read, load and
    ``quarantined``, its rows refused by a partial load and still held (not yet released by a
    fixed reload), which sum to ``data_quality.quarantine.rows``."""
    files = [
        {"path": r[0], "sha256": r[1], "source": r[2], "rows": r[3], "load_id": r[4],
         "quarantined": int(r[5] or 0)}
        for r in store.execute(
            "SELECT f.path, f.sha256, f.source, f.rows_read, f.load_id, count(q.quarantine_id)"
            " FROM load_files f LEFT JOIN quarantine q"
            " ON q.file_id = f.file_id AND q.released_by_load IS NULL"
            " GROUP BY f.file_id, f.path, f.sha256, f.source, f.rows_read, f.load_id"
            " ORDER BY f.file_id"
        )
    ]  # fmt: skip
    return {
        "store": getattr(store, "kind", "duckdb"),
        "framework_file": Path(fw.path).name,
        "framework_sha256": fw.sha256 or hashlib.sha256(Path(fw.path).read_bytes()).hexdigest(),
        "files": files,
    }
