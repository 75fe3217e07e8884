"""The demo quarter signed off, published, revised by a late return, diffed and reproduced,
through the commands a user runs."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from ndp.cli.app import app
from ndp.load import load_files
from ndp.report.render import read_pack
from ndp.report.tidy.rows import build_rows
from ndp.store import open_store

runner = CliRunner()
LATE = (
    "Disruption ID,Date,Force,Threat,Category,Level,OCG Ref,Operation\n"
    "DIS-900001,15/05/2024,Lincolnshire Police,MLAR,,Minor,OCG-7488,\n"
)


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _pdf_text(path: Path) -> str:
    """The PDF's text as a reader reads it: lines rejoined into one run of words."""
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def _revised_outputs(folder: Path, indicator: str, old: int, new: int) -> None:
    """Version 2's PDF, Word, workbook, force edition and tidy rows mark Lincolnshire's
    figure revised with version 1's value."""
    pack = read_pack(folder / "pack.json")
    title = pack["indicators"][indicator]["title"]
    line = f"{title}, Lincolnshire Police: {new:,} [r], previously {old:,} (version 1)."
    assert line in _pdf_text(folder / "report.pdf")
    assert line in _pdf_text(folder / "forces" / "E23000020" / "report.pdf")
    assert "Draft" not in _pdf_text(folder / "report.pdf")
    assert line in [p.text for p in Document(str(folder / "report.docx")).paragraphs]
    book = load_workbook(folder / "report.xlsx")
    cells = [list(r) for ws in book.worksheets for r in ws.iter_rows(values_only=True)]
    assert [
        f"{title} ({indicator})", "Lincolnshire Police", new, old, "[r]", 1,
        "Lincolnshire late return",
    ] in cells  # fmt: skip
    rows = [
        r for r in build_rows(pack) if r.indicator_id == indicator and r.area.code == "E23000020"
    ]
    assert [(r.value, r.revised, r.previous_value) for r in rows if r.report_period] == [
        (new, True, old)
    ]


