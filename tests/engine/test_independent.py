"""An independent check of the engine against a plain-Python calculation.

Extracts are written here as "someone else" would write them to the data contract
(docs/data-contract.md): a few thousand records per source, generated with a seeded
``random.Random`` (never ``ndp.synth``), spread from April 2022 to September 2024 with many on
quarter boundaries, forces given by ONS code, full name, short name or alias in any case, enum
values by their aliases, dates in ISO, UK day-first and timestamp forms, money with and without
``£`` and thousands separators, human-readable headers, and the disseminations sent as two
snapshots, the later one updating outcomes (some revised, some withdrawn). They go through the
real loader (nothing may be quarantined) into a DuckDB store, and the 2024-25 Q1 pack is built.

The expected figures are worked out in this file from the generated records only, with their
canonical codes as chosen before they were spelt out, following the definitions of
docs/framework.md, docs/measures.md and docs/pack.md; no engine code is called for them (the
reference data gives force -> region and the judicial outcome codes). For E1b.disruptions,
F2.disruptions, F6.protect_disruptions, E2a.seizures, E2a.seizure_value_gbp,
E2b.civil_recovery_orders, E3.crypto_seizures, E3.crypto_value_gbp, F1a.disseminations,
F1a.outcome_22, F1b.judicial_outcomes, F1b.non_judicial_outcomes, F1b.nfa_outcomes,
F1b.all_outcomes and the stock F1c.outstanding the test compares:
value, breakdown (values and natural order), the comparisons (same quarter last year, previous
quarter, previous-year quarterly average and total for flows, previous year end for the stock:
value, change and pct_change), the 8-quarter and 24-month series, and ``by.force`` for every
force and unit and ``by.region`` for every region (value, same quarter last year, change,
pct_change, 8 quarters). Every mismatch is collected and reported at once;
``test_the_comparison_can_fail`` shows that a wrong expectation or a changed record is caught.
"""

from __future__ import annotations

import copy
import csv
import json
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import cache
from math import floor
from pathlib import Path
from typing import Any

import pytest

from ndp.engine.build import build_pack
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.reference import reference
from ndp.store import open_store

SEED = 20240630
TODAY = date(2026, 1, 1)
FIRST_DAY, LAST_DAY = date(2022, 4, 1), date(2024, 9, 30)
SNAPSHOT_DAY = date(2024, 7, 10)  # the first disseminations extract was taken on this day
N_DISRUPTIONS, N_SEIZURES, N_DISSEMINATIONS = 4000, 3000, 5000

Qtr = tuple[int, int]  # (the calendar year the financial year starts in, quarter 1-4)
Key = tuple[Any, ...]  # a path into the pack
PERIOD: Qtr = (2024, 1)  # 2024-25 Q1

# The contract's enumerations as a writer of extracts would spell them (docs/data-contract.md).
SPELLINGS: dict[str, dict[str, list[str]]] = {
    "threat": {
        "fraud": ["Fraud", "Fraud OCG", "Serious Organised Crime - Fraud", "SOC Fraud"],
        "illicit_finance": ["Illicit Finance", "Money Laundering", "MLAR"],
        "cyber": ["Cyber", "Cyber Crime"],
        "other": ["Other"],
    },
    "disruption_category": {
        "pursue": ["Pursue"],
        "protect": ["Protect"],
        "prepare": ["Prepare"],
        "prevent": ["Prevent"],
    },
    "disruption_level": {"major": ["Major"], "moderate": ["Moderate"], "minor": ["Minor"]},
    "seizure_type": {
        "cash_seizure": ["Cash", "Cash Seizure"],
        "asset_restraint": ["Restraint", "Estimated Asset Restraint", "Asset Restraint"],
        "account_freezing_order": ["AFO", "Account Freezing Order"],
        "asset_freezing_order": ["Asset Freezing Order"],
        "confiscation_order": ["Confiscation Order", "Confiscation"],
        "forfeiture_order": ["Forfeiture Order", "Forfeiture"],
        "civil_recovery_order": ["CRO", "Civil Recovery Order"],
        "cryptocurrency": ["Crypto", "Cryptoasset", "Cryptocurrency"],
        "other": ["Other"],
    },
    "dissemination_type": {
        "pursue": ["Pursue"],
        "protect": ["Protect"],
        "victim_care": ["Victim Care"],
    },
}


# --- periods, in plain Python ------------------------------------------------------------------


def quarter_of(day: date) -> Qtr:
    fy = day.year if day.month >= 4 else day.year - 1
    return fy, (day.month - 4) % 12 // 3 + 1


