"""An attacker: reads the figures a reader gets (the statistical workbook or the tidy file) and
tries to work out every suppressed one from the others, with everything a reader knows from
the documentation and the reference data:

- an area's figure for a period is the sum of its parts: England and Wales is its regions plus
  the part not attributed to a region, a region is its forces and units, England and Wales is
  the sum of each breakdown's categories (this quarter and the same quarter last year), a
  quarter is the sum of its months (every indicator here is a flow);
- a change is the figure minus its comparator; the previous year's quarterly average is a
  quarter of the year's four quarters; a benchmark on that basis is that average;
- a percentage change is the change over the comparator (a count is whole, so rounding the
  product gives the exact count back); a rate is 100 x numerator / denominator, whose parts are
  the figures of the indicators the framework names;
- a region's average per force is the sum of its forces with a figure over their number.

It solves the linear relations exactly (fractions, reduced row echelon form) for the figures
they determine, then applies the non-linear ones to what is known, until nothing new comes.
The figures found are the suppressed ones recovered.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from ndp.periods import Quarter

C = "[c]"
Key = tuple[str, ...]
Facts = dict[Key, Any]  # a key's figure (Fraction) or C; absent: not available / applicable
COMPARISONS = {
    "Same quarter last year": "same_quarter_last_year",
    "Previous quarter": "previous_quarter",
    "Previous year's quarterly average": "previous_year",
    "Previous year's year end": "previous_year",
    "Benchmark": "benchmark",
}


def _figure(cell: Any) -> Any:
    if cell == C:
        return C
    if cell is None or cell in ("", "[x]", "[z]") or (isinstance(cell, str) and not _numeric(cell)):
        return None
    return Fraction(str(cell))


def _numeric(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def _comparator(pack: dict[str, Any], ind: str, area: str, name: str) -> Key:
    """The key of a comparison's comparator: the figure of an earlier period, or its own."""
    now = Quarter.parse(pack["period"]["label"])
    if name == "same_quarter_last_year":
        return ("v", ind, area, now.same_quarter_last_year().label)
    if name == "previous_quarter":
        return ("v", ind, area, now.previous().label)
    return (name, ind, area)


def _put(facts: Facts, key: Key, value: Any) -> None:
    if value is not None:
        facts[key] = value


def read_workbook(path: Path, pack: dict[str, Any]) -> Facts:
    """Every figure of the workbook's indicator, category and series sheets, by key."""
    import openpyxl

    facts: Facts = {}
    now = pack["period"]["label"]
    book = openpyxl.load_workbook(path, read_only=True)
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        at = next(
            (i for i, r in enumerate(rows) if r and r[0] in ("Area type", "Indicator id")), None
        )
        if at is None:
            continue
        head, body = [str(h) for h in rows[at]], rows[at + 1 :]
        if head[0] == "Area type":  # one indicator's table
            ind = next(str(r[0]).split()[1] for r in rows if str(r[0]).startswith("Indicator "))
            for row in body:
                _indicator_row(facts, pack, ind, dict(zip(head, row, strict=True)), now)
        elif "Breakdown" in head:
            for row in body:
                line = dict(zip(head, row, strict=True))
                cat = (
                    "cat",
                    str(line["Indicator id"]),
                    str(line["Breakdown"]),
                    str(line["Category"]),
                )
                _put(facts, (*cat, now), _figure(line[now]))
                before = Quarter.parse(now).same_quarter_last_year().label
                _put(facts, (*cat, before), _figure(line["Same quarter last year"]))
                _put(
                    facts,
                    ("cat_change", *cat[1:]),
                    _figure(line["Change on same quarter last year"]),
                )
        elif "Area code" in head:  # a series sheet
            periods = head[6:]
            for row in body:
                line = dict(zip(head, row, strict=True))
                for label in periods:
                    period = _period(label)
                    key = ("v", str(line["Indicator id"]), str(line["Area code"]), period)
                    _put(facts, key, _figure(line[label]))
    return facts


def _period(label: str) -> str:
    """A series column's period: ``2024-25 Q1`` as it is, ``Jun 2024`` as ``2024-06``."""
    if " Q" in label:
        return label
    from datetime import datetime

    return datetime.strptime(label, "%b %Y").strftime("%Y-%m")