def _ndp(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.slow
def test_publish_revise_diff_and_reproduce(demo_extracts: list[Path], tmp_path: Path) -> None:
    extracts = tmp_path / "extracts"
    extracts.mkdir()
    paths = [Path(shutil.copy(p, extracts / p.name)) for p in demo_extracts]
    db, pub = str(tmp_path / "s.duckdb"), tmp_path / "published"
    common = ["--db", db, "--published", str(pub)]
    # two force editions, not 45, twice: the flow is the same; the full set is
    # test_all_forces_writes_the_45_dissemination_forces (tests/report)
    editions = ["--force", "Kent", "--force", "E23000020"]
    with open_store(db) as store:
        load_files(store, paths, username="ann")

    code, text = _ndp("publish", "2024-25Q1", "--by", "bob", *common)
    assert code == 1
    assert text.startswith("error: the 2024-25 Q1 draft (pack ")
    assert text.rstrip().endswith(
        "is not signed off: an approver runs `ndp signoff 2024-25Q1 --by NAME --role approver` "
        "first"
    )
    code, text = _ndp("signoff", "2024-25Q1", "--by", "Ann", "--role", "approver", *common)
    assert (code, text.strip()) == (
        1,
        "error: Ann prepared the 2024-25 Q1 draft and cannot sign it off too: a second "
        "person, with the approver role, must",
    )
    code, text = _ndp("signoff", "2024-25Q1", "--by", "bob", "--role", "analyst", *common)
    assert (code, text.strip()) == (
        1,
        "error: role 'analyst' cannot sign off a quarter: sign-off needs the role 'approver'",
    )
    code, text = _ndp("signoff", "2024-25Q1", "--by", "bob", "--role", "approver", *common)
    assert code == 0, text
    assert text.startswith("Signed off 2024-25 Q1 (pack ")
    assert text.rstrip().endswith("): prepared by ann, approved by bob.")

    code, text = _ndp("publish", "2024-25Q1", "--by", "bob", *editions, *common)
    assert code == 0, text
    (v1_dir,) = (pub / "reports").iterdir()
    assert text.strip() == f"Published 2024-25 Q1 version 1 (pack {v1_dir.name[:12]}) to {v1_dir}."
    v1_files = _hashes(v1_dir)
    assert {"report.html", "report.pdf", "report.docx", "report.xlsx", "pack.json"} <= set(v1_files)
    forces = {f.split("/")[1] for f in v1_files if f.startswith("forces/") and f.endswith(".pdf")}
    assert forces == {"E23000032", "E23000020"}
    manifest = json.loads((pub / "2024-25Q1" / "v1.json").read_text())
    assert manifest["pack_hash"] == v1_dir.name
    assert [e["sha256"] for e in manifest["extracts"]] == [
        hashlib.sha256(p.read_bytes()).hexdigest() for p in paths
    ]
    assert all((pub / "files" / e["sha256"]).is_file() for e in manifest["extracts"])
    assert (manifest["prepared_by"], manifest["approved_by"]) == ("ann", "bob")
    v1_pdf = _pdf_text(v1_dir / "report.pdf")
    assert "Draft" not in v1_pdf
    assert "[r]" not in v1_pdf
    assert "Draft" not in _pdf_text(v1_dir / "forces" / "E23000020" / "report.pdf")
    held = {o.split("/")[3] for o in manifest["outputs"] if "/forces/" in o and o.endswith(".pdf")}
    assert held == {"E23000032", "E23000020"}  # the manifest says what the version holds

    code, text = _ndp("publish", "2024-25Q1", "--by", "bob", *common)
    assert (code, text.strip()) == (
        0,
        f"2024-25 Q1 version 1 already has these figures (pack {v1_dir.name[:12]}): "
        "nothing written.",
    )
    code, text = _ndp("reproduce", "2024-25Q1", "--published", str(pub))
    assert (code, text.strip()) == (
        0,
        f"2024-25 Q1 version 1 reproduces: pack {v1_dir.name[:12]} matches the published hash.",
    )

    late = tmp_path / "late" / "apmis-disruptions-late.csv"
    late.parent.mkdir()
    late.write_text(LATE)
    with open_store(db) as store:
        load_files(store, [late], username="ann")
    code, text = _ndp("signoff", "2024-25Q1", "--by", "bob", *common)
    assert code == 0, text
    code, text = _ndp("publish", "2024-25Q1", "--by", "bob", *common)
    assert (code, text.strip()) == (
        1,
        "error: 2024-25 Q1 was published before (version 1); publishing a revision needs a "
        "reason: give --reason TEXT",
    )
    code, text = _ndp(
        "publish", "2024-25Q1", "--by", "bob", "--reason", "Lincolnshire late return",
        *editions, *common,
    )  # fmt: skip
    assert code == 0, text
    assert text.startswith("Published 2024-25 Q1 version 2 (pack ")
    assert _hashes(v1_dir) == v1_files  # the first version is byte-identical
    (v2_dir,) = [d for d in (pub / "reports").iterdir() if d != v1_dir]

    code, text = _ndp("diff", "2024-25Q1", "--format", "json", "--published", str(pub))
    assert code == 0, text
    changes = json.loads(text)["changes"]
    lincs = [c for c in changes if c["area"] == "force E23000020"]
    assert lincs, changes  # the late return changes Lincolnshire's disruptions, by one
    assert {c["new"] - c["old"] for c in lincs if c["indicator"].endswith("disruptions")} == {1}
    old, new = lincs[0]["old"], lincs[0]["new"]
    code, text = _ndp("diff", "2024-25Q1", "--from", "1", "--to", "2", "--published", str(pub))
    lines = text.splitlines()
    assert lines[0] == "2024-25 Q1: version 1 to version 2"
    assert lines[1].split() == ["indicator", "area", "old", "new"]
    assert [lincs[0]["indicator"], "force", "E23000020", str(old), str(new)] in [
        line.split() for line in lines
    ]
    assert lines[-1] == f"{len(changes)} figures changed"

    _revised_outputs(v2_dir, lincs[0]["indicator"], old, new)

    code, text = _ndp("publications", "2024-25Q1", "--published", str(pub))
    rows = text.strip().splitlines()
    assert len(rows) == 2
    assert rows[1].endswith("by bob, approved by bob (revised: Lincolnshire late return)")
    assert rows[0].startswith(f"2024-25 Q1  v1  {v1_dir.name[:12]}  published ")
    code, text = _ndp("reproduce", "2024-25Q1", "--version", "1", "--published", str(pub))
    assert code == 0, text
