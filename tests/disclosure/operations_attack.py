"""The attacker of ``disclosure_attack.py``, turned on the operations of a projected pack (what
an output for the audience reads): every operation's totals and each force's or unit's own
totals, and the same of the previous operation in its series. What a reader knows from the
documentation: an operation's total is the sum of its forces' and units' totals, and every
count is 0 or more. It solves those relations exactly for the figures they determine, then
bounds each suppressed count by the others, as the indicators' attacker does.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from disclosure_attack import C, Facts, Key, _determined, narrow

from ndp.engine.disclosure.operations import COUNTED

NATION = "nation"


def _blocks(pack: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the quarter, and the previous one of its series, once each."""
    seen: dict[str, dict[str, Any]] = {}
    for op in (pack.get("operations") or {}).values():
        for block in (op, op.get("previous_in_series")):
            if block and block.get("totals"):
                seen.setdefault(block["operation"], block)
    return list(seen.values())


def _figure(holder: dict[str, Any], name: str) -> Any:
    if name in (holder.get("suppressed") or {}):
        return C
    value = holder.get(name)
    return None if value is None else Fraction(value)


def read_operations(pack: dict[str, Any]) -> Facts:
    """Every operation figure the pack shows, by ``("op", operation, area, total)``."""
    facts: Facts = {}
    for block in _blocks(pack):
        op = block["operation"]
        for name in COUNTED:
            value = _figure(block["totals"], name)
            if value is not None:
                facts[("op", op, NATION, name)] = value
            for code, figures in (block.get("by_force") or {}).items():
                value = _figure(figures, name)
                if value is not None:
                    facts[("op", op, code, name)] = value
    return facts


def _rows(facts: Facts) -> list[tuple[dict[Key, Fraction], Fraction]]:
    """Each operation's total minus its forces' is 0, with the shown figures moved right."""
    areas: dict[tuple[str, str], list[Key]] = {}
    for key in facts:
        if key[2] != NATION:
            areas.setdefault((key[1], key[3]), []).append(key)
    rows = []
    for (op, name), forces in areas.items():
        relation = {("op", op, NATION, name): Fraction(1), **{k: Fraction(-1) for k in forces}}
        coefs, rhs = {}, Fraction(0)
        for key, k in relation.items():
            value = facts.get(key, Fraction(0))
            if value == C:
                coefs[key] = k
            else:
                rhs -= k * value
        if coefs:
            rows.append((coefs, rhs))
    return rows


def recover_operations(facts: Facts) -> dict[Key, Fraction]:
    """The suppressed figures the shown ones give exactly, with the values they give."""
    return {k: v for k, v in _determined(_rows(facts)).items() if facts.get(k) == C}


def pinned_operations(facts: Facts) -> dict[Key, tuple[Fraction, Fraction]]:
    """The suppressed counts that the relations and ``count >= 0`` narrow to fewer than three
    values, each with its range."""
    rows = _rows(facts)
    big = Fraction(10**12)
    low = {k: Fraction(0) for coefs, _ in rows for k in coefs}
    high = dict.fromkeys(low, big)
    narrow(rows, low, high, big)
    return {k: (low[k], high[k]) for k in low if high[k] - low[k] < 3}