def _indicator_row(
    facts: Facts, pack: dict[str, Any], ind: str, line: dict[str, Any], now: str
) -> None:
    area = str(line["Area code"])
    parts = _parts(pack, ind)
    for header, cell in line.items():
        value = _figure(cell)
        if header.startswith(f"{now} ("):
            _put(facts, ("v", ind, area, now), value)
        elif header.startswith("Numerator") and parts:
            _put(facts, ("v", parts[0], area, now), value)
        elif header.startswith("Denominator") and parts:
            _put(facts, ("v", parts[1], area, now), value)
        elif header.startswith("Region's average per force"):
            _put(facts, ("region_average", ind, area), value)
        elif header.startswith("Change on "):
            words = header.removeprefix("Change on ").rsplit(" (", 1)
            name = COMPARISONS[words[0][0].upper() + words[0][1:]]
            kind = "pct" if words[1] == "%)" else "change"
            _put(facts, (kind, ind, area, name), value)
        elif header != "Benchmark met":
            for words, name in COMPARISONS.items():
                if header.startswith(words):
                    _put(facts, _comparator(pack, ind, area, name), value)


def _parts(pack: dict[str, Any], ind: str) -> list[str] | None:
    rates = (pack.get("disclosure") or {}).get("rates") or {}
    return rates.get(ind)


def read_tidy(path: Path, pack: dict[str, Any]) -> Facts:
    """Every figure of the tidy CSV file, by key: an empty cell that the row's ``suppressed``
    column names is a suppressed figure."""
    facts: Facts = {}
    now = pack["period"]["label"]
    with path.open(encoding="utf-8-sig", newline="") as file:
        for row in csv.DictReader(file):
            held = set(filter(None, (row["suppressed"] or "").split("; ")))

            def cell(column: str, row: dict[str, str] = row, held: set[str] = held) -> Any:
                return C if column in held else _figure(row[column] or None)

            ind, area, period = row["indicator_id"], row["area_code"], row["period"]
            if row["category"]:
                cat = ("cat", ind, row["breakdown"], row["category"])
                _put(facts, (*cat, now), cell("value"))
                before = Quarter.parse(now).same_quarter_last_year().label
                _put(facts, (*cat, before), cell("same_quarter_last_year_value"))
                _put(facts, ("cat_change", *cat[1:]), cell("same_quarter_last_year_change"))
                continue
            _put(facts, ("v", ind, area, period), cell("value"))
            if row["report_period"] != "true":
                continue
            parts = _parts(pack, ind)
            if parts:
                _put(facts, ("v", parts[0], area, now), cell("numerator"))
                _put(facts, ("v", parts[1], area, now), cell("denominator"))
            _put(facts, ("region_average", ind, area), cell("region_average_per_force"))
            for name in (
                "same_quarter_last_year",
                "previous_quarter",
                "previous_year",
                "benchmark",
            ):
                _put(facts, _comparator(pack, ind, area, name), cell(f"{name}_value"))
                _put(facts, ("change", ind, area, name), cell(f"{name}_change"))
                _put(facts, ("pct", ind, area, name), cell(f"{name}_pct_change"))
    return facts


Relation = dict[Key, Fraction]  # coefficients; the relation says their sum is 0


