"""An attacker's test of the rule against disclosure by differencing, for every force and unit
of the demo pack and every indicator: what a force's edition and its dashboard are given of its
region must not let it subtract its own figure and read another force's.

The attacker takes each region figure it is shown, for a quarter (the region's total, its
average per force times the number of forces averaged, a comparison's comparator, the current
value less a change, the previous year's total) and subtracts its own figure for the same
quarter(s). Where the rest equals one other member's figure, that member's figure is disclosed.
The expected figures are the pack's own (the full pack, as the national report reads it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ndp.appdb import Scope
from ndp.engine.areas import FORCE_KINDS
from ndp.engine.pack_model import Pack
from ndp.periods import Quarter
from ndp.report.force import build_force_context, resolve_force
from ndp.web.packs import LoadedPack, read_pack_file
from ndp.web.projection import project

COUNTED = ("count", "gbp")  # a rate's total is not a sum of the forces' figures


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory, demo_pack: Pack) -> LoadedPack:
    path = tmp_path_factory.mktemp("attack") / "pack-2024-25-Q1.json"
    path.write_text(demo_pack.to_json(), encoding="utf-8")
    return read_pack_file(path)


def _members(pack: dict[str, Any]) -> list[str]:
    """Every force and unit of the pack in a region (the ones shown a region)."""
    return [c for c, f in pack["geographies"]["forces"].items() if f.get("region")]


def _at(entry: dict[str, Any] | None, period: str, now: str) -> Decimal | None:
    """An area's own figure for a quarter, from the full pack."""
    if entry is None:
        return None
    if period == now:
        return entry.get("value")
    return next((q["value"] for q in entry.get("quarterly") or [] if q["period"] == period), None)


class Attacker:
    """One force's attack on one indicator, knowing its own figures and the others' truth."""

    def __init__(self, pack: dict[str, Any], name: str, code: str) -> None:
        geo = pack["geographies"]
        self.ind = pack["indicators"][name]
        self.now = pack["period"]["label"]
        self.code = code
        region = geo["forces"][code]["region"]
        self.others = [c for c in geo["regions"][region]["forces"] if c != code]
        self.forces = (self.ind.get("by") or {}).get("force") or {}
        self.kinds = {c: f["kind"] for c, f in geo["forces"].items()}
        self.found: list[str] = []

    def own(self, period: str) -> Decimal:
        return Decimal(str(_at(self.forces.get(self.code), period, self.now) or 0))

    def single(self, rest: Decimal, periods: list[str], what: str, forces_only: bool) -> None:
        """Record a disclosure where ``rest`` is one other member's figure over ``periods``."""
        for other in self.others:
            if forces_only and self.kinds.get(other) not in FORCE_KINDS:
                continue
            values = [_at(self.forces.get(other), p, self.now) for p in periods]
            if all(v is None for v in values):
                continue
            theirs = sum(Decimal(str(v or 0)) for v in values)
            if theirs != 0 and abs(rest - theirs) < Decimal("0.01"):
                self.found.append(f"{what} {periods}: {other}'s {theirs}")

    def total(self, value: Any, periods: list[str], what: str) -> None:
        if value is not None and self.ind["unit"] in COUNTED:
            rest = Decimal(str(value)) - sum(self.own(p) for p in periods)
            self.single(rest, periods, what, forces_only=False)

    def average(self, value: Any, forces: Any, period: str, what: str) -> None:
        if value is None or not forces or self.ind["unit"] not in COUNTED:
            return
        own = self.own(period) if self.kinds.get(self.code) in FORCE_KINDS else Decimal(0)
        rest = Decimal(str(value)) * Decimal(str(forces)) - own
        self.single(rest, [period], what, forces_only=True)


