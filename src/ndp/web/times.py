"""Times as the dashboard's pages print them: to the minute, in words, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def when(text: str | None) -> str:
    """``2026-12-07T11:24:33.123456Z``, ``2026-12-07T11:24:33+00:00`` or the store's
    ``2026-12-07 11:24:33.123456`` (UTC without an offset) -> ``7 December 2026, 11:24 UTC``;
    nothing for nothing, and a text that is not a time as it is."""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(str(text).strip())
    except ValueError:
        return str(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"
