"""With disclosure control on (tests/frameworks/disclosure.yaml, public: fewer than 10), no
suppressed figure of the workbook or the tidy file can be worked out from the others
(``disclosure_attack.py`` tries, with every relation a reader knows); and the attack does work out
figures when only the small counts are withheld, without complementary suppression."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from disclosure_attack import C, Facts, pinned, read_tidy, read_workbook, recover

from ndp.engine.disclosure import project
from ndp.engine.disclosure.grid import Grid
from ndp.engine.disclosure.protect import PRIMARY, primary
from ndp.report.tidy.export import export_rows
from ndp.report.workbook.book import write_workbook


def _written(pack: dict[str, Any], folder: Path) -> dict[str, Facts]:
    """The workbook and the tidy file written for the public, as the attacker reads them."""
    public = project.suppress(pack, "public")
    book = write_workbook(public, folder / "report.xlsx")
    tidy = export_rows(pack, folder / "figures.csv", "csv", audience="public")
    return {"workbook": read_workbook(book, public), "tidy": read_tidy(tidy, public)}


def _truth(pack: dict[str, Any], folder: Path) -> dict[str, Facts]:
    """The same files written for the police: every figure."""
    book = write_workbook(pack, folder / "police.xlsx")
    tidy = export_rows(pack, folder / "police.csv", "csv")
    return {"workbook": read_workbook(book, pack), "tidy": read_tidy(tidy, pack)}


@pytest.fixture(scope="module")
def files(small_pack: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("written")
    return _written(small_pack, folder), _truth(small_pack, folder)


@pytest.mark.parametrize("kind", ["workbook", "tidy"])
def test_no_suppressed_figure_can_be_recovered(files: Any, kind: str, small_pack: Any) -> None:
    public, police = files[0][kind], files[1][kind]
    suppressed = [k for k, v in public.items() if v == C]
    assert len(suppressed) > 100  # the data has small counts at every level
    assert {k[0] for k in suppressed} >= {"v", "change", "pct"}
    recovered = {k: v for k, v in recover(public, small_pack).items() if police.get(k) == v}
    assert recovered == {}


@pytest.mark.parametrize("kind", ["workbook", "tidy"])
def test_the_attack_recovers_small_counts_left_unprotected(
    files: Any, kind: str, small_pack: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only primary suppression (no complement): the attack works out counts under 10."""

    def primary_only(grid: Grid, min_count: int) -> dict[tuple[str, ...], str]:
        return dict.fromkeys(primary(grid, min_count), PRIMARY)

    monkeypatch.setattr(project, "protect", primary_only)
    public, police = _written(small_pack, tmp_path)[kind], files[1][kind]
    recovered = {k: v for k, v in recover(public, small_pack).items() if police.get(k) == v}
    small = [k for k, v in recovered.items() if k[0] == "v" and 0 < v < 10]
    assert len(small) >= 5, recovered
    assert set(small) <= set(pinned(public, small_pack))  # bounds find them too


def test_every_small_count_is_suppressed(files: Any) -> None:
    """No figure from 1 to 9 of a count indicator is shown to the public."""
    public, police = files[0]["tidy"], files[1]["tidy"]
    counts = ("DM.disruptions", "DM.major", "DC.cyber")
    small = [k for k, v in police.items() if k[0] == "v" and k[1] in counts and 0 < v < 10]
    assert small
    assert [k for k in small if public.get(k) != C] == []


@pytest.mark.parametrize("kind", ["workbook", "tidy"])
def test_no_suppressed_count_is_pinned_by_bounds(files: Any, kind: str, small_pack: Any) -> None:
    """Counts are never negative: no suppressed count is narrowed to fewer than three values."""
    assert pinned(files[0][kind], small_pack) == {}