def attack(
    pack: dict[str, Any], name: str, code: str, region: dict[str, Any] | None,
    average: dict[str, Any] | None, own: dict[str, Any] | None,
) -> list[str]:  # fmt: skip
    """What ``code`` can read of another force from what it is shown of its region."""
    a = Attacker(pack, name, code)
    now = Quarter.parse(a.now)
    if region is not None:
        a.total(region.get("value"), [a.now], "region total")
        for point in region.get("quarterly") or []:
            a.total(point.get("value"), [point["period"]], "region quarter")
        a.total(region.get("same_quarter_last_year"), [now.same_quarter_last_year().label], "sqly")
        for key, c in (region.get("comparisons") or {}).items():
            periods = {
                "same_quarter_last_year": [now.same_quarter_last_year().label],
                "previous_quarter": [now.previous().label],
                "previous_year_quarterly_average": [q.label for q in now.year.previous().quarters],
            }.get(key)
            if periods is None:
                continue
            comparator = c.get("total") if len(periods) > 1 else c.get("value")
            a.total(comparator, periods, f"{key} comparator")
            if (
                len(periods) == 1
                and region.get("value") is not None
                and c.get("change") is not None
            ):
                before = Decimal(str(region["value"])) - Decimal(str(c["change"]))
                a.total(before, periods, f"{key} value less change")
    if average is not None:
        a.average(average.get("value"), average.get("forces"), a.now, "average")
        for point in average.get("quarterly") or []:
            a.average(point.get("value"), point.get("forces"), point["period"], "average quarter")
    if own is not None and average is not None:  # the force's own copy of the current average
        a.average(own.get("region_average_per_force"), average.get("forces"), a.now, "own avg")
    return a.found


def _edition_view(full: LoadedPack, code: str) -> dict[str, Any]:
    """The pack as the force's edition reads it in every format: its context's pack (the
    workbook is written from it; the HTML, PDF and Word from the context built on it)."""
    context = build_force_context(full.data, resolve_force(full.data, code), charts=False)
    view: dict[str, Any] = context.extra.get("pack", full.data)
    return view


def test_no_force_can_difference_its_region_back_to_another_forces_figure(
    full: LoadedPack,
) -> None:
    pack = full.data
    leaks: list[str] = []
    for code in _members(pack):
        region = pack["geographies"]["forces"][code]["region"]
        edition = _edition_view(full, code)
        scoped = project(full, Scope("force", code))
        assert scoped is not None
        web_region = next(r for r in scoped.regions() if r.area.name == region)
        web_own = scoped.areas[("force", code)]
        for name, ind in edition["indicators"].items():
            by, per_force = ind.get("by") or {}, ind.get("per_force") or {}
            seen = attack(
                pack, name, code, (by.get("region") or {}).get(region),
                (per_force.get("region") or {}).get(region), (by.get("force") or {}).get(code),
            )  # fmt: skip
            leaks += [f"edition {code} {name}: {s}" for s in seen]
            seen = attack(
                pack, name, code, web_region.indicators.get(name),
                web_region.per_force.get(name), web_own.indicators.get(name),
            )  # fmt: skip
            leaks += [f"dashboard {code} {name}: {s}" for s in seen]
    assert leaks == []


def test_the_attack_finds_what_the_full_pack_would_give_away(full: LoadedPack) -> None:
    """The attacker is not blind: shown the full pack, Kent reads another Eastern force's
    disruptions in a quarter in which only one other recorded (the rule withholds it)."""
    pack = full.data
    ind = pack["indicators"]["E1b.disruptions"]
    kent = "E23000032"
    found = attack(
        pack, "E1b.disruptions", kent, ind["by"]["region"]["Eastern"],
        ind["per_force"]["region"]["Eastern"], ind["by"]["force"][kent],
    )  # fmt: skip
    assert found


def test_the_view_keeps_every_region_figure_the_rule_allows(full: LoadedPack) -> None:
    """Kent's edition and dashboard show Eastern's current E1b and F2 figures (six others
    record them this quarter): the rule withholds quarters, not whole indicators."""
    pack = full.data
    edition = _edition_view(full, "E23000032")
    scoped = project(full, Scope("force", "E23000032"))
    assert scoped is not None
    web = next(r for r in scoped.regions() if r.area.name == "Eastern")
    for name in ("E1b.disruptions", "F2.disruptions"):
        truth = pack["indicators"][name]["by"]["region"]["Eastern"]["value"]
        assert edition["indicators"][name]["by"]["region"]["Eastern"]["value"] == truth
        entry = web.indicators[name]
        assert entry is not None
        assert entry["value"] == truth
