"""Sign-off: an approver, not the analyst who prepared the draft, approves its exact figures.

The record is keyed by the pack hash, so a sign-off approves those figures and no others: a
draft rebuilt with different figures needs signing off again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ndp.errors import NdpError
from ndp.publish.draft import Draft, now_utc
from ndp.publish.layout import Layout, read_json, write_new_json

APPROVER = "approver"


@dataclass(frozen=True)
class SignOff:
    period: str
    pack_hash: str
    prepared_by: str
    approved_by: str
    at: str
    new: bool  # False: those figures were signed off before; nothing was written
    path: Path

    def audit_line(self) -> str:
        return (
            f"signoff {self.period} pack {self.pack_hash[:12]} prepared by {self.prepared_by} "
            f"approved by {self.approved_by}"
        )


def preparer_of(pack: dict[str, Any]) -> str | None:
    """Who loaded the draft's data last (the pack's latest load with a user)."""
    users = [ld.get("username") for ld in pack.get("data_quality", {}).get("loads", [])]
    named = [u for u in users if u]
    return str(named[-1]) if named else None


def sign_off(
    root: Path, draft: Draft, by: str, role: str, *, prepared_by: str | None = None
) -> SignOff:
    """Record that ``by`` (in ``role``) approved ``draft``'s figures."""
    label = draft.pack["period"]["label"]
    if role != APPROVER:
        raise NdpError(
            f"role {role!r} cannot sign off a quarter: sign-off needs the role {APPROVER!r}"
        )
    preparer = prepared_by or preparer_of(draft.pack)
    if not preparer:
        raise NdpError(
            f"{label}: nobody is recorded as preparing this draft; give --prepared-by NAME"
        )
    if by.strip().casefold() == preparer.strip().casefold():
        raise NdpError(
            f"{by} prepared the {label} draft and cannot sign it off too: "
            "a second person, with the approver role, must"
        )
    layout = Layout(root)
    path = layout.signoff(label, draft.pack_hash)
    if path.exists():
        return _from_record(read_json(path), path)
    record = {
        "period": label,
        "pack_hash": draft.pack_hash,
        "prepared_by": preparer,
        "approved_by": by,
        "role": role,
        "at": now_utc(),
    }
    write_new_json(path, record)
    return _from_record(record, path, new=True)


def _from_record(record: dict[str, Any], path: Path, *, new: bool = False) -> SignOff:
    return SignOff(
        record["period"],
        record["pack_hash"],
        record["prepared_by"],
        record["approved_by"],
        record["at"],
        new,
        path,
    )


def signoff_for(root: Path, label: str, pack_hash: str) -> SignOff | None:
    path = Layout(root).signoff(label, pack_hash)
    return _from_record(read_json(path), path) if path.exists() else None
