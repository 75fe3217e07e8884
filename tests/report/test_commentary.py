"""Analyst commentary: both file forms, the checks against the pack, and its place in every
format after the generated sentences."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from ndp.cli.app import app
from ndp.engine.pack_model import Pack
from ndp.errors import NdpError
from ndp.report.commentary import markdown_blocks, read_commentary
from ndp.report.context import build_context
from ndp.report.render import render_html, write_report

YAML_TEXT = """\
period: 2024-25 Q1
commentary:
  E1b.disruptions: |
    Recording on **APMIS** is spreading.
  E1b: |
    A *positive* quarter.

    - first reason
    - second reason
  F4: Raw <script>alert(1)</script> is shown as text.
"""


@pytest.fixture(scope="module")
def pack(demo_pack: Pack) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


@pytest.fixture
def commentary_file(tmp_path: Path) -> Path:
    path = tmp_path / "commentary.yaml"
    path.write_text(YAML_TEXT, encoding="utf-8")
    return path


def test_yaml_entries_are_grouped_by_measure_with_the_measure_first(
    pack: dict[str, Any], commentary_file: Path
) -> None:
    comments = read_commentary(commentary_file, pack)
    assert sorted(comments) == ["E1b", "F4"]
    assert [c.about for c in comments["E1b"]] == ["E1b", "E1b.disruptions"]
    assert comments["E1b"][1].markdown == "Recording on **APMIS** is spreading."


def test_markdown_keeps_emphasis_and_bullets_and_never_passes_html_through(
    pack: dict[str, Any], commentary_file: Path
) -> None:
    comments = read_commentary(commentary_file, pack)
    measure_comment, indicator_comment = comments["E1b"]
    assert "<em>positive</em>" in measure_comment.html
    assert [b.kind for b in measure_comment.blocks] == ["paragraph", "bullet", "bullet"]
    assert measure_comment.text == "A positive quarter.\n• first reason\n• second reason"
    assert [(r.text, r.bold) for r in indicator_comment.blocks[0].runs] == [
        ("Recording on ", False),
        ("APMIS", True),
        (" is spreading.", False),
    ]
    raw = comments["F4"][0].html
    assert "<script>" not in raw
    assert "&lt;script&gt;" in raw


def test_a_folder_named_by_its_quarter_holds_one_file_per_entry(
    pack: dict[str, Any], tmp_path: Path
) -> None:
    folder = tmp_path / "2024-25-Q1"
    folder.mkdir()
    (folder / "F2.md").write_text("More forces *record* on APMIS.\n", encoding="utf-8")
    (folder / "F2.disruptions.md").write_text("OCG work.\n", encoding="utf-8")
    comments = read_commentary(folder, pack)
    assert [c.about for c in comments["F2"]] == ["F2", "F2.disruptions"]
    assert comments["F2"][0].source == str(folder / "F2.md")


def test_commentary_for_another_quarter_is_refused(pack: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("period: 2024-25 Q2\ncommentary:\n  E1b: text\n", encoding="utf-8")
    with pytest.raises(NdpError, match=r"c\.yaml: commentary is for 2024-25 Q2.*2024-25 Q1"):
        read_commentary(path, pack)


def test_an_unknown_id_is_refused_with_its_line_and_the_nearest_ids(
    pack: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "period: 2024-25Q1\ncommentary:\n  E1b: fine\n  E1b.disruption: typo\n", encoding="utf-8"
    )
    with pytest.raises(NdpError, match=r"line 4.*'E1b\.disruption'.*E1b\.disruptions"):
        read_commentary(path, pack)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("commentary: {E1b: x}\n", "expected the keys 'period' and 'commentary'"),
        ("period: 2024-25 Q1\ncommentary: [a]\n", "line 2: 'commentary' must map ids"),
        ("period: 2024-25 Q1\ncommentary:\n  E1b: ''\n", "line 3: .*must be Markdown text"),
        ("period: 2024-25 Q1\ncommentary:\n  E1b: a\n  E1b: b\n", "line 4: a second entry"),
        ("period: [\n", "not valid YAML"),
    ],
)
def test_malformed_files_get_a_clear_error(
    pack: dict[str, Any], tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NdpError, match=message):
        read_commentary(path, pack)


def test_html_shows_commentary_after_the_generated_sentences(
    pack: dict[str, Any], commentary_file: Path
) -> None:
    html = render_html(build_context(pack, read_commentary(commentary_file, pack)))
    section = html[html.index('id="E1b"') :]
    section = section[: section.index("</section>")]
    assert section.index("53% (+384)") < section.index('data-about="E1b"')
    assert section.index('data-about="E1b"') < section.index('data-about="E1b.disruptions"')


def test_word_and_excel_carry_the_commentary(
    pack: dict[str, Any], commentary_file: Path, tmp_path: Path
) -> None:
    docx_path, xlsx_path = write_report(
        pack, tmp_path, ["docx", "xlsx"], commentary=commentary_file
    )
    paragraphs = Document(str(docx_path)).paragraphs
    bold = [r.text for p in paragraphs for r in p.runs if r.bold]
    assert "APMIS" in bold
    bullets = [p.text for p in paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert "first reason" in bullets
    book = load_workbook(xlsx_path)
    sheet = next(s for s in book.worksheets if str(s["A1"].value).startswith("Analyst commentary"))
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["E1b", "E1b", "A positive quarter.\n• first reason\n• second reason"] in rows


def test_markdown_blocks_of_plain_text_is_one_paragraph() -> None:
    blocks = markdown_blocks("one line\nwrapped")
    assert [(b.kind, b.text) for b in blocks] == [("paragraph", "one line wrapped")]


def test_cli_refuses_bad_commentary_and_writes_nothing(
    pack: dict[str, Any], tmp_path: Path
) -> None:
    pack_file = tmp_path / "pack.json"
    pack_file.write_text(json.dumps(pack, default=str), encoding="utf-8")
    bad = tmp_path / "c.yaml"
    bad.write_text("period: 2024-25 Q1\ncommentary:\n  Z9: nope\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["report", "--pack", str(pack_file), "--commentary", str(bad), "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "'Z9'" in result.output
    assert not out.exists()


def test_an_outlier_flag_is_shown_until_commentary_explains_it(
    pack: dict[str, Any], commentary_file: Path
) -> None:
    """E1b's disruptions rose by more than the outlier margin: the measure says so until an
    analyst's commentary on E1b explains it; its coverage flag stays either way."""
    assert "outlier_change" in pack["indicators"]["E1b.disruptions"]["flags"]

    def e1b_flags(context: Any) -> list[str]:
        sections = [m for t in context.themes for o in t.objectives for m in o.measures]
        return next(m.flags for m in sections if m.id == "E1b")

    assert e1b_flags(build_context(pack)) == ["coverage_change", "outlier_change"]
    explained = build_context(pack, read_commentary(commentary_file, pack))
    assert e1b_flags(explained) == ["coverage_change"]
