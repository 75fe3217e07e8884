"""The writer's ``publish`` job: publish a signed-off quarter (``ndp.publish``), then put its pack
where the dashboard's readers see it.

The job's parameters are ``period`` (the quarter's slug, ``2024-25-Q1``) and, for a revision,
``reason``; the person who submitted it publishes. ``publish_quarter`` builds the draft from the
store, refuses figures nobody signed off and a revision without a reason, and writes the
version's files once. The version's pack is then placed at ``PACKS/pack-<slug>.json`` with its
area files (``PACKS/pack-<slug>.areas/``), whole (``ndp.files``), so every reader in scope sees
the quarter within a second, and the quarter's draft, now published, is taken away. The
publication (and a revision's reason) goes to the audit log.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ndp.engine.pack_files import areas_dir
from ndp.errors import NdpError
from ndp.files import replacing
from ndp.periods import Quarter

if TYPE_CHECKING:
    from ndp.publish.publish import Published
    from ndp.workflow.context import WriterContext
    from ndp.workflow.jobs import Job

KIND = "publish"


def quarter_slug(period: str) -> str:
    """``2024-25 Q1`` (or ``2024-25Q1``, ``2024-25-Q1``) -> ``2024-25-Q1``, as in pack names."""
    return Quarter.parse(period).label.replace(" ", "-")


def publish_job(job: Job, context: WriterContext) -> dict[str, Any]:
    """Publish the quarter ``job.params["period"]`` as ``job.submitted_by``."""
    from ndp.publish.quarter import publish_quarter

    period = str(job.params.get("period", ""))
    slug = quarter_slug(period)
    reason = job.params.get("reason") or None
    context.progress("Publishing: building the draft from the store")
    done = publish_quarter(
        context.store,
        slug,
        context.published,
        job.submitted_by,
        reason=reason,
        commentary=context.commentary(slug),
        progress=context.progress,
    )
    context.progress("Placing the published pack for readers")
    place_pack(context.packs, slug, done)
    result = {
        "period": done.period,
        "version": done.version,
        "pack_hash": done.pack_hash,
        "new": done.new,
        "reason": done.reason,
        "reports": str(done.reports),
        "summary": _summary(done),
    }
    if done.new:
        action = "revision_published" if done.version > 1 else "published"
        context.app_db.audit(job.submitted_by, action, f"/{slug}/quarter", None, result)
    return result


def place_pack(packs: Path, slug: str, done: Published) -> Path:
    """The published version's pack at ``PACKS/pack-<slug>.json`` with its area files in
    ``PACKS/pack-<slug>.areas/``, replaced together (the pack last), and the quarter's draft
    removed when it holds exactly the published figures."""
    from ndp.publish.hashing import pack_hash
    from ndp.publish.layout import read_json

    source = done.reports / "pack.json"
    if not source.is_file():
        raise NdpError(f"{source}: the published version has no pack; publish it again")
    target = packs / f"pack-{slug}.json"
    texts = _area_texts(source, target)
    texts[target] = source.read_text(encoding="utf-8")
    with replacing(list(texts)) as partials:
        for partial, text in zip(partials, texts.values(), strict=True):
            partial.write_text(text, encoding="utf-8")
    for stale in set(areas_dir(target).glob("*.json")) - set(texts):
        stale.unlink()  # an area the placed pack does not have
    draft = packs / "drafts" / f"pack-{slug}.json"
    if draft.is_file() and pack_hash(read_json(draft)) == done.pack_hash:
        draft.unlink()
    return target


def _area_texts(source: Path, target: Path) -> dict[Path, str]:
    """The version's area files as ``target``'s, copied; a version published before versions
    kept them has them written from its pack."""
    kept = areas_dir(source)
    if not kept.is_dir():
        from ndp.engine.pack_files import area_texts
        from ndp.publish.layout import read_json

        return area_texts(read_json(source), target)
    return {areas_dir(target) / p.name: p.read_text(encoding="utf-8")
            for p in sorted(kept.glob("*.json"))}  # fmt: skip


def _summary(done: Published) -> str:
    what = f"{done.period} version {done.version} (pack {done.pack_hash[:12]})"
    if not done.new:
        return f"{what} was already published: nothing was written"
    return f"Published {what}: readers now see it"
