"""The attacker of ``disclosure_attack.py``, turned on the operations of a projected pack (what
an output for the audience reads): every operation's totals and each force's or unit's own
totals, and the same of the previous operation in its series, and each operation's victims.
What a reader knows from the documentation: an operation's total is the sum of its forces' and
units' totals; the victims are those with a known age and those without (``count`` minus
``with_age``, in no field, so worked out), those with a known age are the three age bands, the
decades from the 60s are the 60-to-90 and over-90 bands, the victims are the modi operandi; a
band's or decade's percentage of ``with_age`` times ``with_age`` is the band; and every count is
0 or more. It solves those relations exactly for the figures they determine, then bounds each
suppressed count by the others, as the indicators' attacker does.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from disclosure_attack import C, Facts, Key, _determined, narrow

from ndp.engine.disclosure.operations import COUNTED

NATION = "nation"
VICTIMS = "victims"
GROUPS = ("age_bands", "age_decades", "modus_operandi")
SHARES = {"age_bands_pct": "age_bands", "age_decades_pct": "age_decades"}


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


def _shown(victims: dict[str, Any], field: str, key: str | None = None) -> Any:
    """A victims' figure: its value, C where the pack marks it suppressed, None without one."""
    name = field if key is None else f"{field}.{key}"
    if name in (victims.get("suppressed") or {}):
        return C
    value = victims.get(field) if key is None else (victims.get(field) or {}).get(key)
    return None if value is None else Fraction(value)


def _victims(op: str, victims: dict[str, Any], facts: Facts) -> None:
    """An operation's victims' counts, by ``("victims", operation, field[, key])``; a count
    a shown percentage and a shown ``with_age`` give back is read as shown."""
    for name in ("count", "with_age"):
        facts[(VICTIMS, op, name)] = _shown(victims, name)
    count, with_age = facts[(VICTIMS, op, "count")], facts[(VICTIMS, op, "with_age")]
    if None not in (count, with_age):
        known = C not in (count, with_age)
        facts[(VICTIMS, op, "unknown_age")] = count - with_age if known else C
    for group in GROUPS:
        for key in victims.get(group) or {}:
            facts[(VICTIMS, op, group, key)] = _shown(victims, group, key)
    for field, group in SHARES.items():
        for key in victims.get(field) or {}:
            share = _shown(victims, field, key)
            if facts[(VICTIMS, op, group, key)] == C and share not in (C, None) and with_age:
                facts[(VICTIMS, op, group, key)] = round(share * with_age / 100)


def _victims_rows(facts: Facts) -> list[dict[Key, Fraction]]:
    """The relations among an operation's victims' counts, as coefficients summing to 0."""
    ops = {key[1] for key in facts if key[0] == VICTIMS}
    rows = []
    for op in ops:

        def group(name: str, op: str = op) -> list[Key]:
            return [k for k in facts if k[:3] == (VICTIMS, op, name) and len(k) == 4]

        count, with_age = (VICTIMS, op, "count"), (VICTIMS, op, "with_age")
        bands = [(VICTIMS, op, "age_bands", b) for b in ("60_to_90", "over_90")]
        rows += [
            {
                count: Fraction(1),
                with_age: Fraction(-1),
                (VICTIMS, op, "unknown_age"): Fraction(-1),
            },
            {with_age: Fraction(1), **{k: Fraction(-1) for k in group("age_bands")}},
            {**{k: Fraction(1) for k in group("age_decades")}, **{k: Fraction(-1) for k in bands}},
            {count: Fraction(1), **{k: Fraction(-1) for k in group("modus_operandi")}},
        ]
    return rows


def read_operations(pack: dict[str, Any]) -> Facts:
    """Every operation figure the pack shows, by ``("op", operation, area, total)``, and every
    count of each operation's victims (``_victims``)."""
    facts: Facts = {}
    for op in (pack.get("operations") or {}).values():
        if op.get("victims"):
            _victims(op["operation"], op["victims"], facts)
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
    """Each operation's total minus its forces' is 0, and the victims' relations
    (``_victims_rows``), with the shown figures moved right."""
    areas: dict[tuple[str, str], list[Key]] = {}
    for key in facts:
        if key[0] == "op" and key[2] != NATION:
            areas.setdefault((key[1], key[3]), []).append(key)
    relations = [
        {("op", op, NATION, name): Fraction(1), **{k: Fraction(-1) for k in forces}}
        for (op, name), forces in areas.items()
    ]
    rows = []
    for relation in [*relations, *_victims_rows(facts)]:
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
