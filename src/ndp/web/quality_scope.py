"""Data quality as a scope may see it: the national user everything; a region its own forces'
returns and coverage with the national counts; a force its own return and sources with the
national counts. Flag messages can name forces (late returns), so outside the national scope a
flag is told in the framework's words (``methodology.flags``)."""

from __future__ import annotations

from typing import Any

from ndp.web.areas import Area, region_members


def _flags(data: dict[str, Any], national: bool) -> list[dict[str, Any]]:
    words = data.get("methodology", {}).get("flags", {})
    return [
        {"indicator": f["indicator"], "flag": f["flag"],
         "message": f["message"] if national else words.get(f["flag"], f["flag"])}
        for f in data["data_quality"].get("flags", [])
    ]  # fmt: skip


def scoped_quality(data: dict[str, Any], home: Area) -> dict[str, Any]:
    dq = data["data_quality"]
    returns = dq.get("returns") or {}
    if home.kind == "national":
        return {**dq, "flags": _flags(data, True)}
    members = set(region_members(data, home.name)) if home.kind == "region" else {home.code}
    region_codes = {home.code} if home.kind == "region" else set()
    coverage = {
        source: {
            "current": entry.get("current"),
            "same_quarter_last_year": entry.get("same_quarter_last_year"),
            "units": [u for u in entry.get("units", []) if u in members or u in region_codes],
        }
        for source, entry in (dq.get("coverage") or {}).items()
    }
    return {
        "returns": {
            "expected": returns.get("expected"),
            "on_time": returns.get("on_time"),
            "late": [c for c in returns.get("late", []) if c in members],
            "missing": [c for c in returns.get("missing", []) if c in members],
        },
        "coverage": coverage,
        "flags": _flags(data, False),
    }
