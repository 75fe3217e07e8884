"""The changed figures as the plain-text table ``ndp diff`` prints."""

from __future__ import annotations

from typing import Any

from ndp.publish.figures import Change


def _cell(value: Any) -> str:
    return "-" if value is None else str(value)


def change_table(label: str, old: int, new: int, changed: list[Change]) -> list[str]:
    head = f"{label}: version {old} to version {new}"
    if not changed:
        return [head, "no figure changed"]
    rows = [("indicator", "area", "old", "new")]
    rows += [(c.indicator, c.area, _cell(c.old), _cell(c.new)) for c in changed]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [head]
    for r in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    noun = "figure" if len(changed) == 1 else "figures"
    return [*lines, f"{len(changed)} {noun} changed"]
