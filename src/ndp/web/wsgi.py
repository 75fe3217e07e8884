"""The application for a WSGI server started on its own: ``gunicorn 'ndp.web.wsgi:app'``, with
``NDP_PACKS``, ``NDP_APP_DB`` and ``NDP_PROXIES`` in the environment (docs/dashboard.md)."""

from ndp.web import create_app

app = create_app()
