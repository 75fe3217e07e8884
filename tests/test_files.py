"""Output files are written whole or not at all, and a set of them replaces the old set together."""

from __future__ import annotations

from pathlib import Path

import pytest

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
