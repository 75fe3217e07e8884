"""Uploads: extracts an analyst sends through the browser, each kept under a random id with its
SHA-256, and the load job that will read them.

``receive`` streams each file to disk under the size cap, identifies it by content
(``ndp.workflow.filetypes``), and only when every file is accepted records them in
``app_uploads`` together with their job, in one transaction: a refused file, or a request that
fails half way, leaves neither a row nor a file.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ndp.appdb import AppDB
from ndp.appdb.audit import iso
from ndp.errors import NdpError
from ndp.periods import Quarter
from ndp.workflow import jobs
from ndp.workflow.filetypes import FileKind, NotAnExtract, ZipLimits, identify, size_text

_CHUNK = 1024 * 1024
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:]")
_COLUMNS = "id, name, size, sha256, kind, uploaded_by, uploaded_at, job_id"


@dataclass(frozen=True)
class UploadLimits:
    """The largest file accepted, and how far a workbook may expand."""

    max_bytes: int = 50 * 1024 * 1024
    zip: ZipLimits = field(default_factory=ZipLimits)


@dataclass(frozen=True)
class Incoming:
    """A file as the browser sent it: the name it had on the analyst's machine, its bytes."""

    name: str
    stream: IO[bytes]


@dataclass(frozen=True)
class Upload:
    """A kept upload: ``path`` is where the writer reads it."""

    id: str
    name: str
    size: int
    sha256: str
    kind: FileKind
    uploaded_by: str
    uploaded_at: str
    job_id: int | None
    path: Path


class UploadRefused(NdpError):
    """One or more files were refused; ``problems`` holds (file name, what to do) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{name}: {text}" for name, text in problems))


def safe_name(name: str, kind: FileKind) -> str:
    """The file's own name, without folders or control characters, ending as its content is."""
    stem = Path(_UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1])).stem.strip(" .")
    return f"{stem or 'extract'}.{kind}"


def quarter_slug(text: str | None) -> str | None:
    """The quarter an upload is for, as its URL names it (``2024-25-Q1``); None when not given.
    Checked before anything is kept, so a load never commits and then fails on its draft."""
    if not text or not text.strip():
        return None
    try:
        quarter = Quarter.parse(text)
    except NdpError as error:
        raise UploadRefused([("", f"The quarter is not right: {error}.")]) from None
    return f"{quarter.year.label}-Q{quarter.number}"


def receive(
    db: AppDB,
    folder: Path,
    files: Sequence[Incoming],
    by: str,
    limits: UploadLimits,
    job: tuple[str, dict[str, Any]],
    remote_addr: str | None = None,
) -> int:
    """Keep ``files`` and queue ``job`` (kind, params) to read them; return the job's id. The
    job's params gain ``uploads``: the ids of the files, in the order given."""
    if not files:
        raise UploadRefused([("", "Select one or more extract files to upload.")])
    kept: list[tuple[str, str, int, str, FileKind]] = []
    problems: list[tuple[str, str]] = []
    try:
        for incoming in files:
            try:
                kept.append(_keep(folder, incoming, limits))
            except NotAnExtract as refused:
                problems.append((incoming.name, str(refused)))
        if problems:
            raise UploadRefused(problems)
        return _record(db, kept, by, job, remote_addr)
    except BaseException:
        for upload_id, *_ in kept:
            shutil.rmtree(folder / upload_id, ignore_errors=True)
        raise


def _keep(
    folder: Path, incoming: Incoming, limits: UploadLimits
) -> tuple[str, str, int, str, FileKind]:
    upload_id = secrets.token_hex(16)
    partial = folder / f"{upload_id}.partial"
    folder.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    try:
        with open(partial, "wb") as out:
            while chunk := incoming.stream.read(_CHUNK):
                size += len(chunk)
                if size > limits.max_bytes:
                    raise NotAnExtract(
                        f"The file is larger than {size_text(limits.max_bytes)}. "
                        "Split the extract into smaller files."
                    )
                digest.update(chunk)
                out.write(chunk)
        kind = identify(partial, limits.zip)
        (folder / upload_id).mkdir()
        partial.rename(folder / upload_id / safe_name(incoming.name, kind))
    finally:
        partial.unlink(missing_ok=True)
    return upload_id, incoming.name, size, digest.hexdigest(), kind


def _record(
    db: AppDB,
    kept: list[tuple[str, str, int, str, FileKind]],
    by: str,
    job: tuple[str, dict[str, Any]],
    remote_addr: str | None,
) -> int:
    kind, params = job
    with db.transaction(exclusive=True) as tx:
        job_id = jobs.queue(db, tx, kind, {**params, "uploads": [k[0] for k in kept]}, by,
                            remote_addr)  # fmt: skip
        for upload_id, name, size, sha256, file_kind in kept:
            tx.run(
                f"INSERT INTO app_uploads ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (upload_id, name, size, sha256, file_kind, by, iso(db.now()), job_id),
            )
            detail: dict[str, object] = {"name": name, "size": size, "sha256": sha256,
                                         "job": job_id}  # fmt: skip
            db.audit_in(tx, by, "upload", f"upload:{upload_id}", detail, remote_addr)
    return job_id


def uploads(db: AppDB, folder: Path, ids: Sequence[str]) -> list[Upload]:
    """The uploads with these ids, in that order, with where each is kept."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    with db.transaction() as tx:
        found = tx.run(f"SELECT {_COLUMNS} FROM app_uploads WHERE id IN ({marks})", tuple(ids))
    by_id = {row[0]: row for row in found}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise NdpError(f"upload {missing[0]} is not in the app database")
    return [_upload(by_id[i], folder) for i in ids]


def _upload(row: tuple[Any, ...], folder: Path) -> Upload:
    upload_id, name, size, sha256, kind, by, at, job_id = row
    path = folder / upload_id / safe_name(name, kind)
    return Upload(upload_id, name, int(size), sha256, kind, by, at, job_id, path)


def load_partially(db: AppDB, job: jobs.Job, by: str, remote_addr: str | None = None) -> int:
    """Queue the refused load ``job`` again as a partial load (``ndp load --partial``): the good
    rows load, the refused ones go to quarantine. Return the new job's id."""
    if job.kind != "load" or job.state != "failed" or not job.result.get("problems"):
        raise NdpError(
            f"job {job.id} is not a refused load: only a refused load can load partially"
        )
    params = {**job.params, "partial": True}
    with db.transaction(exclusive=True) as tx:
        return jobs.queue(db, tx, "load", params, by, remote_addr)
