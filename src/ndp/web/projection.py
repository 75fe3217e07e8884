"""The one way figures reach a page: the pack projected onto what one principal may see.

``project(pack, scope)`` copies in, by allow-list, the nation's figures and the figures of the
areas the scope covers, and nothing else, so a page, its JSON twin, a chart's spec or a cached
page can only ever hold what the scope allows (docs/dashboard.md, "Who sees what"):

- national scope: every area;
- a region: the nation, the region, and each force and unit of the region;
- a force or unit: the nation, itself, and its region's figures except those that could be
  differenced back to another force's, quarter by quarter (:mod:`ndp.web.differencing`, over
  the engine's rule);
- anything else (an unknown kind, a region or force the pack does not know): nothing.

Other forces' names and codes never come in: not in flags (their messages are the framework's
words, not the pack's), not in data quality (counts, and the principal's own return), not in
provenance (national scope only). Commentary is national-only: it is free text that may name a
force.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ndp.web.areas import NATION, Area, force_area, region_area, region_by_code, region_members
from ndp.web.differencing import force_view, region_figures_for_force
from ndp.web.packs import DRAFT_SUFFIX, LoadedPack

NATION_DROPPED = ("by", "per_force")


class ScopeLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def code(self) -> str | None: ...


@dataclass(frozen=True)
class AreaFigures:
    """One visible area: its roll-up statuses and, per indicator, its ``by`` entry (None where
    it has none or where it is withheld) and its per-force average (regions and the nation)."""

    area: Area
    measures: dict[str, Any]
    objectives: dict[str, Any]
    indicators: dict[str, dict[str, Any] | None]
    per_force: dict[str, Any] = field(default_factory=dict)
    #: indicators whose figures are withheld from this principal, with why
    withheld: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ScopedPack:
    """What one scope may see of one pack."""

    slug: str
    label: str
    sha256: str
    scope: str
    period: dict[str, Any]
    framework: dict[str, Any]
    generated_at: str
    objectives: dict[str, Any]
    measures: dict[str, Any]
    indicators: dict[str, dict[str, Any]]
    methodology: dict[str, Any]
    areas: dict[tuple[str, str], AreaFigures]
    data_quality: dict[str, Any]
    #: the principal's own area (the nation for a national user)
    home: Area
    #: the national scope: provenance, commentary and other national-only parts
    national: bool = False
    provenance: dict[str, Any] | None = None
    #: a draft: shown to analysts, approvers and admins only, marked "Draft" everywhere
    draft: bool = False

    @property
    def quarter(self) -> str:
        """The quarter's slug, the same for its draft and its published pack."""
        return self.slug.removesuffix(DRAFT_SUFFIX)

    #: operations' results, the nation's and a force's own (:mod:`ndp.web.scoped_parts`)
    operations: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the visible forces and regions as the pack's ``geographies`` name them, nothing else
    geographies: dict[str, Any] = field(default_factory=dict)
    #: the pack's revised figures (a published revision's) at the areas shown here, each
    #: only where this scope sees the figure (docs/pack.md, "revisions")
    revisions: list[dict[str, Any]] = field(default_factory=list)

    def area(self, kind: str, code: str) -> AreaFigures | None:
        return self.areas.get((kind, code))

    def forces_of(self, region: str) -> list[AreaFigures]:
        return [
            a for a in self.areas.values() if a.area.kind == "force" and a.area.region == region
        ]

    def regions(self) -> list[AreaFigures]:
        return [a for a in self.areas.values() if a.area.kind == "region"]


def _nation_indicator(ind: dict[str, Any]) -> dict[str, Any]:
    copy = {k: v for k, v in ind.items() if k not in NATION_DROPPED}
    copy["per_force"] = {"nation": (ind.get("per_force") or {}).get("nation")}
    return copy


def _area_figures(data: dict[str, Any], area: Area) -> AreaFigures:
    key = area.code if area.kind == "force" else area.name
    own = data.get("areas", {}).get(area.kind, {}).get(key, {})
    indicators = {
        name: (ind.get("by") or {}).get(area.kind, {}).get(key)
        for name, ind in data["indicators"].items()
    }
    per_force = (
        {n: ((i.get("per_force") or {}).get("region") or {}).get(key)
         for n, i in data["indicators"].items()}
        if area.kind == "region" else {}
    )  # fmt: skip
    return AreaFigures(
        area, own.get("measures", {}), own.get("objectives", {}), indicators, per_force
    )


