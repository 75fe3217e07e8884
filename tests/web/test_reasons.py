"""The area pages give each status the report's own reason ("What drove it"): the nation's as
the national report writes it, a force's as its force edition does, from the projection only,
so a region figure withheld from a force is never put into words."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from ndp.appdb import Scope
from ndp.report.force.own import area_view, own_measure_status, own_objective_status
from ndp.report.reasons import operations_reason
from ndp.web.areas import NATION
from ndp.web.differencing import MIN_OTHERS
from ndp.web.packs import LoadedPack, read_pack_file
from ndp.web.projection import ScopedPack, project
from ndp.web.views.area import area_page

KENT = "E23000032"
QUARTERS = [("2024-25-Q1", "2024-25 Q1")]
WITHHELD_TAIL = (
    f"withheld: this quarter fewer than {MIN_OTHERS} other forces or units in the region "
    "have figures, so the region's figure would show theirs"
)


@pytest.fixture(scope="module")
def pack(published: Any) -> LoadedPack:
    return read_pack_file(published / "pack-2024-25-Q1.json")


def _scoped(pack: LoadedPack, kind: str, code: str | None) -> ScopedPack:
    scoped = project(pack, Scope(kind, code))
    assert scoped is not None
    return scoped


def _reasons(scoped: ScopedPack, kind: str, code: str) -> dict[str, str]:
    area = NATION if kind == "national" else scoped.areas[(kind, code)].area
    page = area_page(scoped, area, QUARTERS)
    reasons = {o.id: o.reason for o in page.objectives}
    reasons |= {m.id: m.reason for o in page.objectives for m in o.measures}
    return reasons


def test_a_forces_page_gives_the_force_editions_reasons(pack: LoadedPack) -> None:
    reasons = _reasons(_scoped(pack, "force", KENT), "force", KENT)
    view = area_view(pack.data, KENT)
    for oid in pack.data["objectives"]:
        assert reasons[oid] == own_objective_status(view, oid).reason
    for mid in pack.data["measures"]:
        assert reasons[mid] == own_measure_status(view, mid).reason
    assert reasons["MLAR1"] == f"Success measure E1b: {_kents_e1b_reason(pack)}"


def test_every_scope_reads_the_nations_operation_totals_on_the_national_page(
    pack: LoadedPack,
) -> None:
    nation = operations_reason(pack.data, pack.data["measures"]["F3"])
    assert nation == "Operation Dupers 2: 8 arrests, against 2 in Dupers 1"
    for scope in (Scope("national", None), Scope("force", KENT), Scope("region", "Eastern")):
        assert _reasons(project(pack, scope), "national", "")["F3"] == nation  # type: ignore[arg-type]


def test_a_region_has_no_operation_totals_so_its_reason_is_its_rule(pack: LoadedPack) -> None:
    scoped = _scoped(pack, "region", "Eastern")
    code = pack.data["geographies"]["regions"]["Eastern"]["code"]
    rule = pack.data["areas"]["region"]["Eastern"]["measures"]["F3"]["status_rule"]
    assert _reasons(scoped, "region", code)["F3"] == rule


def test_a_forces_operation_results_never_carry_another_forces(pack: LoadedPack) -> None:
    scoped = _scoped(pack, "force", KENT)
    held = json.dumps(scoped.operations)
    assert "by_force" not in held
    assert "E23000001" not in held
    own = pack.data["operations"]["Dupers 2"]["by_force"][KENT]
    assert scoped.operations["force"]["Dupers 2"]["totals"] == own


def test_a_withheld_region_figure_is_never_put_into_words(pack: LoadedPack) -> None:
    # E2a's asset seizures: this quarter fewer than 3 of Eastern's others record them, so
    # the region's row is withheld from Kent (E1b's, whose current quarter passes, is shown)
    scoped = _scoped(pack, "force", KENT)
    region = next(a for a in scoped.regions())
    assert "E2a.seizures" in region.withheld
    assert "E1b.disruptions" not in region.withheld
    reasons = _reasons(scoped, "region", region.area.code)
    assert reasons["E2a"] == f"Money laundering asset seizures {WITHHELD_TAIL}"
    assert reasons["MLAR2"] == (
        f"Success measure E2a: Money laundering asset seizures {WITHHELD_TAIL}"
    )
    figure = pack.data["indicators"]["E2a.seizures"]["by"]["region"][region.area.name]["value"]
    assert str(figure) not in reasons["E2a"]


def test_an_indicator_page_gives_the_same_reason_as_its_area_page(pack: LoadedPack) -> None:
    from ndp.web.views.indicator import indicator_page

    scoped = _scoped(pack, "force", KENT)
    force = scoped.areas[("force", KENT)].area
    rows = {f.id: f.reason for o in area_page(scoped, force, QUARTERS).objectives
            for m in o.measures for f in m.figures}  # fmt: skip
    for name in ("E1b.disruptions", "F1b.judicial_outcome_rate", "E2a.seizures"):
        assert indicator_page(scoped, force, name, QUARTERS, []).reason == rows[name]
    assert rows["E1b.disruptions"] == _kents_e1b_reason(pack)


def _whole(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _kents_e1b_reason(pack: LoadedPack) -> str:
    """Kent's E1b reason, its figures read from the pack (the demo spreads them by force size)."""
    entry = pack.data["indicators"]["E1b.disruptions"]["by"]["force"][KENT]
    bench = entry["comparisons"]["benchmark"]
    assert bench["met"]
    assert bench["change"] > 0
    return (
        f"Money laundering disruptions {entry['value']}, {_whole(bench['pct_change'])}% "
        f"(+{_whole(bench['change'])}) above the benchmark"
    )
