"""What an uploaded file is, from its content and never its name: CSV, XLSX or ODS.

A workbook is a zip archive: before anything opens it, its directory is checked against limits
on the number of members, their total uncompressed size and how much they compress (a zip bomb
expands a few kilobytes into gigabytes). XLSX is told by its ``xl/workbook.xml`` member, ODS by
its ``mimetype`` member. Anything else must read as text (UTF-8 or Windows-1252, as the loader
reads CSV) with no NUL byte to be taken as CSV.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

FileKind = Literal["csv", "xlsx", "ods"]
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_SNIFF = 64 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class ZipLimits:
    """How far a workbook may expand: members, total uncompressed bytes, and the ratio of
    uncompressed to compressed size (of the whole and of any one member)."""

    members: int = 1000
    total_bytes: int = 200 * 1024 * 1024
    ratio: int = 100


class NotAnExtract(Exception):
    """The file is not one the loader reads; the message says what it is and what to do."""


def identify(path: Path, limits: ZipLimits) -> FileKind:
    """CSV, XLSX or ODS, by content; ``NotAnExtract`` otherwise."""
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF)
    if not head:
        raise NotAnExtract("The file is empty. Choose the extract file again.")
    if head.startswith(b"PK\x03\x04"):
        return _workbook(path, limits)
    if head.startswith(_OLE2):
        raise NotAnExtract(
            "The file is an Excel 97-2003 workbook (.xls). Save it as an Excel workbook (.xlsx) "
            "or CSV and upload that."
        )
    if b"\x00" in head or not _text(head):
        raise NotAnExtract("The file is not a CSV, XLSX or ODS file. Upload the extract itself.")
    return "csv"


def _text(head: bytes) -> bool:
    for encoding in ("utf-8", "cp1252"):
        try:
            # a multi-byte character cut at the sniff's end is still text
            head.decode(encoding) if len(head) < _SNIFF else head[:-3].decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _workbook(path: Path, limits: ZipLimits) -> FileKind:
    try:
        with zipfile.ZipFile(path) as book:
            members = book.infolist()
            _check_expansion(members, path.stat().st_size, limits)
            names = {m.filename for m in members}
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names and book.read("mimetype").strip() == ODS_MIMETYPE:
                return "ods"
    except zipfile.BadZipFile:
        raise NotAnExtract(
            "The file is a damaged zip or workbook. Save the workbook again and upload it."
        ) from None
    raise NotAnExtract(
        "The file is a zip archive but not an Excel (.xlsx) or OpenDocument (.ods) workbook. "
        "Upload the extract itself, not an archive."
    )


def _check_expansion(members: list[zipfile.ZipInfo], size: int, limits: ZipLimits) -> None:
    refused = "The workbook is refused: "
    if len(members) > limits.members:
        raise NotAnExtract(
            f"{refused}it has {len(members):,} parts; at most {limits.members:,} are accepted."
        )
    total = sum(m.file_size for m in members)
    if total > limits.total_bytes:
        raise NotAnExtract(
            f"{refused}it would expand to {size_text(total)}; at most "
            f"{size_text(limits.total_bytes)} is accepted. Split the extract into smaller files."
        )
    worst = max((m.file_size / max(m.compress_size, 1) for m in members), default=0.0)
    if total / max(size, 1) > limits.ratio or worst > limits.ratio:
        raise NotAnExtract(
            f"{refused}it expands more than {limits.ratio} times, as no real extract does. "
            "Save the workbook again from the spreadsheet program and upload that."
        )


def size_text(size: int) -> str:
    """A size as people read it: whole megabytes, or bytes below one."""
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):,.0f} MB"