def relations(facts: Facts, pack: dict[str, Any]) -> list[Relation]:
    """Every linear relation a reader can write between the keys."""
    geo = pack["geographies"]
    now = Quarter.parse(pack["period"]["label"])
    nation, rest = "K04000001", "unattributed"
    out: list[Relation] = []
    values = defaultdict(set)
    for key in facts:
        if key[0] == "v":
            values[(key[1], key[3])].add(key[2])
    for (ind, period), _areas in values.items():

        def v(area: str, ind: str = ind, period: str = period) -> Key:
            return ("v", ind, area, period)

        whole = {v(nation): Fraction(1), v(rest): Fraction(-1)}
        for info in geo["regions"].values():
            whole[v(info["code"])] = Fraction(-1)
            out.append(
                {v(info["code"]): Fraction(1), **{v(f): Fraction(-1) for f in info["forces"]}}
            )
        out.append(whole)
        if " Q" in period:
            months = [m.label for m in Quarter.parse(period).months]
            for area in _areas:
                out.append(
                    {v(area): Fraction(1), **{v(area, period=m): Fraction(-1) for m in months}}
                )
    cats = defaultdict(list)
    for key in facts:
        if key[0] == "cat":
            cats[(key[1], key[2], key[4])].append(key)
    for (ind, _, period), keys in cats.items():
        out.append({("v", ind, nation, period): Fraction(1), **{k: Fraction(-1) for k in keys}})
        if period == now.label:
            for k in keys:
                before = (*k[:4], now.same_quarter_last_year().label)
                out.append(
                    {("cat_change", *k[1:4]): Fraction(1), k: Fraction(-1), before: Fraction(1)}
                )
    for key in facts:
        if key[0] == "change":
            _, ind, area, name = key
            out.append(
                {
                    key: Fraction(1),
                    ("v", ind, area, now.label): Fraction(-1),
                    _comparator(pack, ind, area, name): Fraction(1),
                }
            )
        if key[0] == "previous_year" and pack["indicators"][key[1]]["unit"] == "count":
            quarters = [q.label for q in now.year.previous().quarters]
            out.append(
                {key: Fraction(4), **{("v", key[1], key[2], q): Fraction(-1) for q in quarters}}
            )
            basis = (pack["indicators"][key[1]]["comparisons"].get("benchmark") or {}).get("basis")
            if basis == "previous_year_quarterly_average":
                out.append({key: Fraction(1), ("benchmark", *key[1:]): Fraction(-1)})
    out += _averages(facts, pack)
    return out


def _averages(facts: Facts, pack: dict[str, Any]) -> list[Relation]:
    """A region's average per force times its forces with a figure is their sum (the average
    has 3 decimals, so the product rounds to the exact sum: taken as known when published)."""
    geo = pack["geographies"]
    now = pack["period"]["label"]
    out = []
    for (kind, ind, area), value in [(k, v) for k, v in facts.items() if k[0] == "region_average"]:
        region = next((r for r in geo["regions"].values() if r["code"] == area), None)
        if region is None or value == C or pack["indicators"][ind]["unit"] != "count":
            continue
        forces = [
            f for f in region["forces"] if geo["forces"][f]["kind"] in ("territorial", "special")
        ]
        with_figure = [f for f in forces if ("v", ind, f, now) in facts]
        total = round(value * len(with_figure))
        out.append(
            {
                ("known", kind, ind, area): Fraction(-total),
                **{("v", ind, f, now): Fraction(1) for f in with_figure},
            }
        )
    return out


def _determined(rows: list[tuple[dict[Key, Fraction], Fraction]]) -> dict[Key, Fraction]:
    """Unknowns the equations (coefficients, right-hand side) fix, with their values."""
    pivots: list[tuple[Key, dict[Key, Fraction], Fraction]] = []
    for coefs, rhs in rows:
        coefs = dict(coefs)
        for lead, prow, prhs in pivots:
            k = coefs.get(lead)
            if k:
                for c, v in prow.items():
                    coefs[c] = coefs.get(c, Fraction(0)) - k * v
                rhs -= k * prhs
                coefs = {c: v for c, v in coefs.items() if v}
        if not coefs:
            continue
        lead = min(coefs)
        scale = coefs[lead]
        coefs = {c: v / scale for c, v in coefs.items()}
        rhs /= scale
        for i, (other, prow, prhs) in enumerate(pivots):
            k = prow.get(lead)
            if k:
                new = {
                    c: prow.get(c, Fraction(0)) - k * coefs.get(c, Fraction(0))
                    for c in {*prow, *coefs}
                }
                pivots[i] = (other, {c: v for c, v in new.items() if v}, prhs - k * rhs)
        pivots.append((lead, coefs, rhs))
    return {lead: rhs for lead, coefs, rhs in pivots if len(coefs) == 1}


def recover(facts: Facts, pack: dict[str, Any]) -> dict[Key, Fraction]:
    """The suppressed figures the published ones give, with the values they give. The part no
    region holds is an unknown where the file does not show it (a national unit's figure)."""
    known: dict[Key, Fraction] = {k: v for k, v in facts.items() if v != C}
    targets = {k for k, v in facts.items() if v == C}
    linear = relations(facts, pack)
    found: dict[Key, Fraction] = {}
    while True:
        rows = []
        for relation in linear:
            coefs, rhs = {}, Fraction(0)
            for key, k in relation.items():
                if key[0] == "known":
                    rhs -= k
                elif key in known:
                    rhs -= k * known[key]
                elif key in targets or key[2] == "unattributed":
                    coefs[key] = k
                # any other key has no record: 0
            if coefs:
                rows.append((coefs, rhs))
        new = {k: v for k, v in _determined(rows).items() if k in targets}
        new.update(_nonlinear(facts, pack, known, targets))
        new = {k: v for k, v in new.items() if k not in known}
        if not new:
            return found
        found.update(new)
        known.update(new)


