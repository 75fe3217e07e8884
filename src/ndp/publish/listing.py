"""The lines ``ndp publications`` prints: one per published version."""

from __future__ import annotations

from pathlib import Path

from ndp.periods import Quarter
from ndp.publish.layout import Layout
from ndp.publish.versions import versions


def listing(root: Path, period: str | None = None) -> list[str]:
    """``2024-25 Q1  v1  3f2a9c1b0d4e  published 2026-12-07T03:20:00+00:00 by Ann``, and the
    reason after a revision; a line saying so when nothing is published."""
    labels = (
        [Quarter.parse(period).label]
        if period
        else [Quarter.parse(p).label for p in Layout(root).periods()]
    )
    lines = []
    for label in labels:
        for v in versions(root, label):
            m = v.manifest
            why = f" (revised: {m['reason']})" if m.get("reason") else ""
            lines.append(
                f"{label}  v{v.version}  {v.pack_hash[:12]}  published {m['published_at']} "
                f"by {m['published_by']}, approved by {m['approved_by']}{why}"
            )
    return lines or [f"nothing published in {root}" + (f" for {period}" if period else "")]
