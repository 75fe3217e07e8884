"""The application for a WSGI server started on its own: ``gunicorn --preload
'ndp.web.wsgi:app'``, with ``NDP_PACKS``, ``NDP_APP_DB`` and ``NDP_PROXIES`` in the environment
(docs/dashboard.md). The latest quarter's chart shapes are made here, so with ``--preload``
gunicorn's arbiter makes them once and every worker it forks inherits them."""

from ndp.web import create_app
from ndp.web.settings import Settings
from ndp.web.warm import warm_chart_shapes

settings = Settings.from_env()
warm_chart_shapes(settings.packs)
app = create_app(settings)
