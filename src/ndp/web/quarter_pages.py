"""The analyst's quarter: its state, sign-off, publishing and the diff between two versions.
Each route checks the role (anyone else gets 404, as for a page that does not exist), calls
one library function and renders what it returns; publishing is queued for the writer."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from flask import Blueprint, Response, abort, g, redirect, render_template, request
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from ndp.errors import NdpError
from ndp.web.auth import audit
from ndp.web.render import json_default, layout, twin
from ndp.web.state import state
from ndp.workflow.quarter_state import QuarterState, quarter_state

bp = Blueprint("quarter", __name__)

STATE_ROLES = ("analyst", "approver", "admin")
SIGNOFF_ROLES = ("approver",)
PUBLISH_ROLES = ("approver", "admin")


def _allow(roles: Collection[str]) -> None:
    if g.principal is None or g.principal.role not in roles:
        audit("denied", request.path, {"why": f"needs the role {' or '.join(roles)}"})
        abort(404)


def _state(period: str) -> QuarterState:
    s = state()
    try:
        found = quarter_state(s.settings.packs, s.settings.published, period, s.appdb())
    except NdpError:
        found = None
    if found is None:
        abort(404)
    return found


def _page(title: str, template: str, status: int = 200, **context: Any) -> Response:
    from ndp.web.security import session_token

    csrf = session_token(g.session_id) if g.get("session_id") else ""
    content = render_template(template, csrf=csrf, **context)
    q = context.get("q")
    period = (q.slug + ("-draft" if q.draft_hash else "")) if q else None
    return Response(layout(title, "", Markup(content), period=period), status)


@bp.route("/<period>/quarter", defaults={"as_json": False})
@bp.route("/<period>/quarter.json", defaults={"as_json": True})
def quarter(period: str, as_json: bool) -> Response:
    _allow(STATE_ROLES)
    q = _state(period)
    if as_json:
        audit("export", request.path)
        return Response(twin(q, draft=q.draft_hash is not None), mimetype="application/json")
    audit("view", request.path)
    role, national = g.principal.role, g.principal.scope.kind == "national"
    return _page(f"The quarter, {q.label}", "quarter.html", q=q, may_comment=national,
                 may_sign=role in SIGNOFF_ROLES, may_publish=role in PUBLISH_ROLES)  # fmt: skip


def _draft_statuses(period: str) -> list[tuple[str, str]]:
    from ndp.workflow.drafts import read_draft

    found = read_draft(state().settings.packs, period)
    objectives = found.draft.pack.get("objectives", {}) if found else {}
    return [(str(o.get("title", k)), str(o.get("status", ""))) for k, o in objectives.items()]


@bp.route("/<period>/signoff", methods=["GET", "POST"])
def signoff(period: str) -> BaseResponse:
    _allow(SIGNOFF_ROLES)
    q = _state(period)
    error = ""
    if request.method == "POST":
        from ndp.workflow.drafts import sign_off_draft

        s, by = state().settings, g.principal.name
        try:
            done = sign_off_draft(s.packs, s.published, period, by, g.principal.role,
                                  request.form.get("pack_hash", ""))  # fmt: skip
        except NdpError as refused:
            error = str(refused)
            audit("signoff_refused", request.path, {"why": error})
        else:
            audit("signoff", request.path, {"line": done.audit_line(), "new": done.new,
                                            "pack_hash": done.pack_hash})  # fmt: skip
            return redirect(f"/{period}/quarter", 303)
    else:
        audit("view", request.path)
    return _page(f"Sign off {q.label}", "signoff.html", 400 if error else 200, q=q, error=error,
                 statuses=_draft_statuses(period))  # fmt: skip


def publish_problem(q: QuarterState, reason: str) -> tuple[str, str] | None:
    """Why the publish form cannot be sent as it is: (field id, message), or None."""
    if state().settings.store is None:
        return ("publish", "This dashboard has no store (ndp serve --db STORE), so nothing can "
                "be published from it")  # fmt: skip
    if q.draft_hash is None:
        return ("publish", f"{q.label} has no draft to publish: load the quarter's data first")
    if q.signoff is None:
        return ("publish", f"The {q.label} draft is not signed off: an approver signs it off "
                "first")  # fmt: skip
    if q.versions and not reason.strip():
        return ("reason", f"{q.label} was published before (version {q.versions[-1].version}): "
                "give the reason for this revision")  # fmt: skip
    return None


@bp.route("/<period>/publish", methods=["GET", "POST"])
def publish(period: str) -> BaseResponse:
    _allow(PUBLISH_ROLES)
    q = _state(period)
    reason = request.form.get("reason", "")
    problem = None
    if request.method == "POST":
        from ndp.workflow import jobs

        problem = publish_problem(q, reason)
        if problem is None:
            params = {"period": period, "reason": reason.strip() or None,
                      "pack_hash": q.draft_hash}  # fmt: skip
            job_id = jobs.submit(state().appdb(), "publish", params, g.principal.name)
            audit("publish_submitted", request.path, {"job": job_id, **params})
            return redirect(f"/jobs/{job_id}", 303)
    else:
        audit("view", request.path)
    return _page(f"Publish {q.label}", "publish.html", 400 if problem else 200, q=q,
                 problem=problem, reason=reason)  # fmt: skip


@bp.route("/<period>/diff", defaults={"as_json": False})
@bp.route("/<period>/diff.json", defaults={"as_json": True})
def diff(period: str, as_json: bool) -> Response:
    from ndp.publish.diff import diff_versions

    _allow(STATE_ROLES)
    q = _state(period)
    try:
        old = request.args.get("from", type=int)
        new = request.args.get("to", type=int)
        before, after, changed = diff_versions(state().settings.published, q.label, old, new)
    except NdpError as error:
        audit("view", request.path)
        return _page(f"Changes in {q.label}", "diff.html", 404, q=q, error=str(error))
    rows = [c.as_dict() for c in changed]
    if as_json:
        audit("export", request.path)
        import json

        body = {"period": q.label, "from": before, "to": after, "changes": rows}
        return Response(json.dumps(body, default=json_default), mimetype="application/json")
    audit("view", request.path)
    return _page(f"Changes in {q.label}", "diff.html", q=q, before=before, after=after,
                 rows=rows, error="")  # fmt: skip
