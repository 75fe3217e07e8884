"""The pack's area files: one per force, unit and region, each written as the area's own view
of the pack, read back by ``load_area``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ndp.engine.exact_json import dumps_exact
from ndp.engine.pack_files import area_file, area_view, load_area, write_pack


def test_each_area_file_is_its_view_of_the_pack(demo_pack: Any, tmp_path: Path) -> None:
    """write_pack encodes the parts many files share once; each file's text is still exactly
    its own view, encoded alone."""
    target = tmp_path / "pack.json"
    paths = write_pack(demo_pack, target)
    data = demo_pack.model_dump(mode="python")
    forces, regions = data["geographies"]["forces"], data["geographies"]["regions"]
    assert len(paths) == 1 + len(forces) + len(regions)
    assert target.read_text(encoding="utf-8") == dumps_exact(data)
    for code in forces:
        text = area_file(target, "force", code).read_text(encoding="utf-8")
        assert text == dumps_exact(area_view(data, "force", code)), code
    for name, region in regions.items():
        text = area_file(target, "region", region["code"]).read_text(encoding="utf-8")
        assert text == dumps_exact(area_view(data, "region", name)), name


def test_a_force_file_holds_the_force_its_region_and_the_nation(
    demo_pack: Any, tmp_path: Path
) -> None:
    write_pack(demo_pack, tmp_path / "pack.json")
    kent = load_area(tmp_path / "pack.json", "force", "E23000032")
    ind = demo_pack.indicators["F1a.disseminations"]
    entry = kent["indicators"]["F1a.disseminations"]
    assert kent["area"]["code"] == "E23000032"
    assert entry["area"]["value"] == ind.by["force"]["E23000032"].value
    assert entry["nation"]["value"] == ind.value
    region = kent["area"]["region"]
    assert entry["region"]["value"] == ind.by["region"][region].value
    assert "monthly" not in entry["region"]
    assert entry["per_force"]["region"] == ind.per_force["region"][region]


def test_an_area_file_says_whether_its_pack_is_a_draft(demo_pack: Any) -> None:
    """As the pack does: the engine's pack is a draft; a published version's is not."""
    data = demo_pack.model_dump(mode="python")
    assert area_view(data, "force", "E23000032")["draft"] is True
    assert area_view({**data, "draft": False}, "region", "London")["draft"] is False