def _nonlinear(
    facts: Facts, pack: dict[str, Any], known: dict[Key, Fraction], hidden: set[Key]
) -> dict[Key, Fraction]:
    new: dict[Key, Fraction] = {}
    for key in [k for k in facts if k[0] == "pct"]:
        _, ind, area, name = key
        change, comparator = ("change", ind, area, name), _comparator(pack, ind, area, name)
        pct = known.get(key)
        count = pack["indicators"][ind]["unit"] == "count"
        if pct is None or not count:
            continue
        if change in hidden and change not in known and comparator in known:
            new[change] = Fraction(round(known[comparator] * pct / 100))
        if comparator in hidden and comparator not in known and change in known and pct:
            new[comparator] = Fraction(round(known[change] * 100 / pct))
    for rate, (num, den) in ((pack.get("disclosure") or {}).get("rates") or {}).items():
        for key in [k for k in facts if k[0] == "v" and k[1] == rate]:
            _, _, area, period = key
            r, n, d = key, ("v", num, area, period), ("v", den, area, period)
            if r in known and d in known and n in hidden and n not in known:
                new[n] = Fraction(round(known[r] * known[d] / 100))
            if r in known and n in known and d in hidden and d not in known and known[r]:
                new[d] = Fraction(round(known[n] * 100 / known[r]))
            if n in known and d in known and r in hidden and r not in known and known[d]:
                new[r] = known[n] * 100 / known[d]
    return new


def pinned(facts: Facts, pack: dict[str, Any]) -> dict[Key, tuple[Fraction, Fraction]]:
    """The suppressed counts that bounds pin to one value, or to a range of fewer than three:
    every count is 0 or more, and each relation bounds each of its unknowns by the others'
    bounds (tightened in turn until nothing changes). Returns each such count's range."""
    known = {k: v for k, v in facts.items() if v != C}
    targets = {k for k, v in facts.items() if v == C}
    big = Fraction(10**12)
    low: dict[Key, Fraction] = {}
    high: dict[Key, Fraction] = {}
    rows = []
    for relation in relations(facts, pack):
        coefs, rhs = {}, Fraction(0)
        for key, k in relation.items():
            if key[0] == "known":
                rhs -= k
            elif key in known:
                rhs -= k * known[key]
            elif key in targets or key[2] == "unattributed":
                coefs[key] = k
                counted = key[0] in ("v", "cat") and pack["indicators"][key[1]]["unit"] == "count"
                low.setdefault(key, Fraction(0) if counted else -big)
                high.setdefault(key, big)
        if coefs:
            rows.append((coefs, rhs))
    narrow(rows, low, high, big)
    return {k: (low[k], high[k]) for k in targets if k in low and high[k] - low[k] < 3}


Rows = list[tuple[dict[Key, Fraction], Fraction]]


def narrow(rows: Rows, low: dict[Key, Fraction], high: dict[Key, Fraction], big: Fraction) -> None:
    """Tighten ``low`` and ``high`` in place: each relation ``sum(coef * x) == rhs`` bounds
    each of its unknowns by the others' bounds, in turn until nothing changes (a bound at
    ``big`` is no bound)."""
    changed = True
    while changed:
        changed = False
        for coefs, rhs in rows:
            for j, a in coefs.items():
                others = [(b * low[i], b * high[i]) for i, b in coefs.items() if i != j]
                least = sum((min(pair) for pair in others), Fraction(0))
                most = sum((max(pair) for pair in others), Fraction(0))
                if abs(least) >= big or abs(most) >= big:
                    continue
                bounds = sorted(((rhs - most) / a, (rhs - least) / a))
                if bounds[0] > low[j]:
                    low[j], changed = bounds[0], True
                if bounds[1] < high[j]:
                    high[j], changed = bounds[1], True