def shift(q: Qtr, n: int) -> Qtr:
    index = q[0] * 4 + q[1] - 1 + n
    return index // 4, index % 4 + 1


def label(q: Qtr) -> str:
    return f"{q[0]}-{(q[0] + 1) % 100:02d} Q{q[1]}"


def quarter_start(q: Qtr) -> date:
    return date(q[0] + (q[1] == 4), (4, 7, 10, 1)[q[1] - 1], 1)


def quarter_end(q: Qtr) -> date:
    return quarter_start(shift(q, 1)) - timedelta(days=1)


def month_span(year: int, month: int) -> tuple[date, date]:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, 1), nxt - timedelta(days=1)


def months_to(end: date, count: int) -> list[tuple[int, int]]:
    """The ``count`` calendar months ending with ``end``'s month, oldest first."""
    index = end.year * 12 + end.month - 1
    return [((index - i) // 12, (index - i) % 12 + 1) for i in reversed(range(count))]


def boundary_days() -> list[date]:
    days: list[date] = []
    for year in range(2022, 2025):
        for month, day in ((1, 1), (3, 31), (4, 1), (6, 30), (7, 1), (9, 30), (10, 1), (12, 31)):
            d = date(year, month, day)
            if FIRST_DAY <= d <= LAST_DAY:
                days.append(d)
    return days


BOUNDARY_DAYS = boundary_days()


# --- the generated records, canonical --------------------------------------------------------


@dataclass
class Records:
    disruptions: list[dict[str, Any]]
    seizures: list[dict[str, Any]]
    disseminations: list[dict[str, Any]]  # the final state (the later snapshot)
    first_snapshot: list[dict[str, Any]]  # as the first extract, taken on SNAPSHOT_DAY, had them


# APMIS recording windows: a force that never records, one that stopped, one that started late
NEVER_RECORDS = {"E23000039"}  # Dorset
STOPPED_AFTER = {"E23000002": date(2023, 9, 30)}  # Cumbria
STARTED_ON = {"E23000038": date(2024, 4, 1)}  # Wiltshire


def _weight(code: str, kind: str) -> float:
    big = {"E23000001": 6.0, "E23000005": 3.0, "E23000014": 3.0, "E23000010": 2.0}
    return big.get(code, {"regional_unit": 2.0, "national_unit": 1.0, "special": 0.5}.get(kind, 1))


def _pick_day(rng: random.Random) -> date:
    if rng.random() < 0.15:
        return rng.choice(BOUNDARY_DAYS)
    return FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))


@cache
def _units(apmis: bool) -> tuple[list[str], list[float]]:
    """APMIS records come from any force or unit; disseminations go to the 45 forces."""
    forces = [f for f in reference().forces.values() if apmis or f.receives_disseminations]
    return [f.code for f in forces], [_weight(f.code, f.kind) for f in forces]


def _pick_force(rng: random.Random, day: date, apmis: bool) -> str:
    codes, weights = _units(apmis)
    while True:
        code = rng.choices(codes, weights)[0]
        if not apmis:
            return code
        if code in NEVER_RECORDS:
            continue
        if code in STOPPED_AFTER and day > STOPPED_AFTER[code]:
            continue
        if code in STARTED_ON and day < STARTED_ON[code]:
            continue
        return code


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), list(shares.values()))[0]


def _money(rng: random.Random) -> Decimal:
    if rng.random() < 0.01:
        return Decimal("0.00")
    pence = int(10 ** rng.uniform(2, 8.3))
    if rng.random() < 0.2:
        pence -= pence % 100  # whole pounds
    return Decimal(pence) / 100


