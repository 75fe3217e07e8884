"""The dashboard's routes: each finds the period's pack, projects it for the principal, checks
the area is in scope (404 if not: another force's URL must not confirm it exists) and hands one
view model to ``render.page`` for the page or its JSON twin."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, abort, g, redirect, render_template
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from ndp.report.marks import DRAFT
from ndp.web.areas import NATION, Area
from ndp.web.auth import audit
from ndp.web.commentary import commentary_for, commentary_stamp
from ndp.web.commentary_edit import can_edit
from ndp.web.projection import ScopedPack
from ndp.web.render import layout, page
from ndp.web.scoping import scoped_for, sees_drafts
from ndp.web.state import state
from ndp.web.views.area import area_page
from ndp.web.views.charts import indicator_charts
from ndp.web.views.commentary_edit import edit_links
from ndp.web.views.indicator import indicator_page
from ndp.web.views.quality import quality_page

bp = Blueprint("pages", __name__)


def _quarters() -> list[tuple[str, str]]:
    """The quarters the principal may open: published ones, and drafts for the draft roles."""
    packs = state().shelf.packs(drafts=sees_drafts(g.principal))
    return [(p.slug, f"{p.label} (draft)" if p.draft else p.label) for p in packs]


def _scoped(period: str) -> ScopedPack:
    scoped = scoped_for(period, g.principal)
    if scoped is None:
        audit("denied", f"/{period}", {"why": "no pack for the period in scope"})
        abort(404)
    return scoped


def _area(scoped: ScopedPack, kind: str, code: str) -> Area:
    if kind == "national":
        return NATION
    figures = scoped.area(kind, code)
    if figures is None:
        audit("denied", f"/{scoped.slug}/{kind}/{code}", {"why": "out of scope"})
        abort(404)
    return figures.area


@bp.route("/")
def home() -> BaseResponse:
    latest = state().shelf.latest(drafts=sees_drafts(g.principal))
    if latest is None:
        if g.principal.role in ("analyst", "approver", "admin"):
            return redirect("/jobs")  # nothing published yet: start by loading the extracts
        abort(404)
    scoped = _scoped(latest.slug)
    return redirect(f"/{latest.slug}/{scoped.home.path}")


def _area_view(period: str, kind: str, code: str, as_json: bool) -> Response:
    scoped = _scoped(period)
    area = _area(scoped, kind, code)
    return page(scoped, "area.html", lambda: area_page(scoped, area, _quarters()), as_json=as_json)


@bp.route("/<period>/national", defaults={"as_json": False})
@bp.route("/<period>/national.json", defaults={"as_json": True})
def national(period: str, as_json: bool) -> Response:
    return _area_view(period, "national", "", as_json)


@bp.route("/<period>/region/<code>", defaults={"as_json": False})
@bp.route("/<period>/region/<code>.json", defaults={"as_json": True})
def region(period: str, code: str, as_json: bool) -> Response:
    return _area_view(period, "region", code, as_json)


@bp.route("/<period>/force/<code>", defaults={"as_json": False})
@bp.route("/<period>/force/<code>.json", defaults={"as_json": True})
def force(period: str, code: str, as_json: bool) -> Response:
    return _area_view(period, "force", code, as_json)


def _indicator_name(scoped: ScopedPack, name: str) -> str:
    if name not in scoped.indicators:
        abort(404)
    return name


def _indicator(period: str, kind: str, code: str, name: str) -> Response:
    as_json = name.endswith(".json")
    name = name.removesuffix(".json")
    scoped = _scoped(period)
    area = _area(scoped, kind, code)
    name = _indicator_name(scoped, name)
    packs = state().settings.packs
    notes = commentary_for(packs, scoped, name)
    shown, held = notes.shown, notes.withheld
    edit = edit_links(scoped, name) if can_edit(g.principal, scoped) else []
    stamp = commentary_stamp(packs, scoped.quarter)
    build = lambda: indicator_page(scoped, area, name, _quarters(), shown, held, edit)  # noqa: E731
    return page(scoped, "indicator.html", build, as_json=as_json, charts=True, variant=stamp)


@bp.route("/<period>/national/indicator/<name>")
def national_indicator(period: str, name: str) -> Response:
    return _indicator(period, "national", "", name)


@bp.route("/<period>/region/<code>/indicator/<name>")
def region_indicator(period: str, code: str, name: str) -> Response:
    return _indicator(period, "region", code, name)


@bp.route("/<period>/force/<code>/indicator/<name>")
def force_indicator(period: str, code: str, name: str) -> Response:
    return _indicator(period, "force", code, name)


def _chart(period: str, kind: str, code: str, name: str, chart: str) -> Response:
    scoped = _scoped(period)
    area = _area(scoped, kind, code)
    name = _indicator_name(scoped, name)
    key = (scoped.sha256, scoped.scope, g.principal.role, f"/{period}/{area.path}/{name}/{chart}")

    def spec() -> str:
        charts = indicator_charts(scoped, area, name)
        if chart not in charts:
            return ""
        return json.dumps(browser_spec(charts[chart].spec, scoped.draft), default=float)

    body = state().cache.get_or_build(key, spec)
    if not body:
        abort(404)
    audit("export", f"/{period}/{area.path}/indicator/{name}/chart/{chart}.json")
    return Response(body, mimetype="application/json")


def browser_spec(spec: dict[str, Any], draft: bool = False) -> dict[str, Any]:
    """The report's spec for the browser: marks and guides kept out of the accessibility tree
    (``aria: false``), since the page's table and text alternative already say what the chart
    shows and a screen reader should not walk 24 unlabelled points. Its ``usermeta`` says
    whether it was drawn from a draft; a draft's chart is titled "Draft", so a spec saved and
    drawn elsewhere still says so."""
    marked = {**spec, "config": {**spec.get("config", {}), "aria": False},
              "usermeta": {**spec.get("usermeta", {}), "draft": draft}}  # fmt: skip
    if draft:
        marked["title"] = {"text": DRAFT, "anchor": "start", "fontWeight": "bold"}
    return marked


@bp.route("/<period>/national/indicator/<name>/chart/<chart>.json")
def national_chart(period: str, name: str, chart: str) -> Response:
    return _chart(period, "national", "", name, chart)


@bp.route("/<period>/region/<code>/indicator/<name>/chart/<chart>.json")
def region_chart(period: str, code: str, name: str, chart: str) -> Response:
    return _chart(period, "region", code, name, chart)


@bp.route("/<period>/force/<code>/indicator/<name>/chart/<chart>.json")
def force_chart(period: str, code: str, name: str, chart: str) -> Response:
    return _chart(period, "force", code, name, chart)


@bp.route("/<period>/data-quality", defaults={"as_json": False})
@bp.route("/<period>/data-quality.json", defaults={"as_json": True})
def data_quality(period: str, as_json: bool) -> Response:
    scoped = _scoped(period)
    return page(scoped, "quality.html", lambda: quality_page(scoped, _quarters()), as_json=as_json)


@bp.route("/accessibility")
def accessibility() -> str:
    template = "accessibility.html"
    return layout("Accessibility statement", "", Markup(render_template(template)))
