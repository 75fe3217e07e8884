"""The report's text over edge-case packs: every hand-made engine case (an empty quarter, a
first year with nothing to compare with, a single source, a not-measurable indicator with no
record...) gives every measure's sentences and the executive summary without an error, a
"None" or a figure the consistency checker refuses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ndp.report.check import check_text
from ndp.report.check.extract import html_lines
from ndp.report.force import build_force_context, resolve_force
from ndp.report.force.render import render_force_html
from ndp.report.narrative import measure_sentences, measure_summary
from ndp.report.render import build_context, render_html

CASES = sorted(p.name for p in (Path(__file__).parents[1] / "engine" / "cases").glob("*.yaml"))
CasePack = Callable[[str], tuple[dict[str, Any], dict[str, Any]]]


@pytest.mark.parametrize("case", CASES)
def test_every_measure_is_written_for_an_edge_case_pack(case: str, case_pack: CasePack) -> None:
    _, pack = case_pack(case)
    texts: list[str] = []
    for measure in pack["measures"]:
        sentences = measure_sentences(pack, measure)
        assert all(s.strip() for s in sentences), f"{measure}: an empty sentence"
        texts += sentences
        point = measure_summary(pack, measure)
        if point is not None:
            texts.append(point)
    text = "\n".join(texts)
    assert "None" not in text
    assert check_text(text, pack=pack) == []


@pytest.mark.parametrize("case", CASES)
def test_the_whole_report_and_a_force_edition_are_written_for_an_edge_case_pack(
    case: str, case_pack: CasePack
) -> None:
    """The national report with its charts and annex, and the Met's edition, over each edge
    pack: written, and every statement in them consistent with the pack."""
    _, pack = case_pack(case)
    html = render_html(build_context(pack))
    assert check_text("\n".join(html_lines(html)), pack=pack) == []
    edition = build_force_context(pack, resolve_force(pack, "Met"), charts=False)
    force_html = render_force_html(edition)
    assert "None" not in "\n".join(html_lines(force_html))
    assert check_text("\n".join(html_lines(force_html)), pack=pack) == []


def test_a_template_that_formats_a_missing_figure_is_refused_naming_its_measure() -> None:
    """A framework author's template that writes a null figure is a clear error, not a
    traceback from deep in the formatting."""
    from ndp.errors import NdpError
    from ndp.report.narrative import _render

    with pytest.raises(NdpError, match="narrative template for E9 cannot be written"):
        _render("{{ x|count }} disruptions", {"x": None}, "E9")
