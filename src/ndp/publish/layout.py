"""The publications directory: where each part of a published version lives.

::

    published/
      files/<sha256>                    extracts, commentary and framework, by content
      reports/<pack hash>/              the version's outputs, written once, never replaced
        pack.json  pack.areas/<force|region>-<code>.json  report.{html,pdf,docx,xlsx}
        forces/<code>/force-report.{html,pdf}
      <period>/signoff-<pack hash>.json who prepared and who approved those figures
      <period>/v<N>.json                one immutable manifest per published version

A version exists once its manifest does: the manifest is written last, after every file it
names, so a publish stopped at any moment leaves no version or a complete one.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ndp.errors import NdpError
from ndp.files import replacing


def period_key(label: str) -> str:
    """A folder name for a quarter label: ``2024-25 Q1`` -> ``2024-25Q1``."""
    return label.replace(" ", "")


@dataclass(frozen=True)
class Layout:
    root: Path

    def files(self, sha256: str) -> Path:
        return self.root / "files" / sha256

    def reports(self, pack_hash: str) -> Path:
        return self.root / "reports" / pack_hash

    def period(self, label: str) -> Path:
        return self.root / period_key(label)

    def manifest(self, label: str, version: int) -> Path:
        return self.period(label) / f"v{version}.json"

    def signoff(self, label: str, pack_hash: str) -> Path:
        return self.period(label) / f"signoff-{pack_hash}.json"

    def versions(self, label: str) -> list[int]:
        folder = self.period(label)
        found = [p.stem[1:] for p in folder.glob("v*.json")] if folder.is_dir() else []
        return sorted(int(v) for v in found if v.isdigit())

    def periods(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and any(p.glob("v*.json")))


def read_json(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return loaded


def write_new_json(path: Path, data: dict[str, Any]) -> Path:
    """``data`` at ``path``, written whole; refused if ``path`` exists (nothing is replaced)."""
    if path.exists():
        raise NdpError(f"{path} exists already: a published record is never replaced")
    with replacing([path]) as (partial,):
        partial.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def keep_file(layout: Layout, source: Path, sha256: str) -> Path:
    """A copy of ``source`` under its SHA-256 (kept as it is if there already)."""
    target = layout.files(sha256)
    if not target.exists():
        with replacing([target]) as (partial,):
            shutil.copyfile(source, partial)
    return target


def clear_stale(layout: Layout) -> None:
    """Remove the staging folders a stopped publish left behind (never a finished one)."""
    reports = layout.root / "reports"
    if reports.is_dir():
        for stale in reports.glob(".*.partial-*"):
            shutil.rmtree(stale, ignore_errors=True)


def staging_dir(layout: Layout, pack_hash: str) -> Path:
    return layout.root / "reports" / f".{pack_hash}.partial-{os.getpid()}"
