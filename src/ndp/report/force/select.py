"""Which forces and units get an edition, and turning what a user typed into one.

Editions are written for the 45 forces of NFIB dissemination (43 territorial forces, British
Transport Police and PSNI): ``--all-forces`` writes those. ``--force`` also accepts a regional
unit (ROCU), which records disruptions and seizures and is compared with its region and the
nation. National units (LFOR, NLF) have no region and their work is the national report itself,
so they get no edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ndp.errors import NdpError
from ndp.reference import UnknownName, normalise_name, reference
from ndp.report.force.sentences import Place

EDITION_KINDS = ("territorial", "special")
ON_REQUEST_KINDS = ("regional_unit",)


@dataclass(frozen=True)
class Edition:
    """A force or unit with an edition: its code, names and region as the pack gives them."""

    code: str
    name: str
    kind: str
    region: str | None
    place: Place


def _edition(pack: dict[str, Any], code: str) -> Edition:
    geo = pack["geographies"]
    force = geo["forces"][code]
    region = force.get("region")
    region_code = geo["regions"][region]["code"] if region in geo["regions"] else None
    period = pack["period"]
    place = Place(
        code, force["name"], region, region_code, f"Q{period['quarter']}",
        period["previous_year_short"],
    )  # fmt: skip
    return Edition(code, force["name"], force["kind"], region, place)


def edition_codes(pack: dict[str, Any]) -> list[str]:
    """The forces ``--all-forces`` writes, in the pack's order (the 45 dissemination forces)."""
    return [c for c, f in pack["geographies"]["forces"].items() if f["kind"] in EDITION_KINDS]


def resolve_force(pack: dict[str, Any], name: str) -> Edition:
    """The edition for a force's code or any accepted alias (``Avon``, ``E23000036``, ``Met``).

    An unknown name is an error naming the value and the nearest known names."""
    try:
        code = reference().force_names.resolve(name)
    except UnknownName as unknown:
        near = ", ".join(_nearest(pack, name, unknown.suggestions))
        raise NdpError(
            f"unknown force {name!r}: nearest known names: {near or 'none close'} "
            "(forces and their accepted names: docs/reference-data.md)"
        ) from None
    forces = pack["geographies"]["forces"]
    if code not in forces:
        raise NdpError(f"force {name!r} ({code}) is not in the pack's geographies")
    kind = forces[code]["kind"]
    if kind not in (*EDITION_KINDS, *ON_REQUEST_KINDS):
        raise NdpError(
            f"{forces[code]['name']} is a national unit and has no force edition: its work is "
            "in the national report (ndp report without --force)"
        )
    return _edition(pack, code)


def _nearest(pack: dict[str, Any], name: str, close: list[str]) -> list[str]:
    """Close spellings, then forces whose name contains what was typed ("avon")."""
    typed = normalise_name(name)
    containing = [
        force["name"]
        for force in pack["geographies"]["forces"].values()
        if typed and typed in normalise_name(f"{force['name']} {force['short_name']}")
    ]
    return list(dict.fromkeys([*close, *containing]))[:5]


def all_editions(pack: dict[str, Any]) -> list[Edition]:
    return [_edition(pack, code) for code in edition_codes(pack)]
