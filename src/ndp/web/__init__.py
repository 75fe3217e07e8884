"""The dashboard: nation, region and force in the browser, each user seeing only what they may
(docs/dashboard.md). ``create_app(settings)`` builds the Flask application."""

from ndp.web.app import create_app
from ndp.web.settings import Settings

__all__ = ["Settings", "create_app"]