def generate(rng: random.Random) -> Records:
    disruptions: list[dict[str, Any]] = []
    for i in range(N_DISRUPTIONS):
        day = _pick_day(rng)
        disruptions.append(
            {
                "disruption_id": f"APMIS-D-{i:05d}",
                "date": day,
                "force": _pick_force(rng, day, apmis=True),
                "threat": _pick(
                    rng, {"fraud": 0.4, "illicit_finance": 0.3, "cyber": 0.15, "other": 0.15}
                ),
                "category": _pick(
                    rng, {"pursue": 0.55, "protect": 0.25, "prepare": 0.1, "prevent": 0.1}
                ),
                "level": _pick(rng, {"minor": 0.6, "moderate": 0.3, "major": 0.1}),
            }
        )
    seizures: list[dict[str, Any]] = []
    for i in range(N_SEIZURES):
        day = _pick_day(rng)
        seizures.append(
            {
                "seizure_id": f"APMIS-S-{i:05d}",
                "date": day,
                "force": _pick_force(rng, day, apmis=True),
                "threat": _pick(
                    rng, {"illicit_finance": 0.45, "fraud": 0.3, "cyber": 0.1, "other": 0.15}
                ),
                "type": rng.choice(list(SPELLINGS["seizure_type"])),
                "value_gbp": _money(rng),
            }
        )
    ref = reference()
    groups = {
        "judicial": ref.codes_in_group("judicial"),
        "nfa": ref.codes_in_group("nfa"),
        "alternative_positive": ref.codes_in_group("alternative_positive"),
        "none": ["23"],  # deferred prosecution: in no report group
    }
    final: list[dict[str, Any]] = []
    first: list[dict[str, Any]] = []
    for i in range(N_DISSEMINATIONS):
        day = _pick_day(rng)
        record: dict[str, Any] = {
            "dissemination_id": f"NFIB-{i:06d}",
            "disseminated_on": day,
            "force": _pick_force(rng, day, apmis=False),
            "type": _pick(rng, {"pursue": 0.7, "protect": 0.15, "victim_care": 0.15}),
            "outcome_code": None,
            "outcome_on": None,
            "crime_ref": rng.choice(["", f"NFIB{rng.randrange(10**8):08d}"]),
        }
        outcome_on = day + timedelta(
            days=0 if rng.random() < 0.08 else int(rng.expovariate(1 / 150))
        )
        if rng.random() < 0.1:  # an outcome on a quarter boundary
            later = [d for d in BOUNDARY_DAYS if d >= day]
            outcome_on = rng.choice(later) if later else outcome_on
        if outcome_on <= LAST_DAY and rng.random() < 0.85:
            group = _pick(
                rng, {"judicial": 0.35, "nfa": 0.5, "alternative_positive": 0.1, "none": 0.05}
            )
            record["outcome_code"] = rng.choice(groups[group])
            record["outcome_on"] = outcome_on
        final.append(record)
        if day > SNAPSHOT_DAY:
            continue
        seen = dict(record)
        if seen["outcome_on"] is not None and seen["outcome_on"] > SNAPSHOT_DAY:
            seen["outcome_code"] = seen["outcome_on"] = None  # not returned yet
        roll = rng.random()
        if roll < 0.03:  # a provisional outcome, revised in the later snapshot
            seen["outcome_code"], seen["outcome_on"] = "15", day
        elif roll < 0.04 and record["outcome_code"] is None:  # an outcome withdrawn later
            seen["outcome_code"], seen["outcome_on"] = "18", day
        first.append(seen)
    return Records(disruptions, seizures, final, first)


# --- the extracts, as someone else writes them -------------------------------------------------


def _case(rng: random.Random, text: str) -> str:
    return rng.choice([text, text, text, text.upper(), text.lower()])


def spell_force(rng: random.Random, code: str) -> str:
    f = reference().forces[code]
    return _case(rng, rng.choice([f.code, f.name, f.short_name, *f.aliases]))


def spell_enum(rng: random.Random, enum: str, value: str, blank_for: str | None = None) -> str:
    if value == blank_for and rng.random() < 0.3:
        return ""  # the contract's default
    return _case(rng, rng.choice([value, *SPELLINGS[enum][value]]))


DAY_FORMATS = ("iso", "uk", "uk_short_year", "uk_unpadded", "iso_time", "iso_t", "uk_time")


def spell_day(rng: random.Random, d: date | None, usual: str) -> str:
    """A date in the file's usual format, and now and then in another one the contract accepts
    (a system's export and hand-edited rows)."""
    if d is None:
        return ""
    clock = rng.choice(["00:00", "09:30", "23:59"])  # exports' usual midnight, and a few others
    spelt = {
        "iso": d.isoformat(),
        "uk": d.strftime("%d/%m/%Y"),
        "uk_short_year": d.strftime("%d/%m/%y"),
        "uk_unpadded": f"{d.day}/{d.month}/{d.year}",
        "iso_time": f"{d.isoformat()} {clock}:00",
        "iso_t": f"{d.isoformat()}T{clock}:00",
        "uk_time": f"{d.strftime('%d/%m/%Y')} {clock}",
    }
    return spelt[usual if rng.random() < 0.75 else rng.choice(DAY_FORMATS)]


def spell_money(rng: random.Random, v: Decimal) -> str:
    roll = rng.random()
    if roll < 0.3:
        return f"£{v:,.2f}"
    if roll < 0.55:
        return f"{v:,.2f}"
    if roll < 0.8:
        return f"{v:.2f}"
    if v == v.to_integral_value():
        return f"{int(v)}"
    return f"{v:.2f}".rstrip("0")


