"""The places a page can be about: the nation, a region (by its code, ``south_east``) and a force
or unit (by its code, ``E23000032``), as the pack's geographies name them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ndp.appdb import Scope

Kind = Literal["national", "region", "force"]
NATION_NAME = "England and Wales"


@dataclass(frozen=True)
class Area:
    """One place: ``code`` is a region's code or a force's code, empty for the nation; a force's
    ``region`` is its region's name (None for a force in no region: PSNI, national units)."""

    kind: Kind
    code: str
    name: str
    region: str | None = None

    @property
    def path(self) -> str:
        """The area's part of a URL: ``national``, ``region/south_east``, ``force/E23000032``."""
        return "national" if self.kind == "national" else f"{self.kind}/{self.code}"


NATION = Area("national", "", NATION_NAME)


def force_area(pack: dict[str, Any], code: str) -> Area | None:
    info = pack["geographies"]["forces"].get(code)
    if info is None:
        return None
    return Area("force", code, info["name"], info.get("region"))


def region_area(pack: dict[str, Any], name: str) -> Area | None:
    region = pack["geographies"]["regions"].get(name)
    if region is None:
        return None
    return Area("region", region["code"], name, name)


def region_by_code(pack: dict[str, Any], code: str) -> Area | None:
    for name, region in pack["geographies"]["regions"].items():
        if region["code"] == code:
            return Area("region", code, name, name)
    return None


def region_members(pack: dict[str, Any], name: str) -> list[str]:
    """The codes of the forces and units in a region, as the pack lists them."""
    return list(pack["geographies"]["regions"].get(name, {}).get("forces", []))


def scope_name(scope: Scope, pack: dict[str, Any] | None) -> str:
    """A user's scope as the header names it, from the pack's area names: ``national`` ->
    ``England and Wales``, ``region:Eastern`` (stored by the region's name) -> ``Eastern
    region``, ``force:E23000032`` -> ``Kent Police``. Without a pack (none published yet) the
    reference data names the force; a code neither knows shows as it is."""
    if scope.kind == "national" or scope.code is None:
        return NATION_NAME
    if scope.kind == "region":
        return f"{scope.code} region"
    force = (((pack or {}).get("geographies") or {}).get("forces") or {}).get(scope.code)
    if force is not None:
        return str(force["name"])
    from ndp.reference import reference

    known = reference().forces.get(scope.code)
    return known.name if known is not None else scope.code
