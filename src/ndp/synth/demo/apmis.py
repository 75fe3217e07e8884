"""APMIS extracts: disruptions, asset seizures and case outcomes."""

from __future__ import annotations

import random

from ndp.periods import Quarter
from ndp.reference import reference
from ndp.synth.demo import plan
from ndp.synth.demo.calendar import quarter_days, split
from ndp.synth.demo.weights import apportion, character, side_rng, spell_as_before
from ndp.synth.spelling import enum_spelling, force_spelling, money, uk_date

Row = dict[str, str]


def drawing_units() -> list[str]:
    """Forces and units in the order the demo's generator draws them (big forces first).

    Before the demo spread counts by force size it handed them out evenly in this order; the main
    generator still draws by it, so every figure it generates stays what it was.
    """
    ref = reference()
    first = ["E23000001", "E23000034", "E23000005", "E23000014", "E23000010", "EMSOU", "ERSOU"]
    rest = [
        f.code
        for f in ref.forces.values()
        if f.code not in first and f.kind in ("territorial", "regional_unit")
    ]
    return first + rest


#: Forces that started recording late, swapped with smaller ones that started early, so the
#: like-for-like units and the later ones are alike in size (each group's total is fixed).
_LATE_STARTERS = {
    "E23000004": "E23000037",  # Merseyside / Gloucestershire
    "E23000007": "E23000038",  # Northumbria / Wiltshire
    "E23000003": "E23000039",  # Lancashire / Dorset
    "E23000011": "W15000004",  # South Yorkshire / Dyfed-Powys
}


def recording_units() -> list[str]:
    """Forces and units in the order they started recording disruptions on APMIS."""
    units = drawing_units()
    for late, early in _LATE_STARTERS.items():
        i, j = units.index(late), units.index(early)
        units[i], units[j] = early, late
    return units


def _levels(rng: random.Random, threat: str, category: str, label: str, total: int) -> list[str]:
    fixed = plan.LEVELS.get((threat, label)) if category == "pursue" else None
    if fixed is None:
        major = round(total * 0.04)
        moderate = round(total * 0.17)
        fixed = (major, moderate, total - major - moderate)
    levels = ["major"] * fixed[0] + ["moderate"] * fixed[1] + ["minor"] * fixed[2]
    rng.shuffle(levels)
    return levels


#: Units recording in both Q1 23/24 and Q1 24/25: the report's like-for-like comparisons.
LIKE_FOR_LIKE = plan.RECORDING_UNITS["2023-24 Q1"]


