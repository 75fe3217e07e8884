"""Publishing a signed-off draft: its outputs written once under its pack hash, its extracts,
commentary and framework kept by content, and a manifest recording what and who."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ndp.engine.exact_json import dumps_exact
from ndp.engine.pack_files import area_texts
from ndp.errors import NdpError
from ndp.publish.draft import Draft, now_utc
from ndp.publish.hashing import file_sha256
from ndp.publish.layout import (
    Layout,
    clear_stale,
    keep_file,
    period_key,
    staging_dir,
    write_new_json,
)
from ndp.publish.marks import published_pack
from ndp.publish.signoff import signoff_for
from ndp.publish.versions import versions

REPORT_FORMATS = ["html", "pdf", "docx", "xlsx"]
FORCE_FORMATS = ["html", "pdf"]


@dataclass(frozen=True)
class Published:
    period: str
    version: int
    pack_hash: str
    by: str
    at: str
    new: bool  # False: the same pack was the latest version already; nothing was written
    reports: Path
    reason: str | None = None

    def audit_line(self) -> str:
        why = f" reason: {self.reason}" if self.reason else ""
        return f"publish {self.period} v{self.version} pack {self.pack_hash[:12]} by {self.by}{why}"


def publish(
    root: Path,
    draft: Draft,
    by: str,
    *,
    reason: str | None = None,
    forces: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Published:
    """Publish ``draft`` under ``root`` as the quarter's next version (a no-op if its figures
    are the latest version's). It must be signed off; a revision needs a ``reason``. With
    ``forces`` (codes or names) only those force editions are written, not all 45: for a preview
    or a test; the manifest's ``outputs`` list what the version holds (docs/publishing.md).
    ``progress`` is told each step in words ("Writing force editions: 12 of 45")."""
    layout = Layout(root)
    label = draft.pack["period"]["label"]
    earlier = versions(root, label)
    if earlier and earlier[-1].pack_hash == draft.pack_hash:
        m = earlier[-1].manifest
        return Published(
            label, earlier[-1].version, draft.pack_hash, m["published_by"], m["published_at"],
            False, layout.reports(draft.pack_hash), m.get("reason"),
        )  # fmt: skip
    approval = signoff_for(root, label, draft.pack_hash)
    if approval is None:
        raise NdpError(
            f"the {label} draft (pack {draft.pack_hash[:12]}) is not signed off: an approver "
            f"runs `ndp signoff {period_key(label)} --by NAME --role approver` first"
        )
    if earlier and not (reason or "").strip():
        raise NdpError(
            f"{label} was published before (version {earlier[-1].version}); publishing a "
            "revision needs a reason: give --reason TEXT"
        )
    kept = _keep_inputs(layout, draft)
    before = (earlier[-1].version, earlier[-1].pack(root)) if earlier else None
    pack = published_pack(draft.pack, before, reason.strip() if reason else None)
    reports = _write_outputs(layout, draft, pack, forces, progress or (lambda text: None))
    number = earlier[-1].version + 1 if earlier else 1
    at = now_utc()
    manifest = {
        "period": label,
        "version": number,
        "pack_hash": draft.pack_hash,
        "hash_covers": "the pack without generated_at, load times and extract paths",
        "published_by": by,
        "published_at": at,
        "prepared_by": approval.prepared_by,
        "approved_by": approval.approved_by,
        "approved_at": approval.at,
        "reason": reason.strip() if reason else None,
        "previous_version": earlier[-1].version if earlier else None,
        **kept,
        "outputs": sorted(str(p.relative_to(root)) for p in reports.rglob("*") if p.is_file()),
    }
    write_new_json(layout.manifest(label, number), manifest)
    return Published(label, number, draft.pack_hash, by, at, True, reports, manifest["reason"])


def _keep_inputs(layout: Layout, draft: Draft) -> dict[str, Any]:
    extracts = []
    for f in draft.pack["provenance"]["files"]:
        path = Path(f["path"])
        if not path.is_file() or file_sha256(path) != f["sha256"]:
            raise NdpError(
                f"{path}: the extract loaded with SHA-256 {f['sha256'][:12]} is no longer "
                "there as loaded; put it back to publish (the version keeps a copy of each)"
            )
        keep_file(layout, path, f["sha256"])
        extracts.append({"name": path.name, "sha256": f["sha256"], "source": f.get("source")})
    fw_sha = file_sha256(draft.framework_path)
    keep_file(layout, draft.framework_path, fw_sha)
    commentary = None
    if draft.commentary is not None:
        if not draft.commentary.is_file():
            raise NdpError(
                f"{draft.commentary}: publishing takes a commentary file (YAML), not a folder"
            )
        sha = file_sha256(draft.commentary)
        keep_file(layout, draft.commentary, sha)
        commentary = {"name": draft.commentary.name, "sha256": sha}
    return {
        "extracts": extracts,
        "framework": {"name": draft.framework_path.name, "sha256": fw_sha},
        "commentary": commentary,
    }


def _write_outputs(
    layout: Layout,
    draft: Draft,
    pack: dict[str, Any],
    forces: Sequence[str] | None,
    progress: Callable[[str], None],
) -> Path:
    """The report set, the 45 force editions (or ``forces'``) and the pack (``draft``'s
    figures with the publication's marks, ``ndp.publish.marks``) with its area files
    (``pack.areas/``, one force's or region's figures each: ``ndp.engine.pack_files``) under
    the pack hash, written in a staging folder and renamed into place whole; kept as they are
    if there already."""
    from ndp.report.force import write_all_forces
    from ndp.report.render import write_report

    target = layout.reports(draft.pack_hash)
    if target.exists():
        return target
    clear_stale(layout)
    stage = staging_dir(layout, draft.pack_hash)
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    (stage / "pack.json").write_text(dumps_exact(pack), encoding="utf-8")
    for path, text in area_texts(pack, stage / "pack.json").items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    progress("Writing the national report")
    write_report(pack, stage, REPORT_FORMATS, commentary=draft.commentary)
    progress("Writing force editions")
    write_all_forces(
        pack, stage, FORCE_FORMATS, only=forces,
        progress=lambda done, total: progress(force_progress(done, total)),
    )  # fmt: skip
    os.rename(stage, target)
    return target


def force_progress(done: int, total: int) -> str:
    """``Writing force editions: 12 of 45``."""
    return f"Writing force editions: {done} of {total}"
