"""Reading the published versions of a quarter from their manifests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ndp.errors import NdpError
from ndp.publish.layout import Layout, period_key, read_json


@dataclass(frozen=True)
class Version:
    period: str
    version: int
    manifest: dict[str, Any]

    @property
    def pack_hash(self) -> str:
        return str(self.manifest["pack_hash"])

    def pack(self, root: Path) -> dict[str, Any]:
        return read_json(Layout(root).reports(self.pack_hash) / "pack.json")


def versions(root: Path, label: str) -> list[Version]:
    layout = Layout(root)
    return [Version(label, n, read_json(layout.manifest(label, n))) for n in layout.versions(label)]


def version(root: Path, label: str, number: int | None = None) -> Version:
    """Version ``number`` of the quarter (the latest if None)."""
    found = versions(root, label)
    if not found:
        raise NdpError(
            f"{label} has not been published in {root}: publish it with "
            f"`ndp publish {period_key(label)} --by NAME`"
        )
    if number is None:
        return found[-1]
    for v in found:
        if v.version == number:
            return v
    have = ", ".join(str(v.version) for v in found)
    raise NdpError(f"{label} has no version {number} (published versions: {have})")
