"""The export routes: ``/<period>/<area>/export.csv``, behind the same scope check as the
pages (another area's export answers 404, audited as a denial), audited as ``export`` and
cached per (pack hash, scope, role, URL) only after that check."""

from __future__ import annotations

from flask import Blueprint, Response, g, request

from ndp.web.auth import audit
from ndp.web.pages import _area, _scoped
from ndp.web.state import state
from ndp.web.views.export import export_csv, export_filename

bp = Blueprint("export", __name__)


def _export(period: str, kind: str, code: str) -> Response:
    scoped = _scoped(period)
    area = _area(scoped, kind, code)
    key = (scoped.sha256, scoped.scope, g.principal.role, request.path)
    body = state().cache.get_or_build(key, lambda: export_csv(scoped, area))
    audit("export", request.path)
    disposition = f'attachment; filename="{export_filename(scoped, area)}"'
    return Response(body.encode("utf-8"), mimetype="text/csv",
                    headers={"Content-Disposition": disposition})  # fmt: skip


@bp.route("/<period>/national/export.csv")
def national_export(period: str) -> Response:
    return _export(period, "national", "")


@bp.route("/<period>/region/<code>/export.csv")
def region_export(period: str, code: str) -> Response:
    return _export(period, "region", code)


@bp.route("/<period>/force/<code>/export.csv")
def force_export(period: str, code: str) -> Response:
    return _export(period, "force", code)
