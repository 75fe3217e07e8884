"""`ndp sources`: placeholder until its issue lands; its owner replaces this module."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
