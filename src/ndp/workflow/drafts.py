"""A quarter's draft as the writer leaves it in ``PACKS/drafts/pack-<slug>.json``, and signing
it off from there: sign-off needs the draft's figures and hash, not the store, so the dashboard
records it at once (``ndp.publish.signoff``) without a writer job."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ndp.errors import NdpError
from ndp.periods import Quarter
from ndp.publish.draft import Draft
from ndp.publish.hashing import pack_hash
from ndp.publish.layout import read_json
from ndp.publish.signoff import SignOff, preparer_of, sign_off

DRAFTS = "drafts"


def draft_path(packs: Path, slug: str) -> Path:
    return packs / DRAFTS / f"pack-{slug}.json"


@dataclass(frozen=True)
class DraftFile:
    """A quarter's draft pack: its figures (numbers exact), hash and preparer."""

    slug: str
    draft: Draft

    @property
    def pack_hash(self) -> str:
        return self.draft.pack_hash

    @property
    def label(self) -> str:
        return str(self.draft.pack["period"]["label"])

    @property
    def prepared_by(self) -> str | None:
        return preparer_of(self.draft.pack)


def read_draft(packs: Path, slug: str) -> DraftFile | None:
    """The quarter's draft, or None when it has none."""
    path = draft_path(packs, slug)
    if not path.is_file():
        return None
    pack = read_json(path)
    text = path.read_text(encoding="utf-8")
    framework = Path(str(pack.get("provenance", {}).get("framework_file", "")))
    draft = Draft(Quarter.parse(pack["period"]["label"]), pack, pack_hash(pack), text, framework,
                  None)  # fmt: skip
    return DraftFile(slug, draft)


def sign_off_draft(packs: Path, published: Path, slug: str, by: str, role: str,
                   seen_hash: str) -> SignOff:  # fmt: skip
    """``by`` (in ``role``) signs off the quarter's draft, which must still be the one they saw
    (``seen_hash``): a draft rebuilt since is refused rather than approved unseen."""
    found = read_draft(packs, slug)
    if found is None:
        raise NdpError(f"{slug} has no draft to sign off: load the quarter's data first")
    if found.pack_hash != seen_hash:
        raise NdpError(
            f"the {found.label} draft changed while you were reading it (now pack "
            f"{found.pack_hash[:12]}): check the figures again, then sign off"
        )
    return sign_off(published, found.draft, by, role)
