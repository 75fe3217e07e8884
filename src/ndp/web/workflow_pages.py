"""The analyst's pages: upload extracts, follow a job, the quarantine. Each route checks the role,
calls one function of ``ndp.workflow`` and renders its outcome; the store is only ever opened by
the writer the jobs are queued for."""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, render_template, request, send_from_directory
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from ndp.errors import NdpError, Problem
from ndp.web.auth import audit
from ndp.web.render import layout
from ndp.web.state import state
from ndp.workflow import jobs
from ndp.workflow.uploads import (
    Incoming,
    UploadLimits,
    UploadRefused,
    load_partially,
    quarter_slug,
    receive,
)

bp = Blueprint("workflow", __name__)

#: roles that prepare a quarter; anyone else is told there is no such page
WORKFLOW_ROLES = ("analyst", "approver", "admin")
#: problems of a refused load listed in the error summary (the table lists them all)
SUMMARY_PROBLEMS = 10


@bp.before_request
def _analysts_only() -> None:
    if g.principal is None or g.principal.role not in WORKFLOW_ROLES:
        audit("denied", request.path, {"why": "role may not prepare a quarter"})
        abort(404)


def _page(title: str, template: str, status: int = 200, **context: object) -> Response:
    content = render_template(template, csrf=_csrf(), nonce=g.nonce, **context)
    return Response(layout(title, "", Markup(content)), status)


def _csrf() -> str:
    from ndp.web.security import session_token

    return session_token(g.session_id) if g.get("session_id") else ""


def _store_needed() -> Response:
    return _page("A store is needed", "store_needed.html", 503)


@bp.route("/upload", methods=["GET", "POST"], defaults={"period": None})
@bp.route("/<period>/upload", methods=["GET", "POST"])
def upload(period: str | None) -> BaseResponse:
    if state().settings.store is None:
        return _store_needed()
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        files = [Incoming(f.filename or "", f.stream) for f in request.files.getlist("extracts")
                 if f.filename]  # fmt: skip
        reload = request.form.get("reload") == "yes"
        try:
            params = (
                {} if reload else {"period": quarter_slug(period or request.form.get("period"))}
            )
            job_id = receive(state().appdb(), state().settings.packs / "uploads", files,
                             g.principal.name, UploadLimits(state().settings.upload_max_bytes),
                             ("reload" if reload else "load", params),
                             request.remote_addr)  # fmt: skip
        except UploadRefused as refused:
            errors = refused.problems
        else:
            from flask import redirect

            return redirect(f"/jobs/{job_id}", 303)
    error_list = [{"text": f"{name}: {text}" if name else text, "href": "#extracts"}
                  for name, text in errors]  # fmt: skip
    return _page("Upload extracts", "upload.html", 400 if errors else 200, period=period,
                 errors=errors, error_list=error_list)  # fmt: skip


@bp.route("/jobs")
def job_list() -> Response:
    return _page("Jobs", "jobs.html", jobs=jobs.recent(state().appdb()))


def _job(job_id: int) -> jobs.Job:
    job = jobs.get(state().appdb(), job_id)
    if job is None:
        abort(404)
    return job


@bp.route("/jobs/<int:job_id>")
def job_page(job_id: int) -> Response:
    job = _job(job_id)
    problems = job.result.get("problems", [])
    summary = [{"text": str(Problem(**p)), "href": f"#problem-{n}"}
               for n, p in enumerate(problems[:SUMMARY_PROBLEMS], start=1)]  # fmt: skip
    if len(problems) > SUMMARY_PROBLEMS:
        summary.append({"text": f"and {len(problems) - SUMMARY_PROBLEMS:,} more in the table",
                        "href": "#problems"})  # fmt: skip
    return _page(f"Job {job.id}", "job.html", job=job, problems=problems, summary=summary)


@bp.route("/jobs/<int:job_id>/partial", methods=["POST"])
def partial(job_id: int) -> BaseResponse:
    from flask import redirect

    try:
        new = load_partially(state().appdb(), _job(job_id), g.principal.name, request.remote_addr)
    except NdpError as error:
        abort(409, str(error))
    return redirect(f"/jobs/{new}", 303)


@bp.route("/quarantine", methods=["GET", "POST"])
def quarantine() -> BaseResponse:
    from flask import redirect

    if state().settings.store is None:
        return _store_needed()
    if request.method == "GET":
        return _page("Quarantine", "quarantine.html")
    job_id = jobs.submit(state().appdb(), "quarantine", {}, g.principal.name)
    return redirect(f"/jobs/{job_id}", 303)


@bp.route("/jobs/<int:job_id>/exports/<name>")
def export_file(job_id: int, name: str) -> Response:
    job = _job(job_id)
    if job.kind != "quarantine" or name not in job.result.get("exports", []):
        abort(404)
    audit("export", request.path)
    folder = state().settings.packs / "uploads" / "exports" / str(job.id)
    return send_from_directory(folder, name, as_attachment=True, mimetype="text/csv")
