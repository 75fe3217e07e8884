"""Every input format gives the same findings; the CLI prints them and sets the exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ndp.cli import check_cmd
from ndp.errors import NdpError
from ndp.report.check import check_file, check_text

GOOD = "Protect disruptions rose to 1,266 from 441 in the same period, a rise of 187% (+825)."
SLIP = "In Q1 a total of 11 asset seizures were recorded. This is a 450% (+8) increase."
EXPECTED = "11 - 3 = +8, so +8 (267%), not 450% (+8)"


def _html() -> str:
    return (
        "<html><head><style>p {color: red}</style><title>x 5% (+1)</title></head><body>"
        f"<h1>Report</h1><p>{GOOD}</p><div><p>{SLIP.replace('11', '<b>11</b>')}</p></div>"
        "<table><tr><td>E1b</td><td>42 major</td></tr></table></body></html>"
    )


def test_text_and_markdown(tmp_path: Path) -> None:
    for name in ("r.txt", "r.md"):
        path = tmp_path / name
        path.write_text(f"# Title\n\n{GOOD}\n\n**{SLIP}**\n", encoding="utf-8")
        findings = check_file(path)
        assert [(f.line, f.message) for f in findings] == [(5, EXPECTED)]


def test_html(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    path.write_text(_html(), encoding="utf-8")
    findings = check_file(path)
    assert [f.message for f in findings] == [EXPECTED]
    assert findings[0].statement == "This is a 450% (+8) increase."


def test_pdf_from_html(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path / "r.pdf"
    weasyprint.HTML(string=_html()).write_pdf(path)
    assert [f.message for f in check_file(path)] == [EXPECTED]


def test_docx_paragraphs_and_cells(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(GOOD)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "F2"
    table.cell(0, 1).text = SLIP
    path = tmp_path / "r.docx"
    document.save(str(path))
    assert [f.message for f in check_file(path)] == [EXPECTED]


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    odd = tmp_path / "r.xyz"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(NdpError, match=r"cannot read '\.xyz' files"):
        check_file(odd)
    with pytest.raises(NdpError, match="no such file"):
        check_file(tmp_path / "none.txt")


PACK = {
    "indicators": {
        "E1b.disruptions": {
            "measure": "E1b",
            "noun": "disruptions",
            "unit": "count",
            "value": 1113,
            "breakdown": {"level": {"major": 42, "moderate": 188, "minor": 883}},
        }
    }
}
PACK_TEXT = (
    "E1b In Q1, there were a total of 1,113 disruptions; 42 major, 188 moderate and 883 minor."
)


def test_figures_against_pack() -> None:
    assert check_text(PACK_TEXT, pack=PACK) == []
    wrong = json.loads(json.dumps(PACK))
    wrong["indicators"]["E1b.disruptions"]["breakdown"]["level"]["major"] = 41
    wrong["indicators"]["E1b.disruptions"]["value"] = 1112
    assert [f.message for f in check_text(PACK_TEXT, pack=wrong)] == [
        "the pack gives E1b.disruptions level major = 41, not 42",
        "the pack gives E1b.disruptions value = 1,112, not 1,113",
    ]
    # Another measure's paragraph is not compared with E1b's figures.
    assert check_text(PACK_TEXT.replace("E1b", "E2"), pack=wrong) == []


def test_a_figure_is_compared_with_the_indicator_its_whole_noun_names() -> None:
    """ "judicial outcomes" and "judicial outcome rate" share a first word: 2 judicial outcomes
    is the count's figure, not the rate's (100%), and a wrong count is still caught."""
    base = {"measure": "F1b", "unit": "count", "breakdown": {}}
    pack = {
        "indicators": {
            "F1b.judicial_outcomes": {**base, "noun": "judicial outcomes", "value": 2},
            "F1b.judicial_outcome_rate": {
                **base, "noun": "judicial outcome rate", "unit": "percent", "value": 100
            },
        }
    }  # fmt: skip
    text = "F1b Improve the judicial outcome rate\nNationally, there were {} judicial outcomes."
    assert check_text(text.format(2), pack=pack) == []
    assert [f.message for f in check_text(text.format(3), pack=pack)] == [
        "the pack gives F1b.judicial_outcomes value = 2, not 3"
    ]


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Keep check a sub-command even when it is the only one."""

    check_cmd.register(app)
    return app


def test_cli_output_and_exit_status(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(GOOD + "\n", encoding="utf-8")
    bad.write_text(GOOD + "\n" + SLIP + "\n", encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(_app(), ["check", str(good)])
    assert (ok.exit_code, ok.stdout) == (0, "no problems found\n")
    failed = runner.invoke(_app(), ["check", str(bad)])
    assert failed.exit_code == 1
    assert (
        failed.stdout == f'line 2: "This is a 450% (+8) increase.": {EXPECTED}\n1 problem found\n'
    )


def test_cli_with_pack(tmp_path: Path) -> None:
    report, pack = tmp_path / "r.md", tmp_path / "pack.json"
    report.write_text(PACK_TEXT + "\n", encoding="utf-8")
    wrong = json.loads(json.dumps(PACK))
    wrong["indicators"]["E1b.disruptions"]["value"] = 1112
    pack.write_text(json.dumps(wrong), encoding="utf-8")
    result = CliRunner().invoke(_app(), ["check", str(report), "--pack", str(pack)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "1 problem found"
    missing = CliRunner().invoke(_app(), ["check", str(report), "--pack", str(tmp_path / "no")])
    assert missing.exit_code == 1
    assert "no such pack file" in missing.output
