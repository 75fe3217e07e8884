"""A pack built with the disclosure test framework (tests/frameworks/disclosure.yaml) on
hand-made disruptions: forces of three regions, a regional unit and a national unit, some
recording a few disruptions a month (counts under the minimum of 10) and some many."""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ndp.periods import Quarter

FRAMEWORK = Path(__file__).parents[1] / "frameworks" / "disclosure.yaml"
PERIOD = Quarter.parse("2024-25 Q1")
TODAY = date(2026, 1, 1)
#: force or unit code -> the most it records in a month (0 to it, drawn with a fixed seed)
RECORDING = {
    "E23000001": 14, "EMSOU": 2,  # London: the Met; a unit of another region, East Midlands
    "E23000018": 3, "E23000019": 1, "E23000020": 9, "E23000021": 5,  # East Midlands
    "E23000032": 12, "E23000026": 2, "E23000027": 4,  # Eastern: Kent, Bedfordshire, Cambs
    "NLF": 2,  # a national unit: in no region
}  # fmt: skip
LEVELS = ("major", "moderate", "minor")


def _rows() -> list[dict[str, str]]:
    draw = random.Random(20241)
    rows = []
    month = Quarter.parse("2022-23 Q2").months[0]
    for _ in range(24):
        for force, most in RECORDING.items():
            for n in range(draw.randint(0, most)):
                rows.append({
                    "disruption_id": f"{force}-{month.label}-{n}",
                    "date": month.start.replace(day=1 + n % 27).isoformat(),
                    "force": force, "level": draw.choice(LEVELS),
                    "threat": "cyber" if (force, n) == ("E23000032", 0) else "fraud",
                })  # fmt: skip
        month = month.next()
    return rows


def build(store_path: Path, framework: Path) -> dict[str, Any]:
    """The pack of the store with ``framework``, as the outputs read it (exact numbers)."""
    from ndp.engine.build import build_pack
    from ndp.store import open_store

    with open_store(str(store_path)) as store:
        pack = build_pack(store, PERIOD, framework_path=framework, today=TODAY)
    data: dict[str, Any] = json.loads(pack.to_json(), parse_float=Decimal)
    return data
