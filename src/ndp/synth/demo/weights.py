"""How big each force and unit is, for spreading the demo's counts over them.

One weighting serves every extract that names a force (APMIS disruptions, seizures and case
outcomes, NFIB disseminations, training), so a big force is big everywhere. The weights are
rough relative sizes (about a force's officer strength in thousands, the Met's scaled down),
not published figures: they only give the demo's force pages realistic variety.

The noise that makes forces of one size differ comes from a *side* generator seeded from the main
generator's state without drawing from it: the main stream, and with it every national figure the
demo is calibrated to (days, months, levels, spellings), stays exactly what it was.
"""

from __future__ import annotations

import random

from ndp.synth.spelling import force_spelling

#: Relative size; forces and units not listed weigh 1.5.
SIZES: dict[str, float] = {
    "E23000001": 14.0,  # Metropolitan Police Service
    "E23000005": 6.0,  # Greater Manchester
    "E23000014": 5.5,  # West Midlands
    "E23000010": 4.5,  # West Yorkshire
    "E23000029": 3.8,  # Thames Valley
    "E23000034": 3.5,  # City of London: national lead force for fraud
    "E23000004": 3.4,  # Merseyside
    "E23000007": 3.3,  # Northumbria
    "E23000032": 3.3,  # Kent
    "E23000030": 3.2,  # Hampshire
    "E23000028": 3.2,  # Essex
    "E23000035": 3.0,  # Devon and Cornwall
    "W15000003": 3.0,  # South Wales
    "E23000036": 2.9,  # Avon and Somerset
    "E23000003": 2.9,  # Lancashire
    "E23000011": 2.7,  # South Yorkshire
    "E23000033": 2.7,  # Sussex
    "E23000019": 2.1,  # Nottinghamshire
    "E23000016": 2.1,  # West Mercia
    "E23000027": 2.0,  # Hertfordshire
    "E23000006": 2.0,  # Cheshire
    "E23000021": 2.0,  # Leicestershire
    "E23000031": 1.9,  # Surrey
    "E23000012": 1.9,  # Humberside
    "E23000018": 1.8,  # Derbyshire
    "E23000015": 1.7,  # Staffordshire
    "E23000024": 1.6,  # Norfolk
    "E23000023": 1.5,  # Cambridgeshire
    "E23000009": 1.4,  # North Yorkshire
    "W15000001": 1.4,  # North Wales
    "E23000013": 1.3,  # Cleveland
    "E23000022": 1.3,  # Northamptonshire
    "W15000002": 1.3,  # Gwent
    "E23000025": 1.2,  # Suffolk
    "E23000026": 1.2,  # Bedfordshire
    "E23000039": 1.2,  # Dorset
    "E23000008": 1.1,  # Durham
    "E23000002": 1.1,  # Cumbria
    "E23000037": 1.1,  # Gloucestershire
    "W15000004": 1.1,  # Dyfed-Powys
    "E23000020": 1.0,  # Lincolnshire
    "E23000038": 1.0,  # Wiltshire
    "E23000017": 0.9,  # Warwickshire
    "BTP": 2.5,
    "PSNI": 5.0,
}
_DEFAULT = 1.5  # the regional organised crime units


def force_weights(codes: list[str]) -> list[float]:
    """Each code's relative size."""
    return [SIZES.get(code, _DEFAULT) for code in codes]


def side_rng(rng: random.Random, name: str) -> random.Random:
    """A generator seeded from ``rng``'s state and ``name``, leaving ``rng`` untouched."""
    return random.Random(f"{name}|{rng.getstate()!r}")


def character(side: random.Random, codes: list[str], quiet: int) -> dict[str, float]:
    """Each unit's lasting weight: its size times seeded noise; ``quiet`` units record little.

    The quiet ones are drawn from units outside the six biggest, so a big force never goes quiet.
    """
    weights = {
        code: size * side.lognormvariate(0.0, 0.3)
        for code, size in zip(codes, force_weights(codes), strict=True)
    }
    biggest = sorted(codes, key=lambda c: -SIZES.get(c, _DEFAULT))[:6]
    for code in side.sample([c for c in codes if c not in biggest], quiet):
        weights[code] *= 0.12
    return weights


def apportion(total: int, weights: list[float], *, floor: int = 1) -> list[int]:
    """``total`` split in proportion to ``weights``, each part at least ``floor``, summing exactly.

    Largest remainders decide the last units, ties to the earlier part.
    """
    if total < floor * len(weights):
        raise ValueError(f"cannot give {len(weights)} parts at least {floor} each from {total}")
    rest = total - floor * len(weights)
    whole = sum(weights)
    quotas = [rest * w / whole for w in weights]
    parts = [int(q) for q in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in by_remainder[: rest - sum(parts)]:
        parts[i] += 1
    return [p + floor for p in parts]


def spell_as_before(rng: random.Random, side: random.Random, before: str, unit: str) -> str:
    """``unit``'s name as an extract writes it, drawn from ``side``.

    ``rng`` draws the spelling of ``before``, the unit an even spread put here, as it did before
    the weighting, so everything ``rng`` generates afterwards is unchanged.
    """
    force_spelling(rng, before)
    return force_spelling(side, unit)
