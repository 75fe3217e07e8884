"""The publication's marks every output renders from the pack (docs/publishing.md): "Draft"
on a pack the publish library has not published, and in a revised version each changed
figure marked "[r]" (revised) with its previous value. Every figure comes from the pack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ndp.report import format as fmt

#: what a draft says, where a page or an export has room for a sentence
DRAFT_NOTE = (
    "Draft: these figures have not been signed off and published, and may change. "
    "Do not share or quote them as published figures."
)
DRAFT = "Draft"
#: the GSS symbol for a revised figure
REVISED = "[r]"
NATIONAL = "national"


def is_draft(pack: dict[str, Any]) -> bool:
    """Only a pack the publish library wrote for a published version (``draft`` false) is
    not a draft: an engine's pack says true, an older pack says nothing."""
    return pack.get("draft") is not False


@dataclass(frozen=True)
class Revised:
    """One revised figure in words: where it is, what it is now and what it was."""

    indicator: str
    area: str  # as the pack's revisions block names it: national, force CODE, region NAME
    area_name: str
    title: str
    value: str
    previous: str
    previous_version: int
    reason: str

    @property
    def sentence(self) -> str:
        return (
            f"{self.title}, {self.area_name}: {self.value} {REVISED}, previously "
            f"{self.previous} (version {self.previous_version})."
        )


def area_name(pack: dict[str, Any], area: str) -> str:
    if area == NATIONAL:
        return "England and Wales"
    geo, _, key = area.partition(" ")
    if geo == "force":
        return str(pack["geographies"]["forces"].get(key, {}).get("name", key))
    return key


def _words(value: Any, unit: str) -> str:
    return "no records" if value is None else fmt.figure(value, unit)


def revised(pack: dict[str, Any], areas: set[str] | None = None) -> list[Revised]:
    """The pack's revised figures in words, nationally first then by area (only ``areas``,
    where given), in the pack's order of indicators."""
    order = {name: i for i, name in enumerate(pack["indicators"])}
    entries = [e for e in pack.get("revisions") or [] if areas is None or e["area"] in areas]
    entries.sort(key=lambda e: (order.get(e["indicator"], 0), e["area"] != NATIONAL, e["area"]))
    out = []
    for e in entries:
        ind = pack["indicators"].get(e["indicator"], {})
        unit = ind.get("unit", "count")
        out.append(Revised(
            e["indicator"], e["area"], area_name(pack, e["area"]),
            ind.get("title", e["indicator"]), _words(e["value"], unit),
            _words(e["previous_value"], unit), int(e["previous_version"]), str(e["reason"]),
        ))  # fmt: skip
    return out


def revision_notice(
    pack: dict[str, Any], figures: list[Revised], *, where: str = "beside its measure's figures"
) -> str | None:
    """The paragraph at the head of a revised version: which version it revises, why, and how
    many of its figures changed (None if it revises nothing)."""
    if not figures:
        return None
    first = figures[0]
    noun = "figure differs" if len(figures) == 1 else "figures differ"
    return (
        f"Revised: this edition replaces version {first.previous_version} of the "
        f"{pack['period']['label']} report ({first.reason}). {len(figures)} {noun} from "
        f"version {first.previous_version}; each is marked {REVISED} and listed with its "
        f"previous value {where}."
    )


def measure_revisions(pack: dict[str, Any], measure_id: str, figures: list[Revised]) -> list[str]:
    """The sentences beside a measure's figures: each of its indicators' revised figures."""
    names = set(pack["measures"].get(measure_id, {}).get("indicators", []))
    return [f.sentence for f in figures if f.indicator in names]


def revised_national(figures: list[Revised]) -> set[str]:
    """The indicators whose national figure (the one a report's tables show) was revised."""
    return {f.indicator for f in figures if f.area == NATIONAL}


def edition_areas(pack: dict[str, Any], code: str) -> set[str]:
    """A force edition's areas, as the revisions block names them: the force, its region and
    the nation."""
    region = pack["geographies"]["forces"].get(code, {}).get("region")
    return {NATIONAL, f"force {code}", f"region {region}"}


def revised_in_area(pack: dict[str, Any], code: str) -> list[Revised]:
    """A force edition's revised figures: the force's, its region's and the nation's."""
    return revised(pack, edition_areas(pack, code))
