"""The draft: the quarter's pack as built now from the store, with its hash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ndp.periods import Quarter
from ndp.publish.hashing import pack_hash
from ndp.store import Store


@dataclass(frozen=True)
class Draft:
    period: Quarter
    pack: dict[str, Any]
    pack_hash: str
    pack_json: str  # the pack as the engine wrote it (numbers exact)
    framework_path: Path
    commentary: Path | None


def build_draft(
    store: Store,
    period: Quarter,
    *,
    framework_path: Path | None = None,
    commentary: Path | None = None,
) -> Draft:
    """Build ``period``'s pack from ``store`` as plain data (numbers exact) and hash it."""
    from ndp.engine.build import build_pack
    from ndp.engine.framework import load_framework

    fw_path = Path(load_framework(framework_path).path)
    built = build_pack(store, period, framework_path=fw_path, commentary=commentary)
    text = built.to_json()
    pack = json.loads(text, parse_float=Decimal)
    return Draft(period, pack, pack_hash(pack), text, fw_path, commentary)


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
