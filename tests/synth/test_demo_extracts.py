"""The demo extracts: reproducible, every source present, written as real extracts are."""

from __future__ import annotations

from pathlib import Path

from ndp.contract import contract
from ndp.load import validate_extract
from ndp.synth.demo import write_demo_extracts


def test_same_seed_gives_byte_identical_files(tmp_path: Path, demo_extracts: list[Path]) -> None:
    again = write_demo_extracts(tmp_path)
    assert [p.name for p in again] == [p.name for p in demo_extracts]
    for first, second in zip(demo_extracts, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_another_seed_gives_other_data(tmp_path: Path, demo_extracts: list[Path]) -> None:
    other = write_demo_extracts(tmp_path, seed=1)
    assert other[0].read_bytes() != demo_extracts[0].read_bytes()


def test_every_source_is_present_and_the_snapshot_is_split(demo_extracts: list[Path]) -> None:
    import duckdb

    con = duckdb.connect()
    sources = [validate_extract(con, path).source.name for path in demo_extracts]
    assert set(sources) == set(contract().sources)
    assert sources.count("disseminations") == 3
    assert {p.suffix for p in demo_extracts} == {".csv", ".xlsx"}


def test_extracts_use_real_world_spellings(demo_extracts: list[Path]) -> None:
    disruptions = next(p for p in demo_extracts if "disruptions" in p.name).read_text()
    header = disruptions.splitlines()[0]
    assert header.startswith("Disruption ID,Date,Force")
    assert "/2024," in disruptions  # UK day-first dates
    assert "MPS" in disruptions or "Met," in disruptions  # forces by alias
