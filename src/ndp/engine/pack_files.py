"""Writing a pack with one file per area, and reading one area's figures without the rest.

``pack-2024-25-Q1.json`` holds every figure; beside it ``pack-2024-25-Q1.areas/`` holds one
small file per force, unit and region (``force-E23000001.json``, ``region-london.json``) with
that area's figures, its region's (for a force) and the nation's, so the dashboard reads one
force in a few milliseconds. Both are written as one set: whole or not at all (docs/pack.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from ndp.engine.exact_json import ExactWriter
from ndp.engine.pack_model import Pack
from ndp.files import replacing

#: the nation's figures an area file repeats beside the area's own
NATION_KEYS = ("value", "numerator", "denominator", "comparisons", "status", "flags")
#: a force's file carries its region's figures without the region's own months and SPC
REGION_DROPPED = ("monthly", "spc")
INDICATOR_KEYS = ("measure", "objective", "title", "noun", "unit", "direction", "kind")


def areas_dir(pack_path: Path) -> Path:
    return pack_path.with_name(f"{pack_path.stem}.areas")


def area_file(pack_path: Path, geo: str, code: str) -> Path:
    """``geo`` is ``force`` (code ``E23000001``) or ``region`` (code ``london``)."""
    return areas_dir(pack_path) / f"{geo}-{code}.json"


#: builds a part an area file shares with others, or takes it from those already built:
#: ``(key, build) -> part``
Shared = Callable[[tuple[str, ...], Callable[[], Any]], Any]


def _built(key: tuple[str, ...], build: Callable[[], Any]) -> Any:
    return build()


def area_view(data: dict[str, Any], geo: str, key: str, shared: Shared = _built) -> dict[str, Any]:
    """One area's file: ``key`` is a force's code or a region's name. ``shared`` gets the parts
    that are the same in many areas' files (the nation's figures, a region's, the averages per
    force), so that a writer can encode each of them once."""
    g = data["geographies"]
    if geo == "force":
        info = g["forces"][key]
        area = {"type": "force", "code": key, "name": info["name"], "region": info["region"]}
    else:
        area = {"type": "region", "code": g["regions"][key]["code"], "name": key, "region": key}
    region = area["region"]
    indicators: dict[str, Any] = {}
    for name, ind in data["indicators"].items():
        by = ind.get("by", {})
        entry: dict[str, Any] = {k: ind[k] for k in INDICATOR_KEYS}
        entry["nation"] = shared(("nation", name), partial(_nation, ind))
        entry["area"] = by.get(geo, {}).get(key)
        if geo == "force":
            entry["region"] = shared(("region", name, str(region)), partial(_region, by, region))
        per = ind.get("per_force") or {}
        entry["per_force"] = shared(
            ("per_force", name, str(region)), partial(_per_force, per, region)
        )
        indicators[name] = entry
    own = data.get("areas", {}).get(geo, {}).get(key, {})
    return {
        "pack_version": data["pack_version"],
        "generated_at": data["generated_at"],
        "draft": data.get("draft") is not False,
        "framework": {k: data["framework"][k] for k in ("id", "title", "version")},
        "period": data["period"],
        "area": area,
        "objectives": own.get("objectives", {}),
        "measures": own.get("measures", {}),
        "indicators": indicators,
    }


def _nation(ind: dict[str, Any]) -> dict[str, Any]:
    return {**{k: ind.get(k) for k in NATION_KEYS}, "quarterly": ind["series"]["quarterly"]}


def _region(by: dict[str, Any], region: str | None) -> dict[str, Any] | None:
    own_region = by.get("region", {}).get(region) if region else None
    if not own_region:
        return None
    return {k: v for k, v in own_region.items() if k not in REGION_DROPPED}


def _per_force(per: dict[str, Any], region: str | None) -> dict[str, Any]:
    return {
        "nation": per.get("nation"),
        "region": (per.get("region") or {}).get(region) if region else None,
    }


def area_texts(
    data: dict[str, Any], target: Path, writer: ExactWriter | None = None
) -> dict[Path, str]:
    """The text of each area file of the pack ``data`` written at ``target``, by path."""
    writer = writer or ExactWriter()
    files: dict[Path, str] = {}
    for code in data["geographies"]["forces"]:
        view = area_view(data, "force", code, writer.shared)
        files[area_file(target, "force", code)] = writer.dumps(view)
    for name, region in data["geographies"]["regions"].items():
        view = area_view(data, "region", name, writer.shared)
        files[area_file(target, "region", region["code"])] = writer.dumps(view)
    return files


def write_pack(pack: Pack, target: Path) -> list[Path]:
    """The pack at ``target`` and its area files, replaced together."""
    data = pack.model_dump(mode="python")
    writer = ExactWriter()  # the area files repeat the pack's numbers: each written once
    files: dict[Path, str] = {target: writer.dumps(data), **area_texts(data, target, writer)}
    paths = list(files)
    with replacing(paths) as partials:
        for partial, text in zip(partials, files.values(), strict=True):
            partial.write_text(text, encoding="utf-8")
    return paths


def load_area(pack_path: Path | str, geo: str, code: str) -> dict[str, Any]:
    """One area's figures (numbers exact, as Decimal), read from its own file."""
    path = area_file(Path(pack_path), geo, code)
    if not path.exists():
        raise LookupError(f"no {geo} {code!r} beside {pack_path} (expected {path})")
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