def _text(rng: random.Random) -> str:
    return rng.choice(
        ["", "", "Op Falcon", 'Op "Kestrel", phase 2', "OCG-1187", "Linked to\nOp Mercury"]
    )


def _write_csv(
    path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8"
) -> Path:
    with path.open("w", newline="", encoding=encoding) as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


DISRUPTION_HEADER = ["disruption_id", "date", "force", "threat", "category", "level"]
SEIZURE_HEADER = ["value_gbp", "seizure_id", "date", "force", "threat", "type", "estimated"]


def write_extracts(records: Records, folder: Path, rng: random.Random) -> list[tuple[str, Path]]:
    """The extracts in load order: (source, file)."""
    disruptions = [
        [
            r["disruption_id"],
            spell_day(rng, r["date"], "uk"),
            spell_force(rng, r["force"]),
            spell_enum(rng, "threat", r["threat"]),
            spell_enum(rng, "disruption_category", r["category"], blank_for="pursue"),
            spell_enum(rng, "disruption_level", r["level"]),
            _text(rng),
            _text(rng),
        ]
        for r in records.disruptions
    ]
    rng.shuffle(disruptions)
    seizures = [
        [
            spell_money(rng, r["value_gbp"]),
            r["seizure_id"],
            spell_day(rng, r["date"], "iso_time"),
            spell_force(rng, r["force"]),
            spell_enum(rng, "threat", r["threat"]),
            spell_enum(rng, "seizure_type", r["type"]),
            rng.choice(["yes", "no", "Y", "N", "true", "FALSE", "1", "0", ""]),
            _text(rng),
        ]
        for r in records.seizures
    ]
    rng.shuffle(seizures)

    def dissemination_rows(rows: list[dict[str, Any]], usual: str) -> list[list[str]]:
        out = [
            [
                r["dissemination_id"],
                r["crime_ref"],
                spell_day(rng, r["disseminated_on"], usual),
                spell_force(rng, r["force"]),
                spell_enum(rng, "dissemination_type", r["type"], blank_for="pursue"),
                _case(rng, r["outcome_code"] or ""),
                spell_day(rng, r["outcome_on"], usual),
            ]
            for r in rows
        ]
        rng.shuffle(out)
        return out

    header = ["Dissemination ID", "Crime Ref", "Disseminated On", "Force", "Type"]
    header += ["Outcome Code", "Outcome On"]  # headers as people write them
    return [
        (
            "disruptions",
            _write_csv(
                folder / "apmis_disruptions.csv",
                [*DISRUPTION_HEADER, "ocg_ref", "operation"],
                disruptions,
            ),
        ),
        (
            "asset_seizures",
            _write_csv(
                folder / "apmis_seizures.csv",
                [*SEIZURE_HEADER, "operation"],
                seizures,
                encoding="utf-8-sig",
            ),
        ),
        (
            "disseminations",
            _write_csv(
                folder / "nfib_2024-07-10.csv",
                header,
                dissemination_rows(records.first_snapshot, "iso"),
            ),
        ),
        (
            "disseminations",
            _write_csv(
                folder / "nfib_2024-10-05.csv",
                header,
                dissemination_rows(records.disseminations, "uk_short_year"),
            ),
        ),
    ]