def _visible_areas(data: dict[str, Any], scope: ScopeLike) -> tuple[Area, list[AreaFigures]] | None:
    """The principal's home area and the areas it sees in full; None: it sees nothing."""
    if scope.kind == "national" and not scope.code:
        areas = [a for code in data["geographies"]["forces"] if (a := force_area(data, code))]
        areas += [a for name in data["geographies"]["regions"] if (a := region_area(data, name))]
        return NATION, [_area_figures(data, a) for a in areas]
    if scope.kind == "region" and scope.code:
        region = region_area(data, scope.code) or region_by_code(data, scope.code)
        if region is None:
            return None
        members = [a for c in region_members(data, region.name) if (a := force_area(data, c))]
        return region, [_area_figures(data, a) for a in [region, *members]]
    if scope.kind == "force" and scope.code:
        force = force_area(data, scope.code)
        if force is None:
            return None
        view = force_view(data, force)
        seen = [_area_figures(view, force)]
        region = region_area(data, force.region) if force.region else None
        if region is not None:
            seen.append(region_figures_for_force(view, force, _area_figures(view, region)))
        return force, seen
    return None


def project(pack: LoadedPack, scope: ScopeLike) -> ScopedPack | None:
    """The pack as ``scope`` may see it; None when it may see nothing (deny by default)."""
    data = pack.data
    visible = _visible_areas(data, scope)
    if visible is None:
        return None
    home, areas = visible
    national = home.kind == "national"
    if home.kind == "force":
        areas[0] = _force_without_region_average(areas[0], areas[1:])
    from ndp.web.quality_scope import scoped_quality
    from ndp.web.scoped_parts import scoped_geographies, scoped_operations

    return ScopedPack(
        slug=pack.slug,
        label=pack.label,
        sha256=pack.sha256,
        scope=str(scope),
        period=data["period"],
        framework={k: data["framework"][k] for k in ("id", "title", "version")},
        generated_at=data["generated_at"],
        objectives=data["objectives"],
        measures=data["measures"],
        indicators={n: _nation_indicator(i) for n, i in data["indicators"].items()},
        methodology=data.get("methodology", {}),
        areas={(a.area.kind, a.area.code): a for a in areas},
        data_quality=scoped_quality(data, home),
        home=home,
        national=national,
        provenance=data.get("provenance") if national else None,
        draft=pack.draft,
        operations=scoped_operations(data, home),
        geographies=scoped_geographies(data, [a.area for a in areas]),
        revisions=_visible_revisions(data.get("revisions") or [], areas),
    )


def revision_area(area: Area) -> str:
    """The area as a pack's revisions block names it: national, force CODE, region NAME."""
    if area.kind == "national":
        return "national"
    return f"force {area.code}" if area.kind == "force" else f"region {area.name}"


def _visible_revisions(
    entries: list[dict[str, Any]], areas: list[AreaFigures]
) -> list[dict[str, Any]]:
    """The revisions of figures the scope sees: the nation's, and an area's where its figure
    for that indicator is shown (not withheld)."""
    seen = {revision_area(a.area): a for a in areas}
    return [
        e for e in entries
        if e["area"] == "national"
        or (e["area"] in seen and seen[e["area"]].indicators.get(e["indicator"]) is not None)
    ]  # fmt: skip


def _force_without_region_average(force: AreaFigures, region: list[AreaFigures]) -> AreaFigures:
    """A force's entries carry its region's average per force: kept only where the region's
    average is shown to it (not withheld by the differencing rule)."""
    withheld = region[0].withheld if region else dict.fromkeys(force.indicators, "")

    def hidden(name: str, entry: dict[str, Any]) -> bool:
        held = "region_average_per_force" in (entry.get("suppressed") or {})
        return held or name in withheld

    indicators = {
        name: (
            {k: v for k, v in entry.items() if k != "region_average_per_force"}
            if entry is not None and hidden(name, entry)
            else entry
        )
        for name, entry in force.indicators.items()
    }
    return AreaFigures(force.area, force.measures, force.objectives, indicators)
