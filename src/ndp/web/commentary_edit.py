"""The commentary edit pages (``/<period>/commentary/<id>``, ``/<period>/commentary/summary:<id>``,
each with its JSON twin): analysts, approvers and administrators with the national scope write an
entry's Markdown, see it as the report renders it, and save it as a new version
(``ndp.workflow.commentary``). Anyone else gets 404, as for any page they may not see
(commentary is national-only: it may name a force)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, redirect, render_template, request
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from ndp.errors import NdpError
from ndp.web.auth import audit
from ndp.web.projection import ScopedPack
from ndp.web.render import layout, twin
from ndp.web.scoping import scoped_for
from ndp.web.state import state
from ndp.web.views.commentary_edit import CommentaryEditPage, edit_page
from ndp.workflow.commentary import (
    FILE_AUTHOR,
    Conflict,
    EntryState,
    entry_state,
    remove_entry,
    save_entry,
)
from ndp.workflow.commentary_file import QuarterCommentary
from ndp.workflow.commentary_versions import Entry

#: who may write commentary
EDITOR_ROLES = frozenset({"analyst", "approver", "admin"})

bp = Blueprint("commentary", __name__)


def can_edit(principal: object, scoped: ScopedPack) -> bool:
    return scoped.national and getattr(principal, "role", None) in EDITOR_ROLES


def quarter_of(scoped: ScopedPack) -> QuarterCommentary:
    """The quarter's one commentary file, whether edited from its draft or its published pack:
    publishing and the indicator pages read ``commentary-<quarter>.yaml``, never a draft's."""
    pack = {"period": scoped.period, "measures": scoped.measures, "indicators": scoped.indicators}
    return QuarterCommentary(state().settings.packs, scoped.quarter, pack)


def _entry(scoped: ScopedPack, name: str) -> Entry:
    part, _, about = name.rpartition(":")
    entry = Entry(part or "commentary", about)
    known = scoped.measures if entry.part == "summary" else {**scoped.measures,
                                                             **scoped.indicators}  # fmt: skip
    if entry.part not in ("commentary", "summary") or about not in known:
        abort(404)
    return entry


@bp.route("/<period>/commentary/<name>", methods=["GET", "POST"])
def edit(period: str, name: str) -> BaseResponse:
    scoped = scoped_for(period, g.principal)
    if scoped is None or not can_edit(g.principal, scoped):
        audit("denied", request.path, {"why": "may not edit commentary"})
        abort(404)
    as_json = name.endswith(".json")
    if as_json and request.method != "GET":
        abort(404)
    entry = _entry(scoped, name.removesuffix(".json"))
    quarter = quarter_of(scoped)
    try:
        current = entry_state(state().appdb(), quarter, entry)
    except NdpError as error:  # the file has a mistake made by hand: say so, change nothing
        return _show(edit_page(scoped, _empty(entry), error=str(error)), 409)
    if as_json:  # the twin: the entry's versions, for a script or a records request
        audit("export", request.path)
        return Response(twin(edit_page(scoped, current)), mimetype="application/json")
    if request.method == "GET":
        saved = request.args.get("saved", "")
        return _show(edit_page(scoped, current, saved=int(saved) if saved.isdigit() else 0))
    text = request.form.get("markdown", "")
    based_on = request.form.get("based_on", "")
    if not based_on.isdigit():
        abort(400, "The form has expired. Go back, reload the page and try again.")
    action = request.form.get("action")
    if action not in ("save", "remove"):
        return _show(edit_page(scoped, current, markdown=text, based_on=int(based_on)))
    db, by = state().appdb(), g.principal.name
    try:
        if action == "remove":
            result = remove_entry(db, quarter, entry, int(based_on), by)
        else:
            result = save_entry(db, quarter, entry, text, int(based_on), by)
    except NdpError as error:
        page = edit_page(scoped, current, markdown=text, based_on=int(based_on), error=str(error))
        return _show(page, 400)
    if isinstance(result, Conflict):
        theirs = result.theirs
        if theirs.saved_by == FILE_AUTHOR:
            what = f"The commentary file was changed by hand (version {theirs.version})"
        else:
            what = f"{theirs.saved_by} saved version {theirs.version} of this commentary"
        message = (
            f"{what} after you opened it. Your text is kept below, beside theirs: bring in what "
            "you need from theirs and save again."
        )
        now = entry_state(state().appdb(), quarter, entry)
        page = edit_page(scoped, now, markdown=text, based_on=result.theirs.version,
                         error=message, conflict=result)  # fmt: skip
        return _show(page, 409)
    return redirect(f"/{scoped.slug}/commentary/{entry.name}?saved={result.version.version}")


def _empty(entry: Entry) -> EntryState:
    return EntryState(entry, None, [])


def _show(page: CommentaryEditPage, status: int = 200) -> Response:
    if request.method == "GET":
        audit("view", request.path)
    body = Markup(render_template("commentary_edit.html", page=page, csrf=_csrf()))
    slug = page.action.split("/")[1]
    return Response(layout(page.title, "", body, period=slug), status)


def _csrf() -> str:
    from ndp.web import security

    return security.session_token(g.session_id)