# --- the expected figures, in plain Python -----------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One record as an indicator sees it: its date, closing date (stocks), unit, amount and
    breakdown value."""

    day: date
    closed: date | None
    force: str
    amount: int | Decimal
    split: str | None = None


@dataclass(frozen=True)
class Spec:
    items: list[Item]
    stock: bool = False
    breakdown: str | None = None


def specs(records: Records) -> dict[str, Spec]:
    """Each indicator's records, from its definition in the framework file."""
    judicial = set(reference().codes_in_group("judicial"))
    nfa = set(reference().codes_in_group("nfa"))
    d, s, n = records.disruptions, records.seizures, records.disseminations
    return {
        "E1b.disruptions": Spec(
            [
                Item(r["date"], None, r["force"], 1, r["level"])
                for r in d
                if r["threat"] == "illicit_finance"
            ],
            breakdown="level",
        ),
        "F2.disruptions": Spec(
            [
                Item(r["date"], None, r["force"], 1, r["level"])
                for r in d
                if r["threat"] == "fraud" and r["category"] == "pursue"
            ],
            breakdown="level",
        ),
        "F6.protect_disruptions": Spec(
            [
                Item(r["date"], None, r["force"], 1, r["level"])
                for r in d
                if r["category"] == "protect"
            ],
            breakdown="level",
        ),
        "E2a.seizures": Spec(
            [
                Item(r["date"], None, r["force"], 1, r["type"])
                for r in s
                if r["threat"] == "illicit_finance"
            ],
            breakdown="type",
        ),
        "E2a.seizure_value_gbp": Spec(
            [
                Item(r["date"], None, r["force"], r["value_gbp"], r["type"])
                for r in s
                if r["threat"] == "illicit_finance"
            ],
            breakdown="type",
        ),
        "F1a.disseminations": Spec(
            [Item(r["disseminated_on"], None, r["force"], 1) for r in n if r["type"] == "pursue"]
        ),
        "F1b.judicial_outcomes": Spec(
            [
                Item(r["outcome_on"], None, r["force"], 1, r["outcome_code"])
                for r in n
                if r["outcome_code"] in judicial
            ],
            breakdown="outcome_code",
        ),
        "F1b.non_judicial_outcomes": Spec(
            [
                Item(r["outcome_on"], None, r["force"], 1)
                for r in n
                if r["outcome_code"] is not None and r["outcome_code"] not in judicial
            ]
        ),
        "F1b.nfa_outcomes": Spec(
            [Item(r["outcome_on"], None, r["force"], 1) for r in n if r["outcome_code"] in nfa]
        ),
        "F1b.all_outcomes": Spec(
            [Item(r["outcome_on"], None, r["force"], 1) for r in n if r["outcome_code"] is not None]
        ),
        "F1a.outcome_22": Spec(
            [Item(r["outcome_on"], None, r["force"], 1) for r in n if r["outcome_code"] == "22"]
        ),
        "E2b.civil_recovery_orders": Spec(
            [Item(r["date"], None, r["force"], 1) for r in s if r["type"] == "civil_recovery_order"]
        ),
        "E3.crypto_seizures": Spec(
            [Item(r["date"], None, r["force"], 1) for r in s if r["type"] == "cryptocurrency"]
        ),
        "E3.crypto_value_gbp": Spec(
            [
                Item(r["date"], None, r["force"], r["value_gbp"])
                for r in s
                if r["type"] == "cryptocurrency"
            ]
        ),
        # a stock: disseminated on or before the day, with no outcome on or before it (a record
        # whose outcome_on is before its disseminated_on is refused by the contract's rule)
        "F1c.outstanding": Spec(
            [Item(r["disseminated_on"], r["outcome_on"], r["force"], 1) for r in n], stock=True
        ),
    }


def figure(
    spec: Spec, start: date, end: date, forces: set[str] | None = None
) -> int | Decimal | None:
    """A flow over [start, end] or the stock at ``end``; None when no record counts."""
    total: int | Decimal = 0
    counted = 0
    for item in spec.items:
        if forces is not None and item.force not in forces:
            continue
        if spec.stock:
            inside = item.day <= end and (item.closed is None or item.closed > end)
        else:
            inside = start <= item.day <= end
        if inside:
            total += item.amount
            counted += 1
    return total if counted else None


def in_quarter(spec: Spec, q: Qtr, forces: set[str] | None = None) -> int | Decimal | None:
    return figure(spec, quarter_start(q), quarter_end(q), forces)


def pct_change(change: Any, base: Any) -> Decimal | None:
    """change / base x 100, rounded half up (away from zero) to 3 decimals, exactly."""
    if change is None or base is None or base == 0:
        return None
    exact = Fraction(change) * 100 / Fraction(base)
    thousandths = floor(abs(exact) * 1000 + Fraction(1, 2))
    return Decimal(thousandths if exact >= 0 else -thousandths).scaleb(-3)


