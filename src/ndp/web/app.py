"""The Flask application factory: ``create_app(settings)``."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, g, request
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from ndp.report.format import source_label
from ndp.web import (
    auth,
    commentary_edit,
    export_routes,
    pages,
    quarter_pages,
    security,
    workflow_pages,
)
from ndp.web.cache import PageCache
from ndp.web.packs import PackShelf
from ndp.web.settings import Settings
from ndp.web.state import WebState
from ndp.web.template_code import TEMPLATE_CODE
from ndp.web.times import when

SITE = Path(__file__).parent / "site"
STATIC = Path(__file__).parent / "static"
# answered like the static files: public, cacheable, never a page
ASSETS = ("static", "site", "favicon")


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask("ndp.web", static_folder="static", static_url_path="/static")
    app.add_url_rule("/site/<path:filename>", "site", _site_file)
    app.add_url_rule("/favicon.ico", "favicon", _favicon)
    app.jinja_loader = ChoiceLoader([
        PackageLoader("ndp.web", "templates"),
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    ])  # fmt: skip
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["source"] = source_label
    app.jinja_env.bytecode_cache = TEMPLATE_CODE  # compiled once per process, not per app
    app.extensions["ndp"] = WebState(
        settings,
        PackShelf(settings.packs, settings.reload_interval),
        PageCache(settings.page_cache_size),
    )
    app.register_blueprint(auth.bp)
    app.register_blueprint(workflow_pages.bp)
    app.register_blueprint(quarter_pages.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(commentary_edit.bp)
    app.register_blueprint(export_routes.bp)
    if settings.oidc is not None:
        app.register_blueprint(auth.oidc(settings.oidc))
    app.after_request(_headers)
    app.register_error_handler(HTTPException, _error)
    # a request larger than a few files at the cap is refused before it is read
    app.config["MAX_CONTENT_LENGTH"] = 10 * settings.upload_max_bytes
    if settings.proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.proxies, x_proto=settings.proxies)  # type: ignore[method-assign]
    return app


def _site_file(filename: str) -> Response:
    from flask import send_from_directory

    return send_from_directory(SITE, filename, max_age=3600)


def _favicon() -> Response:
    """The icon (static/favicon.ico, made by scripts/make-favicon.py) at the address browsers
    and tools ask for when a page names none; the pages name /static/favicon.svg."""
    from flask import send_from_directory

    return send_from_directory(STATIC, "favicon.ico", mimetype="image/vnd.microsoft.icon",
                               max_age=3600)  # fmt: skip


def _headers(response: Response) -> Response:
    static = request.endpoint in ASSETS
    return security.secure_headers(response, g.get("nonce") or security.new_nonce(), static)


def _error(error: HTTPException) -> Response:
    from ndp.web.render import layout

    if request.path.endswith(".json"):
        return Response(f'{{"error": "{error.name}"}}', error.code or 500,
                        mimetype="application/json")  # fmt: skip
    if "nonce" not in g:
        g.nonce = security.new_nonce()
    from flask import render_template
    from markupsafe import Markup

    body = Markup(render_template("error.html", error=error))
    return Response(layout(error.name, "", body), error.code or 500)
