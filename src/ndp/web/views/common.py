"""What every page's model shares: statuses (icon and word), links, the quarter picker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ndp.report import format as fmt
from ndp.report.context import STATUS_ICONS
from ndp.report.force.withheld import WITHHELD, held  # the edition's words, one rule
from ndp.web.areas import Area
from ndp.web.projection import ScopedPack

#: GOV.UK tag colour per status; the icon and the word carry the meaning, colour only adds to it
STATUS_TAGS = {
    "improving": "govuk-tag--green",
    "stable": "govuk-tag--blue",
    "declining": "govuk-tag--red",
    "new": "govuk-tag--purple",
    "no_data": "govuk-tag--grey",
    "not_measurable": "govuk-tag--grey",
}


@dataclass(frozen=True)
class StatusView:
    code: str
    icon: str
    word: str
    tag: str


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    current: bool = False


@dataclass(frozen=True)
class PageHead:
    """The parts above every page's content: its title, the period, the trail and the quarters."""

    title: str
    period: str
    period_span: str
    breadcrumbs: list[Link]
    quarters: list[Link]


def status_view(code: str | None) -> StatusView:
    code = code or "no_data"
    icon, word = STATUS_ICONS.get(code, ("?", fmt.label(code)))
    return StatusView(code, icon, word, STATUS_TAGS.get(code, "govuk-tag--grey"))


def shown(value: Any, unit: str) -> str:
    return "no records" if value is None else fmt.figure(value, unit)


def shown_at(holder: dict[str, Any] | None, key: str, unit: str) -> str:
    """``holder[key]`` in its unit; "withheld" where it is withheld, never "no records"."""
    return WITHHELD if held(holder, key) else shown((holder or {}).get(key), unit)


def area_url(scoped: ScopedPack, area: Area, suffix: str = "") -> str:
    return f"/{scoped.slug}/{area.path}{suffix}"


def breadcrumbs(scoped: ScopedPack, area: Area) -> list[Link]:
    """The nation, then a force's region where the scope may open it."""
    from ndp.web.areas import NATION

    trail = [Link(NATION.name, area_url(scoped, NATION))]
    if area.kind == "force" and area.region is not None:
        region = next((a.area for a in scoped.regions() if a.area.name == area.region), None)
        if region is not None:
            trail.append(Link(region.name, area_url(scoped, region)))
    return trail


def page_head(
    scoped: ScopedPack, title: str, trail: list[Link], quarters: list[tuple[str, str]], path: str
) -> PageHead:
    """``quarters`` are (slug, label) of every pack present; each links to this page's path."""
    links = [Link(label, f"/{slug}/{path}", slug == scoped.slug) for slug, label in quarters]
    return PageHead(title, scoped.label, scoped.period.get("span", ""), trail, links)
