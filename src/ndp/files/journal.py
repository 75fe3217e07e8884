"""Replacing a set of files together, and finishing the job of a run that was killed.

Once every new file of a set is written, a journal (``.ndp-replacing-PID.json``, hidden in the
folder of the first target) records each move: temporary file, target, the previous version's
hidden name. Each target is then replaced in turn, its previous version first kept as a hard
link. If one cannot be replaced, every target already replaced gets its previous version back
(or is removed, if it is new), so the folder holds the old set, never a mix. The journal goes
when the set is in place.

A run killed half-way through the moves leaves its journal: the next run writing to the folder
finishes them (every new file was complete before the journal was written), so the folder then
holds the whole new set. Temporary files and previous versions of processes no longer running
are removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ndp.errors import NdpError

#: Hidden names a run leaves behind if killed, with the process id that made them.
_LEFTOVER = re.compile(r"^\.(?:.+\.(?:partial|previous)-|ndp-replacing-)(\d+)(?:\..*)?$")


@dataclass(frozen=True)
class Move:
    """One file of a set: written to ``partial``, moved onto ``target``, whose previous
    version is kept as ``previous`` until the set is in place."""

    partial: Path
    target: Path
    previous: Path


def journal_path(folder: Path, pid: int | None = None) -> Path:
    return folder / f".ndp-replacing-{pid or os.getpid()}.json"


@contextlib.contextmanager
def journal(folder: Path, moves: Sequence[Move]) -> Iterator[None]:
    """Record ``moves`` (written whole: to a temporary name, then renamed) while the block runs."""
    path = journal_path(folder)
    temporary = path.with_name(path.name + ".tmp")
    entries = [[str(m.partial), str(m.target), str(m.previous)] for m in moves]
    temporary.write_text(json.dumps(entries), encoding="utf-8")
    os.replace(temporary, path)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        for move in moves:
            move.previous.unlink(missing_ok=True)


def swap(moves: Sequence[Move]) -> None:
    """Move each new file onto its target; if one cannot be, put every replaced target back."""
    done: list[Move] = []
    for move in moves:
        try:
            if move.target.is_file():
                move.previous.unlink(missing_ok=True)
                os.link(move.target, move.previous)
            os.replace(move.partial, move.target)
        except OSError as error:
            _put_back(done)
            raise NdpError(
                f"cannot replace {move.target}: {error.strerror}; every file of the set is as "
                "it was (if another program holds the file open, close it and run the command "
                "again)"
            ) from None
        done.append(move)


def _put_back(done: Sequence[Move]) -> None:
    for move in reversed(done):
        if move.previous.exists():
            os.replace(move.previous, move.target)
        else:
            move.target.unlink(missing_ok=True)


def clear_leftovers(folder: Path) -> None:
    """Finish the moves of a killed run's journal in ``folder``, then remove what runs no
    longer running left behind: temporary files, previous versions, half-written journals."""
    for path in sorted(folder.glob(".ndp-replacing-*.json")):
        if _alive(_pid(path)):
            continue
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = []
        for partial, target, _previous in entries:
            if Path(partial).exists():
                os.replace(partial, target)
        for _partial, _target, previous in entries:
            Path(previous).unlink(missing_ok=True)
        path.unlink(missing_ok=True)
    for path in folder.iterdir():
        if _LEFTOVER.match(path.name) and path.is_file() and not _alive(_pid(path)):
            path.unlink(missing_ok=True)


def _pid(path: Path) -> int:
    found = _LEFTOVER.match(path.name)
    return int(found[1]) if found else os.getpid()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
