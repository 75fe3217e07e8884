"""Writing identifiers and literals into SQL text safely, the same way everywhere."""

from __future__ import annotations


def quote_ident(name: str) -> str:
    """``level`` -> ``"level"`` (a column named by a file's header may hold anything)."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """``it's`` -> ``'it''s'``."""
    return "'" + text.replace("'", "''") + "'"
