"""APMIS extracts: disruptions, asset seizures and case outcomes."""

from __future__ import annotations

import random

from ndp.periods import Quarter
from ndp.reference import reference
from ndp.synth.demo import plan
from ndp.synth.demo.calendar import quarter_days, split
from ndp.synth.spelling import enum_spelling, force_spelling, money, uk_date

Row = dict[str, str]


def recording_units() -> list[str]:
    """Forces and units in the order they started recording on APMIS (big forces first)."""
    ref = reference()
    first = ["E23000001", "E23000034", "E23000005", "E23000014", "E23000010", "EMSOU", "ERSOU"]
    rest = [
        f.code
        for f in ref.forces.values()
        if f.code not in first and f.kind in ("territorial", "regional_unit")
    ]
    return first + rest


def _levels(rng: random.Random, threat: str, category: str, label: str, total: int) -> list[str]:
    fixed = plan.LEVELS.get((threat, label)) if category == "pursue" else None
    if fixed is None:
        major = round(total * 0.04)
        moderate = round(total * 0.17)
        fixed = (major, moderate, total - major - moderate)
    levels = ["major"] * fixed[0] + ["moderate"] * fixed[1] + ["minor"] * fixed[2]
    rng.shuffle(levels)
    return levels


def disruptions(rng: random.Random) -> list[Row]:
    units = recording_units()
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
            owners = (active * (count // len(active) + 1))[:count] if count >= len(active) else []
            owners += [rng.choice(active) for _ in range(count - len(owners))]
            rng.shuffle(owners)
            for day, level, unit in zip(
                quarter_days(rng, quarter, count), levels, owners, strict=True
            ):
                rows.append(
                    {
                        "Date": uk_date(day),
                        "Force": force_spelling(rng, unit),
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
    units = recording_units()[:30]
    rows: list[Row] = []
    for label, seizures in plan.SEIZURES.items():
        days = quarter_days(rng, Quarter.parse(label), len(seizures))
        for day, (kind, value, estimated) in zip(days, seizures, strict=True):
            rows.append(
                {
                    "Seizure ID": f"SZ-{len(rows) + 1:05d}",
                    "Date": day.isoformat(),
                    "Force": force_spelling(rng, rng.choice(units)),
                    "Threat": enum_spelling(rng, "threat", "illicit_finance"),
                    "Type": enum_spelling(rng, "seizure_type", kind),
                    "Value GBP": money(value),
                    "Estimated": "Yes" if estimated else "No",
                    "Operation": "",
                }
            )
    return rows


def case_outcomes(rng: random.Random) -> list[Row]:
    """Outcomes for fraud and cyber cases; none yet recorded for money laundering (E1a)."""
    units = recording_units()[:20]
    kinds = ["charge", "summons", "conviction", "caution", "other_judicial", "non_judicial"]
    rows: list[Row] = []
    for label in plan.QUARTERS:
        for day in quarter_days(rng, Quarter.parse(label), 30 + split(rng, 30, 2)[0]):
            rows.append(
                {
                    "Outcome ID": f"OUT-{len(rows) + 1:05d}",
                    "Date": uk_date(day),
                    "Force": force_spelling(rng, rng.choice(units)),
                    "Threat": enum_spelling(rng, "threat", rng.choice(["fraud", "cyber"])),
                    "Outcome Type": rng.choice(kinds),
                }
            )
    return rows
