"""The dashboard: nation, region and force in the browser, each user seeing only what they may
(docs/dashboard.md). ``create_app(settings)`` builds the Flask application.

Importing the package is light (``ndp serve``'s command line imports its settings): Flask,
Jinja and the report's charts load only when an app is made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ndp.web.settings import Settings

if TYPE_CHECKING:
    from flask import Flask


def create_app(settings: Settings | None = None) -> Flask:
    from ndp.web.app import create_app as make

    return make(settings)


__all__ = ["Settings", "create_app"]
