"""The demo spreads its counts over forces by size, not evenly, within the plan's constraints."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from ndp.reference import reference
from ndp.synth.demo import SEED, apmis, plan
from ndp.synth.demo.weights import apportion, force_weights

Q1_MONTHS = ("04/2024", "05/2024", "06/2024")


@pytest.fixture(scope="module")
def q1_disruptions() -> Counter[str]:
    """Q1 24/25's disruptions per unit, as the demo writes them (disruptions are drawn first)."""
    rows = apmis.disruptions(random.Random(SEED))
    return Counter(reference().force(r["Force"]).code for r in rows if r["Date"][3:] in Q1_MONTHS)


def test_apportion_sums_exactly_with_a_floor_and_follows_the_weights() -> None:
    parts = apportion(100, [10.0, 1.0, 1.0, 0.01])
    assert sum(parts) == 100
    assert min(parts) == 1
    assert parts[0] > parts[1] + parts[2]
    with pytest.raises(ValueError, match="at least 1"):
        apportion(3, [1.0] * 4)


def test_every_recording_unit_records_and_like_for_like_groups_keep_their_totals(
    q1_disruptions: Counter[str],
) -> None:
    active = apmis.recording_units()[: plan.RECORDING_UNITS["2024-25 Q1"]]
    assert set(q1_disruptions) == set(active)
    counts = plan.DISRUPTIONS["2024-25 Q1"]
    protect = counts[2]
    batches = [counts[0], counts[1], protect - protect // 5, protect // 5, counts[3]]
    n, lfl = len(active), apmis.LIKE_FOR_LIKE
    even_share = sum(c // n * lfl + min(c % n, lfl) for c in batches)
    assert sum(q1_disruptions[u] for u in active[:lfl]) == even_share
    assert sum(q1_disruptions.values()) == sum(batches)


def test_big_forces_record_more_and_forces_differ(q1_disruptions: Counter[str]) -> None:
    forces = [f.code for f in reference().forces.values() if f.kind == "territorial"]
    figures = sorted(q1_disruptions[f] for f in forces)
    median = figures[len(figures) // 2]
    for big in ("E23000001", "E23000005", "E23000014", "E23000010"):
        assert q1_disruptions[big] > 2 * median, big
    assert len(set(figures)) > len(figures) // 2  # not a handful of equal shares
    assert figures[0] < median / 2  # a few units record little


def test_weights_rank_the_met_first() -> None:
    codes = [f.code for f in reference().dissemination_forces()]
    weights = force_weights(codes)
    assert codes[weights.index(max(weights))] == "E23000001"
