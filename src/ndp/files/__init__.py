"""Writing output files whole or not at all.

A report, a pack or an export is first written beside its target under a temporary name, and
moved into place only when every file of the set has been written. A failure half-way (a full
disk, a crash in the PDF printer, Ctrl-C) leaves the previous files as they were and no
half-written file behind, and a set (the report's four formats) is never a mix of two runs:

- while the new files are written, a failure removes them and changes nothing;
- then a journal of the moves is written (``ndp.files.journal``) and each target is replaced in
  turn, its previous version kept under a hidden name; a target that cannot be replaced (held,
  a folder in its place) puts every previous file back;
- a run killed with SIGKILL leaves its temporary files or its journal; the next run writing to
  the folder removes the files and, from a journal, finishes the moves it records.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ndp.errors import NdpError
from ndp.files.journal import Move, clear_leftovers, journal, swap

#: What a write meets when the disk (or the quota, or a file size limit) is full.
DISK_FULL = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


def partial_path(target: Path) -> Path:
    """The temporary name a file is written under: hidden, in the same folder (so the final
    move is a rename on one file system), keeping the suffix for writers that look at it."""
    return target.with_name(f".{target.stem}.partial-{os.getpid()}{target.suffix}")


def previous_path(target: Path) -> Path:
    """Where a target's previous version is kept until the whole set has been replaced."""
    return target.with_name(f".{target.stem}.previous-{os.getpid()}{target.suffix}")


def disk_full(error: OSError, where: Path) -> NdpError:
    """The message for a write that found no room, saying that nothing changed."""
    return NdpError(
        f"cannot write {where}: {error.strerror} (the disk is full, or the file over the size "
        "limit); the previous files are as they were: free some space and run the command again"
    )


def full_disk_cause(error: BaseException) -> OSError | None:
    """The full disk behind ``error``, if that is what it is: a writer may wrap the operating
    system's error in its own (xlsxwriter's ``FileCreateError(OSError(...))``)."""
    seen: list[BaseException] = []
    todo: list[object] = [error]
    while todo:
        found = todo.pop()
        if not isinstance(found, BaseException) or any(found is s for s in seen):
            continue
        seen.append(found)
        if isinstance(found, OSError) and found.errno in DISK_FULL:
            return found
        todo += [found.__cause__, found.__context__, *found.args]
    return None


@contextlib.contextmanager
def replacing(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Temporary paths to write ``targets`` to; when the block ends without an error each is
    moved onto its target, otherwise every temporary file is removed and no target changes."""
    partials = [partial_path(t) for t in targets]
    folders = sorted({t.parent for t in targets})
    created = _make_folders(folders)
    for folder in folders:
        clear_leftovers(folder)
    moves = [Move(p, t, previous_path(t)) for p, t in zip(partials, targets, strict=True)]
    done = False
    try:
        yield partials
        missing = [str(p) for p in partials if not p.exists()]
        if missing:
            raise RuntimeError(f"a writer did not write {', '.join(missing)}")
        if moves:
            with journal(folders[0], moves):
                swap(moves)
        done = True
    except Exception as error:
        full = full_disk_cause(error)
        if full is not None:
            raise disk_full(full, targets[0].parent) from None
        raise
    finally:
        for partial in partials:
            partial.unlink(missing_ok=True)
        if not done:  # a folder made for the set goes with it
            for folder in reversed(created):
                with contextlib.suppress(OSError):
                    folder.rmdir()


def _make_folders(folders: Sequence[Path]) -> list[Path]:
    """Make ``folders`` and the folders above them; return those that were new, outermost first."""
    created: list[Path] = []
    for folder in folders:
        missing = [f for f in [folder, *folder.parents] if not f.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        created += [f for f in reversed(missing) if f not in created]
    return created


def write_text(target: Path, text: str) -> Path:
    """``target`` with ``text`` (UTF-8), written whole or not at all."""
    with replacing([target]) as (partial,):
        partial.write_text(text, encoding="utf-8")
    return target
