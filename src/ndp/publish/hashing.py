"""The pack hash: what identifies a published version's figures (docs/publishing.md).

The hash is the SHA-256 of the pack's canonical JSON (keys sorted, numbers exact) with what
changes between two builds of the same figures left out: ``generated_at``, the publication's
own marks (``draft`` and ``revisions``: how the figures were published, not what they are), the
loads' times and users (``data_quality.loads``), the store's kind and the extracts' paths and
load ids in ``provenance`` (their SHA-256, source and rows stay in). So the same extracts and
framework built into any store, at any time, give the same hash.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

#: top-level keys outside the hash: the build time and the publication's marks
UNHASHED = ("generated_at", "draft", "revisions")


def hashed_part(pack: dict[str, Any]) -> dict[str, Any]:
    """The part of ``pack`` the hash covers (a copy; ``pack`` is left as it is)."""
    part = {k: v for k, v in pack.items() if k not in UNHASHED}
    quality = dict(part.get("data_quality", {}))
    quality.pop("loads", None)
    part["data_quality"] = quality
    prov = dict(part.get("provenance", {}))
    prov.pop("store", None)
    prov["files"] = [
        {"sha256": f["sha256"], "source": f.get("source"), "rows": f.get("rows")}
        for f in prov.get("files", [])
    ]
    part["provenance"] = prov
    return part


def _number(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 57.0 and 57 are one number
    raise TypeError(f"cannot hash {type(value).__name__}")


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=_number)


def pack_hash(pack: dict[str, Any]) -> str:
    """The SHA-256 (hex) of the pack's hashed part."""
    return hashlib.sha256(canonical_json(hashed_part(pack)).encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
