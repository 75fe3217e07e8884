"""Two more parts of a scope's projection, by allow-list: operations' results and geographies.

- **Operations.** A reason for an operations measure names the operation and its arrests
  (``ndp.report.reasons.operations_reason``). Every scope sees the nation's totals (under
  ``national``, a national figure like any other); a force also its own results (under
  ``force``: the operation's ``by_force`` entry, as the force edition reads them); a region
  none of its own, since the pack holds no region totals and summing its forces' would be a
  figure the pack does not publish. Only the operation's name and totals come in: never
  ``by_force`` (every force's results), OCG locations or seized items.
- **Geographies.** The visible forces (name, region, kind) and regions (code, and the visible
  members only), so the tidy rows of an export can be built from the projection alone.
"""

from __future__ import annotations

from typing import Any

from ndp.web.areas import Area


def _totals(op: dict[str, Any], home: Area) -> dict[str, Any] | None:
    if home.kind == "national":
        return dict(op.get("totals") or {})
    if home.kind == "force":
        return dict((op.get("by_force") or {}).get(home.code) or {})
    return None


def scoped_operations(data: dict[str, Any], home: Area) -> dict[str, dict[str, Any]]:
    """``{"national": ..., "force": ...}``: each operation's name and totals, the nation's and
    (a force's scope) the force's own."""
    out = {"national": _operations(data, Area("national", "", "")), "force": {}}
    if home.kind == "force":
        out["force"] = _operations(data, home)
    return out


def _operations(data: dict[str, Any], home: Area) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, op in (data.get("operations") or {}).items():
        totals = _totals(op, home)
        if totals is None:
            continue
        prior = op.get("previous_in_series")
        earlier = None
        if prior:
            earlier = {"operation": prior.get("operation"), "totals": _totals(prior, home) or {}}
        out[name] = {"operation": op.get("operation", name), "totals": totals,
                     "previous_in_series": earlier}  # fmt: skip
    return out


def scoped_geographies(data: dict[str, Any], visible: list[Area]) -> dict[str, Any]:
    """The pack's ``geographies`` cut down to the ``visible`` areas."""
    geo = data["geographies"]
    forces = {
        a.code: {k: geo["forces"][a.code].get(k) for k in ("name", "region", "kind")}
        for a in visible
        if a.kind == "force"
    }
    regions = {
        a.name: {"code": a.code,
                 "forces": [c for c in geo["regions"][a.name].get("forces", []) if c in forces]}
        for a in visible
        if a.kind == "region"
    }  # fmt: skip
    return {"forces": forces, "regions": regions}