def _owners(
    side: random.Random, weights: dict[str, float], active: list[str], count: int
) -> list[str]:
    """Who records ``count`` disruptions: every active unit at least one, bigger units more.

    The like-for-like units (the first 32) share between them exactly what an even spread would
    give them, and so do the rest, so the report's like-for-like sums come out as published.
    """
    even = [count // len(active) + (i < count % len(active)) for i in range(len(active))]
    owners: list[str] = []
    for start, stop in ((0, LIKE_FOR_LIKE), (LIKE_FOR_LIKE, len(active))):
        group = active[start:stop]
        if not group:
            continue
        noisy = [weights[u] * side.lognormvariate(0.0, 0.2) for u in group]
        for unit, n in zip(group, apportion(sum(even[start:stop]), noisy), strict=True):
            owners += [unit] * n
    return owners


def disruptions(rng: random.Random) -> list[Row]:
    units = recording_units()
    drawing = drawing_units()
    side = side_rng(rng, "disruptions")
    weights = character(side, units, quiet=4)
    rows: list[Row] = []
    for label in plan.QUARTERS:
        quarter = Quarter.parse(label)
        active = units[: plan.RECORDING_UNITS[label]]
        illicit, fraud, protect, cyber = plan.DISRUPTIONS[label]
        batches = [
            ("illicit_finance", "pursue", illicit),
            ("fraud", "pursue", fraud),
            ("fraud", "protect", protect - protect // 5),
            ("cyber", "protect", protect // 5),
            ("cyber", "pursue", cyber),
        ]
        for threat, category, count in batches:
            levels = _levels(rng, threat, category, label, count)
            # every active unit records at least one, so coverage is what the plan says
            owners = _owners(side, weights, active, count)
            before = drawing[: len(active)]
            even = (before * (count // len(before) + 1))[:count]  # how rng drew before
            order = list(range(count))
            rng.shuffle(order)
            for day, level, index in zip(
                quarter_days(rng, quarter, count), levels, order, strict=True
            ):
                rows.append(
                    {
                        "Date": uk_date(day),
                        "Force": spell_as_before(rng, side, even[index], owners[index]),
                        "Threat": enum_spelling(rng, "threat", threat),
                        "Category": ""
                        if category == "pursue" and rng.random() < 0.5
                        else category.title(),
                        "Level": level.title(),
                        "OCG Ref": f"OCG-{rng.randint(1000, 9999)}",
                        "Operation": "",
                    }
                )
    rows.sort(key=lambda r: (r["Date"][6:], r["Date"][3:5], r["Date"][:2]))
    for number, row in enumerate(rows, start=1):
        row["Disruption ID"] = f"DIS-{number:06d}"
    return rows


def asset_seizures(rng: random.Random) -> list[Row]:
    units = drawing_units()[:30]
    side = side_rng(rng, "asset_seizures")
    weights = character(side, units, quiet=3)
    rows: list[Row] = []
    for label, seizures in plan.SEIZURES.items():
        days = quarter_days(rng, Quarter.parse(label), len(seizures))
        drawn: list[str] = []
        for day, (kind, value, estimated) in zip(days, seizures, strict=True):
            drawn.append(rng.choice(units))
            rows.append(
                {
                    "Seizure ID": f"SZ-{len(rows) + 1:05d}",
                    "Date": day.isoformat(),
                    "Force": force_spelling(rng, drawn[-1]),
                    "Threat": enum_spelling(rng, "threat", "illicit_finance"),
                    "Type": enum_spelling(rng, "seizure_type", kind),
                    "Value GBP": money(value),
                    "Estimated": "Yes" if estimated else "No",
                    "Operation": "",
                }
            )
        _respread(side, weights, rows[len(rows) - len(drawn) :], drawn)
    return rows


def case_outcomes(rng: random.Random) -> list[Row]:
    """Outcomes for fraud and cyber cases; none yet recorded for money laundering (E1a)."""
    units = drawing_units()[:20]
    side = side_rng(rng, "case_outcomes")
    weights = character(side, units, quiet=2)
    kinds = ["charge", "summons", "conviction", "caution", "other_judicial", "non_judicial"]
    rows: list[Row] = []
    for label in plan.QUARTERS:
        drawn: list[str] = []
        for day in quarter_days(rng, Quarter.parse(label), 30 + split(rng, 30, 2)[0]):
            drawn.append(rng.choice(units))
            rows.append(
                {
                    "Outcome ID": f"OUT-{len(rows) + 1:05d}",
                    "Date": uk_date(day),
                    "Force": force_spelling(rng, drawn[-1]),
                    "Threat": enum_spelling(rng, "threat", rng.choice(["fraud", "cyber"])),
                    "Outcome Type": rng.choice(kinds),
                }
            )
        _respread(side, weights, rows[len(rows) - len(drawn) :], drawn)
    return rows


def _respread(
    side: random.Random, weights: dict[str, float], rows: list[Row], drawn: list[str]
) -> None:
    """Give a quarter's ``rows`` to the units an even draw gave them to, by the units' weights.

    The same units record as before (so coverage and like-for-like unit counts stay), each at
    least once; bigger units record more. ``side`` respells the force; the main generator has
    already drawn everything as before, so nothing generated afterwards changes.
    """
    recording = sorted(set(drawn), key=list(weights).index)
    counts = apportion(len(rows), [weights[u] * side.lognormvariate(0.0, 0.2) for u in recording])
    owners = [unit for unit, n in zip(recording, counts, strict=True) for _ in range(n)]
    side.shuffle(owners)
    for row, unit in zip(rows, owners, strict=True):
        row["Force"] = force_spelling(side, unit)
