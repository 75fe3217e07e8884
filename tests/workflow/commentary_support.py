"""A small quarter to write commentary for: a pack with two measures and their indicators (all
the commentary file checks), a packs folder and an app database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ndp.workflow.commentary_file import QuarterCommentary

SLUG = "2024-25-Q1"


def small_pack(label: str = "2024-25 Q1") -> dict[str, Any]:
    return {
        "period": {"label": label},
        "measures": {
            "E1b": {"indicators": ["E1b.disruptions"]},
            "F1a": {"indicators": ["F1a.disseminations", "F1a.reports"]},
        },
        "indicators": {
            "E1b.disruptions": {"measure": "E1b"},
            "F1a.disseminations": {"measure": "F1a"},
            "F1a.reports": {"measure": "F1a"},
        },
    }


def quarter_in(packs: Path, pack: dict[str, Any] | None = None) -> QuarterCommentary:
    packs.mkdir(parents=True, exist_ok=True)
    return QuarterCommentary(packs, SLUG, pack or small_pack())
