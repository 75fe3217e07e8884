"""Operations Dupers 1 (2023) and Dupers 2 (13-24 May 2024): results and victims."""

from __future__ import annotations

import random
from decimal import Decimal

from ndp.reference import reference
from ndp.synth.demo.calendar import split
from ndp.synth.spelling import force_spelling, money

Row = dict[str, str]

OPERATIONS: list[Row] = [
    {
        "Operation": "Dupers 1",
        "Series": "Dupers",
        "Lead": "Lead Force Operations Room (LFOR)",
        "Partners": "the National Economic Crime Centre (NECC)",
        "Start On": "15/05/2023",
        "End On": "26/05/2023",
        "Purpose": "National intensification against courier fraud",
    },
    {
        "Operation": "Dupers 2",
        "Series": "Dupers",
        "Lead": "Lead Force Operations Room (LFOR)",
        "Partners": "the National Economic Crime Centre (NECC)",
        "Start On": "13/05/2024",
        "End On": "24/05/2024",
        "Purpose": (
            "National intensification to cut courier fraud at source and protect vulnerable victims"
        ),
    },
]

#: Dupers 2: the forces where OCGs were found (Rochdale, Leicester, London) and what followed.
DUPERS_2_OCG_FORCES: dict[str, dict[str, int | str]] = {
    "E23000005": {
        "ocg_locations": "Rochdale",
        "items_seized": "handsets; cash",
        "ocgs_identified": 1,
        "suspects_identified": 3,
        "arrests": 2,
        "charged": 1,
        "remanded": 1,
    },
    "E23000021": {
        "ocg_locations": "Leicester",
        "items_seized": "handsets; bank cards",
        "ocgs_identified": 1,
        "suspects_identified": 3,
        "arrests": 3,
        "charged": 1,
        "remanded": 1,
    },
    "E23000001": {
        "ocg_locations": "London",
        "items_seized": "cash; bank cards; handsets",
        "ocgs_identified": 2,
        "suspects_identified": 4,
        "arrests": 3,
        "charged": 1,
        "remanded": 1,
    },
}
DUPERS_2_REFERRALS = 112
DUPERS_2_UNITS = 26
DUPERS_2_CALL_BLOCKERS = 8

#: Dupers 2 victims: ages by band, modus operandi, losses.
AGE_BANDS = [
    ((35, 59), 20),
    ((60, 69), 41),
    ((70, 79), 63),
    ((80, 89), 66),
    ((91, 93), 9),
    ((94, 94), 1),
]
MODUS_OPERANDI = [
    ("police_impersonation", 140),
    ("bank_impersonation", 44),
    ("other_impersonation", 10),
    ("other", 6),
]
TOTAL_LOSS = Decimal("290897.90")
LARGEST_LOSS = Decimal("56000.00")


def operations() -> list[Row]:
    return [dict(row) for row in OPERATIONS]


def operation_results(rng: random.Random) -> list[Row]:
    units = [
        f.code for f in reference().forces.values() if f.kind in ("territorial", "regional_unit")
    ]
    taking_part = list(DUPERS_2_OCG_FORCES) + rng.sample(
        [u for u in units if u not in DUPERS_2_OCG_FORCES],
        DUPERS_2_UNITS - len(DUPERS_2_OCG_FORCES),
    )
    referrals = [r + 1 for r in split(rng, DUPERS_2_REFERRALS - DUPERS_2_UNITS, DUPERS_2_UNITS)]
    blockers = split(rng, DUPERS_2_CALL_BLOCKERS, 4) + [0] * (DUPERS_2_UNITS - 4)
    rows = []
    for unit, referred, blocked in zip(taking_part, referrals, blockers, strict=True):
        found = DUPERS_2_OCG_FORCES.get(unit, {})
        rows.append(
            {
                "Operation": "Dupers 2",
                "Force": force_spelling(rng, unit),
                "Referrals": str(referred),
                "OCGs Identified": str(found.get("ocgs_identified", 0)),
                "Suspects Identified": str(found.get("suspects_identified", 0)),
                "Arrests": str(found.get("arrests", 0)),
                "Charged": str(found.get("charged", 0)),
                "Remanded": str(found.get("remanded", 0)),
                "Call Blockers Installed": str(blocked),
                "OCG Locations": str(found.get("ocg_locations", "")),
                "Items Seized": str(found.get("items_seized", "")),
            }
        )
    rows += [
        {
            "Operation": "Dupers 1",
            "Force": "Metropolitan Police Service",
            "Referrals": "41",
            "OCGs Identified": "1",
            "Suspects Identified": "3",
            "Arrests": "2",
            "Charged": "1",
            "Remanded": "0",
            "Call Blockers Installed": "3",
            "OCG Locations": "London",
            "Items Seized": "cash",
        },
        {
            "Operation": "Dupers 1",
            "Force": "Kent Police",
            "Referrals": "18",
            "OCGs Identified": "0",
            "Suspects Identified": "0",
            "Arrests": "0",
            "Charged": "0",
            "Remanded": "0",
            "Call Blockers Installed": "1",
            "OCG Locations": "",
            "Items Seized": "",
        },
    ]
    return rows


def _losses(rng: random.Random, count: int) -> list[Decimal]:
    """``count`` losses in pence summing to TOTAL_LOSS, the largest exactly LARGEST_LOSS."""
    rest_total = int((TOTAL_LOSS - LARGEST_LOSS) * 100)
    weights = [rng.uniform(0.2, 1.8) for _ in range(count - 1)]
    pence = [int(rest_total * w / sum(weights)) for w in weights]
    pence[0] += rest_total - sum(pence)
    assert max(pence) < LARGEST_LOSS * 100
    losses = [LARGEST_LOSS, *(Decimal(p) / 100 for p in pence)]
    rng.shuffle(losses)
    return losses


def operation_victims(rng: random.Random) -> list[Row]:
    ages = [rng.randint(low, high) for (low, high), n in AGE_BANDS for _ in range(n)]
    methods = [m for m, n in MODUS_OPERANDI for _ in range(n)]
    rng.shuffle(ages)
    rng.shuffle(methods)
    forces = [*list(DUPERS_2_OCG_FORCES), "E23000021", "E23000029", "E23000032"]
    rows = []
    for number, (age, method, loss) in enumerate(
        zip(ages, methods, _losses(rng, len(ages)), strict=True), start=1
    ):
        rows.append(
            {
                "Operation": "Dupers 2",
                "Victim Ref": f"D2-V{number:03d}",
                "Age": str(age),
                "Loss GBP": money(loss),
                "Modus Operandi": method.replace("_", " ").title(),
                "Force": force_spelling(rng, rng.choice(forces)),
            }
        )
    rows.append(
        {
            "Operation": "Dupers 1",
            "Victim Ref": "D1-V001",
            "Age": "84",
            "Loss GBP": "£12,500.00",
            "Modus Operandi": "Police Impersonation",
            "Force": "Met",
        }
    )
    return rows
