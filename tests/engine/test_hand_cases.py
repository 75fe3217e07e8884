"""Indicators on tiny hand-made stores, with values worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ndp.engine.build import build_pack
from ndp.errors import NdpError
from ndp.periods import Quarter

TODAY = date(2026, 1, 1)
Q1 = Quarter.parse("2024-25 Q1")
MET, KENT, DURHAM = "E23000001", "E23000032", "E23000008"


def _disruption(i: int, day: str, force: str = MET, **kw: Any) -> dict[str, Any]:
    row = {
        "disruption_id": f"D{i}",
        "date": day,
        "force": force,
        "threat": "fraud",
        "category": "pursue",
        "level": "minor",
    }
    return {**row, **kw}


def test_quarter_boundaries(tiny_store) -> None:  # type: ignore[no-untyped-def]
    store, insert = tiny_store
    insert(
        "disruptions",
        [
            _disruption(1, "2024-03-31"),  # Q4 2023-24
            _disruption(2, "2024-04-01"),  # Q1 first day
            _disruption(3, "2024-06-30", level="major"),  # Q1 last day
            _disruption(4, "2024-07-01"),  # Q2
            _disruption(5, "2023-04-01"),  # Q1 last year
            _disruption(6, "2024-05-05", threat="illicit_finance"),
        ],
    )
    f2 = build_pack(store, Q1, today=TODAY).indicators["F2.disruptions"]
    assert f2.value == 2
    assert f2.breakdown["level"] == {"minor": 1, "major": 1}
    assert list(f2.breakdown["level"]) == ["major", "minor"]  # sorted, whatever the scan's order
    assert f2.comparisons["previous_quarter"].value == 1
    sq = f2.comparisons["same_quarter_last_year"]
    assert (sq.value, sq.change, sq.pct_change) == (1, 1, Decimal("100.000"))
    # 2023-24 had records on 2023-04-01 and 2024-03-31: 2 / 4 a quarter
    assert f2.comparisons["previous_year_quarterly_average"].value == Decimal("0.5")


def test_empty_indicator_is_null_not_zero(tiny_store) -> None:  # type: ignore[no-untyped-def]
    store, insert = tiny_store
    insert("disruptions", [_disruption(1, "2024-04-02")])
    pack = build_pack(store, Q1, today=TODAY)
    e1b = pack.indicators["E1b.disruptions"]
    assert e1b.value is None
    assert e1b.flags[0] == "no_records"
    assert e1b.status == "no_data"
    assert e1b.comparisons["same_quarter_last_year"].pct_change is None
    assert pack.measures["E1b"].status == "no_data"


def test_stock_outstanding_at_quarter_end(tiny_store) -> None:  # type: ignore[no-untyped-def]
    store, insert = tiny_store
    base = {"type": "pursue", "force": MET}
    insert(
        "disseminations",
        [
            {
                "dissemination_id": "a",
                "disseminated_on": "2024-03-15",
                "outcome_code": "1",
                "outcome_on": "2024-05-01",
                **base,
            },
            {"dissemination_id": "b", "disseminated_on": "2024-04-10", **base},
            {
                "dissemination_id": "c",
                "disseminated_on": "2024-06-30",
                "outcome_code": "16",
                "outcome_on": "2024-07-02",
                **base,
            },
        ],
    )
    pack = build_pack(store, Q1, today=TODAY)
    out = pack.indicators["F1c.outstanding"]
    assert out.kind == "stock"
    assert out.value == 2  # b and c: c's outcome came after 30 June
    assert out.comparisons["previous_year_end"].value == 1  # a, open on 31 March
    pct = pack.indicators["F1c.outstanding_pct"]
    assert pct.value == Decimal("66.667")
    assert (pct.numerator, pct.denominator) == (2, 3)
    assert pack.indicators["F1a.disseminations"].value == 2  # b and c dated in Q1
    assert pack.indicators["F1b.judicial_outcomes"].value == 1  # a's outcome on 1 May


def test_like_for_like_and_geographies(tiny_store) -> None:  # type: ignore[no-untyped-def]
    store, insert = tiny_store
    insert(
        "disruptions",
        [
            _disruption(1, "2023-05-01", MET),
            _disruption(2, "2024-05-01", MET),
            _disruption(3, "2024-05-02", MET),
            _disruption(4, "2024-05-03", KENT),  # Kent recorded only this year
            _disruption(5, "2023-05-03", DURHAM),  # Durham only last year
        ],
    )
    f2 = build_pack(store, Q1, today=TODAY).indicators["F2.disruptions"]
    lfl = f2.comparisons["like_for_like"]
    assert (lfl.units, lfl.current, lfl.value, lfl.change) == (1, 2, 1, 1)
    assert f2.by["force"][KENT].value == 1
    assert f2.by["force"][DURHAM].value is None
    assert f2.by["region"]["Eastern"].value == 1
    assert f2.by["region"]["London"].same_quarter_last_year == 1


def test_money_is_exact(tiny_store) -> None:  # type: ignore[no-untyped-def]
    store, insert = tiny_store
    rows = [("s1", "0.10"), ("s2", "0.20"), ("s3", "290897.60")]
    insert(
        "asset_seizures",
        [
            {
                "seizure_id": i,
                "date": "2024-04-03",
                "force": MET,
                "threat": "illicit_finance",
                "type": "cash_seizure",
                "value_gbp": v,
            }
            for i, v in rows
        ],
    )
    pack = build_pack(store, Q1, today=TODAY)
    assert pack.indicators["E2a.seizure_value_gbp"].value == Decimal("290897.90")
    assert '"value":290897.9,' in pack.to_json()


def test_future_and_empty_periods_refused(tiny_store) -> None:  # type: ignore[no-untyped-def]
    store, insert = tiny_store
    insert("disruptions", [_disruption(1, "2024-04-02")])
    with pytest.raises(NdpError, match="has not ended"):
        build_pack(store, Quarter.parse("2026-27 Q1"), today=TODAY)
    with pytest.raises(NdpError, match="no records"):
        build_pack(store, Quarter.parse("2019-20 Q1"), today=TODAY)
