"""Output files are written whole or not at all, and a set of them replaces the old set together."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ndp.errors import NdpError
from ndp.files import partial_path, replacing, write_text


def test_a_set_replaces_the_old_files_together(tmp_path: Path) -> None:
    a, b = tmp_path / "report.html", tmp_path / "sub" / "report.pdf"
    a.write_text("old html")
    with replacing([a, b]) as (pa, pb):
        pa.write_text("new html")
        assert a.read_text() == "old html"  # nothing moves until the whole set is written
        pb.write_text("new pdf")
    assert (a.read_text(), b.read_text()) == ("new html", "new pdf")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        "report.html",
        "report.pdf",
    ]


def test_a_failure_half_way_leaves_the_old_files_and_no_partial_one(tmp_path: Path) -> None:
    a, b = tmp_path / "report.html", tmp_path / "report.pdf"
    a.write_text("old html")
    b.write_text("old pdf")

    def write_half() -> None:
        with replacing([a, b]) as (pa, pb):
            pa.write_text("new html")
            pb.write_text("half a pd")
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_half()
    assert (a.read_text(), b.read_text()) == ("old html", "old pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.pdf"]


def test_a_writer_that_wrote_nothing_is_an_error_not_a_missing_file(tmp_path: Path) -> None:
    a = tmp_path / "pack.json"
    a.write_text("{}")
    with pytest.raises(RuntimeError, match="did not write"), replacing([a]):
        pass
    assert a.read_text() == "{}"


def test_the_partial_name_is_hidden_beside_the_target_with_its_suffix(tmp_path: Path) -> None:
    partial = partial_path(tmp_path / "report.xlsx")
    assert partial.parent == tmp_path
    assert partial.name.startswith(".report.partial-")
    assert partial.suffix == ".xlsx"


def test_write_text(tmp_path: Path) -> None:
    target = write_text(tmp_path / "out" / "pack.json", '{"£": 1}')
    assert target.read_text(encoding="utf-8") == '{"£": 1}'


def write_all(targets: list[Path]) -> None:
    with replacing(targets) as partials:
        for partial in partials:
            partial.write_text("new")


def test_a_target_that_cannot_be_replaced_puts_the_whole_set_back(tmp_path: Path) -> None:
    html, pdf, docx = (tmp_path / f"report.{s}" for s in ("html", "pdf", "docx"))
    html.write_text("old html")
    pdf.write_text("old pdf")
    docx.mkdir()  # something no file can replace: as a file held open on Windows would be
    (docx / "inside").write_text("")
    with pytest.raises(NdpError) as refused:
        write_all([html, pdf, docx])
    assert str(refused.value) == (
        f"cannot replace {docx}: Is a directory; every file of the set is as it was (if another "
        "program holds the file open, close it and run the command again)"
    )
    assert (html.read_text(), pdf.read_text()) == ("old html", "old pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "report.docx",
        "report.html",
        "report.pdf",
    ]


def test_a_new_file_of_a_set_that_fails_is_removed(tmp_path: Path) -> None:
    html, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    pdf.mkdir()
    (pdf / "inside").write_text("")
    with pytest.raises(NdpError):
        write_all([html, pdf])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_run_removes_what_a_killed_run_left_and_finishes_its_moves(
    tmp_path: Path,
) -> None:
    killed, killed_before_rename = dead_pid(), dead_pid()
    html, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    html.write_text("new html")  # moved into place before the kill
    pdf.write_text("old pdf")
    (tmp_path / f".report.previous-{killed}.html").write_text("old html")
    (tmp_path / f".report.partial-{killed}.pdf").write_text("new pdf")  # not yet moved
    moves = [
        [str(tmp_path / f".report.{kind}-{killed}.{suffix}") for kind in ("partial", "previous")]
        for suffix in ("html", "pdf")
    ]
    journal = [
        [partial, str(target), previous]
        for (partial, previous), target in zip(moves, (html, pdf), strict=True)
    ]
    (tmp_path / f".ndp-replacing-{killed}.json").write_text(json.dumps(journal))
    other = tmp_path / "older"
    other.mkdir()
    (other / f".report.partial-{killed}.docx").write_text("half a docx")
    (tmp_path / f".ndp-replacing-{killed_before_rename}.json.tmp").write_text("[")
    write_text(tmp_path / "pack.json", "{}")
    assert (html.read_text(), pdf.read_text()) == ("new html", "new pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "older",
        "pack.json",
        "report.html",
        "report.pdf",
    ]
    write_text(other / "pack.json", "{}")
    assert sorted(p.name for p in other.iterdir()) == ["pack.json"]


def test_a_live_run_s_files_are_left_alone(tmp_path: Path) -> None:
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        mine = tmp_path / f".report.partial-{alive.pid}.pdf"
        mine.write_text("being written")
        write_text(tmp_path / "pack.json", "{}")
        assert mine.exists()
    finally:
        alive.kill()
        alive.wait()


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from ndp.errors import NdpError
from ndp.files import write_text
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 16, 1 << 16))
try:
    write_text(Path(sys.argv[1]), "x" * (1 << 20))
except NdpError as error:
    print(error)
"""


def test_a_full_disk_is_a_message_and_leaves_the_previous_file(tmp_path: Path) -> None:
    """The disk made full for one process by a file size limit (RLIMIT_FSIZE: EFBIG)."""
    target = tmp_path / "pack.json"
    target.write_text("previous")
    run = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(target)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == (
        f"cannot write {tmp_path}: File too large (the disk is full, or the file over the size "
        "limit); the previous files are as they were: free some space and run the command again"
    )
    assert target.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.json"]
