"""The projection is the only way figures reach a page: what each scope may see of the pack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from ndp.appdb import Scope
from ndp.engine.disclosure.differencing import region_shown
from ndp.web.differencing import MIN_OTHERS, WITHHELD
from ndp.web.packs import LoadedPack, read_pack_file
from ndp.web.projection import project

KENT, MET = "E23000032", "E23000001"


@pytest.fixture(scope="module")
def pack(published: Any) -> LoadedPack:
    return read_pack_file(published / "pack-2024-25-Q1.json")


def visible(scoped: Any) -> set[tuple[str, str]]:
    return set(scoped.areas)


def test_national_scope_sees_every_force_and_region(pack: LoadedPack) -> None:
    scoped = project(pack, Scope("national"))
    assert scoped is not None
    assert scoped.national
    forces = pack.data["geographies"]["forces"]
    regions = pack.data["geographies"]["regions"]
    assert visible(scoped) == {("force", c) for c in forces} | {
        ("region", r["code"]) for r in regions.values()
    }
    assert scoped.provenance is not None


def test_a_force_sees_itself_its_region_and_the_nation_only(pack: LoadedPack) -> None:
    scoped = project(pack, Scope("force", KENT))
    assert scoped is not None
    assert not scoped.national
    assert visible(scoped) == {("force", KENT), ("region", "eastern")}
    assert scoped.provenance is None
    # the nation's indicators carry no other area's figures
    for ind in scoped.indicators.values():
        assert "by" not in ind
        assert set(ind["per_force"]) == {"nation"}


def test_a_region_sees_its_forces_and_units(pack: LoadedPack) -> None:
    scoped = project(pack, Scope("region", "South East"))
    assert scoped is not None
    members = pack.data["geographies"]["regions"]["South East"]["forces"]
    assert visible(scoped) == {("region", "south_east")} | {("force", c) for c in members}


@pytest.mark.parametrize(
    "scope",
    [Scope("force", "E99999999"), Scope("region", "Atlantis"), Scope("region"), Scope("force"),
     Scope("national", "E23000032"), Scope("everything")],  # type: ignore[arg-type]
)  # fmt: skip
def test_deny_by_default_an_unknown_scope_sees_nothing(pack: LoadedPack, scope: Scope) -> None:
    assert project(pack, scope) is None


def test_a_force_in_a_region_of_three_sees_none_of_its_regions_figures(pack: LoadedPack) -> None:
    """London is the Met, the City of London and British Transport Police: the region minus
    the Met would be the sum of two forces, so the Met sees no London figure at all."""
    scoped = project(pack, Scope("force", MET))
    assert scoped is not None
    london = scoped.area("region", "london")
    assert london is not None
    assert all(entry is None for entry in london.indicators.values())
    assert set(london.withheld) == set(pack.data["indicators"])
    assert london.withheld["E1b.disruptions"] == WITHHELD.format(n=MIN_OTHERS)
    assert london.measures == {}
    assert london.objectives == {}
    met = scoped.area("force", MET)
    assert met is not None
    assert all("region_average_per_force" not in (e or {}) for e in met.indicators.values())


def test_a_force_sees_a_regions_figure_only_with_three_others_behind_it(
    pack: LoadedPack,
) -> None:
    data = pack.data
    ind = data["indicators"]["F1a.disseminations"]
    eastern = [c for c in data["geographies"]["regions"]["Eastern"]["forces"] if c != KENT]
    assert region_shown(data, "F1a.disseminations", KENT)
    scoped = project(pack, Scope("force", KENT))
    assert scoped is not None
    region = scoped.area("region", "eastern")
    assert region is not None
    entry = region.indicators["F1a.disseminations"]
    assert entry is not None
    assert "monthly" not in entry
    assert "spc" not in entry
    # with all but two of the others' figures gone, the region's figure would give them away
    thinned: dict[str, Any] = {**ind, "by": {**ind["by"], "force": dict(ind["by"]["force"])}}
    for code in eastern[2:]:
        thinned["by"]["force"].pop(code, None)
    thinned_pack = {**data, "indicators": {**data["indicators"], "F1a.disseminations": thinned}}
    assert not region_shown(thinned_pack, "F1a.disseminations", KENT)


@dataclass(frozen=True)
class _Scope:
    kind: str
    code: str | None = None


def test_a_force_never_holds_another_forces_code_in_its_data_quality(pack: LoadedPack) -> None:
    scoped = project(pack, _Scope("force", KENT))
    assert scoped is not None
    for entry in scoped.data_quality["coverage"].values():
        assert set(entry["units"]) <= {KENT}
    messages = {f["message"] for f in scoped.data_quality["flags"]}
    assert messages <= set(pack.data["methodology"]["flags"].values())


def test_deny_by_default_a_role_the_dashboard_does_not_know_sees_no_pack(
    app: Any, pack: LoadedPack
) -> None:
    from ndp.appdb import Principal
    from ndp.web.scoping import scoped_for

    national = Scope("national")
    with app.app_context():
        assert scoped_for("2024-25-Q1", Principal(1, "ann", "viewer", national)) is not None
        assert scoped_for("2024-25-Q1", Principal(1, "ann", "guest", national)) is None  # type: ignore[arg-type]
        assert scoped_for("2019-20-Q1", Principal(1, "ann", "viewer", national)) is None
        assert scoped_for("2024-25-Q1", None) is None
