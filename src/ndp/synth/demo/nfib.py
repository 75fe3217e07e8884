"""NFIB extracts: disseminations with the outcomes returned so far, and force returns.

Outcomes are assigned to disseminations still open on the outcome's day, so the stock of
outstanding disseminations at any day follows from the plan's flows exactly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ndp.periods import Month, Quarter
from ndp.reference import reference
from ndp.synth.demo import plan
from ndp.synth.demo.calendar import days_in, quarter_days
from ndp.synth.demo.weights import character, side_rng, spell_as_before
from ndp.synth.spelling import force_spelling, uk_date

Row = dict[str, str]

_NFA_CODES = ["14", "15", "16", "18", "18", "18", "20", "21", "9", "10"]
_JUDICIAL_CODES = ["1", "1", "1", "1A", "2", "3", "3", "4", "6", "8"]


def _force_weights() -> tuple[list[str], list[float]]:
    """The weights the demo drew forces by before the shared weighting (the main stream's)."""
    forces = reference().dissemination_forces()
    big = {"E23000001": 12.0, "E23000005": 5.0, "E23000014": 4.0, "E23000010": 3.0}
    return [f.code for f in forces], [big.get(f.code, 1.0) for f in forces]


@dataclass
class _Dissemination:
    on: date
    drawn: str  # the force the main stream draws (and spells), as before the shared weighting
    force: str  # the force it goes to, by the shared weighting
    code: str | None = None
    outcome_on: date | None = None


def disseminations(rng: random.Random) -> list[Row]:
    codes, weights = _force_weights()
    side = side_rng(rng, "disseminations")
    sizes = list(character(side, codes, quiet=0).values())
    records: list[_Dissemination] = []
    for label, count in plan.DISSEMINATIONS.items():
        quarter = Quarter.parse(label)
        met = plan.MET_OPERATION_DISSEMINATIONS if label == "2024-25 Q1" else 0
        days = quarter_days(rng, quarter, count - met) + days_in(rng, Month(2024, 5), met)
        drawn = rng.choices(codes, weights, k=count - met) + ["E23000001"] * met
        forces = side.choices(codes, sizes, k=count - met) + ["E23000001"] * met
        for day, before, force in zip(days, drawn, forces, strict=True):
            records.append(_Dissemination(day, before, force))
    records.sort(key=lambda r: r.on)
    _assign_outcomes(rng, records)
    rows = []
    for number, record in enumerate(records, start=1):
        rows.append(
            {
                "Dissemination ID": f"NFIB-{number:07d}",
                "Crime Ref": f"NFIB{rng.randint(10**7, 10**8 - 1)}",
                "Disseminated On": uk_date(record.on),
                "Force": spell_as_before(rng, side, record.drawn, record.force),
                "Type": "Pursue",
                "Outcome Code": record.code or "",
                "Outcome On": uk_date(record.outcome_on) if record.outcome_on else "",
            }
        )
    return rows


def _assign_outcomes(rng: random.Random, records: list[_Dissemination]) -> None:
    """Give each planned outcome to a random dissemination still open on the outcome's day."""
    open_ids: list[int] = []
    next_record = 0
    for label, (judicial, nfa, diversionary) in plan.OUTCOMES.items():
        quarter = Quarter.parse(label)
        codes = [rng.choice(_JUDICIAL_CODES) for _ in range(judicial)]
        codes += [rng.choice(_NFA_CODES) for _ in range(nfa)] + ["22"] * diversionary
        rng.shuffle(codes)
        if label == "2024-25 Q1":  # CoLP housekeeping: two operations' large judicial returns
            colp = [i for i, c in enumerate(codes) if c in _JUDICIAL_CODES][
                : sum(plan.COLP_HOUSEKEEPING)
            ]
        else:
            colp = []
        for index, (day, code) in enumerate(
            zip(quarter_days(rng, quarter, len(codes)), codes, strict=True)
        ):
            while next_record < len(records) and records[next_record].on <= day:
                open_ids.append(next_record)
                next_record += 1
            pool = (
                [i for i in open_ids[-4000:] if records[i].drawn == "E23000034"]
                if index in colp
                else []
            )
            chosen_pos = (
                rng.randrange(len(open_ids)) if not pool else open_ids.index(rng.choice(pool))
            )
            chosen = open_ids[chosen_pos]
            open_ids[chosen_pos] = open_ids[-1]
            open_ids.pop()
            records[chosen].code = code
            if index in colp:  # City of London's own disseminations
                records[chosen].force = "E23000034"
            records[chosen].outcome_on = max(day, records[chosen].on)


def force_returns(rng: random.Random) -> list[Row]:
    """Every dissemination force's return per quarter; all on time in 2024-25 Q1."""
    rows = []
    for label in ["2023-24 Q1", "2023-24 Q2", "2023-24 Q3", "2023-24 Q4", "2024-25 Q1"]:
        quarter = Quarter.parse(label)
        due = quarter.end + timedelta(days=31)
        late = set() if label == "2024-25 Q1" else set(rng.sample(range(45), rng.randint(1, 4)))
        for index, force in enumerate(reference().dissemination_forces()):
            returned = (
                due + timedelta(days=rng.randint(1, 20))
                if index in late
                else due - timedelta(days=rng.randint(0, 20))
            )
            rows.append(
                {
                    "Force": force_spelling(rng, force.code),
                    "Quarter": rng.choice(
                        [quarter.label, quarter.short, f"FY{quarter.year.short} Q{quarter.number}"]
                    ),
                    "Due On": uk_date(due),
                    "Returned On": uk_date(returned),
                }
            )
    return rows
