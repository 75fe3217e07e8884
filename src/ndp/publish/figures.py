"""The figures a version publishes, by indicator and area, and where two packs first differ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NATIONAL = "national"


@dataclass(frozen=True)
class Change:
    indicator: str
    area: str
    old: Any
    new: Any

    def as_dict(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "area": self.area, "old": self.old, "new": self.new}


def figures(pack: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """Each indicator's value for the nation (area ``national``) and for each force and
    region (``force E23000001``, ``region London``)."""
    out: dict[tuple[str, str], Any] = {}
    for name, ind in pack.get("indicators", {}).items():
        out[(name, NATIONAL)] = ind.get("value")
        for geo, areas in (ind.get("by") or {}).items():
            for code, area in areas.items():
                out[(name, f"{geo} {code}")] = area.get("value")
    return out


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every figure whose value differs between two packs, in indicator then area order."""
    before, after = figures(old), figures(new)
    keys = sorted(set(before) | set(after))
    return [
        Change(k[0], k[1], before.get(k), after.get(k))
        for k in keys
        if before.get(k) != after.get(k)
    ]


def first_difference(old: Any, new: Any, path: str = "") -> tuple[str, Any, Any] | None:
    """The first place (a dotted path, keys in sorted order) where two JSON values differ."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if key not in old or key not in new:
                return (f"{path}.{key}".lstrip("."), old.get(key), new.get(key))
            found = first_difference(old[key], new[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        if len(old) != len(new):
            return (f"{path} (length)".lstrip("."), len(old), len(new))
        return None
    return None if old == new else (path.lstrip("."), old, new)