def natural(text: str) -> tuple[tuple[int, Any], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", text))


def expectations(records: Records) -> dict[Key, Any]:
    """Every expected figure, keyed by its path in the pack."""
    ref = reference()
    regions = {
        r.name: {f.code for f in ref.forces.values() if f.region == r.code}
        for r in ref.regions.values()
    }
    units: dict[str, dict[str, set[str]]] = {
        "force": {code: {code} for code in ref.forces},
        "region": regions,
    }
    sqly, prev = shift(PERIOD, -4), shift(PERIOD, -1)
    history = [shift(PERIOD, -i) for i in reversed(range(8))]
    months = months_to(quarter_end(PERIOD), 24)
    out: dict[Key, Any] = {}
    for name, spec in specs(records).items():
        at: Key = ("indicators", name)
        out[(*at, "kind")] = "stock" if spec.stock else "flow"
        value = in_quarter(spec, PERIOD)
        out[(*at, "value")] = value
        if spec.breakdown:
            split: dict[str, int | Decimal] = {}
            for item in spec.items:
                if quarter_start(PERIOD) <= item.day <= quarter_end(PERIOD):
                    assert item.split is not None
                    split[item.split] = split.get(item.split, 0) + item.amount
            out[(*at, "breakdown", spec.breakdown)] = {
                k: split[k] for k in sorted(split, key=natural)
            }
        comparators: dict[str, Any] = {
            "same_quarter_last_year": in_quarter(spec, sqly),
            "previous_quarter": in_quarter(spec, prev),
        }
        if spec.stock:
            comparators["previous_year_end"] = figure(spec, FIRST_DAY, date(2024, 3, 31))
        else:
            year = [in_quarter(spec, (2023, n)) for n in (1, 2, 3, 4)]
            counted = [v for v in year if v is not None]
            total = sum(counted) if counted else None
            out[(*at, "comparisons", "previous_year_quarterly_average", "total")] = total
            comparators["previous_year_quarterly_average"] = (
                None if total is None else Decimal(total) / 4
            )
        for comparison, base in comparators.items():
            change = None if value is None or base is None else value - base
            where = (*at, "comparisons", comparison)
            out[(*where, "value")] = base
            out[(*where, "change")] = change
            out[(*where, "pct_change")] = pct_change(change, base)
        for i, q in enumerate(history):
            out[(*at, "series", "quarterly", i, "period")] = label(q)
            out[(*at, "series", "quarterly", i, "value")] = in_quarter(spec, q)
        for i, (year_, month) in enumerate(months):
            out[(*at, "series", "monthly", i, "month")] = f"{year_}-{month:02d}"
            out[(*at, "series", "monthly", i, "value")] = figure(spec, *month_span(year_, month))
        for geo, groups in units.items():
            for key, forces in groups.items():
                where = (*at, "by", geo, key)
                now, then = in_quarter(spec, PERIOD, forces), in_quarter(spec, sqly, forces)
                change = None if now is None or then is None else now - then
                out[(*where, "value")] = now
                out[(*where, "same_quarter_last_year")] = then
                out[(*where, "change")] = change
                out[(*where, "pct_change")] = pct_change(change, then)
                if now is None and then is None:
                    continue  # no entry needed (an entry, if any, is checked as null above)
                for i, q in enumerate(history):
                    out[(*where, "quarterly", i, "period")] = label(q)
                    out[(*where, "quarterly", i, "value")] = in_quarter(spec, q, forces)
    out[("data_quality", "quarantine", "rows")] = 0
    return out


def _directions() -> dict[str, str]:
    """Each indicator's better direction, read from the framework file as written."""
    import yaml

    path = Path(__file__).parents[2] / "src/ndp/frameworks/nlf-ndp-2024-25/framework.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {n: d.get("direction", "up") for n, d in data["indicators"].items()}


def _mean(values: list[Any]) -> Decimal:
    """The mean, rounded half up to 3 decimals, exactly."""
    exact = Fraction(sum(Fraction(v) for v in values), len(values))
    return Decimal(floor(exact * 1000 + Fraction(1, 2))).scaleb(-3)


def _ranks(values: dict[str, Any], direction: str) -> dict[str, dict[str, Any]]:
    """Competition ranks (1, 2, 2, 4) by hand: 1 + how many are strictly better."""
    out = {}
    for code, v in values.items():
        better = sum(1 for w in values.values() if (w > v if direction == "up" else w < v))
        tied = sum(1 for w in values.values() if w == v) > 1
        out[code] = {"position": better + 1, "of": len(values), "tied": tied}
    return out


def area_expectations(records: Records) -> dict[Key, Any]:
    """The area figures beyond value and last year: every force's and region's previous
    quarter, previous year's quarterly average, 24 months, rank among the forces (territorial
    and special, not regional or national units) with a figure, and each region's and the
    nation's average per force."""
    ref = reference()
    ranked = {c for c, f in ref.forces.items() if f.kind in ("territorial", "special")}
    regions = {
        r.name: {f.code for f in ref.forces.values() if f.region == r.code}
        for r in ref.regions.values()
    }
    units = {"force": {code: {code} for code in ref.forces}, "region": regions}
    directions = _directions()
    prev = shift(PERIOD, -1)
    months = months_to(quarter_end(PERIOD), 24)
    out: dict[Key, Any] = {}
    for name, spec in specs(records).items():
        at: Key = ("indicators", name)
        for geo, groups in units.items():
            for key, forces in groups.items():
                where = (*at, "by", geo, key)
                now = in_quarter(spec, PERIOD, forces)
                if now is None and in_quarter(spec, shift(PERIOD, -4), forces) is None:
                    continue
                base = in_quarter(spec, prev, forces)
                out[(*where, "comparisons", "previous_quarter", "value")] = base
                out[(*where, "comparisons", "previous_quarter", "change")] = (
                    None if now is None or base is None else now - base
                )
                if not spec.stock:
                    year = [in_quarter(spec, (2023, n), forces) for n in (1, 2, 3, 4)]
                    counted = [v for v in year if v is not None]
                    out[(*where, "comparisons", "previous_year_quarterly_average", "value")] = (
                        Decimal(sum(counted)) / 4 if counted else None
                    )
                for i, (y, m) in enumerate(months):
                    out[(*where, "monthly", i, "value")] = figure(spec, *month_span(y, m), forces)
        valued = {c: v for c in ranked if (v := in_quarter(spec, PERIOD, {c})) is not None}
        direction = directions[name]
        for code, rank in _ranks(valued, direction).items():
            out[(*at, "by", "force", code, "rank")] = None if direction == "neutral" else rank
        every = list(valued.values())
        out[(*at, "per_force", "nation", "value")] = _mean(every) if every else None
        out[(*at, "per_force", "nation", "forces")] = len(every)
        for region, forces in regions.items():
            own = [valued[c] for c in sorted(forces & set(valued))]
            average = _mean(own) if own else None
            out[(*at, "per_force", "region", region, "value")] = average
            for code in forces & set(valued):
                out[(*at, "by", "force", code, "region_average_per_force")] = average
    return out


# --- the comparison ----------------------------------------------------------------------------

MISSING = object()


def dig(node: Any, path: Iterable[Any]) -> Any:
    for key in path:
        in_dict = isinstance(node, dict) and key in node
        in_list = isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        if not (in_dict or in_list):
            return MISSING
        node = node[key]
    return node


def same(got: Any, want: Any) -> bool:
    if want is None or got is None:
        return got is None and want is None
    if isinstance(got, bool) or isinstance(want, bool):
        return got is want
    if isinstance(want, int):
        return type(got) is int and got == want  # counts are integers, never 12.0
    if isinstance(want, Decimal):
        return isinstance(got, (int, Decimal)) and Decimal(got) == want
    if isinstance(want, dict):
        return (
            isinstance(got, dict)
            and list(got) == list(want)  # the same values, in the same (natural) order
            and all(same(got[k], want[k]) for k in want)
        )
    return bool(got == want)


def compare(pack: dict[str, Any], expected: dict[Key, Any]) -> list[str]:
    """Every expected figure the pack does not have, one line each."""
    problems: list[str] = []
    for path, want in expected.items():
        got = dig(pack, path)
        where = ".".join(str(p) for p in path)
        if got is MISSING:
            by_entry = len(path) > 4 and path[0] == "indicators" and path[2] == "by"
            if by_entry and want is None and dig(pack, path[:5]) is MISSING:
                continue  # a force or region with no record has no entry: null
            problems.append(f"{where}: missing from the pack (expected {want!r})")
        elif not same(got, want):
            problems.append(f"{where}: expected {want!r}, the pack has {got!r}")
    return problems


# --- the tests ---------------------------------------------------------------------------------


@dataclass
class Built:
    records: Records
    pack: dict[str, Any]
    expected: dict[Key, Any]
    areas: dict[Key, Any]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("independent")
    rng = random.Random(SEED)
    records = generate(rng)
    expected = expectations(records)  # worked out before anything is loaded
    areas = area_expectations(records)
    inserted: dict[str, int] = {}
    with open_store(str(folder / "s.duckdb")) as store:
        for source, path in write_extracts(records, folder, rng):
            result = load_files(store, [path], source=source, today=TODAY)
            for f in result.files:
                assert f.status == "loaded", f"{path.name}: {f.status}"
                assert f.quarantined == 0, f"{path.name}: {f.quarantined} rows quarantined"
                inserted[source] = inserted.get(source, 0) + f.inserted
        pack = build_pack(store, Quarter.parse("2024-25 Q1"), today=TODAY)
    assert inserted == {
        "disruptions": len(records.disruptions),
        "asset_seizures": len(records.seizures),
        "disseminations": len(records.disseminations),
    }
    return Built(records, json.loads(pack.to_json(), parse_float=Decimal), expected, areas)


def test_the_generated_data_covers_the_edges(built: Built) -> None:
    """The data holds what the comparison is meant to exercise (so a change of seed or shares
    cannot quietly make the test trivial)."""
    r = built.records
    boundary = {d for d in BOUNDARY_DAYS if d.month in (3, 4, 6, 7)}
    assert {x["date"] for x in r.disruptions} >= boundary
    assert any(x["outcome_code"] is None for x in r.disseminations)
    assert any(x["outcome_on"] == x["disseminated_on"] for x in r.disseminations)
    assert any(x["outcome_on"] == date(2024, 7, 1) for x in r.disseminations)
    outstanding_then_closed = [
        x
        for x in r.disseminations
        if x["disseminated_on"] <= date(2024, 6, 30)
        and x["outcome_on"] is not None
        and x["outcome_on"] > date(2024, 6, 30)
    ]
    assert outstanding_then_closed
    revised = {x["dissemination_id"]: x for x in r.disseminations}
    assert any(
        revised[x["dissemination_id"]]["outcome_code"] != x["outcome_code"]
        for x in r.first_snapshot
    )
    by = built.expected
    # forces with no entry, with a value only last year, with a value only this year
    force_values = {
        k[4]: (by[(*k[:5], "value")], by[(*k[:5], "same_quarter_last_year")])
        for k in by
        if k[2:4] == ("by", "force") and k[0] == "indicators" and k[1] == "E1b.disruptions"
    }
    assert (None, None) in force_values.values()
    assert force_values["E23000002"][0] is None  # stopped recording: last year only
    assert force_values["E23000002"][1] is not None
    assert force_values["E23000038"][0] is not None  # started recording: this year only
    assert force_values["E23000038"][1] is None


def test_the_pack_matches_an_independent_calculation(built: Built) -> None:
    problems = compare(built.pack, built.expected)
    assert not problems, f"{len(problems)} figures differ:\n" + "\n".join(problems[:60])


def test_the_comparison_can_fail(built: Built) -> None:
    """A wrong expectation is reported; so is a changed record (the expectations follow the
    records, not the pack)."""
    expected = dict(built.expected)
    value = ("indicators", "F2.disruptions", "value")
    london = ("indicators", "E2a.seizure_value_gbp", "by", "region", "London", "value")
    expected[value] += 1
    expected[london] += Decimal("0.01")
    problems = compare(built.pack, expected)
    assert len(problems) == 2, problems
    assert problems[0].startswith("indicators.F2.disruptions.value: expected")
    assert problems[1].startswith("indicators.E2a.seizure_value_gbp.by.region.London.value")

    records = copy.deepcopy(built.records)
    moved = next(
        x
        for x in records.disruptions
        if x["threat"] == "illicit_finance" and quarter_of(x["date"]) == PERIOD
    )
    moved["threat"] = "cyber"
    problems = compare(built.pack, expectations(records))
    wrong = {p.split(":")[0] for p in problems}
    assert "indicators.E1b.disruptions.value" in wrong
    assert "indicators.E1b.disruptions.breakdown.level" in wrong
    assert f"indicators.E1b.disruptions.by.force.{moved['force']}.value" in wrong


def test_area_figures_match_an_independent_calculation(built: Built) -> None:
    """15 indicators at force and region level: previous quarter, previous year's average,
    24 months, ranks (ties shared) and averages per force; a force with no record has none."""
    assert not (problems := compare(built.pack, built.areas)), "\n".join(problems[:40])
    ranks = [v for k, v in built.areas.items() if k[-1] == "rank" and v]
    assert any(r["tied"] for r in ranks), "the data must hold a tie"
    no_record = [k for k in built.areas if k[2] == "by" and k[3] == "force" and k[-1] == "rank"]
    assert len({k[4] for k in no_record}) > 1


def test_a_force_without_records_has_no_figures(built: Built) -> None:
    """A force that recorded nothing for an indicator has no entry (or a null one), no rank,
    and is left out of its region's average per force."""
    ref = reference()
    ranked = {c for c, f in ref.forces.items() if f.kind in ("territorial", "special")}
    ind = built.pack["indicators"]["E3.crypto_seizures"]
    absent = sorted(ranked - {c for c, e in ind["by"]["force"].items() if e["value"] is not None})
    assert absent, "the data must hold a force with no crypto seizure in the quarter"
    for code in absent:
        entry = ind["by"]["force"].get(code)
        assert entry is None or (entry["value"] is None and entry["rank"] is None)


def test_the_area_comparison_can_fail(built: Built) -> None:
    """A wrong rank, average or month is caught."""
    wrong = dict(built.areas)
    rank_key = next(k for k, v in wrong.items() if k[-1] == "rank" and v)
    wrong[rank_key] = {**wrong[rank_key], "position": wrong[rank_key]["position"] + 1}
    avg_key = next(
        k for k, v in wrong.items() if k[-1] == "value" and "per_force" in k and v is not None
    )
    wrong[avg_key] += Decimal("0.001")
    month_key = next(k for k, v in wrong.items() if "monthly" in k and v)
    wrong[month_key] += 1
    assert len(built.areas) > 20000
    assert len(compare(built.pack, wrong)) == 3
