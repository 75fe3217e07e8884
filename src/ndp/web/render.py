"""Rendering a page's model: its blocks (title, the trail above the content, the content) are
rendered once per (pack hash, scope, role, URL) and cached; the layout around them (signed-in
name, sign-out token, nonce) is rendered for each request. The JSON twin is the same model
through ``dataclasses.asdict``."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import Response, current_app, g, render_template, request
from markupsafe import Markup

from ndp.web import security
from ndp.web.packs import DRAFT_SUFFIX
from ndp.web.projection import ScopedPack
from ndp.web.state import state
from ndp.web.versions import Version, version_of

BLOCKS = ("title", "before_content", "content")
SEPARATOR = "\x00"  # never in rendered HTML: Jinja escapes nothing into it, and no template has it


def json_default(value: Any) -> Any:
    """Paths as text, exact numbers as JSON numbers."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def twin(model: Any, *, draft: bool = False) -> str:
    """The model as JSON, with ``"draft"``: whether it was built from a quarter's draft."""
    data = {**dataclasses.asdict(model), "draft": draft}
    return json.dumps(data, default=json_default, ensure_ascii=False)


def _blocks(template_name: str, model: Any) -> str:
    template = current_app.jinja_env.get_template(template_name)
    context = template.new_context({"page": model})
    return SEPARATOR.join("".join(template.blocks[b](context)) for b in BLOCKS)


def page(scoped: ScopedPack, template_name: str, build: Any, *, as_json: bool,
         charts: bool = False, variant: str = "") -> Response:  # fmt: skip
    """The page (or its twin) of the model ``build()`` makes, from the cache where it can.
    ``variant`` names what else the page is built from (the commentary file's version), so a
    change to it is never hidden by a body cached before."""
    principal = g.principal
    key = (f"{scoped.sha256}{variant}", scoped.scope, principal.role, request.path)
    from ndp.web.auth import audit

    if as_json:
        audit("export", request.path)
        body = state().cache.get_or_build(key, lambda: twin(build(), draft=scoped.draft))
        return Response(body, mimetype="application/json")
    audit("view", request.path)
    cached = state().cache.get_or_build(key, lambda: _blocks(template_name, build()))
    title, before, content = (Markup(part) for part in cached.split(SEPARATOR))
    return Response(layout(title, before, content, charts=charts, period=scoped.slug,
                           version=version_of(scoped)))  # fmt: skip


def _scope_name(principal: Any, period: str | None) -> str:
    """The signed-in user's scope by name, from the page's pack (else the latest quarter's)."""
    if principal is None:
        return ""
    from ndp.web.areas import scope_name

    shelf = state().shelf
    pack = (shelf.get(period) if period else None) or shelf.latest()
    return scope_name(principal.scope, pack.data if pack else None)


def layout(title: str, before: str, content: str, *, charts: bool = False,
           period: str | None = None, version: Version | None = None) -> str:  # fmt: skip
    principal = g.get("principal")
    from ndp.web.scoping import sees_drafts

    return render_template(
        "layout.html", title=title, before_content=before, content=content, nonce=g.nonce,
        principal=principal, charts=charts, period=period, version=version,
        scope=_scope_name(principal, period),
        quarter=period.removesuffix(DRAFT_SUFFIX) if period else None,
        workflow=sees_drafts(principal),
        csrf=security.session_token(g.session_id) if g.get("session_id") else "",
    )  # fmt: skip
